/**
 * @module iam/ops/roles
 * IAM roles: CreateRole, GetRole, ListRoles, UpdateRole, UpdateRoleDescription,
 * UpdateAssumeRolePolicy, DeleteRole, TagRole, UntagRole, ListRoleTags,
 * PutRolePermissionsBoundary, DeleteRolePermissionsBoundary, with the request and response
 * fields of the IAM API Reference (API_CreateRole.html, API_GetRole.html, API_ListRoles.html,
 * API_UpdateRole.html, API_UpdateRoleDescription.html, API_UpdateAssumeRolePolicy.html,
 * API_DeleteRole.html, API_TagRole.html, API_UntagRole.html, API_ListRoleTags.html,
 * API_PutRolePermissionsBoundary.html, API_DeleteRolePermissionsBoundary.html; data type
 * API_Role.html). The trust policy is validated by the engine as a `trust` policy and limited to
 * 2,048 characters without whitespace ("IAM and AWS STS quotas": role trust policy length).
 * Documents come back URL-encoded, as the IAM API returns them.
 */
import type { AccountState, OperationOptions } from "../account-state.ts";
import { IamError } from "../errors.ts";
import { checkName, checkPath, checkTags } from "../validate.ts";
import { checkPolicyDocument, checkTrustSize, encodeDocument } from "../policy-document.ts";
import type { BoundaryRef, RoleEntity, Tag } from "../store.ts";
import {
  checkBoundary, checkMaxItems, checkPathPrefix, checkPolicyArn, checkTagKeys, paginate, randomUnique, requestObject,
  sortedEntries, sortedTags, tagContext, withContext, withoutTags,
  type EmptyResponse, type ListTagsResponse, type PaginatedResponse, type PaginationRequest,
} from "./users.ts";

/** API_CreateRole: MaxSessionDuration 3600 to 43200 seconds, default 3600. */
export const MAX_SESSION_DURATION = { min: 3600, max: 43200, default: 3600 } as const;
/** API_CreateRole: Description, at most 1,000 characters of `[\u0009\u000A\u000D\u0020-\u007E\u00A1-\u00FF]`. */
const DESCRIPTION = /^[\u0009\u000A\u000D\u0020-\u007E\u00A1-\u00FF]*$/;

export interface Role {
  Path: string;
  RoleName: string;
  RoleId: string;
  Arn: string;
  CreateDate: string;
  /** URL-encoded JSON text, as the IAM API returns it. */
  AssumeRolePolicyDocument: string;
  Description?: string;
  MaxSessionDuration: number;
  PermissionsBoundary?: BoundaryRef;
  Tags?: Tag[];
  RoleLastUsed?: { LastUsedDate?: string; Region?: string };
}

export interface CreateRoleRequest {
  Path?: string;
  RoleName: string;
  /** Object, JSON text or URL-encoded JSON text. */
  AssumeRolePolicyDocument: unknown;
  Description?: string;
  MaxSessionDuration?: number;
  PermissionsBoundary?: string;
  Tags?: Tag[];
}
export interface CreateRoleResponse { Role: Role }
export interface GetRoleRequest { RoleName: string }
export interface GetRoleResponse { Role: Role }
export interface ListRolesRequest extends PaginationRequest { PathPrefix?: string }
export interface ListRolesResponse extends PaginatedResponse { Roles: Role[] }
export interface UpdateRoleRequest { RoleName: string; Description?: string; MaxSessionDuration?: number }
export interface UpdateRoleDescriptionRequest { RoleName: string; Description: string }
export interface UpdateAssumeRolePolicyRequest { RoleName: string; PolicyDocument: unknown }
export interface DeleteRoleRequest { RoleName: string }
export interface TagRoleRequest { RoleName: string; Tags: Tag[] }
export interface UntagRoleRequest { RoleName: string; TagKeys: string[] }
export interface ListRoleTagsRequest extends PaginationRequest { RoleName: string }
export interface PutRolePermissionsBoundaryRequest { RoleName: string; PermissionsBoundary: string }
export interface DeleteRolePermissionsBoundaryRequest { RoleName: string }


