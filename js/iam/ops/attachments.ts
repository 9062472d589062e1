/**
 * @module iam/ops/attachments
 * Managed policies attached to users, groups and roles, written once for the three:
 * Attach/Detach{User,Group,Role}Policy, ListAttached{User,Group,Role}Policies, and
 * ListEntitiesForPolicy (IAM API Reference: API_AttachUserPolicy.html,
 * API_DetachUserPolicy.html, API_ListAttachedUserPolicies.html and the Group and Role
 * counterparts, API_ListEntitiesForPolicy.html).
 *
 * Rules ("IAM and AWS STS quotas"): at most 10 managed policies per user, group or role (the
 * default quota; users and roles can be raised to 20, groups cannot), else LimitExceeded;
 * attaching an attached policy again succeeds and changes nothing; an unknown policy is
 * NoSuchEntity; a service-role policy (`/aws-service-role/`) is PolicyNotAttachable.
 * AWS-managed policies from the library attach like any other. The caller check carries
 * `iam:PolicyARN` ("Actions, resources, and condition keys for IAM").
 */
import type { AccountState, OperationOptions } from "../account-state.ts";
import { IamError } from "../errors.ts";
import { findManagedPolicy, isAwsManagedArn } from "../aws-managed.ts";
import type { AttachedPolicy, GroupEntity, RoleEntity, UserEntity } from "../store.ts";
import { authorizedEntity, entityRequest, GROUPS, POLICIES, ROLES, USERS, type NamedFamily } from "./families.ts";
import { isAttachable } from "./policies.ts";
import {
  checkMaxItems, checkPathPrefix, checkPolicyArn, checkUsageFilter, compare, paginate, requestObject, sortedEntries,
  type EmptyResponse, type PaginatedResponse, type PaginationRequest,
} from "./shared.ts";

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

type Principal = UserEntity | GroupEntity | RoleEntity;
type Operation<I, O> = (account: AccountState, input: I, options?: OperationOptions) => Promise<O>;

/** The path part of a policy ARN (`/` ... `/`). */
function policyPath(arn: string): string {
  const rest = arn.slice(arn.indexOf(":policy/") + ":policy".length);
  return rest.slice(0, rest.lastIndexOf("/") + 1);
}

/** Attach<Family>Policy. */
function attach<E extends Principal, I extends object>(f: NamedFamily<E>): Operation<I, EmptyResponse> {
  return async (account, input, options) => {
    const { req, id: name } = entityRequest(f, input, `Attach${f.word}Policy`);
    const arn = checkPolicyArn(req.PolicyArn);
    const entity = await authorizedEntity(account, f, name, `Attach${f.word}Policy`, options, { context: { "iam:PolicyARN": arn } });
    const policy = findManagedPolicy(account, arn);
    if (!policy) throw new IamError("NoSuchEntity", `Policy ${arn} does not exist or is not attachable.`);
    if (!isAttachable(policy)) throw new IamError("PolicyNotAttachable", `Cannot attach a Service Role Policy to a Customer ${f.word}.`);
    if (entity.AttachedManagedPolicies.some((p) => p.PolicyArn === arn)) return {};
    if (entity.AttachedManagedPolicies.length >= MAX_ATTACHED_POLICIES) {
      throw new IamError("LimitExceeded", `Cannot exceed quota for PoliciesPer${f.word}: ${MAX_ATTACHED_POLICIES}`);
    }
    entity.AttachedManagedPolicies = [...entity.AttachedManagedPolicies, { PolicyName: policy.PolicyName, PolicyArn: arn }];
    account.touch();
    return {};
  };
}

/** Detach<Family>Policy: NoSuchEntity when the policy is not attached. */
function detach<E extends Principal, I extends object>(f: NamedFamily<E>): Operation<I, EmptyResponse> {
  return async (account, input, options) => {
    const { req, id: name } = entityRequest(f, input, `Detach${f.word}Policy`);
    const arn = checkPolicyArn(req.PolicyArn);
    const entity = await authorizedEntity(account, f, name, `Detach${f.word}Policy`, options, { context: { "iam:PolicyARN": arn } });
    if (!entity.AttachedManagedPolicies.some((p) => p.PolicyArn === arn)) throw new IamError("NoSuchEntity", `Policy ${arn} was not found.`);
    entity.AttachedManagedPolicies = entity.AttachedManagedPolicies.filter((p) => p.PolicyArn !== arn);
    account.touch();
    return {};
  };
}

/** ListAttached<Family>Policies: by policy name, those whose path starts with PathPrefix. */
function listAttached<E extends Principal, I extends object>(f: NamedFamily<E>): Operation<I, ListAttachedPoliciesResponse> {
  return async (account, input, options) => {
    const { req, id: name } = entityRequest(f, input, `ListAttached${f.word}Policies`);
    const prefix = checkPathPrefix(req.PathPrefix);
    checkMaxItems(req.MaxItems);
    const entity = await authorizedEntity(account, f, name, `ListAttached${f.word}Policies`, options);
    const items = entity.AttachedManagedPolicies
      .filter((p) => policyPath(p.PolicyArn).startsWith(prefix))
      .map((p) => ({ key: `${p.PolicyName.toLowerCase()}\u0000${p.PolicyArn}`, p }))
      .sort((a, b) => compare(a.key, b.key));
    const { page, ...rest } = paginate(items, (x) => x.key, req as PaginationRequest);
    return { AttachedPolicies: page.map(({ p }) => ({ PolicyName: p.PolicyName, PolicyArn: p.PolicyArn })), ...rest };
  };
}

