/**
 * @module policy/validate/condition
 * The `Condition` block ("IAM JSON policy elements: Condition", "IAM JSON policy elements:
 * Condition operators", "Set operators for multivalued context keys").
 */

import type { ConditionEntry } from "../types.ts";
import { quote, type JsonNode, type ObjectMember } from "../json.ts";
import { allowsVariables, canonicalOperator, family, parseOperator, type ParsedOperator } from "../operators.ts";
import { parseTemplate } from "../variables.ts";
import { decodeBase64, numberOutOfRange, parseBool, parseCidr, parseDate, parseNumber } from "../values.ts";
import { checkCaseDuplicates, child, describe, memberSpan, report, type Ctx } from "./common.ts";

/**
 * Keys with one value per request ("AWS global condition context keys" marks each key
 * single- or multivalued). `ForAllValues` with one of these is true when the key is missing,
 * which is rarely what the author meant (Access Analyzer: "ForAllValues with single valued key").
 */
const SINGLE_VALUED = new Set([
  "aws:username", "aws:userid", "aws:sourceip", "aws:principalarn", "aws:principalaccount",
  "aws:principalorgid", "aws:principaltype", "aws:sourcevpc", "aws:sourcevpce", "aws:sourceaccount",
  "aws:sourcearn", "aws:sourceorgid", "aws:resourceaccount", "aws:resourceorgid", "aws:securetransport",
  "aws:currenttime", "aws:epochtime", "aws:multifactorauthpresent", "aws:requestedregion",
  "aws:viaawsservice", "aws:calledviafirst", "aws:calledvialast",
]);
const SINGLE_VALUED_PREFIXES = ["aws:requesttag/", "aws:resourcetag/", "aws:principaltag/"];

/** Multivalued keys ("AWS global condition context keys"): they need a set operator. */
const MULTI_VALUED = new Set([
  "aws:tagkeys", "aws:calledvia", "aws:principalservicenameslist", "aws:principalorgpaths",
  "aws:resourceorgpaths", "aws:sourceorgpaths",
]);

function isSingleValued(key: string): boolean {
  const k = key.toLowerCase();
  return SINGLE_VALUED.has(k) || SINGLE_VALUED_PREFIXES.some((p) => k.startsWith(p));
}

/** What each family's values must parse as, for messages. */
const EXPECTED = {
  numeric: "a number",
  date: "a date (ISO 8601 such as `2024-01-31T12:00:00Z`, or epoch seconds)",
  ip: "an IP address or CIDR range",
  binary: "base64",
  bool: "`true` or `false`",
  null: "`true` or `false`",
} as const;

/** Validates a Condition element; returns one entry per (operator, key) pair. */
export function checkCondition(ctx: Ctx, node: JsonNode, path: string): ConditionEntry[] {
  const entries: ConditionEntry[] = [];
  if (node.type !== "object") {
    report(ctx, "error", "WRONG_TYPE", `\`Condition\` must be an object, not ${describe(node)}`, path, node.span);
    return entries;
  }
  const skipOps = checkCaseDuplicates(ctx, node, path);
  const ops = node.members;
  for (let i = 0; i < ops.length; i++) {
    const opMember = ops[i];
    if (!skipOps.has(opMember)) checkOperator(ctx, opMember, child(path, opMember.key), entries);
  }
  return entries;
}

/** One `"<operator>": { "<key>": values, ... }` block; its entries are added to `entries`. */
function checkOperator(ctx: Ctx, opMember: ObjectMember, opPath: string, entries: ConditionEntry[]): void {
  const op = opMember.key;
  const parsed = parseOperator(op);
  if (!parsed) {
    report(ctx, "error", "UNKNOWN_OPERATOR", `unknown condition operator ${quote(op)}`, opPath, opMember.keySpan);
    return;
  }
  const canonical = canonicalOperator(parsed);
  if (canonical !== op) {
    report(ctx, "warning", "OPERATOR_CASE", `condition operator ${quote(op)} is written ${quote(canonical)} by AWS`, opPath, opMember.keySpan);
  }
  if (parsed.base === "Null" && parsed.ifExists) {
    // "IAM JSON policy elements: Condition operators": "...IfExists ... except the Null condition".
    report(ctx, "error", "NULL_IF_EXISTS", "the `Null` operator cannot take the `IfExists` suffix", opPath, opMember.keySpan);
  }
  const block = opMember.value;
  if (block.type !== "object") {
    report(ctx, "error", "WRONG_TYPE", `the value of ${quote(op)} must be an object of condition keys, not ${describe(block)}`, opPath, block.span);
    return;
  }
  const skipKeys = checkCaseDuplicates(ctx, block, opPath);
  const keys = block.members;
  for (let i = 0; i < keys.length; i++) {
    const keyMember = keys[i];
    if (skipKeys.has(keyMember)) continue;
    const entry = checkKey(ctx, op, parsed, keyMember, child(opPath, keyMember.key));
    if (entry) entries.push(entry);
  }
}

/** One condition key and its values under operator `op`; null when a value has the wrong type. */
function checkKey(ctx: Ctx, op: string, parsed: ParsedOperator, keyMember: ObjectMember, keyPath: string): ConditionEntry | null {
  const key = keyMember.key;
  const values = checkValues(ctx, parsed, keyMember.value, key, keyPath);
  if (!values) return null;
  checkKeyUse(ctx, op, parsed, values, keyMember, keyPath);
  const entry: ConditionEntry = {
    operator: op,
    base: parsed.base,
    qualifier: parsed.qualifier,
    ifExists: parsed.ifExists,
    key,
    values,
    path: keyPath,
  };
  const span = memberSpan(keyMember);
  if (span) entry.span = span;
  return entry;
}

