/**
 * SCPs and RCPs as documents and attachments (Organizations API Reference: CreatePolicy,
 * UpdatePolicy, DeletePolicy, AttachPolicy, DetachPolicy, EnablePolicyType; "Quotas for AWS
 * Organizations"; "SCP evaluation" and "RCP syntax" for the AWS managed defaults).
 */
import { describe, expect, it } from "vitest";
import { FULL_AWS_ACCESS_ID, Organization, RCP_FULL_AWS_ACCESS_ID } from "../../../js/org/index.ts";
import { expectOrgError, MGMT, organization, scp } from "./helpers.ts";

const denyS3 = scp({ Effect: "Deny", Action: "s3:*", Resource: "*" });
const create = (org: Organization, name: string, content = denyS3, Type: "SERVICE_CONTROL_POLICY" | "RESOURCE_CONTROL_POLICY" = "SERVICE_CONTROL_POLICY") =>
  org.createPolicy(MGMT, { Name: name, Description: "", Content: content, Type }).Policy.PolicySummary;

describe("policy documents", () => {
  it("ids p-..., ARNs with the type in lower case; AWS managed ones under aws", () => {
    const { org } = organization(0);
    const p = create(org, "DenyS3");
    const orgId = org.id;
    expect(p.Id).toMatch(/^p-[0-9a-zA-Z_]{8,128}$/);
    expect(p.Arn).toBe(`arn:aws:organizations::${MGMT}:policy/${orgId}/service_control_policy/${p.Id}`);
    const full = org.describePolicy(MGMT, { PolicyId: FULL_AWS_ACCESS_ID }).Policy.PolicySummary;
    expect(full).toMatchObject({ Name: "FullAWSAccess", AwsManaged: true, Arn: "arn:aws:organizations::aws:policy/service_control_policy/p-FullAWSAccess" });
  });

  it("content above 5,120 characters is POLICY_CONTENT_LIMIT_EXCEEDED, whitespace counted", () => {
    const { org } = organization(0);
    const padded = denyS3.replace("{", `{${" ".repeat(5121 - denyS3.length)}`);
    expect(padded.length).toBe(5121);
    expectOrgError(() => create(org, "Big", padded), "ConstraintViolationException", "POLICY_CONTENT_LIMIT_EXCEEDED");
    create(org, "JustFits", denyS3.replace("{", `{${" ".repeat(5120 - denyS3.length)}`));
  });

  it("an SCP with a Principal, an RCP with an Allow, and broken JSON are MalformedPolicyDocumentException", () => {
    const { org } = organization(0);
    expectOrgError(() => create(org, "P", scp({ Effect: "Deny", Principal: "*", Action: "s3:*", Resource: "*" })), "MalformedPolicyDocumentException");
    expectOrgError(() => create(org, "R", scp({ Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "*" }), "RESOURCE_CONTROL_POLICY"), "MalformedPolicyDocumentException");
    const e = expectOrgError(() => create(org, "J", '{"Version": "2012-10-17", "Statement": ['), "MalformedPolicyDocumentException");
    expect(e.message).toMatch(/line 1, column \d+/);
  });

  it("names are unique per type; AWS managed policies cannot change; an attached policy cannot be deleted", () => {
    const { org, rootId } = organization(0);
    const p = create(org, "DenyS3");
    expectOrgError(() => create(org, "DenyS3"), "DuplicatePolicyException");
    expectOrgError(() => org.updatePolicy(MGMT, { PolicyId: FULL_AWS_ACCESS_ID, Name: "x" }), "InvalidInputException", "IMMUTABLE_POLICY");
    expectOrgError(() => org.deletePolicy(MGMT, { PolicyId: FULL_AWS_ACCESS_ID }), "InvalidInputException", "IMMUTABLE_POLICY");
    org.attachPolicy(MGMT, { PolicyId: p.Id, TargetId: rootId });
    expectOrgError(() => org.deletePolicy(MGMT, { PolicyId: p.Id }), "PolicyInUseException");
    org.detachPolicy(MGMT, { PolicyId: p.Id, TargetId: rootId });
    org.deletePolicy(MGMT, { PolicyId: p.Id });
    expectOrgError(() => org.describePolicy(MGMT, { PolicyId: p.Id }), "PolicyNotFoundException");
  });

  it("UpdatePolicy replaces the content after the same checks", () => {
    const { org } = organization(0);
    const p = create(org, "DenyS3");
    const next = scp({ Effect: "Deny", Action: "ec2:*", Resource: "*" });
    expect(org.updatePolicy(MGMT, { PolicyId: p.Id, Content: next }).Policy.Content).toBe(next);
    expectOrgError(() => org.updatePolicy(MGMT, { PolicyId: p.Id, Content: "{" }), "MalformedPolicyDocumentException");
  });
});

