/**
 * @module sts/assume-role
 * AssumeRole (API_AssumeRole; "Requesting temporary security credentials"; "Passing session
 * tags in AWS STS"; "Monitor and control actions taken with assumed roles" for SourceIdentity).
 *
 * Order of checks: parameter syntax (ValidationError), the caller (credentials errors), the role
 * (AccessDenied when it does not exist, so existence is not revealed), duration, session
 * policies (MalformedPolicyDocument, PackedPolicyTooLarge), tags (InvalidParameterValue for a
 * transitive tag overridden), SourceIdentity, MFA (the code is consumed here), then authorization
 * of `sts:AssumeRole` (and `sts:TagSession`, `sts:SetSourceIdentity`) by the engine with the
 * trust policy in the resource slot, the caller's identity policies, boundary and session
 * policies: the engine applies AWS's rules (the trust must allow explicitly; a trust naming only
 * the account, or a caller from another account, also needs an identity Allow).
 */
import type { AccountState } from "../iam/account-state.ts";
import { noteDecision } from "../iam/audit/run.ts";
import { IamError } from "../iam/errors.ts";
import type { RoleEntity, SessionData, Tag } from "../iam/store.ts";
import type { ContextValue } from "../engine/request.ts";
import type { CompiledPolicy, PolicySet } from "../engine/engine.ts";
import { accessDeniedMessage } from "../iam/resolve/access-denied.ts";
import { mergeContext } from "../iam/resolve/authorize.ts";
import { suppliedContext } from "../iam/resolve/supplied-context.ts";
import { sessionArn } from "../iam/resolve/sessions.ts";
import { checkSessionPolicies, packedTooLarge, PACKED_LIMIT, type SessionPolicies } from "./session-policies.ts";
import { checkDuration, checkMfaParams, checkString, SESSION_NAME, validationError, verifyCallerMfa } from "./params.ts";
import { issueCredentials, type Credentials } from "./credentials.ts";
import { resolveStsCaller, type StsCallerInfo, type StsOptions } from "./caller-identity.ts";

export interface AssumeRoleRequest {
  RoleArn: string;
  RoleSessionName: string;
  DurationSeconds?: number;
  ExternalId?: string;
  SerialNumber?: string;
  TokenCode?: string;
  /** Session policy: a document (object, JSON text or URL-encoded JSON text). */
  Policy?: unknown;
  PolicyArns?: { arn: string }[];
  Tags?: Tag[];
  TransitiveTagKeys?: string[];
  SourceIdentity?: string;
}

export interface AssumeRoleResponse {
  Credentials: Credentials;
  AssumedRoleUser: { Arn: string; AssumedRoleId: string };
  /** Percentage of the packed-size allowance used by session policies and tags (present when some were passed). */
  PackedPolicySize?: number;
  SourceIdentity?: string;
}

const EXTERNAL_ID = /^[\w+=,.@:/-]*$/;
const TAG_KEY = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;
const MAX_TAGS = 50;

/** The request, its syntax checked (API_AssumeRole request parameters). */
interface AssumeRoleParams {
  roleArn: string;
  sessionName: string;
  externalId?: string;
  sourceIdentity?: string;
  mfa?: { serial: string; code: string };
  duration?: number;
  /** Session tags passed in the request, and the transitive keys among them. */
  tags: Tag[];
  transitive: string[];
}

/** The session's tags: the calling session's transitive ones carried over, then the request's. */
interface SessionTags {
  all: Tag[];
  transitiveKeys: string[];
}

/**
 * AssumeRole: temporary credentials for a role of this account. Steps, in the order their
 * errors are answered: parameters, the caller, the role, duration, session policies, tags,
 * SourceIdentity, MFA, the trust policy's decisions, then the credentials.
 */
