/**
 * @module iam/ops/role-sessions
 * Revoking a role's active sessions ("Revoking IAM role temporary security credentials"):
 * sessions of the role issued before a cut-off (default: now) are refused with AccessDenied when
 * used (resolve/sessions.ts `checkRevocation`). AWS does it with an inline deny on
 * `aws:TokenIssueTime` (the `AWSRevokeOlderSessions` policy, a PutRolePolicy); this model keeps a
 * per-role cut-off in the store, keyed by role name and id, so a new role of the same name is not
 * affected. A later cut-off replaces an earlier one. With `options.caller`, authorized as
 * `iam:PutRolePolicy` on the role (what AWS requires); the audit logs it as that PutRolePolicy.
 */
import type { AccountState, OperationOptions } from "../account-state.ts";
import { IamError } from "../errors.ts";

export interface RevokeRoleSessionsResponse {
  RoleName: string;
  /** The cut-off, ISO 8601 to the second. */
  RevokedBefore: string;
}

/** Records the cut-off; NoSuchEntity for an unknown role. */
export async function revokeRoleSessions(account: AccountState, roleName: string, before?: Date, options?: OperationOptions): Promise<RevokeRoleSessionsResponse> {
  if (typeof roleName !== "string" || !/^[\w+=,.@-]{1,64}$/.test(roleName)) throw new IamError("ValidationError", "1 validation error detected: Value at 'roleName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+");
  if (before !== undefined && (!(before instanceof Date) || Number.isNaN(before.getTime()))) throw new IamError("ValidationError", "`before` must be a valid Date");
  const role = account.store.roles.get(roleName.toLowerCase());
  await account.authorizeOperation(options, "iam:PutRolePolicy", role?.Arn ?? account.arn(`role/${roleName}`));
  if (!role) throw new IamError("NoSuchEntity", `The role with name ${roleName} cannot be found.`);
  const cutoff = Math.floor((before ?? account.now()).getTime() / 1000);
  account.store.roleSessionCutoffs.set(role.RoleName.toLowerCase(), { roleId: role.RoleId, before: cutoff });
  return { RoleName: role.RoleName, RevokedBefore: new Date(cutoff * 1000).toISOString().replace(/\.\d{3}Z$/, "Z") };
}
