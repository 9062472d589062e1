/**
 * @module iam/resolve
 * Principal resolution: a user, a role (a session of it), an assumed-role session or the root
 * user, turned into what the engine needs: the compiled identity policies (the user's inline
 * and attached managed policies plus those of every group it is in; the role's inline and
 * attached ones), the permissions boundary, and the context keys AWS derives from the principal
 * ("AWS global condition context keys": `aws:PrincipalArn`, `aws:PrincipalAccount`,
 * `aws:PrincipalType`, `aws:userid`, `aws:username` for users only, `aws:PrincipalTag/<key>`).
 *
 * Policy ids (`policyId` in the engine's matched statements):
 * - a managed policy (customer or AWS-managed): its ARN, e.g. `arn:aws:iam::aws:policy/ReadOnlyAccess`;
 * - an inline policy: the owning entity's ARN, `#inline/`, the policy name, e.g.
 *   `arn:aws:iam::111122223333:user/dev/alice#inline/S3Home` (`INLINE_SEPARATOR`).
 *
 * Compiled policies are cached per account and shared by every principal that uses them; the
 * linked bundle is cached per principal. Both are dropped when `account.version` moves (every
 * operation calls `account.touch()`): cached policies whose document changed or whose source was
 * removed are disposed then, the others are kept for the next resolution. A resolution taken
 * before a change may hold disposed policies: resolve again after changing the account.
 *
 * Also installs the operation authorizer (`setCallerAuthorizer`): `AccessDenied` with AWS's
 * message text when the caller may not perform the IAM action.
 */
import { Account, setCallerAuthorizer } from "./account.ts";
import { IamError } from "./errors.ts";
import type { ManagedPolicyEntity, RoleEntity, UserEntity, GroupEntity, InlinePolicy } from "./store.ts";
import { CompiledPolicy, type AuthorizationResult, type PolicyBundle, type PolicySet } from "../engine/engine.ts";
import type { ContextValue } from "../engine/request.ts";
import type { PolicyKind } from "../policy/types.ts";
import { PolicyValidationError } from "../engine/errors.ts";
import { findManagedPolicy } from "./aws-managed.ts";

/** Separates the owner's ARN from the policy name in the id of an inline policy. */
export const INLINE_SEPARATOR = "#inline/";

/** `aws:PrincipalType` values this model produces. */
export type PrincipalType = "User" | "AssumedRole" | "Account";

/** Where a compiled policy of a resolution comes from (for simulate's SourcePolicyId/Type). */
export interface PolicySource {
  /** The engine's `policyId`. */
  policyId: string;
  kind: "identity" | "boundary";
  /** Inline policies: the entity that holds it. Managed policies: undefined. */
  owner?: { type: "user" | "group" | "role"; name: string; arn: string };
  policyName: string;
  /** Managed policies only. */
  policyArn?: string;
  /** AWS-managed (`arn:aws:iam::aws:policy/...`). */
  awsManaged: boolean;
  /** The policy document as compiled (JSON text, possibly URL-encoded as IAM stores it). */
  document?: string;
}

/** What `resolvePrincipal` returns: the engine inputs of one principal. */
export interface ResolvedPrincipal {
  /** The ARN as given. */
  arn: string;
  /** What goes in the engine request's `principal` (the ARN as given). */
  requestPrincipal: string;
  type: PrincipalType;
  accountId: string;
  user?: UserEntity;
  role?: RoleEntity;
  /** Role sessions: the session name, when the ARN names one. */
  sessionName?: string;
  identity: CompiledPolicy[];
  boundary?: CompiledPolicy;
  /** `engine.link({ identity, boundary })`. */
  bundle: PolicyBundle;
  /** The context keys AWS derives from the principal. */
  context: Record<string, ContextValue>;
  /** Every compiled policy above, by policyId. */
  sources: Map<string, PolicySource>;
  /** `account.version` the resolution was built at. */
  version: number;
  /**
   * STS sessions (js/sts): the session policies (`Policy` and `PolicyArns`), the engine's
   * `session` slot; the session itself. Present for a session resolved from credentials, or
   * from the ARN of a live session issued by this account.
   */
  session?: CompiledPolicy[];
  stsSession?: import("../sts/session.ts").SessionData;
}

