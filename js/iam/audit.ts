/**
 * @module iam/audit
 * Audit records in CloudTrail's shape ("CloudTrail record contents", "CloudTrail userIdentity
 * element", "Logging IAM and AWS STS API calls with AWS CloudTrail"). When an account has a sink
 * (`AccountOptions.audit`, or `account.audit = sink` later), every IAM and STS operation and every
 * direct `account.authorizePrincipal` decision hands it exactly one record, success or failure.
 *
 * How: at import, each operation method of Account.prototype named in `AUDITED_OPERATIONS` is
 * wrapped once (internal helpers such as findAccessKey, verifyMfaCode, resolvePrincipal,
 * resolveCredentials, timestamp or touch are not in the list, so they are never wrapped).
 * Operations that are not installed yet (STS, imported later) get a setter on the prototype that
 * wraps them when they are assigned, so import order does not matter. Without a sink the
 * wrappers call straight through.
 *
 * An operation's own authorization check (`authorizeOperation`) emits no record of its own: the
 * operation's record carries it (`errorCode` AccessDenied with AWS's message, and the engine's
 * decision, reason and matched statements in `additionalEventData`). Only direct
 * `authorizePrincipal` calls made outside an audited operation emit decision records.
 *
 * Secrets never appear in a record: request and response fields that carry one (passwords, MFA
 * codes, seeds, secret keys, session and identity tokens) are dropped, and a last pass replaces
 * any string equal to (or containing) a secret the account knows (access key secrets, MFA seeds,
 * the STS session key) or the call carried with `HIDDEN_DUE_TO_SECURITY_REASONS`.
 *
 * A sink may be sync or async. Its errors (thrown or rejected) never reach the operation: they
 * are counted in `account.auditStats()`. `account.flushAudit()` waits for pending async sinks.
 */
import { Account, type OperationOptions } from "./account.ts";
import { setDecisionNoter } from "./audit-hooks.ts";
import { accessDeniedMessage, parsePrincipalArn, type AuthorizePrincipalInput } from "./resolve.ts";
import type { AuthorizationResult, MatchedStatement } from "../engine/engine.ts";
import type { ContextValue } from "../engine/request.ts";
import type { SessionData } from "../sts/session.ts";

/** The CloudTrail record format version these records follow. */
export const EVENT_VERSION = "1.11";
/** What replaces a secret found in a record (CloudTrail's own marker). */
export const HIDDEN = "HIDDEN_DUE_TO_SECURITY_REASONS";

// ---------------------------------------------------------------------------------------------
// Shapes

export interface CloudTrailSessionContext {
  sessionIssuer?: { type: "Role"; principalId: string; arn: string; accountId: string; userName: string };
  webIdFederationData?: { federatedProvider?: string; attributes?: Record<string, string> };
  /** `mfaAuthenticated` is a string, as CloudTrail writes it. */
  attributes: { creationDate?: string; mfaAuthenticated: "true" | "false" };
  sourceIdentity?: string;
}

export interface CloudTrailUserIdentity {
  type: "IAMUser" | "AssumedRole" | "Root" | "AWSAccount" | "AWSService" | "WebIdentityUser" | "Unknown";
  principalId?: string;
  arn?: string;
  accountId?: string;
  accessKeyId?: string;
  userName?: string;
  sessionContext?: CloudTrailSessionContext;
  /** AWSService callers: the service principal. */
  invokedBy?: string;
  /** WebIdentityUser: the token's issuer host. */
  identityProvider?: string;
}

export interface CloudTrailResource {
  ARN: string;
  accountId?: string;
  type?: string;
}

/** A statement that decided, as `additionalEventData.matchedStatements` lists it. */
export interface AuditMatchedStatement {
  policyId: string;
  statementIndex: number;
  sid?: string;
  effect: "Allow" | "Deny";
}

/** The engine's decision, in `additionalEventData`. */
export interface AuditDecision {
  decision: AuthorizationResult["decision"];
  reason: string;
  /** The SCP or RCP level that lacked an Allow (0 = root). */
  reasonLevel?: number;
  matchedStatements: AuditMatchedStatement[];
  missingContextValues?: string[];
}

export interface CloudTrailRecord {
  eventVersion: string;
  userIdentity: CloudTrailUserIdentity;
  /** ISO 8601 to the second, from the account's clock, when the call began. */
  eventTime: string;
  eventSource: string;
  eventName: string;
  awsRegion: string;
  sourceIPAddress: string;
  userAgent: string;
  errorCode?: string;
  errorMessage?: string;
  /** The request's fields in CloudTrail's lowerCamelCase, secrets left out; null when none. */
  requestParameters: Record<string, unknown> | null;
  /** Successful mutating calls and STS credential calls only, secrets left out; else null. */
  responseElements: Record<string, unknown> | null;
  additionalEventData?: Partial<AuditDecision> & { authorizations?: (AuditDecision & { action: string; resource: string })[] };
  requestID: string;
  eventID: string;
  readOnly: boolean;
  resources?: CloudTrailResource[];
  eventType: "AwsApiCall";
  managementEvent: boolean;
  recipientAccountId: string;
  eventCategory: "Management" | "Data";
}

export type AuditSink = (record: CloudTrailRecord) => void | Promise<void>;

