/**
 * @module sso/reserved-role
 * The role IAM Identity Center provisions for a permission set in an assigned account (IAM
 * Identity Center User Guide, "Permission sets" and "Referencing permission sets in resource
 * policies, Amazon EKS cluster configurations, and AWS KMS key policies"):
 * - name `AWSReservedSSO_<PermissionSetName>_<unique suffix>` (the suffix: 16 hex digits, fixed
 *   for the permission set in that account);
 * - path `/aws-reserved/sso.amazonaws.com/`, with the instance's Region as one more segment
 *   outside us-east-1 (`/aws-reserved/sso.amazonaws.com/eu-west-1/`), as the guide's ARN
 *   examples write it;
 * - the trust policy AWS writes: the account's SAML provider `AWSSSO_<id>_DO_NOT_DELETE`
 *   (created by Identity Center in each account) may call `sts:AssumeRoleWithSAML` and
 *   `sts:TagSession` when `SAML:aud` is `https://signin.aws.amazon.com/saml`;
 * - the permission set's AWS managed policies, its customer managed policy references (by name and
 *   path, policies of the member account: "Customer managed policies"), its inline policy as
 *   `AwsSSOInlinePolicy`, its boundary, and MaxSessionDuration its SessionDuration.
 * IAM principals cannot change or delete roles under that path ("IAM Identity Center-created
 * roles", the engine's service rules), so the role is Identity Center's alone.
 */
import type { ProvisionedRole } from "../org/access-role.ts";
import type { CustomerManagedPolicyReference, IdentityCenterState, PermissionSet } from "./shapes.ts";
import { sessionSeconds } from "./validate.ts";

export const RESERVED_PATH = "/aws-reserved/sso.amazonaws.com/";
export const INLINE_POLICY_NAME = "AwsSSOInlinePolicy";
export const SAML_AUDIENCE = "https://signin.aws.amazon.com/saml";
/** The Region whose roles carry no Region segment. */
const HOME_REGION = "us-east-1";

export function reservedRoleName(permissionSetName: string, suffix: string): string {
  return `AWSReservedSSO_${permissionSetName}_${suffix}`;
}

export function reservedRolePath(region: string): string {
  return region === HOME_REGION ? RESERVED_PATH : `${RESERVED_PATH}${region}/`;
}

/** The SAML provider Identity Center keeps in each account: `AWSSSO_<16 hex of the instance>_DO_NOT_DELETE`. */
export function ssoProviderName(state: Pick<IdentityCenterState, "InstanceArn">): string {
  const id = state.InstanceArn.slice(state.InstanceArn.lastIndexOf("/") + 1).replace(/^ssoins-/, "");
  return `AWSSSO_${id}_DO_NOT_DELETE`;
}

export function ssoProviderArn(state: Pick<IdentityCenterState, "InstanceArn" | "partition">, accountId: string): string {
  return `arn:${state.partition}:iam::${accountId}:saml-provider/${ssoProviderName(state)}`;
}

export function reservedTrustPolicy(providerArn: string): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: { Federated: providerArn }, Action: ["sts:AssumeRoleWithSAML", "sts:TagSession"], Condition: { StringEquals: { "SAML:aud": SAML_AUDIENCE } } }],
  });
}

function customerPolicyArn(partition: string, accountId: string, ref: CustomerManagedPolicyReference): string {
  return `arn:${partition}:iam::${accountId}:policy${ref.Path}${ref.Name}`;
}

/** The role of `ps` in `accountId`, with the suffix fixed for that pair. */
export function reservedRole(state: IdentityCenterState, ps: PermissionSet, accountId: string, suffix: string): ProvisionedRole {
  const p = state.partition;
  const role: ProvisionedRole = {
    RoleName: reservedRoleName(ps.Name, suffix),
    Path: reservedRolePath(state.region),
    AssumeRolePolicyDocument: reservedTrustPolicy(ssoProviderArn(state, accountId)),
    MaxSessionDuration: sessionSeconds(ps.SessionDuration),
    ManagedPolicyArns: [...ps.ManagedPolicies.map((m) => m.Arn), ...ps.CustomerManagedPolicyReferences.map((r) => customerPolicyArn(p, accountId, r))],
  };
  if (ps.Description !== undefined) role.Description = ps.Description;
  if (ps.InlinePolicy !== undefined) role.InlinePolicies = { [INLINE_POLICY_NAME]: ps.InlinePolicy };
  const b = ps.PermissionsBoundary;
  if (b?.ManagedPolicyArn) role.PermissionsBoundary = b.ManagedPolicyArn;
  else if (b?.CustomerManagedPolicyReference) role.PermissionsBoundary = customerPolicyArn(p, accountId, b.CustomerManagedPolicyReference);
  return role;
}
