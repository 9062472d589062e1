/**
 * @module test/unit/s3-api/organization.test
 * The organization decides S3 requests at the gateway with nothing passed by hand (AWS
 * Organizations User Guide, "SCP evaluation", "RCP evaluation"; IAM User Guide, "AWS global
 * condition context keys"): a member account's caller is bounded by the SCPs of its OU path, the
 * management account is not; the bucket owner's RCPs refuse a caller from outside the
 * organization (and an anonymous one) while an in-org caller passes; a bucket policy granting by
 * `aws:PrincipalOrgID` lets in another account of the organization and refuses an outsider; and
 * `aws:ResourceOrgID` names the bucket owner's organization. Accounts get the organization as
 * the Worker's copies do: `applyOrganization` (js/org) on the account model.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CreateBucketCommand, DeleteObjectCommand, DeletePublicAccessBlockCommand, GetObjectCommand, PutBucketPolicyCommand, PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { Account } from "../../../js/index.ts";
import { applyOrganization, GuardrailCompiler, Organization } from "../../../js/org/index.ts";
import { A, B, allow, createUser, rootKey, startGateway, type Gateway, errorOf } from "./harness.ts";

/** The management account is A; B is a member in the OU `Workloads`; C is in no organization. */
const M = A;
const C = "999999999999";
const MEMBER_BUCKET = "member-data";
const MGMT_BUCKET = "org-shared";
const OUTSIDE_BUCKET = "outside-data";

let g: Gateway;
let org: Organization;
let scpId: string;
let rcpId: string;
let dev: S3Client;
let ops: S3Client;
let outsider: S3Client;
let anonymous: S3Client;
let devArn: string;

const doc = (...Statement: object[]) => JSON.stringify({ Version: "2012-10-17", Statement });
const put = (c: S3Client, Bucket: string, Key: string, Body = "x") => c.send(new PutObjectCommand({ Bucket, Key, Body }));
const get = async (c: S3Client, Bucket: string, Key: string) => (await c.send(new GetObjectCommand({ Bucket, Key }))).Body!.transformToString();
const del = (c: S3Client, Bucket: string, Key: string) => c.send(new DeleteObjectCommand({ Bucket, Key }));
const recordOf = (requestId: string | undefined) => g.records.find((r) => r.requestId === requestId);

/** The organization: SCPs and RCPs enabled, B moved into `Workloads`, the OU's SCP and RCP attached. */
function buildOrganization(): void {
  org = Organization.create(M);
  const root = org.listRoots(M).Roots[0].Id;
  org.enablePolicyType(M, { RootId: root, PolicyType: "SERVICE_CONTROL_POLICY" });
  org.enablePolicyType(M, { RootId: root, PolicyType: "RESOURCE_CONTROL_POLICY" });
  const { CreateAccountStatus } = org.createAccount(M, { Email: "b@example.com", AccountName: "b" }, () => B);
  org.completeCreateAccount(CreateAccountStatus.Id, { ok: true });
  const ou = org.createOrganizationalUnit(M, { ParentId: root, Name: "Workloads" }).OrganizationalUnit.Id;
  org.moveAccount(M, { AccountId: B, SourceParentId: root, DestinationParentId: ou });
  const denyDelete = doc({ Sid: "NoDeletes", Effect: "Deny", Action: "s3:DeleteObject", Resource: "*" });
  scpId = org.createPolicy(M, { Name: "NoDeletes", Description: "", Type: "SERVICE_CONTROL_POLICY", Content: denyDelete }).Policy.PolicySummary.Id;
  org.attachPolicy(M, { PolicyId: scpId, TargetId: ou });
  // Attached to the management account too, where it must have no effect.
  org.attachPolicy(M, { PolicyId: scpId, TargetId: M });
  // The data perimeter RCP of AWS's examples: only principals of the organization reach its resources.
  const perimeter = doc({
    Sid: "OrgPrincipalsOnly", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: "*",
    Condition: { StringNotEquals: { "aws:PrincipalOrgID": org.id } },
  });
  rcpId = org.createPolicy(M, { Name: "OrgPrincipalsOnly", Description: "", Type: "RESOURCE_CONTROL_POLICY", Content: perimeter }).Policy.PolicySummary.Id;
  org.attachPolicy(M, { PolicyId: rcpId, TargetId: ou });
}

