/**
 * @module iam/ops/inline-policies
 * Inline policies embedded in a user, group or role: Put/Get/Delete/List{User,Group,Role}Policy
 * (IAM API Reference: API_PutUserPolicy.html, API_GetUserPolicy.html, API_DeleteUserPolicy.html,
 * API_ListUserPolicies.html, and the Group and Role counterparts).
 *
 * Rules: policy names `[\w+=,.@-]+`, 1-128 characters (API_PutUserPolicy: PolicyName);
 * documents are identity policies with `Version` 2012-10-17; the aggregate size of an entity's
 * inline policies, whitespace not counted, is at most user 2,048, group 5,120, role 10,240
 * ("IAM and AWS STS quotas"), else LimitExceeded. Putting a name that exists (ignoring case)
 * replaces that policy. GetXPolicy returns the document URL-encoded, as the IAM API does.
 */
import type { AccountState, OperationOptions } from "../account-state.ts";
import { IamError } from "../errors.ts";
import { checkName } from "../validate.ts";
import { checkInlineAggregate, checkPolicyDocument, encodeDocument } from "../policy-document.ts";
import type { InlinePolicy } from "../store.ts";
import { checkMaxItems, paginate, requestObject, requireUser, userArn, type EmptyResponse, type PaginatedResponse, type PaginationRequest } from "./users.ts";
import { groupArn, requireGroup } from "./groups.ts";
import { requireRole, roleArn } from "./roles.ts";

export interface PutUserPolicyRequest { UserName: string; PolicyName: string; PolicyDocument: unknown }
export interface GetUserPolicyRequest { UserName: string; PolicyName: string }
export interface GetUserPolicyResponse { UserName: string; PolicyName: string; PolicyDocument: string }
export interface DeleteUserPolicyRequest { UserName: string; PolicyName: string }
export interface ListUserPoliciesRequest extends PaginationRequest { UserName: string }
export interface PutGroupPolicyRequest { GroupName: string; PolicyName: string; PolicyDocument: unknown }
export interface GetGroupPolicyRequest { GroupName: string; PolicyName: string }
export interface GetGroupPolicyResponse { GroupName: string; PolicyName: string; PolicyDocument: string }
export interface DeleteGroupPolicyRequest { GroupName: string; PolicyName: string }
export interface ListGroupPoliciesRequest extends PaginationRequest { GroupName: string }
export interface PutRolePolicyRequest { RoleName: string; PolicyName: string; PolicyDocument: unknown }
export interface GetRolePolicyRequest { RoleName: string; PolicyName: string }
export interface GetRolePolicyResponse { RoleName: string; PolicyName: string; PolicyDocument: string }
export interface DeleteRolePolicyRequest { RoleName: string; PolicyName: string }
export interface ListRolePoliciesRequest extends PaginationRequest { RoleName: string }
export interface ListPoliciesNamesResponse extends PaginatedResponse { PolicyNames: string[] }


/** What differs between users, groups and roles for inline policies. */
interface Family {
  entity: "user" | "group" | "role";
  /** `User`, `Group`, `Role`: in operation and action names. */
  word: "User" | "Group" | "Role";
  nameField: "UserName" | "GroupName" | "RoleName";
  arnOf(account: AccountState, name: string): string;
  /** The entity's exact name and its inline policy list (NoSuchEntity when missing). */
  open(account: AccountState, name: string): { name: string; list(): InlinePolicy[]; set(list: InlinePolicy[]): void };
}

const FAMILIES: Record<"user" | "group" | "role", Family> = {
  user: {
    entity: "user", word: "User", nameField: "UserName", arnOf: userArn,
    open: (a, n) => { const e = requireUser(a, n); return { name: e.UserName, list: () => e.UserPolicyList, set: (l) => { e.UserPolicyList = l; } }; },
  },
  group: {
    entity: "group", word: "Group", nameField: "GroupName", arnOf: groupArn,
    open: (a, n) => { const e = requireGroup(a, n); return { name: e.GroupName, list: () => e.GroupPolicyList, set: (l) => { e.GroupPolicyList = l; } }; },
  },
  role: {
    entity: "role", word: "Role", nameField: "RoleName", arnOf: roleArn,
    open: (a, n) => { const e = requireRole(a, n); return { name: e.RoleName, list: () => e.RolePolicyList, set: (l) => { e.RolePolicyList = l; } }; },
  },
};

type Req = Record<string, unknown>;

function entityName(f: Family, input: Req): string {
  return checkName(input[f.nameField], f.nameField, f.entity);
}

function noSuchPolicy(f: Family, policyName: string): IamError {
  return new IamError("NoSuchEntity", `The ${f.entity} policy with name ${policyName} cannot be found.`);
}

async function put(account: AccountState, f: Family, input: Req, options?: OperationOptions): Promise<EmptyResponse> {
  requestObject(input, `Put${f.word}Policy`);
  const name = entityName(f, input);
  const policyName = checkName(input.PolicyName, "PolicyName", "policy");
  if (input.PolicyDocument === undefined || input.PolicyDocument === null) {
    throw new IamError("ValidationError", "1 validation error detected: Value at 'policyDocument' failed to satisfy constraint: Member must not be null");
  }
  await account.authorizeOperation(options, `iam:Put${f.word}Policy`, f.arnOf(account, name));
  const entity = f.open(account, name);
  const doc = checkPolicyDocument(account, input.PolicyDocument, { kind: "identity", field: "PolicyDocument" });
  const key = policyName.toLowerCase();
  const others = entity.list().filter((p) => p.PolicyName.toLowerCase() !== key);
  checkInlineAggregate(f.entity, entity.name, others, doc);
  const existing = entity.list().findIndex((p) => p.PolicyName.toLowerCase() === key);
  const next = [...entity.list()];
  const policy: InlinePolicy = { PolicyName: policyName, PolicyDocument: doc.text };
  if (existing >= 0) next[existing] = policy;
  else next.push(policy);
  entity.set(next);
  account.touch();
  return {};
}

