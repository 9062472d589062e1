/**
 * @module iam/validate
 * Argument checks shared by the IAM operations, with IAM's rules ("IAM and AWS STS quotas",
 * "IAM identifiers") and its ValidationError wording.
 */
import { IamError } from "./errors.ts";
import type { Tag } from "./store.ts";

/** User, role, group, policy and instance-profile names: `[\w+=,.@-]`. */
const NAME = /^[\w+=,.@-]+$/;
/** Paths: `/` alone, or `/` ... `/` with printable ASCII between ("IAM identifiers"). */
const PATH = /^\/([\x21-\x7e]*\/)?$/;

/** Longest name per entity ("IAM and AWS STS quotas": name lengths). */
export const NAME_LIMITS = { user: 64, role: 64, group: 128, policy: 128, "instance profile": 128 } as const;

export function checkName(value: unknown, field: string, kind: keyof typeof NAME_LIMITS): string {
  const max = NAME_LIMITS[kind];
  if (typeof value !== "string" || value.length === 0) {
    throw new IamError("ValidationError", `1 validation error detected: Value at '${lcFirst(field)}' failed to satisfy constraint: Member must not be null`);
  }
  if (value.length > max) {
    throw new IamError("ValidationError", `1 validation error detected: Value '${value}' at '${lcFirst(field)}' failed to satisfy constraint: Member must have length less than or equal to ${max}`);
  }
  if (!NAME.test(value)) {
    throw new IamError("ValidationError", `1 validation error detected: Value '${value}' at '${lcFirst(field)}' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+`);
  }
  return value;
}

export function checkPath(value: unknown, field = "Path"): string {
  if (value === undefined) return "/";
  if (typeof value !== "string" || value.length > 512 || !PATH.test(value)) {
    throw new IamError("ValidationError", `1 validation error detected: Value '${String(value)}' at '${lcFirst(field)}' failed to satisfy constraint: Member must satisfy regular expression pattern: (\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)`);
  }
  return value;
}

/** Tags: at most 50, keys 1-128 and values 0-256 characters, keys unique ignoring case. */
export function checkTags(value: unknown, existing: Tag[] = []): Tag[] {
  if (value === undefined) return existing;
  if (!Array.isArray(value)) throw new IamError("ValidationError", "`Tags` must be a list of {Key, Value}");
  const merged = new Map(existing.map((t) => [t.Key.toLowerCase(), t]));
  for (const t of value) {
    if (!t || typeof t.Key !== "string" || typeof t.Value !== "string") throw new IamError("ValidationError", "each tag needs a string `Key` and `Value`");
    if (t.Key.length < 1 || t.Key.length > 128) throw new IamError("ValidationError", `tag key '${t.Key}' must be 1 to 128 characters`);
    if (t.Value.length > 256) throw new IamError("ValidationError", `tag value for '${t.Key}' must be at most 256 characters`);
    if (t.Key.toLowerCase().startsWith("aws:")) throw new IamError("InvalidInput", `tag keys may not begin with 'aws:' ('${t.Key}')`);
    merged.set(t.Key.toLowerCase(), { Key: t.Key, Value: t.Value });
  }
  if (merged.size > 50) throw new IamError("LimitExceeded", "cannot have more than 50 tags");
  return [...merged.values()];
}

function lcFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}
