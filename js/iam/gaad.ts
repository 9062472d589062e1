/**
 * @module iam/gaad
 * Import and export of the JSON of `aws iam get-account-authorization-details` (GAAD):
 * UserDetailList, GroupDetailList, RoleDetailList and Policies, in the shapes of the IAM API.
 *
 * Import (`Account.fromAuthorizationDetails`):
 * - the GAAD itself and every policy document may be an object, JSON text, or RFC 3986
 *   URL-encoded JSON text (the raw API's encoding); documents given as objects are stored as
 *   `JSON.stringify(doc, null, 4)` (4-space indent, as the AWS CLI prints), text as given
 *   (decoded), so positions in matched statements refer to that text;
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
 *
 * Export (`account.toAuthorizationDetails()`): documents as objects, as the AWS CLI prints them
 * (`{ documents: "json" }` keeps the stored text, `"url"` URL-encodes it as the raw API does);
 * computed AttachmentCount / PermissionsBoundaryUsageCount; no secrets (GAAD carries no access
 * keys, passwords or MFA seeds). A role's `Description` and `MaxSessionDuration` and a managed
 * policy's `Tags` are not in GAAD's RoleDetail / ManagedPolicyDetail: they are exported as extra
 * fields so that export then import gives the same model (`{ extensions: false }` leaves them out).
 */
import type { AccountOptions, AccountState } from "./account-state.ts";
import { IamError } from "./errors.ts";
import type {
  AttachedPolicy, BoundaryRef, GroupEntity, InlinePolicy, InstanceProfileEntity, ManagedPolicyEntity, PolicyVersionEntity, RoleEntity, Tag, UserEntity,
} from "./store.ts";
import { checkName, checkPath, checkTags } from "./validate.ts";
import { randomId } from "./ids.ts";
import { awsManagedPolicy, isAwsManagedArn } from "./aws-managed.ts";
import type { Diagnostic, PolicyKind } from "../policy/types.ts";

/** A policy document as GAAD may carry it. */
export type GaadDocument = string | Record<string, unknown>;

export interface GaadInlinePolicy {
  PolicyName: string;
  PolicyDocument: GaadDocument;
}

export interface GaadUser {
  Path: string;
  UserName: string;
  UserId: string;
  Arn: string;
  CreateDate: string;
  UserPolicyList?: GaadInlinePolicy[];
  GroupList?: string[];
  AttachedManagedPolicies?: AttachedPolicy[];
  PermissionsBoundary?: { PermissionsBoundaryType: string; PermissionsBoundaryArn: string };
  Tags?: Tag[];
}

export interface GaadGroup {
  Path: string;
  GroupName: string;
  GroupId: string;
  Arn: string;
  CreateDate: string;
  GroupPolicyList?: GaadInlinePolicy[];
  AttachedManagedPolicies?: AttachedPolicy[];
}

export interface GaadInstanceProfile {
  Path: string;
  InstanceProfileName: string;
  InstanceProfileId: string;
  Arn: string;
  CreateDate: string;
  Roles: Record<string, unknown>[];
  Tags?: Tag[];
}

export interface GaadRole {
  Path: string;
  RoleName: string;
  RoleId: string;
  Arn: string;
  CreateDate: string;
  AssumeRolePolicyDocument: GaadDocument;
  InstanceProfileList?: GaadInstanceProfile[];
  RolePolicyList?: GaadInlinePolicy[];
  AttachedManagedPolicies?: AttachedPolicy[];
  PermissionsBoundary?: { PermissionsBoundaryType: string; PermissionsBoundaryArn: string };
  Tags?: Tag[];
  RoleLastUsed?: { LastUsedDate?: string; Region?: string };
  /** iam-edge extension (not in GAAD's RoleDetail). */
  Description?: string;
  /** iam-edge extension (not in GAAD's RoleDetail). */
  MaxSessionDuration?: number;
}

export interface GaadPolicyVersion {
  Document: GaadDocument;
  VersionId: string;
  IsDefaultVersion: boolean;
  CreateDate: string;
}

export interface GaadPolicy {
  PolicyName: string;
  PolicyId: string;
  Arn: string;
  Path: string;
  DefaultVersionId: string;
  AttachmentCount?: number;
  PermissionsBoundaryUsageCount?: number;
  IsAttachable?: boolean;
  Description?: string;
  CreateDate: string;
  UpdateDate: string;
  PolicyVersionList: GaadPolicyVersion[];
  /** iam-edge extension (not in GAAD's ManagedPolicyDetail). */
  Tags?: Tag[];
}