export async function assumeRole(account: AccountState, input: AssumeRoleRequest, options?: StsOptions): Promise<AssumeRoleResponse> {
  const req = checkRequest(input);
  const caller = await resolveStsCaller(account, options, true);
  const callerSession = caller.session && caller.session.kind !== "GetSessionToken" ? caller.session : undefined;
  const role = roleToAssume(account, req.roleArn, caller.arn);
  const seconds = sessionDuration(req.duration, role, callerSession !== undefined);
  const policies = checkSessionPolicies(account, input.Policy, input.PolicyArns);
  const tags = sessionTags(req, input.Tags, callerSession);
  const sourceIdentity = sourceIdentityOf(req.sourceIdentity, callerSession?.sourceIdentity ?? caller.session?.sourceIdentity);
  const nowSeconds = Math.floor(account.now().getTime() / 1000);
  if (req.mfa) await verifyCallerMfa(caller, req.mfa);
  authorizeTrust(account, { req, caller, role, tags, sourceIdentity, nowSeconds }, options);
  const session: Omit<SessionData, "accessKeyId"> = {
    kind: "AssumeRole", accountId: account.accountId, roleArn: role.Arn, roleId: role.RoleId, sessionName: req.sessionName,
    tags: tags.all, transitiveTagKeys: tags.transitiveKeys, mfaAuthenticated: req.mfa !== undefined || (caller.session?.mfaAuthenticated ?? false),
    issuedAt: nowSeconds, expiresAt: nowSeconds + seconds, chained: callerSession !== undefined,
  };
  if (policies.policy !== undefined) session.policy = policies.policy;
  if (policies.policyArns.length > 0) session.policyArns = policies.policyArns;
  if (sourceIdentity !== undefined) session.sourceIdentity = sourceIdentity;
  const mfaAuthTime = req.mfa ? nowSeconds : caller.session?.mfaAuthenticated ? caller.session.mfaAuthTime : undefined;
  if (session.mfaAuthenticated && mfaAuthTime !== undefined) session.mfaAuthTime = mfaAuthTime;
  const { credentials, session: issued } = await issueCredentials(account, session);
  role.RoleLastUsed = { LastUsedDate: account.timestamp(), Region: options?.region ?? "us-east-1" };
  return response(account, credentials, issued, policies, tags.all.length);
}

function checkRequest(input: AssumeRoleRequest): AssumeRoleParams {
  if (!input || typeof input !== "object") throw validationError("roleArn", "Member must not be null");
  const roleArn = checkString(input.RoleArn, "roleArn", 20, 2048, /^arn:[\w-]+:iam::\d{12}:role\/[\x21-\x7e]+$/, "arn:aws:iam::ACCOUNT:role/NAME", true)!;
  const sessionName = checkString(input.RoleSessionName, "roleSessionName", 2, 64, SESSION_NAME, "[\\w+=,.@-]*", true)!;
  const externalId = checkString(input.ExternalId, "externalId", 2, 1224, EXTERNAL_ID, "[\\w+=,.@:\\/-]*");
  const sourceIdentity = checkString(input.SourceIdentity, "sourceIdentity", 2, 64, SESSION_NAME, "[\\w+=,.@-]*");
  if (sourceIdentity !== undefined && /^aws:/i.test(sourceIdentity)) throw new IamError("ValidationError", "SourceIdentity cannot begin with the prefix aws:");
  const mfa = checkMfaParams(input.SerialNumber, input.TokenCode);
  const duration = input.DurationSeconds === undefined || input.DurationSeconds === null ? undefined : checkDuration(input.DurationSeconds, 900, 43200, 3600);
  const tags = checkRequestTags(input.Tags);
  return { roleArn, sessionName, externalId, sourceIdentity, mfa, duration, tags, transitive: checkTransitiveKeys(input.TransitiveTagKeys, tags) };
}

/** Session tags (API_Tag: key 1-128, value 0-256), unique keys ignoring case, no `aws:` prefix. */
function checkRequestTags(value: unknown): Tag[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw validationError("tags", "Member must be a list");
  const tags: Tag[] = [];
  const seen = new Set<string>();
  for (const t of value) {
    const key = checkString(t?.Key, "tags.member.key", 1, 128, TAG_KEY, "[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+", true)!;
    const tagValue = checkString(t?.Value, "tags.member.value", 0, 256, TAG_KEY, "[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*", true)!;
    if (/^aws:/i.test(key)) throw new IamError("InvalidParameterValue", "Tag keys cannot start with the prefix aws:");
    if (seen.has(key.toLowerCase())) throw new IamError("InvalidParameterValue", "Duplicate tag keys found. Please note that Tag keys are case insensitive.");
    seen.add(key.toLowerCase());
    tags.push({ Key: key, Value: tagValue });
  }
  return tags;
}