/** Temporary or long-term credentials naming the caller (`{ accessKeyId, sessionToken }`). */
export interface CallerCredentials {
  accessKeyId: string;
  sessionToken?: string;
}

/**
 * @internal Installed by js/sts/resolve-session.ts: `overlay` adds a live session's extras to a
 * resolved principal (sync: a store lookup); `credentials` resolves credentials (async: WebCrypto).
 */
export interface SessionResolver {
  overlay(account: Account, principal: ResolvedPrincipal): ResolvedPrincipal;
  credentials(account: Account, credentials: CallerCredentials): Promise<ResolvedPrincipal>;
}
let sessionResolver: SessionResolver | undefined;
/** @internal */
export function setSessionResolver(resolver: SessionResolver): void {
  sessionResolver = resolver;
}

export interface AuthorizePrincipalInput {
  action: string;
  /** Defaults to `*`. */
  resource?: string;
  /** Request context; the keys derived from the principal take precedence over these. */
  context?: Record<string, ContextValue>;
  /** The resource's policy: compiled (kind resource or trust) or a document (compiled as `resource`, or `trust` for `sts:AssumeRole*`). */
  resourcePolicy?: CompiledPolicy | unknown;
  /** SCP levels from the root to the account: compiled policies or documents. */
  scp?: (CompiledPolicy | unknown)[][];
  /** Session policies (role sessions): compiled or documents. */
  session?: (CompiledPolicy | unknown)[];
  /** The account that owns the resource. Defaults to the account in the resource ARN, else the principal's. */
  resourceAccount?: string;
}

declare module "./account.ts" {
  interface Account {
    /**
     * Resolves a principal of this account into the engine's inputs: a user ARN, a role ARN (a
     * session of that role), an assumed-role session ARN (`arn:aws:sts::A:assumed-role/ROLE/SESSION`)
     * or the root user (`arn:aws:iam::A:root`). Cached until the account changes.
     * @throws IamError `NoSuchEntity` for an unknown principal, `InvalidInput` for a malformed ARN
     * @example
     * const { identity, boundary, context } = account.resolvePrincipal("arn:aws:iam::111122223333:user/alice");
     */
    resolvePrincipal(arn: string): ResolvedPrincipal;
    /**
     * Resolves the principal and decides one request with the engine.
     * @example
     * account.authorizePrincipal(aliceArn, { action: "s3:GetObject", resource: "arn:aws:s3:::reports/q1.csv" }).decision
     */
    authorizePrincipal(arn: string, input: AuthorizePrincipalInput): AuthorizationResult;
  }
}

// ---------------------------------------------------------------------------------------------
// The cache

interface CachedPolicy {
  policy: CompiledPolicy;
  source: PolicySource;
  text: string;
}

interface AccountCache {
  version: number;
  /** Keyed by kind, policyId and document text. */
  policies: Map<string, CachedPolicy>;
  principals: Map<string, ResolvedTarget>;
  /** An identity policy allowing everything, for boundary / SCP detail checks. */
  allowAll?: CompiledPolicy;
}

const caches = new WeakMap<Account, AccountCache>();
const MAX_CACHED_PRINCIPALS = 1024;

function cacheOf(account: Account): AccountCache {
  let cache = caches.get(account);
  if (!cache) {
    cache = { version: account.version, policies: new Map(), principals: new Map() };
    caches.set(account, cache);
  } else if (cache.version !== account.version) {
    sweep(account, cache);
  }
  return cache;
}

