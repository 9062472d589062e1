/**
 * @module iam/ops/policies
 * Managed policies and their versions: CreatePolicy, GetPolicy, ListPolicies, DeletePolicy,
 * CreatePolicyVersion, GetPolicyVersion, ListPolicyVersions, DeletePolicyVersion,
 * SetDefaultPolicyVersion, with the request and response fields of the IAM API Reference
 * (API_CreatePolicy.html, API_GetPolicy.html, API_ListPolicies.html, API_DeletePolicy.html,
 * API_CreatePolicyVersion.html, API_GetPolicyVersion.html, API_ListPolicyVersions.html,
 * API_DeletePolicyVersion.html, API_SetDefaultPolicyVersion.html; data types API_Policy.html,
 * API_PolicyVersion.html). Their tags are in tags.ts.
 *
 * Rules: at most 5 versions per policy, one default ("Versioning IAM policies"); each document
 * at most 6,144 characters without whitespace; the default version cannot be deleted, and a
 * policy with other versions, attached to entities or used as a permissions boundary cannot be
 * deleted (API_DeletePolicy). AWS-managed policies (aws-managed.ts) are listed, read and
 * attached, never modified. `AttachmentCount` and `PermissionsBoundaryUsageCount` are counted
 * from the entities on every read, so they cannot drift.
 */
import type { AccountState, OperationOptions } from "../account-state.ts";
import { IamError } from "../errors.ts";
import { checkName, checkPath, checkTags } from "../validate.ts";
import { awsManagedPolicies, isAwsManagedArn } from "../aws-managed.ts";
import { checkManagedSize, checkPolicyDocument, encodeDocument } from "../policy-document.ts";
import type { ManagedPolicyEntity, PolicyVersionEntity, Tag } from "../store.ts";
import { authorizedEntity, POLICIES } from "./families.ts";
import {
  checkMaxItems, checkPathPrefix, checkPolicyArn, checkUsageFilter, compare, paginate, randomUnique, requestObject, tagContext,
  type EmptyResponse, type PaginatedResponse, type PaginationRequest,
} from "./shared.ts";

/** "IAM and AWS STS quotas": versions of a managed policy. */
export const MAX_POLICY_VERSIONS = 5;

export interface Policy {
  PolicyName: string;
  PolicyId: string;
  Arn: string;
  Path: string;
  DefaultVersionId: string;
  AttachmentCount: number;
  PermissionsBoundaryUsageCount: number;
  IsAttachable: boolean;
  Description?: string;
  CreateDate: string;
  UpdateDate: string;
  Tags?: Tag[];
}

export interface PolicyVersion {
  /** URL-encoded JSON text, as the IAM API returns it (GetPolicyVersion only). */
  Document?: string;
  VersionId: string;
  IsDefaultVersion: boolean;
  CreateDate: string;
}

export interface CreatePolicyRequest {
  PolicyName: string;
  Path?: string;
  /** Object, JSON text or URL-encoded JSON text. */
  PolicyDocument: unknown;
  Description?: string;
  Tags?: Tag[];
}
export interface CreatePolicyResponse { Policy: Policy }
export interface GetPolicyRequest { PolicyArn: string }
export interface GetPolicyResponse { Policy: Policy }
export interface ListPoliciesRequest extends PaginationRequest {
  /** `All` (default), `AWS` (AWS-managed) or `Local` (customer-managed). */
  Scope?: "All" | "AWS" | "Local";
  /** Only policies attached to a user, group or role. */
  OnlyAttached?: boolean;
  PathPrefix?: string;
  /** Only policies used this way. */
  PolicyUsageFilter?: "PermissionsPolicy" | "PermissionsBoundary";
}
export interface ListPoliciesResponse extends PaginatedResponse { Policies: Policy[] }
export interface DeletePolicyRequest { PolicyArn: string }
export interface CreatePolicyVersionRequest { PolicyArn: string; PolicyDocument: unknown; SetAsDefault?: boolean }
export interface CreatePolicyVersionResponse { PolicyVersion: PolicyVersion }
export interface GetPolicyVersionRequest { PolicyArn: string; VersionId: string }
export interface GetPolicyVersionResponse { PolicyVersion: PolicyVersion }
export interface ListPolicyVersionsRequest extends PaginationRequest { PolicyArn: string }
export interface ListPolicyVersionsResponse extends PaginatedResponse { Versions: PolicyVersion[] }
export interface DeletePolicyVersionRequest { PolicyArn: string; VersionId: string }
export interface SetDefaultPolicyVersionRequest { PolicyArn: string; VersionId: string }


