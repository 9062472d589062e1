/**
 * The organization in every decision of its accounts, with nothing passed by hand:
 * - "SCP evaluation": every level from the root to the account must allow; any level's Deny wins;
 * - "Service control policies (SCPs)": the management account and service-linked roles are exempt;
 * - "Resource control policies (RCPs)": RCPs bound a member account's resources of the supported
 *   services (STS here), not IAM's actions; the management account's resources are exempt;
 * - "AWS global condition context keys": aws:PrincipalOrgID / aws:PrincipalOrgPaths set;
 * - "Cross-account policy evaluation logic": a management-account principal assuming a member's
 *   role is bounded by its own account's SCPs (none: management) and the member's RCPs.
 */
import { beforeEach, describe, expect, it } from "vitest";
import type { Account } from "../../../js/index.ts";
import { applyOrganization, GuardrailCompiler, guardrailsOf, organizationAccountAccessRole, type Organization } from "../../../js/org/index.ts";
import { allow, clock, makeAccount, role, sharedEngine, trust, user } from "../sts/core-helpers.ts";
import { MGMT, organization, scp } from "./helpers.ts";

let org: Organization;
let rootId: string;
let member: string;
let ou: string;
let compiler: GuardrailCompiler;
let mgmtAccount: Account;
let memberAccount: Account;

const refresh = () => {
  applyOrganization(mgmtAccount, org, compiler);
  applyOrganization(memberAccount, org, compiler);
};

beforeEach(async () => {
  ({ org, rootId, accounts: [member] } = organization(1));
  ou = org.createOrganizationalUnit(MGMT, { ParentId: rootId, Name: "Sandbox" }).OrganizationalUnit.Id;
  org.moveAccount(MGMT, { AccountId: member, SourceParentId: rootId, DestinationParentId: ou });
  compiler = new GuardrailCompiler(await sharedEngine());
  const c = clock();
  mgmtAccount = await makeAccount(MGMT, c);
  memberAccount = await makeAccount(member, c);
  refresh();
});

function attach(content: string, target: string, type: "SERVICE_CONTROL_POLICY" | "RESOURCE_CONTROL_POLICY" = "SERVICE_CONTROL_POLICY"): string {
  const p = org.createPolicy(MGMT, { Name: `p${Math.random()}`, Description: "", Content: content, Type: type }).Policy.PolicySummary.Id;
  org.attachPolicy(MGMT, { PolicyId: p, TargetId: target });
  refresh();
  return p;
}

describe("derived levels", () => {
  it("root, OU, account in order; the path o-/r-/ou-/ ends at the account's parent", () => {
    const docs = guardrailsOf(org, member)!;
    expect(docs.scp!.map((l) => l.targetId)).toEqual([rootId, ou, member]);
    expect(docs.rcp!.map((l) => l.policies.map((p) => p.Name))).toEqual([["RCPFullAWSAccess"], ["RCPFullAWSAccess"], ["RCPFullAWSAccess"]]);
    expect(docs.orgPath).toBe(`${org.id}/${rootId}/${ou}/`);
    const mgmt = guardrailsOf(org, MGMT)!;
    expect(mgmt.management).toBe(true);
    expect(mgmt.scp).toBeUndefined();
    expect(mgmt.orgPath).toBe(`${org.id}/${rootId}/`);
  });
});

