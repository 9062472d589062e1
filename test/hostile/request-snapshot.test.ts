/**
 * Each request field is read once (issue 13, item 2). A linked bundle selects statements by the
 * request's action; the encoder then writes the action. When both read `request.action`, a
 * getter could answer a long action to the first read (whose selection holds only the Allow of
 * `s3:*`) and `s3:DeleteObject` to the second: the core, told the selection already matched,
 * allowed the delete that the bundle denies. The engine now reads every field of the request and
 * of its context once, before it selects or writes anything.
 */
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { createEngine, RequestError, type AuthorizationRequest, type CompiledPolicy, type Engine, type PolicyBundle } from "../../js/index.ts";

const alice = "arn:aws:iam::111122223333:user/alice";
let engine: Engine;
let policy: CompiledPolicy;
let bundle: PolicyBundle;
beforeAll(async () => {
  engine = await createEngine();
  policy = engine.compile({
    Version: "2012-10-17",
    Statement: [
      { Sid: "All", Effect: "Allow", Action: "s3:*", Resource: "*" },
      { Sid: "NoDelete", Effect: "Deny", Action: "s3:DeleteObject", Resource: "*" },
      { Sid: "NoDeleteBucket", Effect: "Deny", Action: "s3:DeleteBucket", Resource: "*", Condition: { StringEquals: { "aws:PrincipalTag/team": "red" } } },
    ],
  }, { kind: "identity", id: "s3" });
  bundle = engine.link({ identity: [policy] });
});

/** A request whose field `name` answers each read from `answers` in turn (the last one for good), counting reads. */
function shifting(base: Record<string, unknown>, name: string, answers: unknown[]): { request: AuthorizationRequest; reads: () => number } {
  let reads = 0;
  const request = { ...base };
  Object.defineProperty(request, name, { enumerable: true, get: () => answers[Math.min(reads++, answers.length - 1)] });
  return { request: request as unknown as AuthorizationRequest, reads: () => reads };
}

/** Every call a request goes through: it must read each field once in each. */
const calls: [string, (r: AuthorizationRequest) => string][] = [
  ["authorize", (r) => engine.authorize(r, bundle).decision],
  ["authorizeBatch", (r) => engine.authorizeBatch([r], bundle)[0]],
  ["authorizeBatch with details", (r) => engine.authorizeBatch([r], bundle, { details: true })[0].decision],
  ["explain", (r) => engine.explain(r, bundle).result.decision],
  ["authorize with a plain set", (r) => engine.authorize(r, { identity: [policy] }).decision],
];

describe("the action read once", () => {
  it.each(calls)("%s: a long action, then s3:DeleteObject, is not allowed", (_name, call) => {
    // The case: the long action is what the engine read, and it is longer than any action (128).
    const { request, reads } = shifting({ principal: alice, resource: "*" }, "action", ["s3:" + "x".repeat(300), "s3:DeleteObject"]);
    let outcome: string;
    try {
      outcome = call(request);
    } catch (e) {
      outcome = e instanceof RequestError ? e.code : String(e);
    }
    expect(outcome).toBe("REQUEST_TOO_LARGE");
    expect(reads()).toBe(1);
  });

  it.each(calls)("%s: decides the action it read, whatever the getter answers next", (_name, call) => {
    const allowed = shifting({ principal: alice, resource: "*" }, "action", ["s3:GetObject", "s3:DeleteObject"]);
    expect(call(allowed.request)).toBe("Allow");
    expect(allowed.reads()).toBe(1);
    const denied = shifting({ principal: alice, resource: "*" }, "action", ["s3:DeleteObject", "s3:GetObject"]);
    expect(call(denied.request)).toBe("ExplicitDeny");
    expect(denied.reads()).toBe(1);
  });

  it("explain's statements agree with its decision (it once wrote the request a second time)", () => {
    const { request } = shifting({ principal: alice, resource: "*" }, "action", ["s3:GetObject", "s3:DeleteObject"]);
    const e = engine.explain(request, bundle);
    expect(e.result.decision).toBe("Allow");
    const statements = e.policies[0].statements;
    expect(statements.find((s) => s.sid === "All")?.applies).toBe(true);
    expect(statements.find((s) => s.sid === "NoDelete")?.applies).toBe(false);
  });
});

