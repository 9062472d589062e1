/**
 * @module iam/gaad/import
 * Building an account from GAAD (`Account.fromAuthorizationDetails`):
 * - the GAAD itself and every policy document may be an object, JSON text, or URL-encoded JSON
 *   text (documents.ts);
 * - every document is validated with the engine (`identity` for managed and inline policies,
 *   `trust` for AssumeRolePolicyDocument): a broken one fails the import with IamError
 *   `MalformedPolicyDocument` naming the entity and the policy, with the engine's diagnostics
 *   (JSON path and line/column inside that document);
 * - references are checked: groups in a user's GroupList, attached and boundary policy ARNs
 *   (customer-managed ones must be in `Policies`; AWS-managed ones in `Policies` or in the
 *   library of js/iam/aws-managed.ts);
 * - `PermissionsBoundaryType` is accepted as `Policy` (what the service returns) or
 *   `PermissionsBoundaryPolicy` (botocore's enum), stored as `Policy`;
 * - AWS-managed policies listed in `Policies` are kept in the store (`AwsManaged: true`);
 * - `accountId` may be left out: it is then read from the first ARN.
 * Errors name where they are (`UserDetailList/3/UserPolicyList/0`).
 */
import type { AccountOptions, AccountState } from "../account-state.ts";
import { IamError } from "../errors.ts";
import type {
  AttachedPolicy, BoundaryRef, GroupEntity, InlinePolicy, InstanceProfileEntity, ManagedPolicyEntity, PolicyVersionEntity, RoleEntity, Tag, UserEntity,
} from "../store.ts";
import { checkName, checkPath, checkTags } from "../validate.ts";
import { randomId } from "../ids.ts";
import { awsManagedPolicy, isAwsManagedArn } from "../aws-managed.ts";
import type { Diagnostic, PolicyKind } from "../../policy/types.ts";
import { documentText } from "./documents.ts";
import type { AuthorizationDetails, GaadGroup, GaadInlinePolicy, GaadPolicy, GaadRole, GaadUser } from "./shapes.ts";

/** Size quotas for import ("IAM and AWS STS quotas"): inline per entity, customer-managed, trust (the raised quota). */
const INLINE_MAX = { user: 2048, group: 5120, role: 10240 } as const;
const TRUST_MAX = 4096;
const AWS_MANAGED_MAX = 1 << 20;
const INLINE_LIST = { user: "UserPolicyList", group: "GroupPolicyList", role: "RolePolicyList" } as const;

/**
 * Builds an account from GAAD JSON (object, text, or URL-encoded text): `create` makes the empty
 * account (of `options.accountId`, else the account the details name), the details fill it.
 */
export function importAuthorizationDetails<T extends AccountState>(gaad: unknown, options: AccountOptions, create: (options: AccountOptions) => T): T {
  const details = parseGaad(gaad);
  const accountId = options?.accountId ?? firstAccount(details);
  const account = create({ ...options, accountId: accountId as string });
  new Importer(account).run(details);
  account.touch();
  return account;
}

function parseGaad(gaad: unknown): AuthorizationDetails {
  let value = gaad;
  if (typeof value === "string") {
    const text = documentText(value) ?? "";
    try {
      value = JSON.parse(text);
    } catch (err) {
      throw new IamError("InvalidInput", `the authorization details are not valid JSON: ${(err as Error).message}`);
    }
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new IamError("InvalidInput", "the authorization details must be the JSON object of `aws iam get-account-authorization-details`");
  }
  const v = value as Record<string, unknown>;
  for (const k of ["UserDetailList", "GroupDetailList", "RoleDetailList", "Policies"]) {
    if (v[k] !== undefined && !Array.isArray(v[k])) throw new IamError("InvalidInput", `\`${k}\` must be a list`);
  }
  if (v.IsTruncated === true) {
    throw new IamError("InvalidInput", "the authorization details are truncated (IsTruncated is true): merge every page first (the AWS CLI does)");
  }
  return {
    UserDetailList: (v.UserDetailList ?? []) as GaadUser[],
    GroupDetailList: (v.GroupDetailList ?? []) as GaadGroup[],
    RoleDetailList: (v.RoleDetailList ?? []) as GaadRole[],
    Policies: (v.Policies ?? []) as GaadPolicy[],
  };
}

function firstAccount(g: AuthorizationDetails): string | undefined {
  for (const list of [g.UserDetailList, g.GroupDetailList, g.RoleDetailList, g.Policies]) {
    for (const e of list as { Arn?: unknown }[]) {
      const m = typeof e?.Arn === "string" ? /^arn:[^:]+:iam::(\d{12}):/.exec(e.Arn) : null;
      if (m) return m[1];
    }
  }
  return undefined;
}