beforeAll(async () => {
  g = await startGateway();
  g.accounts.set(C, await Account.create({ accountId: C, engine: g.options.engine }));
  buildOrganization();
  const compiler = new GuardrailCompiler(g.options.engine);
  for (const account of g.accounts.values()) applyOrganization(account, org, compiler);
  const everything = allow("s3:*");
  const devUser = await createUser(g, B, "dev", everything);
  devArn = devUser.arn;
  dev = g.client(devUser);
  ops = g.client(await createUser(g, M, "ops", everything));
  outsider = g.client(await createUser(g, C, "outsider", everything));
  anonymous = g.client(undefined);
  const rootB = g.client(await rootKey(g, B));
  const rootM = g.client(await rootKey(g, M));
  const rootC = g.client(await rootKey(g, C));
  await rootB.send(new CreateBucketCommand({ Bucket: MEMBER_BUCKET }));
  await put(rootB, MEMBER_BUCKET, "report", "member's");
  // Anyone may read (a public bucket, its Block Public Access removed): the member account's RCP
  // is what keeps outsiders and anonymous callers out.
  await rootB.send(new DeletePublicAccessBlockCommand({ Bucket: MEMBER_BUCKET }));
  await rootB.send(new PutBucketPolicyCommand({ Bucket: MEMBER_BUCKET, Policy: doc({ Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: `arn:aws:s3:::${MEMBER_BUCKET}/*` }) }));
  await rootM.send(new CreateBucketCommand({ Bucket: MGMT_BUCKET }));
  await put(rootM, MGMT_BUCKET, "handbook", "the organization's");
  await rootM.send(new PutBucketPolicyCommand({
    Bucket: MGMT_BUCKET,
    Policy: doc({ Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: `arn:aws:s3:::${MGMT_BUCKET}/*`, Condition: { StringEquals: { "aws:PrincipalOrgID": org.id } } }),
  }));
  await rootC.send(new CreateBucketCommand({ Bucket: OUTSIDE_BUCKET }));
  await put(rootC, OUTSIDE_BUCKET, "notes", "outside");
  await rootC.send(new PutBucketPolicyCommand({ Bucket: OUTSIDE_BUCKET, Policy: doc({ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${B}:root` }, Action: "s3:GetObject", Resource: `arn:aws:s3:::${OUTSIDE_BUCKET}/*` }) }));
});
afterAll(async () => { await g?.stop(); });

describe("SCPs bound a member account's callers", () => {
  it("the OU's SCP denies a member's user s3:DeleteObject, naming a service control policy, while its other S3 actions pass", async () => {
    await put(dev, MEMBER_BUCKET, "scratch", "tmp");
    expect(await get(dev, MEMBER_BUCKET, "scratch")).toBe("tmp");
    const e = await errorOf(del(dev, MEMBER_BUCKET, "scratch"));
    expect(e).toMatchObject({ name: "AccessDenied", status: 403 });
    expect(e.message).toBe(`User: ${devArn} is not authorized to perform: s3:DeleteObject on resource: "arn:aws:s3:::${MEMBER_BUCKET}/scratch" with an explicit deny in a service control policy`);
    const d = recordOf(e.requestId)!.decisions[0];
    expect(d).toMatchObject({ action: "s3:DeleteObject", decision: "ExplicitDeny" });
    expect(d.matchedStatements[0]).toMatchObject({ policyId: scpId, sid: "NoDeletes" });
    expect(await get(dev, MEMBER_BUCKET, "scratch")).toBe("tmp");
  });

  it("the same SCP attached to the management account does not bind its users", async () => {
    await put(ops, MGMT_BUCKET, "old", "x");
    await del(ops, MGMT_BUCKET, "old");
    expect((await errorOf(get(ops, MGMT_BUCKET, "old"))).name).toBe("NoSuchKey");
  });

  it("the SCP bounds the member's user on another account's bucket too", async () => {
    const e = await errorOf(del(dev, MGMT_BUCKET, "handbook"));
    expect(e).toMatchObject({ name: "AccessDenied", status: 403, message: "Access Denied" });
    expect(recordOf(e.requestId)!.decisions[0].matchedStatements[0]?.policyId).toBe(scpId);
  });
});

describe("the bucket owner's RCPs bound every request on its buckets", () => {
  it("a caller of the organization passes the member's data perimeter", async () => {
    expect(await get(dev, MEMBER_BUCKET, "report")).toBe("member's");
    expect(await get(ops, MEMBER_BUCKET, "report")).toBe("member's");
  });

  it("a caller from outside the organization is refused by the RCP, though the bucket policy and its own allow", async () => {
    const e = await errorOf(get(outsider, MEMBER_BUCKET, "report"));
    expect(e).toMatchObject({ name: "AccessDenied", status: 403, message: "Access Denied" });
    const d = recordOf(e.requestId)!.decisions[0];
    expect(d).toMatchObject({ action: "s3:GetObject", decision: "ExplicitDeny" });
    expect(d.matchedStatements[0]).toMatchObject({ policyId: rcpId, sid: "OrgPrincipalsOnly" });
  });

  it("an anonymous caller is refused by the RCP too", async () => {
    const e = await errorOf(get(anonymous, MEMBER_BUCKET, "report"));
    expect(e).toMatchObject({ name: "AccessDenied", status: 403 });
    expect(recordOf(e.requestId)!.decisions[0].matchedStatements[0]?.policyId).toBe(rcpId);
  });

  it("the management account's buckets are not bounded by RCPs", async () => {
    await put(ops, MGMT_BUCKET, "ok", "fine");
    expect(await get(ops, MGMT_BUCKET, "ok")).toBe("fine");
  });
});

describe("the organization's condition keys", () => {
  it("a bucket policy granting by aws:PrincipalOrgID lets another account of the organization read and refuses an outsider", async () => {
    expect(await get(dev, MGMT_BUCKET, "handbook")).toBe("the organization's");
    const e = await errorOf(get(outsider, MGMT_BUCKET, "handbook"));
    expect(e).toMatchObject({ name: "AccessDenied", status: 403 });
    expect(recordOf(e.requestId)!.decisions[0]).toMatchObject({ decision: "ImplicitDeny", reason: "CrossAccountNoResourceAllow" });
    expect((await errorOf(get(anonymous, MGMT_BUCKET, "handbook"))).name).toBe("AccessDenied");
  });

  it("aws:ResourceOrgID is the bucket owner's organization, and absent for a bucket outside any", async () => {
    const reader = g.client(await createUser(g, B, "in-org-reader", allow("s3:GetObject", "*", { Condition: { StringEquals: { "aws:ResourceOrgID": org.id } } })));
    expect(await get(reader, MGMT_BUCKET, "handbook")).toBe("the organization's");
    expect(await get(dev, OUTSIDE_BUCKET, "notes")).toBe("outside");
    const e = await errorOf(get(reader, OUTSIDE_BUCKET, "notes"));
    expect(e).toMatchObject({ name: "AccessDenied", status: 403 });
    expect(recordOf(e.requestId)!.decisions[0]).toMatchObject({ decision: "ImplicitDeny" });
  });
});
