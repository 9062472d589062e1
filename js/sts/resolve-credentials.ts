/**
 * @module sts/resolve-credentials
 * Request credentials into principals (`account.resolveCredentials`):
 * - `AKIA` long-term keys resolve to their user (or root) through the model's access keys
 *   (unknown or Inactive: InvalidClientTokenId) and record the use (last used service and
 *   region, as GetAccessKeyLastUsed reports it);
 * - `ASIA` temporary keys need their session token, verified with the account's key (token.ts):
 *   the principal is the assumed-role session ARN or, for GetSessionToken, the user (or root),
 *   resolved with the session's policies and keys (js/iam/resolve/sessions.ts).
 * A long-term key presented with a session token is refused, as STS refuses it.
 */
import type { AccountState } from "../iam/account-state.ts";
import { findAccessKey, recordAccessKeyUse } from "../iam/ops/access-keys.ts";
import { resolvePrincipal } from "../iam/resolve/authorize.ts";
import { resolveSession } from "../iam/resolve/sessions.ts";
import type { CallerCredentials, ResolveCredentialsOptions, ResolvedCredentials } from "../iam/resolve/types.ts";
import { verifySessionToken } from "./credentials.ts";
import { invalidToken } from "./token.ts";

/**
 * The access key ids this account issues: `AKIA` (long-term) or `ASIA` (temporary) and 16
 * characters of the base32 alphabet (js/iam/ids.ts), 20 in all, as AWS's are. One spelling:
 * lower case, other lengths or characters outside the alphabet are not ids of this account.
 */
const ACCESS_KEY_ID = /^A[KS]IA[A-Z2-7]{16}$/;

/**
 * Resolves request credentials to the principal and its session.
 * @throws IamError InvalidClientTokenId (unknown, Inactive, malformed or foreign), ExpiredToken,
 * AccessDenied (revoked session, or its role deleted)
 */
export async function resolveCredentials(account: AccountState, credentials: CallerCredentials, options?: ResolveCredentialsOptions): Promise<ResolvedCredentials> {
  if (!credentials || typeof credentials !== "object") throw invalidToken();
  const accessKeyId = credentials.accessKeyId;
  if (typeof accessKeyId !== "string" || !ACCESS_KEY_ID.test(accessKeyId)) throw invalidToken();
  const token = credentials.sessionToken;
  if (accessKeyId.startsWith("ASIA")) {
    if (typeof token !== "string" || token === "") throw invalidToken();
    const session = await verifySessionToken(account, accessKeyId, token);
    const resolved = resolveSession(account, session);
    return { principal: resolved.arn, session, resolved };
  }
  if (token !== undefined && token !== "") throw invalidToken();
  const owner = findAccessKey(account, accessKeyId);
  if (!owner || owner.key.Status !== "Active") throw invalidToken();
  const resolved = resolvePrincipal(account, owner.arn);
  recordAccessKeyUse(account, accessKeyId, options?.serviceName ?? "sts", options?.region ?? "us-east-1");
  return { principal: owner.arn, resolved };
}