/** How many entities use a managed policy: as a permissions policy, and as a permissions boundary. */
export function policyUsage(account: AccountState, arn: string): { AttachmentCount: number; PermissionsBoundaryUsageCount: number } {
  let attached = 0, boundary = 0;
  const has = (list: { PolicyArn: string }[]) => list.some((p) => p.PolicyArn === arn);
  for (const u of account.store.users.values()) {
    if (has(u.AttachedManagedPolicies)) attached++;
    if (u.PermissionsBoundary?.PermissionsBoundaryArn === arn) boundary++;
  }
  for (const g of account.store.groups.values()) if (has(g.AttachedManagedPolicies)) attached++;
  for (const r of account.store.roles.values()) {
    if (has(r.AttachedManagedPolicies)) attached++;
    if (r.PermissionsBoundary?.PermissionsBoundaryArn === arn) boundary++;
  }
  return { AttachmentCount: attached, PermissionsBoundaryUsageCount: boundary };
}

/**
 * Service-role policies (path `/aws-service-role/`) are for service-linked roles only
 * ("Service-linked roles"): IAM answers PolicyNotAttachable.
 */
export function isAttachable(p: ManagedPolicyEntity): boolean {
  return !p.Path.startsWith("/aws-service-role/");
}

/** The Policy data type; `full` adds Description and Tags (GetPolicy, CreatePolicy), left out of ListPolicies. */
export function policyShape(account: AccountState, p: ManagedPolicyEntity, full: boolean): Policy {
  const out: Policy = {
    PolicyName: p.PolicyName, PolicyId: p.PolicyId, Arn: p.Arn, Path: p.Path, DefaultVersionId: p.DefaultVersionId,
    ...policyUsage(account, p.Arn), IsAttachable: isAttachable(p), CreateDate: p.CreateDate, UpdateDate: p.UpdateDate,
  };
  if (full && p.Description !== undefined) out.Description = p.Description;
  if (full && p.Tags.length > 0) out.Tags = p.Tags.map((t) => ({ ...t }));
  return out;
}

function versionShape(v: PolicyVersionEntity, withDocument: boolean): PolicyVersion {
  const out: PolicyVersion = { VersionId: v.VersionId, IsDefaultVersion: v.IsDefaultVersion, CreateDate: v.CreateDate };
  return withDocument ? { Document: encodeDocument(v.Document), ...out } : out;
}



/** VersionId: `v` and a number (API_PolicyVersion: `v[1-9][0-9]*(\.[A-Za-z0-9-]*)?`). */
function checkVersionId(value: unknown): string {
  if (typeof value !== "string" || !/^v[1-9][0-9]*(\.[A-Za-z0-9-]*)?$/.test(value)) {
    throw new IamError("ValidationError", `1 validation error detected: Value '${String(value)}' at 'versionId' failed to satisfy constraint: Member must satisfy regular expression pattern: v[1-9][0-9]*(\\.[A-Za-z0-9-]*)?`);
  }
  return value;
}

function requireVersion(policy: ManagedPolicyEntity, versionId: string): PolicyVersionEntity {
  const v = policy.PolicyVersionList.find((x) => x.VersionId === versionId);
  if (!v) throw new IamError("NoSuchEntity", `Policy ${policy.Arn} version ${versionId} does not exist or is not attachable.`);
  return v;
}

function checkPolicyDescription(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "string" || value.length > 1000) {
    throw new IamError("ValidationError", "1 validation error detected: Value at 'description' failed to satisfy constraint: Member must have length less than or equal to 1000");
  }
  return value;
}

export async function createPolicy(account: AccountState, input: CreatePolicyRequest, options?: OperationOptions): Promise<CreatePolicyResponse> {
  requestObject(input, "CreatePolicy");
  const name = checkName(input.PolicyName, "PolicyName", "policy");
  const path = checkPath(input.Path);
  const description = checkPolicyDescription(input.Description);
  const tags = checkTags(input.Tags);
  const arn = account.arn(`policy${path}${name}`);
  await account.authorizeOperation(options, "iam:CreatePolicy", arn, tagContext(input.Tags));
  // Policy names are unique in the account, ignoring case and path.
  const key = name.toLowerCase();
  for (const p of account.store.policies.values()) {
    if (!p.AwsManaged && p.PolicyName.toLowerCase() === key) {
      throw new IamError("EntityAlreadyExists", `A policy called ${name} already exists. Duplicate names are not allowed.`);
    }
  }
  const doc = checkPolicyDocument(account, input.PolicyDocument, { kind: "identity", field: "PolicyDocument" });
  checkManagedSize(doc);
  const now = account.timestamp();
  const policy: ManagedPolicyEntity = {
    PolicyName: name, PolicyId: randomUnique(account, "ANPA"), Arn: arn, Path: path, CreateDate: now, UpdateDate: now,
    DefaultVersionId: "v1", PolicyVersionList: [{ VersionId: "v1", Document: doc.text, IsDefaultVersion: true, CreateDate: now }],
    NextVersion: 2, Tags: tags, AwsManaged: false,
  };
  if (description !== undefined) policy.Description = description;
  account.store.policies.set(arn, policy);
  account.touch();
  return { Policy: policyShape(account, policy, true) };
}

