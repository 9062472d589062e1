/**
 * @module sso/role-account
 * What IAM Identity Center does in a member account (js/sso's role effects), on that account:
 * - create a provisioned role, or bring it exactly to its permission set (ProvisionPermissionSet:
 *   trust policy, session duration, managed policies and the inline policy as listed, the others
 *   removed, the boundary put or deleted);
 * - delete a role (its last assignment went): its policies and boundary first, as IAM's
 *   DeleteRole requires ("Deleting an IAM role");
 * - issue a session of a provisioned role for a signed-in user (the access portal's
 *   GetRoleCredentials): AWS's portal gets it through AssumeRoleWithSAML with the account's
 *   `AWSSSO_<id>_DO_NOT_DELETE` provider; here the session is issued directly, with the same
 *   kind, provider and session name (the user name) — docs/identity-center.md, "Known differences".
 * The changes are made as the account's AWSServiceRoleForSSO (created on first use), the one
 * caller IAM lets change roles under `/aws-reserved/sso.amazonaws.com/` (the engine's service
 * rules, docs/semantics.md "Service rules"), so they are authorized and audited as AWS's are.
 */
import type { Account } from "../sts/account.ts";
import type { ProvisionedRole } from "../org/access-role.ts";
import { issueCredentials, type Credentials } from "../sts/credentials.ts";

/** IAM Identity Center's service-linked role, through which it changes its roles ("Using service-linked roles for IAM Identity Center"). */
export const SSO_SERVICE_ROLE_NAME = "AWSServiceRoleForSSO";
const SSO_SERVICE_ROLE_PATH = "/aws-service-role/sso.amazonaws.com/";
/**
 * What AWSSSOServiceRolePolicy lets the service-linked role do to Identity Center's roles (the
 * role actions of that AWS managed policy, on `role/aws-reserved/sso.amazonaws.com/*`).
 */
const SERVICE_ROLE_POLICY = JSON.stringify({
  Version: "2012-10-17",
  Statement: [{
    Effect: "Allow",
    Action: ["iam:CreateRole", "iam:DeleteRole", "iam:GetRole", "iam:UpdateRole", "iam:UpdateRoleDescription", "iam:UpdateAssumeRolePolicy", "iam:AttachRolePolicy", "iam:DetachRolePolicy", "iam:PutRolePolicy", "iam:DeleteRolePolicy", "iam:PutRolePermissionsBoundary", "iam:DeleteRolePermissionsBoundary", "iam:ListRolePolicies", "iam:ListAttachedRolePolicies"],
    Resource: "arn:*:iam::*:role/aws-reserved/sso.amazonaws.com/*",
  }],
});

/**
 * The account's AWSServiceRoleForSSO, created with its policy when missing: AWS creates a
 * service-linked role with its permissions in one step, which no IAM API call can do (its
 * policies are unmodifiable), so the policy is written into the new role's entity here.
 */
function serviceRole(account: Account): Promise<{ caller: string }> | { caller: string } {
  const existing = account.store.roles.get(SSO_SERVICE_ROLE_NAME.toLowerCase());
  if (existing) return { caller: existing.Arn };
  const trust = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "sso.amazonaws.com" }, Action: "sts:AssumeRole" }] });
  return account.createRole({ RoleName: SSO_SERVICE_ROLE_NAME, Path: SSO_SERVICE_ROLE_PATH, AssumeRolePolicyDocument: trust, Description: "Service-linked role used by AWS SSO to manage AWS resources, including IAM roles, policies and SAML IdP on your behalf." }).then(() => {
    const entity = account.store.roles.get(SSO_SERVICE_ROLE_NAME.toLowerCase())!;
    entity.RolePolicyList.push({ PolicyName: "AWSSSOServiceRolePolicy", PolicyDocument: SERVICE_ROLE_POLICY });
    account.touch();
    return { caller: entity.Arn };
  });
}

/**
 * Creates the role, or brings it exactly to `role` (trust policy, session duration, managed
 * policies and inline policies as listed, the others removed, the boundary put or deleted), as
 * the service-linked role.
 */
