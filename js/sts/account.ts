/**
 * @module sts/account
 * Account: one AWS account's IAM and STS, and everything it can do. Every operation is declared
 * here, in AWS's own name, and delegates to a plain function: the IAM operations to
 * js/iam/ops/*.ts (one file per entity family), resolution and simulation to js/iam/resolve/ and
 * js/iam/simulate/, GAAD to js/iam/gaad/, the STS operations to js/sts/*.ts. Each audited
 * operation goes through `audited` (js/iam/audit/run.ts), which hands the account's audit sink
 * one CloudTrail record per call.
 *
 * Adding an operation: write `export async function doThing(account: AccountState, input,
 * options)` in its family's file, add its name to js/iam/audit/operations.ts (how CloudTrail
 * logs it), and declare it here: `doThing(input, options) { return run(this, "doThing",
 * (o) => o.family.doThing, input, options); }`.
 *
 * The class lives in js/sts, the layer above the model, because it joins the two: the model
 * (AccountState and its operations) never names STS. Import it from the package (`iam-edge`).
 *
 * The asynchronous operations' code is loaded with the first account (issue 17: `import
 * "iam-edge"` does not parse it): their families are imported here for their types only, and
 * each method reaches its function through `run` (js/sts/operations-loader.ts), which takes it
 * from js/sts/account-operations.ts. What is called synchronously (resolution, decisions, the
 * access-key lookup, the GAAD export) is imported as before. A new asynchronous family goes in
 * account-operations.ts and is imported here with `import type`.
 */
import { AccountState, type AccountOptions, type OperationOptions } from "../iam/account-state.ts";
import type { AuthorizationResult } from "../engine/engine.ts";
import { audited, auditedDecision, auditStats, flushAudit, type AuditStats } from "../iam/audit.ts";
import type * as users from "../iam/ops/users.ts";
import type * as groups from "../iam/ops/groups.ts";
import type * as roles from "../iam/ops/roles.ts";
import type * as policies from "../iam/ops/policies.ts";
import type * as tags from "../iam/ops/tags.ts";
import type * as boundaries from "../iam/ops/boundaries.ts";
import type * as inline from "../iam/ops/inline-policies.ts";
import type * as attachments from "../iam/ops/attachments.ts";
import * as accessKeys from "../iam/ops/access-keys.ts";
import type * as mfa from "../iam/ops/mfa.ts";
import type * as loginProfiles from "../iam/ops/login-profiles.ts";
import type * as signIn from "../iam/ops/sign-in.ts";
import type * as passwordPolicy from "../iam/ops/password-policy.ts";
import type * as oidc from "../iam/ops/oidc-providers.ts";
import type * as saml from "../iam/ops/saml-providers.ts";
import type * as roleSessions from "../iam/ops/role-sessions.ts";
import type { EmptyResponse } from "../iam/ops/shared.ts";
import * as resolve from "../iam/resolve/authorize.ts";
import type { AuthorizePrincipalInput, CallerCredentials, ResolveCredentialsOptions, ResolvedCredentials, ResolvedPrincipal } from "../iam/resolve/types.ts";
import type * as simulate from "../iam/simulate/simulate.ts";
import type { SimulateCustomPolicyInput, SimulateOptions, SimulatePolicyResponse, SimulatePrincipalPolicyInput } from "../iam/simulate/shapes.ts";
import { loadAwsManagedPolicies } from "../iam/aws-managed.ts";
import * as gaad from "../iam/gaad/export.ts";
import type * as gaadOperation from "../iam/gaad/operation.ts";
import type { AuthorizationDetails, ExportOptions } from "../iam/gaad/shapes.ts";
import type * as assumeRole from "./assume-role.ts";
import type * as webIdentity from "./web-identity.ts";
import type * as samlFederation from "./assume-role-with-saml.ts";
import type * as sessionToken from "./session-token.ts";
import type * as callerIdentity from "./caller-identity.ts";
import type { StsOptions } from "./caller-identity.ts";
import type * as credentials from "./resolve-credentials.ts";
import { loadOperations, run, withOperations } from "./operations-loader.ts";

export class Account extends AccountState {
  /**
   * Creates an empty account.
   * @example
   * const account = await Account.create({ accountId: "111122223333", engine });
   */
  static async create(options: AccountOptions): Promise<Account> {
    await Promise.all([loadAwsManagedPolicies(), loadOperations()]);
    return new Account(options);
  }

  /**
   * Builds an account from the JSON of `aws iam get-account-authorization-details` (GAAD).
   * Policy documents may be objects, JSON strings or URL-encoded strings. A broken policy is
   * reported by name and position (IamError `MalformedPolicyDocument` with diagnostics).
   * @example
   * const account = await Account.fromAuthorizationDetails(gaadText, { accountId: "111122223333", engine });
   */
  static async fromAuthorizationDetails(details: unknown, options: AccountOptions): Promise<Account> {
    const [, operations] = await Promise.all([loadAwsManagedPolicies(), loadOperations()]);
    return operations.importAuthorizationDetails(details, options, (o) => new Account(o));
  }

  // ----------------------------------------------------------------------------------------------
  // Users

  /** CreateUser: a new IAM user. */
  createUser(input: users.CreateUserRequest, options?: OperationOptions): Promise<users.CreateUserResponse> {
    return run(this, "createUser", (o) => o.users.createUser, input, options);
  }

  /** GetUser: one user, with its tags and permissions boundary. */
  getUser(input: users.GetUserRequest, options?: OperationOptions): Promise<users.GetUserResponse> {
    return run(this, "getUser", (o) => o.users.getUser, input, options);
  }

  /** ListUsers: users whose path starts with PathPrefix (without tags or boundary, as IAM). */
  listUsers(input?: users.ListUsersRequest, options?: OperationOptions): Promise<users.ListUsersResponse> {
    return run(this, "listUsers", (o) => o.users.listUsers, input, options);
  }

  /** UpdateUser: new path and/or new name (ARN changes; group memberships follow). */
  updateUser(input: users.UpdateUserRequest, options?: OperationOptions): Promise<EmptyResponse> {
    return run(this, "updateUser", (o) => o.users.updateUser, input, options);
  }

  /** DeleteUser: only once groups, policies, keys, MFA devices and login profile are gone. */
  deleteUser(input: users.DeleteUserRequest, options?: OperationOptions): Promise<EmptyResponse> {
    return run(this, "deleteUser", (o) => o.users.deleteUser, input, options);
  }

