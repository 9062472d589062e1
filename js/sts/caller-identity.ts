/**
 * @module sts/caller-identity
 * `getCallerIdentity` (API_GetCallerIdentity) and the caller resolution every STS operation
 * shares.
 *
 * Callers: a user ARN, the root ARN, the ARN of a live role session, credentials
 * `{ accessKeyId, sessionToken }` (AKIA long-term keys or ASIA temporary ones), a service
 * principal (`ec2.amazonaws.com`, for AssumeRole only), or a principal of **another account**.
 * Cross-account choice: this account cannot know another account's identity policies, so a
 * caller from account B is resolved in the `Account` of B passed as `options.callerAccount` (its
 * policies, its sessions and its key for B's credentials; it must share this account's engine).
 * Without it, a caller from another account is refused (AccessDenied): no identity policy of
 * its own account is known to allow the call.
 *
 * GetCallerIdentity is always allowed, even under an explicit deny of `sts:GetCallerIdentity`
 * ("IAM and AWS STS condition context keys"; "Permissions ... GetCallerIdentity": no permission
 * is required and it cannot be denied); invalid or expired credentials still fail.
 */
import { AccountState } from "../iam/account-state.ts";
import { IamError } from "../iam/errors.ts";
import type { SessionData } from "../iam/store.ts";
import { parsePrincipalArn } from "../iam/resolve/principal-arn.ts";
import { resolvePrincipal } from "../iam/resolve/authorize.ts";
import { sessionArn } from "../iam/resolve/sessions.ts";
import type { CallerCredentials, ResolvedPrincipal } from "../iam/resolve/types.ts";
import type { ContextValue } from "../engine/request.ts";
import { resolveCredentials } from "./resolve-credentials.ts";
import { invalidToken } from "./token.ts";

/** The `caller` of an STS operation: a principal ARN, a service principal, or credentials. */
export type StsCaller = string | CallerCredentials;

/** Options STS operations take. */
export interface StsOptions {
  caller?: StsCaller;
  /**
   * The request's transport context (`aws:SourceIp`, `aws:SecureTransport`, ...: `TRANSPORT_KEYS`,
   * js/iam/resolve/supplied-context.ts). Any other key is ignored: STS takes `sts:ExternalId`,
   * `sts:RoleSessionName`, `sts:SourceIdentity`, `sts:TransitiveTagKeys`, `aws:RequestTag/*`,
   * `aws:TagKeys` and the MFA keys from the request and its credentials only.
   */
  context?: Record<string, ContextValue>;
  /** The Account of a caller from another account (see the module doc). */
  callerAccount?: AccountState;
  /** Region recorded in RoleLastUsed and access-key last use. Default `us-east-1`. */
  region?: string;
  /** Audit: the record's `requestID` (the id of the wire request that made the call); default a random UUID. */
  requestId?: string;
}

/** A resolved STS caller. */
export interface StsCallerInfo {
  /** What goes in the engine request's `principal`: the principal ARN or the service name. */
  arn: string;
  accountId: string;
  type: "User" | "AssumedRole" | "Account" | "Service";
  /** The account the caller belongs to (this one, or options.callerAccount). */
  account?: AccountState;
  /** Engine inputs (not for services). */
  principal?: ResolvedPrincipal;
  /** Temporary credentials, or a live session named by its ARN. */
  session?: SessionData;
  /** Users: the user name (for MFA devices). */
  userName?: string;
  userId?: string;
}

const SERVICE = /^[a-z0-9][a-z0-9.-]*\.amazonaws\.com(\.cn)?$/;

/** Resolves an STS caller (see the module doc). */
export async function resolveStsCaller(account: AccountState, options: StsOptions | undefined, allowService: boolean): Promise<StsCallerInfo> {
  const caller = options?.caller;
  if (caller === undefined || caller === null || caller === "") {
    throw new IamError("MissingAuthenticationToken", "Request is missing Authentication Token");
  }
  const other = options?.callerAccount;
  if (other !== undefined && (!(other instanceof AccountState) || other.engine !== account.engine)) {
    throw new IamError("ValidationError", "`callerAccount` must be an Account sharing this account's engine");
  }
  if (typeof caller === "object") {
    const home = other && other.accountId !== account.accountId ? other : account;
    const r = await resolveCredentials(home, caller, { serviceName: "sts", region: options?.region });
    return callerInfo(home, r.resolved, r.session);
  }
  if (typeof caller === "string" && SERVICE.test(caller)) {
    if (!allowService) throw new IamError("AccessDenied", `${caller} cannot call this operation`);
    return { arn: caller, accountId: "", type: "Service" };
  }
  return principalCaller(account, caller, other);
}

/** A caller named by its ARN: a user, the root user or a live role session, here or in `other`. */
function principalCaller(account: AccountState, caller: string, other: AccountState | undefined): StsCallerInfo {
  const parsed = parsePrincipalArn(caller);
  if (!parsed || parsed.kind === "group") throw new IamError("ValidationError", `'${String(caller)}' is not the ARN of a user, role session or root user, nor a service principal`);
  let home = account;
  if (parsed.account !== account.accountId) {
    if (!other || other.accountId !== parsed.account) {
      throw new IamError("AccessDenied", `User: ${caller} is not authorized to perform this operation: its account ${parsed.account} is not modelled (pass options.callerAccount)`);
    }
    home = other;
  }
  if (parsed.kind === "role") throw new IamError("ValidationError", `'${caller}' is a role: a role calls through one of its sessions (arn:aws:sts::A:assumed-role/ROLE/SESSION)`);
  if (parsed.kind === "session" && !home.store.liveSessions.has(caller)) {
    throw new IamError("InvalidClientTokenId", `No live session ${caller} was issued by account ${home.accountId}`);
  }
  let principal: ResolvedPrincipal;
  try {
    principal = resolvePrincipal(home, caller);
  } catch (err) {
    if (err instanceof IamError && err.code === "NoSuchEntity") throw invalidToken();
    throw err;
  }
  return callerInfo(home, principal, principal.stsSession);
}

function callerInfo(home: AccountState, principal: ResolvedPrincipal, session: SessionData | undefined): StsCallerInfo {
  return {
    arn: principal.requestPrincipal, accountId: home.accountId, type: principal.type, account: home, principal, session,
    userName: principal.user?.UserName, userId: principal.user?.UserId,
  };
}

/** GetCallerIdentity: who the caller is. Always allowed; failing credentials still fail. */
export async function getCallerIdentity(account: AccountState, input?: { caller?: StsCaller }, options?: StsOptions): Promise<{ UserId: string; Account: string; Arn: string }> {
  const caller = input?.caller ?? options?.caller;
  const info = await resolveStsCaller(account, { ...options, caller }, false);
  const s = info.session;
  if (s && s.kind !== "GetSessionToken") {
    return { UserId: `${s.roleId}:${s.sessionName}`, Account: s.accountId, Arn: sessionArn(s, account.partition) };
  }
  const p = info.principal!;
  const UserId = info.type === "Account" ? info.accountId : info.type === "User" ? p.user!.UserId : String(p.context["aws:userid"] ?? "");
  return { UserId, Account: info.accountId, Arn: p.arn };
}
