/**
 * @module cli/context
 * `--context k=v` and `--context-type k=type`: request context from the command line. Values
 * are strings unless a type says otherwise; list types (`stringList`, `numericList`, ...) split
 * `v1,v2` on commas, and a list key may also be repeated. The types are the IAM simulator's
 * ContextKeyType values. One parse feeds both the engine (typed values) and the simulator
 * (ContextEntries).
 */
import type { ContextValue } from "../index.ts";
import { decodeBase64, parseCidr, parseDate } from "../policy/values.ts";
import { CliError, splitList } from "./args.ts";

export const CONTEXT_TYPES = [
  "string", "stringList", "numeric", "numericList", "boolean", "booleanList",
  "ip", "ipList", "binary", "binaryList", "date", "dateList",
] as const;
export type ContextKeyType = (typeof CONTEXT_TYPES)[number];

export interface ContextEntry {
  ContextKeyName: string;
  ContextKeyValues: string[];
  ContextKeyType: ContextKeyType;
}

function splitPair(arg: string, flag: string): [string, string] {
  const eq = arg.indexOf("=");
  if (eq <= 0) throw new CliError(`\`--${flag} ${arg}\`: expected KEY=VALUE`);
  return [arg.slice(0, eq), arg.slice(eq + 1)];
}

/**
 * Parses the `--context` and `--context-type` arguments into ContextEntries (IAM's shape), in
 * the order the keys were first given. Checks numbers and booleans.
 */
export function parseContext(pairs: readonly string[], typePairs: readonly string[]): ContextEntry[] {
  const types = new Map<string, { name: string; type: ContextKeyType }>();
  for (const arg of typePairs) {
    const [name, type] = splitPair(arg, "context-type");
    const known = CONTEXT_TYPES.find((t) => t.toLowerCase() === type.toLowerCase());
    if (!known) throw new CliError(`\`--context-type ${arg}\`: unknown type \`${type}\` (one of ${CONTEXT_TYPES.join(", ")})`);
    const earlier = types.get(name.toLowerCase());
    if (earlier) throw new CliError(`\`--context-type\` gives \`${name}\` a type twice (\`${earlier.type}\` and \`${known}\`): give one`);
    types.set(name.toLowerCase(), { name, type: known });
  }
  const entries = new Map<string, ContextEntry>();
  for (const arg of pairs) {
    const [name, value] = splitPair(arg, "context");
    const type = types.get(name.toLowerCase())?.type ?? "string";
    const isList = type.endsWith("List");
    const values = isList ? splitList(value, `--context ${arg}`, `v1,v2,... for a ${type} key`) : [value];
    const base = (isList ? type.slice(0, -4) : type) as ContextKeyType;
    const checked = values.map((v) => checkValue(name, v.trim(), base));
    const existing = entries.get(name.toLowerCase());
    if (existing) {
      if (!isList) throw new CliError(`context key \`${name}\` is given twice: give it a list type (\`--context-type ${name}=${type}List\`) for several values`);
      existing.ContextKeyValues.push(...checked);
    } else {
      entries.set(name.toLowerCase(), { ContextKeyName: name, ContextKeyValues: checked, ContextKeyType: type });
    }
  }
  for (const [key, { name }] of types) {
    if (!entries.has(key)) throw new CliError(`\`--context-type\` names \`${name}\`, which no \`--context\` gives a value`);
  }
  return [...entries.values()];
}

/**
 * Checks a value of a typed key. Dates, IP addresses and binary values are read with the
 * engine's own grammars (policy/values), so a value the engine could not read as its type (it
 * would silently match nothing) is refused here; a number must be finite (a 400-digit number
 * is Infinity, which the engine refuses).
 */
function checkValue(name: string, value: string, type: ContextKeyType): string {
  const refuse = (what: string) => new CliError(`context key \`${name}\`: \`${value}\` is not ${what}`);
  switch (type) {
    case "numeric":
      if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(value)) throw refuse("a number");
      if (!Number.isFinite(Number(value))) throw refuse("a finite number");
      return value;
    case "boolean": {
      const v = value.toLowerCase();
      if (v !== "true" && v !== "false") throw refuse("a boolean (true or false)");
      return v;
    }
    case "date": {
      const seconds = parseDate(value);
      if (seconds === null || !Number.isFinite(seconds)) throw refuse("a date (ISO 8601 such as 2024-01-31T12:00:00Z, or epoch seconds)");
      return value;
    }
    case "ip":
      if (!parseCidr(value)) throw refuse("an IP address or CIDR block");
      return value;
    case "binary":
      if (!decodeBase64(value)) throw refuse("base64");
      return value;
    default:
      return value;
  }
}

/** The engine's request context: numbers and booleans typed, lists as arrays. */
export function toEngineContext(entries: readonly ContextEntry[]): Record<string, ContextValue> {
  const out: Record<string, ContextValue> = {};
  for (const e of entries) {
    const isList = e.ContextKeyType.endsWith("List");
    const base = isList ? e.ContextKeyType.slice(0, -4) : e.ContextKeyType;
    const values = e.ContextKeyValues.map((v) => (base === "numeric" ? Number(v) : base === "boolean" ? v === "true" : v));
    out[e.ContextKeyName] = isList ? values : values[0];
  }
  return out;
}