  /** TagUser: adds tags, replacing values of keys already there (at most 50 tags). */
  tagUser(input: tags.TagUserRequest, options?: OperationOptions): Promise<EmptyResponse> {
    return run(this, "tagUser", (o) => o.tags.tagUser, input, options);
  }

  /** UntagUser: removes tags by key (keys compare ignoring case). */
  untagUser(input: tags.UntagUserRequest, options?: OperationOptions): Promise<EmptyResponse> {
    return run(this, "untagUser", (o) => o.tags.untagUser, input, options);
  }

  /** ListUserTags: the user's tags, by key, paginated. */
  listUserTags(input: tags.ListUserTagsRequest, options?: OperationOptions): Promise<tags.ListTagsResponse> {
    return run(this, "listUserTags", (o) => o.tags.listUserTags, input, options);
  }

  /** PutUserPermissionsBoundary: sets the user's permissions boundary (an existing managed policy). */
  putUserPermissionsBoundary(input: boundaries.PutUserPermissionsBoundaryRequest, options?: OperationOptions): Promise<EmptyResponse> {
    return run(this, "putUserPermissionsBoundary", (o) => o.boundaries.putUserPermissionsBoundary, input, options);
  }

  /** DeleteUserPermissionsBoundary: removes the user's permissions boundary. */
  deleteUserPermissionsBoundary(input: boundaries.DeleteUserPermissionsBoundaryRequest, options?: OperationOptions): Promise<EmptyResponse> {
    return run(this, "deleteUserPermissionsBoundary", (o) => o.boundaries.deleteUserPermissionsBoundary, input, options);
  }


  // ----------------------------------------------------------------------------------------------
  // Groups and membership

  /** CreateGroup: a new IAM group. */
  createGroup(input: groups.CreateGroupRequest, options?: OperationOptions): Promise<groups.CreateGroupResponse> {
    return run(this, "createGroup", (o) => o.groups.createGroup, input, options);
  }

  /** GetGroup: the group and its users (paginated over the users). */
  getGroup(input: groups.GetGroupRequest, options?: OperationOptions): Promise<groups.GetGroupResponse> {
    return run(this, "getGroup", (o) => o.groups.getGroup, input, options);
  }

  /** ListGroups: groups whose path starts with PathPrefix. */
  listGroups(input?: groups.ListGroupsRequest, options?: OperationOptions): Promise<groups.ListGroupsResponse> {
    return run(this, "listGroups", (o) => o.groups.listGroups, input, options);
  }

  /** UpdateGroup: new path and/or new name; members' group lists follow the rename. */
  updateGroup(input: groups.UpdateGroupRequest, options?: OperationOptions): Promise<EmptyResponse> {
    return run(this, "updateGroup", (o) => o.groups.updateGroup, input, options);
  }

  /** DeleteGroup: only once it has no members and no policies. */
  deleteGroup(input: groups.DeleteGroupRequest, options?: OperationOptions): Promise<EmptyResponse> {
    return run(this, "deleteGroup", (o) => o.groups.deleteGroup, input, options);
  }

  /** AddUserToGroup: at most 10 groups per user; adding a member again changes nothing. */
  addUserToGroup(input: groups.AddUserToGroupRequest, options?: OperationOptions): Promise<EmptyResponse> {
    return run(this, "addUserToGroup", (o) => o.groups.addUserToGroup, input, options);
  }

  /** RemoveUserFromGroup: NoSuchEntity when the user is not a member. */
  removeUserFromGroup(input: groups.RemoveUserFromGroupRequest, options?: OperationOptions): Promise<EmptyResponse> {
    return run(this, "removeUserFromGroup", (o) => o.groups.removeUserFromGroup, input, options);
  }

  /** ListGroupsForUser: the groups the user is in. */
  listGroupsForUser(input: groups.ListGroupsForUserRequest, options?: OperationOptions): Promise<groups.ListGroupsResponse> {
    return run(this, "listGroupsForUser", (o) => o.groups.listGroupsForUser, input, options);
  }


  // ----------------------------------------------------------------------------------------------
  // Roles

  /** CreateRole: a role with its trust policy (validated as a `trust` policy). */
  createRole(input: roles.CreateRoleRequest, options?: OperationOptions): Promise<roles.CreateRoleResponse> {
    return run(this, "createRole", (o) => o.roles.createRole, input, options);
  }

  /** GetRole: one role, with its tags, permissions boundary and last use. */
  getRole(input: roles.GetRoleRequest, options?: OperationOptions): Promise<roles.GetRoleResponse> {
    return run(this, "getRole", (o) => o.roles.getRole, input, options);
  }

  /** ListRoles: without tags, boundary or last use, as IAM. */
  listRoles(input?: roles.ListRolesRequest, options?: OperationOptions): Promise<roles.ListRolesResponse> {
    return run(this, "listRoles", (o) => o.roles.listRoles, input, options);
  }

  /** UpdateRole: Description and/or MaxSessionDuration. */
  updateRole(input: roles.UpdateRoleRequest, options?: OperationOptions): Promise<EmptyResponse> {
    return run(this, "updateRole", (o) => o.roles.updateRole, input, options);
  }

  /** UpdateRoleDescription: sets the description and returns the role. */
  updateRoleDescription(input: roles.UpdateRoleDescriptionRequest, options?: OperationOptions): Promise<roles.GetRoleResponse> {
    return run(this, "updateRoleDescription", (o) => o.roles.updateRoleDescription, input, options);
  }

  /** UpdateAssumeRolePolicy: replaces the trust policy. */
  updateAssumeRolePolicy(input: roles.UpdateAssumeRolePolicyRequest, options?: OperationOptions): Promise<EmptyResponse> {
    return run(this, "updateAssumeRolePolicy", (o) => o.roles.updateAssumeRolePolicy, input, options);
  }

  /** DeleteRole: only once its managed and inline policies are gone. */
  deleteRole(input: roles.DeleteRoleRequest, options?: OperationOptions): Promise<EmptyResponse> {
    return run(this, "deleteRole", (o) => o.roles.deleteRole, input, options);
  }

  /** TagRole: adds tags, replacing values of keys already there (at most 50 tags). */
  tagRole(input: tags.TagRoleRequest, options?: OperationOptions): Promise<EmptyResponse> {
    return run(this, "tagRole", (o) => o.tags.tagRole, input, options);
  }

  /** UntagRole: removes tags by key (keys compare ignoring case). */
  untagRole(input: tags.UntagRoleRequest, options?: OperationOptions): Promise<EmptyResponse> {
    return run(this, "untagRole", (o) => o.tags.untagRole, input, options);
  }