/** The JSON of `aws iam get-account-authorization-details`. */
export interface AuthorizationDetails {
  UserDetailList: GaadUser[];
  GroupDetailList: GaadGroup[];
  RoleDetailList: GaadRole[];
  Policies: GaadPolicy[];
  IsTruncated?: boolean;
  Marker?: string;
}

export interface ExportOptions {
  /** How policy documents are written: objects (default, as the AWS CLI prints), the stored JSON text, or URL-encoded text (as the raw API returns). */
  documents?: "object" | "json" | "url";
  /** Include the fields GAAD lacks (role Description and MaxSessionDuration, policy Tags). Default true. */
  extensions?: boolean;
}


// ---------------------------------------------------------------------------------------------
// Documents

/** Decodes a document given as an object, JSON text or URL-encoded JSON text into JSON text. */
export function documentText(doc: unknown): string | undefined {
  if (typeof doc === "string") {
    const t = doc.trimStart();
    if (t.startsWith("{") || t.startsWith("[")) return doc;
    if (/%[0-9a-fA-F]{2}/.test(doc)) {
      try {
        return decodeURIComponent(doc);
      } catch {
        return doc;
      }
    }
    return doc;
  }
  if (doc !== null && typeof doc === "object") return JSON.stringify(doc, null, 4);
  return undefined;
}

function exportDocument(text: string, mode: ExportOptions["documents"]): GaadDocument {
  if (mode === "json") return text;
  if (mode === "url") return encodeRfc3986(text);
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return text;
  }
}