/** A role's own MaxSessionDuration and Description, as its instance profiles nest it (GAAD's RoleDetail lacks them). */
function instanceProfileRole(r: GaadRole): { MaxSessionDuration?: number; Description?: string } | undefined {
  for (const ip of r.InstanceProfileList ?? []) {
    for (const nested of ip?.Roles ?? []) {
      if (nested && (nested as { RoleName?: unknown }).RoleName === r.RoleName) return nested as { MaxSessionDuration?: number; Description?: string };
    }
  }
  return undefined;
}

/** One import: the checks of each list's entries, and the store they fill (policies first, then groups, users, roles). */
class Importer {
  constructor(readonly account: AccountState) {}

  run(g: AuthorizationDetails): void {
    g.Policies.forEach((p, i) => this.addPolicy(p, i));
    g.GroupDetailList.forEach((gr, i) => this.addGroup(gr, `GroupDetailList/${i}`));
    g.UserDetailList.forEach((u, i) => this.addUser(u, `UserDetailList/${i}`));
    g.RoleDetailList.forEach((r, i) => this.addRole(r, `RoleDetailList/${i}`));
  }

  // -------------------------------------------------------------------------------------------
  // Entries

  addPolicy(p: GaadPolicy, i: number): void {
    const entity = this.policy(p, i);
    if (this.account.store.policies.has(entity.Arn)) throw new IamError("EntityAlreadyExists", `Policies/${i}: policy ${entity.Arn} is listed twice`);
    this.account.store.policies.set(entity.Arn, entity);
  }

  addGroup(gr: GaadGroup, where: string): void {
    const { name, path } = this.namePath(gr, "GroupName", "group", where);
    const group: GroupEntity = {
      GroupName: name, GroupId: typeof gr.GroupId === "string" ? gr.GroupId : randomId("AGPA"), Arn: this.arnOf(gr.Arn, `group${path}${name}`, where),
      Path: path, CreateDate: this.date(gr.CreateDate), GroupPolicyList: this.inline(gr.GroupPolicyList, "group", name, where),
      AttachedManagedPolicies: this.attached(gr.AttachedManagedPolicies, where),
    };
    this.checkAttached(group.AttachedManagedPolicies, where);
    this.account.store.groups.set(name.toLowerCase(), group);
  }

  addUser(u: GaadUser, where: string): void {
    const { name, path } = this.namePath(u, "UserName", "user", where);
    const groupList = this.groupList(u.GroupList, name, where);
    const user: UserEntity = {
      UserName: name, UserId: typeof u.UserId === "string" ? u.UserId : randomId("AIDA"), Arn: this.arnOf(u.Arn, `user${path}${name}`, where),
      Path: path, CreateDate: this.date(u.CreateDate), Tags: this.tags(u.Tags, where), GroupList: groupList,
      AttachedManagedPolicies: this.attached(u.AttachedManagedPolicies, where), UserPolicyList: this.inline(u.UserPolicyList, "user", name, where),
      AccessKeys: [], MFADevices: [],
    };
    const boundary = this.checkedBoundary(u.PermissionsBoundary, where);
    if (boundary) user.PermissionsBoundary = boundary;
    this.checkAttached(user.AttachedManagedPolicies, where);
    this.account.store.users.set(name.toLowerCase(), user);
  }

  addRole(r: GaadRole, where: string): void {
    const { name, path } = this.namePath(r, "RoleName", "role", where);
    const trust = this.document(r.AssumeRolePolicyDocument, "trust", TRUST_MAX, `trust policy (AssumeRolePolicyDocument) of role '${name}'`, `${where}/AssumeRolePolicyDocument`);
    const maxSession = this.maxSession(r, where);
    const role: RoleEntity = {
      RoleName: name, RoleId: typeof r.RoleId === "string" ? r.RoleId : randomId("AROA"), Arn: this.arnOf(r.Arn, `role${path}${name}`, where),
      Path: path, CreateDate: this.date(r.CreateDate), AssumeRolePolicyDocument: trust, MaxSessionDuration: maxSession,
      Tags: this.tags(r.Tags, where), AttachedManagedPolicies: this.attached(r.AttachedManagedPolicies, where),
      RolePolicyList: this.inline(r.RolePolicyList, "role", name, where),
    };
    const description = r.Description ?? instanceProfileRole(r)?.Description;
    if (typeof description === "string") role.Description = description;
    const boundary = this.checkedBoundary(r.PermissionsBoundary, where);
    if (boundary) role.PermissionsBoundary = boundary;
    this.checkAttached(role.AttachedManagedPolicies, where);
    const used = lastUsed(r.RoleLastUsed);
    if (used) role.RoleLastUsed = used;
    if (r.InstanceProfileList !== undefined) role.InstanceProfileList = this.instanceProfiles(r.InstanceProfileList, where);
    this.account.store.roles.set(name.toLowerCase(), role);
  }