/** The key's values as text, each checked for the operator's family; null after a wrongly typed one. */
function checkValues(ctx: Ctx, parsed: ParsedOperator, raw: JsonNode, key: string, keyPath: string): string[] | null {
  const valueNodes: { node: JsonNode; path: string }[] = [];
  if (raw.type === "array") {
    if (raw.items.length === 0) {
      report(ctx, "warning", "EMPTY_ARRAY", `condition key ${quote(key)} has no values, so it never matches`, keyPath, raw.span);
    }
    for (let i = 0; i < raw.items.length; i++) valueNodes.push({ node: raw.items[i], path: child(keyPath, i) });
  } else {
    valueNodes.push({ node: raw, path: keyPath });
  }
  const fam = family(parsed.base);
  const values: string[] = [];
  let ok = true;
  for (let i = 0; i < valueNodes.length; i++) {
    const { node: v, path: vp } = valueNodes[i];
    // "Condition": values are strings; JSON numbers and booleans are read as their text.
    const text = v.type === "string" ? v.value : v.type === "number" ? v.raw : v.type === "boolean" ? String(v.value) : null;
    if (text === null) {
      report(ctx, "error", "WRONG_TYPE", `a condition value must be a string, number or boolean, not ${describe(v)}`, vp, v.span);
      ok = false;
      continue;
    }
    values.push(text);
    checkValue(ctx, parsed.base, fam, text, vp, v);
  }
  return ok ? values : null;
}

/** Access Analyzer's warnings about how the key is used with the operator. */
function checkKeyUse(ctx: Ctx, op: string, parsed: ParsedOperator, values: string[], keyMember: ObjectMember, keyPath: string): void {
  const key = keyMember.key;
  const fam = family(parsed.base);
  if (fam === "bool" && values.length > 1) {
    report(ctx, "warning", "BOOL_MULTIPLE_VALUES",
      `\`Bool\` condition on ${quote(key)} has several values; one value is enough`, keyPath, keyMember.value.span);
  }
  // Access Analyzer, "General Warning – Wildcard without like operator".
  if (fam === "string" && !parsed.base.includes("Like") && values.some((x) => /[*?]/.test(stripEscapes(x, ctx.variables)))) {
    report(ctx, "warning", "WILDCARD_WITHOUT_LIKE",
      `${quote(parsed.base)} compares \`*\` and \`?\` literally; use \`StringLike\` to match patterns`, keyPath, keyMember.value.span);
  }
  if (parsed.qualifier === "ForAllValues" && isSingleValued(key)) {
    report(ctx, "warning", "FORALLVALUES_WITH_SINGLE_VALUED_KEY",
      `\`ForAllValues\` with the single-valued key ${quote(key)} is also true when the key is missing; use the operator without a qualifier`,
      keyPath, keyMember.keySpan);
  }
  if (parsed.qualifier === "" && MULTI_VALUED.has(key.toLowerCase())) {
    report(ctx, "warning", "MISSING_QUALIFIER",
      `${quote(key)} is multivalued; use \`ForAnyValue:\` or \`ForAllValues:\` with ${quote(op)}`, keyPath, keyMember.keySpan);
  }
}

/** Removes `${*}`, `${?}`, `${$}` (literal characters, not wildcards) before looking for wildcards. */
function stripEscapes(s: string, variables: boolean): string {
  return variables ? s.replace(/\$\{[*?$]\}/g, "") : s;
}

function checkValue(
  ctx: Ctx,
  base: ConditionEntry["base"],
  fam: ReturnType<typeof family>,
  text: string,
  path: string,
  node: JsonNode,
): void {
  if (text.includes("${")) {
    if (!ctx.variables) {
      // "IAM policy elements: Variables and tags": without Version 2012-10-17 variables are literal text.
      report(ctx, "warning", "VARIABLE_UNSUPPORTED_VERSION",
        `${quote(text)} is read as literal text: policy variables need \`"Version": "2012-10-17"\``, path, node.span);
    } else if (!allowsVariables(base)) {
      // "IAM policy elements: Variables and tags": variables work with string, ARN and Bool operators only.
      report(ctx, "error", "VARIABLE_NOT_ALLOWED", `invalid variable for operator ${quote(base)}: ${quote(text)}`, path, node.span);
      return;
    } else {
      const t = parseTemplate(text);
      if ("error" in t) {
        report(ctx, "error", "INVALID_VARIABLE", `${t.error} at offset ${t.offset} of ${quote(text)}`, path, node.span);
        return;
      }
      // A Bool value that is a variable is resolved per request; nothing more to check now.
      if (t.hasVariables) return;
    }
  }
  let valid = true;
  switch (fam) {
    case "numeric": valid = parseNumber(text) !== null; break;
    case "date": valid = parseDate(text) !== null; break;
    case "ip": valid = parseCidr(text) !== null; break;
    case "binary": valid = decodeBase64(text) !== null; break;
    case "bool":
    case "null": valid = parseBool(text) !== null; break;
    default: return;
  }
  if (!valid && (fam === "numeric" || fam === "date") && numberOutOfRange(text)) {
    // A double holds at most about 1.8e308; past it every value is Infinity and equal to every
    // other (values.ts parseNumber). Access Analyzer reports a value of the wrong form as "Type
    // mismatch number"; this is one.
    report(ctx, "error", "INVALID_CONDITION_VALUE",
      `${quote(text)} is not a valid value for ${quote(base)}: it is past the range of a number (about ±1.8e308)`, path, node.span);
  } else if (!valid) {
    report(ctx, "error", "INVALID_CONDITION_VALUE",
      `${quote(text)} is not a valid value for ${quote(base)}: expected ${EXPECTED[fam]}`, path, node.span);
  }
}
