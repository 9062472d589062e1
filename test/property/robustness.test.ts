/**
 * Hostile input never breaks the engine. `validate` returns diagnostics and `compile` either
 * succeeds or throws PolicyValidationError for any document (object or text, valid or not);
 * `authorize` returns a decision or throws RequestError for any request, and never traps
 * (EngineInternalError) or throws anything else. Runs are kept small: the file takes seconds.
 */
import { describe, it, expect, beforeAll } from "vitest";
import fc from "fast-check";
import { PolicyValidationError, RequestError, type CompiledPolicy, type Engine, type PolicyKind, type PolicySet } from "../../js/index.ts";
import { fcParams, getEngine } from "./helpers.ts";
import { CONDITION_KEYS, KINDS, contextValue, deeplyNested, hostileRequest, junkValue, policyDoc, policyText } from "./arbitraries.ts";

let engine: Engine;
beforeAll(async () => {
  engine = await getEngine();
});

/** Compiles, returning the policy or undefined; anything but PolicyValidationError fails the test. */
function tryCompile(doc: unknown, kind: PolicyKind): CompiledPolicy | undefined {
  const diagnostics = engine.validate(doc, { kind });
  expect(Array.isArray(diagnostics)).toBe(true);
  const hasError = diagnostics.some((d) => d.severity === "error");
  try {
    const p = engine.compile(doc, { kind, id: `p-${kind}` });
    expect(hasError, "compile succeeded although validate reported an error").toBe(false);
    return p;
  } catch (e) {
    if (!(e instanceof PolicyValidationError)) throw e;
    expect(hasError, "compile threw although validate reported no error").toBe(true);
    expect(e.diagnostics.length).toBeGreaterThan(0);
    return undefined;
  }
}

const DECISIONS = ["Allow", "ExplicitDeny", "ImplicitDeny"];

function decideOrRequestError(request: unknown, set: PolicySet): string {
  try {
    const r = engine.authorize(request as never, set);
    expect(DECISIONS).toContain(r.decision);
    expect(Array.isArray(r.matchedStatements)).toBe(true);
    expect(Array.isArray(r.missingContextValues)).toBe(true);
    return r.decision;
  } catch (e) {
    if (e instanceof RequestError) return `RequestError:${e.code}`;
    throw e;
  }
}

describe("documents", () => {
  it("policy-shaped objects of every kind: validate agrees with compile, nothing else is thrown", () => {
    let compiled = 0;
    fc.assert(
      fc.property(policyDoc, fc.constantFrom(...KINDS), (doc, kind) => {
        const p = tryCompile(doc, kind);
        if (p) {
          compiled++;
          p.dispose();
        }
      }),
      fcParams(800),
    );
    // The generator must reach the compiler often enough to mean something.
    expect(compiled).toBeGreaterThan(40);
  });

  it("junk values (wrong types, odd keys, lone surrogates, undefined, NaN)", () => {
    fc.assert(
      fc.property(junkValue, fc.constantFrom(...KINDS), (doc, kind) => {
        tryCompile(doc, kind)?.dispose();
        tryCompile({ Version: "2012-10-17", Statement: doc }, kind)?.dispose();
        tryCompile({ Version: "2012-10-17", Statement: { Effect: "Allow", Action: doc, Resource: "*", Condition: doc } }, kind)?.dispose();
      }),
      fcParams(300),
    );
  });

  it("text: JSON, mutated JSON, URL-encoded JSON, random text, deep brackets", () => {
    fc.assert(
      fc.property(policyText, fc.constantFrom(...KINDS), (text, kind) => {
        tryCompile(text, kind)?.dispose();
      }),
      fcParams(300),
    );
  });

  it("non-object inputs", () => {
    for (const doc of [undefined, null, 0, 1.5, NaN, true, "x", [], [{}], Symbol("s"), () => 1, new Map(), new Date(0), Object.create(null), 10n]) {
      for (const kind of KINDS) tryCompile(doc as unknown, kind)?.dispose();
    }
  });

  it("deep nesting, huge strings, cycles", () => {
    for (const depth of [63, 64, 65, 1000, 100_000]) {
      tryCompile(deeplyNested(depth, true), "identity")?.dispose();
      tryCompile(deeplyNested(depth, false), "identity")?.dispose();
      tryCompile('{"Version":"2012-10-17","Statement":' + "[".repeat(depth) + "]".repeat(depth) + "}", "identity")?.dispose();
    }
    const cyclic: Record<string, unknown> = { Version: "2012-10-17" };
    cyclic.Statement = { Effect: "Allow", Action: "*", Resource: "*", Condition: { StringEquals: cyclic } };
    tryCompile(cyclic, "identity")?.dispose();
    for (const size of [10_000, 300_000, 1_100_000]) {
      const big = "a".repeat(size);
      tryCompile({ Version: "2012-10-17", Statement: { Effect: "Allow", Action: "s3:GetObject", Resource: `arn:aws:s3:::${big}` } }, "resource")?.dispose();
      tryCompile({ Version: "2012-10-17", Statement: { Effect: "Allow", Action: "s3:GetObject", Resource: "*", Condition: { StringLike: { "aws:userid": big } } } }, "identity", )?.dispose();
      tryCompile(`{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"${big}","Resource":"*"}}`, "identity")?.dispose();
      tryCompile(`{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*"}}${" ".repeat(size)}`, "identity")?.dispose();
    }
  });
});

