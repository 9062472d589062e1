/**
 * @module iam/ops/attempts
 * What password and MFA attempts are counted against (attempt-limits.ts), and how a refused
 * attempt is answered.
 *
 * Keys: a user's password (`password:<user>`, sign-in and ChangePassword alike); an MFA device
 * (`mfa-device:<serial>`) and its user's devices together (`mfa-user:<user>`). A code tried
 * against a device the caller cannot use (unknown, unassigned, another user's) counts against
 * the caller's own MFA key only: a guesser cannot lock somebody else's device.
 *
 * Answers keep the code a wrong attempt gets (AccessDenied for STS and ChangePassword,
 * InvalidAuthenticationCode for EnableMFADevice), as Cognito answers a lockout with the
 * NotAuthorizedException of a wrong password ("Password attempts exceeded"), with a message
 * that says so and when to try again. Not `Throttling`: the SDKs retry that code on their own,
 * and each retry would be one more attempt (docs/iam-errors.md).
 */
import type { AccountState } from "../account-state.ts";
import type { AttemptKey } from "../attempt-limits.ts";
import { IamError } from "../errors.ts";

/** The key of a user's password. */
export function passwordKeys(account: AccountState, userName: unknown): AttemptKey[] {
  const name = typeof userName === "string" ? userName.toLowerCase() : "";
  return [{ key: `password:${name}`, known: account.store.users.has(name) }];
}

/**
 * The keys of a code tried against `serial` by `userName` (when the caller is known): the device
 * and the user's MFA, when the device is the user's; only the user's MFA otherwise (or, with no
 * user named, the serial as an unknown key).
 */
export function mfaKeys(account: AccountState, serial: string, userName: string | undefined): AttemptKey[] {
  const lower = serial.toLowerCase();
  const owner = account.store.mfaDevices.get(lower)?.UserName?.toLowerCase();
  const usable = owner !== undefined && (userName === undefined || owner === userName.toLowerCase());
  const user = usable ? owner : userName?.toLowerCase();
  const keys: AttemptKey[] = [];
  if (usable || user === undefined) keys.push({ key: `mfa-device:${lower}`, known: usable });
  if (user !== undefined) keys.push({ key: `mfa-user:${user}`, known: account.store.users.has(user) });
  return keys;
}

/** The keys of EnableMFADevice: the (unassigned) device and the user it is being enabled for. */
export function enableKeys(serial: string, userName: string): AttemptKey[] {
  return [{ key: `mfa-device:${serial.toLowerCase()}`, known: true }, { key: `mfa-user:${userName.toLowerCase()}`, known: true }];
}

/** When a locked-out key may try again: ISO 8601, rounded up to the second. */
export function retryAfter(lockedUntil: number): string {
  return new Date(Math.ceil(lockedUntil / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
}

export function passwordAttemptsExceeded(lockedUntil: number): IamError {
  return new IamError("AccessDenied", `Password attempts exceeded: too many failed attempts; try again after ${retryAfter(lockedUntil)}.`);
}

export function mfaAttemptsExceeded(lockedUntil: number): IamError {
  return new IamError("AccessDenied", `MultiFactorAuthentication failed: too many invalid MFA one time pass codes; try again after ${retryAfter(lockedUntil)}.`);
}

export function enableAttemptsExceeded(lockedUntil: number): IamError {
  return new IamError("InvalidAuthenticationCode", `Too many invalid authentication codes for this device or user; try again after ${retryAfter(lockedUntil)}.`);
}
