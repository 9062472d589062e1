/**
 * @module analyzer/checks/conditions
 * Each condition (operator, key, values): the operator exists and fits the key's type
 * ("IAM JSON policy elements: Condition operators"; key types from the Service Authorization
 * Reference and "AWS global condition context keys"), set qualifiers fit single- and multivalued
 * keys ("Set operators for multivalued context keys"), values parse for their operator, and the
 * value rules of AWS's check reference (private IP ranges for aws:SourceIp, VPC ids, Regions,
 * redundant numeric values, wildcards without Like, empty arrays).
 */
import { parseBool, parseDate, parseNumber, decodeBase64 } from "../../policy/values.ts";
import { allowsVariables, family, type Family } from "../../policy/operators.ts";
import type { ConditionKeyInfo } from "../catalog/types.ts";
import type { ConditionView, PolicyContext, StatementView } from "../context.ts";
import { checkDuplicateCase, resolveKey } from "./condition-keys.ts";
import { improvedRange, isPrivate, parseIp } from "./ip.ts";
import { REGION } from "./resources.ts";
import { checkVariables } from "./variables.ts";

/** Which operator families a key type takes: ARN keys take ARN and String operators. */
const FAMILIES_OF_TYPE: Record<string, Family[]> = {
  String: ["string"], ArrayOfString: ["string"], ARN: ["arn", "string"], ArrayOfARN: ["arn", "string"],
  Numeric: ["numeric"], ArrayOfNumeric: ["numeric"], Date: ["date"], ArrayOfDate: ["date"],
  Bool: ["bool"], ArrayOfBool: ["bool"], IPAddress: ["ip"], ArrayOfIPAddress: ["ip"], Binary: ["binary"],
};
const FAMILY_NAME: Record<Family, string> = { string: "String", numeric: "Numeric", date: "Date", bool: "Bool", binary: "Binary", ip: "IpAddress", arn: "Arn", null: "Null" };

export function checkConditions(ctx: PolicyContext, s: StatementView): void {
  checkDuplicateCase(ctx, s);
  for (const c of s.conditions) checkCondition(ctx, c);
}

function checkCondition(ctx: PolicyContext, c: ConditionView): void {
  const p = c.parsed;
  if (!p) {
    ctx.sink.add("INVALID_CONDITION_OPERATOR", c.operatorAt, { operator: c.operator });
    return;
  }
  if (p.base === "Null" && p.ifExists) ctx.sink.add("NULL_WITH_IF_EXISTS", c.operatorAt);
  if (p.base === "Null" && p.qualifier) ctx.sink.add("NULL_WITH_QUALIFIER", c.operatorAt);
  const info = resolveKey(ctx, c);
  checkShape(ctx, c);
  if (info) checkKeyType(ctx, c, info);
  checkValues(ctx, c);
}

/** Values: scalars of one JSON type; an empty array never matches (or matches only a missing key). */
function checkShape(ctx: PolicyContext, c: ConditionView): void {
  const node = c.valueAt.node;
  if (node.type === "array") {
    if (node.items.length === 0) {
      const p = c.parsed!;
      const code = p.qualifier === "ForAllValues" ? "EMPTY_ARRAY_CONDITION_FORALLVALUES" : p.qualifier === "ForAnyValue" ? "EMPTY_ARRAY_CONDITION_FORANYVALUE" : p.ifExists ? "EMPTY_ARRAY_CONDITION_IFEXISTS" : "EMPTY_ARRAY_CONDITION";
      ctx.sink.add(code, c.valueAt, { key: c.key });
    }
    node.items.forEach((item, index) => {
      if (item.type === "object" || item.type === "array" || item.type === "null") ctx.sink.add("DATA_TYPE_MISMATCH", { node: item, path: [...c.valueAt.path, { index }] }, { data_type: "string" });
    });
    if (new Set(c.values.map((v) => v.type)).size > 1) ctx.sink.add("INVALID_CONDITION_DATA_TYPE", c.valueAt);
  } else if (node.type === "object" || node.type === "null") {
    ctx.sink.add("DATA_TYPE_MISMATCH", c.valueAt, { data_type: "string" });
  }
}

/** The operator against the key's type, and the set qualifier against single- or multivalued keys. */
function checkKeyType(ctx: PolicyContext, c: ConditionView, info: ConditionKeyInfo): void {
  const p = c.parsed!;
  const fam = family(p.base);
  const allowed = FAMILIES_OF_TYPE[info.type];
  if (fam !== "null" && allowed && !allowed.includes(fam)) {
    ctx.sink.add("TYPE_MISMATCH", c.operatorAt, { allowed: allowed.map((f) => FAMILY_NAME[f]).join(" or "), operator: c.operator, key: c.key });
  }
  const multi = info.type.startsWith("ArrayOf");
  if (p.qualifier === "ForAllValues" && !multi) ctx.sink.add("FORALLVALUES_WITH_SINGLE_VALUED_KEY", c.operatorAt, { key: c.key });
  if (!p.qualifier && multi && fam !== "null") ctx.sink.add("MISSING_QUALIFIER", c.keyAt, { key: c.key });
}