/** TransitiveTagKeys: keys of the request's session tags (spelled as the tag spells them). */
function checkTransitiveKeys(value: unknown, tags: Tag[]): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.length > MAX_TAGS) throw validationError("transitiveTagKeys", `Member must have length less than or equal to ${MAX_TAGS}`);
  const transitive: string[] = [];
  for (const k of value) {
    checkString(k, "transitiveTagKeys.member", 1, 128, TAG_KEY, "[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+", true);
    const tag = tags.find((t) => t.Key.toLowerCase() === k.toLowerCase());
    if (!tag) throw new IamError("InvalidParameterValue", `The transitive tag key ${k} is not one of the session tags passed in the request.`);
    if (!transitive.some((x) => x.toLowerCase() === k.toLowerCase())) transitive.push(tag.Key);
  }
  return transitive;
}

/** The role: unknown or in another account is AccessDenied (existence is not revealed). */
function roleToAssume(account: AccountState, roleArn: string, caller: string): RoleEntity {
  const role = account.store.roles.get(roleArn.slice(roleArn.lastIndexOf("/") + 1).toLowerCase());
  if (!role || role.Arn !== roleArn) throw deniedRole(caller, roleArn);
  return role;
}

function deniedRole(caller: string, roleArn: string): IamError {
  return new IamError("AccessDenied", `User: ${caller} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`);
}

