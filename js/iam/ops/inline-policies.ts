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
 * replaces that policy. GetXPolicy returns the document URL-encoded, as the IAM API does. Written
 * once for the three families (families.ts).
 */
import type { AccountState, OperationOptions } from "../account-state.ts";
import { IamError } from "../errors.ts";
import { checkName } from "../validate.ts";
import { checkInlineAggregate, checkPolicyDocument, encodeDocument } from "../policy-document.ts";
import type { GroupEntity, InlinePolicy, RoleEntity, UserEntity } from "../store.ts";
import { authorizedEntity, entityRequest, GROUPS, ROLES, USERS, type NamedFamily } from "./families.ts";
import { checkMaxItems, compare, paginate, type EmptyResponse, type PaginatedResponse, type PaginationRequest } from "./shared.ts";

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


type Principal = UserEntity | GroupEntity | RoleEntity;
type Operation<I, O> = (account: AccountState, input: I, options?: OperationOptions) => Promise<O>;


function noSuchPolicy(noun: string, policyName: string): IamError {
  return new IamError("NoSuchEntity", `The ${noun} policy with name ${policyName} cannot be found.`);
}

/** Put<Family>Policy: adds the policy, or replaces the one of that name (ignoring case). */
function put<E extends Principal, I extends object>(f: NamedFamily<E>): Operation<I, EmptyResponse> {
  return async (account, input, options) => {
    const { req, id: name } = entityRequest(f, input, `Put${f.word}Policy`);
    const policyName = checkName(req.PolicyName, "PolicyName", "policy");
    if (req.PolicyDocument === undefined || req.PolicyDocument === null) {
      throw new IamError("ValidationError", "1 validation error detected: Value at 'policyDocument' failed to satisfy constraint: Member must not be null");
    }
    const entity = await authorizedEntity(account, f, name, `Put${f.word}Policy`, options);
    const doc = checkPolicyDocument(account, req.PolicyDocument, { kind: "identity", field: "PolicyDocument" });
    const key = policyName.toLowerCase();
    const list = f.inlinePolicies(entity);
    checkInlineAggregate(f.noun, f.nameOf(entity), list.filter((p) => p.PolicyName.toLowerCase() !== key), doc);
    const existing = list.findIndex((p) => p.PolicyName.toLowerCase() === key);
    const next = [...list];
    const policy: InlinePolicy = { PolicyName: policyName, PolicyDocument: doc.text };
    if (existing >= 0) next[existing] = policy;
    else next.push(policy);
    f.setInlinePolicies(entity, next);
    account.touch();
    return {};
  };
}

/** Get<Family>Policy: the document URL-encoded, as the IAM API returns it. */
function get<E extends Principal, I extends object, O>(f: NamedFamily<E>): Operation<I, O> {
  return async (account, input, options) => {
    const { req, id: name } = entityRequest(f, input, `Get${f.word}Policy`);
    const policyName = checkName(req.PolicyName, "PolicyName", "policy");
    const entity = await authorizedEntity(account, f, name, `Get${f.word}Policy`, options);
    const policy = f.inlinePolicies(entity).find((p) => p.PolicyName.toLowerCase() === policyName.toLowerCase());
    if (!policy) throw noSuchPolicy(f.noun, policyName);
    return { [f.idField]: f.nameOf(entity), PolicyName: policy.PolicyName, PolicyDocument: encodeDocument(policy.PolicyDocument) } as O;
  };
}

/** Delete<Family>Policy: NoSuchEntity when there is no policy of that name. */
function del<E extends Principal, I extends object>(f: NamedFamily<E>): Operation<I, EmptyResponse> {
  return async (account, input, options) => {
    const { req, id: name } = entityRequest(f, input, `Delete${f.word}Policy`);
    const policyName = checkName(req.PolicyName, "PolicyName", "policy");
    const entity = await authorizedEntity(account, f, name, `Delete${f.word}Policy`, options);
    const key = policyName.toLowerCase();
    const list = f.inlinePolicies(entity);
    if (!list.some((p) => p.PolicyName.toLowerCase() === key)) throw noSuchPolicy(f.noun, policyName);
    f.setInlinePolicies(entity, list.filter((p) => p.PolicyName.toLowerCase() !== key));
    account.touch();
    return {};
  };
}

/** List<Family>Policies: the policy names, ignoring case in their order. */
function list<E extends Principal, I extends object>(f: NamedFamily<E>): Operation<I, ListPoliciesNamesResponse> {
  return async (account, input, options) => {
    const { req, id: name } = entityRequest(f, input, `List${f.word}Policies`);
    checkMaxItems(req.MaxItems);
    const entity = await authorizedEntity(account, f, name, `List${f.word}Policies`, options);
    const policyNames = f.inlinePolicies(entity).map((p) => p.PolicyName).sort((a, b) => compare(a.toLowerCase(), b.toLowerCase()));
    const { page, ...rest } = paginate(policyNames, (n) => n.toLowerCase(), req as PaginationRequest);
    return { PolicyNames: page, ...rest };
  };
}

export const putUserPolicy = put<UserEntity, PutUserPolicyRequest>(USERS);
export const getUserPolicy = get<UserEntity, GetUserPolicyRequest, GetUserPolicyResponse>(USERS);
export const deleteUserPolicy = del<UserEntity, DeleteUserPolicyRequest>(USERS);
export const listUserPolicies = list<UserEntity, ListUserPoliciesRequest>(USERS);
export const putGroupPolicy = put<GroupEntity, PutGroupPolicyRequest>(GROUPS);
export const getGroupPolicy = get<GroupEntity, GetGroupPolicyRequest, GetGroupPolicyResponse>(GROUPS);
export const deleteGroupPolicy = del<GroupEntity, DeleteGroupPolicyRequest>(GROUPS);
export const listGroupPolicies = list<GroupEntity, ListGroupPoliciesRequest>(GROUPS);
export const putRolePolicy = put<RoleEntity, PutRolePolicyRequest>(ROLES);
export const getRolePolicy = get<RoleEntity, GetRolePolicyRequest, GetRolePolicyResponse>(ROLES);
export const deleteRolePolicy = del<RoleEntity, DeleteRolePolicyRequest>(ROLES);
export const listRolePolicies = list<RoleEntity, ListRolePoliciesRequest>(ROLES);
