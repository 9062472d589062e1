/**
 * @module iam/ops/sign-in
 * Console sign-in with a password (`account.verifyPassword`, internal: IAM has no API for it;
 * the edge's sign-in page calls it).
 *
 * **The same work for every answer.** An unknown user, a user without a login profile, and a
 * password that cannot be one (not a string, over 128 characters) are checked against a dummy
 * hash of the same cost as a real one (PBKDF2-HMAC-SHA256, `PBKDF2_ITERATIONS` rounds, a salt
 * of `SALT_BYTES`), so the time of an answer does not tell whether the user exists. Only a
 * matching password learns more: expiry and the reset flag are reported for valid passwords
 * only (a wrong password for an expired profile answers as for an unknown user).
 *
 * **Limited attempts.** Each attempt counts against the user's password key
 * (attempt-limits.ts, ops/attempts.ts): after five failures the key is locked out for a time
 * that doubles per failure, up to 15 minutes; a locked-out attempt is answered `throttled`
 * without computing anything, for unknown users as for known ones.
 *
 * What stays different, by design: a hash stored with another iteration count (none is written
 * with another; a restored older state could hold one) takes its own time.
 */
import type { AccountState } from "../account-state.ts";
import { encodeBase64 } from "../rfc4648.ts";
import { PBKDF2_ITERATIONS, SALT_BYTES, verifyPasswordHash, type PasswordHash } from "../password.ts";
import { expiry, stored } from "./login-profiles.ts";
import { passwordKeys, retryAfter } from "./attempts.ts";

/** What a sign-in with a password finds (verifyPassword). */
export interface PasswordVerification {
  /** The user has a login profile and the password matches it. */
  valid: boolean;
  /** The password is older than the policy's MaxPasswordAge (reported for a valid password only). */
  expired: boolean;
  /** When the password expires: PasswordLastChanged + MaxPasswordAge days, if the policy expires passwords (valid passwords only). */
  expiresAt?: string;
  /** The user must set a new password (ChangePassword) before doing anything else: PasswordResetRequired, or an expired password. */
  mustChange: boolean;
  /** Expired under HardExpiry: the user cannot sign in or change it; an administrator must reset it (UpdateLoginProfile). */
  locked: boolean;
  /** Present (true) when the attempt was refused unchecked: too many failed attempts (attempt-limits.ts). */
  throttled?: true;
  /** With `throttled`: when to try again (ISO 8601). */
  retryAfter?: string;
}

/** The longest password any profile can hold (API_CreateLoginProfile: Password is 1-128 characters). */
const MAX_PASSWORD = 128;

/** A hash nothing is compared against successfully, costing what a stored one costs. */
const DUMMY_HASH: PasswordHash = { Salt: encodeBase64(new Uint8Array(SALT_BYTES)), Hash: encodeBase64(new Uint8Array(32)), Iterations: PBKDF2_ITERATIONS };

const REFUSED: PasswordVerification = { valid: false, expired: false, mustChange: false, locked: false };

/** Checks a user's password (see the module doc); a valid sign-in that is not locked records PasswordLastUsed. */
export async function verifyPassword(account: AccountState, userName: string, password: string): Promise<PasswordVerification> {
  const keys = passwordKeys(account, userName);
  const gate = account.attempts.begin(keys);
  if (!gate.allowed) return { ...REFUSED, throttled: true, retryAfter: retryAfter(gate.lockedUntil) };
  const user = typeof userName === "string" ? account.store.users.get(userName.toLowerCase()) : undefined;
  const profile = user?.LoginProfile;
  const candidate = typeof password === "string" && password.length <= MAX_PASSWORD ? password : undefined;
  const real = profile !== undefined && candidate !== undefined;
  const hashBefore = profile?.Hash;
  const matched = await verifyPasswordHash(candidate ?? "", real ? stored(profile) : DUMMY_HASH);
  // Re-read after the await: the profile may have changed or gone while the hash ran.
  if (!real || !matched || user!.LoginProfile !== profile || profile.Hash !== hashBefore) return { ...REFUSED };
  account.attempts.succeeded(keys);
  const { expired, expiresAt } = expiry(account, profile);
  const locked = expired && !!account.store.passwordPolicy?.HardExpiry;
  const result: PasswordVerification = { valid: true, expired, mustChange: !locked && (profile.PasswordResetRequired || expired), locked };
  if (expiresAt) result.expiresAt = expiresAt;
  if (!locked) user!.PasswordLastUsed = account.timestamp();
  return result;
}