  /** ListRoleTags: the role's tags, by key, paginated. */
  listRoleTags(input: tags.ListRoleTagsRequest, options?: OperationOptions): Promise<tags.ListTagsResponse> {
    return run(this, "listRoleTags", (o) => o.tags.listRoleTags, input, options);
  }

  /** PutRolePermissionsBoundary: sets the role's permissions boundary (an existing managed policy). */
  putRolePermissionsBoundary(input: boundaries.PutRolePermissionsBoundaryRequest, options?: OperationOptions): Promise<EmptyResponse> {
    return run(this, "putRolePermissionsBoundary", (o) => o.boundaries.putRolePermissionsBoundary, input, options);
  }

  /** DeleteRolePermissionsBoundary: removes the role's permissions boundary. */
  deleteRolePermissionsBoundary(input: boundaries.DeleteRolePermissionsBoundaryRequest, options?: OperationOptions): Promise<EmptyResponse> {
    return run(this, "deleteRolePermissionsBoundary", (o) => o.boundaries.deleteRolePermissionsBoundary, input, options);
  }


  // ----------------------------------------------------------------------------------------------
  // Managed policies and their versions

  /** CreatePolicy: a customer-managed policy with its document as version v1 (the default). */
  createPolicy(input: policies.CreatePolicyRequest, options?: OperationOptions): Promise<policies.CreatePolicyResponse> {
    return run(this, "createPolicy", (o) => o.policies.createPolicy, input, options);
  }

  /** GetPolicy: customer- or AWS-managed. */
  getPolicy(input: policies.GetPolicyRequest, options?: OperationOptions): Promise<policies.GetPolicyResponse> {
    return run(this, "getPolicy", (o) => o.policies.getPolicy, input, options);
  }

  /** ListPolicies: customer- and AWS-managed policies, filtered by Scope, OnlyAttached, PathPrefix and PolicyUsageFilter. */
  listPolicies(input?: policies.ListPoliciesRequest, options?: OperationOptions): Promise<policies.ListPoliciesResponse> {
    return run(this, "listPolicies", (o) => o.policies.listPolicies, input, options);
  }

  /** DeletePolicy: only when not attached, not a boundary, and with only the default version. */
  deletePolicy(input: policies.DeletePolicyRequest, options?: OperationOptions): Promise<EmptyResponse> {
    return run(this, "deletePolicy", (o) => o.policies.deletePolicy, input, options);
  }

  /** CreatePolicyVersion: at most 5 versions. */
  createPolicyVersion(input: policies.CreatePolicyVersionRequest, options?: OperationOptions): Promise<policies.CreatePolicyVersionResponse> {
    return run(this, "createPolicyVersion", (o) => o.policies.createPolicyVersion, input, options);
  }

  /** GetPolicyVersion: one version, with its document (URL-encoded, as IAM returns it). */
  getPolicyVersion(input: policies.GetPolicyVersionRequest, options?: OperationOptions): Promise<policies.GetPolicyVersionResponse> {
    return run(this, "getPolicyVersion", (o) => o.policies.getPolicyVersion, input, options);
  }

  /** ListPolicyVersions: newest first, without documents. */
  listPolicyVersions(input: policies.ListPolicyVersionsRequest, options?: OperationOptions): Promise<policies.ListPolicyVersionsResponse> {
    return run(this, "listPolicyVersions", (o) => o.policies.listPolicyVersions, input, options);
  }

  /** DeletePolicyVersion: not the default version. */
  deletePolicyVersion(input: policies.DeletePolicyVersionRequest, options?: OperationOptions): Promise<EmptyResponse> {
    return run(this, "deletePolicyVersion", (o) => o.policies.deletePolicyVersion, input, options);
  }

  /** SetDefaultPolicyVersion: the version that takes effect. */
  setDefaultPolicyVersion(input: policies.SetDefaultPolicyVersionRequest, options?: OperationOptions): Promise<EmptyResponse> {
    return run(this, "setDefaultPolicyVersion", (o) => o.policies.setDefaultPolicyVersion, input, options);
  }

  /** TagPolicy: adds tags to a customer-managed policy (AWS-managed ones are UnmodifiableEntity). */
  tagPolicy(input: tags.TagPolicyRequest, options?: OperationOptions): Promise<EmptyResponse> {
    return run(this, "tagPolicy", (o) => o.tags.tagPolicy, input, options);
  }

  /** UntagPolicy: removes tags by key from a customer-managed policy. */
  untagPolicy(input: tags.UntagPolicyRequest, options?: OperationOptions): Promise<EmptyResponse> {
    return run(this, "untagPolicy", (o) => o.tags.untagPolicy, input, options);
  }

  /** ListPolicyTags: the policy's tags, by key, paginated. */
  listPolicyTags(input: tags.ListPolicyTagsRequest, options?: OperationOptions): Promise<tags.ListTagsResponse> {
    return run(this, "listPolicyTags", (o) => o.tags.listPolicyTags, input, options);
  }


  // ----------------------------------------------------------------------------------------------
  // Inline policies

  /** PutUserPolicy: adds or replaces an inline policy (the user's inline policies: at most 2,048 characters without whitespace). */
  putUserPolicy(input: inline.PutUserPolicyRequest, options?: OperationOptions): Promise<EmptyResponse> {
    return run(this, "putUserPolicy", (o) => o.inline.putUserPolicy, input, options);
  }

  /** GetUserPolicy: an inline policy, its document URL-encoded as IAM returns it. */
  getUserPolicy(input: inline.GetUserPolicyRequest, options?: OperationOptions): Promise<inline.GetUserPolicyResponse> {
    return run(this, "getUserPolicy", (o) => o.inline.getUserPolicy, input, options);
  }

  /** DeleteUserPolicy: removes an inline policy. */
  deleteUserPolicy(input: inline.DeleteUserPolicyRequest, options?: OperationOptions): Promise<EmptyResponse> {
    return run(this, "deleteUserPolicy", (o) => o.inline.deleteUserPolicy, input, options);
  }

  /** ListUserPolicies: the names of the user's inline policies. */
  listUserPolicies(input: inline.ListUserPoliciesRequest, options?: OperationOptions): Promise<inline.ListPoliciesNamesResponse> {
    return run(this, "listUserPolicies", (o) => o.inline.listUserPolicies, input, options);
  }

