/**
 * @module org/validate
 * Parameter checks of the Organizations API (each operation's "Request Parameters" in the API
 * Reference): names of OUs and policies 1-128 characters, account names 1-50, descriptions 0-512,
 * emails 6-64 characters shaped `local@domain.tld`, role names as IAM spells them. A value outside
 * them is InvalidInputException with the Reason AWS's model names (`INPUT_REQUIRED`,
 * `MIN_LENGTH_EXCEEDED`, `MAX_LENGTH_EXCEEDED`, `INVALID_PATTERN`, `INVALID_ENUM`, ...).
 */
import { invalidInput } from "./errors.ts";
import { POLICY_TYPES, type PolicyType } from "./shapes.ts";

export function requiredString(value: unknown, field: string, min: number, max: number, pattern?: RegExp): string {
  if (value === undefined || value === null) throw invalidInput("INPUT_REQUIRED", `You must specify a value for ${field}.`);
  if (typeof value !== "string") throw invalidInput("INVALID_PATTERN", `${field} must be a string.`);
  return checkString(value, field, min, max, pattern);
}

export function optionalString(value: unknown, field: string, min: number, max: number, pattern?: RegExp): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") throw invalidInput("INVALID_PATTERN", `${field} must be a string.`);
  return checkString(value, field, min, max, pattern);
}

function checkString(value: string, field: string, min: number, max: number, pattern?: RegExp): string {
  if (value.length < min) throw invalidInput("MIN_LENGTH_EXCEEDED", `${field} must be at least ${min} characters long.`);
  if (value.length > max) throw invalidInput("MAX_LENGTH_EXCEEDED", `${field} must be at most ${max} characters long.`);
  if (pattern && !pattern.test(value)) throw invalidInput("INVALID_PATTERN", `You specified a value for ${field} that is not valid.`);
  return value;
}

/** Names of OUs and policies: 1-128 characters (API_CreateOrganizationalUnit, API_CreatePolicy). */
export const NAME = /^[\s\S]*$/;
/** Account names: 1-50 printable characters (API_CreateAccount: `[\u0020-\u007E]+`). */
export const ACCOUNT_NAME = /^[\u0020-\u007e]+$/;
/** Emails: API_CreateAccount's pattern, 6-64 characters. */
export const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** IAM role names (API_CreateAccount RoleName: `[\w+=,.@-]{1,64}`). */
export const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;

/** A policy type this model enforces; the other Organizations policy types are refused by name. */
export function policyType(value: unknown, field = "Type"): PolicyType {
  if (value === undefined || value === null) throw invalidInput("INPUT_REQUIRED", `You must specify a value for ${field}.`);
  if (!POLICY_TYPES.includes(value as PolicyType)) {
    throw invalidInput("INVALID_ENUM_POLICY_TYPE", `${field} ${String(value).slice(0, 64)} is not supported here: SERVICE_CONTROL_POLICY or RESOURCE_CONTROL_POLICY.`);
  }
  return value as PolicyType;
}