export async function getPolicy(account: AccountState, input: GetPolicyRequest, options?: OperationOptions): Promise<GetPolicyResponse> {
  requestObject(input, "GetPolicy");
  const arn = checkPolicyArn(input.PolicyArn);
  return { Policy: policyShape(account, await authorizedEntity(account, POLICIES, arn, "GetPolicy", options), true) };
}

/** ListPolicies: customer- and AWS-managed policies by name, filtered as the request asks. */
export async function listPolicies(account: AccountState, input?: ListPoliciesRequest, options?: OperationOptions): Promise<ListPoliciesResponse> {
  const req = input ?? {};
  const { scope, usage, prefix } = checkListPolicies(req);
  // Decided on `*` (ListPolicies has no resource type in the Service Authorization Reference);
  // AWS's denial names the resource `policy path /` (with the request's PathPrefix).
  await account.authorizeOperation(options, "iam:ListPolicies", "*", undefined, `policy path ${prefix}`);
  const selected = policiesInScope(account, scope)
    .filter((p) => p.Path.startsWith(prefix))
    .map((p) => ({ p, shaped: policyShape(account, p, false) }))
    .filter(({ shaped }) => usedAsAsked(shaped, usage, req.OnlyAttached))
    .sort((a, b) => compare(a.p.PolicyName.toLowerCase(), b.p.PolicyName.toLowerCase()) || compare(a.p.Arn, b.p.Arn));
  const { page, ...rest } = paginate(selected, ({ p }) => `${p.PolicyName.toLowerCase()}\u0000${p.Arn}`, req);
  return { Policies: page.map(({ shaped }) => shaped), ...rest };
}

function checkListPolicies(req: ListPoliciesRequest): { scope: "All" | "AWS" | "Local"; usage: ListPoliciesRequest["PolicyUsageFilter"]; prefix: string } {
  requestObject(req, "ListPolicies");
  const scope = req.Scope ?? "All";
  if (scope !== "All" && scope !== "AWS" && scope !== "Local") {
    throw new IamError("ValidationError", `1 validation error detected: Value '${String(scope)}' at 'scope' failed to satisfy constraint: Member must satisfy enum value set: [All, AWS, Local]`);
  }
  const usage = checkUsageFilter(req.PolicyUsageFilter);
  if (req.OnlyAttached !== undefined && typeof req.OnlyAttached !== "boolean") {
    throw new IamError("ValidationError", "`OnlyAttached` must be a boolean");
  }
  const prefix = checkPathPrefix(req.PathPrefix);
  checkMaxItems(req.MaxItems);
  return { scope, usage, prefix };
}

/** Scope `AWS`: the library and AWS-managed policies imported from GAAD; `Local`: customer-managed; `All`: both. */
function policiesInScope(account: AccountState, scope: "All" | "AWS" | "Local"): ManagedPolicyEntity[] {
  const byArn = new Map<string, ManagedPolicyEntity>();
  if (scope !== "Local") for (const p of awsManagedPolicies(account.partition)) byArn.set(p.Arn, p);
  for (const p of account.store.policies.values()) {
    if (scope === "All" || (scope === "AWS") === (p.AwsManaged || isAwsManagedArn(p.Arn))) byArn.set(p.Arn, p);
  }
  return [...byArn.values()];
}

/** PolicyUsageFilter and OnlyAttached (which counts a boundary use as attached). */
function usedAsAsked(shaped: Policy, usage: ListPoliciesRequest["PolicyUsageFilter"], onlyAttached: boolean | undefined): boolean {
  const attached = shaped.AttachmentCount > 0, boundary = shaped.PermissionsBoundaryUsageCount > 0;
  if (usage === "PermissionsPolicy" && !attached) return false;
  if (usage === "PermissionsBoundary" && !boundary) return false;
  return !onlyAttached || attached || boundary;
}

export async function deletePolicy(account: AccountState, input: DeletePolicyRequest, options?: OperationOptions): Promise<EmptyResponse> {
  requestObject(input, "DeletePolicy");
  const arn = checkPolicyArn(input.PolicyArn);
  const policy = await authorizedEntity(account, POLICIES, arn, "DeletePolicy", options, { write: true });
  const usage = policyUsage(account, arn);
  if (usage.AttachmentCount > 0 || usage.PermissionsBoundaryUsageCount > 0) {
    throw new IamError("DeleteConflict", "Cannot delete a policy attached to entities.");
  }
  if (policy.PolicyVersionList.length > 1) {
    throw new IamError("DeleteConflict", "This policy has more than one version. Before you delete a policy, you must delete the policy's versions. The default version is deleted with the policy.");
  }
  account.store.policies.delete(arn);
  account.touch();
  return {};
}

