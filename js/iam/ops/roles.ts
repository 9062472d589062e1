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
import { Account, type OperationOptions } from "../account.ts";
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

declare module "../account.ts" {
  interface Account {
    /** CreateRole: a role with its trust policy (validated as a `trust` policy). */
    createRole(input: CreateRoleRequest, options?: OperationOptions): Promise<CreateRoleResponse>;
    getRole(input: GetRoleRequest, options?: OperationOptions): Promise<GetRoleResponse>;
    /** ListRoles: without tags, boundary or last use, as IAM. */
    listRoles(input?: ListRolesRequest, options?: OperationOptions): Promise<ListRolesResponse>;
    /** UpdateRole: Description and/or MaxSessionDuration. */
    updateRole(input: UpdateRoleRequest, options?: OperationOptions): Promise<EmptyResponse>;
    updateRoleDescription(input: UpdateRoleDescriptionRequest, options?: OperationOptions): Promise<GetRoleResponse>;
    /** UpdateAssumeRolePolicy: replaces the trust policy. */
    updateAssumeRolePolicy(input: UpdateAssumeRolePolicyRequest, options?: OperationOptions): Promise<EmptyResponse>;
    /** DeleteRole: only once its managed and inline policies are gone. */
    deleteRole(input: DeleteRoleRequest, options?: OperationOptions): Promise<EmptyResponse>;
    tagRole(input: TagRoleRequest, options?: OperationOptions): Promise<EmptyResponse>;
    untagRole(input: UntagRoleRequest, options?: OperationOptions): Promise<EmptyResponse>;
    listRoleTags(input: ListRoleTagsRequest, options?: OperationOptions): Promise<ListTagsResponse>;
    putRolePermissionsBoundary(input: PutRolePermissionsBoundaryRequest, options?: OperationOptions): Promise<EmptyResponse>;
    deleteRolePermissionsBoundary(input: DeleteRolePermissionsBoundaryRequest, options?: OperationOptions): Promise<EmptyResponse>;
  }
}

/** The existing role, or NoSuchEntity as IAM answers. */
export function requireRole(account: Account, name: string): RoleEntity {
  const role = account.store.roles.get(name.toLowerCase());
  if (!role) throw new IamError("NoSuchEntity", `The role with name ${name} cannot be found.`);
  return role;
}

