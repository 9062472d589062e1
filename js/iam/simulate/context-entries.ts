/**
 * @module iam/simulate/context-entries
 * ContextEntries into engine context, each value checked against its ContextKeyType (IAM API
 * Reference: ContextEntry): list types become arrays (multivalued keys), booleans become
 * booleans, other values stay text. A bad value is InvalidInput, as the simulator answers.
 */
import { IamError } from "../errors.ts";
import type { ContextValue } from "../../engine/request.ts";
import { parseCidr, parseDate } from "../../policy/values.ts";
import type { ContextEntry, ContextKeyType } from "./shapes.ts";

const TYPES = new Set<ContextKeyType>(["string", "stringList", "numeric", "numericList", "boolean", "booleanList", "ip", "ipList", "binary", "binaryList", "date", "dateList"]);


function checkValue(type: string, value: string, key: string): ContextValue {
  const bad = (what: string) => new IamError("InvalidInput", `Invalid value '${value}' for context key ${key}: expected ${what} (ContextKeyType ${type})`);
  switch (type) {
    case "numeric":
      if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(value.trim())) throw bad("a number");
      return value.trim();
    case "boolean":
      if (!/^(true|false)$/i.test(value.trim())) throw bad("true or false");
      return value.trim().toLowerCase() === "true";
    case "ip":
      // The engine's own reading (js/policy/values.ts), so a value accepted here is one it decides on.
      if (parseCidr(value.trim()) === null) throw bad("an IPv4 or IPv6 address or CIDR block");
      return value.trim();
    case "binary":
      if (!/^[A-Za-z0-9+/]*={0,2}$/.test(value.trim()) || value.trim().length % 4 !== 0) throw bad("base64");
      return value.trim();
    case "date":
      // Not Date.parse, which takes "March 7" or "1 2 3": the W3C ISO 8601 profiles or epoch seconds.
      if (parseDate(value.trim()) === null) throw bad("an ISO 8601 date or epoch seconds");
      return value.trim();
    default:
      return value;
  }
}

/**
 * Turns ContextEntries into engine context: list types become arrays (multivalued keys),
 * booleans become booleans, other values stay text after their type is checked.
 * @throws IamError InvalidInput
 */
export function contextFromEntries(entries: unknown): Record<string, ContextValue> {
  if (entries === undefined) return {};
  if (!Array.isArray(entries)) throw new IamError("InvalidInput", "ContextEntries must be a list of {ContextKeyName, ContextKeyValues, ContextKeyType}");
  const out: Record<string, ContextValue> = {};
  const seen = new Set<string>();
  entries.forEach((e: ContextEntry, i) => {
    const at = `ContextEntries.${i + 1}`;
    if (!e || typeof e !== "object") throw new IamError("InvalidInput", `${at} must be an object`);
    const key = e.ContextKeyName;
    if (typeof key !== "string" || key.length < 5 || key.length > 256) {
      throw new IamError("InvalidInput", `${at}.ContextKeyName must be a condition key name of 5 to 256 characters`);
    }
    if (seen.has(key.toLowerCase())) throw new IamError("InvalidInput", `${at}: context key ${key} is given twice (keys compare ignoring case)`);
    seen.add(key.toLowerCase());
    const type = e.ContextKeyType;
    if (!TYPES.has(type)) throw new IamError("InvalidInput", `${at}.ContextKeyType must be one of ${[...TYPES].join(", ")}`);
    const values = e.ContextKeyValues ?? [];
    if (!Array.isArray(values) || values.some((v) => typeof v !== "string")) {
      throw new IamError("InvalidInput", `${at}.ContextKeyValues must be a list of strings`);
    }
    if (type.endsWith("List")) {
      const base = type.slice(0, -4);
      out[key] = values.map((v) => checkValue(base, v, key)) as ContextValue;
    } else {
      if (values.length !== 1) throw new IamError("InvalidInput", `${at}: context key ${key} of type ${type} takes exactly one value (use ${type}List for several)`);
      out[key] = checkValue(type, values[0], key);
    }
  });
  return out;
}