describe("requests", () => {
  /** Compiles a handful of random documents per kind and keeps those that validate. */
  function samplePolicies(seed: number): Map<PolicyKind, CompiledPolicy[]> {
    const out = new Map<PolicyKind, CompiledPolicy[]>(KINDS.map((k) => [k, []]));
    // Allow-everything documents first, so that some decisions come out Allow.
    const allowAll = (principal: boolean) => ({
      Version: "2012-10-17",
      Statement: { Effect: "Allow", Action: "*", Resource: "*", ...(principal ? { Principal: "*" } : {}) },
    });
    for (const kind of ["identity", "boundary", "session", "scp"] as PolicyKind[]) out.get(kind)!.push(engine.compile(allowAll(false), { kind }));
    out.get("resource")!.push(engine.compile(allowAll(true), { kind: "resource" }));
    const docs = fc.sample(policyDoc, { numRuns: 600, seed });
    for (const doc of docs) {
      for (const kind of KINDS) {
        const list = out.get(kind)!;
        if (list.length >= 6) continue;
        if (engine.validate(doc, { kind }).some((d) => d.severity === "error")) continue;
        list.push(engine.compile(doc, { kind, id: `${kind}-${list.length}` }));
      }
    }
    return out;
  }

  it("random requests against random valid policy sets: a decision or RequestError", () => {
    const pool = samplePolicies(42);
    for (const kind of KINDS) expect(pool.get(kind)!.length, kind).toBeGreaterThan(0);
    const pick = (kind: PolicyKind) => fc.subarray(pool.get(kind)!, { maxLength: Math.min(3, pool.get(kind)!.length) });
    const maybeOne = (kind: PolicyKind) => fc.option(fc.constantFrom(...(pool.get(kind)!.length ? pool.get(kind)! : [undefined])), { nil: undefined });
    const policySet = fc.record({
      identity: pick("identity"),
      boundary: maybeOne("boundary"),
      session: pick("session"),
      resource: fc.oneof(maybeOne("resource"), maybeOne("trust")),
      scp: fc.oneof({ weight: 3, arbitrary: fc.constant([]) }, fc.array(pick("scp"), { maxLength: 3 })),
      rcp: fc.oneof({ weight: 3, arbitrary: fc.constant([]) }, fc.array(pick("rcp"), { maxLength: 2 })),
    });
    const outcomes: Record<string, number> = {};
    fc.assert(
      fc.property(hostileRequest, policySet, (request, set) => {
        const d = decideOrRequestError(request, set as PolicySet);
        outcomes[d] = (outcomes[d] ?? 0) + 1;
      }),
      fcParams(3000),
    );
    // Every outcome must show up, or the property says little.
    for (const d of [...DECISIONS, "RequestError:INVALID_REQUEST", "RequestError:INVALID_CONTEXT_VALUE"]) expect(outcomes[d], d).toBeGreaterThan(0);
    // The engine still works afterwards (no trap replaced the instance silently mid-run).
    const p = engine.compile({ Version: "2012-10-17", Statement: { Effect: "Allow", Action: "*", Resource: "*" } }, { kind: "identity" });
    expect(engine.authorize({ principal: "arn:aws:iam::111122223333:user/alice", action: "s3:GetObject" }, { identity: [p] }).decision).toBe("Allow");
    p.dispose();
    for (const list of pool.values()) for (const q of list) q.dispose();
  });

  it("context values that are not strings, numbers, booleans or flat arrays of them are refused for keys a policy uses", () => {
    const p = engine.compile(
      { Version: "2012-10-17", Statement: { Effect: "Allow", Action: "*", Resource: "*", Condition: { StringEquals: { "aws:PrincipalTag/team": "red" } } } },
      { kind: "identity" },
    );
    const scalarOk = (v: unknown) =>
      typeof v === "string" ? v.length <= 1 << 18 : typeof v === "boolean" || (typeof v === "number" && Number.isFinite(v));
    fc.assert(
      fc.property(contextValue, fc.constantFrom("aws:PrincipalTag/team", "AWS:PRINCIPALTAG/TEAM"), (value, key) => {
        const ok = value === undefined || value === null || scalarOk(value) || (Array.isArray(value) && value.every(scalarOk));
        const d = decideOrRequestError({ principal: "arn:aws:iam::111122223333:user/alice", action: "s3:GetObject", context: { [key]: value } }, { identity: [p] });
        if (ok) expect(d).not.toMatch(/^RequestError/);
        else expect(d, `value ${String(typeof value)} ${JSON.stringify(value, (_k, v) => (typeof v === "bigint" ? `${v}n` : v))}`).toMatch(/^RequestError/);
      }),
      fcParams(800),
    );
    for (const nested of [{ a: "b" }, [["red"]], [{ a: 1 }], new Map(), { toString: () => "red" }]) {
      expect(() => engine.authorize({ principal: "arn:aws:iam::111122223333:user/alice", action: "s3:GetObject", context: { "aws:PrincipalTag/team": nested as never } }, { identity: [p] })).toThrow(RequestError);
    }
    p.dispose();
  });

  it("huge and odd request strings", () => {
    const p = engine.compile(
      { Version: "2012-10-17", Statement: { Effect: "Allow", Action: "s3:*", Resource: "arn:aws:s3:::b/*", Condition: { StringLike: { "aws:userid": "*a*a*b" } } } },
      { kind: "identity" },
    );
    for (const size of [0, 1, 1000, 262_144, 262_145, 1_000_000]) {
      const big = "a".repeat(size);
      for (const request of [
        { principal: big, action: "s3:GetObject" },
        { principal: "arn:aws:iam::111122223333:user/alice", action: `s3:${big}`, resource: `arn:aws:s3:::b/${big}` },
        { principal: "arn:aws:iam::111122223333:user/alice", action: "s3:GetObject", context: { "aws:userid": big } },
        { principal: "arn:aws:iam::111122223333:user/alice", action: "s3:GetObject", context: { "aws:userid": [big, big, big, big, big] } },
        { principal: "arn:aws:iam::111122223333:user/alice", action: "s3:GetObject", resource: "arn:aws:s3:::b/\uD800\u0000😀" },
      ]) {
        decideOrRequestError(request, { identity: [p] });
      }
    }
    p.dispose();
  });

  it("malformed policy sets and disposed policies are RequestErrors", () => {
    const p = engine.compile({ Version: "2012-10-17", Statement: { Effect: "Allow", Action: "*", Resource: "*" } }, { kind: "identity" });
    const req = { principal: "arn:aws:iam::111122223333:user/alice", action: "s3:GetObject" };
    for (const set of [null, 1, "x", { identity: p }, { identity: [{}] }, { boundary: p }, { scp: [p] }, { resource: p }, { identity: [p], session: [p] }]) {
      expect(decideOrRequestError(req, set as never)).toMatch(/^RequestError/);
    }
    p.dispose();
    expect(decideOrRequestError(req, { identity: [p] })).toMatch(/^RequestError/);
  });
});

