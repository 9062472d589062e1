/**
 * @module sts/credentials
 * Temporary credentials as STS issues them ("Requesting temporary security credentials"):
 * `AccessKeyId` `ASIA` + 16 base32 characters (20 in all), a 40-character `SecretAccessKey`, the
 * self-verifying `SessionToken` (token.ts) and `Expiration` (ISO 8601, seconds).
 *
 * The secret is not stored anywhere: it is HMAC-SHA256(secretKey, accessKeyId), the first 30
 * bytes as base64 (40 characters of the `[A-Za-z0-9+/]` alphabet AWS's secrets use), where
 * secretKey is derived from the account's session key (token.ts). An edge node holding the
 * account's key verifies the token, then recomputes the secret from the access key id to check
 * the SigV4 signature (`deriveSecretAccessKey`), with no lookup.
 */
import type { AccountState } from "../iam/account-state.ts";
import type { SessionData } from "../iam/store.ts";
import { randomId } from "../iam/ids.ts";
import { encodeBase64 } from "../iam/rfc4648.ts";
import { checkRevocation, isoSeconds, registerSession } from "../iam/resolve/sessions.ts";
import { decodeSessionToken, signSessionToken, stsKeys } from "./token.ts";

/** Credentials as STS returns them. */
export interface Credentials {
  AccessKeyId: string;
  SecretAccessKey: string;
  SessionToken: string;
  /** ISO 8601. */
  Expiration: string;
}

/** The temporary secret access key of `accessKeyId` under this account's key (see the module doc). */
export async function deriveSecretAccessKey(account: AccountState, accessKeyId: string): Promise<string> {
  const { secret } = await stsKeys(account);
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", secret, new TextEncoder().encode(accessKeyId)));
  return encodeBase64(mac.subarray(0, 30));
}

/**
 * Issues credentials for a session: picks an `ASIA` access key id, signs the session (with that
 * id) into a token and derives the secret; a role session becomes live (its ARN can name a
 * caller while it lasts). The session's times come from the caller (`issuedAt`, `expiresAt`,
 * epoch seconds).
 */
export async function issueCredentials(account: AccountState, session: Omit<SessionData, "accessKeyId">): Promise<{ credentials: Credentials; session: SessionData }> {
  const accessKeyId = randomId("ASIA", 16);
  const full: SessionData = { ...session, accessKeyId } as SessionData;
  const SessionToken = await signSessionToken(account, full);
  const SecretAccessKey = await deriveSecretAccessKey(account, accessKeyId);
  registerSession(account, full);
  return { credentials: { AccessKeyId: accessKeyId, SecretAccessKey, SessionToken, Expiration: isoSeconds(full.expiresAt) }, session: full };
}

/**
 * Verifies a session token presented with `accessKeyId` and returns its session: the MAC under
 * this account's key, the account, the access key id, expiry against `account.now()`, and the
 * role's revocation cut-off.
 * @throws IamError InvalidClientTokenId (malformed, altered, another account's, another key id),
 * ExpiredToken, AccessDenied (revoked)
 */
export async function verifySessionToken(account: AccountState, accessKeyId: string, sessionToken: string): Promise<SessionData> {
  const session = await decodeSessionToken(account, sessionToken, accessKeyId);
  checkRevocation(account, session);
  return session;
}
