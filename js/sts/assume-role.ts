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
import type { SessionData, Tag } from "../iam/store.ts";
import type { ContextValue } from "../engine/request.ts";
import type { AuthorizationResult, CompiledPolicy, PolicySet } from "../engine/engine.ts";
import { accessDeniedMessage } from "../iam/resolve/access-denied.ts";
import { mergeContext } from "../iam/resolve/authorize.ts";
import { sessionArn } from "../iam/resolve/sessions.ts";
import { verifyMfaCode } from "../iam/ops/mfa.ts";
import { checkSessionPolicies, packedTooLarge, PACKED_LIMIT } from "./session-policies.ts";
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


// ---------------------------------------------------------------------------------------------
// Parameter checks (API_AssumeRole request parameters)

export function validationError(field: string, constraint: string, value?: unknown): IamError {
  const v = value === undefined ? "" : ` '${String(value)}'`;
  return new IamError("ValidationError", `1 validation error detected: Value${v} at '${field}' failed to satisfy constraint: ${constraint}`);
}

export function checkString(value: unknown, field: string, min: number, max: number, pattern: RegExp, patternText: string, required = false): string | undefined {
  if (value === undefined || value === null) {
    if (required) throw validationError(field, "Member must not be null");
    return undefined;
  }
  if (typeof value !== "string") throw validationError(field, "Member must be a string");
  if (value.length < min) throw validationError(field, `Member must have length greater than or equal to ${min}`, value);
  if (value.length > max) throw validationError(field, `Member must have length less than or equal to ${max}`, value);
  if (!pattern.test(value)) throw validationError(field, `Member must satisfy regular expression pattern: ${patternText}`, value);
  return value;
}

export const SESSION_NAME = /^[\w+=,.@-]*$/;
const EXTERNAL_ID = /^[\w+=,.@:/-]*$/;
const SERIAL = /^[\w+=/:,.@-]*$/;

/** DurationSeconds: an integer in [min, max]; ValidationError as STS words it. */
export function checkDuration(value: unknown, min: number, max: number, fallback: number): number {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== "number" || !Number.isInteger(value)) throw validationError("durationSeconds", "Member must be an integer", value);
  if (value < min) throw validationError("durationSeconds", `Member must have value greater than or equal to ${min}`, value);
  if (value > max) throw validationError("durationSeconds", `Member must have value less than or equal to ${max}`, value);
  return value;
}

/** SerialNumber + TokenCode: both or neither; returns them when given. */
export function checkMfaParams(serial: unknown, code: unknown): { serial: string; code: string } | undefined {
  const s = checkString(serial, "serialNumber", 9, 256, SERIAL, "[\\w+=/:,.@-]*");
  const c = checkString(code, "tokenCode", 6, 6, /^\d{6}$/, "[\\d]*");
  if (s === undefined && c === undefined) return undefined;
  if (s === undefined || c === undefined) throw new IamError("ValidationError", "SerialNumber and TokenCode must be given together");
  return { serial: s, code: c };
}

export const MFA_FAILED = "MultiFactorAuthentication failed with invalid MFA one time pass code. ";

/** Verifies the caller's MFA code (usable once) in the caller's account; AccessDenied otherwise. */
export async function verifyCallerMfa(caller: StsCallerInfo, mfa: { serial: string; code: string }): Promise<void> {
  // Only an IAM user (or a session of one, from GetSessionToken) owns virtual MFA devices here.
  const ok = caller.account !== undefined && caller.userName !== undefined && (await verifyMfaCode(caller.account, mfa.serial, mfa.code, caller.userName));
  if (!ok) throw new IamError("AccessDenied", MFA_FAILED);
}

const MAX_TAGS = 50;

// ---------------------------------------------------------------------------------------------