describe("attachments", () => {
  it("EnablePolicyType attaches FullAWSAccess / RCPFullAWSAccess to the root, OUs and accounts", () => {
    const org = Organization.create(MGMT);
    const rootId = org.listRoots(MGMT).Roots[0].Id;
    const ou = org.createOrganizationalUnit(MGMT, { ParentId: rootId, Name: "Prod" }).OrganizationalUnit.Id;
    expect(org.listRoots(MGMT).Roots[0].PolicyTypes).toEqual([]);
    org.enablePolicyType(MGMT, { RootId: rootId, PolicyType: "SERVICE_CONTROL_POLICY" });
    expectOrgError(() => org.enablePolicyType(MGMT, { RootId: rootId, PolicyType: "SERVICE_CONTROL_POLICY" }), "PolicyTypeAlreadyEnabledException");
    for (const t of [rootId, ou, MGMT]) expect(org.listPoliciesForTarget(MGMT, { TargetId: t, Filter: "SERVICE_CONTROL_POLICY" }).Policies.map((p) => p.Id)).toEqual([FULL_AWS_ACCESS_ID]);
    const later = org.createOrganizationalUnit(MGMT, { ParentId: ou, Name: "Later" }).OrganizationalUnit.Id;
    expect(org.listPoliciesForTarget(MGMT, { TargetId: later, Filter: "SERVICE_CONTROL_POLICY" }).Policies.map((p) => p.Id)).toEqual([FULL_AWS_ACCESS_ID]);
    expect(org.listTargetsForPolicy(MGMT, { PolicyId: FULL_AWS_ACCESS_ID }).Targets.map((t) => t.Type).sort()).toEqual(["ACCOUNT", "ORGANIZATIONAL_UNIT", "ORGANIZATIONAL_UNIT", "ROOT"]);
  });

  it("a policy of a type not enabled cannot be attached", () => {
    const org = Organization.create(MGMT);
    const rootId = org.listRoots(MGMT).Roots[0].Id;
    const p = create(org, "DenyS3");
    expectOrgError(() => org.attachPolicy(MGMT, { PolicyId: p.Id, TargetId: rootId }), "PolicyTypeNotEnabledException");
  });

  it("attached once per target; at most 5 SCPs per target; the last SCP cannot be detached", () => {
    const { org, rootId, accounts } = organization(1);
    const ps = [1, 2, 3, 4, 5].map((i) => create(org, `P${i}`, scp({ Effect: "Deny", Action: `ec2:Op${i}`, Resource: "*" })));
    org.attachPolicy(MGMT, { PolicyId: ps[0].Id, TargetId: accounts[0] });
    expectOrgError(() => org.attachPolicy(MGMT, { PolicyId: ps[0].Id, TargetId: accounts[0] }), "DuplicatePolicyAttachmentException");
    for (const p of ps.slice(1, 4)) org.attachPolicy(MGMT, { PolicyId: p.Id, TargetId: accounts[0] });
    expectOrgError(() => org.attachPolicy(MGMT, { PolicyId: ps[4].Id, TargetId: accounts[0] }), "ConstraintViolationException", "MAX_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED");
    expectOrgError(() => org.detachPolicy(MGMT, { PolicyId: FULL_AWS_ACCESS_ID, TargetId: rootId }), "ConstraintViolationException", "MIN_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED");
    expectOrgError(() => org.detachPolicy(MGMT, { PolicyId: ps[4].Id, TargetId: rootId }), "PolicyNotAttachedException");
    expectOrgError(() => org.attachPolicy(MGMT, { PolicyId: ps[4].Id, TargetId: "123456789012" }), "TargetNotFoundException");
  });

  it("RCPFullAWSAccess cannot be detached", () => {
    const { org, rootId } = organization(0);
    expectOrgError(() => org.detachPolicy(MGMT, { PolicyId: RCP_FULL_AWS_ACCESS_ID, TargetId: rootId }), "InvalidInputException", "NON_DETACHABLE_POLICY");
  });

  it("DisablePolicyType detaches every policy of the type", () => {
    const { org, rootId } = organization(0);
    const p = create(org, "DenyS3");
    org.attachPolicy(MGMT, { PolicyId: p.Id, TargetId: rootId });
    org.disablePolicyType(MGMT, { RootId: rootId, PolicyType: "SERVICE_CONTROL_POLICY" });
    expect(org.listTargetsForPolicy(MGMT, { PolicyId: p.Id }).Targets).toEqual([]);
    expectOrgError(() => org.disablePolicyType(MGMT, { RootId: rootId, PolicyType: "SERVICE_CONTROL_POLICY" }), "PolicyTypeNotEnabledException");
  });
});

