/**
 * @module iam/ops/users
 * IAM users: CreateUser, GetUser, ListUsers, UpdateUser, DeleteUser, TagUser, UntagUser,
 * ListUserTags, PutUserPermissionsBoundary, DeleteUserPermissionsBoundary, with the request and
 * response fields of the IAM API Reference (API_CreateUser.html, API_GetUser.html,
 * API_ListUsers.html, API_UpdateUser.html, API_DeleteUser.html, API_TagUser.html,
 * API_UntagUser.html, API_ListUserTags.html, API_PutUserPermissionsBoundary.html,
 * API_DeleteUserPermissionsBoundary.html; data type API_User.html).
 *
 * Also the helpers the other entity families share: pagination (`Marker`/`MaxItems`), path
 * prefixes, permissions-boundary references and the extra request context for caller checks.
 */
import type { AccountState, OperationOptions } from "../account-state.ts";
import { IamError } from "../errors.ts";
import { checkName, checkPath, checkTags } from "../validate.ts";
import { findManagedPolicy } from "../aws-managed.ts";
import { randomId } from "../ids.ts";
import type { BoundaryRef, Tag, UserEntity } from "../store.ts";
import type { ContextValue } from "../../engine/request.ts";

// ---------------------------------------------------------------- shapes (API_User.html and co.)

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

export interface PaginationRequest {
  /** From the previous response's `Marker`, when it was truncated. */
  Marker?: string;
  /** 1 to 1000; default 100. */
  MaxItems?: number;
}
export interface PaginatedResponse {
  IsTruncated: boolean;
  /** Present when `IsTruncated`: pass it back as `Marker` for the next page. */
  Marker?: string;
}

export interface CreateUserRequest {
  Path?: string;
  UserName: string;
  /** ARN of a managed policy used as the user's permissions boundary. */
  PermissionsBoundary?: string;
  Tags?: Tag[];
}
export interface CreateUserResponse { User: User }
export interface GetUserRequest { UserName: string }
export interface GetUserResponse { User: User }
export interface ListUsersRequest extends PaginationRequest { PathPrefix?: string }
export interface ListUsersResponse extends PaginatedResponse { Users: User[] }
export interface UpdateUserRequest { UserName: string; NewPath?: string; NewUserName?: string }
export interface DeleteUserRequest { UserName: string }
export interface TagUserRequest { UserName: string; Tags: Tag[] }
export interface UntagUserRequest { UserName: string; TagKeys: string[] }
export interface ListUserTagsRequest extends PaginationRequest { UserName: string }
export interface ListTagsResponse extends PaginatedResponse { Tags: Tag[] }
export interface PutUserPermissionsBoundaryRequest { UserName: string; PermissionsBoundary: string }
export interface DeleteUserPermissionsBoundaryRequest { UserName: string }
/** IAM operations that return nothing answer with an empty object (the ResponseMetadata aside). */
export type EmptyResponse = Record<string, never>;


// ---------------------------------------------------------------- shared helpers

/** Validates the request object itself. */
export function requestObject<T>(input: T | undefined, operation: string): T {
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    throw new IamError("ValidationError", `${operation} takes a request object`);
  }
  return input;
}

/** MaxItems: 1-1000, default 100 (every IAM List* operation). */
export function checkMaxItems(value: unknown): number {
  if (value === undefined) return 100;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1 || value > 1000) {
    throw new IamError("ValidationError", `1 validation error detected: Value '${String(value)}' at 'maxItems' failed to satisfy constraint: Member must have value between 1 and 1000`);
  }
  return value;
}

/** PathPrefix: `/` followed by printable ASCII, at most 512 characters; default `/`. */
export function checkPathPrefix(value: unknown, field = "PathPrefix"): string {
  if (value === undefined) return "/";
  if (typeof value !== "string" || value.length > 512 || !/^\/[\x21-\x7f]*$/.test(value)) {
    throw new IamError("ValidationError", `1 validation error detected: Value '${String(value)}' at '${field.charAt(0).toLowerCase()}${field.slice(1)}' failed to satisfy constraint: Member must satisfy regular expression pattern: \\u002F[\\u0021-\\u007F]*`);
  }
  return value;
}

/**
 * One page of `items` (already in list order), as IAM paginates: `IsTruncated`, and an opaque
 * `Marker` naming the next item's key, so a page boundary survives changes made between calls.
 */
export function paginate<T>(items: T[], keyOf: (item: T) => string, input: PaginationRequest | undefined): { page: T[] } & PaginatedResponse {
  const max = checkMaxItems(input?.MaxItems);
  let start = 0;
  if (input?.Marker !== undefined) {
    const key = decodeMarker(input.Marker);
    start = items.findIndex((item) => keyOf(item) >= key);
    if (start < 0) start = items.length;
  }
  const page = items.slice(start, start + max);
  const next = items[start + max];
  return next === undefined ? { page, IsTruncated: false } : { page, IsTruncated: true, Marker: encodeMarker(keyOf(next)) };
}