function checkValues(ctx: PolicyContext, c: ConditionView): void {
  const p = c.parsed!;
  const fam = family(p.base);
  if (fam === "bool" && c.values.length > 1) ctx.sink.add("INVALID_CONDITION_MULTIPLE_BOOLEAN", c.valueAt);
  for (const v of c.values) {
    if (v.text.includes("${")) {
      if (!allowsVariables(p.base)) ctx.sink.add("INVALID_VARIABLE_FOR_OPERATOR", v.at);
      else if (checkVariables(ctx, v.text, v.at)) continue;
      else continue;
    }
    checkValue(ctx, c, fam, v.text, v.at);
  }
  checkRedundantNumbers(ctx, c);
  checkSourceIp(ctx, c);
}

function checkValue(ctx: PolicyContext, c: ConditionView, fam: Family, text: string, at: ConditionView["valueAt"]): void {
  const op = c.operator;
  switch (fam) {
    case "numeric": if (parseNumber(text) === null) ctx.sink.add("TYPE_MISMATCH_NUMBER", at, { operator: op }); break;
    case "date": checkDate(ctx, text, at); break;
    case "bool": case "null": if (parseBool(text) === null) ctx.sink.add("TYPE_MISMATCH_BOOLEAN", at, { operator: op }); break;
    case "binary": if (decodeBase64(text) === null) ctx.sink.add("TYPE_MISMATCH_STRING", at, { operator: op }); break;
    case "ip": checkIp(ctx, op, text, at); break;
    case "string": checkString(ctx, c, text, at); break;
    case "arn": break;
  }
}

/** "Invalid date value": a number that is not epoch seconds (10 digits or fewer; milliseconds are a common slip). */
function checkDate(ctx: PolicyContext, text: string, at: ConditionView["valueAt"]): void {
  if (parseDate(text) === null) ctx.sink.add("TYPE_MISMATCH_DATE", at);
  else if (/^\d{11,}$/.test(text)) ctx.sink.add("INVALID_DATE_VALUE", at, { date: text });
}

function checkIp(ctx: PolicyContext, op: string, text: string, at: ConditionView["valueAt"]): void {
  const cidr = parseIp(text);
  if (!cidr) {
    ctx.sink.add("TYPE_MISMATCH_IP_RANGE", at, { operator: op });
    return;
  }
  const better = improvedRange(text, cidr);
  if (better) ctx.sink.add("IMPROVE_IP_RANGE", at, { addr: better });
}

const STRING_EQUALS = new Set(["StringEquals", "StringNotEquals", "StringEqualsIgnoreCase", "StringNotEqualsIgnoreCase"]);

function checkString(ctx: PolicyContext, c: ConditionView, text: string, at: ConditionView["valueAt"]): void {
  const key = c.key.toLowerCase();
  if (STRING_EQUALS.has(c.parsed!.base) && /[*?]/.test(text)) ctx.sink.add("WILDCARD_WITHOUT_LIKE_OPERATOR", at);
  if (/[*?]/.test(text)) return;
  // "AWS global condition context keys": region codes, and VPC / VPC endpoint ids.
  if (key === "aws:requestedregion" && !REGION.test(text)) ctx.sink.add("INVALID_REGION", at, { region: text });
  if (key === "aws:sourcevpc" && !/^vpc-(?:[0-9a-z]{8}|[0-9a-z]{17})$/.test(text)) ctx.sink.add("INVALID_VPC_FORMAT", at);
  if (key === "aws:sourcevpce" && !/^vpce-(?:[0-9a-z]{8}|[0-9a-z]{17})$/.test(text)) ctx.sink.add("INVALID_VPCE_FORMAT", at);
}

/** "Redundant condition value num": LessThan / GreaterThan with several values equal the one bound. */
function checkRedundantNumbers(ctx: PolicyContext, c: ConditionView): void {
  const base = c.parsed!.base;
  const less = base === "NumericLessThan" || base === "NumericLessThanEquals";
  const greater = base === "NumericGreaterThan" || base === "NumericGreaterThanEquals";
  if ((!less && !greater) || c.values.length < 2 || c.parsed!.qualifier) return;
  ctx.sink.add("REDUNDANT_CONDITION_VALUE_NUM", c.valueAt, { operator: c.operator, "greatest/least": less ? "greatest" : "least", key: c.key });
}

/** `aws:SourceIp` is a public address: private ranges in it never match ("Private IP address" and its variants). */
function checkSourceIp(ctx: PolicyContext, c: ConditionView): void {
  if (c.key.toLowerCase() !== "aws:sourceip" || family(c.parsed!.base) !== "ip") return;
  const parsed = c.values.map((v) => ({ v, cidr: parseIp(v.text) })).filter((x) => x.cidr);
  if (parsed.length === 0) return;
  const privateOnes = parsed.filter((x) => isPrivate(x.cidr!));
  if (privateOnes.length === 0) return;
  const negated = c.parsed!.base === "NotIpAddress";
  if (privateOnes.length === parsed.length) ctx.sink.add(negated ? "PRIVATE_NOT_IP_ADDRESS" : "PRIVATE_IP_ADDRESS", privateOnes.map((x) => x.v.at));
  else ctx.sink.add(negated ? "PRIVATE_NOT_IP_ADDRESS_SUBSET" : "PRIVATE_IP_ADDRESS_SUBSET", privateOnes.map((x) => x.v.at));
}
