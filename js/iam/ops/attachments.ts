/**
 * @module iam/ops/attachments
 * Managed policies attached to users, groups and roles: Attach/Detach{User,Group,Role}Policy,
 * ListAttached{User,Group,Role}Policies and ListEntitiesForPolicy (IAM API Reference:
 * API_AttachUserPolicy.html, API_DetachUserPolicy.html, API_ListAttachedUserPolicies.html and the
 * Group and Role counterparts, API_ListEntitiesForPolicy.html).
 *
 * Rules ("IAM and AWS STS quotas"): at most 10 managed policies per user, group or role (the
 * default quota; users and roles can be raised to 20, groups cannot), else LimitExceeded;
 * attaching an attached policy again succeeds and changes nothing; an unknown policy is
 * NoSuchEntity; a service-role policy (`/aws-service-role/`) is PolicyNotAttachable.
 * AWS-managed policies from the library attach like any other.
 */
import type { AccountState, OperationOptions } from "../account-state.ts";
import { IamError } from "../errors.ts";
import { checkName } from "../validate.ts";
import { findManagedPolicy, isAwsManagedArn } from "../aws-managed.ts";
import type { AttachedPolicy } from "../store.ts";
import {
  checkMaxItems, checkPathPrefix, checkPolicyArn, paginate, requestObject, requireUser, sortedEntries, userArn, withContext,
  type EmptyResponse, type PaginatedResponse, type PaginationRequest,
} from "./users.ts";
import { groupArn, requireGroup } from "./groups.ts";
import { requireRole, roleArn } from "./roles.ts";
import { isAttachable, requirePolicy } from "./policies.ts";

/** "IAM and AWS STS quotas": managed policies attached to an IAM user, group or role (default). */
export const MAX_ATTACHED_POLICIES = 10;

export interface AttachUserPolicyRequest { UserName: string; PolicyArn: string }
export interface DetachUserPolicyRequest { UserName: string; PolicyArn: string }
export interface ListAttachedUserPoliciesRequest extends PaginationRequest { UserName: string; PathPrefix?: string }
export interface AttachGroupPolicyRequest { GroupName: string; PolicyArn: string }
export interface DetachGroupPolicyRequest { GroupName: string; PolicyArn: string }
export interface ListAttachedGroupPoliciesRequest extends PaginationRequest { GroupName: string; PathPrefix?: string }
export interface AttachRolePolicyRequest { RoleName: string; PolicyArn: string }
export interface DetachRolePolicyRequest { RoleName: string; PolicyArn: string }
export interface ListAttachedRolePoliciesRequest extends PaginationRequest { RoleName: string; PathPrefix?: string }
export interface ListAttachedPoliciesResponse extends PaginatedResponse { AttachedPolicies: AttachedPolicy[] }
export interface ListEntitiesForPolicyRequest extends PaginationRequest {
  PolicyArn: string;
  EntityFilter?: "User" | "Role" | "Group" | "LocalManagedPolicy" | "AWSManagedPolicy";
  PathPrefix?: string;
  PolicyUsageFilter?: "PermissionsPolicy" | "PermissionsBoundary";
}
export interface ListEntitiesForPolicyResponse extends PaginatedResponse {
  PolicyGroups: { GroupName: string; GroupId: string }[];
  PolicyUsers: { UserName: string; UserId: string }[];
  PolicyRoles: { RoleName: string; RoleId: string }[];
}


interface Family {
  entity: "user" | "group" | "role";
  word: "User" | "Group" | "Role";
  nameField: "UserName" | "GroupName" | "RoleName";
  arnOf(account: AccountState, name: string): string;
  open(account: AccountState, name: string): { list(): AttachedPolicy[]; set(list: AttachedPolicy[]): void };
}

const FAMILIES: Record<"user" | "group" | "role", Family> = {
  user: {
    entity: "user", word: "User", nameField: "UserName", arnOf: userArn,
    open: (a, n) => { const e = requireUser(a, n); return { list: () => e.AttachedManagedPolicies, set: (l) => { e.AttachedManagedPolicies = l; } }; },
  },
  group: {
    entity: "group", word: "Group", nameField: "GroupName", arnOf: groupArn,
    open: (a, n) => { const e = requireGroup(a, n); return { list: () => e.AttachedManagedPolicies, set: (l) => { e.AttachedManagedPolicies = l; } }; },
  },
  role: {
    entity: "role", word: "Role", nameField: "RoleName", arnOf: roleArn,
    open: (a, n) => { const e = requireRole(a, n); return { list: () => e.AttachedManagedPolicies, set: (l) => { e.AttachedManagedPolicies = l; } }; },
  },
};

type Req = Record<string, unknown>;

