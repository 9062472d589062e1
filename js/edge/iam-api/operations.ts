/**
 * @module edge/iam-api/operations
 * The IAM operations this endpoint serves, by their AWS name: each one calls the account
 * model's method of the same name (lowerCamelCase, as docs/iam.md lists them) with the decoded
 * request and the caller's options, so the model authorizes and performs it exactly as through
 * the JavaScript API. Every other operation of the AWS model answers NotImplemented.
 */
import type { ApiCall } from "../api/call-context.ts";

export type OperationHandler = (call: ApiCall) => Promise<unknown>;

/** The model's methods that are IAM operations of the same (upper-camel) name. */
const MODEL_OPERATIONS = [
  "AddClientIDToOpenIDConnectProvider", "AddUserToGroup", "AttachGroupPolicy", "AttachRolePolicy", "AttachUserPolicy",
  "ChangePassword", "CreateAccessKey", "CreateGroup", "CreateLoginProfile", "CreateOpenIDConnectProvider", "CreatePolicy",
  "CreatePolicyVersion", "CreateRole", "CreateUser", "CreateVirtualMFADevice", "DeactivateMFADevice", "DeleteAccessKey",
  "DeleteAccountPasswordPolicy", "DeleteGroup", "DeleteGroupPolicy", "DeleteLoginProfile", "DeleteOpenIDConnectProvider",
  "DeletePolicy", "DeletePolicyVersion", "DeleteRole", "DeleteRolePermissionsBoundary", "DeleteRolePolicy", "DeleteUser",
  "DeleteUserPermissionsBoundary", "DeleteUserPolicy", "DeleteVirtualMFADevice", "DetachGroupPolicy", "DetachRolePolicy",
  "DetachUserPolicy", "EnableMFADevice", "GetAccessKeyLastUsed", "GetAccountAuthorizationDetails", "GetAccountPasswordPolicy", "GetGroup", "GetGroupPolicy",
  "GetLoginProfile", "GetOpenIDConnectProvider", "GetPolicy", "GetPolicyVersion", "GetRole", "GetRolePolicy", "GetUser",
  "GetUserPolicy", "ListAccessKeys", "ListAttachedGroupPolicies", "ListAttachedRolePolicies", "ListAttachedUserPolicies",
  "ListEntitiesForPolicy", "ListGroupPolicies", "ListGroups", "ListGroupsForUser", "ListMFADevices",
  "ListOpenIDConnectProviderTags", "ListOpenIDConnectProviders", "ListPolicies", "ListPolicyTags", "ListPolicyVersions",
  "ListRolePolicies", "ListRoleTags", "ListRoles", "ListUserPolicies", "ListUserTags", "ListUsers", "ListVirtualMFADevices",
  "PutGroupPolicy", "PutRolePermissionsBoundary", "PutRolePolicy", "PutUserPermissionsBoundary", "PutUserPolicy",
  "RemoveClientIDFromOpenIDConnectProvider", "RemoveUserFromGroup", "SetDefaultPolicyVersion", "SimulateCustomPolicy",
  "SimulatePrincipalPolicy", "TagOpenIDConnectProvider", "TagPolicy", "TagRole", "TagUser", "UntagOpenIDConnectProvider",
  "UntagPolicy", "UntagRole", "UntagUser", "UpdateAccessKey", "UpdateAccountPasswordPolicy", "UpdateAssumeRolePolicy",
  "UpdateGroup", "UpdateLoginProfile", "UpdateOpenIDConnectProviderThumbprint", "UpdateRole", "UpdateRoleDescription",
  "UpdateUser",
] as const;

type ModelMethod = (input: unknown, options: unknown) => Promise<unknown>;

/** `CreateUser` → `account.createUser(input, options)`. */
function modelOperation(name: string): OperationHandler {
  const method = name.charAt(0).toLowerCase() + name.slice(1);
  return (call) => {
    const fn = (call.account as unknown as Record<string, ModelMethod | undefined>)[method];
    if (typeof fn !== "function") throw new TypeError(`the account model has no ${method}`);
    return fn.call(call.account, call.input, call.options);
  };
}

export const IAM_OPERATIONS: Readonly<Record<string, OperationHandler>> = Object.fromEntries(MODEL_OPERATIONS.map((name) => [name, modelOperation(name)]));