export async function reconcileRole(account: Account, role: ProvisionedRole): Promise<{ arn: string }> {
  const as = await serviceRole(account);
  const name = role.RoleName;
  let entity = account.store.roles.get(name.toLowerCase());
  if (!entity) {
    const input: Record<string, unknown> = { RoleName: name, Path: role.Path, AssumeRolePolicyDocument: role.AssumeRolePolicyDocument };
    if (role.Description !== undefined) input.Description = role.Description;
    if (role.MaxSessionDuration !== undefined) input.MaxSessionDuration = role.MaxSessionDuration;
    await account.createRole(input as never, as);
    entity = account.store.roles.get(name.toLowerCase())!;
  } else {
    await account.updateAssumeRolePolicy({ RoleName: name, PolicyDocument: role.AssumeRolePolicyDocument }, as);
    if (role.MaxSessionDuration !== undefined && entity.MaxSessionDuration !== role.MaxSessionDuration) await account.updateRole({ RoleName: name, MaxSessionDuration: role.MaxSessionDuration }, as);
  }
  for (const p of [...entity.AttachedManagedPolicies]) if (!role.ManagedPolicyArns.includes(p.PolicyArn)) await account.detachRolePolicy({ RoleName: name, PolicyArn: p.PolicyArn }, as);
  for (const arn of role.ManagedPolicyArns) if (!entity.AttachedManagedPolicies.some((p) => p.PolicyArn === arn)) await account.attachRolePolicy({ RoleName: name, PolicyArn: arn }, as);
  const inline = role.InlinePolicies ?? {};
  for (const p of [...entity.RolePolicyList]) if (!Object.hasOwn(inline, p.PolicyName)) await account.deleteRolePolicy({ RoleName: name, PolicyName: p.PolicyName }, as);
  for (const [policyName, doc] of Object.entries(inline)) await account.putRolePolicy({ RoleName: name, PolicyName: policyName, PolicyDocument: doc }, as);
  if (role.PermissionsBoundary !== undefined) await account.putRolePermissionsBoundary({ RoleName: name, PermissionsBoundary: role.PermissionsBoundary }, as);
  else if (entity.PermissionsBoundary) await account.deleteRolePermissionsBoundary({ RoleName: name }, as);
  return { arn: entity.Arn };
}

/** Deletes the role and what is attached to it, as the service-linked role; nothing when it is already gone. */
export async function removeRole(account: Account, roleName: string): Promise<void> {
  const entity = account.store.roles.get(roleName.toLowerCase());
  if (!entity) return;
  await reconcileRole(account, { RoleName: roleName, Path: entity.Path, AssumeRolePolicyDocument: entity.AssumeRolePolicyDocument, ManagedPolicyArns: [] });
  await account.deleteRole({ RoleName: roleName }, await serviceRole(account));
}

export interface RoleSessionRequest {
  roleName: string;
  /** The identity store user name (the session name AWS gives portal sessions). */
  sessionName: string;
  /** The account's Identity Center SAML provider. */
  providerArn: string;
  durationSeconds?: number;
}

/** A session of the role, for GetRoleCredentials (see the module doc). */
export async function issueRoleSession(account: Account, req: RoleSessionRequest): Promise<{ credentials: Credentials; roleArn: string }> {
  const role = account.store.roles.get(req.roleName.toLowerCase());
  if (!role) throw new Error(`role ${req.roleName} is not provisioned in ${account.accountId}`);
  const epoch = Math.floor(account.now().getTime() / 1000);
  const duration = Math.min(req.durationSeconds ?? role.MaxSessionDuration, role.MaxSessionDuration);
  const { credentials } = await issueCredentials(account, {
    kind: "AssumeRoleWithSAML", accountId: account.accountId, roleArn: role.Arn, roleId: role.RoleId, sessionName: req.sessionName,
    tags: [], transitiveTagKeys: [], mfaAuthenticated: false, issuedAt: epoch, expiresAt: epoch + duration, chained: false,
    saml: { providerArn: req.providerArn, context: { "aws:FederatedProvider": req.providerArn } },
  });
  return { credentials, roleArn: role.Arn };
}