/** Drops the principals and disposes compiled policies whose source changed or went away. */
function sweep(account: Account, cache: AccountCache): void {
  cache.principals.clear();
  for (const [key, entry] of cache.policies) {
    if (currentText(account, entry.source) !== entry.text) {
      entry.policy.dispose();
      cache.policies.delete(key);
    }
  }
  cache.version = account.version;
}

/** The document a source has now, or undefined when it is gone. */
function currentText(account: Account, source: PolicySource): string | undefined {
  if (source.policyArn) return managedPolicy(account, source.policyArn)?.text;
  const owner = source.owner;
  if (!owner) return undefined;
  const name = owner.name.toLowerCase();
  const entity = owner.type === "user" ? account.store.users.get(name) : owner.type === "group" ? account.store.groups.get(name) : account.store.roles.get(name);
  if (!entity || entity.Arn !== owner.arn) return undefined;
  return inlineList(entity).find((p) => p.PolicyName === source.policyName)?.PolicyDocument;
}

function inlineList(entity: UserEntity | GroupEntity | RoleEntity): InlinePolicy[] {
  if ("UserPolicyList" in entity) return entity.UserPolicyList;
  if ("GroupPolicyList" in entity) return entity.GroupPolicyList;
  return entity.RolePolicyList;
}

/** @internal the account's allow-everything identity policy (compiled once per account). */
export function allowAllPolicy(account: Account): CompiledPolicy {
  const cache = cacheOf(account);
  if (!cache.allowAll || cache.allowAll.disposed) {
    cache.allowAll = account.engine.compile({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] }, { kind: "identity", id: "iam-edge:allow-all" });
  }
  return cache.allowAll;
}

// ---------------------------------------------------------------------------------------------
// Managed policies: the store first (customer-managed, and AWS-managed ones imported from GAAD),
// then the library of AWS-managed policies.

/**
 * @internal A managed policy's name, default document and origin, by ARN: the account's store
 * (customer-managed, and AWS-managed ones imported from GAAD), then the AWS-managed library
 * (`findManagedPolicy` of aws-managed.ts).
 */
export function managedPolicy(account: Account, arn: string): { name: string; text: string; awsManaged: boolean; entity: ManagedPolicyEntity } | undefined {
  const entity = findManagedPolicy(account, arn);
  if (!entity) return undefined;
  const version = entity.PolicyVersionList.find((v) => v.VersionId === entity.DefaultVersionId) ?? entity.PolicyVersionList.find((v) => v.IsDefaultVersion);
  if (!version) return undefined;
  return { name: entity.PolicyName, text: version.Document, awsManaged: entity.AwsManaged, entity };
}

/** Managed policies are not bound by the customer-managed quota here: they were checked when stored, and AWS-managed ones exceed it. */
const RESOLVE_MAX_SIZE = 1 << 20;

function compiled(account: Account, cache: AccountCache, source: PolicySource, text: string): CompiledPolicy {
  const key = `${source.kind}\u0000${source.policyId}\u0000${text}`;
  const hit = cache.policies.get(key);
  if (hit && !hit.policy.disposed) return hit.policy;
  let policy: CompiledPolicy;
  try {
    policy = account.engine.compile(text, { kind: source.kind, id: source.policyId, maxSize: RESOLVE_MAX_SIZE });
  } catch (err) {
    if (err instanceof PolicyValidationError) {
      throw new IamError("MalformedPolicyDocument", `${describeSource(source)}: ${err.message}`, err.diagnostics);
    }
    throw err;
  }
  cache.policies.set(key, { policy, source, text });
  return policy;
}

function describeSource(source: PolicySource): string {
  if (source.owner) return `inline policy '${source.policyName}' of ${source.owner.type} '${source.owner.name}'`;
  return `managed policy '${source.policyArn}'`;
}

// ---------------------------------------------------------------------------------------------
// Resolution

const PRINCIPAL_ARN = /^arn:([a-z0-9-]+):(iam|sts)::(\d{12}):(.+)$/;