/** The existing role, or NoSuchEntity as IAM answers. */
export function requireRole(account: AccountState, name: string): RoleEntity {
  const role = account.store.roles.get(name.toLowerCase());
  if (!role) throw new IamError("NoSuchEntity", `The role with name ${name} cannot be found.`);
  return role;
}

/** The role's ARN for authorization: the existing role's, else the ARN the name would have at `/`. */
export function roleArn(account: AccountState, name: string): string {
  return account.store.roles.get(name.toLowerCase())?.Arn ?? account.arn(`role/${name}`);
}

/** The Role data type; `full` adds what ListRoles leaves out (tags, boundary, last use). */
export function roleShape(r: RoleEntity, full: boolean): Role {
  const out: Role = {
    Path: r.Path, RoleName: r.RoleName, RoleId: r.RoleId, Arn: r.Arn, CreateDate: r.CreateDate,
    AssumeRolePolicyDocument: encodeDocument(r.AssumeRolePolicyDocument), MaxSessionDuration: r.MaxSessionDuration,
  };
  if (r.Description !== undefined) out.Description = r.Description;
  if (full && r.PermissionsBoundary) out.PermissionsBoundary = { ...r.PermissionsBoundary };
  if (full && r.Tags.length > 0) out.Tags = r.Tags.map((t) => ({ ...t }));
  if (full) out.RoleLastUsed = { ...r.RoleLastUsed };
  return out;
}

function checkDescription(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "string" || value.length > 1000 || !DESCRIPTION.test(value)) {
    throw new IamError("ValidationError", "1 validation error detected: Value at 'description' failed to satisfy constraint: Member must have length less than or equal to 1000 and satisfy regular expression pattern: [\\u0009\\u000A\\u000D\\u0020-\\u007E\\u00A1-\\u00FF]*");
  }
  return value;
}

function checkMaxSessionDuration(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "number" || !Number.isInteger(value) || value < MAX_SESSION_DURATION.min || value > MAX_SESSION_DURATION.max) {
    throw new IamError("ValidationError", `1 validation error detected: Value '${String(value)}' at 'maxSessionDuration' failed to satisfy constraint: Member must have value between ${MAX_SESSION_DURATION.min} and ${MAX_SESSION_DURATION.max}`);
  }
  return value;
}

/** A trust policy as IAM checks it: the engine's `trust` rules, then the 2,048 quota. */
function checkTrust(account: AccountState, document: unknown, field: string): string {
  const doc = checkPolicyDocument(account, document, { kind: "trust", field });
  checkTrustSize(doc);
  return doc.text;
}

export async function createRole(account: AccountState, input: CreateRoleRequest, options?: OperationOptions): Promise<CreateRoleResponse> {
  requestObject(input, "CreateRole");
  const name = checkName(input.RoleName, "RoleName", "role");
  const path = checkPath(input.Path);
  const description = checkDescription(input.Description);
  const maxSession = checkMaxSessionDuration(input.MaxSessionDuration) ?? MAX_SESSION_DURATION.default;
  const tags = checkTags(input.Tags);
  if (input.AssumeRolePolicyDocument === undefined || input.AssumeRolePolicyDocument === null) {
    throw new IamError("ValidationError", "1 validation error detected: Value at 'assumeRolePolicyDocument' failed to satisfy constraint: Member must not be null");
  }
  const arn = account.arn(`role${path}${name}`);
  await account.authorizeOperation(withContext(options, {
    "iam:PermissionsBoundary": typeof input.PermissionsBoundary === "string" ? input.PermissionsBoundary : undefined,
    ...tagContext(input.Tags),
  }), "iam:CreateRole", arn);
  if (account.store.roles.has(name.toLowerCase())) throw new IamError("EntityAlreadyExists", `Role with name ${name} already exists.`);
  const trust = checkTrust(account, input.AssumeRolePolicyDocument, "AssumeRolePolicyDocument");
  const boundary = input.PermissionsBoundary === undefined ? undefined : checkBoundary(account, input.PermissionsBoundary);
  const role: RoleEntity = {
    RoleName: name, RoleId: randomUnique(account, "AROA"), Arn: arn, Path: path, CreateDate: account.timestamp(),
    AssumeRolePolicyDocument: trust, MaxSessionDuration: maxSession, Tags: tags,
    AttachedManagedPolicies: [], RolePolicyList: [],
  };
  if (description !== undefined) role.Description = description;
  if (boundary) role.PermissionsBoundary = boundary;
  account.store.roles.set(name.toLowerCase(), role);
  account.touch();
  const shaped = roleShape(role, true);
  delete shaped.RoleLastUsed;
  return { Role: shaped };
}