/**
 * Issue 13: the same properties under getters, prototype keys, escaped characters and oversize
 * fields. A request read through getters decides as its snapshot (the values of the first reads)
 * does; keys added to Object.prototype change nothing; an escape is checked as the character it
 * spells; a field over its limit is REQUEST_TOO_LARGE, one at its limit is decided.
 */
describe("hostile forms of the same input", () => {
  const ALICE = "arn:aws:iam::111122223333:user/alice";
  const outcome = (call: () => { decision: string }): string => {
    try {
      return call().decision;
    } catch (e) {
      if (e instanceof RequestError) return `RequestError:${e.code}`;
      throw e;
    }
  };
  let pool: CompiledPolicy[];
  beforeAll(() => {
    pool = fc.sample(policyDoc, { numRuns: 300, seed: 7 })
      .filter((d) => !engine.validate(d, { kind: "identity" }).some((x) => x.severity === "error"))
      .slice(0, 6)
      .map((d, i) => engine.compile(d, { kind: "identity", id: `h${i}` }));
    pool.push(engine.compile({ Version: "2012-10-17", Statement: [
      { Effect: "Allow", Action: "*", Resource: "*", Condition: { StringEqualsIfExists: { "aws:PrincipalTag/team": "red" } } },
      { Effect: "Deny", Action: "s3:Delete*", Resource: "*", Condition: { BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } } },
    ] }, { kind: "identity", id: "mfa" }));
  });

  /** A copy of `request` whose every field (and context key) is a getter answering `first` once, then `later`. */
  function withGetters(request: Record<string, unknown>, later: Record<string, unknown>): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(request)) {
      let reads = 0;
      const plain = v !== null && typeof v === "object" && Object.getPrototypeOf(v) === Object.prototype;
      const value = k === "context" && plain ? withGetters(v as Record<string, unknown>, {}) : v;
      Object.defineProperty(out, k, { enumerable: true, get: () => (reads++ === 0 ? value : later[k] ?? "s3:DeleteObject") });
    }
    return out;
  }

  it("a request read through getters (or a proxy) decides as its snapshot", () => {
    const set = engine.link({ identity: pool });
    fc.assert(
      fc.property(hostileRequest, fc.boolean(), (request, proxy) => {
        if (request === null || typeof request !== "object") return;
        const r = request as Record<string, unknown>;
        const snapshot = outcome(() => engine.authorize(r as never, set));
        const later = { principal: "arn:aws:iam::999999999999:root", action: "s3:DeleteObject", resource: "*", resourceAccount: "999999999999", context: { "aws:MultiFactorAuthPresent": "true" } };
        const hostile = proxy ? new Proxy(withGetters(r, later), {}) : withGetters(r, later);
        expect(outcome(() => engine.authorize(hostile as never, set))).toBe(snapshot);
        expect(outcome(() => engine.explain(withGetters(r, later) as never, set).result)).toBe(snapshot);
      }),
      fcParams(600),
    );
  });

  it("condition keys added to Object.prototype change no decision", () => {
    const keys = fc.constantFrom(...CONDITION_KEYS, "aws:MultiFactorAuthPresent", "aws:multifactorauthpresent", "context", "resource", "resourceAccount");
    fc.assert(
      fc.property(hostileRequest, fc.dictionary(keys, contextValue, { minKeys: 1, maxKeys: 4 }), (request, pollution) => {
        const before = outcome(() => engine.authorize(request as never, { identity: pool }));
        const proto = Object.prototype as Record<string, unknown>;
        for (const [k, v] of Object.entries(pollution)) proto[k] = v;
        try {
          expect(outcome(() => engine.authorize(request as never, { identity: pool }))).toBe(before);
        } finally {
          for (const k of Object.keys(pollution)) delete proto[k];
        }
      }),
      fcParams(400),
    );
  });

  it("escaping characters in a policy's text changes no INVALID_CHARACTER finding", () => {
    const character = fc.constantFrom("a", "é", "ÿ", "€", "\u0001", "\u0000", "\u007f", "中", "😀", "\uD800", "\t");
    fc.assert(
      fc.property(fc.array(character, { minLength: 1, maxLength: 4 }), fc.constantFrom("identity", "boundary", "trust", "session", "resource", "scp") as fc.Arbitrary<PolicyKind>, (chars, kind) => {
        const value = chars.join("");
        const doc = kind === "trust"
          ? { Version: "2012-10-17", Statement: { Sid: "S", Effect: "Allow", Principal: { AWS: "111122223333" }, Action: "sts:AssumeRole", Condition: { StringEquals: { "sts:ExternalId": value } } } }
          : { Version: "2012-10-17", Statement: { Effect: "Allow", Action: "s3:GetObject", Resource: "*", ...(kind === "resource" ? { Principal: "*" } : {}), Condition: { StringEquals: { "aws:PrincipalTag/team": value } } } };
        const escapedAll = JSON.stringify(doc).replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
        const has = (input: unknown) => engine.validate(input, { kind }).some((d) => d.code === "INVALID_CHARACTER");
        const expected = has(doc);
        expect(has(JSON.stringify(doc))).toBe(expected);
        expect(has(escapedAll)).toBe(expected);
        expect(has(encodeURIComponent(escapedAll))).toBe(expected);
        // The character set: tab, LF, CR and U+0020 to U+00FF, for these kinds only.
        const outside = [...value].some((c) => !/^[\t\n\r\x20-\xff]$/.test(c));
        expect(expected).toBe(outside && kind !== "resource" && kind !== "scp");
      }),
      fcParams(500),
    );
  });

  it("a field at its limit is decided, one over is REQUEST_TOO_LARGE", () => {
    const limits = { principal: 2048, action: 128, resource: 2048, value: 4096, key: 256 };
    fc.assert(
      fc.property(fc.constantFrom(...(Object.keys(limits) as (keyof typeof limits)[])), fc.integer({ min: -3, max: 3 }), (field, delta) => {
        const n = limits[field] + delta;
        const request: Record<string, unknown> = { principal: ALICE, action: "s3:GetObject" };
        if (field === "principal") request.principal = ("arn:aws:iam::111122223333:user/" + "p".repeat(n)).slice(0, n);
        if (field === "action") request.action = ("s3:" + "A".repeat(n)).slice(0, n);
        if (field === "resource") request.resource = ("arn:aws:s3:::b/" + "r".repeat(n)).slice(0, n);
        if (field === "value") request.context = { "aws:PrincipalTag/team": "v".repeat(n) };
        if (field === "key") request.context = { [("aws:RequestTag/" + "k".repeat(n)).slice(0, n)]: "v" };
        const got = outcome(() => engine.authorize(request as never, { identity: pool }));
        if (delta > 0) expect(got).toBe("RequestError:REQUEST_TOO_LARGE");
        else expect(got).not.toMatch(/^RequestError/);
      }),
      fcParams(200),
    );
  });
});