/** @internal A parsed principal or policy-source ARN. */
export interface ParsedArn {
  kind: "user" | "group" | "role" | "session" | "root";
  account: string;
  /** Entity name (the last path segment), role name for sessions. */
  name: string;
  sessionName?: string;
}

/** @internal A resolution of a principal, or of a group (SimulatePrincipalPolicy). */
export type TargetType = PrincipalType | "Group";
/** @internal */
export interface ResolvedTarget extends Omit<ResolvedPrincipal, "type"> {
  type: TargetType;
  group?: GroupEntity;
}

/** @internal */
export function parsePrincipalArn(arn: unknown): ParsedArn | undefined {
  if (typeof arn !== "string") return undefined;
  const m = PRINCIPAL_ARN.exec(arn);
  if (!m) return undefined;
  const [, , service, account, rest] = m;
  if (service === "iam") {
    if (rest === "root") return { kind: "root", account, name: "root" };
    const e = /^(user|group|role)(\/(?:[\x21-\x7e]*\/)?)?([\w+=,.@-]+)$/.exec(rest);
    if (!e) return undefined;
    return { kind: e[1] as "user" | "group" | "role", account, name: e[3] };
  }
  const s = /^assumed-role\/([\w+=,.@-]+)\/([\w+=,.@-]+)$/.exec(rest);
  if (s) return { kind: "session", account, name: s[1], sessionName: s[2] };
  return undefined;
}

/**
 * @internal Resolves a user, group, role, session or root ARN (groups: for SimulatePrincipalPolicy).
 */