export async function getRole(account: AccountState, input: GetRoleRequest, options?: OperationOptions): Promise<GetRoleResponse> {
  requestObject(input, "GetRole");
  const name = checkName(input.RoleName, "RoleName", "role");
  await account.authorizeOperation(options, "iam:GetRole", roleArn(account, name));
  return { Role: roleShape(requireRole(account, name), true) };
}

export async function listRoles(account: AccountState, input?: ListRolesRequest, options?: OperationOptions): Promise<ListRolesResponse> {
  const req = input ?? {};
  requestObject(req, "ListRoles");
  const prefix = checkPathPrefix(req.PathPrefix);
  checkMaxItems(req.MaxItems);
  await account.authorizeOperation(options, "iam:ListRoles", "*");
  const all = sortedEntries(account.store.roles).filter(([, r]) => r.Path.startsWith(prefix));
  const { page, ...rest } = paginate(all, ([k]) => k, req);
  return { Roles: page.map(([, r]) => roleShape(r, false)), ...rest };
}

export async function updateRole(account: AccountState, input: UpdateRoleRequest, options?: OperationOptions): Promise<EmptyResponse> {
  requestObject(input, "UpdateRole");
  const name = checkName(input.RoleName, "RoleName", "role");
  const description = checkDescription(input.Description);
  const maxSession = checkMaxSessionDuration(input.MaxSessionDuration);
  await account.authorizeOperation(options, "iam:UpdateRole", roleArn(account, name));
  const role = requireRole(account, name);
  if (description === undefined && maxSession === undefined) return {};
  if (description !== undefined) role.Description = description;
  if (maxSession !== undefined) role.MaxSessionDuration = maxSession;
  account.touch();
  return {};
}

export async function updateRoleDescription(account: AccountState, input: UpdateRoleDescriptionRequest, options?: OperationOptions): Promise<GetRoleResponse> {
  requestObject(input, "UpdateRoleDescription");
  const name = checkName(input.RoleName, "RoleName", "role");
  const description = checkDescription(input.Description);
  if (description === undefined) throw new IamError("ValidationError", "1 validation error detected: Value at 'description' failed to satisfy constraint: Member must not be null");
  await account.authorizeOperation(options, "iam:UpdateRoleDescription", roleArn(account, name));
  const role = requireRole(account, name);
  role.Description = description;
  account.touch();
  return { Role: roleShape(role, true) };
}

export async function updateAssumeRolePolicy(account: AccountState, input: UpdateAssumeRolePolicyRequest, options?: OperationOptions): Promise<EmptyResponse> {
  requestObject(input, "UpdateAssumeRolePolicy");
  const name = checkName(input.RoleName, "RoleName", "role");
  if (input.PolicyDocument === undefined || input.PolicyDocument === null) {
    throw new IamError("ValidationError", "1 validation error detected: Value at 'policyDocument' failed to satisfy constraint: Member must not be null");
  }
  await account.authorizeOperation(options, "iam:UpdateAssumeRolePolicy", roleArn(account, name));
  const role = requireRole(account, name);
  const trust = checkTrust(account, input.PolicyDocument, "PolicyDocument");
  role.AssumeRolePolicyDocument = trust;
  account.touch();
  return {};
}

