/**
 * IAM Identity Center model (js/sso): permission sets, assignments, the reserved roles they
 * provision (name, path, trust, policies: IAM Identity Center User Guide, "Permission sets",
 * "Referencing permission sets in resource policies..."), their update by ProvisionPermissionSet
 * and removal with the last assignment (SSO Admin API Reference), and the identity store.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { IdentityCenter, SsoError, type RoleEffect } from "../../../js/sso/index.ts";

const MGMT = "111122223333";
const MEMBER = "444455556666";
const OUTSIDE = "777788889999";
let ic: IdentityCenter;
let base: { InstanceArn: string };
let storeId: { IdentityStoreId: string };

function run(service: "sso" | "identitystore", op: string, input: Record<string, unknown>) {
  return ic.run(service, op, input);
}
function expectSsoError(f: () => unknown, code: string, message?: RegExp): void {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(SsoError);
    expect((e as SsoError).code).toBe(code);
    if (message) expect((e as SsoError).message).toMatch(message);
    return;
  }
  throw new Error(`expected ${code}`);
}
function permissionSet(name = "ReadOnly", extra: Record<string, unknown> = {}): string {
  return (run("sso", "CreatePermissionSet", { ...base, Name: name, ...extra }).output as { PermissionSet: { PermissionSetArn: string } }).PermissionSet.PermissionSetArn;
}
function user(name = "jdoe"): string {
  return (run("identitystore", "CreateUser", { ...storeId, UserName: name, DisplayName: name }).output as { UserId: string }).UserId;
}
function assignment(ps: string, principal: string, type = "USER", account = MEMBER) {
  return { ...base, PermissionSetArn: ps, TargetId: account, TargetType: "AWS_ACCOUNT", PrincipalType: type, PrincipalId: principal };
}
const provisioned = (effects: RoleEffect[]) => effects.filter((e): e is Extract<RoleEffect, { kind: "provision" }> => e.kind === "provision");

beforeEach(() => {
  ic = IdentityCenter.create(MGMT, "us-east-1", { isAccount: (id) => id === MGMT || id === MEMBER, now: () => new Date("2026-03-01T12:00:00Z") });
  base = { InstanceArn: ic.state.InstanceArn };
  storeId = { IdentityStoreId: ic.state.IdentityStoreId };
});

describe("instance", () => {
  it("is the organization's, owned by the management account, with its identity store", () => {
    const out = run("sso", "ListInstances", {}).output as { Instances: Record<string, unknown>[] };
    expect(out.Instances).toHaveLength(1);
    expect(out.Instances[0]).toMatchObject({ OwnerAccountId: MGMT, Status: "ACTIVE" });
    expect(out.Instances[0].InstanceArn).toMatch(/^arn:aws:sso:::instance\/ssoins-[0-9a-f]{16}$/);
    expect(out.Instances[0].IdentityStoreId).toMatch(/^d-[0-9a-f]{10}$/);
  });
  it("answers ResourceNotFoundException for another instance ARN", () => {
    expectSsoError(() => run("sso", "ListPermissionSets", { InstanceArn: "arn:aws:sso:::instance/ssoins-0000000000000000" }), "ResourceNotFoundException");
  });
});

describe("permission sets", () => {
  it("get a permission set ARN under the instance and PT1H by default", () => {
    const arn = permissionSet();
    expect(arn).toMatch(/^arn:aws:sso:::permissionSet\/ssoins-[0-9a-f]{16}\/ps-[0-9a-f]{16}$/);
    const d = run("sso", "DescribePermissionSet", { ...base, PermissionSetArn: arn }).output as { PermissionSet: Record<string, unknown> };
    expect(d.PermissionSet).toMatchObject({ Name: "ReadOnly", SessionDuration: "PT1H" });
  });
  it("reject a duplicate name, a bad name and a session duration outside 1-12 hours", () => {
    permissionSet("Admin");
    expectSsoError(() => permissionSet("admin"), "ConflictException");
    expectSsoError(() => permissionSet("has space"), "ValidationException", /pattern/);
    expectSsoError(() => permissionSet("x".repeat(33)), "ValidationException", /length/);
    expectSsoError(() => permissionSet("Short", { SessionDuration: "PT30M" }), "ValidationException");
    expectSsoError(() => permissionSet("Long", { SessionDuration: "PT13H" }), "ValidationException");
  });
  it("take only AWS managed policy ARNs as managed policies, each once", () => {
    const ps = permissionSet();
    run("sso", "AttachManagedPolicyToPermissionSet", { ...base, PermissionSetArn: ps, ManagedPolicyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess" });
    expectSsoError(() => run("sso", "AttachManagedPolicyToPermissionSet", { ...base, PermissionSetArn: ps, ManagedPolicyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess" }), "ConflictException");
    expectSsoError(() => run("sso", "AttachManagedPolicyToPermissionSet", { ...base, PermissionSetArn: ps, ManagedPolicyArn: `arn:aws:iam::${MGMT}:policy/Mine` }), "ValidationException", /reference/);
  });
  it("reject an inline policy that is not a JSON object, and a boundary with both or neither form", () => {
    const ps = permissionSet();
    expectSsoError(() => run("sso", "PutInlinePolicyToPermissionSet", { ...base, PermissionSetArn: ps, InlinePolicy: "{not json" }), "ValidationException");
    expectSsoError(() => run("sso", "PutPermissionsBoundaryToPermissionSet", { ...base, PermissionSetArn: ps, PermissionsBoundary: {} }), "ValidationException");
    expectSsoError(() => run("sso", "PutPermissionsBoundaryToPermissionSet", { ...base, PermissionSetArn: ps, PermissionsBoundary: { ManagedPolicyArn: "arn:aws:iam::aws:policy/PowerUserAccess", CustomerManagedPolicyReference: { Name: "B" } } }), "ValidationException");
  });
  it("cannot be deleted while assigned", () => {
    const ps = permissionSet();
    run("sso", "CreateAccountAssignment", assignment(ps, user()));
    expectSsoError(() => run("sso", "DeletePermissionSet", { ...base, PermissionSetArn: ps }), "ConflictException");
  });
});

describe("account assignments provision AWSReservedSSO roles", () => {
  it("with AWS's name, path, trust policy, policies and session duration", () => {
    const ps = permissionSet("DataReader", { SessionDuration: "PT8H", Description: "reads data" });
    run("sso", "AttachManagedPolicyToPermissionSet", { ...base, PermissionSetArn: ps, ManagedPolicyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess" });
    run("sso", "AttachCustomerManagedPolicyReferenceToPermissionSet", { ...base, PermissionSetArn: ps, CustomerManagedPolicyReference: { Name: "TeamPolicy", Path: "/teams/" } });
    run("sso", "PutInlinePolicyToPermissionSet", { ...base, PermissionSetArn: ps, InlinePolicy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Deny", Action: "s3:DeleteObject", Resource: "*" }] }) });
    run("sso", "PutPermissionsBoundaryToPermissionSet", { ...base, PermissionSetArn: ps, PermissionsBoundary: { CustomerManagedPolicyReference: { Name: "Boundary" } } });
    const { output, effects } = run("sso", "CreateAccountAssignment", assignment(ps, user()));
    expect((output as { AccountAssignmentCreationStatus: { Status: string } }).AccountAssignmentCreationStatus.Status).toBe("SUCCEEDED");
    const [p] = provisioned(effects);
    expect(p.accountId).toBe(MEMBER);
    expect(p.role.RoleName).toMatch(/^AWSReservedSSO_DataReader_[0-9a-f]{16}$/);
    expect(p.role.Path).toBe("/aws-reserved/sso.amazonaws.com/");
    expect(p.role.MaxSessionDuration).toBe(8 * 3600);
    expect(p.role.ManagedPolicyArns).toEqual(["arn:aws:iam::aws:policy/ReadOnlyAccess", `arn:aws:iam::${MEMBER}:policy/teams/TeamPolicy`]);
    expect(Object.keys(p.role.InlinePolicies ?? {})).toEqual(["AwsSSOInlinePolicy"]);
    expect(p.role.PermissionsBoundary).toBe(`arn:aws:iam::${MEMBER}:policy/Boundary`);
    const id = ic.state.InstanceArn.split("ssoins-")[1];
    expect(JSON.parse(p.role.AssumeRolePolicyDocument)).toEqual({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Principal: { Federated: `arn:aws:iam::${MEMBER}:saml-provider/AWSSSO_${id}_DO_NOT_DELETE` }, Action: ["sts:AssumeRoleWithSAML", "sts:TagSession"], Condition: { StringEquals: { "SAML:aud": "https://signin.aws.amazon.com/saml" } } }],
    });
  });
  it("name the instance's Region in the path outside us-east-1", () => {
    ic = IdentityCenter.create(MGMT, "eu-west-1");
    base = { InstanceArn: ic.state.InstanceArn };
    storeId = { IdentityStoreId: ic.state.IdentityStoreId };
    const [p] = provisioned(run("sso", "CreateAccountAssignment", assignment(permissionSet(), user())).effects);
    expect(p.role.Path).toBe("/aws-reserved/sso.amazonaws.com/eu-west-1/");
  });
  it("provision once per account and permission set; the second assignment reuses the role", () => {
    const ps = permissionSet();
    const a = provisioned(run("sso", "CreateAccountAssignment", assignment(ps, user("a"))).effects);
    const b = run("sso", "CreateAccountAssignment", assignment(ps, user("b"))).effects;
    expect(a).toHaveLength(1);
    expect(b).toEqual([]);
    expectSsoError(() => run("sso", "CreateAccountAssignment", assignment(ps, ic.state.users[0].UserId)), "ConflictException");
  });
  it("refuse an account outside the organization and an unknown principal", () => {
    const ps = permissionSet();
    expectSsoError(() => run("sso", "CreateAccountAssignment", assignment(ps, user(), "USER", OUTSIDE)), "ValidationException", /not an account of the organization/);
    expectSsoError(() => run("sso", "CreateAccountAssignment", assignment(ps, "0123456789-00000000-0000-0000-0000-000000000000")), "ResourceNotFoundException");
  });
  it("are removed with the last assignment of the permission set in the account", () => {
    const ps = permissionSet();
    const [u1, u2] = [user("a"), user("b")];
    const [p] = provisioned(run("sso", "CreateAccountAssignment", assignment(ps, u1)).effects);
    run("sso", "CreateAccountAssignment", assignment(ps, u2));
    expect(run("sso", "DeleteAccountAssignment", assignment(ps, u1)).effects).toEqual([]);
    expect(run("sso", "DeleteAccountAssignment", assignment(ps, u2)).effects).toEqual([{ kind: "remove", accountId: MEMBER, roleName: p.role.RoleName }]);
    expectSsoError(() => run("sso", "DeleteAccountAssignment", assignment(ps, u2)), "ResourceNotFoundException");
  });
  it("are brought up to date by ProvisionPermissionSet only (same role name, replace)", () => {
    const ps = permissionSet();
    const [first] = provisioned(run("sso", "CreateAccountAssignment", assignment(ps, user())).effects);
    run("sso", "AttachManagedPolicyToPermissionSet", { ...base, PermissionSetArn: ps, ManagedPolicyArn: "arn:aws:iam::aws:policy/ViewOnlyAccess" });
    const { output, effects } = run("sso", "ProvisionPermissionSet", { ...base, PermissionSetArn: ps, TargetType: "ALL_PROVISIONED_ACCOUNTS" });
    const [again] = provisioned(effects);
    expect(again).toMatchObject({ accountId: MEMBER, replace: true });
    expect(again.role.RoleName).toBe(first.role.RoleName);
    expect(again.role.ManagedPolicyArns).toEqual(["arn:aws:iam::aws:policy/ViewOnlyAccess"]);
    const id = (output as { PermissionSetProvisioningStatus: { RequestId: string } }).PermissionSetProvisioningStatus.RequestId;
    expect(run("sso", "DescribePermissionSetProvisioningStatus", { ...base, ProvisionPermissionSetRequestId: id }).output).toMatchObject({ PermissionSetProvisioningStatus: { Status: "SUCCEEDED", PermissionSetArn: ps } });
  });
});

describe("identity store and access", () => {
  it("rejects duplicate user names and group names, and a user twice in a group", () => {
    const u = user("jdoe");
    expectSsoError(() => user("JDOE"), "ConflictException");
    const g = (run("identitystore", "CreateGroup", { ...storeId, DisplayName: "Engineers" }).output as { GroupId: string }).GroupId;
    expectSsoError(() => run("identitystore", "CreateGroup", { ...storeId, DisplayName: "engineers" }), "ConflictException");
    run("identitystore", "CreateGroupMembership", { ...storeId, GroupId: g, MemberId: { UserId: u } });
    expectSsoError(() => run("identitystore", "CreateGroupMembership", { ...storeId, GroupId: g, MemberId: { UserId: u } }), "ConflictException");
  });
  it("gives a user the assignments of its groups and its own, with the role ARN", () => {
    const ps = permissionSet("Dev");
    const u = user("jdoe");
    const other = user("other");
    const g = (run("identitystore", "CreateGroup", { ...storeId, DisplayName: "Engineers" }).output as { GroupId: string }).GroupId;
    run("identitystore", "CreateGroupMembership", { ...storeId, GroupId: g, MemberId: { UserId: u } });
    run("sso", "CreateAccountAssignment", assignment(ps, g, "GROUP"));
    const access = ic.accessOf(u);
    expect(access).toHaveLength(1);
    expect(access[0]).toMatchObject({ AccountId: MEMBER, PermissionSetName: "Dev" });
    expect(access[0].RoleArn).toMatch(new RegExp(`^arn:aws:iam::${MEMBER}:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Dev_[0-9a-f]{16}$`));
    expect(ic.accessOf(other)).toEqual([]);
  });
  it("answers ResourceNotFoundException for another identity store", () => {
    expectSsoError(() => run("identitystore", "ListUsers", { IdentityStoreId: "d-0000000000" }), "ResourceNotFoundException");
  });
});
