/**
 * @module sts/resolve-session
 * Credentials and sessions into principals ("AWS global condition context keys"):
 *
 * - `account.resolveCredentials({ accessKeyId, sessionToken })`: `AKIA` long-term keys resolve to
 *   their user (or root) through findAccessKey (unknown or Inactive: InvalidClientTokenId) and
 *   record the use (recordAccessKeyUse); `ASIA` temporary keys need their session token, which is
 *   verified with the account's key (token.ts): the principal is the assumed-role session ARN or,
 *   for GetSessionToken, the user (or root).
 * - A session resolves into engine inputs like any principal: the role's policies and boundary
 *   (resolve.ts), the session policies in the engine's `session` slot, and the keys a session
 *   has: `aws:PrincipalArn` the role ARN with its path, `aws:PrincipalType` AssumedRole,
 *   `aws:userid` `AROA...:session`, no `aws:username`, `aws:TokenIssueTime`,
 *   `aws:MultiFactorAuthPresent` (true or false: present for every temporary credential),
 *   `aws:MultiFactorAuthAge` (seconds since the MFA check, at decision time) when MFA was used,
 *   `aws:SourceIdentity`, and `aws:PrincipalTag/*`: the role's tags overlaid by the session tags
 *   (keys compared ignoring case). GetSessionToken sessions resolve to the user with the
 *   temporary-credential keys added.
 * - The ARN of a live session (`store.liveSessions`, filled by issueCredentials) resolves with the
 *   same extras through `account.resolvePrincipal`; an expired one is ExpiredToken, a revoked one
 *   AccessDenied. A session ARN this account never issued resolves as before: a session of the
 *   role without session extras.
 */
import { Account } from "../iam/account.ts";
import { IamError } from "../iam/errors.ts";
import type { ContextValue } from "../engine/request.ts";
import type { CompiledPolicy } from "../engine/engine.ts";
import { managedPolicy, resolveTarget, setSessionResolver, type CallerCredentials, type ResolvedPrincipal } from "../iam/resolve.ts";
import type { SessionData } from "./session.ts";
import { sessionArn, verifySessionToken, isoSeconds } from "./credentials.ts";
import { checkRevocation, stsError, INVALID_TOKEN_MESSAGE, EXPIRED_TOKEN_MESSAGE } from "./token.ts";

export type { CallerCredentials } from "../iam/resolve.ts";

/** What resolveCredentials answers. */
export interface ResolvedCredentials {
  /** The principal's ARN: an assumed-role session ARN, a user ARN or the root ARN. */
  principal: string;
  /** Temporary credentials: their session. */
  session?: SessionData;
  /** The engine inputs of that principal, with the session's extras. */
  resolved: ResolvedPrincipal;
}

export interface ResolveCredentialsOptions {
  /** Recorded as the access key's last-used service (long-term keys). Default `sts`. */
  serviceName?: string;
  /** Recorded as the access key's last-used region. Default `us-east-1`. */
  region?: string;
}

declare module "../iam/account.ts" {
  interface Account {
    /**
     * Resolves request credentials to the principal and its session.
     * @throws IamError InvalidClientTokenId (unknown, Inactive, malformed or foreign), ExpiredToken,
     * AccessDenied (revoked session, or its role deleted)
     * @example
     * const { principal, session } = await account.resolveCredentials({ accessKeyId, sessionToken });
     */
    resolveCredentials(credentials: CallerCredentials, options?: ResolveCredentialsOptions): Promise<ResolvedCredentials>;
  }
}

// ---------------------------------------------------------------------------------------------
// Session policies: compiled once per account and text.

const sessionPolicyCache = new WeakMap<Account, Map<string, CompiledPolicy>>();
const MAX_SESSION_POLICIES = 512;

function compileSessionPolicy(account: Account, id: string, text: string): CompiledPolicy {
  let cache = sessionPolicyCache.get(account);
  if (!cache) sessionPolicyCache.set(account, (cache = new Map()));
  const key = `${id}\u0000${text}`;
  const hit = cache.get(key);
  if (hit && !hit.disposed) return hit;
  if (cache.size >= MAX_SESSION_POLICIES) {
    for (const p of cache.values()) p.dispose();
    cache.clear();
  }
  const policy = account.engine.compile(text, { kind: "session", id, maxSize: 1 << 20 });
  cache.set(key, policy);
  return policy;
}

/** The session's policies: the inline `Policy` (id `<session ARN>#session-policy`) and each `PolicyArns` entry (id: its ARN). */
export function sessionPolicies(account: Account, session: SessionData): CompiledPolicy[] | undefined {
  if (session.policy === undefined && !session.policyArns?.length) return undefined;
  const out: CompiledPolicy[] = [];
  if (session.policy !== undefined) out.push(compileSessionPolicy(account, `${sessionArn(session, account.partition)}#session-policy`, session.policy));
  for (const arn of session.policyArns ?? []) {
    const m = managedPolicy(account, arn);
    // A managed session policy deleted since: it allows nothing (the others still count).
    if (m) out.push(compileSessionPolicy(account, arn, m.text));
  }
  // Every managed one gone and no inline one: a session policy set that allows nothing.
  if (out.length === 0) out.push(compileSessionPolicy(account, "iam-edge:empty-session-policy", '{"Version":"2012-10-17","Statement":[]}'));
  return out;
}