export const attachUserPolicy = attach<UserEntity, AttachUserPolicyRequest>(USERS);
export const detachUserPolicy = detach<UserEntity, DetachUserPolicyRequest>(USERS);
export const listAttachedUserPolicies = listAttached<UserEntity, ListAttachedUserPoliciesRequest>(USERS);
export const attachGroupPolicy = attach<GroupEntity, AttachGroupPolicyRequest>(GROUPS);
export const detachGroupPolicy = detach<GroupEntity, DetachGroupPolicyRequest>(GROUPS);
export const listAttachedGroupPolicies = listAttached<GroupEntity, ListAttachedGroupPoliciesRequest>(GROUPS);
export const attachRolePolicy = attach<RoleEntity, AttachRolePolicyRequest>(ROLES);
export const detachRolePolicy = detach<RoleEntity, DetachRolePolicyRequest>(ROLES);
export const listAttachedRolePolicies = listAttached<RoleEntity, ListAttachedRolePoliciesRequest>(ROLES);

const ENTITY_FILTERS = ["User", "Role", "Group", "LocalManagedPolicy", "AWSManagedPolicy"];

/** One entity using a policy, in the single list ListEntitiesForPolicy pages through. */
interface EntityUse {
  key: string;
  kind: "User" | "Group" | "Role";
  name: string;
  id: string;
}

/** ListEntitiesForPolicy: the users, groups and roles a managed policy is attached to (or bounds). */
export async function listEntitiesForPolicy(account: AccountState, input: ListEntitiesForPolicyRequest, options?: OperationOptions): Promise<ListEntitiesForPolicyResponse> {
  requestObject(input, "ListEntitiesForPolicy");
  const arn = checkPolicyArn(input.PolicyArn);
  const filter = input.EntityFilter;
  if (filter !== undefined && !ENTITY_FILTERS.includes(filter)) {
    throw new IamError("ValidationError", `1 validation error detected: Value '${String(filter)}' at 'entityFilter' failed to satisfy constraint: Member must satisfy enum value set: [${ENTITY_FILTERS.join(", ")}]`);
  }
  const usage = checkUsageFilter(input.PolicyUsageFilter);
  const prefix = checkPathPrefix(input.PathPrefix);
  checkMaxItems(input.MaxItems);
  await authorizedEntity(account, POLICIES, arn, "ListEntitiesForPolicy", options);
  // LocalManagedPolicy / AWSManagedPolicy filter by the policy's kind: all of its entities, or none.
  const aws = isAwsManagedArn(arn);
  const kindOk = filter === "LocalManagedPolicy" ? !aws : filter === "AWSManagedPolicy" ? aws : true;
  const want = (kind: string) => kindOk && (filter === undefined || filter === kind || filter.endsWith("ManagedPolicy"));
  // One list, groups then users then roles (each by name), paginated together.
  const families: NamedFamily<Principal>[] = [GROUPS, USERS, ROLES] as NamedFamily<Principal>[];
  const items = families.flatMap((f, rank) => (want(f.word) ? usesOf(account, f, `${rank + 1}`, arn, usage, prefix) : []));
  const { page, ...rest } = paginate(items, (x) => x.key, input);
  return {
    PolicyGroups: page.filter((x) => x.kind === "Group").map((x) => ({ GroupName: x.name, GroupId: x.id })),
    PolicyUsers: page.filter((x) => x.kind === "User").map((x) => ({ UserName: x.name, UserId: x.id })),
    PolicyRoles: page.filter((x) => x.kind === "Role").map((x) => ({ RoleName: x.name, RoleId: x.id })),
    ...rest,
  };
}

/** The family's entities under `prefix` that use the policy as a permissions policy or boundary, by name. */
function usesOf(account: AccountState, f: NamedFamily<Principal>, rank: string, arn: string, usage: string | undefined, prefix: string): EntityUse[] {
  const out: EntityUse[] = [];
  for (const [key, e] of sortedEntries(f.all(account))) {
    const boundary = "PermissionsBoundary" in e ? e.PermissionsBoundary?.PermissionsBoundaryArn : undefined;
    const uses = (usage !== "PermissionsBoundary" && e.AttachedManagedPolicies.some((p) => p.PolicyArn === arn)) || (usage !== "PermissionsPolicy" && boundary === arn);
    if (e.Path.startsWith(prefix) && uses) out.push({ key: `${rank}${key}`, kind: f.word, name: f.nameOf(e), id: f.idOf(e) });
  }
  return out;
}
