/**
 * @module iam/ops/boundaries
 * Permissions boundaries of users and roles, written once for both:
 * Put/Delete{User,Role}PermissionsBoundary (IAM API Reference:
 * API_PutUserPermissionsBoundary.html, API_DeleteUserPermissionsBoundary.html and the Role
 * counterparts; "Permissions boundaries for IAM entities"). The boundary is an existing managed
 * policy, customer or AWS (shared.ts `checkBoundary`); the caller check carries
 * `iam:PermissionsBoundary` (the new one, or the one being removed).
 */
import type { AccountState, OperationOptions } from "../account-state.ts";
import type { RoleEntity, UserEntity } from "../store.ts";
import { authorizedEntity, entityRequest, ROLES, USERS, type NamedFamily } from "./families.ts";
import { checkBoundary, checkPolicyArn, type EmptyResponse } from "./shared.ts";

export interface PutUserPermissionsBoundaryRequest { UserName: string; PermissionsBoundary: string }
export interface DeleteUserPermissionsBoundaryRequest { UserName: string }
export interface PutRolePermissionsBoundaryRequest { RoleName: string; PermissionsBoundary: string }
export interface DeleteRolePermissionsBoundaryRequest { RoleName: string }

type Operation<I> = (account: AccountState, input: I, options?: OperationOptions) => Promise<EmptyResponse>;

/** Put<Family>PermissionsBoundary: sets (or replaces) the boundary. */
function putBoundary<E extends UserEntity | RoleEntity, I extends object>(f: NamedFamily<E>): Operation<I> {
  return async (account, input, options) => {
    const { req, id: name } = entityRequest(f, input, `Put${f.word}PermissionsBoundary`);
    const arn = checkPolicyArn(req.PermissionsBoundary, "PermissionsBoundary");
    const entity = await authorizedEntity(account, f, name, `Put${f.word}PermissionsBoundary`, options, { context: { "iam:PermissionsBoundary": arn } });
    entity.PermissionsBoundary = checkBoundary(account, arn);
    account.touch();
    return {};
  };
}

/** Delete<Family>PermissionsBoundary: removes it; an entity without one is left as it is. */
function deleteBoundary<E extends UserEntity | RoleEntity, I extends object>(f: NamedFamily<E>): Operation<I> {
  return async (account, input, options) => {
    const { id: name } = entityRequest(f, input, `Delete${f.word}PermissionsBoundary`);
    const current = f.get(account, name)?.PermissionsBoundary?.PermissionsBoundaryArn;
    const entity = await authorizedEntity(account, f, name, `Delete${f.word}PermissionsBoundary`, options, { context: { "iam:PermissionsBoundary": current } });
    if (entity.PermissionsBoundary) {
      delete entity.PermissionsBoundary;
      account.touch();
    }
    return {};
  };
}

export const putUserPermissionsBoundary = putBoundary<UserEntity, PutUserPermissionsBoundaryRequest>(USERS);
export const deleteUserPermissionsBoundary = deleteBoundary<UserEntity, DeleteUserPermissionsBoundaryRequest>(USERS);
export const putRolePermissionsBoundary = putBoundary<RoleEntity, PutRolePermissionsBoundaryRequest>(ROLES);
export const deleteRolePermissionsBoundary = deleteBoundary<RoleEntity, DeleteRolePermissionsBoundaryRequest>(ROLES);
