/**
 * Bounded caches (issue 13, item 7). At the edge the caller chooses the action, the principal
 * and the context keys, so every cache the engine keeps per value must be bounded in entries
 * and in bytes. A linked bundle's per-action selection held an array as long as the engine's
 * key table for each action (cycling 5,000 actions took RSS from 101 to 517 MiB); the key table
 * never gave back the keys of disposed policies. This file checks the caches' sizes, not time
 * or RSS (those are in the report of issue 13).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { createEngine, type AuthorizationRequest, type Engine, type PolicyBundle } from "../../js/index.ts";
import * as L from "../../js/engine/limits.ts";

const alice = "arn:aws:iam::111122223333:user/alice";
let engine: Engine;
beforeAll(async () => {
  engine = await createEngine();
});

/** A policy whose one statement reads `keys` condition keys (all IfExists, so it still allows). */
function manyKeys(prefix: string, keys: number): object {
  const condition = Object.fromEntries(Array.from({ length: keys }, (_, i) => [`aws:RequestTag/${prefix}${i}`, "v"]));
  return { Version: "2012-10-17", Statement: { Effect: "Allow", Action: "s3:Get*", Resource: "*", Condition: { StringEqualsIfExists: condition } } };
}

describe("a linked bundle's selections, and the action texts kept for them", () => {
  it("cycling a million distinct actions keeps every cache within its bounds, and the Wasm memory flat", () => {
    // A key table of 20,000 keys, as an account with many policies has: the bundle's selections
    // must not each hold something that long.
    const wide = engine.compile(manyKeys("wide", 20_000), { kind: "identity", maxSize: 1_000_000 });
    expect(engine.stats.keys).toBeGreaterThan(20_000);
    const p = engine.compile({
      Version: "2012-10-17",
      Statement: [
        { Effect: "Allow", Action: "s3:*", Resource: "*", Condition: { StringEqualsIfExists: { "aws:PrincipalTag/team": "web" } } },
        { Effect: "Deny", Action: "s3:Delete*", Resource: "*" },
      ],
    }, { kind: "identity" });
    const bundle: PolicyBundle = engine.link({ identity: [p] });
    const requests: AuthorizationRequest[] = Array.from({ length: 1000 }, () => ({ principal: alice, action: "", context: { "aws:PrincipalTag/team": "web" } }));
    const heldBefore = engine.stats.heldBytes;
    let memoryAtHalf = 0;
    let maxEntries = 0;
    let maxBytes = 0;
    let maxTexts = 0;
    for (let round = 0; round < 1000; round++) {
      for (let i = 0; i < requests.length; i++) requests[i].action = `s3:Get${round}x${i}`;
      const decisions = engine.authorizeBatch(requests, bundle);
      if (round % 97 === 0) expect(decisions.every((d) => d === "Allow")).toBe(true);
      maxEntries = Math.max(maxEntries, bundle.byAction.size);
      maxBytes = Math.max(maxBytes, bundle.byActionBytes);
      maxTexts = Math.max(maxTexts, engine.stats.keptTexts);
      if (round === 500) memoryAtHalf = engine.memoryBytes;
    }
    expect(maxEntries).toBeLessThanOrEqual(L.MAX_SELECTIONS);
    expect(maxBytes).toBeLessThanOrEqual(L.MAX_SELECTION_BYTES);
    expect(maxTexts).toBeLessThanOrEqual(L.MAX_KEPT_TEXTS);
    // The selections were really kept (the bound is reached, then the cache starts over).
    expect(maxEntries).toBe(L.MAX_SELECTIONS);
    expect(engine.memoryBytes).toBe(memoryAtHalf);
    // Beyond the images: the kept texts (at most MAX_KEPT_TEXTS of at most MAX_ACTION_LENGTH
    // bytes, each with a block header) and a scratch of at most MAX_KEPT_SCRATCH.
    expect(engine.stats.heldBytes - heldBefore).toBeLessThanOrEqual(L.MAX_KEPT_TEXTS * (L.MAX_ACTION_LENGTH + 16) + L.MAX_KEPT_SCRATCH);
    // Still deciding as it should.
    expect(engine.authorize({ principal: alice, action: "s3:DeleteObject" }, bundle).decision).toBe("ExplicitDeny");
    expect(engine.authorize({ principal: alice, action: "s3:GetObject", context: { "aws:PrincipalTag/team": "web" } }, bundle).decision).toBe("Allow");
    p.dispose();
    wide.dispose();
    // A million decisions: about 10 s on a quiet 2-core machine, past the default 60 s on a loaded one.
  }, 300_000);

  it("keeps selection words in Wasm memory within MAX_KEPT_WORDS_BYTES, and decides as before once they are given back", () => {
    const statements = Array.from({ length: 40 }, (_, i) => ({ Effect: "Allow", Action: `s3:Get${i}*`, Resource: "*" }));
    const p = engine.compile({ Version: "2012-10-17", Statement: [...statements, { Effect: "Deny", Action: "s3:Get1*", Resource: "*" }] }, { kind: "identity" });
    const q = engine.compile({ Version: "2012-10-17", Statement: { Effect: "Allow", Action: "s3:*", Resource: "*" } }, { kind: "identity" });
    const bundle = engine.link({ identity: [p, q] });
    let most = 0;
    let givenBack = false;
    for (let round = 0; round < 6; round++) {
      const before = engine.stats.keptWordBytes;
      const requests = Array.from({ length: 2000 }, (_, i) => ({ principal: alice, action: `s3:Get${(i + round) % 40}x${round}y${i}` }));
      // Each action twice: a bundle builds an action's selection when the action comes back.
      const decisions = engine.authorizeBatch([...requests, ...requests], bundle).slice(2000);
      requests.forEach((r, i) => expect(decisions[i]).toBe(r.action.startsWith("s3:Get1") ? "ExplicitDeny" : "Allow"));
      most = Math.max(most, engine.stats.keptWordBytes);
      if (engine.stats.keptWordBytes < before) givenBack = true;
      // Single calls point at the kept words too, and decide the same.
      for (const r of requests.slice(0, 50)) expect(engine.authorize(r, bundle).decision).toBe(r.action.startsWith("s3:Get1") ? "ExplicitDeny" : "Allow");
    }
    expect(most).toBeGreaterThan(0);
    expect(most).toBeLessThanOrEqual(L.MAX_KEPT_WORDS_BYTES);
    // 12,000 distinct actions, more than MAX_KEPT_TEXTS selections: the table filled and was given back.
    expect(givenBack).toBe(true);
    p.dispose();
    q.dispose();
  });

  it("a selection holds the keys its statements read, not one entry per key of the engine", () => {
    const wide = engine.compile(manyKeys("w2", 5_000), { kind: "identity", maxSize: 1_000_000 });
    const p = engine.compile({ Version: "2012-10-17", Statement: { Effect: "Allow", Action: "s3:*", Resource: "*", Condition: { StringEquals: { "aws:PrincipalTag/team": "web" } } } }, { kind: "identity" });
    const bundle = engine.link({ identity: [p] });
    engine.authorize({ principal: alice, action: "s3:GetObject" }, bundle);
    expect(bundle.byAction.get("s3:GetObject")).toBe(null); // seen once: no selection yet
    engine.authorize({ principal: alice, action: "s3:GetObject" }, bundle);
    const selection = bundle.byAction.get("s3:GetObject")!;
    // kms:ResourceAliases (read for every request) and aws:PrincipalTag/team.
    expect(selection.keys.length).toBe(2);
    expect(bundle.byActionBytes).toBeLessThan(1000);
    p.dispose();
    wide.dispose();
  });
});

