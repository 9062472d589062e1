/**
 * @module policy/operators
 * Condition operator names: the base operators of "IAM JSON policy elements: Condition
 * operators", the `...IfExists` suffix (same page, "...IfExists condition operators"), and the
 * set qualifiers of "Set operators for multivalued context keys" (`ForAllValues:` and
 * `ForAnyValue:`).
 */

import type { ConditionBase } from "./types.ts";

export type Qualifier = "" | "ForAllValues" | "ForAnyValue";

export type Family = "string" | "numeric" | "date" | "bool" | "binary" | "ip" | "arn" | "null";

export interface ParsedOperator {
  base: ConditionBase;
  qualifier: Qualifier;
  ifExists: boolean;
}

const FAMILIES: Record<ConditionBase, Family> = {
  StringEquals: "string", StringNotEquals: "string", StringEqualsIgnoreCase: "string",
  StringNotEqualsIgnoreCase: "string", StringLike: "string", StringNotLike: "string",
  NumericEquals: "numeric", NumericNotEquals: "numeric", NumericLessThan: "numeric",
  NumericLessThanEquals: "numeric", NumericGreaterThan: "numeric", NumericGreaterThanEquals: "numeric",
  DateEquals: "date", DateNotEquals: "date", DateLessThan: "date", DateLessThanEquals: "date",
  DateGreaterThan: "date", DateGreaterThanEquals: "date",
  Bool: "bool",
  BinaryEquals: "binary",
  IpAddress: "ip", NotIpAddress: "ip",
  ArnEquals: "arn", ArnLike: "arn", ArnNotEquals: "arn", ArnNotLike: "arn",
  Null: "null",
};

/** Every base operator, in the order of the AWS page. */
export const CONDITION_BASES = Object.keys(FAMILIES) as ConditionBase[];

const BY_LOWER = new Map<string, ConditionBase>(CONDITION_BASES.map((b) => [b.toLowerCase(), b]));

const NEGATED = new Set<ConditionBase>([
  "StringNotEquals", "StringNotEqualsIgnoreCase", "StringNotLike", "NumericNotEquals",
  "DateNotEquals", "NotIpAddress", "ArnNotEquals", "ArnNotLike",
]);

const IF_EXISTS = "ifexists";

/**
 * Parses an operator name such as `ForAnyValue:StringLikeIfExists`. Matching is
 * case-insensitive; use {@link canonicalOperator} to find out whether the spelling differs
 * from AWS's. `NullIfExists` parses (as Null with ifExists) so the caller can report it.
 * Returns null for anything else.
 */
export function parseOperator(op: string): ParsedOperator | null {
  if (op.length > 64) return null; // longer than any valid name; keeps work bounded
  let rest = op.toLowerCase();
  let qualifier: Qualifier = "";
  if (rest.startsWith("forallvalues:")) {
    qualifier = "ForAllValues";
    rest = rest.slice("forallvalues:".length);
  } else if (rest.startsWith("foranyvalue:")) {
    qualifier = "ForAnyValue";
    rest = rest.slice("foranyvalue:".length);
  }
  let base = BY_LOWER.get(rest);
  let ifExists = false;
  if (!base && rest.endsWith(IF_EXISTS)) {
    base = BY_LOWER.get(rest.slice(0, -IF_EXISTS.length));
    ifExists = base !== undefined;
  }
  if (!base) return null;
  return { base, qualifier, ifExists };
}

/** The operator spelled as AWS writes it, e.g. `ForAnyValue:StringLikeIfExists`. */
export function canonicalOperator(p: ParsedOperator): string {
  return (p.qualifier ? p.qualifier + ":" : "") + p.base + (p.ifExists ? "IfExists" : "");
}

export function family(base: ConditionBase): Family {
  return FAMILIES[base];
}

/** Negated operators match when the key is absent too, which matters for evaluation and warnings. */
export function isNegated(base: ConditionBase): boolean {
  return NEGATED.has(base);
}

/**
 * Whether values may contain policy variables. "IAM policy elements: Variables and tags": "You
 * can use policy variables ... with string operators, ARN operators and Boolean operators";
 * "Invalid variable for operator" otherwise.
 */
export function allowsVariables(base: ConditionBase): boolean {
  const f = FAMILIES[base];
  return f === "string" || f === "arn" || f === "bool";
}