/** The context keys a session adds (see the module doc), over the principal's own. */
export function sessionContext(account: Account, base: Record<string, ContextValue>, session: SessionData): Record<string, ContextValue> {
  const context: Record<string, ContextValue> = { ...base };
  context["aws:TokenIssueTime"] = isoSeconds(session.issuedAt);
  context["aws:MultiFactorAuthPresent"] = session.mfaAuthenticated;
  if (session.mfaAuthenticated && session.mfaAuthTime !== undefined) {
    context["aws:MultiFactorAuthAge"] = Math.max(0, Math.floor(account.now().getTime() / 1000) - session.mfaAuthTime);
  }
  if (session.sourceIdentity !== undefined) context["aws:SourceIdentity"] = session.sourceIdentity;
  if (session.tags.length > 0) {
    const overridden = new Set(session.tags.map((t) => t.Key.toLowerCase()));
    for (const k of Object.keys(context)) {
      if (/^aws:principaltag\//i.test(k) && overridden.has(k.slice("aws:PrincipalTag/".length).toLowerCase())) delete context[k];
    }
    for (const t of session.tags) context[`aws:PrincipalTag/${t.Key}`] = t.Value;
  }
  if (session.webIdentity) for (const [k, v] of Object.entries(session.webIdentity.context)) context[k] = v;
  return context;
}

/**
 * @internal The engine inputs of a verified session: its principal (role session, user or root)
 * with the session's policies and keys. AccessDenied when its role or user is gone or replaced
 * (a new entity of the same name has another id), or when the session was revoked.
 */
export function resolveSession(account: Account, session: SessionData): ResolvedPrincipal {
  checkRevocation(account, session);
  const arn = sessionArn(session, account.partition);
  let base: ResolvedPrincipal;
  try {
    base = resolveTarget(account, arn) as ResolvedPrincipal;
  } catch (err) {
    if (err instanceof IamError && err.code === "NoSuchEntity") throw stsError("AccessDenied", `The principal of this session (${arn}) no longer exists`);
    throw err;
  }
  if ((session.roleId && base.role?.RoleId !== session.roleId) || (session.userId && base.user && base.user.UserId !== session.userId)) {
    throw stsError("AccessDenied", `The principal of this session (${arn}) no longer exists`);
  }
  const out: ResolvedPrincipal = { ...base, context: sessionContext(account, base.context, session), stsSession: session };
  const policies = sessionPolicies(account, session);
  if (policies) out.session = policies;
  return out;
}

/** Adds a live session's extras to a resolved session ARN (installed in resolve.ts). */
function overlay(account: Account, principal: ResolvedPrincipal): ResolvedPrincipal {
  if (!principal.sessionName) return principal;
  const session = account.store.liveSessions.get(principal.arn);
  if (!session) return principal;
  if (principal.role && session.roleId !== principal.role.RoleId) {
    // The role was replaced: the old session is gone with it.
    account.store.liveSessions.delete(principal.arn);
    return principal;
  }
  if (account.now().getTime() / 1000 >= session.expiresAt) throw stsError("ExpiredToken", EXPIRED_TOKEN_MESSAGE);
  return resolveSession(account, session);
}

/** Credentials to engine inputs (installed in resolve.ts for the caller authorizer). */
async function resolveCredentialsImpl(account: Account, credentials: CallerCredentials, options?: ResolveCredentialsOptions): Promise<ResolvedCredentials> {
  const accessKeyId = credentials?.accessKeyId;
  if (typeof accessKeyId !== "string" || !/^[A-Z0-9]{16,128}$/.test(accessKeyId)) throw stsError("InvalidClientTokenId", INVALID_TOKEN_MESSAGE);
  const token = credentials.sessionToken;
  if (accessKeyId.startsWith("ASIA")) {
    if (typeof token !== "string" || token === "") throw stsError("InvalidClientTokenId", INVALID_TOKEN_MESSAGE);
    const session = await verifySessionToken(account, accessKeyId, token);
    const resolved = resolveSession(account, session);
    return { principal: resolved.arn, session, resolved };
  }
  // Long-term keys carry no session token; a token with one is refused, as STS refuses it.
  if (token !== undefined && token !== "") throw stsError("InvalidClientTokenId", INVALID_TOKEN_MESSAGE);
  const owner = account.findAccessKey(accessKeyId);
  if (!owner || owner.key.Status !== "Active") throw stsError("InvalidClientTokenId", INVALID_TOKEN_MESSAGE);
  const resolved = account.resolvePrincipal(owner.arn);
  account.recordAccessKeyUse(accessKeyId, options?.serviceName ?? "sts", options?.region ?? "us-east-1");
  return { principal: owner.arn, resolved };
}

Account.prototype.resolveCredentials = async function (this: Account, credentials: CallerCredentials, options?: ResolveCredentialsOptions) {
  if (!credentials || typeof credentials !== "object") throw stsError("InvalidClientTokenId", INVALID_TOKEN_MESSAGE);
  return await resolveCredentialsImpl(this, credentials, options);
};

setSessionResolver({
  overlay,
  credentials: async (account, credentials) => (await account.resolveCredentials(credentials, { serviceName: "iam" })).resolved,
});

/** For messages: an IamError of the credentials' codes. */
export function isCredentialError(err: unknown): boolean {
  return err instanceof IamError && (err.code === "InvalidClientTokenId" || err.code === "ExpiredToken");
}