/** The path part of a policy ARN (`/` ... `/`). */
function policyPath(arn: string): string {
  const rest = arn.slice(arn.indexOf(":policy/") + ":policy".length);
  return rest.slice(0, rest.lastIndexOf("/") + 1);
}

async function attach(account: AccountState, f: Family, input: Req, options?: OperationOptions): Promise<EmptyResponse> {
  requestObject(input, `Attach${f.word}Policy`);
  const name = checkName(input[f.nameField], f.nameField, f.entity);
  const arn = checkPolicyArn(input.PolicyArn);
  // "Actions, resources, and condition keys for IAM": Attach*Policy takes iam:PolicyARN.
  await account.authorizeOperation(withContext(options, { "iam:PolicyARN": arn }), `iam:Attach${f.word}Policy`, f.arnOf(account, name));
  const entity = f.open(account, name);
  const policy = findManagedPolicy(account, arn);
  if (!policy) throw new IamError("NoSuchEntity", `Policy ${arn} does not exist or is not attachable.`);
  if (!isAttachable(policy)) {
    throw new IamError("PolicyNotAttachable", `Cannot attach a Service Role Policy to a Customer ${f.word}.`);
  }
  if (entity.list().some((p) => p.PolicyArn === arn)) return {};
  if (entity.list().length >= MAX_ATTACHED_POLICIES) {
    throw new IamError("LimitExceeded", `Cannot exceed quota for PoliciesPer${f.word}: ${MAX_ATTACHED_POLICIES}`);
  }
  entity.set([...entity.list(), { PolicyName: policy.PolicyName, PolicyArn: arn }]);
  account.touch();
  return {};
}

async function detach(account: AccountState, f: Family, input: Req, options?: OperationOptions): Promise<EmptyResponse> {
  requestObject(input, `Detach${f.word}Policy`);
  const name = checkName(input[f.nameField], f.nameField, f.entity);
  const arn = checkPolicyArn(input.PolicyArn);
  await account.authorizeOperation(withContext(options, { "iam:PolicyARN": arn }), `iam:Detach${f.word}Policy`, f.arnOf(account, name));
  const entity = f.open(account, name);
  if (!entity.list().some((p) => p.PolicyArn === arn)) throw new IamError("NoSuchEntity", `Policy ${arn} was not found.`);
  entity.set(entity.list().filter((p) => p.PolicyArn !== arn));
  account.touch();
  return {};
}