export interface AuditStats {
  /** Records handed to the sink. */
  records: number;
  /** Sink calls that threw or rejected (swallowed). */
  sinkErrors: number;
  /** The last such error. */
  lastSinkError?: unknown;
  /** Records that could not be built (an audit bug; the operation went on). */
  buildErrors: number;
  /** Async sink calls not settled yet. */
  pending: number;
}

declare module "./account.ts" {
  interface Account {
    /** Counts of audit records and sink failures (audit.ts). */
    auditStats(): AuditStats;
    /** Resolves when every async sink call made so far has settled (e.g. for a Worker's waitUntil). */
    flushAudit(): Promise<void>;
  }
}

// ---------------------------------------------------------------------------------------------
// The operations

const IAM = "iam.amazonaws.com";
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

/** IAM operations (camelCase methods; installed or not yet). */
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
  "simulatePrincipalPolicy", "simulateCustomPolicy", "getContextKeysForCustomPolicy", "getContextKeysForPrincipalPolicy",
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

const ucFirst = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const lcFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

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

/** Every audited operation, by method name. */
export const AUDITED_OPERATIONS: ReadonlyMap<string, Readonly<OperationSpec>> = new Map<string, OperationSpec>([
  ...IAM_OPERATIONS.map((m) => [m, iamSpec(m)] as const),
  ...STS_OPERATIONS.map((m) => [m, stsSpec(m)] as const),
  // GAAD export: the account as `aws iam get-account-authorization-details` prints it.
  ["toAuthorizationDetails", { method: "toAuthorizationDetails", eventName: "GetAccountAuthorizationDetails", eventSource: IAM, readOnly: true, logResponse: false, inputArg: -1, optionsArg: -1 }],
  // Revoking a role's sessions is, in AWS, a PutRolePolicy of the AWSRevokeOlderSessions policy.
  ["revokeRoleSessions", {
    method: "revokeRoleSessions", eventName: "PutRolePolicy", eventSource: IAM, readOnly: false, logResponse: true, inputArg: -1, optionsArg: 2,
    params: (args) => ({ RoleName: args[0], PolicyName: "AWSRevokeOlderSessions" }),
  }],
]);

// ---------------------------------------------------------------------------------------------
// Call tracking: which operation an authorization check belongs to

const AUDIT = Symbol("iam-edge.audit.call");
const WRAPPED = Symbol("iam-edge.audit.wrapped");

interface Check {
  action: string;
  resource: string;
  result?: AuthorizationResult;
}

interface CallState {
  account: Account;
  spec: OperationSpec;
  eventTime: string;
  args: unknown[];
  options?: OperationOptions;
  checks: Check[];
  resources: string[];
}

/** The operation whose synchronous part is running (operations start synchronously). */
let currentCall: CallState | undefined;
/** The operation check whose synchronous part is running (authorizeOperation -> authorizePrincipal). */
let currentCheck: { call: CallState; check: Check } | undefined;

function callOf(value: unknown): CallState | undefined {
  return value !== null && typeof value === "object" ? ((value as Record<symbol, unknown>)[AUDIT] as CallState | undefined) : undefined;
}

/**
 * A copy of the options that names the call: spreads (`{ ...options, context }`) keep the symbol,
 * so checks made with derived options still find their operation. Symbol keys are invisible to
 * Object.entries, JSON and the engine.
 */
function tagOptions(options: unknown, call: CallState): unknown {
  if (options === null || typeof options !== "object" || Array.isArray(options)) return options;
  const out: Record<string | symbol, unknown> = { ...(options as object), [AUDIT]: call };
  const context = (options as OperationOptions).context;
  if (context !== null && typeof context === "object") out.context = { ...context, [AUDIT]: call };
  return out;
}

function optionsIndex(spec: OperationSpec, args: unknown[]): number {
  if (spec.optionsArg === "auto") return args.length >= 2 ? 1 : 0;
  return spec.optionsArg;
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return value !== null && (typeof value === "object" || typeof value === "function") && typeof (value as { then?: unknown }).then === "function";
}

function wrapOperation(spec: OperationSpec, original: (...args: unknown[]) => unknown): (...args: unknown[]) => unknown {
  const wrapped = function (this: Account, ...args: unknown[]): unknown {
    if (!(this instanceof Account) || typeof this.audit !== "function") return original.apply(this, args);
    const oi = optionsIndex(spec, args);
    const outer = callOf(args[oi]) ?? currentCall;
    // Called from inside an audited operation of this account: that operation's record covers it.
    if (outer && outer.account === this) return original.apply(this, args);
    const call: CallState = { account: this, spec, eventTime: this.timestamp(), args, checks: [], resources: [] };
    if (oi >= 0) call.options = args[oi] as OperationOptions | undefined;
    const callArgs = args.slice();
    if (oi >= 0 && oi < callArgs.length) callArgs[oi] = tagOptions(callArgs[oi], call);
    const prev = currentCall;
    currentCall = call;
    let result: unknown;
    try {
      result = original.apply(this, callArgs);
    } catch (err) {
      currentCall = prev;
      finishSync(call, undefined, err, false);
      throw err;
    }
    currentCall = prev;
    if (isThenable(result)) {
      return Promise.resolve(result).then(
        async (value) => {
          await finish(call, value, undefined, true);
          return value;
        },
        async (err) => {
          await finish(call, undefined, err, false);
          throw err;
        },
      );
    }
    finishSync(call, result, undefined, true);
    return result;
  };
  Object.defineProperty(wrapped, WRAPPED, { value: original });
  Object.defineProperty(wrapped, "name", { value: spec.method });
  return wrapped;
}