  /** PutGroupPolicy: adds or replaces an inline policy (the group's inline policies: at most 5,120 characters without whitespace). */
  putGroupPolicy(input: inline.PutGroupPolicyRequest, options?: OperationOptions): Promise<EmptyResponse> {
    return run(this, "putGroupPolicy", (o) => o.inline.putGroupPolicy, input, options);
  }

  /** GetGroupPolicy: an inline policy, its document URL-encoded as IAM returns it. */
  getGroupPolicy(input: inline.GetGroupPolicyRequest, options?: OperationOptions): Promise<inline.GetGroupPolicyResponse> {
    return run(this, "getGroupPolicy", (o) => o.inline.getGroupPolicy, input, options);
  }

  /** DeleteGroupPolicy: removes an inline policy. */
  deleteGroupPolicy(input: inline.DeleteGroupPolicyRequest, options?: OperationOptions): Promise<EmptyResponse> {
    return run(this, "deleteGroupPolicy", (o) => o.inline.deleteGroupPolicy, input, options);
  }

  /** ListGroupPolicies: the names of the group's inline policies. */
  listGroupPolicies(input: inline.ListGroupPoliciesRequest, options?: OperationOptions): Promise<inline.ListPoliciesNamesResponse> {
    return run(this, "listGroupPolicies", (o) => o.inline.listGroupPolicies, input, options);
  }

  /** PutRolePolicy: adds or replaces an inline policy (the role's inline policies: at most 10,240 characters without whitespace). */
  putRolePolicy(input: inline.PutRolePolicyRequest, options?: OperationOptions): Promise<EmptyResponse> {
    return run(this, "putRolePolicy", (o) => o.inline.putRolePolicy, input, options);
  }

  /** GetRolePolicy: an inline policy, its document URL-encoded as IAM returns it. */
  getRolePolicy(input: inline.GetRolePolicyRequest, options?: OperationOptions): Promise<inline.GetRolePolicyResponse> {
    return run(this, "getRolePolicy", (o) => o.inline.getRolePolicy, input, options);
  }

  /** DeleteRolePolicy: removes an inline policy. */
  deleteRolePolicy(input: inline.DeleteRolePolicyRequest, options?: OperationOptions): Promise<EmptyResponse> {
    return run(this, "deleteRolePolicy", (o) => o.inline.deleteRolePolicy, input, options);
  }

  /** ListRolePolicies: the names of the role's inline policies. */
  listRolePolicies(input: inline.ListRolePoliciesRequest, options?: OperationOptions): Promise<inline.ListPoliciesNamesResponse> {
    return run(this, "listRolePolicies", (o) => o.inline.listRolePolicies, input, options);
  }


  // ----------------------------------------------------------------------------------------------
  // Attached managed policies

  /** AttachUserPolicy: at most 10 managed policies per user; attaching again changes nothing. */
  attachUserPolicy(input: attachments.AttachUserPolicyRequest, options?: OperationOptions): Promise<EmptyResponse> {
    return run(this, "attachUserPolicy", (o) => o.attachments.attachUserPolicy, input, options);
  }

  /** DetachUserPolicy: NoSuchEntity when the policy is not attached. */
  detachUserPolicy(input: attachments.DetachUserPolicyRequest, options?: OperationOptions): Promise<EmptyResponse> {
    return run(this, "detachUserPolicy", (o) => o.attachments.detachUserPolicy, input, options);
  }

  /** ListAttachedUserPolicies: the user's managed policies whose path starts with PathPrefix. */
  listAttachedUserPolicies(input: attachments.ListAttachedUserPoliciesRequest, options?: OperationOptions): Promise<attachments.ListAttachedPoliciesResponse> {
    return run(this, "listAttachedUserPolicies", (o) => o.attachments.listAttachedUserPolicies, input, options);
  }

  /** AttachGroupPolicy: at most 10 managed policies per group; attaching again changes nothing. */
  attachGroupPolicy(input: attachments.AttachGroupPolicyRequest, options?: OperationOptions): Promise<EmptyResponse> {
    return run(this, "attachGroupPolicy", (o) => o.attachments.attachGroupPolicy, input, options);
  }

  /** DetachGroupPolicy: NoSuchEntity when the policy is not attached. */
  detachGroupPolicy(input: attachments.DetachGroupPolicyRequest, options?: OperationOptions): Promise<EmptyResponse> {
    return run(this, "detachGroupPolicy", (o) => o.attachments.detachGroupPolicy, input, options);
  }

  /** ListAttachedGroupPolicies: the group's managed policies whose path starts with PathPrefix. */
  listAttachedGroupPolicies(input: attachments.ListAttachedGroupPoliciesRequest, options?: OperationOptions): Promise<attachments.ListAttachedPoliciesResponse> {
    return run(this, "listAttachedGroupPolicies", (o) => o.attachments.listAttachedGroupPolicies, input, options);
  }

  /** AttachRolePolicy: at most 10 managed policies per role; attaching again changes nothing. */
  attachRolePolicy(input: attachments.AttachRolePolicyRequest, options?: OperationOptions): Promise<EmptyResponse> {
    return run(this, "attachRolePolicy", (o) => o.attachments.attachRolePolicy, input, options);
  }

  /** DetachRolePolicy: NoSuchEntity when the policy is not attached. */
  detachRolePolicy(input: attachments.DetachRolePolicyRequest, options?: OperationOptions): Promise<EmptyResponse> {
    return run(this, "detachRolePolicy", (o) => o.attachments.detachRolePolicy, input, options);
  }

  /** ListAttachedRolePolicies: the role's managed policies whose path starts with PathPrefix. */
  listAttachedRolePolicies(input: attachments.ListAttachedRolePoliciesRequest, options?: OperationOptions): Promise<attachments.ListAttachedPoliciesResponse> {
    return run(this, "listAttachedRolePolicies", (o) => o.attachments.listAttachedRolePolicies, input, options);
  }

  /** ListEntitiesForPolicy: the users, groups and roles a managed policy is attached to (or bounds). */
  listEntitiesForPolicy(input: attachments.ListEntitiesForPolicyRequest, options?: OperationOptions): Promise<attachments.ListEntitiesForPolicyResponse> {
    return run(this, "listEntitiesForPolicy", (o) => o.attachments.listEntitiesForPolicy, input, options);
  }


  // ----------------------------------------------------------------------------------------------
  // Access keys

