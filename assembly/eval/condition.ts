/**
 * @module eval/condition
 * One condition entry (operator, key, values) against the request context, with AWS's rules
 * from "IAM JSON policy elements: Condition operators" and "Conditions with multiple context
 * keys or values":
 * - values of one key are ORed; negated operators are NOR (the key must match none);
 * - a missing key makes a positive operator false and a negated one true; `...IfExists`
 *   makes it true for every operator without a set qualifier;
 * - `ForAllValues`: true when the key is missing or empty, else every request value must pass;
 *   `ForAnyValue`: false when missing or empty, else some request value must pass; with
 *   `...IfExists` too (a set operator's own rule for a missing key wins);
 * - a multivalued key without a qualifier does not match (Access Analyzer "Missing qualifier");
 * - `Null`: `true` matches an absent key; with a qualifier it is always true (ForAllValues)
 *   or false (ForAnyValue) (Access Analyzer "Null with qualifier");
 * - a request value that is not of the operator's type (a non-number, or a number past the
 *   double's range, for Numeric) makes the condition false, negated operators included.
 */
import {
  C_OP, C_FLAGS, C_KEY, C_VALUES, CF_IF_EXISTS, CF_FOR_ALL, CF_FOR_ANY, CF_NEGATED,
  V_FLAGS, V_PTR, V_LEN, V_AUX, VALUE_SIZE, LIST_HEADER, VF_STAR, VF_LITERAL, VF_TEMPLATE, VF_TEMPLATE_GLOB,
  OP_STRING_EQUALS, OP_STRING_EQUALS_IGNORE_CASE, OP_STRING_LIKE, OP_NUMERIC_EQUALS, OP_NUMERIC_LT,
  OP_NUMERIC_LTE, OP_NUMERIC_GT, OP_NUMERIC_GTE, OP_DATE_EQUALS, OP_DATE_LT, OP_DATE_LTE, OP_DATE_GT,
  OP_DATE_GTE, OP_BOOL, OP_BINARY_EQUALS, OP_IP_ADDRESS, OP_ARN_LIKE, OP_NULL,
} from "../abi";
import { lookup, valueCount, isMulti, valuePtr, valueLen } from "./context";
import { resolve, resolvedPtr, noteUnresolved } from "./template";
import { globMatch, bytesEqual } from "../match/wildcard";
import { arnMatch } from "../match/arn";
import { parseNumber } from "../conditions/numeric";
import { parseDate } from "../conditions/date";
import { parseIp, ipInNetwork } from "../conditions/ip";
import { base64Decode } from "../conditions/binary";
import { parseBool } from "../conditions/bool";
import { grow } from "../memory";

const NOT_OF_TYPE: i32 = -1;
const ipBuf: usize = memory.data(16, 8);
let binBuf: usize = 0;
let binCap: usize = 0;

/** Whether the request carries `key` with at least one value (an empty array counts as missing). */
export function isPresent(key: u32): bool {
  const entry = lookup(key);
  return entry != 0 && valueCount(entry) > 0;
}

/** The policy value's text: its own bytes, or its template resolved. Sets valPtr; -1 = unresolved. */
let valPtr: usize = 0;
@inline function valueText(img: usize, v: usize): i32 {
  const flags = load<u32>(v + V_FLAGS);
  if (flags & VF_TEMPLATE) {
    const parts = img + load<u32>(v + V_PTR);
    const n = resolve(img, parts, load<u32>(v + V_LEN), (flags & VF_TEMPLATE_GLOB) != 0);
    if (n < 0) noteUnresolved(parts, load<u32>(v + V_LEN));
    valPtr = resolvedPtr;
    return n;
  }
  valPtr = img + load<u32>(v + V_PTR);
  return <i32>load<u32>(v + V_LEN);
}

@inline function compare(op: u32, x: f64, y: f64): bool {
  switch (op) {
    case OP_NUMERIC_EQUALS: case OP_DATE_EQUALS: return x == y;
    case OP_NUMERIC_LT: case OP_DATE_LT: return x < y;
    case OP_NUMERIC_LTE: case OP_DATE_LTE: return x <= y;
    case OP_NUMERIC_GT: case OP_DATE_GT: return x > y;
    default: return x >= y;
  }
}

/**
 * 1 when some policy value matches the request value (p, len) under the positive form of
 * `op`, 0 when none does, NOT_OF_TYPE when the request value is not of the operator's type.
 */
