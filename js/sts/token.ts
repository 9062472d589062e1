/**
 * @module sts/token
 * The self-verifying session token: the SessionData as compact JSON, authenticated with
 * HMAC-SHA256 under a key derived from the account's session key, so an edge node holding that
 * key checks a token and recovers the session (role, account, session policies, tags, MFA, issue
 * and expiry times) with no lookup.
 *
 * Format (version 1): `IE1.` + base64url(JSON) + `.` + base64url(HMAC-SHA256(tokenKey, "IE1." + base64url(JSON))).
 * Both parts are canonical base64url (js/iam/rfc4648.ts): a token has exactly one spelling, so
 * changing a character, even one whose bits a lenient decoder ignores, makes it invalid.
 * The token is authenticated, **not encrypted**: whoever holds it can read its session (the
 * holder already knows it: the caller passed its session policies and tags). The MAC is checked
 * with WebCrypto's `verify`, which compares in constant time.
 *
 * Keys: the account's `sessionKey` (AccountOptions, else 32 random bytes kept in the store) is
 * never used directly: HMAC-SHA256(sessionKey, label) derives one key per purpose
 * (`iam-edge/sts/token/v1` authenticates tokens, `iam-edge/sts/secret/v1` derives the temporary
 * secret access keys in credentials.ts).
 *
 * Errors, as STS answers them: a malformed, altered or foreign token (another account's key, or
 * a token naming another account) is `InvalidClientTokenId` "The security token included in the
 * request is invalid."; an expired one (`expiresAt` <= `account.now()`) is `ExpiredToken` "The
 * security token included in the request is expired". Revocation is the model's
 * (js/iam/resolve/sessions.ts `checkRevocation`).
 */
import type { AccountState } from "../iam/account-state.ts";
import { IamError } from "../iam/errors.ts";
import type { SessionData, SessionKind } from "../iam/store.ts";
import { EXPIRED_TOKEN_MESSAGE } from "../iam/resolve/sessions.ts";
import { decodeBase64url, encodeBase64url } from "../iam/rfc4648.ts";

export const TOKEN_VERSION = "IE1";
/** Tokens longer than this are refused before any decoding. */
const MAX_TOKEN_LENGTH = 32768;

/** STS's text for credentials it does not know or cannot verify. */
export const INVALID_TOKEN_MESSAGE = "The security token included in the request is invalid.";

export const invalidToken = (): IamError => new IamError("InvalidClientTokenId", INVALID_TOKEN_MESSAGE);

// ---------------------------------------------------------------------------------------------
// Keys

interface DerivedKeys {
  token: CryptoKey;
  secret: CryptoKey;
}

const keyCache = new WeakMap<AccountState, { raw: Uint8Array; keys: Promise<DerivedKeys> }>();
const enc = new TextEncoder();

async function hmacKey(raw: Uint8Array, usages: KeyUsage[]): Promise<CryptoKey> {
  return crypto.subtle.importKey("raw", raw as BufferSource, { name: "HMAC", hash: "SHA-256" }, false, usages);
}

async function derive(raw: Uint8Array): Promise<DerivedKeys> {
  const master = await hmacKey(raw, ["sign"]);
  const sub = async (label: string, usages: KeyUsage[]) => hmacKey(new Uint8Array(await crypto.subtle.sign("HMAC", master, enc.encode(label))), usages);
  return { token: await sub("iam-edge/sts/token/v1", ["sign", "verify"]), secret: await sub("iam-edge/sts/secret/v1", ["sign"]) };
}

/** @internal The account's derived STS keys (cached per account and key). */
export function stsKeys(account: AccountState): Promise<DerivedKeys> {
  const raw = account.store.sessionKey;
  const hit = keyCache.get(account);
  if (hit && hit.raw === raw) return hit.keys;
  const keys = derive(raw);
  keyCache.set(account, { raw, keys });
  return keys;
}

// ---------------------------------------------------------------------------------------------
// base64url: the one strict decoder (js/iam/rfc4648.ts), so a token has one spelling

export const base64url = encodeBase64url;

/** Constant-time comparison of two strings (length differences return early: lengths are not secret). */
export function constantTimeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

// ---------------------------------------------------------------------------------------------
// Sign and verify

/** Serializes and authenticates a session. */
export async function signSessionToken(account: AccountState, session: SessionData): Promise<string> {
  const { token } = await stsKeys(account);
  const body = `${TOKEN_VERSION}.${base64url(enc.encode(JSON.stringify(session)))}`;
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", token, enc.encode(body)));
  return `${body}.${base64url(mac)}`;
}

const KINDS: SessionKind[] = ["AssumeRole", "AssumeRoleWithWebIdentity", "AssumeRoleWithSAML", "GetSessionToken"];

function wellFormed(s: unknown): s is SessionData {
  if (!s || typeof s !== "object") return false;
  const d = s as Record<string, unknown>;
  return KINDS.includes(d.kind as SessionKind) && typeof d.accountId === "string" && typeof d.accessKeyId === "string" &&
    Array.isArray(d.tags) && Array.isArray(d.transitiveTagKeys) && typeof d.mfaAuthenticated === "boolean" &&
    Number.isFinite(d.issuedAt) && Number.isFinite(d.expiresAt) && typeof d.chained === "boolean";
}

/**
 * Checks a session token's MAC under this account's key and recovers its session; checks that
 * it names this account and, when given, the access key id, and that it has not expired.
 * Does not check revocation (see `checkRevocation`).
 * @throws IamError InvalidClientTokenId (malformed, altered, foreign), ExpiredToken
 */
export async function decodeSessionToken(account: AccountState, sessionToken: string, accessKeyId?: string): Promise<SessionData> {
  if (typeof sessionToken !== "string" || sessionToken.length > MAX_TOKEN_LENGTH) throw invalidToken();
  const parts = sessionToken.split(".");
  if (parts.length !== 3 || parts[0] !== TOKEN_VERSION) throw invalidToken();
  const payload = decodeBase64url(parts[1]);
  const mac = decodeBase64url(parts[2]);
  if (!payload || !mac || mac.length !== 32) throw invalidToken();
  const { token } = await stsKeys(account);
  const ok = await crypto.subtle.verify("HMAC", token, mac as BufferSource, enc.encode(`${parts[0]}.${parts[1]}`));
  if (!ok) throw invalidToken();
  let session: unknown;
  try {
    session = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(payload));
  } catch {
    throw invalidToken();
  }
  if (!wellFormed(session) || session.accountId !== account.accountId) throw invalidToken();
  if (accessKeyId !== undefined && (typeof accessKeyId !== "string" || !constantTimeEqual(accessKeyId, session.accessKeyId))) throw invalidToken();
  if (account.now().getTime() / 1000 >= session.expiresAt) throw new IamError("ExpiredToken", EXPIRED_TOKEN_MESSAGE);
  return session;
}