function encodeRfc3986(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

// ---------------------------------------------------------------------------------------------
// Import

/** Size quotas for import ("IAM and AWS STS quotas"): inline per entity, customer-managed, trust (the raised quota). */
const INLINE_MAX = { user: 2048, group: 5120, role: 10240 } as const;
const TRUST_MAX = 4096;
const AWS_MANAGED_MAX = 1 << 20;

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

class Importer {
  constructor(readonly account: AccountState) {}

  /** Validates a document with the engine and returns its text; a broken one throws MalformedPolicyDocument. */
  document(doc: unknown, kind: PolicyKind, maxSize: number | undefined, what: string, where: string): string {
    const text = documentText(doc);
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
      const at = `${where}/${owner === "user" ? "UserPolicyList" : owner === "group" ? "GroupPolicyList" : "RolePolicyList"}/${i}`;
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

  boundary(value: GaadUser["PermissionsBoundary"], where: string): BoundaryRef | undefined {
    if (value === undefined || value === null) return undefined;
    const type = value.PermissionsBoundaryType;
    if (type !== undefined && type !== "Policy" && type !== "PermissionsBoundaryPolicy") {
      throw new IamError("InvalidInput", `${where}/PermissionsBoundary: unknown PermissionsBoundaryType '${String(type)}'`);
    }
    return { PermissionsBoundaryType: "Policy", PermissionsBoundaryArn: this.str(value.PermissionsBoundaryArn, "PermissionsBoundaryArn", `${where}/PermissionsBoundary`) };
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
    if (!Array.isArray(p.PolicyVersionList) || p.PolicyVersionList.length === 0) {
      throw new IamError("InvalidInput", `${where}: policy ${name} has no PolicyVersionList`);
    }
    if (p.PolicyVersionList.length > 5 && !awsManaged) throw new IamError("LimitExceeded", `${where}: policy ${name} has more than 5 versions`);
    const versions: PolicyVersionEntity[] = p.PolicyVersionList.map((v, j) => {
      const at = `${where}/PolicyVersionList/${j}`;
      const versionId = this.str(v?.VersionId, "VersionId", at);
      if (!/^v[1-9]\d*$/.test(versionId)) throw new IamError("InvalidInput", `${at}: VersionId '${versionId}' is not of the form v<N>`);
      const doc = this.document(v.Document, "identity", awsManaged ? AWS_MANAGED_MAX : undefined, `version ${versionId} of managed policy '${name}'`, at);
      return { VersionId: versionId, Document: doc, IsDefaultVersion: false, CreateDate: this.date(v.CreateDate) };
    });
    const explicit = p.PolicyVersionList.find((v) => v.IsDefaultVersion === true)?.VersionId;
    const defaultId = typeof p.DefaultVersionId === "string" ? p.DefaultVersionId : explicit;
    const def = versions.find((v) => v.VersionId === defaultId);
    if (!def) throw new IamError("InvalidInput", `${where}: policy ${name} has no version ${String(defaultId)} (DefaultVersionId)`);
    if (explicit !== undefined && explicit !== defaultId) throw new IamError("InvalidInput", `${where}: DefaultVersionId is ${defaultId} but version ${explicit} has IsDefaultVersion`);
    def.IsDefaultVersion = true;
    const entity: ManagedPolicyEntity = {
      PolicyName: name, PolicyId: typeof p.PolicyId === "string" ? p.PolicyId : randomId("ANPA"), Arn: arn, Path: path,
      CreateDate: this.date(p.CreateDate), UpdateDate: this.date(p.UpdateDate ?? p.CreateDate), DefaultVersionId: def.VersionId,
      PolicyVersionList: versions, NextVersion: Math.max(...versions.map((v) => Number(v.VersionId.slice(1)))) + 1,
      Tags: this.tags(p.Tags, where), AwsManaged: awsManaged,
    };
    if (typeof p.Description === "string") entity.Description = p.Description;
    return entity;
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

  run(g: AuthorizationDetails): void {
    const store = this.account.store;
    g.Policies.forEach((p, i) => {
      const entity = this.policy(p, i);
      if (store.policies.has(entity.Arn)) throw new IamError("EntityAlreadyExists", `Policies/${i}: policy ${entity.Arn} is listed twice`);
      store.policies.set(entity.Arn, entity);
    });

    g.GroupDetailList.forEach((gr, i) => {
      const where = `GroupDetailList/${i}`;
      if (!gr || typeof gr !== "object") throw new IamError("InvalidInput", `${where} must be an object`);
      const name = this.named(() => checkName(gr.GroupName, "GroupName", "group"), where);
      const path = this.named(() => checkPath(gr.Path), where);
      if (store.groups.has(name.toLowerCase())) throw new IamError("EntityAlreadyExists", `${where}: Group with name ${name} already exists.`);
      const group: GroupEntity = {
        GroupName: name, GroupId: typeof gr.GroupId === "string" ? gr.GroupId : randomId("AGPA"), Arn: this.arnOf(gr.Arn, `group${path}${name}`, where),
        Path: path, CreateDate: this.date(gr.CreateDate), GroupPolicyList: this.inline(gr.GroupPolicyList, "group", name, where),
        AttachedManagedPolicies: this.attached(gr.AttachedManagedPolicies, where),
      };
      group.AttachedManagedPolicies.forEach((a, j) => this.checkPolicyRef(a.PolicyArn, `${where}/AttachedManagedPolicies/${j}`, "attached policy"));
      store.groups.set(name.toLowerCase(), group);
    });

    g.UserDetailList.forEach((u, i) => {
      const where = `UserDetailList/${i}`;
      if (!u || typeof u !== "object") throw new IamError("InvalidInput", `${where} must be an object`);
      const name = this.named(() => checkName(u.UserName, "UserName", "user"), where);
      const path = this.named(() => checkPath(u.Path), where);
      if (store.users.has(name.toLowerCase())) throw new IamError("EntityAlreadyExists", `${where}: User with name ${name} already exists.`);
      const groups = u.GroupList ?? [];
      if (!Array.isArray(groups)) throw new IamError("InvalidInput", `${where}: GroupList must be a list of group names`);
      const groupList = groups.map((n, j) => {
        const group = typeof n === "string" ? store.groups.get(n.toLowerCase()) : undefined;
        if (!group) throw new IamError("NoSuchEntity", `${where}/GroupList/${j}: user ${name} is in group '${String(n)}', which is not in GroupDetailList`);
        return group.GroupName;
      });
      const user: UserEntity = {
        UserName: name, UserId: typeof u.UserId === "string" ? u.UserId : randomId("AIDA"), Arn: this.arnOf(u.Arn, `user${path}${name}`, where),
        Path: path, CreateDate: this.date(u.CreateDate), Tags: this.tags(u.Tags, where), GroupList: groupList,
        AttachedManagedPolicies: this.attached(u.AttachedManagedPolicies, where), UserPolicyList: this.inline(u.UserPolicyList, "user", name, where),
        AccessKeys: [], MFADevices: [],
      };
      const boundary = this.boundary(u.PermissionsBoundary, where);
      if (boundary) {
        this.checkPolicyRef(boundary.PermissionsBoundaryArn, `${where}/PermissionsBoundary`, "permissions boundary");
        user.PermissionsBoundary = boundary;
      }
      user.AttachedManagedPolicies.forEach((a, j) => this.checkPolicyRef(a.PolicyArn, `${where}/AttachedManagedPolicies/${j}`, "attached policy"));
      store.users.set(name.toLowerCase(), user);
    });

    g.RoleDetailList.forEach((r, i) => {
      const where = `RoleDetailList/${i}`;
      if (!r || typeof r !== "object") throw new IamError("InvalidInput", `${where} must be an object`);
      const name = this.named(() => checkName(r.RoleName, "RoleName", "role"), where);
      const path = this.named(() => checkPath(r.Path), where);
      if (store.roles.has(name.toLowerCase())) throw new IamError("EntityAlreadyExists", `${where}: Role with name ${name} already exists.`);
      const trust = this.document(r.AssumeRolePolicyDocument, "trust", TRUST_MAX, `trust policy (AssumeRolePolicyDocument) of role '${name}'`, `${where}/AssumeRolePolicyDocument`);
      const maxSession = r.MaxSessionDuration ?? instanceProfileRole(r)?.MaxSessionDuration ?? 3600;
      if (typeof maxSession !== "number" || !Number.isInteger(maxSession) || maxSession < 3600 || maxSession > 43200) {
        throw new IamError("ValidationError", `${where}: MaxSessionDuration must be an integer from 3600 to 43200`);
      }
      const role: RoleEntity = {
        RoleName: name, RoleId: typeof r.RoleId === "string" ? r.RoleId : randomId("AROA"), Arn: this.arnOf(r.Arn, `role${path}${name}`, where),
        Path: path, CreateDate: this.date(r.CreateDate), AssumeRolePolicyDocument: trust, MaxSessionDuration: maxSession,
        Tags: this.tags(r.Tags, where), AttachedManagedPolicies: this.attached(r.AttachedManagedPolicies, where),
        RolePolicyList: this.inline(r.RolePolicyList, "role", name, where),
      };
      const description = r.Description ?? instanceProfileRole(r)?.Description;
      if (typeof description === "string") role.Description = description;
      const boundary = this.boundary(r.PermissionsBoundary, where);
      if (boundary) {
        this.checkPolicyRef(boundary.PermissionsBoundaryArn, `${where}/PermissionsBoundary`, "permissions boundary");
        role.PermissionsBoundary = boundary;
      }
      role.AttachedManagedPolicies.forEach((a, j) => this.checkPolicyRef(a.PolicyArn, `${where}/AttachedManagedPolicies/${j}`, "attached policy"));
      if (r.RoleLastUsed && typeof r.RoleLastUsed === "object") {
        const used: RoleEntity["RoleLastUsed"] = {};
        if (typeof r.RoleLastUsed.LastUsedDate === "string") used.LastUsedDate = r.RoleLastUsed.LastUsedDate;
        if (typeof r.RoleLastUsed.Region === "string") used.Region = r.RoleLastUsed.Region;
        if (Object.keys(used).length > 0) role.RoleLastUsed = used;
      }
      if (r.InstanceProfileList !== undefined) {
        if (!Array.isArray(r.InstanceProfileList)) throw new IamError("InvalidInput", `${where}: InstanceProfileList must be a list`);
        role.InstanceProfileList = r.InstanceProfileList.map((ip, j) => {
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
      store.roles.set(name.toLowerCase(), role);
    });
  }
}

function instanceProfileRole(r: GaadRole): { MaxSessionDuration?: number; Description?: string } | undefined {
  for (const ip of r.InstanceProfileList ?? []) {
    for (const nested of ip?.Roles ?? []) {
      if (nested && (nested as { RoleName?: unknown }).RoleName === r.RoleName) return nested as { MaxSessionDuration?: number; Description?: string };
    }
  }
  return undefined;
}

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

// ---------------------------------------------------------------------------------------------
// Export

function exportInline(list: InlinePolicy[], mode: ExportOptions["documents"]): GaadInlinePolicy[] {
  return list.map((p) => ({ PolicyName: p.PolicyName, PolicyDocument: exportDocument(p.PolicyDocument, mode) }));
}

function exportBoundary(b: BoundaryRef | undefined): { PermissionsBoundary?: GaadUser["PermissionsBoundary"] } {
  return b ? { PermissionsBoundary: { PermissionsBoundaryType: b.PermissionsBoundaryType, PermissionsBoundaryArn: b.PermissionsBoundaryArn } } : {};
}

function tagsField(tags: Tag[] | undefined): { Tags?: Tag[] } {
  return tags && tags.length > 0 ? { Tags: tags.map((t) => ({ Key: t.Key, Value: t.Value })) } : {};
}

export function toAuthorizationDetails(account: AccountState, given?: ExportOptions | null): AuthorizationDetails {
  const options: ExportOptions = given !== null && typeof given === "object" ? given : {};
  const mode = options.documents ?? "object";
  if (mode !== "object" && mode !== "json" && mode !== "url") throw new IamError("ValidationError", "`documents` must be `object`, `json` or `url`");
  const extensions = options.extensions !== false;
  const { users, groups, roles, policies } = account.store;
  const attachments = new Map<string, number>();
  const boundaries = new Map<string, number>();
  const count = (map: Map<string, number>, arn: string) => map.set(arn, (map.get(arn) ?? 0) + 1);
  for (const e of [...users.values(), ...groups.values(), ...roles.values()]) for (const a of e.AttachedManagedPolicies) count(attachments, a.PolicyArn);
  for (const e of [...users.values(), ...roles.values()]) if (e.PermissionsBoundary) count(boundaries, e.PermissionsBoundary.PermissionsBoundaryArn);

  const UserDetailList: GaadUser[] = [...users.values()].map((u) => ({
    Path: u.Path, UserName: u.UserName, UserId: u.UserId, Arn: u.Arn, CreateDate: u.CreateDate,
    UserPolicyList: exportInline(u.UserPolicyList, mode), GroupList: [...u.GroupList],
    AttachedManagedPolicies: u.AttachedManagedPolicies.map((a) => ({ PolicyName: a.PolicyName, PolicyArn: a.PolicyArn })),
    ...exportBoundary(u.PermissionsBoundary), ...tagsField(u.Tags),
  }));
  const GroupDetailList: GaadGroup[] = [...groups.values()].map((g) => ({
    Path: g.Path, GroupName: g.GroupName, GroupId: g.GroupId, Arn: g.Arn, CreateDate: g.CreateDate,
    GroupPolicyList: exportInline(g.GroupPolicyList, mode),
    AttachedManagedPolicies: g.AttachedManagedPolicies.map((a) => ({ PolicyName: a.PolicyName, PolicyArn: a.PolicyArn })),
  }));
  const RoleDetailList: GaadRole[] = [...roles.values()].map((r) => {
    const trust = exportDocument(r.AssumeRolePolicyDocument, mode);
    const nestedRole = {
      Path: r.Path, RoleName: r.RoleName, RoleId: r.RoleId, Arn: r.Arn, CreateDate: r.CreateDate, AssumeRolePolicyDocument: trust,
      ...(r.Description !== undefined ? { Description: r.Description } : {}), MaxSessionDuration: r.MaxSessionDuration,
    };
    const out: GaadRole = {
      Path: r.Path, RoleName: r.RoleName, RoleId: r.RoleId, Arn: r.Arn, CreateDate: r.CreateDate, AssumeRolePolicyDocument: trust,
      InstanceProfileList: (r.InstanceProfileList ?? []).map((ip) => ({
        Path: ip.Path, InstanceProfileName: ip.InstanceProfileName, InstanceProfileId: ip.InstanceProfileId, Arn: ip.Arn,
        CreateDate: ip.CreateDate, Roles: [{ ...nestedRole }], ...tagsField(ip.Tags),
      })),
      RolePolicyList: exportInline(r.RolePolicyList, mode),
      AttachedManagedPolicies: r.AttachedManagedPolicies.map((a) => ({ PolicyName: a.PolicyName, PolicyArn: a.PolicyArn })),
      ...exportBoundary(r.PermissionsBoundary), ...tagsField(r.Tags),
      RoleLastUsed: { ...(r.RoleLastUsed ?? {}) },
    };
    if (extensions) {
      if (r.Description !== undefined) out.Description = r.Description;
      out.MaxSessionDuration = r.MaxSessionDuration;
    }
    return out;
  });
  const Policies: GaadPolicy[] = [...policies.values()].map((p) => {
    const out: GaadPolicy = {
      PolicyName: p.PolicyName, PolicyId: p.PolicyId, Arn: p.Arn, Path: p.Path, DefaultVersionId: p.DefaultVersionId,
      AttachmentCount: attachments.get(p.Arn) ?? 0, PermissionsBoundaryUsageCount: boundaries.get(p.Arn) ?? 0, IsAttachable: true,
      ...(p.Description !== undefined ? { Description: p.Description } : {}),
      CreateDate: p.CreateDate, UpdateDate: p.UpdateDate,
      PolicyVersionList: p.PolicyVersionList.map((v) => ({ Document: exportDocument(v.Document, mode), VersionId: v.VersionId, IsDefaultVersion: v.IsDefaultVersion, CreateDate: v.CreateDate })),
    };
    if (extensions && p.Tags.length > 0) out.Tags = p.Tags.map((t) => ({ Key: t.Key, Value: t.Value }));
    return out;
  });
  return { UserDetailList, GroupDetailList, RoleDetailList, Policies, IsTruncated: false };
}