export async function assumeRole(account: AccountState, input: AssumeRoleRequest, options?: StsOptions): Promise<AssumeRoleResponse> {
  if (!input || typeof input !== "object") throw validationError("roleArn", "Member must not be null");
  const roleArn = checkString(input.RoleArn, "roleArn", 20, 2048, /^arn:[\w-]+:iam::\d{12}:role\/[\x21-\x7e]+$/, "arn:aws:iam::ACCOUNT:role/NAME", true)!;
  const sessionName = checkString(input.RoleSessionName, "roleSessionName", 2, 64, SESSION_NAME, "[\\w+=,.@-]*", true)!;
  const externalId = checkString(input.ExternalId, "externalId", 2, 1224, EXTERNAL_ID, "[\\w+=,.@:\\/-]*");
  const sourceIdentity = checkString(input.SourceIdentity, "sourceIdentity", 2, 64, SESSION_NAME, "[\\w+=,.@-]*");
  if (sourceIdentity !== undefined && /^aws:/i.test(sourceIdentity)) throw new IamError("ValidationError", "SourceIdentity cannot begin with the prefix aws:");
  const mfa = checkMfaParams(input.SerialNumber, input.TokenCode);
  const duration = input.DurationSeconds === undefined || input.DurationSeconds === null ? undefined : checkDuration(input.DurationSeconds, 900, 43200, 3600);
  // Tags: syntax (API_Tag: key 1-128, value 0-256), unique keys ignoring case.
  const tags: Tag[] = [];
  if (input.Tags !== undefined && input.Tags !== null) {
    if (!Array.isArray(input.Tags)) throw validationError("tags", "Member must be a list");
    const seen = new Set<string>();
    for (const t of input.Tags) {
      const key = checkString(t?.Key, "tags.member.key", 1, 128, /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u, "[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+", true)!;
      const value = checkString(t?.Value, "tags.member.value", 0, 256, /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u, "[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*", true)!;
      if (/^aws:/i.test(key)) throw new IamError("InvalidParameterValue", "Tag keys cannot start with the prefix aws:");
      if (seen.has(key.toLowerCase())) throw new IamError("InvalidParameterValue", "Duplicate tag keys found. Please note that Tag keys are case insensitive.");
      seen.add(key.toLowerCase());
      tags.push({ Key: key, Value: value });
    }
  }
  let transitive: string[] = [];
  if (input.TransitiveTagKeys !== undefined && input.TransitiveTagKeys !== null) {
    if (!Array.isArray(input.TransitiveTagKeys) || input.TransitiveTagKeys.length > MAX_TAGS) throw validationError("transitiveTagKeys", `Member must have length less than or equal to ${MAX_TAGS}`);
    for (const k of input.TransitiveTagKeys) {
      checkString(k, "transitiveTagKeys.member", 1, 128, /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u, "[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+", true);
      const tag = tags.find((t) => t.Key.toLowerCase() === k.toLowerCase());
      if (!tag) throw new IamError("InvalidParameterValue", `The transitive tag key ${k} is not one of the session tags passed in the request.`);
      if (!transitive.some((x) => x.toLowerCase() === k.toLowerCase())) transitive.push(tag.Key);
    }
  }

  // The caller.
  const caller = await resolveStsCaller(account, options, true);
  const callerSession = caller.session && caller.session.kind !== "GetSessionToken" ? caller.session : undefined;
  const chained = callerSession !== undefined;

  // The role: unknown or in another account is AccessDenied (existence is not revealed).
  const roleName = roleArn.slice(roleArn.lastIndexOf("/") + 1);
  const role = account.store.roles.get(roleName.toLowerCase());
  const deniedRole = () => new IamError("AccessDenied", `User: ${caller.arn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`);
  if (!role || role.Arn !== roleArn) throw deniedRole();

  // Duration.
  const seconds = duration ?? 3600;
  if (chained && seconds > 3600) throw new IamError("ValidationError", "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.");
  if (seconds > role.MaxSessionDuration) throw new IamError("ValidationError", "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");

  // Session policies (session-policies.ts): the inline one validated, the managed ones present.
  const sessionPolicies = checkSessionPolicies(account, input.Policy, input.PolicyArns);
  const policyText = sessionPolicies.policy;
  const policyArns = sessionPolicies.policyArns;
  const plain = sessionPolicies.plaintext;

  // Tags: transitive tags of the calling session carry over and cannot be overridden.
  const carried = callerSession ? callerSession.tags.filter((t) => callerSession.transitiveTagKeys.some((k) => k.toLowerCase() === t.Key.toLowerCase())) : [];
  for (const t of tags) {
    if (carried.some((c) => c.Key.toLowerCase() === t.Key.toLowerCase())) {
      throw new IamError("InvalidParameterValue", `The session tag ${t.Key} cannot be set: it is a transitive tag of the calling session, and transitive tags cannot be overridden.`);
    }
  }
  const sessionTags = [...carried, ...tags];
  if (input.Tags && input.Tags.length > MAX_TAGS) throw packedTooLarge(Math.ceil((100 * input.Tags.length) / MAX_TAGS));
  if (sessionTags.length > MAX_TAGS) throw packedTooLarge(Math.ceil((100 * sessionTags.length) / MAX_TAGS));
  const transitiveKeys = [...carried.map((t) => t.Key), ...transitive];

  // SourceIdentity: once set, it cannot change.
  const inherited = callerSession?.sourceIdentity ?? caller.session?.sourceIdentity;
  if (inherited !== undefined && sourceIdentity !== undefined && sourceIdentity !== inherited) {
    throw new IamError("AccessDenied", `The source identity ${inherited} of the calling session cannot be changed.`);
  }
  const finalSourceIdentity = sourceIdentity ?? inherited;

  // MFA: the code is consumed here (usable once).
  const nowSeconds = Math.floor(account.now().getTime() / 1000);
  if (mfa) await verifyCallerMfa(caller, mfa);
  const mfaAuthenticated = mfa !== undefined || (caller.session?.mfaAuthenticated ?? false);
  const mfaAuthTime = mfa ? nowSeconds : caller.session?.mfaAuthenticated ? caller.session.mfaAuthTime : undefined;

  // Authorization: the trust policy (resource slot) and the caller's identity side.
  const request: Record<string, ContextValue> = {
    "sts:RoleSessionName": sessionName,
    "aws:CurrentTime": account.timestamp(),
    "aws:EpochTime": nowSeconds,
  };
  if (externalId !== undefined) request["sts:ExternalId"] = externalId;
  if (finalSourceIdentity !== undefined) request["sts:SourceIdentity"] = finalSourceIdentity;
  if (tags.length > 0) {
    for (const t of tags) request[`aws:RequestTag/${t.Key}`] = t.Value;
    request["aws:TagKeys"] = tags.map((t) => t.Key);
  }
  if (transitive.length > 0) request["sts:TransitiveTagKeys"] = transitive;
  if (mfa) {
    request["aws:MultiFactorAuthPresent"] = true;
    request["aws:MultiFactorAuthAge"] = 0;
  }
  const context = mergeContext(options?.context, caller.principal?.context, request);
  let trust: CompiledPolicy;
  try {
    trust = account.engine.compile(role.AssumeRolePolicyDocument, { kind: "trust", id: `${role.Arn}#trust-policy`, maxSize: 1 << 20 });
  } catch {
    throw deniedRole();
  }
  try {
    const set: PolicySet = { resource: trust };
    if (caller.principal) {
      set.identity = caller.principal.identity;
      if (caller.principal.boundary) set.boundary = caller.principal.boundary;
      if (caller.principal.session) set.session = caller.principal.session;
    }
    const decide = (action: string): AuthorizationResult =>
      account.engine.authorize({ principal: caller.arn, action, resource: role.Arn, context, resourceAccount: account.accountId }, set);
    const actions = ["sts:AssumeRole"];
    if (sessionTags.length > 0) actions.push("sts:TagSession");
    if (finalSourceIdentity !== undefined) actions.push("sts:SetSourceIdentity");
    for (const action of actions) {
      const result = decide(action);
      noteDecision(account, options, action, role.Arn, result);
      if (result.decision !== "Allow") throw new IamError("AccessDenied", accessDeniedMessage(caller.arn, action, role.Arn, result));
    }
  } finally {
    trust.dispose();
  }

  // Issue.
  const session: Omit<SessionData, "accessKeyId"> = {
    kind: "AssumeRole", accountId: account.accountId, roleArn: role.Arn, roleId: role.RoleId, sessionName,
    tags: sessionTags, transitiveTagKeys: transitiveKeys, mfaAuthenticated, issuedAt: nowSeconds, expiresAt: nowSeconds + seconds, chained,
  };
  if (policyText !== undefined) session.policy = policyText;
  if (policyArns.length > 0) session.policyArns = policyArns;
  if (finalSourceIdentity !== undefined) session.sourceIdentity = finalSourceIdentity;
  if (mfaAuthenticated && mfaAuthTime !== undefined) session.mfaAuthTime = mfaAuthTime;
  const { credentials, session: issued } = await issueCredentials(account, session);
  role.RoleLastUsed = { LastUsedDate: account.timestamp(), Region: options?.region ?? "us-east-1" };

  const out: AssumeRoleResponse = {
    Credentials: credentials,
    AssumedRoleUser: { Arn: sessionArn(issued, account.partition), AssumedRoleId: `${role.RoleId}:${sessionName}` },
  };
  if (policyText !== undefined || policyArns.length > 0 || sessionTags.length > 0) {
    out.PackedPolicySize = Math.max(1, Math.ceil(Math.max((100 * plain) / PACKED_LIMIT, (100 * sessionTags.length) / MAX_TAGS)));
  }
  if (finalSourceIdentity !== undefined) out.SourceIdentity = finalSourceIdentity;
  return out;
}
