/**
 * @module iam/audit/identity
 * The record's userIdentity: who made a call (an ARN, a service principal, long-term or
 * temporary credentials, a web identity token), with what the account knows of that principal
 * and its session.
 */
import type { AccountState } from "../account-state.ts";
import { parsePrincipalArn, type ParsedArn } from "../resolve/principal-arn.ts";
import type { ContextValue } from "../../engine/request.ts";
import type { SessionData } from "../store.ts";
import type { CloudTrailSessionContext, CloudTrailUserIdentity } from "./shapes.ts";
import { callerOf, type CallState } from "./calls.ts";
import { findAccessKey } from "../ops/access-keys.ts";
import { decodeBase64url } from "../rfc4648.ts";
import { suppliedContext } from "../resolve/supplied-context.ts";
import { identityOfSamlAssertion } from "./saml-identity.ts";

const SERVICE_PRINCIPAL = /^[a-z0-9][a-z0-9.-]*\.amazonaws\.com(\.cn)?$/;

export function contextValue(context: Record<string, ContextValue> | undefined, key: string): ContextValue | undefined {
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
export function identityOfArn(account: AccountState, arn: unknown, context?: Record<string, ContextValue>, accessKeyId?: string, session?: SessionData): CloudTrailUserIdentity {
  if (typeof arn !== "string" || arn === "") return accessKeyId ? { type: "Unknown", accessKeyId } : { type: "Unknown" };
  if (SERVICE_PRINCIPAL.test(arn)) return { type: "AWSService", invokedBy: arn };
  const parsed = parsePrincipalArn(arn);
  if (!parsed || parsed.kind === "group") return { type: "Unknown", ...(arn.startsWith("arn:") ? { arn } : {}), ...(accessKeyId ? { accessKeyId } : {}) };
  const key = accessKeyId ? { accessKeyId } : {};
  if (parsed.account !== account.accountId) return { type: "AWSAccount", arn, accountId: parsed.account, ...key };
  const accountId = account.accountId;
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
    default:
      return assumedRoleIdentity(account, arn, parsed, context, key, session);
  }
}

/** A role session (or a bare role ARN used as a caller: a session of that role), with its issuer and attributes. */
function assumedRoleIdentity(account: AccountState, arn: string, parsed: ParsedArn, context: Record<string, ContextValue> | undefined, key: { accessKeyId?: string }, session: SessionData | undefined): CloudTrailUserIdentity {
  const accountId = account.accountId;
  const role = account.store.roles.get(parsed.name.toLowerCase());
  const live = session ?? (parsed.kind === "session" ? account.store.liveSessions.get(arn) : undefined);
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

/** Credentials `{ accessKeyId, sessionToken }`: long-term keys by lookup, temporary ones through STS (`account.resolveCredentials`). */
async function identityOfCredentials(account: AccountState, credentials: { accessKeyId?: unknown; sessionToken?: unknown }, context: Record<string, ContextValue> | undefined): Promise<CloudTrailUserIdentity> {
  const accessKeyId = typeof credentials.accessKeyId === "string" && /^[A-Z0-9]{16,128}$/.test(credentials.accessKeyId) ? credentials.accessKeyId : undefined;
  if (!accessKeyId) return { type: "Unknown" };
  if (!accessKeyId.startsWith("ASIA")) {
    const owner = findAccessKey(account, accessKeyId);
    return owner ? identityOfArn(account, owner.arn, context, accessKeyId) : { type: "Unknown", accessKeyId };
  }
  try {
    const resolved = await account.resolveCredentials({ accessKeyId, sessionToken: credentials.sessionToken as string | undefined });
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
    const bytes = decodeBase64url(token.split(".")[1] ?? "");
    if (!bytes) return { type: "WebIdentityUser" };
    const claims = JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
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


/**
 * The part of the call's `options.context` the operation read (supplied-context.ts): a record
 * reports what was decided, so a key the operation ignored (a claimed source identity or MFA
 * flag) does not show in it either.
 */
function readContext(call: CallState, byArn: boolean): Record<string, ContextValue> {
  return suppliedContext(call.options?.context, { mfa: byArn && call.spec.eventSource === "iam.amazonaws.com" });
}

export async function identityOfCall(call: CallState): Promise<CloudTrailUserIdentity> {
  const caller = callerOf(call);
  if (call.spec.method === "assumeRoleWithWebIdentity" && caller === undefined) {
    return identityOfWebToken((call.args[0] as { WebIdentityToken?: unknown } | undefined)?.WebIdentityToken);
  }
  if (call.spec.method === "assumeRoleWithSAML" && caller === undefined) {
    return identityOfSamlAssertion(call.args[0] as { SAMLAssertion?: unknown; PrincipalArn?: unknown } | undefined);
  }
  if (caller !== null && typeof caller === "object") return identityOfCredentials(call.account, caller as { accessKeyId?: unknown }, readContext(call, false));
  return identityOfSync(call);
}

export function identityOfSync(call: CallState): CloudTrailUserIdentity {
  const caller = callerOf(call);
  if (caller === undefined) return { type: "Unknown" };
  if (caller !== null && typeof caller === "object") {
    const id = (caller as { accessKeyId?: unknown }).accessKeyId;
    return typeof id === "string" && /^[A-Z0-9]{16,128}$/.test(id) ? { type: "Unknown", accessKeyId: id } : { type: "Unknown" };
  }
  return identityOfArn(call.account, caller, readContext(call, true));
}
