/**
 * @module test/unit/iam/access-denied
 * AWS's texts for decisions that are not Allow (js/iam/resolve/access-denied.ts), for the
 * service rules' reasons: a KMS key policy that does not allow is "no resource-based policy"
 * (AWS KMS Developer Guide, "Troubleshooting key access"), a federated user's session without a
 * session policy is "no session policy" ("Session policies"), an `alias/aws/` alias is reserved,
 * and a change IAM refuses is UnmodifiableEntity, not AccessDenied. Through the engine's real
 * decisions, and through the audit record of a decision.
 */
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { Account, createEngine, type CompiledPolicy, type Engine } from "../../../js/index.ts";
import type { CloudTrailRecord } from "../../../js/iam/audit.ts";
import { accessDeniedMessage, denialError } from "../../../js/iam/resolve/access-denied.ts";

const A = "111122223333";
const alice = `arn:aws:iam::${A}:user/alice`;
const KEY = `arn:aws:kms:us-east-1:${A}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const V = "2012-10-17";

let engine: Engine;
const compiled: CompiledPolicy[] = [];
beforeAll(async () => {
  engine = await createEngine();
});
afterEach(() => compiled.splice(0).forEach((p) => p.dispose()));
function compile(kind: "identity" | "resource" | "session", Statement: unknown): CompiledPolicy {
  const p = engine.compile({ Version: V, Statement }, { kind });
  compiled.push(p);
  return p;
}
const allowKms = () => compile("identity", { Effect: "Allow", Action: "kms:*", Resource: "*" });

describe("AccessDenied texts for the service rules", () => {
  it("a key policy that does not allow: no resource-based policy, as AWS KMS words it", () => {
    const key = compile("resource", { Effect: "Allow", Principal: { AWS: `arn:aws:iam::${A}:user/bob` }, Action: "kms:*", Resource: "*" });
    const r = engine.authorize({ principal: alice, action: "kms:Decrypt", resource: KEY }, { identity: [allowKms()], resource: key });
    expect(r.reason.code).toBe("KeyPolicyNoAllow");
    expect(accessDeniedMessage(alice, "kms:Decrypt", KEY, r)).toBe(
      `User: ${alice} is not authorized to perform: kms:Decrypt on resource: ${KEY} because no resource-based policy allows the kms:Decrypt action`);
  });

  it("a federated user's session without a session policy: no session policy", () => {
    const fed = `arn:aws:sts::${A}:federated-user/carol`;
    const r = engine.authorize({ principal: fed, action: "s3:GetObject", resource: "arn:aws:s3:::b/k" }, { identity: [compile("identity", { Effect: "Allow", Action: "s3:*", Resource: "*" })] });
    expect(r.reason.code).toBe("FederatedUserNoSessionPolicy");
    expect(accessDeniedMessage(fed, "s3:GetObject", "arn:aws:s3:::b/k", r)).toMatch(/because no session policy allows the s3:GetObject action$/);
  });

  it("an alias/aws/ alias: reserved for AWS managed keys", () => {
    const alias = `arn:aws:kms:us-east-1:${A}:alias/aws/s3`;
    const r = engine.authorize({ principal: alice, action: "kms:DeleteAlias", resource: alias }, { identity: [allowKms()] });
    expect(r.reason.code).toBe("ReservedAlias");
    expect(accessDeniedMessage(alice, "kms:DeleteAlias", alias, r)).toMatch(/because the alias\/aws\/ prefix is reserved for AWS managed keys$/);
  });

  it("a change IAM refuses is UnmodifiableEntity; other denials stay AccessDenied", () => {
    const slr = `arn:aws:iam::${A}:role/aws-service-role/support.amazonaws.com/AWSServiceRoleForSupport`;
    const iam = compile("identity", { Effect: "Allow", Action: "iam:*", Resource: "*" });
    const refused = engine.authorize({ principal: alice, action: "iam:DeleteRole", resource: slr }, { identity: [iam] });
    expect(denialError(alice, "iam:DeleteRole", slr, refused)).toMatchObject({ code: "UnmodifiableEntity", status: 400, message: "Cannot perform the operation on the protected role 'AWSServiceRoleForSupport' - this role is only modifiable by AWS" });
    const none = engine.authorize({ principal: alice, action: "iam:DeleteRole", resource: slr }, { identity: [] });
    expect(denialError(alice, "iam:DeleteRole", slr, none)).toMatchObject({ code: "AccessDenied", status: 403 });
  });
});

describe("the audit record of a decision", () => {
  it("carries the key policy's text", async () => {
    const records: CloudTrailRecord[] = [];
    const account = await Account.create({ accountId: A, engine, audit: (r) => void records.push(r) });
    await account.createUser({ UserName: "alice" });
    await account.putUserPolicy({ UserName: "alice", PolicyName: "kms", PolicyDocument: { Version: V, Statement: [{ Effect: "Allow", Action: "kms:*", Resource: "*" }] } });
    const keyPolicy = { Version: V, Statement: [{ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${A}:user/bob` }, Action: "kms:*", Resource: "*" }] };
    const r = account.authorizePrincipal(alice, { action: "kms:Decrypt", resource: KEY, resourcePolicy: keyPolicy });
    expect(r.reason.code).toBe("KeyPolicyNoAllow");
    const record = records.at(-1)!;
    expect(record.errorCode).toBe("AccessDenied");
    expect(record.errorMessage).toMatch(/because no resource-based policy allows the kms:Decrypt action$/);
  });
});
