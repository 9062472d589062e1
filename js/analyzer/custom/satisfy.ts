/**
 * @module analyzer/custom/satisfy
 * Request context that makes a statement's conditions true: one value per condition, chosen from
 * the operator and its first value ("IAM JSON policy elements: Condition operators"). Negated
 * operators get a value that differs from every listed one; `Null: true` leaves the key out.
 * The custom checks try these contexts (and the empty one) so that access guarded by a
 * condition is found, and so that a Deny's condition can be made true.
 */
import { family } from "../../policy/operators.ts";
import { parseCidr, parseDate, parseNumber } from "../../policy/values.ts";
import type { ConditionEntry } from "../../policy/types.ts";

export type Context = Record<string, string | string[]>;

/** A concrete string a wildcard value matches: `*` and `?` become `x`, variables their sample. */
export function instantiate(pattern: string): string {
  return pattern.replace(/\$\{[^}]*\}/g, "x").replace(/[*?]/g, "x");
}

const OTHER = "iam-edge-other";

function numeric(c: ConditionEntry): string {
  const v = parseNumber(c.values[0] ?? "0") ?? 0;
  switch (c.base) {
    case "NumericLessThan": return String(v - 1);
    case "NumericGreaterThan": return String(v + 1);
    case "NumericNotEquals": return String(v + 1);
    default: return String(v);
  }
}

function date(c: ConditionEntry): string {
  const v = parseDate(c.values[0] ?? "") ?? 0;
  const at = (s: number) => new Date(Math.max(0, s) * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
  switch (c.base) {
    case "DateLessThan": return at(v - 86400);
    case "DateGreaterThan": return at(v + 86400);
    case "DateNotEquals": return at(v + 86400);
    default: return at(v);
  }
}

function ip(c: ConditionEntry): string {
  if (c.base === "NotIpAddress") {
    const outside = ["192.0.2.1", "198.51.100.1", "203.0.113.1", "2001:db8::1"].find((a) => !c.values.some((v) => within(a, v)));
    return outside ?? "192.0.2.1";
  }
  const first = c.values[0] ?? "192.0.2.1";
  return first.split("/")[0];
}

function within(address: string, cidr: string): boolean {
  const a = parseCidr(address);
  const r = parseCidr(cidr);
  if (!a || !r) return false;
  for (let i = 0; i < r.prefix; i++) {
    const bit = (b: Uint8Array) => (b[i >> 3] >> (7 - (i & 7))) & 1;
    if (bit(a.bytes) !== bit(r.bytes)) return false;
  }
  return true;
}

/** A value for one condition that makes it true, or null when the key must be absent. */
export function satisfyingValue(c: ConditionEntry): string | null {
  switch (family(c.base)) {
    case "null": return (c.values[0] ?? "").toLowerCase() === "true" ? null : "x";
    case "numeric": return numeric(c);
    case "date": return date(c);
    case "ip": return ip(c);
    case "bool": return (c.values[0] ?? "true").toLowerCase();
    case "binary": return c.values[0] ?? "";
    default:
      return /Not/.test(c.base) ? OTHER : instantiate(c.values[0] ?? "");
  }
}

/** A context in which every condition of `conditions` holds (as far as one value per key can). */
export function satisfyAll(conditions: readonly ConditionEntry[]): Context {
  const ctx: Context = {};
  for (const c of conditions) {
    const v = satisfyingValue(c);
    if (v === null) continue;
    ctx[c.key] = c.qualifier ? [v] : v;
  }
  return ctx;
}

const COMPLEMENT: Partial<Record<ConditionEntry["base"], ConditionEntry["base"]>> = {
  StringEquals: "StringNotEquals", StringNotEquals: "StringEquals",
  StringEqualsIgnoreCase: "StringNotEqualsIgnoreCase", StringNotEqualsIgnoreCase: "StringEqualsIgnoreCase",
  StringLike: "StringNotLike", StringNotLike: "StringLike",
  NumericEquals: "NumericNotEquals", NumericNotEquals: "NumericEquals",
  NumericLessThan: "NumericGreaterThanEquals", NumericGreaterThanEquals: "NumericLessThan",
  NumericLessThanEquals: "NumericGreaterThan", NumericGreaterThan: "NumericLessThanEquals",
  DateEquals: "DateNotEquals", DateNotEquals: "DateEquals",
  DateLessThan: "DateGreaterThanEquals", DateGreaterThanEquals: "DateLessThan",
  DateLessThanEquals: "DateGreaterThan", DateGreaterThan: "DateLessThanEquals",
  IpAddress: "NotIpAddress", NotIpAddress: "IpAddress",
  ArnEquals: "ArnNotEquals", ArnNotEquals: "ArnEquals", ArnLike: "ArnNotLike", ArnNotLike: "ArnLike",
};

/** A context in which every condition of `conditions` is false: what lets a request past a conditional Deny. */
export function violateAll(conditions: readonly ConditionEntry[]): Context {
  const ctx: Context = {};
  for (const c of conditions) {
    let v: string | null;
    if (c.base === "Bool" || c.base === "Null") v = (c.values[0] ?? "").toLowerCase() === "true" ? (c.base === "Null" ? "x" : "false") : c.base === "Null" ? null : "true";
    else {
      const base = COMPLEMENT[c.base];
      v = base ? satisfyingValue({ ...c, base }) : null;
    }
    if (v === null) continue;
    ctx[c.key] = c.qualifier ? [v] : v;
  }
  return ctx;
}