export function resolveTarget(account: Account, arn: string): ResolvedTarget {
  const cache = cacheOf(account);
  const cached = cache.principals.get(arn);
  if (cached) return cached;
  const parsed = parsePrincipalArn(arn);
  if (!parsed) throw new IamError("InvalidInput", `'${String(arn)}' is not the ARN of an IAM user, group, role, role session or root user`);
  if (parsed.account !== account.accountId) {
    throw new IamError("NoSuchEntity", `the principal '${arn}' is not in account ${account.accountId}`);
  }
  const identity: CompiledPolicy[] = [];
  const sources = new Map<string, PolicySource>();
  const add = (source: PolicySource, text: string): CompiledPolicy => {
    const policy = compiled(account, cache, source, text);
    sources.set(source.policyId, { ...source, document: text });
    return policy;
  };
  const addInline = (type: "user" | "group" | "role", entity: UserEntity | GroupEntity | RoleEntity, name: string) => {
    for (const p of inlineList(entity)) {
      const source: PolicySource = { policyId: `${entity.Arn}${INLINE_SEPARATOR}${p.PolicyName}`, kind: "identity", owner: { type, name, arn: entity.Arn }, policyName: p.PolicyName, awsManaged: false };
      identity.push(add(source, p.PolicyDocument));
    }
  };
  const addManaged = (owner: string, list: { PolicyArn: string }[], seen: Set<string>) => {
    for (const a of list) {
      // A user's own and its groups' attachments may name one policy: it takes part once.
      if (seen.has(a.PolicyArn)) continue;
      seen.add(a.PolicyArn);
      const m = managedPolicy(account, a.PolicyArn);
      if (!m) throw new IamError("NoSuchEntity", `Policy ${a.PolicyArn} attached to ${owner} does not exist or is not attachable.`);
      identity.push(add({ policyId: a.PolicyArn, kind: "identity", policyName: m.name, policyArn: a.PolicyArn, awsManaged: m.awsManaged }, m.text));
    }
  };
  const boundaryOf = (owner: string, ref: { PermissionsBoundaryArn: string } | undefined): CompiledPolicy | undefined => {
    if (!ref) return undefined;
    const m = managedPolicy(account, ref.PermissionsBoundaryArn);
    if (!m) throw new IamError("NoSuchEntity", `Permissions boundary ${ref.PermissionsBoundaryArn} of ${owner} does not exist.`);
    return add({ policyId: ref.PermissionsBoundaryArn, kind: "boundary", policyName: m.name, policyArn: ref.PermissionsBoundaryArn, awsManaged: m.awsManaged }, m.text);
  };

  const context: Record<string, ContextValue> = { "aws:PrincipalAccount": account.accountId };
  let type: TargetType;
  let user: UserEntity | undefined, group: GroupEntity | undefined, role: RoleEntity | undefined;
  let boundary: CompiledPolicy | undefined;
  switch (parsed.kind) {
    case "root":
      type = "Account";
      context["aws:PrincipalArn"] = account.rootArn;
      context["aws:PrincipalType"] = "Account";
      context["aws:userid"] = account.accountId;
      break;
    case "user": {
      user = account.store.users.get(parsed.name.toLowerCase());
      if (!user || user.Arn !== arn) throw new IamError("NoSuchEntity", `The user with name ${parsed.name} cannot be found.`);
      type = "User";
      const seen = new Set<string>();
      addInline("user", user, user.UserName);
      addManaged(`user ${user.UserName}`, user.AttachedManagedPolicies, seen);
      for (const groupName of user.GroupList) {
        const g = account.store.groups.get(groupName.toLowerCase());
        if (!g) throw new IamError("NoSuchEntity", `The group with name ${groupName} cannot be found.`);
        addInline("group", g, g.GroupName);
        addManaged(`group ${g.GroupName}`, g.AttachedManagedPolicies, seen);
      }
      boundary = boundaryOf(`user ${user.UserName}`, user.PermissionsBoundary);
      context["aws:PrincipalArn"] = user.Arn;
      context["aws:PrincipalType"] = "User";
      context["aws:userid"] = user.UserId;
      context["aws:username"] = user.UserName;
      for (const t of user.Tags) context[`aws:PrincipalTag/${t.Key}`] = t.Value;
      break;
    }
    case "group":
      group = account.store.groups.get(parsed.name.toLowerCase());
      if (!group || group.Arn !== arn) throw new IamError("NoSuchEntity", `The group with name ${parsed.name} cannot be found.`);
      type = "Group";
      addInline("group", group, group.GroupName);
      addManaged(`group ${group.GroupName}`, group.AttachedManagedPolicies, new Set());
      // A group is not a principal: no derived keys beyond the account.
      break;
    case "role":
    case "session":
      role = account.store.roles.get(parsed.name.toLowerCase());
      // A session ARN drops the role's path ("IAM identifiers"): match it by name only.
      if (!role || (parsed.kind === "role" && role.Arn !== arn)) throw new IamError("NoSuchEntity", `The role with name ${parsed.name} cannot be found.`);
      type = "AssumedRole";
      addInline("role", role, role.RoleName);
      addManaged(`role ${role.RoleName}`, role.AttachedManagedPolicies, new Set());
      boundary = boundaryOf(`role ${role.RoleName}`, role.PermissionsBoundary);
      context["aws:PrincipalArn"] = role.Arn;
      context["aws:PrincipalType"] = "AssumedRole";
      // A bare role ARN names no session, so aws:userid (`AROA...:session`) is left out.
      if (parsed.sessionName) context["aws:userid"] = `${role.RoleId}:${parsed.sessionName}`;
      for (const t of role.Tags) context[`aws:PrincipalTag/${t.Key}`] = t.Value;
      break;
  }
  const result: ResolvedTarget = {
    arn, requestPrincipal: arn, type, accountId: account.accountId, user, role, group, sessionName: parsed.sessionName,
    identity, boundary, bundle: account.engine.link({ identity, boundary }), context, sources, version: account.version,
  };
  for (const k of ["user", "role", "group", "sessionName", "boundary"] as const) if (result[k] === undefined) delete result[k];
  // Many distinct session names could grow the map without bound: start over past a limit.
  if (cache.principals.size >= MAX_CACHED_PRINCIPALS) cache.principals.clear();
  cache.principals.set(arn, result);
  return result;
}

