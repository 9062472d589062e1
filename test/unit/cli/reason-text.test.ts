/**
 * @module test/unit/cli/reason-text
 * The CLI's words for the engine's reason codes (js/cli/format.ts), the service rules' codes
 * included (docs/semantics.md "Service rules"): every code the engine can answer has words of
 * its own, and a real decision prints them.
 */
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { createEngine, type CompiledPolicy, type Engine } from "../../../js/index.ts";
import { REASONS } from "../../../js/engine/reasons.ts";
import { formatAuthorization, reasonText } from "../../../js/cli/format.ts";

const A = "111122223333";
const alice = `arn:aws:iam::${A}:user/alice`;
const KEY = `arn:aws:kms:us-east-1:${A}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;

let engine: Engine;
const compiled: CompiledPolicy[] = [];
beforeAll(async () => {
  engine = await createEngine();
});
afterEach(() => compiled.splice(0).forEach((p) => p.dispose()));
function compile(kind: "identity" | "resource" | "scp", Statement: unknown, id: string): CompiledPolicy {
  const p = engine.compile({ Version: "2012-10-17", Statement }, { kind, id });
  compiled.push(p);
  return p;
}

describe("reason codes in the CLI's words", () => {
  it("every code the engine answers has words of its own", () => {
    for (const code of new Set(REASONS)) {
      const text = reasonText({ code, level: 1 });
      expect(text, code).not.toBe(code);
      expect(text, code).toMatch(/^[a-z]/);
    }
  });

  it.each([
    ["NoPermissionRequired", /needs no permission/],
    ["KeyPolicyNoAllow", /KMS key policy does not allow/],
    ["FederatedUserNoSessionPolicy", /without a session policy is allowed nothing/],
    ["UnmodifiableEntity", /a change IAM refuses whatever the policies say/],
    ["ReservedAlias", /alias\/aws\/ prefix is reserved/],
    ["ScpExemptServiceLinkedRole", /do not apply to service-linked roles/],
    ["RcpExemptAwsManagedKey", /do not apply to AWS managed keys/],
  ] as const)("%s", (code, words) => {
    expect(reasonText({ code })).toMatch(words);
  });

  it("a key policy that names someone else: the first line says why", () => {
    const identity = compile("identity", { Effect: "Allow", Action: "kms:*", Resource: "*" }, "identity");
    const key = compile("resource", { Effect: "Allow", Principal: { AWS: `arn:aws:iam::${A}:user/bob` }, Action: "kms:*", Resource: "*" }, "key");
    const result = engine.authorize({ principal: alice, action: "kms:Decrypt", resource: KEY }, { identity: [identity], resource: key });
    expect(formatAuthorization(result, () => "p.json")[0]).toBe("ImplicitDeny (KeyPolicyNoAllow: the KMS key policy does not allow (IAM policies count only where it lets them))");
  });

  it("sts:GetCallerIdentity under an explicit deny", () => {
    const deny = compile("identity", { Effect: "Deny", Action: "*", Resource: "*" }, "deny");
    const result = engine.authorize({ principal: alice, action: "sts:GetCallerIdentity" }, { identity: [deny] });
    expect(formatAuthorization(result, () => "p.json")).toEqual(["Allow (NoPermissionRequired: sts:GetCallerIdentity needs no permission, whatever the policies say)"]);
  });
});
