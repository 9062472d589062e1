/**
 * @module iam/audit/operations
 * The audited operations: every IAM and STS method of Account that emits a record, with its
 * CloudTrail eventName and eventSource, whether it is read-only, whether its response is
 * logged, and where its request and OperationOptions are among the arguments.
 */
import { ucFirst } from "./names.ts";

export const IAM = "iam.amazonaws.com";
const STS = "sts.amazonaws.com";

export interface OperationSpec {
  method: string;
  eventName: string;
  eventSource: typeof IAM | typeof STS;
  readOnly: boolean;
  /** responseElements are logged (mutating IAM calls; STS calls that issue credentials). */
  logResponse: boolean;
  /** Index of the request object among the arguments (-1: none). */
  inputArg: number;
  /** Index of the OperationOptions (-1: none; "auto": the last argument given). */
  optionsArg: number | "auto";
  /** Builds the request parameters from the arguments when they are not one request object. */
  params?: (args: unknown[]) => unknown;
}

/**
 * IAM operations (camelCase methods). The list names every operation whose record the audit
 * knows how to write; Account declares those it implements (the others, such as the MFA device
 * tags, are AWS operations not modelled yet).
 */
const IAM_OPERATIONS = [
  "createUser", "getUser", "listUsers", "updateUser", "deleteUser", "tagUser", "untagUser", "listUserTags",
  "putUserPermissionsBoundary", "deleteUserPermissionsBoundary",
  "createGroup", "getGroup", "listGroups", "listGroupsForUser", "updateGroup", "deleteGroup", "addUserToGroup", "removeUserFromGroup",
  "createRole", "getRole", "listRoles", "updateRole", "updateRoleDescription", "updateAssumeRolePolicy", "deleteRole",
  "tagRole", "untagRole", "listRoleTags", "putRolePermissionsBoundary", "deleteRolePermissionsBoundary",
  "createPolicy", "getPolicy", "listPolicies", "deletePolicy", "createPolicyVersion", "getPolicyVersion", "listPolicyVersions",
  "deletePolicyVersion", "setDefaultPolicyVersion", "tagPolicy", "untagPolicy", "listPolicyTags",
  "putUserPolicy", "getUserPolicy", "deleteUserPolicy", "listUserPolicies",
  "putGroupPolicy", "getGroupPolicy", "deleteGroupPolicy", "listGroupPolicies",
  "putRolePolicy", "getRolePolicy", "deleteRolePolicy", "listRolePolicies",
  "attachUserPolicy", "detachUserPolicy", "attachGroupPolicy", "detachGroupPolicy", "attachRolePolicy", "detachRolePolicy",
  "listAttachedUserPolicies", "listAttachedGroupPolicies", "listAttachedRolePolicies", "listEntitiesForPolicy",
  "createAccessKey", "updateAccessKey", "deleteAccessKey", "listAccessKeys", "getAccessKeyLastUsed",
  "createVirtualMFADevice", "enableMFADevice", "deactivateMFADevice", "deleteVirtualMFADevice", "listMFADevices",
  "listVirtualMFADevices", "resyncMFADevice", "tagMFADevice", "untagMFADevice", "listMFADeviceTags", "getMFADevice",
  "createLoginProfile", "updateLoginProfile", "getLoginProfile", "deleteLoginProfile", "changePassword",
  "updateAccountPasswordPolicy", "getAccountPasswordPolicy", "deleteAccountPasswordPolicy",
  "getAccountAuthorizationDetails", "simulatePrincipalPolicy", "simulateCustomPolicy", "getContextKeysForCustomPolicy", "getContextKeysForPrincipalPolicy",
  "createOpenIDConnectProvider", "getOpenIDConnectProvider", "listOpenIDConnectProviders", "deleteOpenIDConnectProvider",
  "addClientIDToOpenIDConnectProvider", "removeClientIDFromOpenIDConnectProvider", "updateOpenIDConnectProviderThumbprint",
  "tagOpenIDConnectProvider", "untagOpenIDConnectProvider", "listOpenIDConnectProviderTags",
  // iam-edge extensions (no AWS API of that name): named as their method.
  "setOpenIDConnectProviderKeys", "getOpenIDConnectProviderKeys",
] as const;

/** STS operations. */
const STS_OPERATIONS = [
  "assumeRole", "assumeRoleWithWebIdentity", "assumeRoleWithSAML", "assumeRoot", "getSessionToken", "getFederationToken",
  "getCallerIdentity", "getAccessKeyInfo", "decodeAuthorizationMessage",
] as const;

function iamSpec(method: string): OperationSpec {
  const eventName = ucFirst(method);
  const readOnly = /^(Get|List|Simulate)/.test(eventName);
  return { method, eventName, eventSource: IAM, readOnly, logResponse: !readOnly, inputArg: 0, optionsArg: 1 };
}

function stsSpec(method: string): OperationSpec {
  const eventName = ucFirst(method);
  // CloudTrail marks STS calls read-only (they change no resource) but logs the issued
  // credentials' public parts (accessKeyId, expiration, assumedRoleUser).
  const issues = /^(Assume|GetSessionToken|GetFederationToken)/.test(eventName);
  if (method === "getCallerIdentity") {
    return { method, eventName, eventSource: STS, readOnly: true, logResponse: false, inputArg: -1, optionsArg: "auto" };
  }
  return { method, eventName, eventSource: STS, readOnly: true, logResponse: issues, inputArg: 0, optionsArg: 1 };
}

/** The name of an audited operation (an Account method). */
export type AuditedMethod = (typeof IAM_OPERATIONS)[number] | (typeof STS_OPERATIONS)[number] | "toAuthorizationDetails" | "revokeRoleSessions";

/** Every audited operation, by method name. */
export const AUDITED_OPERATIONS: ReadonlyMap<string, Readonly<OperationSpec>> = new Map<AuditedMethod, OperationSpec>([
  ...IAM_OPERATIONS.map((m) => [m, iamSpec(m)] as const),
  ...STS_OPERATIONS.map((m) => [m, stsSpec(m)] as const),
  // GAAD export: the account as `aws iam get-account-authorization-details` prints it, for files
  // (no caller; the API operation is getAccountAuthorizationDetails).
  ["toAuthorizationDetails", { method: "toAuthorizationDetails", eventName: "GetAccountAuthorizationDetails", eventSource: IAM, readOnly: true, logResponse: false, inputArg: -1, optionsArg: -1 }],
  // Revoking a role's sessions is, in AWS, a PutRolePolicy of the AWSRevokeOlderSessions policy.
  ["revokeRoleSessions", {
    method: "revokeRoleSessions", eventName: "PutRolePolicy", eventSource: IAM, readOnly: false, logResponse: true, inputArg: -1, optionsArg: 2,
    params: (args) => ({ RoleName: args[0], PolicyName: "AWSRevokeOlderSessions" }),
  }],
]);