async function get(account: AccountState, f: Family, input: Req, options?: OperationOptions): Promise<Record<string, string>> {
  requestObject(input, `Get${f.word}Policy`);
  const name = entityName(f, input);
  const policyName = checkName(input.PolicyName, "PolicyName", "policy");
  await account.authorizeOperation(options, `iam:Get${f.word}Policy`, f.arnOf(account, name));
  const entity = f.open(account, name);
  const policy = entity.list().find((p) => p.PolicyName.toLowerCase() === policyName.toLowerCase());
  if (!policy) throw noSuchPolicy(f, policyName);
  return { [f.nameField]: entity.name, PolicyName: policy.PolicyName, PolicyDocument: encodeDocument(policy.PolicyDocument) };
}

async function del(account: AccountState, f: Family, input: Req, options?: OperationOptions): Promise<EmptyResponse> {
  requestObject(input, `Delete${f.word}Policy`);
  const name = entityName(f, input);
  const policyName = checkName(input.PolicyName, "PolicyName", "policy");
  await account.authorizeOperation(options, `iam:Delete${f.word}Policy`, f.arnOf(account, name));
  const entity = f.open(account, name);
  const key = policyName.toLowerCase();
  if (!entity.list().some((p) => p.PolicyName.toLowerCase() === key)) throw noSuchPolicy(f, policyName);
  entity.set(entity.list().filter((p) => p.PolicyName.toLowerCase() !== key));
  account.touch();
  return {};
}

async function list(account: AccountState, f: Family, input: Req, options?: OperationOptions): Promise<ListPoliciesNamesResponse> {
  requestObject(input, `List${f.word}Policies`);
  const name = entityName(f, input);
  checkMaxItems(input.MaxItems);
  await account.authorizeOperation(options, `iam:List${f.word}Policies`, f.arnOf(account, name));
  const entity = f.open(account, name);
  const names = entity.list().map((p) => p.PolicyName).sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0));
  const { page, ...rest } = paginate(names, (n) => n.toLowerCase(), input as PaginationRequest);
  return { PolicyNames: page, ...rest };
}

const U = FAMILIES.user, G = FAMILIES.group, R = FAMILIES.role;
export const putUserPolicy = (account: AccountState, input: PutUserPolicyRequest, options?: OperationOptions): Promise<EmptyResponse> =>
  put(account, U, input as unknown as Req, options) as Promise<EmptyResponse>;
export const getUserPolicy = (account: AccountState, input: GetUserPolicyRequest, options?: OperationOptions): Promise<GetUserPolicyResponse> =>
  get(account, U, input as unknown as Req, options) as unknown as Promise<GetUserPolicyResponse>;
export const deleteUserPolicy = (account: AccountState, input: DeleteUserPolicyRequest, options?: OperationOptions): Promise<EmptyResponse> =>
  del(account, U, input as unknown as Req, options) as Promise<EmptyResponse>;
export const listUserPolicies = (account: AccountState, input: ListUserPoliciesRequest, options?: OperationOptions): Promise<ListPoliciesNamesResponse> =>
  list(account, U, input as unknown as Req, options) as Promise<ListPoliciesNamesResponse>;
export const putGroupPolicy = (account: AccountState, input: PutGroupPolicyRequest, options?: OperationOptions): Promise<EmptyResponse> =>
  put(account, G, input as unknown as Req, options) as Promise<EmptyResponse>;
export const getGroupPolicy = (account: AccountState, input: GetGroupPolicyRequest, options?: OperationOptions): Promise<GetGroupPolicyResponse> =>
  get(account, G, input as unknown as Req, options) as unknown as Promise<GetGroupPolicyResponse>;
export const deleteGroupPolicy = (account: AccountState, input: DeleteGroupPolicyRequest, options?: OperationOptions): Promise<EmptyResponse> =>
  del(account, G, input as unknown as Req, options) as Promise<EmptyResponse>;
export const listGroupPolicies = (account: AccountState, input: ListGroupPoliciesRequest, options?: OperationOptions): Promise<ListPoliciesNamesResponse> =>
  list(account, G, input as unknown as Req, options) as Promise<ListPoliciesNamesResponse>;
export const putRolePolicy = (account: AccountState, input: PutRolePolicyRequest, options?: OperationOptions): Promise<EmptyResponse> =>
  put(account, R, input as unknown as Req, options) as Promise<EmptyResponse>;
export const getRolePolicy = (account: AccountState, input: GetRolePolicyRequest, options?: OperationOptions): Promise<GetRolePolicyResponse> =>
  get(account, R, input as unknown as Req, options) as unknown as Promise<GetRolePolicyResponse>;
export const deleteRolePolicy = (account: AccountState, input: DeleteRolePolicyRequest, options?: OperationOptions): Promise<EmptyResponse> =>
  del(account, R, input as unknown as Req, options) as Promise<EmptyResponse>;
export const listRolePolicies = (account: AccountState, input: ListRolePoliciesRequest, options?: OperationOptions): Promise<ListPoliciesNamesResponse> =>
  list(account, R, input as unknown as Req, options) as Promise<ListPoliciesNamesResponse>;