  /**
   * Creates an access key (status Active) for `UserName`, or for the caller's own user when
   * it is omitted; with the root user as caller and no UserName, a root access key. The
   * secret is in this answer only.
   * @example
   * const { AccessKey } = await account.createAccessKey({ UserName: "alice" });
   * // AccessKey.AccessKeyId "AKIA...", AccessKey.SecretAccessKey (40 characters): save it now
   */
  createAccessKey(input?: accessKeys.CreateAccessKeyRequest, options?: OperationOptions): Promise<accessKeys.CreateAccessKeyResponse> {
    return audited(this, "createAccessKey", accessKeys.createAccessKey, input, options);
  }

  /** Sets an access key Active or Inactive. An inactive key fails request signing. */
  updateAccessKey(input: accessKeys.UpdateAccessKeyRequest, options?: OperationOptions): Promise<Record<string, never>> {
    return audited(this, "updateAccessKey", accessKeys.updateAccessKey, input, options);
  }

  /** DeleteAccessKey: UserName defaults to the calling user (or root for the root caller). */
  deleteAccessKey(input: accessKeys.DeleteAccessKeyRequest, options?: OperationOptions): Promise<Record<string, never>> {
    return audited(this, "deleteAccessKey", accessKeys.deleteAccessKey, input, options);
  }

  /** The user's keys, without secrets, in creation order. */
  listAccessKeys(input?: accessKeys.ListAccessKeysRequest, options?: OperationOptions): Promise<accessKeys.ListAccessKeysResponse> {
    return audited(this, "listAccessKeys", accessKeys.listAccessKeys, input, options);
  }

  /** When, where and for which service a key was last used (`N/A` before first use). */
  getAccessKeyLastUsed(input: accessKeys.GetAccessKeyLastUsedRequest, options?: OperationOptions): Promise<accessKeys.GetAccessKeyLastUsedResponse> {
    return audited(this, "getAccessKeyLastUsed", accessKeys.getAccessKeyLastUsed, input, options);
  }

  /**
   * @internal For request signing and STS: the key (with its secret) and its owner, or
   * undefined. Callers must still check `key.Status === "Active"`.
   */
  findAccessKey(accessKeyId: string): accessKeys.AccessKeyOwner | undefined {
    return accessKeys.findAccessKey(this, accessKeyId);
  }

  /**
   * @internal Records a use of a key (STS and the edge call it after a request signed with
   * it is accepted), as GetAccessKeyLastUsed reports it. Returns false for an unknown key.
   * Not an entity change: it does not bump `version`.
   */
  recordAccessKeyUse(accessKeyId: string, serviceName: string, region: string): boolean {
    return accessKeys.recordAccessKeyUse(this, accessKeyId, serviceName, region);
  }


  // ----------------------------------------------------------------------------------------------
  // Virtual MFA devices

  /**
   * Creates an unassigned virtual MFA device; its seed is in this answer only.
   * @example
   * const { VirtualMFADevice } = await account.createVirtualMFADevice({ VirtualMFADeviceName: "alice-phone" });
   * // VirtualMFADevice.SerialNumber "arn:aws:iam::111122223333:mfa/alice-phone"
   */
  createVirtualMFADevice(input: mfa.CreateVirtualMFADeviceRequest, options?: OperationOptions): Promise<mfa.CreateVirtualMFADeviceResponse> {
    return run(this, "createVirtualMFADevice", (o) => o.mfa.createVirtualMFADevice, input, options);
  }

  /** Assigns a device to a user after two consecutive codes from it (InvalidAuthenticationCode otherwise). */
  enableMFADevice(input: mfa.EnableMFADeviceRequest, options?: OperationOptions): Promise<Record<string, never>> {
    return run(this, "enableMFADevice", (o) => o.mfa.enableMFADevice, input, options);
  }

  /** Unassigns a device from the user (UserName defaults to the calling user); the device remains, unassigned. */
  deactivateMFADevice(input: mfa.DeactivateMFADeviceRequest, options?: OperationOptions): Promise<Record<string, never>> {
    return run(this, "deactivateMFADevice", (o) => o.mfa.deactivateMFADevice, input, options);
  }

  /** Deletes an unassigned virtual device (DeleteConflict while it is enabled). */
  deleteVirtualMFADevice(input: mfa.DeleteVirtualMFADeviceRequest, options?: OperationOptions): Promise<Record<string, never>> {
    return run(this, "deleteVirtualMFADevice", (o) => o.mfa.deleteVirtualMFADevice, input, options);
  }

  /** The MFA devices enabled for the user (UserName defaults to the calling user). */
  listMFADevices(input?: mfa.ListMFADevicesRequest, options?: OperationOptions): Promise<mfa.ListMFADevicesResponse> {
    return run(this, "listMFADevices", (o) => o.mfa.listMFADevices, input, options);
  }

  /** The account's virtual devices (never their seeds), filtered by AssignmentStatus (default Any). */
  listVirtualMFADevices(input?: mfa.ListVirtualMFADevicesRequest, options?: OperationOptions): Promise<mfa.ListVirtualMFADevicesResponse> {
    return run(this, "listVirtualMFADevices", (o) => o.mfa.listVirtualMFADevices, input, options);
  }

  /**
   * @internal For STS (`SerialNumber` + `TokenCode`): true when `code` is the current TOTP
   * code of an enabled device (± one 30-second step) that has not been accepted before, and,
   * when `userName` is given, the device is that user's. An accepted code is spent. Failed codes
   * are limited per device and per user: while locked out, every code answers false unchecked
   * (js/iam/attempt-limits.ts).
   */
  verifyMfaCode(serialNumber: string, code: string, userName?: string): Promise<boolean> {
    return withOperations((o) => o.mfa.verifyMfaCode(this, serialNumber, code, userName));
  }


  // ----------------------------------------------------------------------------------------------
  // Console passwords

  /**
   * Gives a user a console password.
   * @example
   * await account.createLoginProfile({ UserName: "alice", Password: "Correct-Horse-9", PasswordResetRequired: true });
   */
  createLoginProfile(input: loginProfiles.CreateLoginProfileRequest, options?: OperationOptions): Promise<loginProfiles.LoginProfileResponse> {
    return run(this, "createLoginProfile", (o) => o.loginProfiles.createLoginProfile, input, options);
  }

  /** An administrator's reset of a user's password and/or PasswordResetRequired. */
  updateLoginProfile(input: loginProfiles.UpdateLoginProfileRequest, options?: OperationOptions): Promise<Record<string, never>> {
    return run(this, "updateLoginProfile", (o) => o.loginProfiles.updateLoginProfile, input, options);
  }

