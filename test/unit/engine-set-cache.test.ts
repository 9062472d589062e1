/**
 * The set cache (issue 17): a plain policy set passed again is decided through the bundle linked
 * on its first call, without the caller calling `link`. These tests check what the cache keeps
 * and that decisions follow the set the caller passes now (a mutated array, a disposed member),
 * never timing: speed is measured in bench/.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { createEngine, type CompiledPolicy, type Engine } from "../../js/index.ts";
import * as L from "../../js/engine/limits.ts";

const alice = "arn:aws:iam::111122223333:user/alice";
const get = { principal: alice, action: "s3:GetObject", resource: "arn:aws:s3:::bucket/key" };
const put = { principal: alice, action: "s3:PutObject", resource: "arn:aws:s3:::bucket/key" };

let engine: Engine;
let allowGet: CompiledPolicy;
let denyGet: CompiledPolicy;
let allowPut: CompiledPolicy;
beforeEach(async () => {
  engine = await createEngine();
  const policy = (effect: string, action: string) => ({ Version: "2012-10-17", Statement: { Effect: effect, Action: action, Resource: "*" } });
  allowGet = engine.compile(policy("Allow", "s3:GetObject"), { kind: "identity", id: "allowGet" });
  denyGet = engine.compile(policy("Deny", "s3:GetObject"), { kind: "identity", id: "denyGet" });
  allowPut = engine.compile(policy("Allow", "s3:PutObject"), { kind: "identity", id: "allowPut" });
});

describe("a plain policy set passed again", () => {
  it("is linked once, on its second call: new set objects with the same members find the same entry", () => {
    expect(engine.stats.linkedSets).toBe(0);
    const identity = [allowGet, allowPut];
    // The first call decides without linking the set, and counts it.
    expect(engine.authorize(get, { identity }).decision).toBe("Allow");
    expect(engine.stats).toMatchObject({ linkedSets: 0, seenSets: 1 });
    expect(engine.authorize(put, { identity: [allowGet, allowPut] }).decision).toBe("Allow");
    expect(engine.stats).toMatchObject({ linkedSets: 1, seenSets: 0 });
    for (let i = 0; i < 100; i++) {
      expect(engine.authorize(i % 2 ? get : put, { identity: [allowGet, allowPut] }).decision).toBe("Allow");
      expect(engine.authorizeBatch([get, put], { identity })).toEqual(["Allow", "Allow"]);
    }
    expect(engine.stats.linkedSets).toBe(1);
    expect(engine.stats.linkedSetBytes).toBeGreaterThan(0);
    // The same members in another order, or some of them, are another set.
    engine.authorize(get, { identity: [allowPut, allowGet] });
    engine.authorize(get, { identity: [allowGet] });
    expect(engine.stats).toMatchObject({ linkedSets: 1, seenSets: 2 });
    engine.authorize(get, { identity: [allowPut, allowGet] });
    engine.authorize(get, { identity: [allowGet] });
    expect(engine.stats).toMatchObject({ linkedSets: 3, seenSets: 0 });
  });

  it("decides as a linked bundle and as explain do, on the first call and on later ones", () => {
    const set = { identity: [allowGet, denyGet, allowPut] };
    const bundle = engine.link(set);
    for (let round = 0; round < 3; round++) {
      for (const request of [get, put, { ...get, action: "s3:ListBucket" }]) {
        const plain = engine.authorize(request, set);
        expect(plain).toEqual(engine.authorize(request, bundle));
        expect(engine.explain(request, set).result).toEqual(plain);
      }
    }
    expect(engine.authorize(get, set).decision).toBe("ExplicitDeny");
  });

  it("follows the caller's array when it is mutated between calls", () => {
    const identity = [allowGet];
    const set = { identity };
    expect(engine.authorize(get, set).decision).toBe("Allow");
    identity.push(denyGet);
    expect(engine.authorize(get, set).decision).toBe("ExplicitDeny");
    expect(engine.authorizeBatch([get, put], set)).toEqual(["ExplicitDeny", "ImplicitDeny"]);
    identity[1] = allowPut;
    expect(engine.authorizeBatch([get, put], set)).toEqual(["Allow", "Allow"]);
    identity.length = 0;
    expect(engine.authorize(get, set).decision).toBe("ImplicitDeny");
    identity.push(allowGet);
    expect(engine.authorize(get, set).decision).toBe("Allow");
    // A slot added to the same object between calls.
    (set as { boundary?: CompiledPolicy }).boundary = engine.compile(
      { Version: "2012-10-17", Statement: { Effect: "Allow", Action: "s3:PutObject", Resource: "*" } }, { kind: "boundary" });
    expect(engine.authorize(get, set).decision).toBe("ImplicitDeny");
  });

  it("is emptied when any policy is disposed, and a disposed member is refused, not decided with", () => {
    const set = { identity: [allowGet, denyGet] };
    const other = { identity: [allowPut] };
    for (let i = 0; i < 2; i++) {
      expect(engine.authorize(get, set).decision).toBe("ExplicitDeny");
      expect(engine.authorize(put, other).decision).toBe("Allow");
    }
    expect(engine.stats.linkedSets).toBe(2);
    denyGet.dispose();
    expect(engine.stats.linkedSets).toBe(2); // emptied at the next call, which sees the epoch move
    expect(() => engine.authorize(get, set)).toThrow(expect.objectContaining({ code: "POLICY_DISPOSED", path: "/identity/1" }));
    expect(() => engine.authorizeBatch([get], set)).toThrow(expect.objectContaining({ code: "POLICY_DISPOSED" }));
    expect(engine.stats.linkedSets).toBe(0);
    expect(engine.authorize(put, other).decision).toBe("Allow");
    expect(engine.authorize(get, { identity: [allowGet] }).decision).toBe("Allow");
    // The counts were emptied with the entries: these were first calls again.
    expect(engine.stats).toMatchObject({ linkedSets: 0, seenSets: 2 });
    expect(engine.authorize(put, other).decision).toBe("Allow");
    expect(engine.authorize(get, { identity: [allowGet] }).decision).toBe("Allow");
    expect(engine.stats).toMatchObject({ linkedSets: 2, seenSets: 0 });
  });

  it("keeps each set's own selection when sets of the same action alternate (one action entry, several bundles)", () => {
    const allowing = { identity: [allowGet, allowPut] };
    const denying = { identity: [allowGet, denyGet] };
    const linked = engine.link({ identity: [denyGet] });
    for (let i = 0; i < 20; i++) {
      // The third call on each set is the one that builds and keeps its selection for the action
      // (the first decides unlinked, the second links the set and notes the action).
      expect(engine.authorize(get, { ...allowing }).decision).toBe("Allow");
      expect(engine.authorize(get, { ...denying }).decision).toBe("ExplicitDeny");
      expect(engine.authorize(get, linked).decision).toBe("ExplicitDeny");
      expect(engine.authorize(get, allowing).decision).toBe("Allow");
      expect(engine.authorizeBatch([get, put, get], denying)).toEqual(["ExplicitDeny", "ImplicitDeny", "ExplicitDeny"]);
      expect(engine.authorizeBatch([put, get], allowing)).toEqual(["Allow", "Allow"]);
    }
    // Another policy disposed: every selection is forgotten, the next calls select again.
    engine.compile({ Version: "2012-10-17", Statement: { Effect: "Allow", Action: "ec2:*", Resource: "*" } }, { kind: "identity" }).dispose();
    expect(engine.authorize(get, linked).decision).toBe("ExplicitDeny");
    expect(engine.authorize(get, allowing).decision).toBe("Allow");
    expect(engine.authorize(get, allowing).decision).toBe("Allow");
    expect(engine.authorize(get, denying).decision).toBe("ExplicitDeny");
  });

  it("refuses a bad set on a later call as on the first", () => {
    const set: { identity: unknown[] } = { identity: [allowGet] };
    engine.authorize(get, set as never);
    set.identity.push({ handle: allowGet.handle });
    expect(() => engine.authorize(get, set as never)).toThrow(expect.objectContaining({ code: "INVALID_POLICY_SET", path: "/identity/1" }));
    set.identity[1] = allowGet;
    expect(engine.authorize(get, set as never).decision).toBe("Allow");
  });
});

describe("the set cache's bounds", () => {
  it("keeps at most MAX_LINKED_SETS sets within MAX_LINKED_SET_BYTES, and flat memory over a million decisions", () => {
    const policies = Array.from({ length: 40 }, (_, i) => engine.compile({
      Version: "2012-10-17",
      Statement: [
        { Effect: "Allow", Action: ["s3:Get*", `sqs:Send${i}*`], Resource: "*" },
        { Effect: "Deny", Action: "s3:GetObject", Resource: `arn:aws:s3:::deny${i}/*` },
      ],
    }, { kind: "identity", id: `p${i}` }));
    // 1,000 requests over 20 actions: every set keeps selections, and the entry bound binds first.
    const requests = Array.from({ length: 1000 }, (_, i) => ({ principal: alice, action: `s3:Get${i % 20}`, resource: `arn:aws:s3:::deny${i % 40}/k` }));
    let maxEntries = 0;
    let maxBytes = 0;
    let memoryAtHalf = 0;
    // A million decisions, over 1,000 distinct sets of three to five policies: more sets than
    // the cache keeps, so it evicts.
    for (let round = 0; round < 1000; round++) {
      const identity = [policies[round % 40], policies[(round / 40) | 0], policies[(round * 13 + 2) % 40]];
      if (round % 3 === 0) identity.push(policies[(round * 7 + 1) % 40], policies[(round * 11 + 5) % 40]);
      const decisions = engine.authorizeBatch(requests, { identity });
      if (round % 101 === 0) {
        const bundle = engine.link({ identity });
        expect(decisions).toEqual(engine.authorizeBatch(requests, bundle));
      }
      maxEntries = Math.max(maxEntries, engine.stats.linkedSets);
      maxBytes = Math.max(maxBytes, engine.stats.linkedSetBytes);
      if (round === 500) memoryAtHalf = engine.memoryBytes;
    }
    expect(maxEntries).toBe(L.MAX_LINKED_SETS); // reached, then evicting
    expect(maxBytes).toBeLessThanOrEqual(L.MAX_LINKED_SET_BYTES);
    expect(engine.memoryBytes).toBe(memoryAtHalf);
  });

  it("keeps the selections of every set within the shared byte budget", () => {
    // Wide sets: each selection holds words for many policies, so the byte bound binds first.
    const policies = Array.from({ length: 200 }, (_, i) => engine.compile({
      Version: "2012-10-17", Statement: { Effect: "Allow", Action: "s3:*", Resource: `arn:aws:s3:::b${i}/*` },
    }, { kind: "identity", id: `w${i}` }));
    const requests = Array.from({ length: 256 }, (_, i) => ({ principal: alice, action: `s3:Op${i}`, resource: "arn:aws:s3:::b1/k" }));
    let maxBytes = 0;
    for (let round = 0; round < 100; round++) {
      const identity = policies.slice(round % 10, 190 + (round % 10));
      identity.push(policies[(round * 7) % 200]);
      // Twice: a set builds an action's selection when the action comes back.
      for (let twice = 0; twice < 2; twice++) expect(engine.authorizeBatch(requests, { identity }).every((d) => d === "Allow")).toBe(identity.includes(policies[1]));
      maxBytes = Math.max(maxBytes, engine.stats.linkedSetBytes);
    }
    expect(maxBytes).toBeLessThanOrEqual(L.MAX_LINKED_SET_BYTES);
    expect(maxBytes).toBeGreaterThan(L.MAX_LINKED_SET_BYTES / 2); // the budget was really used
    expect(engine.stats.linkedSets).toBeLessThan(L.MAX_LINKED_SETS);
  });
});

describe("single calls on more sets than the cache keeps", () => {
  /** `count` distinct sets of three of `policies` (each a new array), and their linked bundles. */
  function sets(policies: CompiledPolicy[], count: number, offset: number) {
    return Array.from({ length: count }, (_, i) => {
      const k = i + offset;
      const members = [policies[k % 40], policies[40 + ((k / 40) | 0) % 40], policies[80 + ((k * 7) % 40)]];
      return { members, bundle: engine.link({ identity: members }) };
    });
  }

  it("keeps some linked and decides the others unlinked, instead of evicting each other call after call", () => {
    const policies = Array.from({ length: 120 }, (_, i) => engine.compile({
      Version: "2012-10-17",
      Statement: [{ Effect: i % 5 === 0 ? "Deny" : "Allow", Action: `s3:${["Get", "Put", "List"][i % 3]}*`, Resource: `arn:aws:s3:::b${i % 9}/*` }],
    }, { kind: "identity", id: `p${i}` }));
    const requests = ["s3:GetObject", "s3:PutObject", "s3:ListBucket"].flatMap((action) =>
      Array.from({ length: 9 }, (_, b) => ({ principal: alice, action, resource: `arn:aws:s3:::b${b}/k` })));
    const groups = [sets(policies, 400, 0), sets(policies, 300, 1000)];
    const linksBefore = engine.stats.setLinks;
    let call = 0;
    const round = (group: ReturnType<typeof sets>) => {
      for (const { members, bundle } of group) {
        const request = requests[call++ % requests.length];
        // A new array each call: found by its members.
        expect(engine.authorize(request, { identity: [...members] })).toEqual(engine.authorize(request, bundle));
      }
    };
    // 400 sets in turn, ten times: the first round links none, the second fills the cache, and
    // after it the sets not kept stay unlinked (a FIFO cache would link 400 sets every round).
    for (let r = 0; r < 10; r++) round(groups[0]);
    expect(engine.stats.linkedSets).toBe(L.MAX_LINKED_SETS);
    // The sets not kept stay counted (the counts are a lossy table: a few may share a slot).
    expect(engine.stats.seenSets).toBeLessThanOrEqual(400 - L.MAX_LINKED_SETS);
    expect(engine.stats.seenSets).toBeGreaterThan(0.9 * (400 - L.MAX_LINKED_SETS));
    const links = engine.stats.setLinks - linksBefore;
    expect(links).toBeGreaterThanOrEqual(L.MAX_LINKED_SETS);
    expect(links).toBeLessThan(L.MAX_LINKED_SETS + 50);
    // Another 300 sets from now on: they take the places of the first group's as the counts age.
    for (let r = 0; r < 40; r++) round(groups[1]);
    expect(engine.stats.setLinks - linksBefore - links).toBeGreaterThanOrEqual(L.MAX_LINKED_SETS);
    expect(engine.stats.linkedSets).toBe(L.MAX_LINKED_SETS);
    expect(engine.stats.seenSets).toBeLessThanOrEqual(L.MAX_SEEN_SETS);
  });
});