  // -------------------------------------------------------------------------------------------
  // Fields

  /** An entry's name and path, and that the name is not taken (names compare ignoring case). */
  namePath(e: object, field: "UserName" | "GroupName" | "RoleName", kind: "user" | "group" | "role", where: string): { name: string; path: string } {
    if (!e || typeof e !== "object") throw new IamError("InvalidInput", `${where} must be an object`);
    const entry = e as Record<string, unknown>;
    const name = this.named(() => checkName(entry[field], field, kind), where);
    const path = this.named(() => checkPath(entry.Path), where);
    const store = kind === "user" ? this.account.store.users : kind === "group" ? this.account.store.groups : this.account.store.roles;
    if (store.has(name.toLowerCase())) throw new IamError("EntityAlreadyExists", `${where}: ${kind.charAt(0).toUpperCase()}${kind.slice(1)} with name ${name} already exists.`);
    return { name, path };
  }

  /** Validates a document with the engine and returns its text; a broken one throws MalformedPolicyDocument. */
  document(doc: unknown, kind: PolicyKind, maxSize: number | undefined, what: string, where: string): string {
    const text = this.named(() => documentText(doc), `${what} (${where})`);
    if (text === undefined) throw new IamError("MalformedPolicyDocument", `${what} (${where}) has no policy document`);
    const diagnostics = this.account.engine.validate(text, { kind, maxSize });
    const errors = diagnostics.filter((d) => d.severity === "error");
    if (errors.length > 0) {
      const d = errors[0];
      const at = d.span ? ` at line ${d.span.start.line}, column ${d.span.start.column}` : "";
      const path = d.path ? ` (${d.path})` : "";
      throw new IamError("MalformedPolicyDocument", `${what} (${where}) is malformed: ${d.message}${at}${path} [${d.code}]`, errors as Diagnostic[]);
    }
    return text;
  }

  str(value: unknown, field: string, where: string): string {
    if (typeof value !== "string" || value.length === 0) throw new IamError("InvalidInput", `${where}: \`${field}\` must be a non-empty string`);
    return value;
  }

  arnOf(value: unknown, resource: string, where: string): string {
    const expected = this.account.arn(resource);
    if (value === undefined) return expected;
    const arn = this.str(value, "Arn", where);
    if (arn !== expected) throw new IamError("InvalidInput", `${where}: \`Arn\` is '${arn}', expected '${expected}' (account ${this.account.accountId}, path and name)`);
    return arn;
  }

  date(value: unknown): string {
    return typeof value === "string" && value ? value : this.account.timestamp();
  }

  inline(list: unknown, owner: "user" | "group" | "role", name: string, where: string): InlinePolicy[] {
    if (list === undefined) return [];
    if (!Array.isArray(list)) throw new IamError("InvalidInput", `${where}: the inline policy list must be a list`);
    const seen = new Set<string>();
    return list.map((p: GaadInlinePolicy, i) => {
      const at = `${where}/${INLINE_LIST[owner]}/${i}`;
      const policyName = this.str(p?.PolicyName, "PolicyName", at);
      if (seen.has(policyName)) throw new IamError("EntityAlreadyExists", `${at}: ${owner} ${name} has two inline policies named ${policyName}`);
      seen.add(policyName);
      const doc = this.document(p.PolicyDocument, "identity", INLINE_MAX[owner], `inline policy '${policyName}' of ${owner} '${name}'`, at);
      return { PolicyName: policyName, PolicyDocument: doc };
    });
  }

  attached(list: unknown, where: string): AttachedPolicy[] {
    if (list === undefined) return [];
    if (!Array.isArray(list)) throw new IamError("InvalidInput", `${where}: AttachedManagedPolicies must be a list`);
    return list.map((a: AttachedPolicy, i) => {
      const at = `${where}/AttachedManagedPolicies/${i}`;
      const arn = this.str(a?.PolicyArn, "PolicyArn", at);
      return { PolicyName: typeof a.PolicyName === "string" ? a.PolicyName : arn.slice(arn.lastIndexOf("/") + 1), PolicyArn: arn };
    });
  }

