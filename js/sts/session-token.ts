/**
 * @module sts/session-token
 * GetSessionToken (API_GetSessionToken; "Requesting temporary security credentials"): temporary
 * credentials for an IAM user (900-129600 seconds, default 43200) or the root user (900-3600,
 * default 3600). With `SerialNumber` + `TokenCode` (the user's virtual MFA device, each code usable
 * once) the session has `aws:MultiFactorAuthPresent` true and `aws:MultiFactorAuthAge` counted
 * from that moment at each decision; without them it is false. A role session (or a
 * GetSessionToken session) cannot call it: AccessDenied. No permission is required (AWS grants
 * it to every user), so it is not authorized through the engine. The session resolves to the
 * user with the temporary-credential keys (resolve-session.ts).
 */
import { Account } from "../iam/account.ts";
import type { Credentials, SessionData } from "./session.ts";
import { issueCredentials } from "./credentials.ts";
import { stsError } from "./token.ts";
import { resolveStsCaller, type StsOptions } from "./caller-identity.ts";
import { checkDuration, checkMfaParams, verifyCallerMfa } from "./assume-role.ts";

export interface GetSessionTokenRequest {
  DurationSeconds?: number;
  SerialNumber?: string;
  TokenCode?: string;
}

declare module "../iam/account.ts" {
  interface Account {
    /**
     * GetSessionToken: temporary credentials for the calling user (or root), optionally with MFA.
     * @example
     * const { Credentials } = await account.getSessionToken({ SerialNumber, TokenCode }, { caller: aliceArn });
     */
    getSessionToken(input?: GetSessionTokenRequest, options?: StsOptions): Promise<{ Credentials: Credentials }>;
  }
}

Account.prototype.getSessionToken = async function (this: Account, input: GetSessionTokenRequest = {}, options?: StsOptions) {
  const mfa = checkMfaParams(input?.SerialNumber, input?.TokenCode);
  checkDuration(input?.DurationSeconds, 900, 129600, 43200);
  const caller = await resolveStsCaller(this, options, false);
  if (caller.session || caller.type === "AssumedRole") {
    throw stsError("AccessDenied", "Cannot call GetSessionToken with session credentials");
  }
  if (caller.accountId !== this.accountId) {
    throw stsError("AccessDenied", `GetSessionToken issues credentials for the caller's own account: call it on account ${caller.accountId}`);
  }
  const root = caller.type === "Account";
  const seconds = root ? checkDuration(input?.DurationSeconds, 900, 3600, 3600) : checkDuration(input?.DurationSeconds, 900, 129600, 43200);
  const now = Math.floor(this.now().getTime() / 1000);
  if (mfa) await verifyCallerMfa(caller, mfa);
  const session: Omit<SessionData, "accessKeyId"> = {
    kind: "GetSessionToken", accountId: this.accountId,
    userArn: root ? this.rootArn : caller.arn, userId: root ? this.accountId : caller.userId,
    tags: [], transitiveTagKeys: [], mfaAuthenticated: mfa !== undefined, issuedAt: now, expiresAt: now + seconds, chained: false,
  };
  if (mfa) session.mfaAuthTime = now;
  const { credentials } = await issueCredentials(this, session);
  return { Credentials: credentials };
};