function encodeMarker(key: string): string {
  return btoa(String.fromCharCode(...new TextEncoder().encode(key)));
}

function decodeMarker(marker: unknown): string {
  try {
    if (typeof marker !== "string" || marker.length === 0) throw new Error();
    return new TextDecoder("utf-8", { fatal: true }).decode(Uint8Array.from(atob(marker), (c) => c.charCodeAt(0)));
  } catch {
    throw new IamError("ValidationError", `Invalid Marker: '${String(marker)}'`);
  }
}

/** Sorted by key (the lowercased name, as the store keys them). */
export function sortedEntries<T>(map: Map<string, T>): [string, T][] {
  return [...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Options for the caller check with extra request context (`iam:PolicyARN`, `aws:TagKeys`, ...). */
export function withContext(options: OperationOptions | undefined, extra: Record<string, ContextValue | undefined>): OperationOptions | undefined {
  if (!options?.caller) return options;
  const context: Record<string, ContextValue> = { ...options.context };
  for (const [k, v] of Object.entries(extra)) if (v !== undefined) context[k] = v;
  return { ...options, context };
}

/** `aws:RequestTag/KEY` and `aws:TagKeys` for a request carrying tags ("Controlling access during AWS requests"). */
export function tagContext(tags: unknown): Record<string, ContextValue> {
  if (!Array.isArray(tags)) return {};
  const out: Record<string, ContextValue> = {};
  const keys: string[] = [];
  for (const t of tags) {
    if (t && typeof t.Key === "string" && typeof t.Value === "string") {
      out[`aws:RequestTag/${t.Key}`] = t.Value;
      keys.push(t.Key);
    }
  }
  if (keys.length > 0) out["aws:TagKeys"] = keys;
  return out;
}

/** Tags in list order (by key, ignoring case), for ListUserTags and co. */
export function sortedTags(tags: Tag[]): Tag[] {
  return [...tags].sort((a, b) => (a.Key.toLowerCase() < b.Key.toLowerCase() ? -1 : a.Key.toLowerCase() > b.Key.toLowerCase() ? 1 : 0));
}

/** The tag keys of an untag request: 0-50 keys of 1-128 characters. */
export function checkTagKeys(value: unknown): string[] {
  if (!Array.isArray(value) || value.length > 50 || value.some((k) => typeof k !== "string" || k.length < 1 || k.length > 128)) {
    throw new IamError("ValidationError", "1 validation error detected: Value at 'tagKeys' failed to satisfy constraint: Member must be a list of at most 50 keys of 1 to 128 characters");
  }
  return value;
}

/** Tags minus the given keys (IAM tag keys are compared ignoring case). */
export function withoutTags(tags: Tag[], keys: string[]): Tag[] {
  const drop = new Set(keys.map((k) => k.toLowerCase()));
  return tags.filter((t) => !drop.has(t.Key.toLowerCase()));
}

/** The existing user, or NoSuchEntity as IAM answers. */
export function requireUser(account: AccountState, name: string): UserEntity {
  const user = account.store.users.get(name.toLowerCase());
  if (!user) throw new IamError("NoSuchEntity", `The user with name ${name} cannot be found.`);
  return user;
}

/** The user's ARN for authorization: the existing user's, else the ARN the name would have at path `/`. */
export function userArn(account: AccountState, name: string): string {
  return account.store.users.get(name.toLowerCase())?.Arn ?? account.arn(`user/${name}`);
}

/** A policy ARN argument: `arn:PARTITION:iam::ACCOUNT-or-aws:policy/...`. IAM answers InvalidInput otherwise. */
export function checkPolicyArn(value: unknown, field = "PolicyArn"): string {
  if (typeof value !== "string" || value.length === 0) {
    throw new IamError("ValidationError", `1 validation error detected: Value at '${field.charAt(0).toLowerCase()}${field.slice(1)}' failed to satisfy constraint: Member must not be null`);
  }
  if (value.length < 20 || value.length > 2048 || !/^arn:[a-z][a-z0-9-]*:iam::(\d{12}|aws):policy\/([\x21-\x7e]*\/)?[\w+=,.@-]+$/.test(value)) {
    throw new IamError("InvalidInput", `ARN ${value} is not valid.`);
  }
  return value;
}

/**
 * A permissions boundary argument: the ARN of an existing managed policy (customer or AWS).
 * IAM: "Scope ARN: ... does not exist or is not attachable." (NoSuchEntity).
 */
export function checkBoundary(account: AccountState, value: unknown): BoundaryRef {
  const arn = checkPolicyArn(value, "PermissionsBoundary");
  const policy = findManagedPolicy(account, arn);
  if (!policy || policy.Path.startsWith("/aws-service-role/")) {
    throw new IamError("NoSuchEntity", `Scope ARN: ${arn} does not exist or is not attachable.`);
  }
  return { PermissionsBoundaryType: "Policy", PermissionsBoundaryArn: arn };
}

/** The User data type; `full` adds what only GetUser/CreateUser return (tags, boundary, last use). */
export function userShape(u: UserEntity, full: boolean): User {
  const out: User = { Path: u.Path, UserName: u.UserName, UserId: u.UserId, Arn: u.Arn, CreateDate: u.CreateDate };
  if (u.PasswordLastUsed) out.PasswordLastUsed = u.PasswordLastUsed;
  if (full && u.PermissionsBoundary) out.PermissionsBoundary = { ...u.PermissionsBoundary };
  if (full && u.Tags.length > 0) out.Tags = u.Tags.map((t) => ({ ...t }));
  return out;
}

// ---------------------------------------------------------------- operations

export async function createUser(account: AccountState, input: CreateUserRequest, options?: OperationOptions): Promise<CreateUserResponse> {
  requestObject(input, "CreateUser");
  const name = checkName(input.UserName, "UserName", "user");
  const path = checkPath(input.Path);
  const tags = checkTags(input.Tags);
  const arn = account.arn(`user${path}${name}`);
  await account.authorizeOperation(withContext(options, {
    "iam:PermissionsBoundary": typeof input.PermissionsBoundary === "string" ? input.PermissionsBoundary : undefined,
    ...tagContext(input.Tags),
  }), "iam:CreateUser", arn);
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

export async function getUser(account: AccountState, input: GetUserRequest, options?: OperationOptions): Promise<GetUserResponse> {
  requestObject(input, "GetUser");
  const name = checkName(input.UserName, "UserName", "user");
  await account.authorizeOperation(options, "iam:GetUser", userArn(account, name));
  return { User: userShape(requireUser(account, name), true) };
}

export async function listUsers(account: AccountState, input?: ListUsersRequest, options?: OperationOptions): Promise<ListUsersResponse> {
  const req = input ?? {};
  requestObject(req, "ListUsers");
  const prefix = checkPathPrefix(req.PathPrefix);
  checkMaxItems(req.MaxItems);
  await account.authorizeOperation(options, "iam:ListUsers", "*");
  const all = sortedEntries(account.store.users).filter(([, u]) => u.Path.startsWith(prefix));
  const { page, ...rest } = paginate(all, ([k]) => k, req);
  return { Users: page.map(([, u]) => userShape(u, false)), ...rest };
}

export async function updateUser(account: AccountState, input: UpdateUserRequest, options?: OperationOptions): Promise<EmptyResponse> {
  requestObject(input, "UpdateUser");
  const name = checkName(input.UserName, "UserName", "user");
  const newName = input.NewUserName === undefined ? undefined : checkName(input.NewUserName, "NewUserName", "user");
  const newPath = input.NewPath === undefined ? undefined : checkPath(input.NewPath, "NewPath");
  // "UpdateUser": renaming needs permission on both the source and the target name.
  await account.authorizeOperation(options, "iam:UpdateUser", userArn(account, name));
  const user = requireUser(account, name);
  const path = newPath ?? user.Path;
  const finalName = newName ?? user.UserName;
  const arn = account.arn(`user${path}${finalName}`);
  if (arn !== user.Arn) await account.authorizeOperation(options, "iam:UpdateUser", arn);
  if (newName !== undefined && newName.toLowerCase() !== user.UserName.toLowerCase() && account.store.users.has(newName.toLowerCase())) {
    throw new IamError("EntityAlreadyExists", `User with name ${newName} already exists.`);
  }
  if (finalName === user.UserName && path === user.Path) return {};
  account.store.users.delete(user.UserName.toLowerCase());
  user.UserName = finalName;
  user.Path = path;
  user.Arn = arn;
  account.store.users.set(finalName.toLowerCase(), user);
  account.touch();
  return {};
}

export async function deleteUser(account: AccountState, input: DeleteUserRequest, options?: OperationOptions): Promise<EmptyResponse> {
  requestObject(input, "DeleteUser");
  const name = checkName(input.UserName, "UserName", "user");
  await account.authorizeOperation(options, "iam:DeleteUser", userArn(account, name));
  const user = requireUser(account, name);
  // "Deleting an IAM user" / API_DeleteUser: IAM refuses until these are removed.
  const conflict =
    user.LoginProfile ? "Cannot delete entity, must delete login profile first." :
    user.AccessKeys.length > 0 ? "Cannot delete entity, must delete access keys first." :
    user.MFADevices.length > 0 ? "Cannot delete entity, must delete MFA device first." :
    user.UserPolicyList.length > 0 ? "Cannot delete entity, must delete policies first." :
    user.AttachedManagedPolicies.length > 0 ? "Cannot delete entity, must detach all policies first." :
    user.GroupList.length > 0 ? "Cannot delete entity, must remove user from all groups first." :
    undefined;
  if (conflict) throw new IamError("DeleteConflict", conflict);
  account.store.users.delete(user.UserName.toLowerCase());
  account.touch();
  return {};
}

export async function tagUser(account: AccountState, input: TagUserRequest, options?: OperationOptions): Promise<EmptyResponse> {
  requestObject(input, "TagUser");
  const name = checkName(input.UserName, "UserName", "user");
  if (!Array.isArray(input.Tags)) throw new IamError("ValidationError", "1 validation error detected: Value at 'tags' failed to satisfy constraint: Member must not be null");
  await account.authorizeOperation(withContext(options, tagContext(input.Tags)), "iam:TagUser", userArn(account, name));
  const user = requireUser(account, name);
  const tags = checkTags(input.Tags, user.Tags);
  user.Tags = tags;
  account.touch();
  return {};
}

export async function untagUser(account: AccountState, input: UntagUserRequest, options?: OperationOptions): Promise<EmptyResponse> {
  requestObject(input, "UntagUser");
  const name = checkName(input.UserName, "UserName", "user");
  const keys = checkTagKeys(input.TagKeys);
  await account.authorizeOperation(withContext(options, { "aws:TagKeys": keys }), "iam:UntagUser", userArn(account, name));
  const user = requireUser(account, name);
  const tags = withoutTags(user.Tags, keys);
  if (tags.length !== user.Tags.length) {
    user.Tags = tags;
    account.touch();
  }
  return {};
}

export async function listUserTags(account: AccountState, input: ListUserTagsRequest, options?: OperationOptions): Promise<ListTagsResponse> {
  requestObject(input, "ListUserTags");
  const name = checkName(input.UserName, "UserName", "user");
  checkMaxItems(input.MaxItems);
  await account.authorizeOperation(options, "iam:ListUserTags", userArn(account, name));
  const user = requireUser(account, name);
  const { page, ...rest } = paginate(sortedTags(user.Tags), (t) => t.Key.toLowerCase(), input);
  return { Tags: page.map((t) => ({ ...t })), ...rest };
}

export async function putUserPermissionsBoundary(account: AccountState, input: PutUserPermissionsBoundaryRequest, options?: OperationOptions): Promise<EmptyResponse> {
  requestObject(input, "PutUserPermissionsBoundary");
  const name = checkName(input.UserName, "UserName", "user");
  const arn = checkPolicyArn(input.PermissionsBoundary, "PermissionsBoundary");
  await account.authorizeOperation(withContext(options, { "iam:PermissionsBoundary": arn }), "iam:PutUserPermissionsBoundary", userArn(account, name));
  const user = requireUser(account, name);
  const boundary = checkBoundary(account, arn);
  user.PermissionsBoundary = boundary;
  account.touch();
  return {};
}

export async function deleteUserPermissionsBoundary(account: AccountState, input: DeleteUserPermissionsBoundaryRequest, options?: OperationOptions): Promise<EmptyResponse> {
  requestObject(input, "DeleteUserPermissionsBoundary");
  const name = checkName(input.UserName, "UserName", "user");
  const current = account.store.users.get(name.toLowerCase())?.PermissionsBoundary?.PermissionsBoundaryArn;
  await account.authorizeOperation(withContext(options, { "iam:PermissionsBoundary": current }), "iam:DeleteUserPermissionsBoundary", userArn(account, name));
  const user = requireUser(account, name);
  if (user.PermissionsBoundary) {
    delete user.PermissionsBoundary;
    account.touch();
  }
  return {};
}

/** A fresh unique id: `randomId` with a check against every id in the account (collisions are ~impossible, but cheap to rule out). */
export function randomUnique(account: AccountState, prefix: string): string {
  const used = new Set<string>();
  for (const u of account.store.users.values()) used.add(u.UserId);
  for (const g of account.store.groups.values()) used.add(g.GroupId);
  for (const r of account.store.roles.values()) used.add(r.RoleId);
  for (const p of account.store.policies.values()) used.add(p.PolicyId);
  for (;;) {
    const id = randomId(prefix);
    if (!used.has(id)) return id;
  }
}