// ---------------------------------------------------------------------------------------------
// Identities

const SERVICE_PRINCIPAL = /^[a-z0-9][a-z0-9.-]*\.amazonaws\.com(\.cn)?$/;

function contextValue(context: Record<string, ContextValue> | undefined, key: string): ContextValue | undefined {
  if (!context || typeof context !== "object") return undefined;
  const lower = key.toLowerCase();
  for (const [k, v] of Object.entries(context)) if (k.toLowerCase() === lower) return v;
  return undefined;
}

function isoSeconds(epochSeconds: number): string {
  return new Date(epochSeconds * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
}

function mfaFlag(session: SessionData | undefined, context: Record<string, ContextValue> | undefined): "true" | "false" {
  if (session) return session.mfaAuthenticated ? "true" : "false";
  const v = contextValue(context, "aws:MultiFactorAuthPresent");
  return v === true || v === "true" ? "true" : "false";
}

function sessionAttributes(session: SessionData | undefined, context: Record<string, ContextValue> | undefined): CloudTrailSessionContext["attributes"] {
  const issued = session ? isoSeconds(session.issuedAt) : contextValue(context, "aws:TokenIssueTime");
  const mfaAuthenticated = mfaFlag(session, context);
  return typeof issued === "string" ? { creationDate: issued, mfaAuthenticated } : { mfaAuthenticated };
}

/** The userIdentity of a principal ARN (or service principal), with what the account knows of it. */
export function identityOfArn(account: Account, arn: unknown, context?: Record<string, ContextValue>, accessKeyId?: string, session?: SessionData): CloudTrailUserIdentity {
  if (typeof arn !== "string" || arn === "") return accessKeyId ? { type: "Unknown", accessKeyId } : { type: "Unknown" };
  if (SERVICE_PRINCIPAL.test(arn)) return { type: "AWSService", invokedBy: arn };
  const parsed = parsePrincipalArn(arn);
  if (!parsed || parsed.kind === "group") return { type: "Unknown", ...(arn.startsWith("arn:") ? { arn } : {}), ...(accessKeyId ? { accessKeyId } : {}) };
  const key = accessKeyId ? { accessKeyId } : {};
  if (parsed.account !== account.accountId) return { type: "AWSAccount", arn, accountId: parsed.account, ...key };
  const accountId = account.accountId;
  const liveSessions = (account.store as { liveSessions?: Map<string, SessionData> }).liveSessions;
  switch (parsed.kind) {
    case "root": {
      const out: CloudTrailUserIdentity = { type: "Root", principalId: accountId, arn, accountId, ...key };
      if (session) out.sessionContext = { attributes: sessionAttributes(session, context) };
      return out;
    }
    case "user": {
      const user = account.store.users.get(parsed.name.toLowerCase());
      const out: CloudTrailUserIdentity = { type: "IAMUser", ...(user ? { principalId: user.UserId } : {}), arn, accountId, ...key, userName: user?.UserName ?? parsed.name };
      if (session) out.sessionContext = { attributes: sessionAttributes(session, context) };
      return out;
    }
    default: {
      // A role session (or a bare role ARN used as a caller: a session of that role).
      const role = account.store.roles.get(parsed.name.toLowerCase());
      const live = session ?? (parsed.kind === "session" ? liveSessions?.get(arn) : undefined);
      const out: CloudTrailUserIdentity = { type: "AssumedRole" };
      if (role) out.principalId = parsed.sessionName ? `${role.RoleId}:${parsed.sessionName}` : role.RoleId;
      Object.assign(out, { arn, accountId }, key);
      const sessionContext = {} as CloudTrailSessionContext;
      if (role) sessionContext.sessionIssuer = { type: "Role", principalId: role.RoleId, arn: role.Arn, accountId, userName: role.RoleName };
      sessionContext.webIdFederationData = live?.webIdentity ? { federatedProvider: live.webIdentity.providerArn, attributes: {} } : {};
      sessionContext.attributes = sessionAttributes(live, context);
      const sourceIdentity = live?.sourceIdentity ?? contextValue(context, "aws:SourceIdentity");
      if (typeof sourceIdentity === "string") sessionContext.sourceIdentity = sourceIdentity;
      out.sessionContext = sessionContext;
      return out;
    }
  }
}

/** Credentials `{ accessKeyId, sessionToken }`: long-term keys by lookup, temporary ones through STS. */
async function identityOfCredentials(account: Account, credentials: { accessKeyId?: unknown; sessionToken?: unknown }, context: Record<string, ContextValue> | undefined): Promise<CloudTrailUserIdentity> {
  const accessKeyId = typeof credentials.accessKeyId === "string" && /^[A-Z0-9]{16,128}$/.test(credentials.accessKeyId) ? credentials.accessKeyId : undefined;
  if (!accessKeyId) return { type: "Unknown" };
  if (!accessKeyId.startsWith("ASIA")) {
    const owner = account.findAccessKey?.(accessKeyId);
    return owner ? identityOfArn(account, owner.arn, context, accessKeyId) : { type: "Unknown", accessKeyId };
  }
  const resolve = (account as { resolveCredentials?: (c: unknown) => Promise<{ principal: string; session?: SessionData }> }).resolveCredentials;
  if (typeof resolve !== "function") return { type: "Unknown", accessKeyId };
  try {
    const resolved = await resolve.call(account, { accessKeyId, sessionToken: credentials.sessionToken });
    return identityOfArn(account, resolved.principal, context, accessKeyId, resolved.session);
  } catch {
    // Expired, revoked or forged: who it was cannot be trusted.
    return { type: "Unknown", accessKeyId };
  }
}

/** AssumeRoleWithWebIdentity: the token's issuer, audience and subject (read, not trusted). */
function identityOfWebToken(token: unknown): CloudTrailUserIdentity {
  if (typeof token !== "string") return { type: "WebIdentityUser" };
  try {
    const part = token.split(".")[1] ?? "";
    const b64 = part.replace(/-/g, "+").replace(/_/g, "/");
    const claims = JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(b64 + "=".repeat((4 - (b64.length % 4)) % 4)), (c) => c.charCodeAt(0)))) as Record<string, unknown>;
    const iss = typeof claims.iss === "string" ? claims.iss.replace(/^https:\/\//, "") : undefined;
    const aud = Array.isArray(claims.aud) ? claims.aud[0] : claims.aud;
    const sub = typeof claims.sub === "string" ? claims.sub : undefined;
    const out: CloudTrailUserIdentity = { type: "WebIdentityUser" };
    if (iss && typeof aud === "string" && sub) out.principalId = `${iss}:${aud}:${sub}`;
    if (sub) out.userName = sub;
    if (iss) out.identityProvider = iss;
    return out;
  } catch {
    return { type: "WebIdentityUser" };
  }
}

