/**
 * @module org/access-role
 * The role CreateAccount provisions in a new member account (API_CreateAccount, RoleName: "the
 * name of an IAM role that AWS Organizations automatically preconfigures in the new member
 * account. This role trusts the management account, allowing users in the management account to
 * assume the role, as permitted by the management account administrator. The role has
 * administrator permissions in the new member account."; the default name is
 * OrganizationAccountAccessRole; "Accessing a member account that has a management account
 * access role"). AdministratorAccess attached, trust in the management account's root (the
 * account: its principals still need their own identity Allow of `sts:AssumeRole`).
 *
 * A `ProvisionedRole` is also what IAM Identity Center will provision into an account
 * (`AWSReservedSSO_<set>_<id>` under `/aws-reserved/sso.amazonaws.com/`): the edge's account
 * objects create any such role (js/edge/service, `provisionRole`).
 */
export interface ProvisionedRole {
  RoleName: string;
  Path: string;
  AssumeRolePolicyDocument: string;
  Description?: string;
  MaxSessionDuration?: number;
  /** Managed policies to attach (AWS managed or of the account). */
  ManagedPolicyArns: string[];
  /** Inline policies by name. */
  InlinePolicies?: Record<string, string>;
  PermissionsBoundary?: string;
}

export function organizationAccountAccessRole(managementAccountId: string, roleName = "OrganizationAccountAccessRole", partition = "aws"): ProvisionedRole {
  return {
    RoleName: roleName,
    Path: "/",
    AssumeRolePolicyDocument: JSON.stringify({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Principal: { AWS: `arn:${partition}:iam::${managementAccountId}:root` }, Action: "sts:AssumeRole" }],
    }),
    ManagedPolicyArns: [`arn:${partition}:iam::aws:policy/AdministratorAccess`],
  };
}