/** DurationSeconds (default 3600): at most one hour when chaining roles, at most the role's MaxSessionDuration. */
function sessionDuration(duration: number | undefined, role: RoleEntity, chained: boolean): number {
  const seconds = duration ?? 3600;
  if (chained && seconds > 3600) throw new IamError("ValidationError", "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.");
  if (seconds > role.MaxSessionDuration) throw new IamError("ValidationError", "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
  return seconds;
}

/** Transitive tags of the calling session carry over and cannot be overridden; at most 50 in all. */
function sessionTags(req: AssumeRoleParams, given: unknown[] | undefined, callerSession: SessionData | undefined): SessionTags {
  const carried = callerSession ? callerSession.tags.filter((t) => callerSession.transitiveTagKeys.some((k) => k.toLowerCase() === t.Key.toLowerCase())) : [];
  for (const t of req.tags) {
    if (carried.some((c) => c.Key.toLowerCase() === t.Key.toLowerCase())) {
      throw new IamError("InvalidParameterValue", `The session tag ${t.Key} cannot be set: it is a transitive tag of the calling session, and transitive tags cannot be overridden.`);
    }
  }
  const all = [...carried, ...req.tags];
  if (given && given.length > MAX_TAGS) throw packedTooLarge(Math.ceil((100 * given.length) / MAX_TAGS));
  if (all.length > MAX_TAGS) throw packedTooLarge(Math.ceil((100 * all.length) / MAX_TAGS));
  return { all, transitiveKeys: [...carried.map((t) => t.Key), ...req.transitive] };
}

/** SourceIdentity: once set on the calling session, it cannot change. */
function sourceIdentityOf(requested: string | undefined, inherited: string | undefined): string | undefined {
  if (inherited !== undefined && requested !== undefined && requested !== inherited) {
    throw new IamError("AccessDenied", `The source identity ${inherited} of the calling session cannot be changed.`);
  }
  return requested ?? inherited;
}

/** What the trust decisions need. */
interface TrustCheck {
  req: AssumeRoleParams;
  caller: StsCallerInfo;
  role: RoleEntity;
  tags: SessionTags;
  sourceIdentity?: string;
  nowSeconds: number;
}

/**
 * `sts:AssumeRole` (and `sts:TagSession` with tags, `sts:SetSourceIdentity` with a source
 * identity) decided by the engine with the trust policy in the resource slot and the caller's
 * identity policies, boundary and session policies; each decision joins the audit record.
 */
function authorizeTrust(account: AccountState, check: TrustCheck, options: StsOptions | undefined): void {
  const { caller, role } = check;
  // The request's parameters and the caller's credentials set their own keys; options.context
  // adds only transport keys (supplied-context.ts), so an absent ExternalId stays absent.
  // The organizations: the caller's bounds the caller (SCPs, aws:PrincipalOrg*), the role's
  // account's bounds the role (RCPs, aws:ResourceOrg*): "Cross-account policy evaluation logic".
  const callerOrg = caller.principal ? caller.account?.organization : undefined;
  const roleOrg = account.organization;
  const context = mergeContext(suppliedContext(options?.context, { mfa: false }), roleOrg?.resourceContext, callerOrg?.principalContext, caller.principal?.context, requestContext(account, check));
  let trust: CompiledPolicy;
  try {
    trust = account.engine.compile(role.AssumeRolePolicyDocument, { kind: "trust", id: `${role.Arn}#trust-policy`, maxSize: 1 << 20 });
  } catch {
    throw deniedRole(caller.arn, check.req.roleArn);
  }
  try {
    const set: PolicySet = { resource: trust };
    if (caller.principal) {
      set.identity = caller.principal.identity;
      if (caller.principal.boundary) set.boundary = caller.principal.boundary;
      if (caller.principal.session) set.session = caller.principal.session;
      if (callerOrg?.scp) set.scp = callerOrg.scp;
    }
    const actions = ["sts:AssumeRole"];
    if (check.tags.all.length > 0) actions.push("sts:TagSession");
    if (check.sourceIdentity !== undefined) actions.push("sts:SetSourceIdentity");
    for (const action of actions) {
      const rcp = roleOrg?.rcp(action);
      if (rcp) set.rcp = rcp;
      else delete set.rcp;
      const result = account.engine.authorize({ principal: caller.arn, action, resource: role.Arn, context, resourceAccount: account.accountId }, set);
      noteDecision(account, options, action, role.Arn, result);
      if (result.decision !== "Allow") throw new IamError("AccessDenied", accessDeniedMessage(caller.arn, action, role.Arn, result));
    }
  } finally {
    trust.dispose();
  }
}

/** The request's context keys ("IAM and AWS STS condition context keys"). */
function requestContext(account: AccountState, { req, sourceIdentity, nowSeconds }: TrustCheck): Record<string, ContextValue> {
  const request: Record<string, ContextValue> = {
    "sts:RoleSessionName": req.sessionName,
    "aws:CurrentTime": account.timestamp(),
    "aws:EpochTime": nowSeconds,
  };
  if (req.externalId !== undefined) request["sts:ExternalId"] = req.externalId;
  if (sourceIdentity !== undefined) request["sts:SourceIdentity"] = sourceIdentity;
  if (req.tags.length > 0) {
    for (const t of req.tags) request[`aws:RequestTag/${t.Key}`] = t.Value;
    request["aws:TagKeys"] = req.tags.map((t) => t.Key);
  }
  if (req.transitive.length > 0) request["sts:TransitiveTagKeys"] = req.transitive;
  if (req.mfa) {
    request["aws:MultiFactorAuthPresent"] = true;
    request["aws:MultiFactorAuthAge"] = 0;
  }
  return request;
}

function response(account: AccountState, credentials: Credentials, issued: SessionData, policies: SessionPolicies, tagCount: number): AssumeRoleResponse {
  const out: AssumeRoleResponse = {
    Credentials: credentials,
    AssumedRoleUser: { Arn: sessionArn(issued, account.partition), AssumedRoleId: `${issued.roleId}:${issued.sessionName}` },
  };
  if (policies.policy !== undefined || policies.policyArns.length > 0 || tagCount > 0) {
    out.PackedPolicySize = Math.max(1, Math.ceil(Math.max((100 * policies.plaintext) / PACKED_LIMIT, (100 * tagCount) / MAX_TAGS)));
  }
  if (issued.sourceIdentity !== undefined) out.SourceIdentity = issued.sourceIdentity;
  return out;
}