  /** The login profile's dates and flag (never the password). */
  getLoginProfile(input?: loginProfiles.LoginProfileRequest, options?: OperationOptions): Promise<loginProfiles.LoginProfileResponse> {
    return run(this, "getLoginProfile", (o) => o.loginProfiles.getLoginProfile, input, options);
  }

  /** DeleteLoginProfile: removes the user's console password. */
  deleteLoginProfile(input?: loginProfiles.LoginProfileRequest, options?: OperationOptions): Promise<Record<string, never>> {
    return run(this, "deleteLoginProfile", (o) => o.loginProfiles.deleteLoginProfile, input, options);
  }

  /** The calling user (options.caller) changes its own password; OldPassword must match. */
  changePassword(input: loginProfiles.ChangePasswordRequest, options?: OperationOptions): Promise<Record<string, never>> {
    return run(this, "changePassword", (o) => o.loginProfiles.changePassword, input, options);
  }

  /**
   * @internal Console sign-in: checks a user's password and reports expiry. A valid password
   * of a user that is not locked out records PasswordLastUsed (not an entity change: no
   * `version` bump). Unknown users cost the same work; after repeated failures the answer is
   * `throttled` with `retryAfter`, unchecked (js/iam/ops/sign-in.ts).
   */
  verifyPassword(userName: string, password: string): Promise<signIn.PasswordVerification> {
    return withOperations((o) => o.signIn.verifyPassword(this, userName, password));
  }


  // ----------------------------------------------------------------------------------------------
  // The account password policy

  /**
   * Sets the account password policy; omitted fields take their defaults.
   * @example
   * await account.updateAccountPasswordPolicy({ MinimumPasswordLength: 14, RequireSymbols: true, MaxPasswordAge: 90, PasswordReusePrevention: 5 });
   */
  updateAccountPasswordPolicy(input?: passwordPolicy.UpdateAccountPasswordPolicyInput, options?: OperationOptions): Promise<Record<string, never>> {
    return run(this, "updateAccountPasswordPolicy", (o) => o.passwordPolicy.updateAccountPasswordPolicy, input, options);
  }

  /** The policy, with `ExpirePasswords` true when MaxPasswordAge is set; NoSuchEntity when there is none. */
  getAccountPasswordPolicy(input?: Record<string, never>, options?: OperationOptions): Promise<passwordPolicy.GetAccountPasswordPolicyResponse> {
    return run(this, "getAccountPasswordPolicy", (o) => o.passwordPolicy.getAccountPasswordPolicy, input, options);
  }

  /** DeleteAccountPasswordPolicy: back to AWS's default policy. */
  deleteAccountPasswordPolicy(input?: Record<string, never>, options?: OperationOptions): Promise<Record<string, never>> {
    return run(this, "deleteAccountPasswordPolicy", (o) => o.passwordPolicy.deleteAccountPasswordPolicy, input, options);
  }


  // ----------------------------------------------------------------------------------------------
  // OIDC identity providers

  /** CreateOpenIDConnectProvider: registers an OIDC issuer, its audiences (client ids) and thumbprints. */
  createOpenIDConnectProvider(input: oidc.CreateOpenIDConnectProviderRequest, options?: OperationOptions): Promise<oidc.CreateOpenIDConnectProviderResponse> {
    return run(this, "createOpenIDConnectProvider", (o) => o.oidc.createOpenIDConnectProvider, input, options);
  }

  /** GetOpenIDConnectProvider: the URL (without `https://`), client ids, thumbprints and tags. */
  getOpenIDConnectProvider(input: oidc.OpenIDConnectProviderRequest, options?: OperationOptions): Promise<oidc.GetOpenIDConnectProviderResponse> {
    return run(this, "getOpenIDConnectProvider", (o) => o.oidc.getOpenIDConnectProvider, input, options);
  }

  /** ListOpenIDConnectProviders: the providers' ARNs. */
  listOpenIDConnectProviders(input?: Record<string, never>, options?: OperationOptions): Promise<oidc.ListOpenIDConnectProvidersResponse> {
    return run(this, "listOpenIDConnectProviders", (o) => o.oidc.listOpenIDConnectProviders, input, options);
  }

  /** DeleteOpenIDConnectProvider: idempotent (an unknown provider is not an error). */
  deleteOpenIDConnectProvider(input: oidc.OpenIDConnectProviderRequest, options?: OperationOptions): Promise<EmptyResponse> {
    return run(this, "deleteOpenIDConnectProvider", (o) => o.oidc.deleteOpenIDConnectProvider, input, options);
  }

  /** AddClientIDToOpenIDConnectProvider: adding a present id changes nothing. */
  addClientIDToOpenIDConnectProvider(input: oidc.ClientIDRequest, options?: OperationOptions): Promise<EmptyResponse> {
    return run(this, "addClientIDToOpenIDConnectProvider", (o) => o.oidc.addClientIDToOpenIDConnectProvider, input, options);
  }

  /** RemoveClientIDFromOpenIDConnectProvider: removing an absent id changes nothing. */
  removeClientIDFromOpenIDConnectProvider(input: oidc.ClientIDRequest, options?: OperationOptions): Promise<EmptyResponse> {
    return run(this, "removeClientIDFromOpenIDConnectProvider", (o) => o.oidc.removeClientIDFromOpenIDConnectProvider, input, options);
  }

  /** UpdateOpenIDConnectProviderThumbprint: replaces the thumbprint list (1 to 5 SHA-1 fingerprints). */
  updateOpenIDConnectProviderThumbprint(input: oidc.UpdateOpenIDConnectProviderThumbprintRequest, options?: OperationOptions): Promise<EmptyResponse> {
    return run(this, "updateOpenIDConnectProviderThumbprint", (o) => o.oidc.updateOpenIDConnectProviderThumbprint, input, options);
  }

  /** TagOpenIDConnectProvider: adds tags, replacing values of keys already there (at most 50 tags). */
  tagOpenIDConnectProvider(input: tags.TagOpenIDConnectProviderRequest, options?: OperationOptions): Promise<EmptyResponse> {
    return run(this, "tagOpenIDConnectProvider", (o) => o.tags.tagOpenIDConnectProvider, input, options);
  }

  /** UntagOpenIDConnectProvider: removes tags by key (keys compare ignoring case). */
  untagOpenIDConnectProvider(input: tags.UntagOpenIDConnectProviderRequest, options?: OperationOptions): Promise<EmptyResponse> {
    return run(this, "untagOpenIDConnectProvider", (o) => o.tags.untagOpenIDConnectProvider, input, options);
  }