describe("SCPs", () => {
  it("an OU's Deny denies an administrator of the member account, with the SCP's statement", async () => {
    const admin = await user(memberAccount, "admin", allow("*"));
    expect(memberAccount.authorizePrincipal(admin, { action: "s3:GetObject", resource: "arn:aws:s3:::b/k" }).decision).toBe("Allow");
    const p = attach(scp({ Effect: "Deny", Action: "s3:*", Resource: "*" }), ou);
    const r = memberAccount.authorizePrincipal(admin, { action: "s3:GetObject", resource: "arn:aws:s3:::b/k" });
    expect(r.decision).toBe("ExplicitDeny");
    expect(r.matchedStatements.map((m) => [m.policyId, m.kind])).toEqual([[p, "scp"]]);
    expect(memberAccount.authorizePrincipal(admin, { action: "ec2:RunInstances" }).decision).toBe("Allow");
  });

  it("a level without an Allow denies (ScpNoAllow, naming the level)", async () => {
    const admin = await user(memberAccount, "admin", allow("*"));
    attach(scp({ Effect: "Allow", Action: "ec2:*", Resource: "*" }), ou);
    org.detachPolicy(MGMT, { PolicyId: "p-FullAWSAccess", TargetId: ou });
    refresh();
    const r = memberAccount.authorizePrincipal(admin, { action: "s3:GetObject", resource: "arn:aws:s3:::b/k" });
    expect(r.decision).toBe("ImplicitDeny");
    expect(r.reason.code).toBe("ScpNoAllow");
    expect(r.reason).toMatchObject({ level: 1 });
    expect(memberAccount.authorizePrincipal(admin, { action: "ec2:RunInstances" }).decision).toBe("Allow");
  });

  it("the operations of the model are decided with them too (IAM CreateUser by the root user)", async () => {
    attach(scp({ Effect: "Deny", Action: "iam:CreateUser", Resource: "*" }), rootId);
    await expect(memberAccount.createUser({ UserName: "x" }, { caller: memberAccount.rootArn })).rejects.toThrow(/explicit deny in a service control policy/);
  });

  it("the management account is exempt", async () => {
    attach(scp({ Effect: "Deny", Action: "*", Resource: "*" }), rootId);
    const admin = await user(mgmtAccount, "admin", allow("*"));
    expect(mgmtAccount.authorizePrincipal(admin, { action: "s3:GetObject", resource: "arn:aws:s3:::b/k" }).decision).toBe("Allow");
  });

  it("service-linked roles are exempt", async () => {
    attach(scp({ Effect: "Deny", Action: "*", Resource: "*" }), ou);
    await memberAccount.createRole({ RoleName: "AWSServiceRoleForX", Path: "/aws-service-role/x.amazonaws.com/", AssumeRolePolicyDocument: trust({ Service: "x.amazonaws.com" }) });
    // IAM refuses to change a service-linked role's policies (its service sets them): put one in the store.
    memberAccount.store.roles.get("awsservicerolefor" + "x")!.RolePolicyList.push({ PolicyName: "p", PolicyDocument: allow("s3:*") });
    memberAccount.touch();
    const arn = `arn:aws:iam::${member}:role/aws-service-role/x.amazonaws.com/AWSServiceRoleForX`;
    const r = memberAccount.authorizePrincipal(arn, { action: "s3:GetObject", resource: "arn:aws:s3:::b/k" });
    expect(r.decision).toBe("Allow");
    expect(r.reason.code).toBe("ScpExemptServiceLinkedRole");
  });
});

describe("condition keys", () => {
  it("aws:PrincipalOrgID and aws:PrincipalOrgPaths are set for the account's principals", async () => {
    const u = await user(memberAccount, "u", JSON.stringify({ Version: "2012-10-17", Statement: [
      { Effect: "Allow", Action: "s3:GetObject", Resource: "*", Condition: { StringEquals: { "aws:PrincipalOrgID": org.id } } },
      { Effect: "Allow", Action: "s3:PutObject", Resource: "*", Condition: { "ForAnyValue:StringLike": { "aws:PrincipalOrgPaths": `${org.id}/${rootId}/${ou}/*` } } },
    ] }));
    expect(memberAccount.authorizePrincipal(u, { action: "s3:GetObject", resource: "arn:aws:s3:::b/k" }).decision).toBe("Allow");
    expect(memberAccount.authorizePrincipal(u, { action: "s3:PutObject", resource: "arn:aws:s3:::b/k" }).decision).toBe("Allow");
    org.moveAccount(MGMT, { AccountId: member, SourceParentId: ou, DestinationParentId: rootId });
    refresh();
    expect(memberAccount.authorizePrincipal(u, { action: "s3:PutObject", resource: "arn:aws:s3:::b/k" }).decision).toBe("ImplicitDeny");
    org.removeAccountFromOrganization(MGMT, { AccountId: member });
    refresh();
    expect(memberAccount.organization).toBeUndefined();
    expect(memberAccount.authorizePrincipal(u, { action: "s3:GetObject", resource: "arn:aws:s3:::b/k" }).decision).toBe("ImplicitDeny");
  });
});