/** Merges context maps; keys compare ignoring case and later maps win. */
export function mergeContext(...maps: (Record<string, ContextValue> | undefined)[]): Record<string, ContextValue> {
  const out: Record<string, ContextValue> = {};
  const spelling = new Map<string, string>();
  for (const map of maps) {
    if (!map) continue;
    for (const [key, value] of Object.entries(map)) {
      if (value === undefined || value === null) continue;
      const lower = key.toLowerCase();
      const prev = spelling.get(lower);
      if (prev !== undefined && prev !== key) delete out[prev];
      spelling.set(lower, key);
      out[key] = value;
    }
  }
  return out;
}

/** The account id in a resource ARN (`arn:aws:s3:::b` has none). */
export function resourceAccountOf(resource: string | undefined): string | undefined {
  if (!resource) return undefined;
  const parts = resource.split(":");
  return parts.length >= 6 && parts[0] === "arn" && /^\d{12}$/.test(parts[4]) ? parts[4] : undefined;
}

function compileExtra(account: Account, doc: unknown, kind: PolicyKind, id: string, temp: CompiledPolicy[]): CompiledPolicy {
  if (doc instanceof CompiledPolicy) return doc;
  try {
    const p = account.engine.compile(doc, { kind, id });
    temp.push(p);
    return p;
  } catch (err) {
    if (err instanceof PolicyValidationError) throw new IamError("MalformedPolicyDocument", `${id}: ${err.message}`, err.diagnostics);
    throw err;
  }
}

/** True for `sts:AssumeRole`, `sts:AssumeRoleWithSAML`, `sts:AssumeRoleWithWebIdentity` (any case). */
export function isAssumeRole(action: string): boolean {
  return /^sts:assumerole/i.test(action);
}

Account.prototype.resolvePrincipal = function (this: Account, arn: string): ResolvedPrincipal {
  const parsed = parsePrincipalArn(arn);
  if (parsed?.kind === "group") throw new IamError("InvalidInput", `'${arn}' is a group: a group cannot make requests (use a user, role, role session or root ARN)`);
  const principal = resolveTarget(this, arn) as ResolvedPrincipal;
  return sessionResolver && principal.type === "AssumedRole" ? sessionResolver.overlay(this, principal) : principal;
};

Account.prototype.authorizePrincipal = function (this: Account, arn: string, input: AuthorizePrincipalInput): AuthorizationResult {
  if (!input || typeof input.action !== "string") throw new IamError("InvalidInput", "`action` is required");
  return authorizeResolved(this, this.resolvePrincipal(arn), input);
};

/**
 * @internal Decides one request for a resolved principal. A session's policies (`principal.session`)
 * fill the engine's `session` slot unless `input.session` is given.
 */
export function authorizeResolved(account: Account, principal: ResolvedPrincipal, input: AuthorizePrincipalInput): AuthorizationResult {
  if (!input || typeof input.action !== "string") throw new IamError("InvalidInput", "`action` is required");
  const self = account;
  const context = mergeContext(input.context, principal.context);
  const resourceAccount = input.resourceAccount ?? resourceAccountOf(input.resource);
  const request = { principal: principal.requestPrincipal, action: input.action, resource: input.resource, context, resourceAccount };
  if (input.resourcePolicy === undefined && input.scp === undefined && input.session === undefined && principal.session === undefined) {
    return self.engine.authorize(request, principal.bundle);
  }
  const temp: CompiledPolicy[] = [];
  try {
    const set: PolicySet = { identity: principal.identity, boundary: principal.boundary };
    if (input.resourcePolicy !== undefined) {
      const kind: PolicyKind = isAssumeRole(input.action) ? "trust" : "resource";
      set.resource = compileExtra(self, input.resourcePolicy, kind, "ResourcePolicy", temp);
    }
    if (input.scp) set.scp = input.scp.map((level, i) => level.map((p, j) => compileExtra(self, p, "scp", `SCP.${i + 1}.${j + 1}`, temp)));
    if (input.session) set.session = input.session.map((p, i) => compileExtra(self, p, "session", `SessionPolicy.${i + 1}`, temp));
    else if (principal.session) set.session = principal.session;
    return self.engine.authorize(request, set);
  } finally {
    for (const p of temp) p.dispose();
  }
}

