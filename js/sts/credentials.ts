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
import type { Account } from "../iam/account.ts";
import type { Credentials, SessionData } from "./session.ts";
import { randomId } from "../iam/ids.ts";
import { checkRevocation, decodeSessionToken, signSessionToken, stsKeys } from "./token.ts";

/** ISO 8601 to the second, as STS writes `Expiration`. */
export function isoSeconds(epochSeconds: number): string {
  return new Date(epochSeconds * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** The temporary secret access key of `accessKeyId` under this account's key (see the module doc). */
export async function deriveSecretAccessKey(account: Account, accessKeyId: string): Promise<string> {
  const { secret } = await stsKeys(account);
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", secret, new TextEncoder().encode(accessKeyId)));
  let bin = "";
  for (let i = 0; i < 30; i++) bin += String.fromCharCode(mac[i]);
  return btoa(bin);
}

/**
 * Issues credentials for a session: picks an `ASIA` access key id, signs the session (with that
 * id) into a token and derives the secret. The session's times come from the caller
 * (`issuedAt`, `expiresAt`, epoch seconds).
 */
export async function issueCredentials(account: Account, session: Omit<SessionData, "accessKeyId">): Promise<{ credentials: Credentials; session: SessionData }> {
  const accessKeyId = randomId("ASIA", 16);
  const full: SessionData = { ...session, accessKeyId } as SessionData;
  const SessionToken = await signSessionToken(account, full);
  const SecretAccessKey = await deriveSecretAccessKey(account, accessKeyId);
  registerSession(account, full);
  return { credentials: { AccessKeyId: accessKeyId, SecretAccessKey, SessionToken, Expiration: isoSeconds(full.expiresAt) }, session: full };
}

/** The session's ARN: `arn:aws:sts::A:assumed-role/ROLE/SESSION` (role path dropped), or the user or root ARN. */
export function sessionArn(session: SessionData, partition = "aws"): string {
  if (session.roleArn && session.sessionName) {
    const role = session.roleArn.slice(session.roleArn.lastIndexOf("/") + 1);
    return `arn:${partition}:sts::${session.accountId}:assumed-role/${role}/${session.sessionName}`;
  }
  return session.userArn ?? `arn:${partition}:iam::${session.accountId}:root`;
}

const MAX_LIVE_SESSIONS = 4096;

/**
 * Remembers a role session under its ARN (the latest one wins), so the ARN can name a caller
 * while the session lives. Expired sessions are dropped as new ones arrive; past
 * MAX_LIVE_SESSIONS the oldest go first. Credentials never need this: their token carries all.
 */
export function registerSession(account: Account, session: SessionData): void {
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
 * Verifies a session token presented with `accessKeyId` and returns its session: the MAC under
 * this account's key, the account, the access key id, expiry against `account.now()`, and the
 * role's revocation cut-off.
 * @throws IamError InvalidClientTokenId (malformed, altered, another account's, another key id),
 * ExpiredToken, AccessDenied (revoked)
 */
export async function verifySessionToken(account: Account, accessKeyId: string, sessionToken: string): Promise<SessionData> {
  const session = await decodeSessionToken(account, sessionToken, accessKeyId);
  checkRevocation(account, session);
  return session;
}