  /** Each attached policy must resolve (checkPolicyRef). */
  checkAttached(list: AttachedPolicy[], where: string): void {
    list.forEach((a, j) => this.checkPolicyRef(a.PolicyArn, `${where}/AttachedManagedPolicies/${j}`, "attached policy"));
  }

  /** The boundary reference, checked to resolve. */
  checkedBoundary(value: GaadUser["PermissionsBoundary"], where: string): BoundaryRef | undefined {
    const boundary = this.boundary(value, where);
    if (boundary) this.checkPolicyRef(boundary.PermissionsBoundaryArn, `${where}/PermissionsBoundary`, "permissions boundary");
    return boundary;
  }

  boundary(value: GaadUser["PermissionsBoundary"], where: string): BoundaryRef | undefined {
    if (value === undefined || value === null) return undefined;
    const type = value.PermissionsBoundaryType;
    if (type !== undefined && type !== "Policy" && type !== "PermissionsBoundaryPolicy") {
      throw new IamError("InvalidInput", `${where}/PermissionsBoundary: unknown PermissionsBoundaryType '${String(type)}'`);
    }
    return { PermissionsBoundaryType: "Policy", PermissionsBoundaryArn: this.str(value.PermissionsBoundaryArn, "PermissionsBoundaryArn", `${where}/PermissionsBoundary`) };
  }

  /** A user's GroupList: names of groups in GroupDetailList (imported before users). */
  groupList(value: unknown, name: string, where: string): string[] {
    const groups = value ?? [];
    if (!Array.isArray(groups)) throw new IamError("InvalidInput", `${where}: GroupList must be a list of group names`);
    return groups.map((n, j) => {
      const group = typeof n === "string" ? this.account.store.groups.get(n.toLowerCase()) : undefined;
      if (!group) throw new IamError("NoSuchEntity", `${where}/GroupList/${j}: user ${name} is in group '${String(n)}', which is not in GroupDetailList`);
      return group.GroupName;
    });
  }

  /** A role's MaxSessionDuration: its own, else its instance profiles' copy, else 3600; 3600-43200. */
  maxSession(r: GaadRole, where: string): number {
    const maxSession = r.MaxSessionDuration ?? instanceProfileRole(r)?.MaxSessionDuration ?? 3600;
    if (typeof maxSession !== "number" || !Number.isInteger(maxSession) || maxSession < 3600 || maxSession > 43200) {
      throw new IamError("ValidationError", `${where}: MaxSessionDuration must be an integer from 3600 to 43200`);
    }
    return maxSession;
  }

  instanceProfiles(list: unknown, where: string): InstanceProfileEntity[] {
    if (!Array.isArray(list)) throw new IamError("InvalidInput", `${where}: InstanceProfileList must be a list`);
    return list.map((ip, j) => {
      const at = `${where}/InstanceProfileList/${j}`;
      const ipName = this.named(() => checkName(ip?.InstanceProfileName, "InstanceProfileName", "instance profile"), at);
      const ipPath = this.named(() => checkPath(ip.Path), at);
      const entity: InstanceProfileEntity = {
        Path: ipPath, InstanceProfileName: ipName, InstanceProfileId: typeof ip.InstanceProfileId === "string" ? ip.InstanceProfileId : randomId("AIPA"),
        Arn: this.arnOf(ip.Arn, `instance-profile${ipPath}${ipName}`, at), CreateDate: this.date(ip.CreateDate),
      };
      if (ip.Tags !== undefined) entity.Tags = this.tags(ip.Tags, at);
      return entity;
    });
  }

  tags(value: unknown, where: string): Tag[] {
    try {
      return checkTags(value ?? []);
    } catch (err) {
      if (err instanceof IamError) throw new IamError(err.code, `${where}: ${err.message}`);
      throw err;
    }
  }

  named<T>(fn: () => T, where: string): T {
    try {
      return fn();
    } catch (err) {
      if (err instanceof IamError) throw new IamError(err.code, `${where}: ${err.message}`, err.diagnostics);
      throw err;
    }
  }

  // -------------------------------------------------------------------------------------------
  // Managed policies

