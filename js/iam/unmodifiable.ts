/**
 * @module iam/unmodifiable
 * What IAM refuses to change whatever the policies say, and IAM's answer, UnmodifiableEntity
 * (HTTP 400). The same rules as the engine's (assembly/eval/service-facts.ts, docs/semantics.md
 * "Service rules" 4), so the model and the engine agree (test/unit/iam/unmodifiable.test.ts
 * checks every rule against the engine):
 * - AWS managed policies (`arn:PARTITION:iam::aws:policy/...`): CreatePolicyVersion,
 *   DeletePolicy, DeletePolicyVersion, SetDefaultPolicyVersion, TagPolicy, UntagPolicy ("AWS
 *   managed policies": you cannot change them);
 * - service-linked roles (`role/aws-service-role/...`): DeleteRole, UpdateAssumeRolePolicy,
 *   Put/DeleteRolePolicy, Attach/DetachRolePolicy, Put/DeleteRolePermissionsBoundary ("Using
 *   service-linked roles": only the service that depends on the role can modify or delete it;
 *   "Update a service-linked role": you can edit the description of any role, so UpdateRole
 *   and UpdateRoleDescription stay allowed, and tagging is not refused);
 * - IAM Identity Center roles (`role/aws-reserved/sso.amazonaws.com/...`): the same, and
 *   UpdateRole and UpdateRoleDescription; IAM Identity Center makes these changes through its
 *   own service-linked role, which the engine lets through ("Using service-linked roles for IAM
 *   Identity Center").
 *
 * IAM authorizes a request before it runs the operation ("Policy evaluation logic"): a caller
 * the policies do not allow is AccessDenied; one they allow is refused with this error.
 */
import { IamError } from "./errors.ts";

const POLICY_CHANGES = ["CreatePolicyVersion", "DeletePolicy", "DeletePolicyVersion", "SetDefaultPolicyVersion", "TagPolicy", "UntagPolicy"];
const ROLE_CHANGES = [
  "DeleteRole", "UpdateAssumeRolePolicy", "PutRolePolicy", "DeleteRolePolicy", "AttachRolePolicy", "DetachRolePolicy",
  "PutRolePermissionsBoundary", "DeleteRolePermissionsBoundary",
];
const IDENTITY_CENTER_ROLE_CHANGES = [...ROLE_CHANGES, "UpdateRole", "UpdateRoleDescription"];

/** What an IAM ARN names: `arn:PARTITION:iam:REGION:ACCOUNT:RESOURCE` (the region is empty in IAM ARNs). */
function iamTarget(arn: string): { account: string; resource: string } | undefined {
  const m = /^arn:[^:]*:iam:[^:]*:([^:]*):(.*)$/.exec(arn);
  return m ? { account: m[1], resource: m[2] } : undefined;
}

/** Whether `iam:<name>` (any case) is one of `names`. */
function actionIn(action: string, names: readonly string[]): boolean {
  const lower = action.toLowerCase();
  return names.some((n) => lower === `iam:${n.toLowerCase()}`);
}

/**
 * Whether IAM refuses `action` on `resource` to anyone but AWS (IAM Identity Center's own
 * changes to its roles come with a caller, and are left to the engine).
 */
export function isUnmodifiable(action: string, resource: string): boolean {
  const target = iamTarget(resource);
  if (!target) return false;
  if (target.account === "aws" && target.resource.startsWith("policy/")) return actionIn(action, POLICY_CHANGES);
  if (target.resource.startsWith("role/aws-service-role/")) return actionIn(action, ROLE_CHANGES);
  if (target.resource.startsWith("role/aws-reserved/sso.amazonaws.com/")) return actionIn(action, IDENTITY_CENTER_ROLE_CHANGES);
  return false;
}

/**
 * IAM's UnmodifiableEntity for a change to `resource`. Roles: IAM's own text, "Cannot perform
 * the operation on the protected role 'NAME' - this role is only modifiable by AWS" (as IAM
 * answers DeleteRolePolicy, DetachRolePolicy and DeleteRole on service-linked and IAM Identity
 * Center roles). AWS managed policies: AWS documents no text; this one names the policy.
 */
export function unmodifiableError(resource: string): IamError {
  const target = iamTarget(resource);
  if (target?.resource.startsWith("role/")) {
    const name = target.resource.slice(target.resource.lastIndexOf("/") + 1);
    return new IamError("UnmodifiableEntity", `Cannot perform the operation on the protected role '${name}' - this role is only modifiable by AWS`);
  }
  return new IamError("UnmodifiableEntity", `Policy ${resource} is an AWS managed policy and cannot be modified or deleted.`);
}