function anyValueMatches(img: usize, op: u32, list: usize, p: usize, len: i32): i32 {
  // INVARIANT: list is a value list the compiler wrote inside the image.
  const n = load<u32>(list);
  let v = list + LIST_HEADER;
  if (op >= OP_NUMERIC_EQUALS && op <= OP_DATE_GTE) {
    const x = op <= OP_NUMERIC_GTE ? parseNumber(p, len) : parseDate(p, len);
    // A value past the double's range parses to ±Infinity, which would equal every other such
    // value (`1e400` == `2e400`): it is no number the operator can compare, like a non-number.
    // The compiler refuses such policy values (js/policy/values.ts parseNumber).
    if (!isFinite(x)) return NOT_OF_TYPE;
    for (let i: u32 = 0; i < n; i++, v += VALUE_SIZE) {
      if (compare(op, x, load<f64>(img + load<u32>(v + V_PTR)))) return 1;
    }
    return 0;
  }
  if (op == OP_IP_ADDRESS) {
    if (parseIp(p, len, ipBuf) == 0) return NOT_OF_TYPE;
    for (let i: u32 = 0; i < n; i++, v += VALUE_SIZE) {
      if (ipInNetwork(ipBuf, img + load<u32>(v + V_PTR), <i32>load<u32>(v + V_AUX))) return 1;
    }
    return 0;
  }
  if (op == OP_BINARY_EQUALS) {
    const need = (<usize>len * 3) / 4 + 4;
    if (need > binCap) { binBuf = grow(binBuf, need); binCap = need; }
    const m = base64Decode(p, len, binBuf);
    if (m < 0) return NOT_OF_TYPE;
    for (let i: u32 = 0; i < n; i++, v += VALUE_SIZE) {
      if (bytesEqual(binBuf, m, img + load<u32>(v + V_PTR), <i32>load<u32>(v + V_LEN), false)) return 1;
    }
    return 0;
  }
  if (op == OP_BOOL) {
    const b = parseBool(p, len);
    if (b < 0) return NOT_OF_TYPE;
    for (let i: u32 = 0; i < n; i++, v += VALUE_SIZE) {
      let want: i32;
      if (load<u32>(v + V_FLAGS) & VF_TEMPLATE) {
        const m = valueText(img, v);
        if (m < 0) continue; // unresolved variable: null, matches nothing
        want = parseBool(valPtr, m);
      } else {
        want = <i32>load<u32>(v + V_AUX);
      }
      if (want == b) return 1;
    }
    return 0;
  }
  // String and ARN families.
  for (let i: u32 = 0; i < n; i++, v += VALUE_SIZE) {
    const flags = load<u32>(v + V_FLAGS);
    const m = valueText(img, v);
    if (m < 0) continue; // unresolved variable: null, matches nothing
    let hit = false;
    if (op == OP_STRING_EQUALS) hit = bytesEqual(valPtr, m, p, len, false);
    else if (op == OP_STRING_EQUALS_IGNORE_CASE) hit = bytesEqual(valPtr, m, p, len, true);
    else if (op == OP_STRING_LIKE) {
      hit = (flags & VF_STAR) != 0 ? true
        : (flags & VF_LITERAL) != 0 ? bytesEqual(valPtr, m, p, len, false)
        : globMatch(valPtr, m, p, len, false);
    } else hit = arnMatch(valPtr, m, p, len, false);
    if (hit) return 1;
  }
  return 0;
}

/** Evaluates one condition record of image `img`. */
export function evalCondition(img: usize, cond: usize): bool {
  // INVARIANT: cond is a condition record inside the image.
  const op = load<u32>(cond + C_OP);
  const flags = load<u32>(cond + C_FLAGS);
  const key = load<u32>(cond + C_KEY);
  const list = img + load<u32>(cond + C_VALUES);
  const entry = lookup(key);
  const present = entry != 0 && valueCount(entry) > 0;

  if (op == OP_NULL) {
    if (flags & CF_FOR_ALL) return true;
    if (flags & CF_FOR_ANY) return false;
    const n = load<u32>(list);
    for (let i: u32 = 0; i < n; i++) {
      const wantAbsent = load<u32>(list + LIST_HEADER + i * VALUE_SIZE + V_AUX) == 1;
      if (wantAbsent == !present) return true;
    }
    return false;
  }
  const negated = (flags & CF_NEGATED) != 0;
  if (!present) {
    // A set operator decides a missing key itself, and `IfExists` then changes nothing
    // (docs/semantics.md, "IfExists under a set operator"): "Single-valued vs. multivalued
    // context keys" gives ForAllValues true and ForAnyValue false for "no matching context key
    // or a null dataset", and AWS denies with ForAnyValue:StringEqualsIfExists on a missing key.
    if (flags & CF_FOR_ALL) return true;
    if (flags & CF_FOR_ANY) return false;
    if (flags & CF_IF_EXISTS) return true;
    return negated;
  }
  const count = valueCount(entry);
  if (flags & (CF_FOR_ALL | CF_FOR_ANY)) {
    const all = (flags & CF_FOR_ALL) != 0;
    for (let i: u32 = 0; i < count; i++) {
      const m = anyValueMatches(img, op, list, valuePtr(entry, i), valueLen(entry, i));
      if (m == NOT_OF_TYPE) return false;
      const pass = negated ? m == 0 : m == 1;
      if (all && !pass) return false;
      if (!all && pass) return true;
    }
    return all;
  }
  if (isMulti(entry)) return false;
  const m = anyValueMatches(img, op, list, valuePtr(entry, 0), valueLen(entry, 0));
  if (m == NOT_OF_TYPE) return false;
  return negated ? m == 0 : m == 1;
}
