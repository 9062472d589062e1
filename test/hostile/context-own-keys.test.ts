/**
 * Only own context keys count (issue 13, item 3). The context was read with `for…in`, which
 * walks the prototype chain: `Object.prototype["aws:MultiFactorAuthPresent"] = "true"` anywhere
 * in the process (a polluted dependency, a merged JSON body) turned the MFA deny AWS documents
 * ("IAM JSON policy elements: Condition operators", BoolIfExists) into an allow for every
 * request without the key. Now only the context's own enumerable string keys count; the
 * request's own fields likewise; a context that is not a plain object is refused instead of
 * read as empty.
 */
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { createEngine, type CompiledPolicy, type Engine } from "../../js/index.ts";

const alice = "arn:aws:iam::111122223333:user/alice";
const MFA = "aws:MultiFactorAuthPresent";
let engine: Engine;
let denyWithoutMfa: CompiledPolicy;
let allowWithMfa: CompiledPolicy;
beforeAll(async () => {
  engine = await createEngine();
  // "Example: Denies access to AWS based on MFA": deny unless the request was signed with MFA.
  denyWithoutMfa = engine.compile({
    Version: "2012-10-17",
    Statement: [
      { Effect: "Allow", Action: "s3:*", Resource: "*" },
      { Effect: "Deny", Action: "s3:DeleteObject", Resource: "*", Condition: { BoolIfExists: { [MFA]: "false" } } },
    ],
  }, { kind: "identity", id: "deny-without-mfa" });
  allowWithMfa = engine.compile({
    Version: "2012-10-17",
    Statement: { Effect: "Allow", Action: "s3:DeleteObject", Resource: "*", Condition: { Bool: { [MFA]: "true" } } },
  }, { kind: "identity", id: "allow-with-mfa" });
});

const polluted: string[] = [];
function pollute(key: string, value: unknown): void {
  (Object.prototype as Record<string, unknown>)[key] = value;
  polluted.push(key);
}
afterEach(() => {
  for (const key of polluted.splice(0)) delete (Object.prototype as Record<string, unknown>)[key];
});

const decide = (context: unknown, policy: CompiledPolicy, linked = false) => {
  const set = linked ? engine.link({ identity: [policy] }) : { identity: [policy] };
  return engine.authorize({ principal: alice, action: "s3:DeleteObject", resource: "arn:aws:s3:::b/k", context: context as never }, set).decision;
};

