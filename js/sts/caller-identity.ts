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
import { Account } from "../iam/account.ts";
import { IamError } from "../iam/errors.ts";
import type { ContextValue } from "../engine/request.ts";
import { parsePrincipalArn, type CallerCredentials, type ResolvedPrincipal } from "../iam/resolve.ts";
import type { SessionData } from "./session.ts";
import { stsError } from "./token.ts";
import { sessionArn } from "./credentials.ts";
import "./resolve-session.ts";

/** The `caller` of an STS operation: a principal ARN, a service principal, or credentials. */
export type StsCaller = string | CallerCredentials;

/** Options STS operations take. */
export interface StsOptions {
  caller?: StsCaller;
  /** Extra request context (`aws:SourceIp`, ...); keys derived from the caller take precedence. */
  context?: Record<string, ContextValue>;
  /** The Account of a caller from another account (see the module doc). */
  callerAccount?: Account;
  /** Region recorded in RoleLastUsed and access-key last use. Default `us-east-1`. */
  region?: string;
}

/** A resolved STS caller. */
export interface StsCallerInfo {
  /** What goes in the engine request's `principal`: the principal ARN or the service name. */
  arn: string;
  accountId: string;
  type: "User" | "AssumedRole" | "Account" | "Service";
  /** The account the caller belongs to (this one, or options.callerAccount). */
  account?: Account;
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
export async function resolveStsCaller(account: Account, options: StsOptions | undefined, allowService: boolean): Promise<StsCallerInfo> {
  const caller = options?.caller;
  if (caller === undefined || caller === null || caller === "") {
    throw stsError("MissingAuthenticationToken", "Request is missing Authentication Token");
  }
  const other = options?.callerAccount;
  if (other !== undefined && (!(other instanceof Account) || other.engine !== account.engine)) {
    throw new IamError("ValidationError", "`callerAccount` must be an Account sharing this account's engine");
  }
  let home = account;
  let principal: ResolvedPrincipal;
  let session: SessionData | undefined;
  if (typeof caller === "object") {
    if (other && other.accountId !== account.accountId) home = other;
    const r = await home.resolveCredentials(caller, { serviceName: "sts", region: options?.region });
    principal = r.resolved;
    session = r.session;
  } else if (typeof caller === "string" && SERVICE.test(caller)) {
    if (!allowService) throw stsError("AccessDenied", `${caller} cannot call this operation`);
    return { arn: caller, accountId: "", type: "Service" };
  } else {
    const parsed = parsePrincipalArn(caller);
    if (!parsed || parsed.kind === "group") throw new IamError("ValidationError", `'${String(caller)}' is not the ARN of a user, role session or root user, nor a service principal`);
    if (parsed.account !== account.accountId) {
      if (!other || other.accountId !== parsed.account) {
        throw stsError("AccessDenied", `User: ${caller} is not authorized to perform this operation: its account ${parsed.account} is not modelled (pass options.callerAccount)`);
      }
      home = other;
    }
    if (parsed.kind === "role") throw new IamError("ValidationError", `'${caller}' is a role: a role calls through one of its sessions (arn:aws:sts::A:assumed-role/ROLE/SESSION)`);
    if (parsed.kind === "session" && !home.store.liveSessions.has(caller)) {
      throw stsError("InvalidClientTokenId", `No live session ${caller} was issued by account ${home.accountId}`);
    }
    try {
      principal = home.resolvePrincipal(caller);
    } catch (err) {
      if (err instanceof IamError && err.code === "NoSuchEntity") throw stsError("InvalidClientTokenId", "The security token included in the request is invalid.");
      throw err;
    }
    session = principal.stsSession;
  }
  return {
    arn: principal.requestPrincipal, accountId: home.accountId, type: principal.type, account: home, principal, session,
    userName: principal.user?.UserName, userId: principal.user?.UserId,
  };
}

declare module "../iam/account.ts" {
  interface Account {
    /**
     * GetCallerIdentity: who the caller is. Always allowed; failing credentials still fail.
     * @example
     * await account.getCallerIdentity({ caller: { accessKeyId, sessionToken } }) // { UserId, Account, Arn }
     */
    getCallerIdentity(input?: { caller?: StsCaller }, options?: StsOptions): Promise<{ UserId: string; Account: string; Arn: string }>;
  }
}

Account.prototype.getCallerIdentity = async function (this: Account, input?: { caller?: StsCaller }, options?: StsOptions) {
  const caller = input?.caller ?? options?.caller;
  const info = await resolveStsCaller(this, { ...options, caller }, false);
  const s = info.session;
  if (s && s.kind !== "GetSessionToken") {
    return { UserId: `${s.roleId}:${s.sessionName}`, Account: s.accountId, Arn: sessionArn(s, this.partition) };
  }
  const p = info.principal!;
  const UserId = info.type === "Account" ? info.accountId : info.type === "User" ? p.user!.UserId : String(p.context["aws:userid"] ?? "");
  return { UserId, Account: info.accountId, Arn: p.arn };
};