describe("CreateAccount", () => {
  it("answers IN_PROGRESS, then SUCCEEDED with the account in the root and the default policies attached", () => {
    const org = Organization.create(MGMT);
    const rootId = org.listRoots(MGMT).Roots[0].Id;
    org.enablePolicyType(MGMT, { RootId: rootId, PolicyType: "SERVICE_CONTROL_POLICY" });
    const { CreateAccountStatus: s } = org.createAccount(MGMT, { Email: "dev@example.com", AccountName: "dev" });
    expect(s.State).toBe("IN_PROGRESS");
    expect(s.Id).toMatch(/^car-[a-z0-9]{8,32}$/);
    expect(org.listAccounts(MGMT).Accounts).toHaveLength(1);
    org.completeCreateAccount(s.Id, { ok: true });
    const done = org.describeCreateAccountStatus(MGMT, { CreateAccountRequestId: s.Id }).CreateAccountStatus;
    expect(done.State).toBe("SUCCEEDED");
    expect(done.AccountId).toMatch(/^[1-9]\d{11}$/);
    expect(org.listParents(MGMT, { ChildId: done.AccountId! }).Parents[0].Id).toBe(rootId);
    expect(org.listPoliciesForTarget(MGMT, { TargetId: done.AccountId!, Filter: "SERVICE_CONTROL_POLICY" }).Policies[0].Id).toBe(FULL_AWS_ACCESS_ID);
  });

  it("an email in use fails with EMAIL_ALREADY_EXISTS; the account quota is ACCOUNT_NUMBER_LIMIT_EXCEEDED", () => {
    const org = Organization.create(MGMT, {}, { maxAccounts: 3 });
    const { CreateAccountStatus: s } = org.createAccount(MGMT, { Email: "dev@example.com", AccountName: "dev" });
    const dup = org.createAccount(MGMT, { Email: "DEV@example.com", AccountName: "dev2" }).CreateAccountStatus;
    expect(dup).toMatchObject({ State: "FAILED", FailureReason: "EMAIL_ALREADY_EXISTS" });
    org.completeCreateAccount(s.Id, { ok: true });
    org.createAccount(MGMT, { Email: "x@example.com", AccountName: "x" });
    expectOrgError(() => org.createAccount(MGMT, { Email: "y@example.com", AccountName: "y" }), "ConstraintViolationException", "ACCOUNT_NUMBER_LIMIT_EXCEEDED");
    expectOrgError(() => org.createAccount(MGMT, { Email: "not-an-email", AccountName: "x" }), "InvalidInputException", "INVALID_PATTERN");
  });
});
