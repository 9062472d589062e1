/**
 * @module iam/ops/shared
 * What the operation families share, with IAM's rules and wording: the request object itself,
 * pagination (`Marker`/`MaxItems`), path prefixes, the extra request context of caller checks
 * (`iam:PolicyARN`, `aws:RequestTag/*`, `aws:TagKeys`, ...), policy ARNs and permissions-boundary
 * references, and fresh unique ids.
 */
import type { AccountState } from "../account-state.ts";
import { IamError } from "../errors.ts";
import { findManagedPolicy } from "../aws-managed.ts";
import { randomId } from "../ids.ts";
import { decodeBase64, encodeBase64 } from "../rfc4648.ts";
import type { BoundaryRef } from "../store.ts";
import type { ContextValue } from "../../engine/request.ts";

/** IAM operations that return nothing answer with an empty object (the ResponseMetadata aside). */
export type EmptyResponse = Record<string, never>;

/** A request as the generic operations read it (entity families name their fields differently). */
export type Req = Record<string, unknown>;

/** `1 validation error detected: Value 'v' at 'field' failed to satisfy constraint: ...` (objects are not shown). */
export function validationError(field: string, constraint: string, value?: unknown): IamError {
  const shown = value === undefined || typeof value === "object" ? "" : ` '${String(value)}'`;
  return new IamError("ValidationError", `1 validation error detected: Value${shown} at '${field}' failed to satisfy constraint: ${constraint}`);
}

/** Validates the request object itself. */
export function requestObject<T>(input: T | undefined, operation: string): T {
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    throw new IamError("ValidationError", `${operation} takes a request object`);
  }
  return input;
}

// ---------------------------------------------------------------------------------------------
// Pagination

export interface PaginationRequest {
  /** From the previous response's `Marker`, when it was truncated. */
  Marker?: string;
  /** 1 to 1000; default 100. */
  MaxItems?: number;
}

export interface PaginatedResponse {
  IsTruncated: boolean;
  /** Present when `IsTruncated`: pass it back as `Marker` for the next page. */
  Marker?: string;
}

/** MaxItems: 1-1000, default 100 (every IAM List* operation). */
export function checkMaxItems(value: unknown): number {
  if (value === undefined) return 100;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1 || value > 1000) {
    throw new IamError("ValidationError", `1 validation error detected: Value '${String(value)}' at 'maxItems' failed to satisfy constraint: Member must have value between 1 and 1000`);
  }
  return value;
}

/**
 * One page of `items` (already in list order, which `keyOf` must follow), as IAM paginates:
 * `IsTruncated`, and an opaque `Marker` naming the next item's key, so a page boundary survives
 * changes made between calls.
 */
export function paginate<T>(items: T[], keyOf: (item: T) => string, input: PaginationRequest | undefined): { page: T[] } & PaginatedResponse {
  const max = checkMaxItems(input?.MaxItems);
  let start = 0;
  if (input?.Marker !== undefined) {
    const key = decodeMarker(input.Marker);
    start = items.findIndex((item) => keyOf(item) >= key);
    if (start < 0) start = items.length;
  }
  const page = items.slice(start, start + max);
  const next = items[start + max];
  return next === undefined ? { page, IsTruncated: false } : { page, IsTruncated: true, Marker: encodeMarker(keyOf(next)) };
}

/** One page of a list kept in insertion order (access keys, MFA devices): keyed by position. */
export function paginateInOrder<T>(items: T[], input: PaginationRequest | undefined): { page: T[] } & PaginatedResponse {
  const keyed = items.map((item, i) => ({ item, key: String(i).padStart(10, "0") }));
  const { page, ...rest } = paginate(keyed, (x) => x.key, input);
  return { page: page.map((x) => x.item), ...rest };
}

function encodeMarker(key: string): string {
  return encodeBase64(new TextEncoder().encode(key));
}

/** A marker this model wrote: canonical base64 (rfc4648.ts) of UTF-8, so each has one spelling. */
function decodeMarker(marker: unknown): string {
  try {
    const bytes = typeof marker === "string" && marker.length > 0 ? decodeBase64(marker) : undefined;
    if (!bytes) throw new Error();
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new IamError("ValidationError", `Invalid Marker: '${String(marker)}'`);
  }
}

