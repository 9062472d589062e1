/**
 * @module iam/ops/roles
 * IAM roles: CreateRole, GetRole, ListRoles, UpdateRole, UpdateRoleDescription,
 * UpdateAssumeRolePolicy, DeleteRole, with the request and response fields of the IAM API
 * Reference (API_CreateRole.html, API_GetRole.html, API_ListRoles.html, API_UpdateRole.html,
 * API_UpdateRoleDescription.html, API_UpdateAssumeRolePolicy.html, API_DeleteRole.html; data
 * type API_Role.html). Their tags, boundary and policies are in tags.ts, boundaries.ts,
 * inline-policies.ts and attachments.ts. The trust policy is validated by the engine as a
 * `trust` policy and limited to 2,048 characters without whitespace ("IAM and AWS STS quotas":
 * role trust policy length). Documents come back URL-encoded, as the IAM API returns them.
 */
import type { AccountState, OperationOptions } from "../account-state.ts";
import { IamError } from "../errors.ts";
import { checkName, checkPath, checkTags } from "../validate.ts";
import { checkPolicyDocument, checkTrustSize, encodeDocument } from "../policy-document.ts";
import type { BoundaryRef, RoleEntity, Tag } from "../store.ts";
import { authorizedEntity, ROLES } from "./families.ts";
import { deleteEntity, listEntities, policiesConflict, type ListRequest } from "./entities.ts";
import { checkBoundary, randomUnique, requestObject, tagContext, type EmptyResponse, type PaginatedResponse } from "./shared.ts";

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
export type ListRolesRequest = ListRequest;
export interface ListRolesResponse extends PaginatedResponse { Roles: Role[] }
export interface UpdateRoleRequest { RoleName: string; Description?: string; MaxSessionDuration?: number }
export interface UpdateRoleDescriptionRequest { RoleName: string; Description: string }
export interface UpdateAssumeRolePolicyRequest { RoleName: string; PolicyDocument: unknown }
export interface DeleteRoleRequest { RoleName: string }




/** ListRoles: without tags, boundary or last use, as IAM. */
export const listRoles = listEntities(ROLES, "Roles", (r) => roleShape(r, false));

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
  await account.authorizeOperation(options, "iam:CreateRole", arn, {
    "iam:PermissionsBoundary": typeof input.PermissionsBoundary === "string" ? input.PermissionsBoundary : undefined,
    ...tagContext(input.Tags),
  });
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
  return { Role: roleShape(await authorizedEntity(account, ROLES, name, "GetRole", options), true) };
}


export async function updateRole(account: AccountState, input: UpdateRoleRequest, options?: OperationOptions): Promise<EmptyResponse> {
  requestObject(input, "UpdateRole");
  const name = checkName(input.RoleName, "RoleName", "role");
  const description = checkDescription(input.Description);
  const maxSession = checkMaxSessionDuration(input.MaxSessionDuration);
  const role = await authorizedEntity(account, ROLES, name, "UpdateRole", options);
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
  const role = await authorizedEntity(account, ROLES, name, "UpdateRoleDescription", options);
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
  const role = await authorizedEntity(account, ROLES, name, "UpdateAssumeRolePolicy", options);
  const trust = checkTrust(account, input.PolicyDocument, "PolicyDocument");
  role.AssumeRolePolicyDocument = trust;
  account.touch();
  return {};
}

/**
 * DeleteRole: API_DeleteRole: remove the role from instance profiles, delete inline policies and
 * detach managed policies first.
 */
export const deleteRole = deleteEntity<RoleEntity, DeleteRoleRequest>(ROLES, (_account, role) =>
  (role.InstanceProfileList?.length ?? 0) > 0 ? "Cannot delete entity, must remove roles from instance profile first." : policiesConflict(ROLES, role));