export async function deleteRole(account: AccountState, input: DeleteRoleRequest, options?: OperationOptions): Promise<EmptyResponse> {
  requestObject(input, "DeleteRole");
  const name = checkName(input.RoleName, "RoleName", "role");
  await account.authorizeOperation(options, "iam:DeleteRole", roleArn(account, name));
  const role = requireRole(account, name);
  // API_DeleteRole: remove the role from instance profiles, delete inline policies and detach
  // managed policies first.
  const conflict =
    (role.InstanceProfileList?.length ?? 0) > 0 ? "Cannot delete entity, must remove roles from instance profile first." :
    role.RolePolicyList.length > 0 ? "Cannot delete entity, must delete policies first." :
    role.AttachedManagedPolicies.length > 0 ? "Cannot delete entity, must detach all policies first." :
    undefined;
  if (conflict) throw new IamError("DeleteConflict", conflict);
  account.store.roles.delete(role.RoleName.toLowerCase());
  account.touch();
  return {};
}

export async function tagRole(account: AccountState, input: TagRoleRequest, options?: OperationOptions): Promise<EmptyResponse> {
  requestObject(input, "TagRole");
  const name = checkName(input.RoleName, "RoleName", "role");
  if (!Array.isArray(input.Tags)) throw new IamError("ValidationError", "1 validation error detected: Value at 'tags' failed to satisfy constraint: Member must not be null");
  await account.authorizeOperation(withContext(options, tagContext(input.Tags)), "iam:TagRole", roleArn(account, name));
  const role = requireRole(account, name);
  role.Tags = checkTags(input.Tags, role.Tags);
  account.touch();
  return {};
}

export async function untagRole(account: AccountState, input: UntagRoleRequest, options?: OperationOptions): Promise<EmptyResponse> {
  requestObject(input, "UntagRole");
  const name = checkName(input.RoleName, "RoleName", "role");
  const keys = checkTagKeys(input.TagKeys);
  await account.authorizeOperation(withContext(options, { "aws:TagKeys": keys }), "iam:UntagRole", roleArn(account, name));
  const role = requireRole(account, name);
  const tags = withoutTags(role.Tags, keys);
  if (tags.length !== role.Tags.length) {
    role.Tags = tags;
    account.touch();
  }
  return {};
}

export async function listRoleTags(account: AccountState, input: ListRoleTagsRequest, options?: OperationOptions): Promise<ListTagsResponse> {
  requestObject(input, "ListRoleTags");
  const name = checkName(input.RoleName, "RoleName", "role");
  checkMaxItems(input.MaxItems);
  await account.authorizeOperation(options, "iam:ListRoleTags", roleArn(account, name));
  const role = requireRole(account, name);
  const { page, ...rest } = paginate(sortedTags(role.Tags), (t) => t.Key.toLowerCase(), input);
  return { Tags: page.map((t) => ({ ...t })), ...rest };
}

export async function putRolePermissionsBoundary(account: AccountState, input: PutRolePermissionsBoundaryRequest, options?: OperationOptions): Promise<EmptyResponse> {
  requestObject(input, "PutRolePermissionsBoundary");
  const name = checkName(input.RoleName, "RoleName", "role");
  const arn = checkPolicyArn(input.PermissionsBoundary, "PermissionsBoundary");
  await account.authorizeOperation(withContext(options, { "iam:PermissionsBoundary": arn }), "iam:PutRolePermissionsBoundary", roleArn(account, name));
  const role = requireRole(account, name);
  role.PermissionsBoundary = checkBoundary(account, arn);
  account.touch();
  return {};
}

export async function deleteRolePermissionsBoundary(account: AccountState, input: DeleteRolePermissionsBoundaryRequest, options?: OperationOptions): Promise<EmptyResponse> {
  requestObject(input, "DeleteRolePermissionsBoundary");
  const name = checkName(input.RoleName, "RoleName", "role");
  const current = account.store.roles.get(name.toLowerCase())?.PermissionsBoundary?.PermissionsBoundaryArn;
  await account.authorizeOperation(withContext(options, { "iam:PermissionsBoundary": current }), "iam:DeleteRolePermissionsBoundary", roleArn(account, name));
  const role = requireRole(account, name);
  if (role.PermissionsBoundary) {
    delete role.PermissionsBoundary;
    account.touch();
  }
  return {};
}
