/**
 * @module sts/params
 * The request-parameter checks STS operations share, with STS's ValidationError wording (API
 * Reference, each operation's request parameters): strings by length and pattern, session
 * names, DurationSeconds, and MFA (`SerialNumber` + `TokenCode`, verified against the caller's
 * virtual device; a code is usable once; failed codes are limited per device and per user).
 */
import { IamError } from "../iam/errors.ts";
import { checkMfaCode } from "../iam/ops/mfa.ts";
import { mfaAttemptsExceeded } from "../iam/ops/attempts.ts";
import type { StsCallerInfo } from "./caller-identity.ts";

/** `1 validation error detected: Value 'v' at 'field' failed to satisfy constraint: ...` */
export function validationError(field: string, constraint: string, value?: unknown): IamError {
  const v = value === undefined ? "" : ` '${String(value)}'`;
  return new IamError("ValidationError", `1 validation error detected: Value${v} at '${field}' failed to satisfy constraint: ${constraint}`);
}

/** An optional (or `required`) string of `min`-`max` characters matching `pattern`. */
export function checkString(value: unknown, field: string, min: number, max: number, pattern: RegExp, patternText: string, required = false): string | undefined {
  if (value === undefined || value === null) {
    if (required) throw validationError(field, "Member must not be null");
    return undefined;
  }
  if (typeof value !== "string") throw validationError(field, "Member must be a string");
  if (value.length < min) throw validationError(field, `Member must have length greater than or equal to ${min}`, value);
  if (value.length > max) throw validationError(field, `Member must have length less than or equal to ${max}`, value);
  if (!pattern.test(value)) throw validationError(field, `Member must satisfy regular expression pattern: ${patternText}`, value);
  return value;
}

/** RoleSessionName and SourceIdentity: `[\w+=,.@-]`. */
export const SESSION_NAME = /^[\w+=,.@-]*$/;
const SERIAL = /^[\w+=/:,.@-]*$/;

/** DurationSeconds: an integer in [min, max]; ValidationError as STS words it. */
export function checkDuration(value: unknown, min: number, max: number, fallback: number): number {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== "number" || !Number.isInteger(value)) throw validationError("durationSeconds", "Member must be an integer", value);
  if (value < min) throw validationError("durationSeconds", `Member must have value greater than or equal to ${min}`, value);
  if (value > max) throw validationError("durationSeconds", `Member must have value less than or equal to ${max}`, value);
  return value;
}

/** SerialNumber + TokenCode: both or neither; returns them when given. */
export function checkMfaParams(serial: unknown, code: unknown): { serial: string; code: string } | undefined {
  const s = checkString(serial, "serialNumber", 9, 256, SERIAL, "[\\w+=/:,.@-]*");
  const c = checkString(code, "tokenCode", 6, 6, /^\d{6}$/, "[\\d]*");
  if (s === undefined && c === undefined) return undefined;
  if (s === undefined || c === undefined) throw new IamError("ValidationError", "SerialNumber and TokenCode must be given together");
  return { serial: s, code: c };
}

export const MFA_FAILED = "MultiFactorAuthentication failed with invalid MFA one time pass code. ";

/**
 * Verifies the caller's MFA code (usable once, within the attempt limits) in the caller's
 * account; AccessDenied otherwise, saying so when the attempt was refused for too many failures.
 */
export async function verifyCallerMfa(caller: StsCallerInfo, mfa: { serial: string; code: string }): Promise<void> {
  // Only an IAM user (or a session of one, from GetSessionToken) owns virtual MFA devices here.
  if (caller.account === undefined || caller.userName === undefined) throw new IamError("AccessDenied", MFA_FAILED);
  const check = await checkMfaCode(caller.account, mfa.serial, mfa.code, caller.userName);
  if (check.lockedUntil !== undefined) throw mfaAttemptsExceeded(check.lockedUntil);
  if (!check.valid) throw new IamError("AccessDenied", MFA_FAILED);
}