  /** ListOpenIDConnectProviderTags: the provider's tags, by key, paginated. */
  listOpenIDConnectProviderTags(input: tags.ListOpenIDConnectProviderTagsRequest, options?: OperationOptions): Promise<tags.ListTagsResponse> {
    return run(this, "listOpenIDConnectProviderTags", (o) => o.tags.listOpenIDConnectProviderTags, input, options);
  }

  /**
   * iam-edge extension: stores the provider's signing keys (public JWKs), which
   * AssumeRoleWithWebIdentity verifies tokens with. Replaces the previous set. The model never
   * fetches keys: the caller (or the edge) reads the provider's `jwks_uri` and passes them here.
   * Authorized as `iam:UpdateOpenIDConnectProviderThumbprint` (the IAM action that controls
   * which keys a provider is trusted with). InvalidInput for a malformed or private key set.
   */
  setOpenIDConnectProviderKeys(input: oidc.SetOpenIDConnectProviderKeysRequest, options?: OperationOptions): Promise<EmptyResponse> {
    return run(this, "setOpenIDConnectProviderKeys", (o) => o.oidc.setOpenIDConnectProviderKeys, input, options);
  }

  /** iam-edge extension: the stored JWKS (public keys only), if any. */
  getOpenIDConnectProviderKeys(input: oidc.OpenIDConnectProviderRequest, options?: OperationOptions): Promise<oidc.GetOpenIDConnectProviderKeysResponse> {
    return run(this, "getOpenIDConnectProviderKeys", (o) => o.oidc.getOpenIDConnectProviderKeys, input, options);
  }

  // ----------------------------------------------------------------------------------------------
  // SAML identity providers

  /** CreateSAMLProvider: registers a SAML 2.0 IdP from its metadata XML (its issuer and signing certificates). */
  createSAMLProvider(input: saml.CreateSAMLProviderRequest, options?: OperationOptions): Promise<saml.CreateSAMLProviderResponse> {
    return run(this, "createSAMLProvider", (o) => o.saml.createSAMLProvider, input, options);
  }

  /** GetSAMLProvider: the metadata document, its UUID, creation date, validUntil and tags. */
  getSAMLProvider(input: saml.SAMLProviderRequest, options?: OperationOptions): Promise<saml.GetSAMLProviderResponse> {
    return run(this, "getSAMLProvider", (o) => o.saml.getSAMLProvider, input, options);
  }

  /** UpdateSAMLProvider: replaces the metadata document (new certificates, a new issuer). */
  updateSAMLProvider(input: saml.UpdateSAMLProviderRequest, options?: OperationOptions): Promise<saml.UpdateSAMLProviderResponse> {
    return run(this, "updateSAMLProvider", (o) => o.saml.updateSAMLProvider, input, options);
  }

  /** DeleteSAMLProvider: NoSuchEntity for an unknown provider. */
  deleteSAMLProvider(input: saml.SAMLProviderRequest, options?: OperationOptions): Promise<EmptyResponse> {
    return run(this, "deleteSAMLProvider", (o) => o.saml.deleteSAMLProvider, input, options);
  }

  /** ListSAMLProviders: each provider's ARN, creation date and validUntil. */
  listSAMLProviders(input?: Record<string, never>, options?: OperationOptions): Promise<saml.ListSAMLProvidersResponse> {
    return run(this, "listSAMLProviders", (o) => o.saml.listSAMLProviders, input, options);
  }

  /** TagSAMLProvider: adds tags, replacing values of keys already there (at most 50 tags). */
  tagSAMLProvider(input: tags.TagSAMLProviderRequest, options?: OperationOptions): Promise<EmptyResponse> {
    return run(this, "tagSAMLProvider", (o) => o.tags.tagSAMLProvider, input, options);
  }

  /** UntagSAMLProvider: removes tags by key (keys compare ignoring case). */
  untagSAMLProvider(input: tags.UntagSAMLProviderRequest, options?: OperationOptions): Promise<EmptyResponse> {
    return run(this, "untagSAMLProvider", (o) => o.tags.untagSAMLProvider, input, options);
  }

  /** ListSAMLProviderTags: the provider's tags, by key, paginated. */
  listSAMLProviderTags(input: tags.ListSAMLProviderTagsRequest, options?: OperationOptions): Promise<tags.ListTagsResponse> {
    return run(this, "listSAMLProviderTags", (o) => o.tags.listSAMLProviderTags, input, options);
  }


  // ----------------------------------------------------------------------------------------------
  // Role sessions

  /**
   * Revokes the role's active sessions ("Revoking IAM role temporary security credentials"):
   * sessions of the role issued before `before` (default: now) are refused with AccessDenied
   * when used. AWS does it with an inline deny on `aws:TokenIssueTime`; this model keeps a
   * per-role cut-off in the store. A later cut-off replaces an earlier one. With
   * `options.caller`, authorized as `iam:PutRolePolicy` on the role (what AWS requires).
   * @throws IamError NoSuchEntity for an unknown role
   */
  revokeRoleSessions(roleName: string, before?: Date, options?: OperationOptions): Promise<roleSessions.RevokeRoleSessionsResponse> {
    return run(this, "revokeRoleSessions", (o) => o.roleSessions.revokeRoleSessions, roleName, before, options);
  }


  // ----------------------------------------------------------------------------------------------
  // Policy simulation

  /**
   * SimulatePrincipalPolicy: the policies of a user (with its groups'), group or role, plus
   * PolicyInputList, against ActionNames x ResourceArns.
   * @example
   * const { EvaluationResults } = await account.simulatePrincipalPolicy({
   *   PolicySourceArn: "arn:aws:iam::111122223333:user/alice", ActionNames: ["s3:GetObject"],
   *   ResourceArns: ["arn:aws:s3:::reports/q1.csv"],
   * });
   */
  simulatePrincipalPolicy(input: SimulatePrincipalPolicyInput, options?: SimulateOptions): Promise<SimulatePolicyResponse> {
    return run(this, "simulatePrincipalPolicy", (o) => o.simulate.simulatePrincipalPolicy, input, options);
  }

  /**
   * SimulateCustomPolicy: only the policies given in the request.
   * @example
   * await account.simulateCustomPolicy({ PolicyInputList: [doc], ActionNames: ["s3:GetObject"] });
   */
  simulateCustomPolicy(input: SimulateCustomPolicyInput, options?: SimulateOptions): Promise<SimulatePolicyResponse> {
    return run(this, "simulateCustomPolicy", (o) => o.simulate.simulateCustomPolicy, input, options);
  }


