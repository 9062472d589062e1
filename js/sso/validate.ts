/**
 * @module sso/validate
 * Input checks with the constraints of the IAM Identity Center API Reference (each request's
 * "Request Parameters"): a failure is ValidationException naming the member.
 */
import { invalid } from "./errors.ts";

type Input = Record<string, unknown>;

export function str(input: Input, member: string, opts: { min?: number; max: number; pattern?: RegExp; optional?: boolean }): string | undefined {
  const v = input[member];
  if (v === undefined && opts.optional) return undefined;
  if (typeof v !== "string") throw invalid(`1 validation error detected: Value at '${lower(member)}' failed to satisfy constraint: Member must not be null`);
  if (v.length < (opts.min ?? 1) || v.length > opts.max) throw invalid(`1 validation error detected: Value at '${lower(member)}' failed to satisfy constraint: Member must have length between ${opts.min ?? 1} and ${opts.max}`);
  if (opts.pattern && !opts.pattern.test(v)) throw invalid(`1 validation error detected: Value at '${lower(member)}' failed to satisfy constraint: Member must satisfy regular expression pattern: ${opts.pattern.source}`);
  return v;
}

export const required = (input: Input, member: string, opts: { min?: number; max: number; pattern?: RegExp }): string => str(input, member, opts)!;

function lower(member: string): string {
  return member[0].toLowerCase() + member.slice(1);
}

/** PermissionSet Name: `[\w+=,.@-]+`, 1-32 (CreatePermissionSet). */
export const PERMISSION_SET_NAME = /^[\w+=,.@-]+$/;
/** Session duration: ISO-8601 `PT<h>H<m>M`, 1 to 12 hours (CreatePermissionSet, "SessionDuration"; "Set session duration"). */
const DURATION = /^PT(?:(\d{1,2})H)?(?:(\d{1,3})M)?$/;

/** Seconds of an ISO-8601 session duration; ValidationException outside 1-12 hours. */
export function sessionSeconds(duration: string): number {
  const m = DURATION.exec(duration);
  const seconds = m && (m[1] || m[2]) ? Number(m[1] ?? 0) * 3600 + Number(m[2] ?? 0) * 60 : NaN;
  if (!(seconds >= 3600 && seconds <= 43200)) throw invalid(`SessionDuration ${JSON.stringify(duration).slice(0, 40)} must be an ISO-8601 duration from PT1H to PT12H`);
  return seconds;
}

/** An IAM policy JSON document (parsed only: the account's IAM validates it when the role is provisioned). */
export function policyJson(text: string, member: string): string {
  try {
    const doc = JSON.parse(text) as unknown;
    if (doc === null || typeof doc !== "object" || Array.isArray(doc)) throw new Error("not an object");
  } catch (e) {
    throw invalid(`${member} is not a valid JSON policy document: ${(e as Error).message}`);
  }
  return text;
}