/** The request object of a call (or what `params` builds). */
function inputOf(call: CallState): unknown {
  return call.spec.params ? call.spec.params(call.args) : call.spec.inputArg >= 0 ? call.args[call.spec.inputArg] : undefined;
}

/** The caller: `options.caller`; GetCallerIdentity also takes it in its first argument. */
function callerOf(call: CallState): unknown {
  const caller = call.options?.caller as unknown;
  if (caller !== undefined || call.spec.method !== "getCallerIdentity") return caller;
  const first = call.args[0];
  return first !== null && typeof first === "object" ? (first as { caller?: unknown }).caller : undefined;
}

async function identityOfCall(call: CallState): Promise<CloudTrailUserIdentity> {
  const caller = callerOf(call);
  if (call.spec.method === "assumeRoleWithWebIdentity" && caller === undefined) {
    return identityOfWebToken((call.args[0] as { WebIdentityToken?: unknown } | undefined)?.WebIdentityToken);
  }
  if (caller !== null && typeof caller === "object") return identityOfCredentials(call.account, caller as { accessKeyId?: unknown }, call.options?.context);
  return identityOfSync(call);
}

function identityOfSync(call: CallState): CloudTrailUserIdentity {
  const caller = callerOf(call);
  if (caller === undefined) return { type: "Unknown" };
  if (caller !== null && typeof caller === "object") {
    const id = (caller as { accessKeyId?: unknown }).accessKeyId;
    return typeof id === "string" && /^[A-Z0-9]{16,128}$/.test(id) ? { type: "Unknown", accessKeyId: id } : { type: "Unknown" };
  }
  return identityOfArn(call.account, caller, call.options?.context);
}

// ---------------------------------------------------------------------------------------------
// Request and response elements

/** Fields that carry secrets (compared lowercased): never logged. */
const SECRET_FIELDS = new Set([
  "password", "oldpassword", "newpassword", "authenticationcode1", "authenticationcode2", "tokencode", "webidentitytoken",
  "samlassertion", "sessiontoken", "secretaccesskey", "base32stringseed", "qrcodepng", "privatekey", "clientsecret",
  "hash", "salt", "sessionkey",
]);
/** Private and symmetric members of a JSON Web Key (RFC 7518 section 6). */
const JWK_PRIVATE = new Set(["d", "p", "q", "dp", "dq", "qi", "oth", "k"]);
/** Policy documents: logged as JSON text, as given (not camel-cased inside). */
const DOCUMENT_FIELDS = new Set(["PolicyDocument", "AssumeRolePolicyDocument", "Document", "PolicyInputList", "PermissionsBoundaryPolicyInputList", "ResourcePolicy"]);

function documentValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(documentValue);
  if (value !== null && typeof value === "object") {
    try {
      return JSON.stringify(value);
    } catch {
      return undefined;
    }
  }
  return value;
}