/** Sorted by key (the lowercased name, as the store keys them). */
export function sortedEntries<T>(map: Map<string, T>): [string, T][] {
  return [...map.entries()].sort(([a], [b]) => compare(a, b));
}

export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** PolicyUsageFilter: PermissionsPolicy or PermissionsBoundary (or none). */
export function checkUsageFilter(value: unknown): "PermissionsPolicy" | "PermissionsBoundary" | undefined {
  if (value !== undefined && value !== "PermissionsPolicy" && value !== "PermissionsBoundary") {
    throw new IamError("ValidationError", `1 validation error detected: Value '${String(value)}' at 'policyUsageFilter' failed to satisfy constraint: Member must satisfy enum value set: [PermissionsPolicy, PermissionsBoundary]`);
  }
  return value;
}

/** PathPrefix: `/` followed by printable ASCII, at most 512 characters; default `/`. */
export function checkPathPrefix(value: unknown, field = "PathPrefix"): string {
  if (value === undefined) return "/";
  if (typeof value !== "string" || value.length > 512 || !/^\/[\x21-\x7f]*$/.test(value)) {
    throw new IamError("ValidationError", `1 validation error detected: Value '${String(value)}' at '${field.charAt(0).toLowerCase()}${field.slice(1)}' failed to satisfy constraint: Member must satisfy regular expression pattern: \\u002F[\\u0021-\\u007F]*`);
  }
  return value;
}

// ---------------------------------------------------------------------------------------------
// Caller context ("Actions, resources, and condition keys for AWS Identity and Access Management")

/** `aws:RequestTag/KEY` and `aws:TagKeys` for a request carrying tags ("Controlling access during AWS requests"). */
export function tagContext(tags: unknown): Record<string, ContextValue> {
  if (!Array.isArray(tags)) return {};
  const out: Record<string, ContextValue> = {};
  const keys: string[] = [];
  for (const t of tags) {
    if (t && typeof t.Key === "string" && typeof t.Value === "string") {
      out[`aws:RequestTag/${t.Key}`] = t.Value;
      keys.push(t.Key);
    }
  }
  if (keys.length > 0) out["aws:TagKeys"] = keys;
  return out;
}

// ---------------------------------------------------------------------------------------------
// Policy ARNs and permissions-boundary references

/** A policy ARN argument: `arn:PARTITION:iam::ACCOUNT-or-aws:policy/...`. IAM answers InvalidInput otherwise. */
export function checkPolicyArn(value: unknown, field = "PolicyArn"): string {
  if (typeof value !== "string" || value.length === 0) {
    throw new IamError("ValidationError", `1 validation error detected: Value at '${field.charAt(0).toLowerCase()}${field.slice(1)}' failed to satisfy constraint: Member must not be null`);
  }
  if (value.length < 20 || value.length > 2048 || !/^arn:[a-z][a-z0-9-]*:iam::(\d{12}|aws):policy\/([\x21-\x7e]*\/)?[\w+=,.@-]+$/.test(value)) {
    throw new IamError("InvalidInput", `ARN ${value} is not valid.`);
  }
  return value;
}

/**
 * A permissions boundary argument: the ARN of an existing managed policy (customer or AWS).
 * IAM: "Scope ARN: ... does not exist or is not attachable." (NoSuchEntity).
 */
export function checkBoundary(account: AccountState, value: unknown): BoundaryRef {
  const arn = checkPolicyArn(value, "PermissionsBoundary");
  const policy = findManagedPolicy(account, arn);
  if (!policy || policy.Path.startsWith("/aws-service-role/")) {
    throw new IamError("NoSuchEntity", `Scope ARN: ${arn} does not exist or is not attachable.`);
  }
  return { PermissionsBoundaryType: "Policy", PermissionsBoundaryArn: arn };
}

/** A fresh unique id: `randomId` with a check against every id in the account (collisions are ~impossible, but cheap to rule out). */
export function randomUnique(account: AccountState, prefix: string): string {
  const used = new Set<string>();
  for (const u of account.store.users.values()) used.add(u.UserId);
  for (const g of account.store.groups.values()) used.add(g.GroupId);
  for (const r of account.store.roles.values()) used.add(r.RoleId);
  for (const p of account.store.policies.values()) used.add(p.PolicyId);
  for (;;) {
    const id = randomId(prefix);
    if (!used.has(id)) return id;
  }
}