describe("the key table", () => {
  it("gives back the keys of disposed policies: 20,000 policies, each with a key of its own", () => {
    const before = engine.stats;
    for (let i = 0; i < 20_000; i++) {
      engine.compile({ Version: "2012-10-17", Statement: { Effect: "Allow", Action: "s3:GetObject", Resource: "*", Condition: { StringEquals: { [`aws:PrincipalTag/only${i}`]: "x" } } } }, { kind: "identity" }).dispose();
    }
    expect(engine.stats.keys).toBe(before.keys);
    expect(engine.stats.keyIds).toBe(before.keyIds);
  });

  it("a key shared by live policies stays while one of them lives, and decides as before", () => {
    const doc = { Version: "2012-10-17", Statement: { Effect: "Allow", Action: "s3:GetObject", Resource: "*", Condition: { StringEquals: { "aws:PrincipalTag/shared": "x" } } } };
    const a = engine.compile(doc, { kind: "identity" });
    const b = engine.compile(doc, { kind: "identity" });
    const keys = engine.stats.keys;
    a.dispose();
    expect(engine.stats.keys).toBe(keys);
    const request = { principal: alice, action: "s3:GetObject", context: { "aws:PrincipalTag/shared": "x" } };
    expect(engine.authorize(request, { identity: [b] }).decision).toBe("Allow");
    b.dispose();
    expect(engine.stats.keys).toBe(keys - 1);
    // An id given back and taken by a new key: results name the new key.
    const c = engine.compile({ Version: "2012-10-17", Statement: { Effect: "Allow", Action: "s3:GetObject", Resource: "*", Condition: { StringEquals: { "aws:PrincipalTag/fresh": "x" } } } }, { kind: "identity" });
    expect(engine.authorize({ principal: alice, action: "s3:GetObject" }, { identity: [c] }).missingContextValues).toEqual(["aws:PrincipalTag/fresh"]);
    expect(engine.authorize({ ...request, context: { "aws:PrincipalTag/fresh": "x" } }, { identity: [c] }).decision).toBe("Allow");
    c.dispose();
  });
});

describe("per-request caches", () => {
  it("distinct principals and context-key spellings are kept within bounds", () => {
    const p = engine.compile({ Version: "2012-10-17", Statement: { Effect: "Allow", Action: "s3:GetObject", Resource: "*" } }, { kind: "identity" });
    const long = "x".repeat(1900);
    for (let i = 0; i < 5_000; i++) {
      engine.authorize({ principal: `arn:aws:iam::111122223333:user/${long}${i}`, action: "s3:GetObject", context: { [`aws:RequestTag/${i}`]: "v", [`AWS:REQUESTTAG/${i}`]: "v" } }, { identity: [p] });
      const s = engine.stats;
      expect(s.principals).toBeLessThanOrEqual(L.MAX_PRINCIPALS);
      expect(s.principalBytes).toBeLessThanOrEqual(L.MAX_PRINCIPAL_BYTES);
      expect(s.keySpellings).toBeLessThanOrEqual(L.MAX_KEY_SPELLINGS);
    }
    p.dispose();
  });
});
