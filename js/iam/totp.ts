/**
 * @module iam/totp
 * HOTP (RFC 4226) and TOTP (RFC 6238) one-time passwords on WebCrypto HMAC, for virtual MFA
 * devices. AWS virtual MFA uses TOTP with HMAC-SHA-1, 6 digits and a 30-second step; the
 * SHA-256 and SHA-512 variants and 7-8 digits are here because RFC 6238 defines them and its
 * test vectors use them. Web APIs only (`crypto.subtle`), so it runs in Node, Workers and browsers.
 * @see https://www.rfc-editor.org/rfc/rfc4226 (HOTP, dynamic truncation: section 5.3)
 * @see https://www.rfc-editor.org/rfc/rfc6238 (TOTP, time steps and the verification window: section 5.2)
 */

export type OtpAlgorithm = "SHA-1" | "SHA-256" | "SHA-512";

export interface OtpOptions {
  /** HMAC hash (default `SHA-1`, the only one authenticator apps and AWS use). */
  algorithm?: OtpAlgorithm;
  /** Code length, 6 to 8 (default 6). */
  digits?: number;
}

export interface TotpOptions extends OtpOptions {
  /** Time step in seconds, `X` in RFC 6238 (default 30). */
  step?: number;
  /** Unix time (seconds) the steps count from, `T0` (default 0). */
  t0?: number;
}

const ALGORITHMS: readonly OtpAlgorithm[] = ["SHA-1", "SHA-256", "SHA-512"];

function checkOptions(options: OtpOptions): { algorithm: OtpAlgorithm; digits: number } {
  const algorithm = options.algorithm ?? "SHA-1";
  const digits = options.digits ?? 6;
  if (!ALGORITHMS.includes(algorithm)) throw new RangeError(`OTP algorithm must be one of ${ALGORITHMS.join(", ")}, not ${String(algorithm)}`);
  if (!Number.isInteger(digits) || digits < 6 || digits > 8) throw new RangeError(`OTP digits must be 6, 7 or 8, not ${String(digits)}`);
  return { algorithm, digits };
}

/**
 * HOTP(K, C) = Truncate(HMAC(K, C)) mod 10^digits, zero-padded (RFC 4226 section 5.3).
 * @param key the shared secret (raw bytes; decode a base32 seed with base32Decode first)
 * @param counter the moving factor, a non-negative integer below 2^53
 * @example await hotp(new TextEncoder().encode("12345678901234567890"), 0) // "755224"
 */
export async function hotp(key: Uint8Array, counter: number, options: OtpOptions = {}): Promise<string> {
  const { algorithm, digits } = checkOptions(options);
  if (!Number.isSafeInteger(counter) || counter < 0) throw new RangeError(`HOTP counter must be a non-negative integer, not ${counter}`);
  // The counter is 8 bytes big-endian; split it so values above 2^32 (RFC 6238's year-2603 vector) stay exact.
  const message = new Uint8Array(8);
  const view = new DataView(message.buffer);
  view.setUint32(0, Math.floor(counter / 2 ** 32));
  view.setUint32(4, counter >>> 0);
  const cryptoKey = await crypto.subtle.importKey("raw", new Uint8Array(key), { name: "HMAC", hash: algorithm }, false, ["sign"]);
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", cryptoKey, message));
  const offset = mac[mac.length - 1] & 0x0f;
  const binary = ((mac[offset] & 0x7f) << 24) | (mac[offset + 1] << 16) | (mac[offset + 2] << 8) | mac[offset + 3];
  return String(binary % 10 ** digits).padStart(digits, "0");
}

/** The TOTP time step containing `time`: floor((unixSeconds - T0) / X) (RFC 6238 section 4.2). */
export function timeStep(time: Date | number, step = 30, t0 = 0): number {
  const seconds = typeof time === "number" ? time : time.getTime() / 1000;
  if (!Number.isFinite(seconds)) throw new RangeError("TOTP time must be a finite date");
  if (!(step > 0)) throw new RangeError(`TOTP step must be positive, not ${step}`);
  return Math.floor((seconds - t0) / step);
}

/**
 * The TOTP code at `time` (a Date, or Unix seconds).
 * @example await totp(seed, new Date()) // "287082"
 */
export async function totp(key: Uint8Array, time: Date | number, options: TotpOptions = {}): Promise<string> {
  return hotp(key, timeStep(time, options.step, options.t0), options);
}

/** Compares two strings without an early exit on the first difference (codes are secrets too). */
export function constantTimeEqualString(a: string, b: string): boolean {
  let diff = a.length ^ b.length;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i % Math.max(b.length, 1));
  return diff === 0;
}

export interface TotpVerifyOptions extends TotpOptions {
  /** Steps accepted either side of the current one, for clock drift (default 1, as RFC 6238 section 5.2 recommends). */
  window?: number;
  /** Steps at or before this one are refused: each code is usable once (RFC 6238 section 5.2). */
  lastUsedStep?: number;
}

/**
 * Finds the step whose code is `code`, among the current step ± `window`, skipping steps at or
 * before `lastUsedStep`. Returns the matching step (store it as the new last-used step), or
 * `undefined` when none matches. Every candidate is computed, so timing does not reveal which one matched.
 */
export async function verifyTotp(key: Uint8Array, code: string, time: Date | number, options: TotpVerifyOptions = {}): Promise<number | undefined> {
  const window = options.window ?? 1;
  if (!Number.isInteger(window) || window < 0) throw new RangeError(`TOTP window must be a non-negative integer, not ${window}`);
  const current = timeStep(time, options.step, options.t0);
  let found: number | undefined;
  for (let s = current - window; s <= current + window; s++) {
    if (s < 0) continue;
    const candidate = await hotp(key, s, options);
    const fresh = options.lastUsedStep === undefined || s > options.lastUsedStep;
    if (constantTimeEqualString(candidate, code) && fresh && found === undefined) found = s;
  }
  return found;
}
