/**
 * @module iam/ops/users
 * IAM users: CreateUser, GetUser, ListUsers, UpdateUser, DeleteUser, with the request and
 * response fields of the IAM API Reference (API_CreateUser.html, API_GetUser.html,
 * API_ListUsers.html, API_UpdateUser.html, API_DeleteUser.html; data type API_User.html). Their
 * tags are in tags.ts, their permissions boundary in boundaries.ts, their policies in
 * inline-policies.ts and attachments.ts, written once for every family (families.ts).
 */
import type { AccountState, OperationOptions } from "../account-state.ts";
import { IamError } from "../errors.ts";
import { checkName, checkPath, checkTags } from "../validate.ts";
import type { BoundaryRef, Tag, UserEntity } from "../store.ts";
import { authorizedEntity, USERS } from "./families.ts";
import { resolveCredentialTarget, targetUser } from "./credential-target.ts";
import { deleteEntity, listEntities, policiesConflict, updateEntity, type ListRequest } from "./entities.ts";
import { checkBoundary, randomUnique, requestObject, tagContext, type PaginatedResponse } from "./shared.ts";

export interface User {
  Path: string;
  UserName: string;
  UserId: string;
  Arn: string;
  CreateDate: string;
  PasswordLastUsed?: string;
  PermissionsBoundary?: BoundaryRef;
  Tags?: Tag[];
}

export interface CreateUserRequest {
  Path?: string;
  UserName: string;
  /** ARN of a managed policy used as the user's permissions boundary. */
  PermissionsBoundary?: string;
  Tags?: Tag[];
}
export interface CreateUserResponse { User: User }
/** `UserName` may be omitted: IAM then answers for the identity that signs the request. */
export interface GetUserRequest { UserName?: string }
/**
 * GetUser called by the root user without a name: IAM answers with the account id as `UserId`
 * and the root ARN, and no name or path. `CreateDate` is the account's creation date in IAM;
 * the model keeps none, so it is the root user's first access key's, when there is one
 * (docs/iam.md, "Known differences").
 */
export interface RootUser {
  UserId: string;
  Arn: string;
  CreateDate?: string;
  UserName?: undefined;
  Path?: undefined;
  Tags?: undefined;
  PermissionsBoundary?: undefined;
}
export interface GetUserResponse { User: User | RootUser }
export type ListUsersRequest = ListRequest;
export interface ListUsersResponse extends PaginatedResponse { Users: User[] }
export interface UpdateUserRequest { UserName: string; NewPath?: string; NewUserName?: string }
export interface DeleteUserRequest { UserName: string }

/** The User data type; `full` adds what only GetUser/CreateUser return (tags, boundary, last use). */
export function userShape(u: UserEntity, full: boolean): User {
  const out: User = { Path: u.Path, UserName: u.UserName, UserId: u.UserId, Arn: u.Arn, CreateDate: u.CreateDate };
  if (u.PasswordLastUsed) out.PasswordLastUsed = u.PasswordLastUsed;
  if (full && u.PermissionsBoundary) out.PermissionsBoundary = { ...u.PermissionsBoundary };
  if (full && u.Tags.length > 0) out.Tags = u.Tags.map((t) => ({ ...t }));
  return out;
}

export async function createUser(account: AccountState, input: CreateUserRequest, options?: OperationOptions): Promise<CreateUserResponse> {
  requestObject(input, "CreateUser");
  const name = checkName(input.UserName, "UserName", "user");
  const path = checkPath(input.Path);
  const tags = checkTags(input.Tags);
  const arn = account.arn(`user${path}${name}`);
  await account.authorizeOperation(options, "iam:CreateUser", arn, {
    "iam:PermissionsBoundary": typeof input.PermissionsBoundary === "string" ? input.PermissionsBoundary : undefined,
    ...tagContext(input.Tags),
  });
  if (account.store.users.has(name.toLowerCase())) throw new IamError("EntityAlreadyExists", `User with name ${name} already exists.`);
  const boundary = input.PermissionsBoundary === undefined ? undefined : checkBoundary(account, input.PermissionsBoundary);
  const user: UserEntity = {
    UserName: name, UserId: randomUnique(account, "AIDA"), Arn: arn, Path: path, CreateDate: account.timestamp(), Tags: tags,
    GroupList: [], AttachedManagedPolicies: [], UserPolicyList: [], AccessKeys: [], MFADevices: [],
  };
  if (boundary) user.PermissionsBoundary = boundary;
  account.store.users.set(name.toLowerCase(), user);
  account.touch();
  return { User: userShape(user, true) };
}

/**
 * GetUser: "If you do not specify a user name, IAM determines the user name implicitly based on
 * the AWS access key ID used to sign the request" (API_GetUser.html): the calling user, or the
 * root user's account-level answer; a role session has no user, so it must name one.
 */
export async function getUser(account: AccountState, input: GetUserRequest = {}, options?: OperationOptions): Promise<GetUserResponse> {
  requestObject(input, "GetUser");
  // `return await`, not `return`: the rejection gets its handler at once (workerd reports a
  // rejected promise that waits a microtask for one as unhandled).
  if (input.UserName === undefined) return await getCallingUser(account, options);
  const name = checkName(input.UserName, "UserName", "user");
  return { User: userShape(await authorizedEntity(account, USERS, name, "GetUser", options), true) };
}

async function getCallingUser(account: AccountState, options: OperationOptions | undefined): Promise<GetUserResponse> {
  const target = resolveCredentialTarget(account, undefined, options, true);
  await account.authorizeOperation(options, "iam:GetUser", target.arn);
  if (target.kind === "user") return { User: userShape(targetUser(target), true) };
  const first = account.store.rootAccessKeys.map((k) => k.CreateDate).sort()[0];
  const root: RootUser = { UserId: account.accountId, Arn: target.arn };
  if (first !== undefined) root.CreateDate = first;
  return { User: root };
}

/** ListUsers: without tags or boundary, as IAM. */
export const listUsers = listEntities(USERS, "Users", (u) => userShape(u, false));

/** UpdateUser: the user's groups keep it (membership is kept on the user). */
export const updateUser = updateEntity<UserEntity, UpdateUserRequest>(USERS, (_account, user, name) => void (user.UserName = name));

/** DeleteUser: only once its login profile, keys, MFA devices, policies and groups are gone. */
export const deleteUser = deleteEntity<UserEntity, DeleteUserRequest>(USERS, (_account, user) => deleteConflict(user));

/** "Deleting an IAM user" / API_DeleteUser: IAM refuses until these are removed, in this order. */
function deleteConflict(user: UserEntity): string | undefined {
  if (user.LoginProfile) return "Cannot delete entity, must delete login profile first.";
  if (user.AccessKeys.length > 0) return "Cannot delete entity, must delete access keys first.";
  if (user.MFADevices.length > 0) return "Cannot delete entity, must delete MFA device first.";
  const policies = policiesConflict(USERS, user);
  if (policies) return policies;
  if (user.GroupList.length > 0) return "Cannot delete entity, must remove user from all groups first.";
  return undefined;
}