/** A request or response in CloudTrail's lowerCamelCase, secrets dropped; undefined for what JSON cannot hold. */
function elements(value: unknown, side: "request" | "response", depth = 0): unknown {
  if (depth > 32) return undefined;
  if (value === null || typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "number") return Number.isFinite(value) ? value : undefined;
  if (typeof value === "bigint") return value.toString();
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.toISOString().replace(/\.\d{3}Z$/, "Z");
  if (typeof value !== "object" || ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return undefined;
  if (Array.isArray(value)) return value.map((v) => elements(v, side, depth + 1) ?? null);
  const out: Record<string, unknown> = {};
  const jwk = typeof (value as { kty?: unknown }).kty === "string";
  for (const [key, v] of Object.entries(value)) {
    if (v === undefined || SECRET_FIELDS.has(key.toLowerCase())) continue;
    // A JWK's private members (a private key passed where a public one belongs).
    if (jwk && JWK_PRIVATE.has(key)) continue;
    const converted = DOCUMENT_FIELDS.has(key) || (side === "request" && key === "Policy") ? documentValue(v) : elements(v, side, depth + 1);
    if (converted !== undefined) out[lcFirst(key)] = converted;
  }
  return out;
}

function elementsObject(value: unknown, side: "request" | "response"): Record<string, unknown> | null {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return null;
  const out = elements(value, side) as Record<string, unknown> | undefined;
  return out && Object.keys(out).length > 0 ? out : null;
}

/** String values under secret fields, anywhere in `value`. */
function collectSecretValues(value: unknown, into: string[], depth = 0): void {
  if (depth > 32 || value === null || typeof value !== "object") return;
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return;
  for (const [key, v] of Object.entries(value)) {
    if (SECRET_FIELDS.has(key.toLowerCase())) {
      if (typeof v === "string" && v !== "") into.push(v);
      else if (typeof v === "number") into.push(String(v));
    } else {
      collectSecretValues(v, into, depth + 1);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Resources

const SERVICE_NAMES: Record<string, string> = {
  iam: "IAM", sts: "STS", s3: "S3", ec2: "EC2", dynamodb: "DynamoDB", lambda: "Lambda", kms: "KMS", sqs: "SQS", sns: "SNS",
  secretsmanager: "SecretsManager", cloudtrail: "CloudTrail", logs: "Logs", ssm: "SSM",
};
const IAM_TYPES: Record<string, string> = { user: "User", group: "Group", role: "Role", policy: "Policy", mfa: "MFADevice", "oidc-provider": "OIDCProvider", "instance-profile": "InstanceProfile", "assumed-role": "AssumedRole" };

/** CloudTrail's `resources[]` entry for an ARN: `AWS::IAM::Role`, `AWS::S3::Object` and so on. */
export function resourceOf(arn: string): CloudTrailResource | undefined {
  const parts = arn.split(":");
  if (parts.length < 6 || parts[0] !== "arn") return undefined;
  const [, , service, , accountId] = parts;
  const rest = parts.slice(5).join(":");
  const head = rest.split(/[/:]/)[0];
  let type: string;
  if (service === "s3") type = rest.includes("/") ? "Object" : "Bucket";
  else if (service === "iam" || service === "sts") type = IAM_TYPES[head] ?? (head === "root" ? "Account" : ucFirst(head));
  else type = head.split("-").map(ucFirst).join("");
  const out: CloudTrailResource = { ARN: arn };
  if (/^\d{12}$/.test(accountId)) out.accountId = accountId;
  out.type = `AWS::${SERVICE_NAMES[service] ?? ucFirst(service)}::${type}`;
  return out;
}

function resourcesOf(arns: Iterable<string>): CloudTrailResource[] | undefined {
  const seen = new Set<string>();
  const out: CloudTrailResource[] = [];
  for (const arn of arns) {
    if (typeof arn !== "string" || seen.has(arn)) continue;
    seen.add(arn);
    const r = resourceOf(arn);
    if (r) out.push(r);
  }
  return out.length ? out : undefined;
}

/** ARNs an operation touched: what it was authorized on, the ARNs it was given, the entity it answered with. */
function operationArns(call: CallState, response: unknown): string[] {
  const arns = [...call.resources];
  const input = inputOf(call);
  if (input && typeof input === "object") {
    for (const key of ["PolicyArn", "RoleArn", "SerialNumber", "OpenIDConnectProviderArn", "PolicySourceArn"]) {
      const v = (input as Record<string, unknown>)[key];
      if (typeof v === "string") arns.push(v);
    }
  }
  if (!call.spec.readOnly && response && typeof response === "object") {
    for (const v of Object.values(response)) {
      if (v && typeof v === "object" && !Array.isArray(v)) {
        const arn = (v as Record<string, unknown>).Arn ?? (v as Record<string, unknown>).SerialNumber;
        if (typeof arn === "string" && !arn.startsWith(`arn:${call.account.partition}:sts:`)) arns.push(arn);
      }
    }
    const top = (response as Record<string, unknown>).OpenIDConnectProviderArn;
    if (typeof top === "string") arns.push(top);
  }
  return arns;
}

// ---------------------------------------------------------------------------------------------
// Decisions

function decisionOf(result: AuthorizationResult): AuditDecision {
  const out: AuditDecision = {
    decision: result.decision,
    reason: result.reason.code,
    matchedStatements: result.matchedStatements.map((s: MatchedStatement) => {
      const m: AuditMatchedStatement = { policyId: s.policyId, statementIndex: s.statementIndex, effect: s.effect };
      if (s.sid !== undefined) m.sid = s.sid;
      return m;
    }),
  };
  if (result.reason.level !== undefined) out.reasonLevel = result.reason.level;
  if (result.missingContextValues.length) out.missingContextValues = [...result.missingContextValues];
  return out;
}

const READ_PREFIX = /^(Get|List|Describe|Head|Lookup|Search|Query|Scan|BatchGet|Simulate|View|Select|Check|Verify)/;

/** Data events (CloudTrail logs them apart from management events): object, item, invoke and message level actions. */
function isDataEvent(service: string, name: string): boolean {
  switch (service) {
    case "s3": return /Object|Multipart|^ListBucket/.test(name);
    case "lambda": return /^Invoke/.test(name);
    case "dynamodb": return /Item|^Query$|^Scan$|^PartiQL|^ExecuteStatement$|^BatchExecuteStatement$|^ExecuteTransaction$/.test(name);
    case "sqs": return /Message/.test(name);
    case "sns": return name === "Publish" || name === "PublishBatch";
    default: return false;
  }
}

// ---------------------------------------------------------------------------------------------
// Records

function baseRecord(account: Account, eventTime: string, eventSource: string, eventName: string, identity: CloudTrailUserIdentity, context: Record<string, ContextValue> | undefined, region: string): CloudTrailRecord {
  const defaults = account.auditDefaults ?? {};
  const ip = contextValue(context, "aws:SourceIp");
  const ua = contextValue(context, "aws:UserAgent");
  const service = identity.type === "AWSService" ? identity.invokedBy : undefined;
  return {
    eventVersion: EVENT_VERSION,
    userIdentity: identity,
    eventTime,
    eventSource,
    eventName,
    awsRegion: region,
    sourceIPAddress: typeof ip === "string" ? ip.replace(/\/(32|128)$/, "") : service ?? defaults.sourceIpAddress ?? "AWS Internal",
    userAgent: typeof ua === "string" ? ua : service ?? defaults.userAgent ?? "iam-edge",
    requestParameters: null,
    responseElements: null,
    requestID: crypto.randomUUID(),
    eventID: crypto.randomUUID(),
    readOnly: false,
    eventType: "AwsApiCall",
    managementEvent: true,
    recipientAccountId: account.accountId,
    eventCategory: "Management",
  };
}

/** Puts the error fields where CloudTrail has them (after userAgent). */
function withError(record: CloudTrailRecord, err: unknown): CloudTrailRecord {
  const code = err !== null && typeof err === "object" && typeof (err as { code?: unknown }).code === "string" ? (err as { code: string }).code : "ServiceFailure";
  const message = err instanceof Error ? err.message : String(err);
  const { requestParameters, responseElements, ...rest } = record;
  const head: Record<string, unknown> = {};
  const tail: Record<string, unknown> = {};
  let after = false;
  for (const [k, v] of Object.entries(rest)) {
    (after ? tail : head)[k] = v;
    if (k === "userAgent") after = true;
  }
  return { ...head, errorCode: code, errorMessage: message, requestParameters, responseElements, ...tail } as unknown as CloudTrailRecord;
}

function operationRecord(call: CallState, identity: CloudTrailUserIdentity, value: unknown, error: unknown, ok: boolean): CloudTrailRecord {
  const { spec, account } = call;
  // IAM is a global service: CloudTrail logs its events in us-east-1. STS answers in the account's region.
  const callRegion = (call.options as { region?: unknown } | undefined)?.region;
  const region = spec.eventSource === IAM ? "us-east-1" : typeof callRegion === "string" ? callRegion : account.auditDefaults?.region ?? "us-east-1";
  let record = baseRecord(account, call.eventTime, spec.eventSource, spec.eventName, identity, call.options?.context, region);
  record.requestParameters = elementsObject(inputOf(call), "request");
  if (ok && spec.logResponse) record.responseElements = elementsObject(value, "response");
  const decided = call.checks.filter((c) => c.result);
  if (decided.length) {
    const decisive = decided.find((c) => c.result!.decision !== "Allow") ?? decided[decided.length - 1];
    const data: NonNullable<CloudTrailRecord["additionalEventData"]> = { ...decisionOf(decisive.result!) };
    if (decided.length > 1) data.authorizations = decided.map((c) => ({ action: c.action, resource: c.resource, ...decisionOf(c.result!) }));
    record.additionalEventData = data;
  }
  record.readOnly = spec.readOnly;
  const resources = resourcesOf(operationArns(call, ok ? value : undefined));
  if (resources) record.resources = resources;
  if (!ok) record = withError(record, error);
  return order(record);
}

/** CloudTrail's field order (readers do not care; people reading the JSON do). */
const ORDER = [
  "eventVersion", "userIdentity", "eventTime", "eventSource", "eventName", "awsRegion", "sourceIPAddress", "userAgent",
  "errorCode", "errorMessage", "requestParameters", "responseElements", "additionalEventData", "requestID", "eventID",
  "readOnly", "resources", "eventType", "managementEvent", "recipientAccountId", "eventCategory",
];
function order(record: CloudTrailRecord): CloudTrailRecord {
  const out: Record<string, unknown> = {};
  for (const k of ORDER) if ((record as unknown as Record<string, unknown>)[k] !== undefined) out[k] = (record as unknown as Record<string, unknown>)[k];
  return out as unknown as CloudTrailRecord;
}

function decisionRecord(account: Account, eventTime: string, arn: string, input: AuthorizePrincipalInput, result: AuthorizationResult | undefined, error: unknown): CloudTrailRecord {
  const action = typeof input?.action === "string" ? input.action : "";
  const colon = action.indexOf(":");
  const service = colon > 0 ? action.slice(0, colon).toLowerCase() : "unknown";
  const name = colon > 0 ? action.slice(colon + 1) : action;
  const context = input?.context;
  let record = baseRecord(account, eventTime, `${service}.amazonaws.com`, name, identityOfArn(account, arn, context), context, account.auditDefaults?.region ?? "us-east-1");
  record.readOnly = READ_PREFIX.test(name);
  const data = isDataEvent(service, name);
  record.managementEvent = !data;
  record.eventCategory = data ? "Data" : "Management";
  const resource = typeof input?.resource === "string" ? input.resource : undefined;
  const resources = resource && resource !== "*" ? resourcesOf([resource]) : undefined;
  if (resources) record.resources = resources;
  if (result) {
    record.additionalEventData = decisionOf(result);
    if (result.decision !== "Allow") {
      record = withError(record, { code: "AccessDenied" });
      record.errorMessage = accessDeniedMessage(arn, action, resource ?? "*", result);
    }
  } else {
    record = withError(record, error);
  }
  return order(record);
}

// ---------------------------------------------------------------------------------------------
// Secrets: the last line

interface SecretCache {
  version: number;
  mfa: number;
  rootKeys: number;
  values: string[];
}
const secretCaches = new WeakMap<Account, SecretCache>();

function bytesToBase64(bytes: Uint8Array): string {
  let bin = "";
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin);
}

/** Every secret the account holds: access key secrets, MFA seeds, the STS session key. */
function accountSecrets(account: Account): string[] {
  const store = account.store;
  const cached = secretCaches.get(account);
  if (cached && cached.version === account.version && cached.mfa === store.mfaDevices.size && cached.rootKeys === store.rootAccessKeys.length) return cached.values;
  const values: string[] = [];
  for (const k of store.rootAccessKeys) values.push(k.SecretAccessKey);
  for (const u of store.users.values()) for (const k of u.AccessKeys ?? []) values.push(k.SecretAccessKey);
  for (const d of store.mfaDevices.values()) values.push(d.Base32StringSeed);
  const sessionKey = (store as { sessionKey?: unknown }).sessionKey;
  if (sessionKey instanceof Uint8Array && sessionKey.length) {
    values.push(bytesToBase64(sessionKey), [...sessionKey].map((b) => b.toString(16).padStart(2, "0")).join(""));
    // Given as a string (AccountOptions.sessionKey): its text.
    const text = new TextDecoder("utf-8", { fatal: false }).decode(sessionKey);
    if (/^[\x20-\x7e]+$/.test(text)) values.push(text);
  }
  const clean = values.filter((v) => typeof v === "string" && v !== "");
  secretCaches.set(account, { version: account.version, mfa: store.mfaDevices.size, rootKeys: store.rootAccessKeys.length, values: clean });
  return clean;
}

/** Secrets shorter than this are replaced only where a whole value equals them (6-digit codes). */
const MIN_CONTAINED_SECRET = 8;

function scrubString(s: string, exact: Set<string>, contained: string[]): string {
  if (exact.has(s)) return HIDDEN;
  let out = s;
  for (const secret of contained) if (out.includes(secret)) out = out.split(secret).join(HIDDEN);
  return out;
}

function scrub(value: unknown, exact: Set<string>, contained: string[], depth = 0): unknown {
  if (typeof value === "string") return scrubString(value, exact, contained);
  if (value === null || typeof value !== "object" || depth > 40) return value;
  if (Array.isArray(value)) return value.map((v) => scrub(v, exact, contained, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[scrubString(k, exact, contained)] = scrub(v, exact, contained, depth + 1);
  return out;
}

function scrubRecord(account: Account, record: CloudTrailRecord, extra: string[]): CloudTrailRecord {
  const all = [...accountSecrets(account), ...extra].filter((s) => typeof s === "string" && s.length > 0);
  if (all.length === 0) return record;
  const exact = new Set(all);
  const contained = [...new Set(all.filter((s) => s.length >= MIN_CONTAINED_SECRET))].sort((a, b) => b.length - a.length);
  return scrub(record, exact, contained) as CloudTrailRecord;
}

// ---------------------------------------------------------------------------------------------
// Delivery

interface StatsState {
  records: number;
  sinkErrors: number;
  lastSinkError?: unknown;
  buildErrors: number;
  pending: Set<Promise<unknown>>;
}
const statsByAccount = new WeakMap<Account, StatsState>();

function statsOf(account: Account): StatsState {
  let s = statsByAccount.get(account);
  if (!s) statsByAccount.set(account, (s = { records: 0, sinkErrors: 0, buildErrors: 0, pending: new Set() }));
  return s;
}

function deliver(account: Account, record: CloudTrailRecord, extraSecrets: string[]): void {
  const sink = account.audit;
  if (typeof sink !== "function") return;
  const stats = statsOf(account);
  const clean = scrubRecord(account, record, extraSecrets);
  stats.records++;
  let returned: unknown;
  try {
    returned = sink(clean);
  } catch (err) {
    stats.sinkErrors++;
    stats.lastSinkError = err;
    return;
  }
  if (isThenable(returned)) {
    const p: Promise<unknown> = Promise.resolve(returned).then(undefined, (err) => {
      stats.sinkErrors++;
      stats.lastSinkError = err;
    });
    stats.pending.add(p);
    void p.then(() => stats.pending.delete(p));
  }
}

function callSecrets(call: CallState, value: unknown): string[] {
  const extra: string[] = [];
  collectSecretValues(inputOf(call), extra);
  collectSecretValues(value, extra);
  const caller = callerOf(call);
  if (caller !== null && typeof caller === "object") collectSecretValues({ caller }, extra);
  return extra;
}

async function finish(call: CallState, value: unknown, error: unknown, ok: boolean): Promise<void> {
  try {
    const identity = await identityOfCall(call);
    deliver(call.account, operationRecord(call, identity, value, error, ok), callSecrets(call, value));
  } catch {
    statsOf(call.account).buildErrors++;
  }
}

function finishSync(call: CallState, value: unknown, error: unknown, ok: boolean): void {
  try {
    deliver(call.account, operationRecord(call, identityOfSync(call), value, error, ok), callSecrets(call, value));
  } catch {
    statsOf(call.account).buildErrors++;
  }
}

// ---------------------------------------------------------------------------------------------
// Installation

type Method = (...args: unknown[]) => unknown;
const proto = Account.prototype as unknown as Record<string | symbol, unknown>;
const INSTALLED = Symbol.for("iam-edge.audit.installed");

function defineMethod(target: object, name: string, fn: unknown): void {
  Object.defineProperty(target, name, { value: fn, writable: true, configurable: true, enumerable: true });
}

function wrapIfNeeded(spec: OperationSpec, fn: unknown): unknown {
  return typeof fn === "function" && !(WRAPPED in fn) ? wrapOperation(spec, fn as Method) : fn;
}

/**
 * Wraps every audited operation on Account.prototype (idempotent). Operations not installed yet
 * get a setter that wraps them when assigned (`Account.prototype.assumeRole = ...`). Run at import;
 * call again after replacing an installed operation.
 */
export function installAudit(): void {
  for (const spec of AUDITED_OPERATIONS.values()) {
    const desc = Object.getOwnPropertyDescriptor(proto, spec.method);
    if (desc && "value" in desc) {
      if (typeof desc.value === "function" && !(WRAPPED in desc.value)) defineMethod(proto, spec.method, wrapIfNeeded(spec, desc.value));
    } else if (!desc) {
      Object.defineProperty(proto, spec.method, {
        configurable: true,
        enumerable: false,
        get: () => undefined,
        set(this: object, fn: unknown) {
          // Assigned on the prototype: install the wrapped method. On an instance: that instance only.
          if (this === proto) defineMethod(proto, spec.method, wrapIfNeeded(spec, fn));
          else defineMethod(this, spec.method, fn);
        },
      });
    }
  }
  if (!proto[INSTALLED]) {
    Object.defineProperty(proto, INSTALLED, { value: true });
    installDecisionHooks();
  }
}

function installDecisionHooks(): void {
  // Decisions an operation makes with the engine directly (assume-role.ts) join its record.
  setDecisionNoter((account, options, action, resource, result) => {
    const call = callOf(options);
    if (call && call.account === account) call.checks.push({ action, resource, result });
  });

  const authorizeOperation = proto.authorizeOperation as (this: Account, options: OperationOptions | undefined, action: string, resource: string) => Promise<void>;
  proto.authorizeOperation = function (this: Account, options: OperationOptions | undefined, action: string, resource: string): Promise<void> {
    const call = callOf(options) ?? currentCall;
    if (!call || call.account !== this) return authorizeOperation.call(this, options, action, resource);
    if (typeof resource === "string" && resource !== "*") call.resources.push(resource);
    if (!options?.caller) return authorizeOperation.call(this, options, action, resource);
    const check: Check = { action, resource };
    call.checks.push(check);
    const prev = currentCheck;
    currentCheck = { call, check };
    try {
      // The caller authorizer decides synchronously (authorizePrincipal) before its first await.
      return authorizeOperation.call(this, options, action, resource);
    } finally {
      currentCheck = prev;
    }
  };

  const authorizePrincipal = proto.authorizePrincipal as (this: Account, arn: string, input: AuthorizePrincipalInput) => AuthorizationResult;
  const audited = function (this: Account, arn: string, input: AuthorizePrincipalInput): AuthorizationResult {
    if (!(this instanceof Account) || typeof this.audit !== "function") return authorizePrincipal.call(this, arn, input);
    // An operation's own check: its record carries the decision.
    if (currentCheck && currentCheck.call.account === this) {
      const { check } = currentCheck;
      const result = authorizePrincipal.call(this, arn, input);
      check.result = result;
      return result;
    }
    const owner = callOf(input?.context) ?? currentCall;
    if (owner && owner.account === this) {
      const result = authorizePrincipal.call(this, arn, input);
      owner.checks.push({ action: String(input?.action), resource: input?.resource ?? "*", result });
      return result;
    }
    const eventTime = this.timestamp();
    let result: AuthorizationResult;
    try {
      result = authorizePrincipal.call(this, arn, input);
    } catch (err) {
      emitDecision(this, eventTime, arn, input, undefined, err);
      throw err;
    }
    emitDecision(this, eventTime, arn, input, result, undefined);
    return result;
  };
  Object.defineProperty(audited, WRAPPED, { value: authorizePrincipal });
  proto.authorizePrincipal = audited;
}

function emitDecision(account: Account, eventTime: string, arn: string, input: AuthorizePrincipalInput, result: AuthorizationResult | undefined, error: unknown): void {
  try {
    deliver(account, decisionRecord(account, eventTime, arn, input, result, error), []);
  } catch {
    statsOf(account).buildErrors++;
  }
}

Account.prototype.auditStats = function (this: Account): AuditStats {
  const s = statsOf(this);
  const out: AuditStats = { records: s.records, sinkErrors: s.sinkErrors, buildErrors: s.buildErrors, pending: s.pending.size };
  if (s.lastSinkError !== undefined) out.lastSinkError = s.lastSinkError;
  return out;
};

Account.prototype.flushAudit = async function (this: Account): Promise<void> {
  const s = statsOf(this);
  while (s.pending.size) await Promise.allSettled([...s.pending]);
};

installAudit();