async function listAttached(account: AccountState, f: Family, input: Req, options?: OperationOptions): Promise<ListAttachedPoliciesResponse> {
  requestObject(input, `ListAttached${f.word}Policies`);
  const name = checkName(input[f.nameField], f.nameField, f.entity);
  const prefix = checkPathPrefix(input.PathPrefix);
  checkMaxItems(input.MaxItems);
  await account.authorizeOperation(options, `iam:ListAttached${f.word}Policies`, f.arnOf(account, name));
  const entity = f.open(account, name);
  const items = entity.list()
    .filter((p) => policyPath(p.PolicyArn).startsWith(prefix))
    .map((p) => ({ key: `${p.PolicyName.toLowerCase()}\u0000${p.PolicyArn}`, p }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const { page, ...rest } = paginate(items, (x) => x.key, input as PaginationRequest);
  return { AttachedPolicies: page.map(({ p }) => ({ PolicyName: p.PolicyName, PolicyArn: p.PolicyArn })), ...rest };
}

const U = FAMILIES.user, G = FAMILIES.group, R = FAMILIES.role;
export const attachUserPolicy = (account: AccountState, input: AttachUserPolicyRequest, options?: OperationOptions): Promise<EmptyResponse> =>
  attach(account, U, input as unknown as Req, options) as Promise<EmptyResponse>;
export const detachUserPolicy = (account: AccountState, input: DetachUserPolicyRequest, options?: OperationOptions): Promise<EmptyResponse> =>
  detach(account, U, input as unknown as Req, options) as Promise<EmptyResponse>;
export const listAttachedUserPolicies = (account: AccountState, input: ListAttachedUserPoliciesRequest, options?: OperationOptions): Promise<ListAttachedPoliciesResponse> =>
  listAttached(account, U, input as unknown as Req, options) as Promise<ListAttachedPoliciesResponse>;
export const attachGroupPolicy = (account: AccountState, input: AttachGroupPolicyRequest, options?: OperationOptions): Promise<EmptyResponse> =>
  attach(account, G, input as unknown as Req, options) as Promise<EmptyResponse>;
export const detachGroupPolicy = (account: AccountState, input: DetachGroupPolicyRequest, options?: OperationOptions): Promise<EmptyResponse> =>
  detach(account, G, input as unknown as Req, options) as Promise<EmptyResponse>;
export const listAttachedGroupPolicies = (account: AccountState, input: ListAttachedGroupPoliciesRequest, options?: OperationOptions): Promise<ListAttachedPoliciesResponse> =>
  listAttached(account, G, input as unknown as Req, options) as Promise<ListAttachedPoliciesResponse>;
export const attachRolePolicy = (account: AccountState, input: AttachRolePolicyRequest, options?: OperationOptions): Promise<EmptyResponse> =>
  attach(account, R, input as unknown as Req, options) as Promise<EmptyResponse>;
export const detachRolePolicy = (account: AccountState, input: DetachRolePolicyRequest, options?: OperationOptions): Promise<EmptyResponse> =>
  detach(account, R, input as unknown as Req, options) as Promise<EmptyResponse>;
export const listAttachedRolePolicies = (account: AccountState, input: ListAttachedRolePoliciesRequest, options?: OperationOptions): Promise<ListAttachedPoliciesResponse> =>
  listAttached(account, R, input as unknown as Req, options) as Promise<ListAttachedPoliciesResponse>;

export async function listEntitiesForPolicy(account: AccountState, input: ListEntitiesForPolicyRequest, options?: OperationOptions): Promise<ListEntitiesForPolicyResponse> {
  requestObject(input, "ListEntitiesForPolicy");
  const arn = checkPolicyArn(input.PolicyArn);
  const filter = input.EntityFilter;
  if (filter !== undefined && !["User", "Role", "Group", "LocalManagedPolicy", "AWSManagedPolicy"].includes(filter)) {
    throw new IamError("ValidationError", `1 validation error detected: Value '${String(filter)}' at 'entityFilter' failed to satisfy constraint: Member must satisfy enum value set: [User, Role, Group, LocalManagedPolicy, AWSManagedPolicy]`);
  }
  const usage = input.PolicyUsageFilter;
  if (usage !== undefined && usage !== "PermissionsPolicy" && usage !== "PermissionsBoundary") {
    throw new IamError("ValidationError", `1 validation error detected: Value '${String(usage)}' at 'policyUsageFilter' failed to satisfy constraint: Member must satisfy enum value set: [PermissionsPolicy, PermissionsBoundary]`);
  }
  const prefix = checkPathPrefix(input.PathPrefix);
  checkMaxItems(input.MaxItems);
  await account.authorizeOperation(options, "iam:ListEntitiesForPolicy", arn);
  requirePolicy(account, arn);
  // LocalManagedPolicy / AWSManagedPolicy filter by the policy's kind: all of its entities, or none.
  const aws = isAwsManagedArn(arn);
  const kindOk = filter === "LocalManagedPolicy" ? !aws : filter === "AWSManagedPolicy" ? aws : true;
  const want = (kind: "User" | "Group" | "Role") => kindOk && (filter === undefined || filter === kind || filter.endsWith("ManagedPolicy"));
  const uses = (attached: AttachedPolicy[], boundaryArn: string | undefined) =>
    (usage !== "PermissionsBoundary" && attached.some((p) => p.PolicyArn === arn)) ||
    (usage !== "PermissionsPolicy" && boundaryArn === arn);
  type Item = { key: string; kind: "User" | "Group" | "Role"; name: string; id: string };
  const items: Item[] = [];
  // One list, groups then users then roles (each by name), paginated together.
  if (want("Group")) {
    for (const [k, g] of sortedEntries(account.store.groups)) {
      if (g.Path.startsWith(prefix) && uses(g.AttachedManagedPolicies, undefined)) items.push({ key: `1${k}`, kind: "Group", name: g.GroupName, id: g.GroupId });
    }
  }
  if (want("User")) {
    for (const [k, u] of sortedEntries(account.store.users)) {
      if (u.Path.startsWith(prefix) && uses(u.AttachedManagedPolicies, u.PermissionsBoundary?.PermissionsBoundaryArn)) items.push({ key: `2${k}`, kind: "User", name: u.UserName, id: u.UserId });
    }
  }
  if (want("Role")) {
    for (const [k, r] of sortedEntries(account.store.roles)) {
      if (r.Path.startsWith(prefix) && uses(r.AttachedManagedPolicies, r.PermissionsBoundary?.PermissionsBoundaryArn)) items.push({ key: `3${k}`, kind: "Role", name: r.RoleName, id: r.RoleId });
    }
  }
  const { page, ...rest } = paginate(items, (x) => x.key, input);
  return {
    PolicyGroups: page.filter((x) => x.kind === "Group").map((x) => ({ GroupName: x.name, GroupId: x.id })),
    PolicyUsers: page.filter((x) => x.kind === "User").map((x) => ({ UserName: x.name, UserId: x.id })),
    PolicyRoles: page.filter((x) => x.kind === "Role").map((x) => ({ RoleName: x.name, RoleId: x.id })),
    ...rest,
  };
}
