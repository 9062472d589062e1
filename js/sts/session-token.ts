/**
 * @module sts/session-token
 * GetSessionToken (API_GetSessionToken; "Requesting temporary security credentials"): temporary
 * credentials for an IAM user (900-129600 seconds, default 43200) or the root user (900-3600,
 * default 3600). With `SerialNumber` + `TokenCode` (the user's virtual MFA device, each code usable
 * once) the session has `aws:MultiFactorAuthPresent` true and `aws:MultiFactorAuthAge` counted
 * from that moment at each decision; without them it is false. A role session (or a
 * GetSessionToken session) cannot call it: AccessDenied. No permission is required (AWS grants
 * it to every user), so it is not authorized through the engine. The session resolves to the
 * user with the temporary-credential keys (js/iam/resolve/sessions.ts).
 */
import type { AccountState } from "../iam/account-state.ts";
import { IamError } from "../iam/errors.ts";
import type { SessionData } from "../iam/store.ts";
import { issueCredentials, type Credentials } from "./credentials.ts";
import { resolveStsCaller, type StsOptions } from "./caller-identity.ts";
import { checkDuration, checkMfaParams, verifyCallerMfa } from "./params.ts";

export interface GetSessionTokenRequest {
  DurationSeconds?: number;
  SerialNumber?: string;
  TokenCode?: string;
}


export interface GetSessionTokenResponse { Credentials: Credentials }

/** GetSessionToken: temporary credentials for the calling user (or root), optionally with MFA. */
export async function getSessionToken(account: AccountState, input: GetSessionTokenRequest = {}, options?: StsOptions): Promise<GetSessionTokenResponse> {
  const mfa = checkMfaParams(input?.SerialNumber, input?.TokenCode);
  checkDuration(input?.DurationSeconds, 900, 129600, 43200);
  const caller = await resolveStsCaller(account, options, false);
  if (caller.session || caller.type === "AssumedRole") {
    throw new IamError("AccessDenied", "Cannot call GetSessionToken with session credentials");
  }
  if (caller.accountId !== account.accountId) {
    throw new IamError("AccessDenied", `GetSessionToken issues credentials for the caller's own account: call it on account ${caller.accountId}`);
  }
  const root = caller.type === "Account";
  const seconds = root ? checkDuration(input?.DurationSeconds, 900, 3600, 3600) : checkDuration(input?.DurationSeconds, 900, 129600, 43200);
  const now = Math.floor(account.now().getTime() / 1000);
  if (mfa) await verifyCallerMfa(caller, mfa);
  const session: Omit<SessionData, "accessKeyId"> = {
    kind: "GetSessionToken", accountId: account.accountId,
    userArn: root ? account.rootArn : caller.arn, userId: root ? account.accountId : caller.userId,
    tags: [], transitiveTagKeys: [], mfaAuthenticated: mfa !== undefined, issuedAt: now, expiresAt: now + seconds, chained: false,
  };
  if (mfa) session.mfaAuthTime = now;
  const { credentials } = await issueCredentials(account, session);
  return { Credentials: credentials };
}
