/**
 * @module iam/resolve/sessions
 * STS sessions as principals ("AWS global condition context keys"; "Compare AWS STS
 * credentials"). A session (store.ts SessionData, issued by js/sts) resolves into engine inputs
 * like any principal: the role's policies and boundary (principal.ts), the session policies in
 * the engine's `session` slot, and the keys a session has: `aws:PrincipalArn` the role ARN with
 * its path, `aws:PrincipalType` AssumedRole, `aws:userid` `AROA...:session`, no `aws:username`,
 * `aws:TokenIssueTime`, `aws:MultiFactorAuthPresent` (true or false: present for every temporary
 * credential), `aws:MultiFactorAuthAge` (seconds since the MFA check, at decision time) when MFA
 * was used, `aws:SourceIdentity`, and `aws:PrincipalTag/*`: the role's tags overlaid by the
 * session tags (keys compared ignoring case). GetSessionToken sessions resolve to the user (or
 * root) with the temporary-credential keys added.
 *
 * The model keeps the latest live session of each assumed-role ARN (`store.liveSessions`,
 * `registerSession`), so that ARN can name a caller while the session lives: it resolves with
 * the same extras; an expired one is ExpiredToken, a revoked one AccessDenied. A session ARN
 * this account never issued resolves as a session of the role without session extras.
 *
 * Revocation ("Revoking IAM role temporary security credentials": AWS adds an inline deny on
 * `aws:TokenIssueTime`): ops/role-sessions.ts records a per-role cut-off; `checkRevocation`
 * refuses role sessions issued before it with AccessDenied when they are used.
 */
import type { AccountState } from "../account-state.ts";
import { IamError } from "../errors.ts";
import type { SessionData } from "../store.ts";
import type { CompiledPolicy } from "../../engine/engine.ts";
import type { ContextValue } from "../../engine/request.ts";
import { managedPolicy } from "./policy-cache.ts";
import { resolveTarget } from "./principal.ts";
import type { ResolvedPrincipal } from "./types.ts";

/** STS's text for an expired session token (also used for an expired live session's ARN). */
export const EXPIRED_TOKEN_MESSAGE = "The security token included in the request is expired";

const MAX_LIVE_SESSIONS = 4096;
const MAX_SESSION_POLICIES = 512;

/** ISO 8601 to the second, as STS writes `Expiration` and `aws:TokenIssueTime`. */
export function isoSeconds(epochSeconds: number): string {
  return new Date(epochSeconds * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** The session's ARN: `arn:aws:sts::A:assumed-role/ROLE/SESSION` (role path dropped), or the user or root ARN. */
export function sessionArn(session: SessionData, partition = "aws"): string {
  if (session.roleArn && session.sessionName) {
    const role = session.roleArn.slice(session.roleArn.lastIndexOf("/") + 1);
    return `arn:${partition}:sts::${session.accountId}:assumed-role/${role}/${session.sessionName}`;
  }
  return session.userArn ?? `arn:${partition}:iam::${session.accountId}:root`;
}

/**
 * Remembers a role session under its ARN (the latest one wins), so the ARN can name a caller
 * while the session lives. Expired sessions are dropped as new ones arrive; past
 * MAX_LIVE_SESSIONS the oldest go first. Credentials never need this: their token carries all.
 */
export function registerSession(account: AccountState, session: SessionData): void {
  if (!session.roleArn || !session.sessionName) return;
  const live = account.store.liveSessions;
  const arn = sessionArn(session, account.partition);
  live.delete(arn);
  live.set(arn, session);
  if (live.size > MAX_LIVE_SESSIONS / 2) {
    const now = account.now().getTime() / 1000;
    for (const [k, s] of live) if (s.expiresAt <= now) live.delete(k);
    for (const k of live.keys()) {
      if (live.size <= MAX_LIVE_SESSIONS) break;
      live.delete(k);
    }
  }
}

/**
 * Refuses a role session issued before its role's revocation cut-off (AccessDenied), as AWS's
 * `AWSRevokeOlderSessions` deny would refuse every request it makes.
 */
export function checkRevocation(account: AccountState, session: SessionData): void {
  if (!session.roleArn || !session.roleId) return;
  const name = session.roleArn.slice(session.roleArn.lastIndexOf("/") + 1).toLowerCase();
  const cut = account.store.roleSessionCutoffs.get(name);
  if (cut && cut.roleId === session.roleId && session.issuedAt < cut.before) {
    throw new IamError("AccessDenied", `The session of role ${session.roleArn} named ${session.sessionName ?? ""} was issued before its role's sessions were revoked`);
  }
}

// ---------------------------------------------------------------------------------------------
// Session policies: compiled once per account and text.

const sessionPolicyCache = new WeakMap<AccountState, Map<string, CompiledPolicy>>();

function compileSessionPolicy(account: AccountState, id: string, text: string): CompiledPolicy {
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
export function sessionPolicies(account: AccountState, session: SessionData): CompiledPolicy[] | undefined {
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
export function sessionContext(account: AccountState, base: Record<string, ContextValue>, session: SessionData): Record<string, ContextValue> {
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
  if (session.saml) for (const [k, v] of Object.entries(session.saml.context)) context[k] = v;
  return context;
}

/**
 * @internal The engine inputs of a verified session: its principal (role session, user or root)
 * with the session's policies and keys. AccessDenied when its role or user is gone or replaced
 * (a new entity of the same name has another id), or when the session was revoked.
 */
export function resolveSession(account: AccountState, session: SessionData): ResolvedPrincipal {
  checkRevocation(account, session);
  const arn = sessionArn(session, account.partition);
  let base: ResolvedPrincipal;
  try {
    base = resolveTarget(account, arn) as ResolvedPrincipal;
  } catch (err) {
    if (err instanceof IamError && err.code === "NoSuchEntity") throw new IamError("AccessDenied", `The principal of this session (${arn}) no longer exists`);
    throw err;
  }
  if ((session.roleId && base.role?.RoleId !== session.roleId) || (session.userId && base.user && base.user.UserId !== session.userId)) {
    throw new IamError("AccessDenied", `The principal of this session (${arn}) no longer exists`);
  }
  const out: ResolvedPrincipal = { ...base, context: sessionContext(account, base.context, session), stsSession: session };
  const policies = sessionPolicies(account, session);
  if (policies) out.session = policies;
  return out;
}

/** A resolved session ARN with its live session's extras, when this account issued it. */
export function liveSessionOf(account: AccountState, principal: ResolvedPrincipal): ResolvedPrincipal {
  if (!principal.sessionName) return principal;
  const session = account.store.liveSessions.get(principal.arn);
  if (!session) return principal;
  if (principal.role && session.roleId !== principal.role.RoleId) {
    // The role was replaced: the old session is gone with it.
    account.store.liveSessions.delete(principal.arn);
    return principal;
  }
  if (account.now().getTime() / 1000 >= session.expiresAt) throw new IamError("ExpiredToken", EXPIRED_TOKEN_MESSAGE);
  return resolveSession(account, session);
}
