/**
 * @module iam/password
 * Console passwords: salted PBKDF2-HMAC-SHA256 hashes (WebCrypto), constant-time comparison,
 * and the account password policy's rules. A password is never stored, logged or returned;
 * only `{Salt, Hash, Iterations}` is kept (store.ts LoginProfileEntity).
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_passwords_account-policy.html
 * @see https://www.rfc-editor.org/rfc/rfc8018#section-5.2 (PBKDF2)
 */
import { IamError } from "./errors.ts";
import type { PasswordPolicy } from "./store.ts";
import { decodeBase64, encodeBase64 } from "./rfc4648.ts";

/**
 * PBKDF2 iterations for new hashes. Each stored hash records its own count, so raising this
 * later keeps old hashes verifiable. 100,000 rounds of HMAC-SHA256 take a few tens of
 * milliseconds in Node and Workers.
 */
export const PBKDF2_ITERATIONS = 100_000;
/** Salt length in bytes. */
export const SALT_BYTES = 16;

/** The symbols IAM's password policy counts ("Setting an account password policy"). */
export const PASSWORD_SYMBOLS = "!@#$%^&*()_+-=[]{}|'";

export interface PasswordHash {
  /** base64 */
  Salt: string;
  /** base64, 32 bytes */
  Hash: string;
  Iterations: number;
}

async function derive(password: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<Uint8Array> {
  const material = await crypto.subtle.importKey("raw", new TextEncoder().encode(password), "PBKDF2", false, ["deriveBits"]);
  const bits = await crypto.subtle.deriveBits({ name: "PBKDF2", hash: "SHA-256", salt, iterations }, material, 256);
  return new Uint8Array(bits);
}

/** Hashes a password with a fresh random salt. */
export async function hashPassword(password: string, iterations = PBKDF2_ITERATIONS): Promise<PasswordHash> {
  const salt = new Uint8Array(SALT_BYTES);
  crypto.getRandomValues(salt);
  const hash = await derive(password, salt, iterations);
  return { Salt: encodeBase64(salt), Hash: encodeBase64(hash), Iterations: iterations };
}

/**
 * True when `password` hashes to `stored` (compared in constant time). A stored salt or hash that
 * is not canonical base64 (rfc4648.ts) matches nothing.
 */
export async function verifyPasswordHash(password: string, stored: PasswordHash): Promise<boolean> {
  const expected = decodeBase64(stored.Hash);
  const salt = decodeBase64(stored.Salt);
  if (!expected || !salt) return false;
  const actual = await derive(password, salt, stored.Iterations);
  return constantTimeEqual(actual, expected);
}

/** Compares byte arrays without an early exit on the first difference. */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  let diff = a.length ^ b.length;
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}

/** Password arguments: 1-128 characters of `[\u0009\u000A\u000D\u0020-\u00FF]` (API_ChangePassword). */
export function checkPasswordArgument(value: unknown, field: string): string {
  const at = field.charAt(0).toLowerCase() + field.slice(1);
  if (typeof value !== "string" || value.length === 0) {
    throw new IamError("ValidationError", `1 validation error detected: Value at '${at}' failed to satisfy constraint: Member must not be null`);
  }
  // The value is a secret: the message never echoes it.
  if (value.length > 128) {
    throw new IamError("ValidationError", `1 validation error detected: Value at '${at}' failed to satisfy constraint: Member must have length less than or equal to 128`);
  }
  if (!/^[\u0009\u000A\u000D\u0020-\u00FF]+$/.test(value)) {
    throw new IamError("ValidationError", `1 validation error detected: Value at '${at}' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\u0009\\u000A\\u000D\\u0020-\\u00FF]+`);
  }
  return value;
}

const CLASSES = {
  uppercase: (c: string) => c >= "A" && c <= "Z",
  lowercase: (c: string) => c >= "a" && c <= "z",
  number: (c: string) => c >= "0" && c <= "9",
  symbol: (c: string) => PASSWORD_SYMBOLS.includes(c),
};

/**
 * Checks a new password against the account's policy, or AWS's default policy when the account
 * has none (at least 8 characters and three of the four character classes). Returns the rule it
 * breaks, as a message naming it, or undefined. Reuse prevention needs the hashes: see
 * login-profiles.ts.
 */
export function passwordPolicyViolation(password: string, policy: PasswordPolicy | undefined): string | undefined {
  const has = (cls: keyof typeof CLASSES) => [...password].some(CLASSES[cls]);
  if (!policy) {
    if (password.length < 8) return "Password does not conform to the account password policy: it must be at least 8 characters long (the default password policy)";
    const kinds = (Object.keys(CLASSES) as (keyof typeof CLASSES)[]).filter(has).length;
    if (kinds < 3) {
      return "Password does not conform to the account password policy: it must mix at least three of uppercase letters, lowercase letters, numbers and symbols (the default password policy)";
    }
    return undefined;
  }
  if (password.length < policy.MinimumPasswordLength) {
    return `Password does not conform to the account password policy: it must be at least ${policy.MinimumPasswordLength} characters long (MinimumPasswordLength)`;
  }
  if (policy.RequireUppercaseCharacters && !has("uppercase")) return "Password does not conform to the account password policy: it must contain an uppercase letter A-Z (RequireUppercaseCharacters)";
  if (policy.RequireLowercaseCharacters && !has("lowercase")) return "Password does not conform to the account password policy: it must contain a lowercase letter a-z (RequireLowercaseCharacters)";
  if (policy.RequireNumbers && !has("number")) return "Password does not conform to the account password policy: it must contain a number 0-9 (RequireNumbers)";
  if (policy.RequireSymbols && !has("symbol")) {
    return `Password does not conform to the account password policy: it must contain one of the symbols ${PASSWORD_SYMBOLS.split("").join(" ")} (RequireSymbols)`;
  }
  return undefined;
}