describe("cross-account AssumeRole and RCPs", () => {
  async function provision(): Promise<string> {
    const spec = organizationAccountAccessRole(MGMT);
    await memberAccount.createRole({ RoleName: spec.RoleName, Path: spec.Path, AssumeRolePolicyDocument: spec.AssumeRolePolicyDocument });
    for (const arn of spec.ManagedPolicyArns) await memberAccount.attachRolePolicy({ RoleName: spec.RoleName, PolicyArn: arn });
    return `arn:aws:iam::${member}:role/${spec.RoleName}`;
  }

  it("a management principal assumes OrganizationAccountAccessRole; the session is bounded by the member's SCPs", async () => {
    const roleArn = await provision();
    const ops = await user(mgmtAccount, "ops", allow("sts:AssumeRole"));
    const out = await memberAccount.assumeRole({ RoleArn: roleArn, RoleSessionName: "ops" }, { caller: ops, callerAccount: mgmtAccount });
    const session = out.AssumedRoleUser.Arn;
    expect(memberAccount.authorizePrincipal(session, { action: "ec2:RunInstances" }).decision).toBe("Allow");
    attach(scp({ Effect: "Deny", Action: "ec2:*", Resource: "*" }), ou);
    expect(memberAccount.authorizePrincipal(session, { action: "ec2:RunInstances" }).decision).toBe("ExplicitDeny");
  });

  it("without its own identity Allow the management principal cannot assume it (the trust names the account)", async () => {
    const roleArn = await provision();
    const nobody = await user(mgmtAccount, "nobody");
    await expect(memberAccount.assumeRole({ RoleArn: roleArn, RoleSessionName: "xx" }, { caller: nobody, callerAccount: mgmtAccount })).rejects.toThrow(/not authorized to perform: sts:AssumeRole/);
  });

  it("an RCP on the member denies sts:AssumeRole from outside the organization, not from inside", async () => {
    const roleArn = await role(memberAccount, "Shared", trust({ AWS: ["arn:aws:iam::111111111111:root", "arn:aws:iam::999999999999:root"] }));
    attach(scp({ Effect: "Deny", Principal: "*", Action: "sts:AssumeRole", Resource: "*", Condition: { StringNotEqualsIfExists: { "aws:PrincipalOrgID": org.id } } }), ou, "RESOURCE_CONTROL_POLICY");
    const inside = await user(mgmtAccount, "inside", allow("sts:AssumeRole"));
    await memberAccount.assumeRole({ RoleArn: roleArn, RoleSessionName: "in" }, { caller: inside, callerAccount: mgmtAccount });
    const outsiderAccount = await makeAccount("999999999999", clock());
    const outside = await user(outsiderAccount, "outside", allow("sts:AssumeRole"));
    await expect(memberAccount.assumeRole({ RoleArn: roleArn, RoleSessionName: "out" }, { caller: outside, callerAccount: outsiderAccount })).rejects.toThrow(/resource control policy/);
  });

  it("RCPs do not bound IAM's own actions", async () => {
    attach(scp({ Effect: "Deny", Principal: "*", Action: ["s3:*", "iam:*"], Resource: "*" }), ou, "RESOURCE_CONTROL_POLICY");
    const admin = await user(memberAccount, "admin", allow("*"));
    expect(memberAccount.authorizePrincipal(admin, { action: "iam:ListUsers" }).decision).toBe("Allow");
    expect(memberAccount.authorizePrincipal(admin, { action: "s3:GetObject", resource: `arn:aws:s3:::b/k`, resourceAccount: member }).decision).toBe("ExplicitDeny");
  });
});