  policy(p: GaadPolicy, i: number): ManagedPolicyEntity {
    const where = `Policies/${i}`;
    if (!p || typeof p !== "object") throw new IamError("InvalidInput", `${where} must be an object`);
    const name = this.named(() => checkName(p.PolicyName, "PolicyName", "policy"), where);
    const path = this.named(() => checkPath(p.Path), where);
    const arn = this.str(p.Arn, "Arn", where);
    const awsManaged = isAwsManagedArn(arn);
    if (!awsManaged && arn !== this.account.arn(`policy${path}${name}`)) {
      throw new IamError("InvalidInput", `${where}: \`Arn\` is '${arn}', expected '${this.account.arn(`policy${path}${name}`)}'`);
    }
    const versions = this.versions(p, name, awsManaged, where);
    const entity: ManagedPolicyEntity = {
      PolicyName: name, PolicyId: typeof p.PolicyId === "string" ? p.PolicyId : randomId("ANPA"), Arn: arn, Path: path,
      CreateDate: this.date(p.CreateDate), UpdateDate: this.date(p.UpdateDate ?? p.CreateDate), DefaultVersionId: defaultVersion(p, versions, name, where),
      PolicyVersionList: versions, NextVersion: Math.max(...versions.map((v) => Number(v.VersionId.slice(1)))) + 1,
      Tags: this.tags(p.Tags, where), AwsManaged: awsManaged,
    };
    if (typeof p.Description === "string") entity.Description = p.Description;
    return entity;
  }

  /** A policy's versions, each document validated (AWS-managed ones beyond the customer quota). */
  versions(p: GaadPolicy, name: string, awsManaged: boolean, where: string): PolicyVersionEntity[] {
    if (!Array.isArray(p.PolicyVersionList) || p.PolicyVersionList.length === 0) {
      throw new IamError("InvalidInput", `${where}: policy ${name} has no PolicyVersionList`);
    }
    if (p.PolicyVersionList.length > 5 && !awsManaged) throw new IamError("LimitExceeded", `${where}: policy ${name} has more than 5 versions`);
    return p.PolicyVersionList.map((v, j) => {
      const at = `${where}/PolicyVersionList/${j}`;
      const versionId = this.str(v?.VersionId, "VersionId", at);
      if (!/^v[1-9]\d*$/.test(versionId)) throw new IamError("InvalidInput", `${at}: VersionId '${versionId}' is not of the form v<N>`);
      const doc = this.document(v.Document, "identity", awsManaged ? AWS_MANAGED_MAX : undefined, `version ${versionId} of managed policy '${name}'`, at);
      return { VersionId: versionId, Document: doc, IsDefaultVersion: false, CreateDate: this.date(v.CreateDate) };
    });
  }

  /** An attached or boundary ARN must resolve: in Policies, or (AWS-managed) in the library. */
  checkPolicyRef(arn: string, where: string, what: string): void {
    if (this.account.store.policies.has(arn)) return;
    if (isAwsManagedArn(arn)) {
      if (awsManagedPolicy(arn, this.account.partition)) return;
      throw new IamError("NoSuchEntity", `${where}: ${what} ${arn} is an AWS-managed policy that is neither in Policies nor in the library (export with the AWSManagedPolicy filter)`);
    }
    throw new IamError("NoSuchEntity", `${where}: ${what} ${arn} is not in Policies`);
  }
}

/** The default version (DefaultVersionId, else the one with IsDefaultVersion), marked as such in `versions`. */
function defaultVersion(p: GaadPolicy, versions: PolicyVersionEntity[], name: string, where: string): string {
  const explicit = p.PolicyVersionList.find((v) => v.IsDefaultVersion === true)?.VersionId;
  const defaultId = typeof p.DefaultVersionId === "string" ? p.DefaultVersionId : explicit;
  const def = versions.find((v) => v.VersionId === defaultId);
  if (!def) throw new IamError("InvalidInput", `${where}: policy ${name} has no version ${String(defaultId)} (DefaultVersionId)`);
  if (explicit !== undefined && explicit !== defaultId) throw new IamError("InvalidInput", `${where}: DefaultVersionId is ${defaultId} but version ${explicit} has IsDefaultVersion`);
  def.IsDefaultVersion = true;
  return def.VersionId;
}

/** RoleLastUsed, keeping only the string fields. */
function lastUsed(value: GaadRole["RoleLastUsed"]): RoleEntity["RoleLastUsed"] | undefined {
  if (!value || typeof value !== "object") return undefined;
  const used: RoleEntity["RoleLastUsed"] = {};
  if (typeof value.LastUsedDate === "string") used.LastUsedDate = value.LastUsedDate;
  if (typeof value.Region === "string") used.Region = value.Region;
  return Object.keys(used).length > 0 ? used : undefined;
}