/** The role's ARN for authorization: the existing role's, else the ARN the name would have at `/`. */
export function roleArn(account: Account, name: string): string {
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
function checkTrust(account: Account, document: unknown, field: string): string {
  const doc = checkPolicyDocument(account, document, { kind: "trust", field });
  checkTrustSize(doc);
  return doc.text;
}

Account.prototype.createRole = async function (this: Account, input, options) {
  requestObject(input, "CreateRole");
  const name = checkName(input.RoleName, "RoleName", "role");
  const path = checkPath(input.Path);
  const description = checkDescription(input.Description);
  const maxSession = checkMaxSessionDuration(input.MaxSessionDuration) ?? MAX_SESSION_DURATION.default;
  const tags = checkTags(input.Tags);
  if (input.AssumeRolePolicyDocument === undefined || input.AssumeRolePolicyDocument === null) {
    throw new IamError("ValidationError", "1 validation error detected: Value at 'assumeRolePolicyDocument' failed to satisfy constraint: Member must not be null");
  }
  const arn = this.arn(`role${path}${name}`);
  await this.authorizeOperation(withContext(options, {
    "iam:PermissionsBoundary": typeof input.PermissionsBoundary === "string" ? input.PermissionsBoundary : undefined,
    ...tagContext(input.Tags),
  }), "iam:CreateRole", arn);
  if (this.store.roles.has(name.toLowerCase())) throw new IamError("EntityAlreadyExists", `Role with name ${name} already exists.`);
  const trust = checkTrust(this, input.AssumeRolePolicyDocument, "AssumeRolePolicyDocument");
  const boundary = input.PermissionsBoundary === undefined ? undefined : checkBoundary(this, input.PermissionsBoundary);
  const role: RoleEntity = {
    RoleName: name, RoleId: randomUnique(this, "AROA"), Arn: arn, Path: path, CreateDate: this.timestamp(),
    AssumeRolePolicyDocument: trust, MaxSessionDuration: maxSession, Tags: tags,
    AttachedManagedPolicies: [], RolePolicyList: [],
  };
  if (description !== undefined) role.Description = description;
  if (boundary) role.PermissionsBoundary = boundary;
  this.store.roles.set(name.toLowerCase(), role);
  this.touch();
  const shaped = roleShape(role, true);
  delete shaped.RoleLastUsed;
  return { Role: shaped };
};

Account.prototype.getRole = async function (this: Account, input, options) {
  requestObject(input, "GetRole");
  const name = checkName(input.RoleName, "RoleName", "role");
  await this.authorizeOperation(options, "iam:GetRole", roleArn(this, name));
  return { Role: roleShape(requireRole(this, name), true) };
};

Account.prototype.listRoles = async function (this: Account, input, options) {
  const req = input ?? {};
  requestObject(req, "ListRoles");
  const prefix = checkPathPrefix(req.PathPrefix);
  checkMaxItems(req.MaxItems);
  await this.authorizeOperation(options, "iam:ListRoles", "*");
  const all = sortedEntries(this.store.roles).filter(([, r]) => r.Path.startsWith(prefix));
  const { page, ...rest } = paginate(all, ([k]) => k, req);
  return { Roles: page.map(([, r]) => roleShape(r, false)), ...rest };
};

Account.prototype.updateRole = async function (this: Account, input, options) {
  requestObject(input, "UpdateRole");
  const name = checkName(input.RoleName, "RoleName", "role");
  const description = checkDescription(input.Description);
  const maxSession = checkMaxSessionDuration(input.MaxSessionDuration);
  await this.authorizeOperation(options, "iam:UpdateRole", roleArn(this, name));
  const role = requireRole(this, name);
  if (description === undefined && maxSession === undefined) return {};
  if (description !== undefined) role.Description = description;
  if (maxSession !== undefined) role.MaxSessionDuration = maxSession;
  this.touch();
  return {};
};

Account.prototype.updateRoleDescription = async function (this: Account, input, options) {
  requestObject(input, "UpdateRoleDescription");
  const name = checkName(input.RoleName, "RoleName", "role");
  const description = checkDescription(input.Description);
  if (description === undefined) throw new IamError("ValidationError", "1 validation error detected: Value at 'description' failed to satisfy constraint: Member must not be null");
  await this.authorizeOperation(options, "iam:UpdateRoleDescription", roleArn(this, name));
  const role = requireRole(this, name);
  role.Description = description;
  this.touch();
  return { Role: roleShape(role, true) };
};

Account.prototype.updateAssumeRolePolicy = async function (this: Account, input, options) {
  requestObject(input, "UpdateAssumeRolePolicy");
  const name = checkName(input.RoleName, "RoleName", "role");
  if (input.PolicyDocument === undefined || input.PolicyDocument === null) {
    throw new IamError("ValidationError", "1 validation error detected: Value at 'policyDocument' failed to satisfy constraint: Member must not be null");
  }
  await this.authorizeOperation(options, "iam:UpdateAssumeRolePolicy", roleArn(this, name));
  const role = requireRole(this, name);
  const trust = checkTrust(this, input.PolicyDocument, "PolicyDocument");
  role.AssumeRolePolicyDocument = trust;
  this.touch();
  return {};
};

Account.prototype.deleteRole = async function (this: Account, input, options) {
  requestObject(input, "DeleteRole");
  const name = checkName(input.RoleName, "RoleName", "role");
  await this.authorizeOperation(options, "iam:DeleteRole", roleArn(this, name));
  const role = requireRole(this, name);
  // API_DeleteRole: remove the role from instance profiles, delete inline policies and detach
  // managed policies first.
  const conflict =
    (role.InstanceProfileList?.length ?? 0) > 0 ? "Cannot delete entity, must remove roles from instance profile first." :
    role.RolePolicyList.length > 0 ? "Cannot delete entity, must delete policies first." :
    role.AttachedManagedPolicies.length > 0 ? "Cannot delete entity, must detach all policies first." :
    undefined;
  if (conflict) throw new IamError("DeleteConflict", conflict);
  this.store.roles.delete(role.RoleName.toLowerCase());
  this.touch();
  return {};
};

Account.prototype.tagRole = async function (this: Account, input, options) {
  requestObject(input, "TagRole");
  const name = checkName(input.RoleName, "RoleName", "role");
  if (!Array.isArray(input.Tags)) throw new IamError("ValidationError", "1 validation error detected: Value at 'tags' failed to satisfy constraint: Member must not be null");
  await this.authorizeOperation(withContext(options, tagContext(input.Tags)), "iam:TagRole", roleArn(this, name));
  const role = requireRole(this, name);
  role.Tags = checkTags(input.Tags, role.Tags);
  this.touch();
  return {};
};

Account.prototype.untagRole = async function (this: Account, input, options) {
  requestObject(input, "UntagRole");
  const name = checkName(input.RoleName, "RoleName", "role");
  const keys = checkTagKeys(input.TagKeys);
  await this.authorizeOperation(withContext(options, { "aws:TagKeys": keys }), "iam:UntagRole", roleArn(this, name));
  const role = requireRole(this, name);
  const tags = withoutTags(role.Tags, keys);
  if (tags.length !== role.Tags.length) {
    role.Tags = tags;
    this.touch();
  }
  return {};
};

Account.prototype.listRoleTags = async function (this: Account, input, options) {
  requestObject(input, "ListRoleTags");
  const name = checkName(input.RoleName, "RoleName", "role");
  checkMaxItems(input.MaxItems);
  await this.authorizeOperation(options, "iam:ListRoleTags", roleArn(this, name));
  const role = requireRole(this, name);
  const { page, ...rest } = paginate(sortedTags(role.Tags), (t) => t.Key.toLowerCase(), input);
  return { Tags: page.map((t) => ({ ...t })), ...rest };
};

Account.prototype.putRolePermissionsBoundary = async function (this: Account, input, options) {
  requestObject(input, "PutRolePermissionsBoundary");
  const name = checkName(input.RoleName, "RoleName", "role");
  const arn = checkPolicyArn(input.PermissionsBoundary, "PermissionsBoundary");
  await this.authorizeOperation(withContext(options, { "iam:PermissionsBoundary": arn }), "iam:PutRolePermissionsBoundary", roleArn(this, name));
  const role = requireRole(this, name);
  role.PermissionsBoundary = checkBoundary(this, arn);
  this.touch();
  return {};
};

Account.prototype.deleteRolePermissionsBoundary = async function (this: Account, input, options) {
  requestObject(input, "DeleteRolePermissionsBoundary");
  const name = checkName(input.RoleName, "RoleName", "role");
  const current = this.store.roles.get(name.toLowerCase())?.PermissionsBoundary?.PermissionsBoundaryArn;
  await this.authorizeOperation(withContext(options, { "iam:PermissionsBoundary": current }), "iam:DeleteRolePermissionsBoundary", roleArn(this, name));
  const role = requireRole(this, name);
  if (role.PermissionsBoundary) {
    delete role.PermissionsBoundary;
    this.touch();
  }
  return {};
};