// ---------------------------------------------------------------------------------------------
// Operation authorization: AccessDenied with AWS's enhanced message

const DENY_IN: Partial<Record<PolicyKind, string>> = {
  scp: "a service control policy", rcp: "a resource control policy", identity: "an identity-based policy",
  resource: "a resource-based policy", trust: "a resource-based policy", boundary: "a permissions boundary",
  session: "a session policy",
};
const DENY_ORDER: PolicyKind[] = ["scp", "rcp", "identity", "resource", "trust", "boundary", "session"];

/**
 * AWS's AccessDenied text for a result that is not Allow ("Troubleshooting access denied error
 * messages"): `User: <arn> is not authorized to perform: <action> on resource: <resource>
 * because no identity-based policy allows the <action> action`, or `... with an explicit deny
 * in an identity-based policy` (also: a permissions boundary, a session policy, a resource-based
 * policy, a service control policy, a resource control policy).
 */
export function accessDeniedMessage(caller: string, action: string, resource: string, result: Pick<AuthorizationResult, "decision" | "matchedStatements" | "reason">): string {
  const head = `User: ${caller} is not authorized to perform: ${action} on resource: ${resource}`;
  if (result.decision === "ExplicitDeny") {
    const kinds = new Set(result.matchedStatements.filter((s) => s.effect === "Deny").map((s) => s.kind));
    const kind = DENY_ORDER.find((k) => kinds.has(k)) ?? "identity";
    return `${head} with an explicit deny in ${DENY_IN[kind]}`;
  }
  const missing: Record<string, string> = {
    BoundaryNoAllow: "permissions boundary", SessionNoAllow: "session policy", ScpNoAllow: "service control policy",
    RcpNoAllow: "resource control policy", TrustPolicyNoAllow: "resource-based policy", CrossAccountNoResourceAllow: "resource-based policy",
  };
  return `${head} because no ${missing[result.reason.code] ?? "identity-based policy"} allows the ${action} action`;
}

setCallerAuthorizer(async (account, caller, action, resource, context) => {
  let result: AuthorizationResult;
  const given: unknown = caller;
  if (given !== null && typeof given === "object") {
    // Credentials `{ accessKeyId, sessionToken }` (untyped callers; STS operations take them typed):
    // STS resolves them, and its errors (InvalidClientTokenId and so on) pass through.
    if (!sessionResolver) throw new IamError("ServiceFailure", "credentials need js/sts (import from js/iam/index.ts)");
    const principal = await sessionResolver.credentials(account, given as CallerCredentials);
    result = authorizeResolved(account, principal, { action, resource, context });
    if (result.decision !== "Allow") throw new IamError("AccessDenied", accessDeniedMessage(principal.arn, action, resource, result));
    return;
  }
  try {
    result = account.authorizePrincipal(caller, { action, resource, context });
  } catch (err) {
    // A caller that is not a principal of this account has no policies here: implicitly denied.
    if (err instanceof IamError && (err.code === "NoSuchEntity" || err.code === "InvalidInput")) {
      throw new IamError("AccessDenied", accessDeniedMessage(caller, action, resource, { decision: "ImplicitDeny", matchedStatements: [], reason: { code: "NoAllow" } }));
    }
    throw err;
  }
  if (result.decision !== "Allow") throw new IamError("AccessDenied", accessDeniedMessage(caller, action, resource, result));
});
