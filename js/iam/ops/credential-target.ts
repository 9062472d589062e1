/**
 * @module iam/ops/credential-target
 * Whose credentials a request names, as the access-key, MFA and login-profile operations read
 * it: `UserName`, or, when it is omitted, the identity that signs the request (IAM acts on the
 * calling user; the root user's own keys for access keys), and the string checks those
 * operations share, with IAM's ValidationError wording.
 */
import type { AccountState, OperationOptions } from "../account-state.ts";
import { IamError } from "../errors.ts";
import type { UserEntity } from "../store.ts";

/** Whose credentials a request names. */
export type CredentialTarget =
  | { kind: "user"; userName: string; user: UserEntity | undefined; arn: string }
  | { kind: "root"; arn: string };

function lcFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

/** A required string argument, or ValidationError in IAM's wording. */
export function requireString(value: unknown, field: string): string {
  if (typeof value !== "string" || value.length === 0) {
    throw new IamError("ValidationError", `1 validation error detected: Value at '${lcFirst(field)}' failed to satisfy constraint: Member must not be null`);
  }
  return value;
}

/** Checks `value` against a length range and a pattern, with IAM's ValidationError wording. */
export function checkString(value: unknown, field: string, min: number, max: number, pattern: RegExp, patternText: string): string {
  const s = requireString(value, field);
  if (s.length < min) throw new IamError("ValidationError", `1 validation error detected: Value '${s}' at '${lcFirst(field)}' failed to satisfy constraint: Member must have length greater than or equal to ${min}`);
  if (s.length > max) throw new IamError("ValidationError", `1 validation error detected: Value '${s}' at '${lcFirst(field)}' failed to satisfy constraint: Member must have length less than or equal to ${max}`);
  if (!pattern.test(s)) throw new IamError("ValidationError", `1 validation error detected: Value '${s}' at '${lcFirst(field)}' failed to satisfy constraint: Member must satisfy regular expression pattern: ${patternText}`);
  return s;
}

/** An existing user's name (IAM's existingUserNameType: 1-128 of `[\w+=,.@-]`). */
export function checkExistingUserName(value: unknown, field = "UserName"): string {
  return checkString(value, field, 1, 128, /^[\w+=,.@-]+$/, "[\\w+=,.@-]+");
}

/**
 * Resolves `UserName`, or, when it is omitted, the caller: IAM then acts on the identity that
 * signs the request. A user caller means that user; the root caller means the root user's own
 * credentials where `allowRoot` (access keys), else ValidationError; any other caller (a role
 * session, another account) is refused as IAM refuses it. Without UserName and without a
 * caller there is no signing identity: ValidationError.
 */
export function resolveCredentialTarget(account: AccountState, userName: unknown, options: OperationOptions | undefined, allowRoot: boolean): CredentialTarget {
  if (userName !== undefined) {
    const name = checkExistingUserName(userName);
    const user = account.store.users.get(name.toLowerCase());
    return { kind: "user", userName: user?.UserName ?? name, user, arn: user?.Arn ?? account.arn(`user/${name}`) };
  }
  const caller = options?.caller;
  if (!caller) {
    throw new IamError("ValidationError", "UserName is required when no caller is given: IAM would use the identity signing the request (pass options.caller)");
  }
  if (caller === account.rootArn) {
    if (allowRoot) return { kind: "root", arn: caller };
    throw new IamError("ValidationError", "Must specify userName when calling with root credentials");
  }
  const m = /^arn:[^:]+:iam::(\d{12}):user\/(?:.*\/)?([\w+=,.@-]+)$/.exec(caller);
  if (!m || m[1] !== account.accountId) throw new IamError("ValidationError", "Must specify userName when calling with non-User credentials");
  const user = account.store.users.get(m[2].toLowerCase());
  if (!user || user.Arn !== caller) throw new IamError("NoSuchEntity", `The user with name ${m[2]} cannot be found.`);
  return { kind: "user", userName: user.UserName, user, arn: user.Arn };
}

/** The target's user, or NoSuchEntity. */
export function targetUser(target: CredentialTarget & { kind: "user" }): UserEntity {
  if (!target.user) throw new IamError("NoSuchEntity", `The user with name ${target.userName} cannot be found.`);
  return target.user;
}