  // ----------------------------------------------------------------------------------------------
  // GAAD export

  /**
   * The account as the JSON of `aws iam get-account-authorization-details` (no secrets).
   * @example
   * const gaad = account.toAuthorizationDetails();
   * const copy = await Account.fromAuthorizationDetails(gaad, { accountId, engine });
   */
  toAuthorizationDetails(given?: ExportOptions | null): AuthorizationDetails {
    return audited(this, "toAuthorizationDetails", gaad.toAuthorizationDetails, given);
  }

  /**
   * GetAccountAuthorizationDetails as the IAM API serves it: authorized with `options.caller`
   * (`iam:GetAccountAuthorizationDetails` on `*`), `Filter`, `MaxItems` and `Marker` paging,
   * documents URL-encoded. `toAuthorizationDetails` is the whole account at once, for files.
   */
  getAccountAuthorizationDetails(input?: gaadOperation.GetAccountAuthorizationDetailsRequest, options?: OperationOptions): Promise<gaadOperation.GetAccountAuthorizationDetailsResponse> {
    return run(this, "getAccountAuthorizationDetails", (o) => o.gaadOperation.getAccountAuthorizationDetails, input, options);
  }

  // ----------------------------------------------------------------------------------------------
  // Principals and decisions

  /**
   * Resolves a principal of this account into the engine's inputs: a user ARN, a role ARN (a
   * session of that role), an assumed-role session ARN (`arn:aws:sts::A:assumed-role/ROLE/SESSION`)
   * or the root user (`arn:aws:iam::A:root`). Cached until the account changes.
   * @throws IamError `NoSuchEntity` for an unknown principal, `InvalidInput` for a malformed ARN
   * @example
   * const { identity, boundary, context } = account.resolvePrincipal("arn:aws:iam::111122223333:user/alice");
   */
  resolvePrincipal(arn: string): ResolvedPrincipal {
    return resolve.resolvePrincipal(this, arn);
  }

  /**
   * Resolves the principal and decides one request with the engine. With an audit sink, the
   * decision is recorded (the service's event, e.g. s3 GetObject).
   * @example
   * account.authorizePrincipal(aliceArn, { action: "s3:GetObject", resource: "arn:aws:s3:::reports/q1.csv" }).decision
   */
  authorizePrincipal(arn: string, input: AuthorizePrincipalInput): AuthorizationResult {
    return auditedDecision(this, arn, input, () => resolve.authorizePrincipal(this, arn, input));
  }

  /**
   * Resolves request credentials to the principal and its session.
   * @throws IamError InvalidClientTokenId (unknown, Inactive, malformed or foreign), ExpiredToken,
   * AccessDenied (revoked session, or its role deleted)
   * @example
   * const { principal, session } = await account.resolveCredentials({ accessKeyId, sessionToken });
   */
  resolveCredentials(given: CallerCredentials, options?: ResolveCredentialsOptions): Promise<ResolvedCredentials> {
    return withOperations((o) => o.credentials.resolveCredentials(this, given, options));
  }

  // ----------------------------------------------------------------------------------------------
  // STS

  /**
   * AssumeRole: temporary credentials for a role of this account.
   * @example
   * const { Credentials, AssumedRoleUser } = await account.assumeRole(
   *   { RoleArn: "arn:aws:iam::111122223333:role/Admin", RoleSessionName: "alice" },
   *   { caller: "arn:aws:iam::111122223333:user/alice" });
   */
  assumeRole(input: assumeRole.AssumeRoleRequest, options?: StsOptions): Promise<assumeRole.AssumeRoleResponse> {
    return run(this, "assumeRole", (o) => o.assumeRole.assumeRole, input, options);
  }

  /**
   * AssumeRoleWithWebIdentity: exchanges an OIDC ID token from a registered provider for a role
   * session. No caller and no MFA. See js/sts/web-identity.ts and docs/iam.md "Web identity".
   * @throws IamError InvalidIdentityToken, ExpiredTokenException, IDPRejectedClaim,
   * IDPCommunicationError, AccessDenied, ValidationError, MalformedPolicyDocument, PackedPolicyTooLarge
   */
  assumeRoleWithWebIdentity(input: webIdentity.AssumeRoleWithWebIdentityRequest): Promise<webIdentity.AssumeRoleWithWebIdentityResponse> {
    return run(this, "assumeRoleWithWebIdentity", (o) => o.webIdentity.assumeRoleWithWebIdentity, input);
  }

  /**
   * AssumeRoleWithSAML: exchanges a signed SAML 2.0 response from a registered provider for a
   * role session. No caller. See js/sts/assume-role-with-saml.ts and docs/saml.md.
   * @throws IamError InvalidIdentityToken, ExpiredTokenException, AccessDenied, ValidationError,
   * MalformedPolicyDocument, PackedPolicyTooLarge
   */
  assumeRoleWithSAML(input: samlFederation.AssumeRoleWithSAMLRequest): Promise<samlFederation.AssumeRoleWithSAMLResponse> {
    return run(this, "assumeRoleWithSAML", (o) => o.samlFederation.assumeRoleWithSAML, input);
  }

  /**
   * GetSessionToken: temporary credentials for the calling user (or root), optionally with MFA.
   * @example
   * const { Credentials } = await account.getSessionToken({ SerialNumber, TokenCode }, { caller: aliceArn });
   */
  getSessionToken(input?: sessionToken.GetSessionTokenRequest, options?: StsOptions): Promise<sessionToken.GetSessionTokenResponse> {
    return run(this, "getSessionToken", (o) => o.sessionToken.getSessionToken, input, options);
  }

  /**
   * GetCallerIdentity: who the caller is. Always allowed; failing credentials still fail.
   * @example
   * await account.getCallerIdentity({ caller: { accessKeyId, sessionToken } }) // { UserId, Account, Arn }
   */
  getCallerIdentity(input?: { caller?: callerIdentity.StsCaller }, options?: callerIdentity.StsOptions): Promise<{ UserId: string; Account: string; Arn: string }> {
    return run(this, "getCallerIdentity", (o) => o.callerIdentity.getCallerIdentity, input, options);
  }

  // ----------------------------------------------------------------------------------------------
  // The audit

  /** Counts of audit records and sink failures (js/iam/audit.ts). */
  auditStats(): AuditStats {
    return auditStats(this);
  }

  /** Resolves when every async sink call made so far has settled (e.g. for a Worker's waitUntil). */
  flushAudit(): Promise<void> {
    return flushAudit(this);
  }
}