describe("Object.prototype keys are not context", () => {
  it.each([false, true])("an MFA key on Object.prototype neither lifts the deny nor grants the allow (linked: %s)", (linked) => {
    pollute(MFA, "true");
    pollute(MFA.toLowerCase(), "true");
    for (const context of [{}, { "aws:SourceIp": "203.0.113.9" }, undefined]) {
      expect(decide(context, denyWithoutMfa, linked)).toBe("ExplicitDeny");
      expect(decide(context, allowWithMfa, linked)).toBe("ImplicitDeny");
    }
    // The caller's own key still counts.
    expect(decide({ [MFA]: "true" }, denyWithoutMfa, linked)).toBe("Allow");
    expect(decide({ [MFA]: true }, allowWithMfa, linked)).toBe("Allow");
  });

  it("in a batch and in explain too", () => {
    pollute(MFA, "true");
    const request = { principal: alice, action: "s3:DeleteObject", resource: "arn:aws:s3:::b/k", context: {} };
    expect(engine.authorizeBatch([request, request], { identity: [denyWithoutMfa] })).toEqual(["ExplicitDeny", "ExplicitDeny"]);
    const e = engine.explain(request, { identity: [allowWithMfa] });
    expect(e.result.decision).toBe("ImplicitDeny");
    expect(e.policies[0].statements[0].conditions[0]).toMatchObject({ key: MFA, missing: true, result: false });
  });

  it("a polluted aws:PrincipalArn does not change which role a session is", async () => {
    const trust = engine.compile({
      Version: "2012-10-17",
      Statement: { Effect: "Allow", Principal: { AWS: "arn:aws:iam::111122223333:role/Admin" }, Action: "s3:GetObject", Resource: "*" },
    }, { kind: "resource" });
    pollute("aws:PrincipalArn", "arn:aws:iam::111122223333:role/Admin");
    const session = "arn:aws:sts::111122223333:assumed-role/Intern/s";
    expect(engine.authorize({ principal: session, action: "s3:GetObject", resource: "arn:aws:s3:::b/k", context: {} }, { resource: trust }).decision).toBe("ImplicitDeny");
    trust.dispose();
  });

  it("request fields on Object.prototype are not the request's: resource, context, resourceAccount", () => {
    pollute("context", { [MFA]: "true" });
    pollute("resourceAccount", "999999999999");
    expect(engine.authorize({ principal: alice, action: "s3:DeleteObject" }, { identity: [denyWithoutMfa] }).decision).toBe("ExplicitDeny");
    const resourcePolicy = engine.compile({
      Version: "2012-10-17",
      Statement: { Effect: "Allow", Principal: { AWS: alice }, Action: "s3:GetObject", Resource: "arn:aws:s3:::secret/*" },
    }, { kind: "resource" });
    pollute("resource", "arn:aws:s3:::secret/x");
    // Without `resource` the request is for `*`, which the resource policy does not name.
    expect(engine.authorize({ principal: alice, action: "s3:GetObject" }, { resource: resourcePolicy }).decision).toBe("ImplicitDeny");
    resourcePolicy.dispose();
  });
});

describe("policy-set slots on Object.prototype are not the set's", () => {
  it("a resource policy or a boundary on Object.prototype takes no part in a decision", () => {
    const everyone = engine.compile({ Version: "2012-10-17", Statement: { Effect: "Allow", Principal: "*", Action: "*", Resource: "*" } }, { kind: "resource" });
    const nothing = engine.compile({ Version: "2012-10-17", Statement: { Effect: "Deny", Action: "*", Resource: "*" } }, { kind: "boundary" });
    const crossAccount = { principal: "arn:aws:iam::444455556666:user/mallory", action: "s3:GetObject", resource: "arn:aws:s3:::b/k", resourceAccount: "111122223333" };
    pollute("resource", everyone);
    pollute("boundary", nothing);
    expect(engine.authorize(crossAccount, {}).decision).toBe("ImplicitDeny");
    expect(engine.authorize({ principal: alice, action: "s3:GetObject" }, { identity: [denyWithoutMfa] }).decision).toBe("Allow");
    expect(engine.authorize(crossAccount, engine.link({})).decision).toBe("ImplicitDeny");
    everyone.dispose();
    nothing.dispose();
  });
});

describe("what a context may be", () => {
  it("a null-prototype object counts its own keys", () => {
    const context = Object.assign(Object.create(null), { [MFA]: "true" });
    expect(decide(context, denyWithoutMfa)).toBe("Allow");
    expect(decide(Object.create(null), denyWithoutMfa)).toBe("ExplicitDeny");
  });

  it("non-enumerable and symbol keys are not context", () => {
    const context = {};
    Object.defineProperty(context, MFA, { value: "true", enumerable: false });
    (context as Record<symbol, string>)[Symbol(MFA)] = "true";
    expect(decide(context, denyWithoutMfa)).toBe("ExplicitDeny");
  });

  it("a Map, a class instance or an object with another prototype is refused, not read as empty", () => {
    class Context {
      [MFA] = "true";
    }
    for (const context of [new Map([[MFA, "true"]]), new Context(), Object.create({ [MFA]: "true" }), new Date(0), [MFA]]) {
      expect(() => decide(context, denyWithoutMfa), String(context)).toThrow(expect.objectContaining({ code: "INVALID_REQUEST", path: "/context" }));
    }
  });
});