describe("every other field read once", () => {
  for (const [name, first, later, expected] of [
    ["principal", alice, "arn:aws:iam::999999999999:user/mallory", "Allow"],
    ["resource", "arn:aws:s3:::bucket/key", "not an arn", "Allow"],
    ["resourceAccount", "111122223333", "abc", "Allow"],
    ["context", { "aws:PrincipalTag/team": "red" }, { "aws:PrincipalTag/team": "blue" }, "ExplicitDeny"],
  ] as const) {
    it.each(calls)(`%s: ${name}`, (_call, call) => {
      const base: Record<string, unknown> = { principal: alice, action: name === "context" ? "s3:DeleteBucket" : "s3:GetObject", resource: "*" };
      const { request, reads } = shifting(base, name, [first, later]);
      expect(call(request)).toBe(expected);
      expect(reads()).toBe(1);
    });
  }

  it.each(calls)("%s: each context key, and a multivalued key's length and items, once", (_name, call) => {
    const counts = new Map<string, number>();
    const count = (what: string) => counts.set(what, (counts.get(what) ?? 0) + 1);
    const tags = new Proxy(["red"], {
      get(target, key, receiver) {
        count(`tags.${String(key)}`);
        return Reflect.get(target, key, receiver);
      },
    });
    const context = new Proxy({ "aws:PrincipalTag/team": "red", "aws:TagKeys": tags }, {
      get(target, key, receiver) {
        count(`context.${String(key)}`);
        return Reflect.get(target, key, receiver);
      },
    });
    expect(call({ principal: alice, action: "s3:DeleteBucket", resource: "*", context: context as never })).toBe("ExplicitDeny");
    expect(counts.get("context.aws:PrincipalTag/team")).toBe(1);
    expect(counts.get("context.aws:TagKeys")).toBe(1);
    expect(counts.get("tags.length")).toBe(1);
    expect(counts.get("tags.0")).toBe(1);
  });

  it("a context value's getter that changes its answer is read once", () => {
    let reads = 0;
    const context = {};
    Object.defineProperty(context, "aws:PrincipalTag/team", { enumerable: true, get: () => (reads++ === 0 ? "red" : "blue") });
    expect(engine.authorize({ principal: alice, action: "s3:DeleteBucket", context }, bundle).decision).toBe("ExplicitDeny");
    expect(reads).toBe(1);
  });
});

describe("a plain policy set read once", () => {
  it("each slot and each member once, in authorize, explain and link", () => {
    const deny = engine.compile({ Version: "2012-10-17", Statement: { Effect: "Deny", Action: "s3:DeleteObject", Resource: "*" } }, { kind: "identity", id: "deny" });
    const allowOnly = engine.compile({ Version: "2012-10-17", Statement: { Effect: "Allow", Action: "s3:*", Resource: "*" } }, { kind: "identity", id: "allow" });
    for (const call of [
      (set: object) => engine.authorize({ principal: alice, action: "s3:DeleteObject" }, set).decision,
      (set: object) => engine.explain({ principal: alice, action: "s3:DeleteObject" }, set).result.decision,
      (set: object) => engine.authorize({ principal: alice, action: "s3:DeleteObject" }, engine.link(set)).decision,
    ]) {
      let reads = 0;
      // First read: both policies; later reads: the allow alone.
      const set = { get identity() { return reads++ === 0 ? [allowOnly, deny] : [allowOnly]; } };
      expect(call(set)).toBe("ExplicitDeny");
      expect(reads).toBe(1);
    }
    deny.dispose();
    allowOnly.dispose();
  });
});

describe("getters cannot change the engine under the call", () => {
  afterEach(() => {
    // Nothing here may leave the engine unusable.
    expect(engine.authorize({ principal: alice, action: "s3:GetObject" }, bundle).decision).toBe("Allow");
  });

  it("a getter that calls the engine back gets REENTRANT_CALL, and the outer call is unaffected", () => {
    const inner: unknown[] = [];
    const request = {
      principal: alice,
      get action() {
        try {
          inner.push(engine.authorize({ principal: alice, action: "s3:DeleteObject" }, bundle).decision);
        } catch (e) {
          inner.push((e as RequestError).code);
        }
        return "s3:GetObject";
      },
    };
    expect(engine.authorize(request, bundle).decision).toBe("Allow");
    expect(inner).toEqual(["REENTRANT_CALL"]);
  });

  it("a getter that disposes a policy of the set: the call fails closed, the policy is freed after it", () => {
    const doomed = engine.compile({ Version: "2012-10-17", Statement: { Effect: "Deny", Action: "s3:DeleteObject", Resource: "*" } }, { kind: "identity", id: "doomed" });
    const set = { identity: [policy, doomed] };
    const request = {
      principal: alice,
      get action() {
        doomed.dispose();
        return "s3:DeleteObject";
      },
    };
    expect(() => engine.authorize(request, set)).toThrow(expect.objectContaining({ code: "POLICY_DISPOSED" }));
    expect(doomed.disposed).toBe(true);
    expect(() => engine.authorize({ principal: alice, action: "s3:DeleteObject" }, set)).toThrow(expect.objectContaining({ code: "POLICY_DISPOSED" }));
  });

  it("a getter that throws: the error reaches the caller, nothing is decided", () => {
    const request = { principal: alice, get action(): string { throw new Error("boom"); } };
    expect(() => engine.authorize(request, bundle)).toThrow("boom");
  });
});
