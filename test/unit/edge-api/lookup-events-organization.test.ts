/**
 * @module test/unit/edge-api/lookup-events-organization.test
 * CloudTrail's LookupEvents, which the edge authorizes itself (js/edge/api/decisions.ts
 * `authorizeOwn`), is bounded by the caller's organization like every other call ("SCP
 * evaluation", AWS Organizations User Guide: an SCP's Deny applies to every principal of a
 * member account, role sessions included): a role session allowed cloudtrail:LookupEvents by its
 * role is denied once its account's OU has an SCP that denies it, and allowed again without it.
 */
import { describe, expect, it } from "vitest";
import { SignatureV4 } from "@smithy/signature-v4";
import { Sha256 } from "@aws-crypto/sha256-js";
import { createEngine, Account } from "../../../js/index.ts";
import { serveAwsApi, memoryAuditStore } from "../../../js/edge/index.ts";
import { applyOrganization, GuardrailCompiler, Organization } from "../../../js/org/index.ts";

const M = "111111111111";
const B = "222222222222";
const HOST = "cloudtrail.example.test";
const doc = (...Statement: object[]) => JSON.stringify({ Version: "2012-10-17", Statement });

describe("LookupEvents by a role session of an organization member", () => {
  it("is denied by the OU's SCP, naming it, and allowed once the SCP is detached", async () => {
    const engine = await createEngine();
    const trail = memoryAuditStore();
    const account = await Account.create({ accountId: B, engine, audit: trail.add });
    const org = Organization.create(M);
    const root = org.listRoots(M).Roots[0].Id;
    org.enablePolicyType(M, { RootId: root, PolicyType: "SERVICE_CONTROL_POLICY" });
    const { CreateAccountStatus } = org.createAccount(M, { Email: "b@example.com", AccountName: "b" }, () => B);
    org.completeCreateAccount(CreateAccountStatus.Id, { ok: true });
    const ou = org.createOrganizationalUnit(M, { ParentId: root, Name: "Audited" }).OrganizationalUnit.Id;
    org.moveAccount(M, { AccountId: B, SourceParentId: root, DestinationParentId: ou });
    const scp = org.createPolicy(M, { Name: "NoTrailReads", Description: "", Type: "SERVICE_CONTROL_POLICY", Content: doc({ Sid: "NoLookups", Effect: "Deny", Action: "cloudtrail:LookupEvents", Resource: "*" }) }).Policy.PolicySummary.Id;
    const compiler = new GuardrailCompiler(engine);

    const rootArn = account.rootArn;
    await account.createRole({ RoleName: "auditor", AssumeRolePolicyDocument: doc({ Effect: "Allow", Principal: { AWS: rootArn }, Action: "sts:AssumeRole" }) }, { caller: rootArn });
    await account.putRolePolicy({ RoleName: "auditor", PolicyName: "trail", PolicyDocument: doc({ Effect: "Allow", Action: "cloudtrail:LookupEvents", Resource: "*" }) }, { caller: rootArn });
    const session = (await account.assumeRole({ RoleArn: `arn:aws:iam::${B}:role/auditor`, RoleSessionName: "audit" }, { caller: rootArn })).Credentials!;

    async function lookup() {
      const signer = new SignatureV4({ credentials: { accessKeyId: session.AccessKeyId, secretAccessKey: session.SecretAccessKey, sessionToken: session.SessionToken }, region: "eu-west-1", service: "cloudtrail", sha256: Sha256 });
      const body = JSON.stringify({ MaxResults: 1 });
      const headers = { host: HOST, "content-type": "application/x-amz-json-1.1", "x-amz-target": "CloudTrail_20131101.LookupEvents" };
      const signed = await signer.sign({ method: "POST", protocol: "https:", hostname: HOST, path: "/", headers, body });
      const res = await serveAwsApi(new Request(`https://${HOST}/`, { method: "POST", headers: signed.headers as Record<string, string>, body }), { account, auditStore: trail });
      return { status: res.status, text: await res.text() };
    }

    applyOrganization(account, org, compiler);
    expect((await lookup()).status).toBe(200);

    org.attachPolicy(M, { PolicyId: scp, TargetId: ou });
    applyOrganization(account, org, compiler);
    const denied = await lookup();
    expect(denied.status).toBe(403);
    expect(JSON.parse(denied.text).message).toMatch(/cloudtrail:LookupEvents .*with an explicit deny in a service control policy/);

    org.detachPolicy(M, { PolicyId: scp, TargetId: ou });
    applyOrganization(account, org, compiler);
    expect((await lookup()).status).toBe(200);
  });
});
