/**
 * @module test/unit/playground/reason-wording
 * The playground's words for the engine's answers: the Decision pane's sentence for every reason
 * code (js/playground/decision-pane.ts `reasonText`), the service rules' codes included, and
 * the Explanation pane's note for a policy the request did not evaluate
 * (js/playground/explain-pane.ts `skippedText`, from `skippedBecause`). The panes' DOM is
 * exercised by the playground's end-to-end test; these are the texts.
 */
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { createEngine, type AuthorizationResult, type CompiledPolicy, type Engine } from "../../../js/index.ts";
import { REASONS } from "../../../js/engine/reasons.ts";
import { reasonText } from "../../../js/playground/decision-pane.ts";
import { skippedText } from "../../../js/playground/explain-pane.ts";

const A = "111122223333";
const alice = `arn:aws:iam::${A}:user/alice`;
const SLR = `arn:aws:iam::${A}:role/aws-service-role/elasticbeanstalk.amazonaws.com/AWSServiceRoleForElasticBeanstalk`;
const KEY = `arn:aws:kms:us-east-1:${A}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;

let engine: Engine;
const compiled: CompiledPolicy[] = [];
beforeAll(async () => {
  engine = await createEngine();
});
afterEach(() => compiled.splice(0).forEach((p) => p.dispose()));
function compile(kind: "identity" | "resource" | "scp" | "rcp", Statement: unknown, id: string): CompiledPolicy {
  const p = engine.compile({ Version: "2012-10-17", Statement }, { kind, id });
  compiled.push(p);
  return p;
}
const result = (code: AuthorizationResult["reason"]["code"]): AuthorizationResult =>
  ({ decision: "ImplicitDeny", matchedStatements: [], missingContextValues: [], reason: { code } });

describe("the Decision pane", () => {
  it("has a sentence for every reason code", () => {
    for (const code of new Set(REASONS)) {
      const text = reasonText(result(code), []);
      expect(text, code).not.toBe(code);
      expect(text, code).toMatch(/^[A-Z].*\.$/);
    }
  });

  it.each([
    ["NoPermissionRequired", /No permission is required for sts:GetCallerIdentity/],
    ["KeyPolicyNoAllow", /The KMS key policy does not allow it/],
    ["FederatedUserNoSessionPolicy", /without a session policy, nothing/],
    ["UnmodifiableEntity", /UnmodifiableEntity/],
    ["ReservedAlias", /alias\/aws\/ prefix is reserved for AWS managed keys/],
    ["ScpExemptServiceLinkedRole", /SCPs do not apply to service-linked roles/],
    ["RcpExemptAwsManagedKey", /RCPs do not apply to AWS managed keys/],
  ] as const)("%s", (code, words) => {
    expect(reasonText(result(code), [])).toMatch(words);
  });
});

describe("the Explanation pane", () => {
  it("says nothing of a policy that was evaluated", () => {
    expect(skippedText({ evaluated: true })).toBeUndefined();
  });

  it("sts:GetCallerIdentity: every policy is marked, with the reason", () => {
    const deny = compile("identity", { Effect: "Deny", Action: "*", Resource: "*" }, "deny");
    const { policies } = engine.explain({ principal: alice, action: "sts:GetCallerIdentity" }, { identity: [deny] });
    expect(policies.map(skippedText)).toEqual(["Not evaluated: sts:GetCallerIdentity needs no permission."]);
  });

  it("the SCPs of a service-linked role", () => {
    const allow = compile("identity", { Effect: "Allow", Action: "s3:*", Resource: "*" }, "allow");
    const scp = compile("scp", { Effect: "Deny", Action: "s3:*", Resource: "*" }, "scp");
    const { policies } = engine.explain({ principal: SLR, action: "s3:GetObject", resource: "arn:aws:s3:::b/k" }, { identity: [allow], scp: [[scp]] });
    expect(policies.map(skippedText)).toEqual([undefined, "Not evaluated: SCPs do not apply to service-linked roles."]);
  });

  it("the SCPs of a service principal, and the RCPs of an AWS managed key", () => {
    const scp = compile("scp", { Effect: "Allow", Action: "*", Resource: "*" }, "scp");
    const service = engine.explain({ principal: "ec2.amazonaws.com", action: "s3:GetObject", resource: "arn:aws:s3:::b/k" }, { scp: [[scp]] });
    expect(skippedText(service.policies[0])).toBe("Not evaluated: SCPs do not apply to service principals.");
    const rcp = compile("rcp", { Effect: "Deny", Principal: "*", Action: "kms:*", Resource: "*" }, "rcp");
    const key = engine.explain({ principal: alice, action: "kms:Decrypt", resource: KEY, context: { "kms:ResourceAliases": ["alias/aws/s3"] } }, { identity: [compile("identity", { Effect: "Allow", Action: "kms:*", Resource: "*" }, "id")], rcp: [[rcp]] });
    expect(key.policies.map(skippedText)).toEqual([undefined, "Not evaluated: RCPs do not apply to AWS managed keys."]);
  });
});
