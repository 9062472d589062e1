/**
 * The rules services add, as a user meets them in `explain` (docs/semantics.md "Service
 * rules"): each has its own reason code, and a policy the request does not evaluate says why.
 * The decisions themselves are pinned by test/conformance/cases/service-rules/.
 */
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { createEngine, type CompiledPolicy, type Engine } from "../../js/index.ts";

let engine: Engine;
beforeAll(async () => {
  engine = await createEngine();
});

const A = "111122223333";
const alice = `arn:aws:iam::${A}:user/alice`;
const SLR = `arn:aws:iam::${A}:role/aws-service-role/elasticbeanstalk.amazonaws.com/AWSServiceRoleForElasticBeanstalk`;
const KEY = `arn:aws:kms:us-east-1:${A}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;

const compiled: CompiledPolicy[] = [];
afterEach(() => compiled.splice(0).forEach((p) => p.dispose()));
function compile(kind: "identity" | "resource" | "scp" | "rcp" | "session", Statement: unknown, id: string): CompiledPolicy {
  const p = engine.compile({ Version: "2012-10-17", Statement }, { kind, id });
  compiled.push(p);
  return p;
}
const allowAll = () => compile("identity", { Effect: "Allow", Action: "*", Resource: "*" }, "allow-all");
const denyAll = (kind: "identity" | "scp") => compile(kind, { Effect: "Deny", Action: "*", Resource: "*" }, `${kind}-deny`);
const rcpDeny = () => compile("rcp", { Effect: "Deny", Principal: "*", Action: "kms:*", Resource: "*" }, "rcp-deny");

describe("service rules in explain", () => {
  it("sts:GetCallerIdentity evaluates no policy, and says so", () => {
    const scp = compile("scp", { Effect: "Allow", Action: "*", Resource: "*" }, "scp-full");
    const { result, policies } = engine.explain({ principal: alice, action: "sts:GetCallerIdentity" }, { identity: [denyAll("identity")], scp: [[scp]] });
    expect(result).toMatchObject({ decision: "Allow", reason: { code: "NoPermissionRequired" }, matchedStatements: [] });
    expect(policies.map((p) => [p.policyId, p.evaluated, p.skippedBecause])).toEqual([
      ["identity-deny", false, "NoPermissionRequired"],
      ["scp-full", false, "NoPermissionRequired"],
    ]);
    // The elements are still explained: the Deny would have applied.
    expect(policies[0].statements[0]).toMatchObject({ applies: false, action: true, resource: true });
  });

  it("SCPs of a service-linked role are skipped, and the reason says the exemption decided", () => {
    const identity = allowAll();
    const { result, policies } = engine.explain({ principal: SLR, action: "ec2:DescribeInstances" }, { identity: [identity], scp: [[denyAll("scp")]] });
    expect(result).toMatchObject({ decision: "Allow", reason: { code: "ScpExemptServiceLinkedRole" }, matchedStatements: [{ policyId: "allow-all" }] });
    expect(policies.map((p) => [p.policyId, p.evaluated, p.skippedBecause])).toEqual([
      ["allow-all", true, undefined],
      ["scp-deny", false, "ServiceLinkedRole"],
    ]);
    expect("skippedBecause" in policies[0]).toBe(false);
  });

  it("SCPs of a service principal are skipped as before, now with the reason", () => {
    const { policies } = engine.explain({ principal: "ec2.amazonaws.com", action: "ec2:DescribeInstances" }, { scp: [[denyAll("scp")]] });
    expect(policies[0]).toMatchObject({ evaluated: false, skippedBecause: "ServicePrincipal" });
  });

  it("RCPs on an AWS managed key are skipped; kms:ResourceAliases is read though no policy names it", () => {
    const request = { principal: alice, action: "kms:Decrypt", resource: KEY, context: { "kms:ResourceAliases": ["alias/aws/s3"] } };
    const set = { identity: [allowAll()], rcp: [[rcpDeny()]] };
    const { result, policies } = engine.explain(request, set);
    expect(result).toMatchObject({ decision: "Allow", reason: { code: "RcpExemptAwsManagedKey" }, missingContextValues: [] });
    expect(policies[1]).toMatchObject({ kind: "rcp", evaluated: false, skippedBecause: "AwsManagedKey" });
    // A customer managed key: the RCP applies and decides.
    const customer = engine.explain({ ...request, context: { "kms:ResourceAliases": ["alias/app"] } }, set);
    expect(customer.result).toMatchObject({ decision: "ExplicitDeny", reason: { code: "ExplicitDeny" } });
    expect(customer.policies[1]).toMatchObject({ evaluated: true });
    expect("skippedBecause" in customer.policies[1]).toBe(false);
  });

  it("a key policy that does not allow: the identity Allow applies but was not enough", () => {
    const key = compile("resource", { Effect: "Allow", Principal: { AWS: `arn:aws:iam::${A}:user/bob` }, Action: "kms:*", Resource: "*" }, "key-policy");
    const { result, policies } = engine.explain({ principal: alice, action: "kms:Decrypt", resource: KEY }, { identity: [allowAll()], resource: key });
    expect(result).toMatchObject({ decision: "ImplicitDeny", reason: { code: "KeyPolicyNoAllow" }, matchedStatements: [] });
    expect(policies[0].statements[0].applies).toBe(true);
    expect(policies[1].statements[0]).toMatchObject({ applies: false, principal: false });
  });

  it("a federated user without a session policy, and the changes nobody may make, have their own codes", () => {
    const fed = engine.authorize({ principal: `arn:aws:sts::${A}:federated-user/carol`, action: "s3:GetObject", resource: "arn:aws:s3:::b/k" }, { identity: [allowAll()] });
    expect(fed.reason.code).toBe("FederatedUserNoSessionPolicy");
    const managed = engine.authorize({ principal: alice, action: "iam:DeletePolicy", resource: "arn:aws:iam::aws:policy/AdministratorAccess" }, { identity: [allowAll()] });
    expect(managed).toMatchObject({ decision: "ImplicitDeny", reason: { code: "UnmodifiableEntity" }, matchedStatements: [] });
    const alias = engine.authorize({ principal: alice, action: "kms:DeleteAlias", resource: `arn:aws:kms:us-east-1:${A}:alias/aws/s3` }, { identity: [allowAll()] });
    expect(alias.reason.code).toBe("ReservedAlias");
  });

  it("batches decide the service rules as single calls do", () => {
    const set = engine.link({ identity: [allowAll()], scp: [[denyAll("scp")]] });
    const requests = [
      { principal: alice, action: "sts:GetCallerIdentity" },
      { principal: SLR, action: "ec2:DescribeInstances" },
      { principal: alice, action: "ec2:DescribeInstances" },
      { principal: alice, action: "iam:DeletePolicy", resource: "arn:aws:iam::aws:policy/AdministratorAccess" },
    ];
    expect(engine.authorizeBatch(requests, set)).toEqual(["Allow", "Allow", "ExplicitDeny", "ExplicitDeny"]);
    expect(engine.authorizeBatch(requests, set, { details: true }).map((r) => r.reason.code)).toEqual([
      "NoPermissionRequired", "ScpExemptServiceLinkedRole", "ExplicitDeny", "ExplicitDeny",
    ]);
  });
});
