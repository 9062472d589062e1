/**
 * @module policy/validate/common
 * Shared plumbing for policy validation: the diagnostic sink, JSON Pointer paths, element
 * lookup with IAM's case rules, and the "a string or an array of strings" shape that most
 * policy elements take ("Grammar of the IAM JSON policy language": `<action_string_list>`,
 * `<resource_string_list>`, `<principal_id_string_list>` are `"string"` or `["string", ...]`).
 */

import type { Diagnostic, NormalizedStatement, PolicyKind, Severity, Span } from "../types.ts";
import { escapePointerToken, quote, type JsonNode, type ObjectMember, type ObjectNode } from "../json.ts";

export interface Ctx {
  kind: PolicyKind;
  /**
   * True only under `"Version": "2012-10-17"`: "IAM policy elements: Variables and tags" says
   * variables are treated as literal text under earlier versions or when Version is missing.
   */
  variables: boolean;
  /** IAM's own checks of new documents apply (ValidateOptions.iamChecks). */
  iamChecks: boolean;
  diagnostics: Diagnostic[];
}

export function report(ctx: Ctx, severity: Severity, code: string, message: string, path: string, span?: Span): void {
  const d: Diagnostic = { severity, code, message, path };
  if (span) d.span = span;
  ctx.diagnostics.push(d);
}

export function child(path: string, token: string | number): string {
  return path + "/" + escapePointerToken(token);
}

/** Span from a member's key to the end of its value, or whichever part exists. */
export function memberSpan(m: ObjectMember): Span | undefined {
  if (m.keySpan && m.value.span) return { start: m.keySpan.start, end: m.value.span.end };
  return m.keySpan ?? m.value.span;
}

/** `an object`, `a string`, ... for messages. */
export function describe(node: JsonNode): string {
  switch (node.type) {
    case "object": return "an object";
    case "array": return "an array";
    case "string": return "a string";
    case "number": return "a number";
    case "boolean": return "a boolean";
    case "null": return "null";
  }
}

/**
 * How {@link indexMembers} reports a member whose name is not allowed: `code`, and the message
 * `<before> <name><after>`, then a case hint when one applies. (Data, not a callback: no
 * closure per statement on a cold compile, issue 17.)
 */
export interface UnknownMember {
  code: string;
  before: string;
  after: string;
}

export interface Element {
  member: ObjectMember;
  path: string;
}

/** One statement being checked: its elements by name, and the normalized statement being built. */
export interface StatementScope {
  ctx: Ctx;
  node: ObjectNode;
  path: string;
  elements: Map<string, Element>;
  out: NormalizedStatement;
  /** The `Effect` as written, when it is a string. */
  effect: string | undefined;
  /** The statement is AWS's RCPFullAWSAccess (statement.ts), which RCP rules let through. */
  rcpFullAccess: boolean;
}

/**
 * Indexes an object's members by name. Element names are case-sensitive in the grammar
 * ("Grammar of the IAM JSON policy language"), so a name that matches an allowed one only up to
 * case is reported as unknown, with a hint. Two names that differ only in case are reported as
 * `DUPLICATE_KEY_DIFFERENT_CASE`, as Access Analyzer does ("IAM policy validation check
 * reference": Error – Duplicate keys with different case). Exact duplicates were already
 * reported by the parser; the last one wins, as with `JSON.parse`.
 */
export function indexMembers(ctx: Ctx, obj: ObjectNode, path: string, allowed: readonly string[], unknown: UnknownMember): Map<string, Element> {
  const out = new Map<string, Element>();
  const byLower = new Map<string, string>();
  const members = obj.members;
  for (let i = 0; i < members.length; i++) {
    const m = members[i];
    const p = child(path, m.key);
    const lower = m.key.toLowerCase();
    const prev = byLower.get(lower);
    if (prev !== undefined && prev !== m.key) {
      report(ctx, "error", "DUPLICATE_KEY_DIFFERENT_CASE",
        `key ${quote(m.key)} differs only in case from ${quote(prev)}`, p, m.keySpan ?? m.value.span);
      continue;
    }
    byLower.set(lower, m.key);
    if (allowed.includes(m.key)) {
      out.set(m.key, { member: m, path: p });
      continue;
    }
    const near = allowed.find((a) => a.toLowerCase() === lower);
    const hint = near ? `; names are case-sensitive: did you mean ${quote(near)}` : "";
    report(ctx, "error", unknown.code, `${unknown.before} ${quote(m.key)}${unknown.after}${hint}`, p, m.keySpan);
  }
  return out;
}

/** Reports keys of an object that differ only in case (Condition operators and keys). */
export function checkCaseDuplicates(ctx: Ctx, obj: ObjectNode, path: string): Set<ObjectMember> {
  const skip = new Set<ObjectMember>();
  const byLower = new Map<string, string>();
  const members = obj.members;
  for (let i = 0; i < members.length; i++) {
    const m = members[i];
    const lower = m.key.toLowerCase();
    const prev = byLower.get(lower);
    if (prev !== undefined && prev !== m.key) {
      report(ctx, "error", "DUPLICATE_KEY_DIFFERENT_CASE",
        `key ${quote(m.key)} differs only in case from ${quote(prev)}`, child(path, m.key), m.keySpan ?? m.value.span);
      skip.add(m);
    } else {
      byLower.set(lower, m.key);
    }
  }
  return skip;
}

export interface Item {
  value: string;
  node: JsonNode;
  path: string;
}

/**
 * Reads an element that is a string or an array of strings. Returns null (after reporting)
 * when the shape is wrong; items of the wrong type are reported and dropped.
 * `emptySeverity` decides how an empty array is reported (`EMPTY_ARRAY`).
 */
export function stringList(ctx: Ctx, node: JsonNode, path: string, name: string, emptySeverity: Severity): Item[] | null {
  if (node.type === "string") return [{ value: node.value, node, path }];
  if (node.type !== "array") {
    report(ctx, "error", "WRONG_TYPE", `${quote(name)} must be a string or an array of strings, not ${describe(node)}`, path, node.span);
    return null;
  }
  if (node.items.length === 0) {
    report(ctx, emptySeverity, "EMPTY_ARRAY", `${quote(name)} must not be an empty array`, path, node.span);
  }
  const out: Item[] = [];
  const items = node.items;
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    const p = child(path, i);
    if (item.type !== "string") {
      report(ctx, "error", "WRONG_TYPE", `each item of ${quote(name)} must be a string, not ${describe(item)}`, p, item.span);
    } else {
      out.push({ value: item.value, node: item, path: p });
    }
  }
  return out;
}