export async function createPolicyVersion(account: AccountState, input: CreatePolicyVersionRequest, options?: OperationOptions): Promise<CreatePolicyVersionResponse> {
  requestObject(input, "CreatePolicyVersion");
  const arn = checkPolicyArn(input.PolicyArn);
  if (input.SetAsDefault !== undefined && typeof input.SetAsDefault !== "boolean") {
    throw new IamError("ValidationError", "`SetAsDefault` must be a boolean");
  }
  const policy = await authorizedEntity(account, POLICIES, arn, "CreatePolicyVersion", options, { write: true });
  const doc = checkPolicyDocument(account, input.PolicyDocument, { kind: "identity", field: "PolicyDocument" });
  checkManagedSize(doc);
  if (policy.PolicyVersionList.length >= MAX_POLICY_VERSIONS) {
    throw new IamError("LimitExceeded", `A managed policy can have up to ${MAX_POLICY_VERSIONS} versions. Before you create a new version, you must delete an existing version.`);
  }
  const now = account.timestamp();
  const version: PolicyVersionEntity = { VersionId: `v${policy.NextVersion}`, Document: doc.text, IsDefaultVersion: false, CreateDate: now };
  policy.NextVersion++;
  policy.PolicyVersionList.push(version);
  if (input.SetAsDefault) setDefault(policy, version, now);
  account.touch();
  return { PolicyVersion: versionShape(version, false) };
}

function setDefault(policy: ManagedPolicyEntity, version: PolicyVersionEntity, now: string): void {
  for (const v of policy.PolicyVersionList) v.IsDefaultVersion = v === version;
  policy.DefaultVersionId = version.VersionId;
  policy.UpdateDate = now;
}

export async function getPolicyVersion(account: AccountState, input: GetPolicyVersionRequest, options?: OperationOptions): Promise<GetPolicyVersionResponse> {
  requestObject(input, "GetPolicyVersion");
  const arn = checkPolicyArn(input.PolicyArn);
  const versionId = checkVersionId(input.VersionId);
  const policy = await authorizedEntity(account, POLICIES, arn, "GetPolicyVersion", options);
  return { PolicyVersion: versionShape(requireVersion(policy, versionId), true) };
}

export async function listPolicyVersions(account: AccountState, input: ListPolicyVersionsRequest, options?: OperationOptions): Promise<ListPolicyVersionsResponse> {
  requestObject(input, "ListPolicyVersions");
  const arn = checkPolicyArn(input.PolicyArn);
  checkMaxItems(input.MaxItems);
  const policy = await authorizedEntity(account, POLICIES, arn, "ListPolicyVersions", options);
  // Newest first, as IAM lists them.
  const num = (v: PolicyVersionEntity) => Number(/^v(\d+)/.exec(v.VersionId)?.[1] ?? 0);
  const versions = [...policy.PolicyVersionList].sort((a, b) => num(b) - num(a));
  const { page, ...rest } = paginate(versions, (v) => String(1e9 - num(v)).padStart(10, "0"), input);
  return { Versions: page.map((v) => versionShape(v, false)), ...rest };
}

export async function deletePolicyVersion(account: AccountState, input: DeletePolicyVersionRequest, options?: OperationOptions): Promise<EmptyResponse> {
  requestObject(input, "DeletePolicyVersion");
  const arn = checkPolicyArn(input.PolicyArn);
  const versionId = checkVersionId(input.VersionId);
  const policy = await authorizedEntity(account, POLICIES, arn, "DeletePolicyVersion", options, { write: true });
  const version = requireVersion(policy, versionId);
  if (version.IsDefaultVersion) throw new IamError("DeleteConflict", "Cannot delete the default version of a policy.");
  policy.PolicyVersionList = policy.PolicyVersionList.filter((v) => v !== version);
  account.touch();
  return {};
}

export async function setDefaultPolicyVersion(account: AccountState, input: SetDefaultPolicyVersionRequest, options?: OperationOptions): Promise<EmptyResponse> {
  requestObject(input, "SetDefaultPolicyVersion");
  const arn = checkPolicyArn(input.PolicyArn);
  const versionId = checkVersionId(input.VersionId);
  const policy = await authorizedEntity(account, POLICIES, arn, "SetDefaultPolicyVersion", options, { write: true });
  const version = requireVersion(policy, versionId);
  if (!version.IsDefaultVersion) {
    setDefault(policy, version, account.timestamp());
    account.touch();
  }
  return {};
}



