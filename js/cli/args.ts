/**
 * @module cli/args
 * A tiny command-line parser (no dependency): `--name value`, `--name=value`, boolean flags,
 * repeatable flags, short aliases (`-h`), positionals, and `--` to end the flags. Unknown flags,
 * missing or empty values and empty list items are CliErrors (exit 1), never exceptions with a
 * stack.
 */

/** A failure the user can fix: printed as `iam-edge: <message>`, exit code 1. */
export class CliError extends Error {
  constructor(message: string, readonly exitCode = 1) {
    super(message);
    this.name = "CliError";
  }
}

export interface FlagSpec {
  /** `string` takes a value; `boolean` does not. */
  type: "string" | "boolean";
  /** May be given more than once (values are collected in order). */
  multiple?: boolean;
  /** One-letter alias, without the dash. */
  short?: string;
}

export type FlagSpecs = Record<string, FlagSpec>;

export interface Parsed {
  flags: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
}

/**
 * Parses `argv` against `specs`. `--help`/`-h` and `--version` are always accepted (boolean).
 * @example
 * parseArgs(["--action", "s3:GetObject", "--json"], { action: { type: "string", multiple: true }, json: { type: "boolean" } })
 */
export function parseArgs(argv: readonly string[], specs: FlagSpecs): Parsed {
  const all: FlagSpecs = { help: { type: "boolean", short: "h" }, version: { type: "boolean" }, ...specs };
  const shorts = new Map(Object.entries(all).filter(([, s]) => s.short).map(([name, s]) => [s.short!, name]));
  const flags: Parsed["flags"] = {};
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--") {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    let name: string;
    let inline: string | undefined;
    if (arg.startsWith("--")) {
      const eq = arg.indexOf("=");
      name = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
      inline = eq < 0 ? undefined : arg.slice(eq + 1);
    } else if (arg.length > 1 && arg.startsWith("-") && arg !== "-") {
      const alias = shorts.get(arg.slice(1));
      if (!alias) throw new CliError(`unknown option \`${arg}\``);
      name = alias;
    } else {
      positionals.push(arg);
      continue;
    }
    const spec = Object.hasOwn(all, name) ? all[name] : undefined;
    if (!spec) throw new CliError(`unknown option \`--${name}\`${suggest(name, Object.keys(all))}`);
    let value: string | boolean;
    if (spec.type === "boolean") {
      if (inline !== undefined) throw new CliError(`option \`--${name}\` takes no value`);
      value = true;
    } else if (inline !== undefined) {
      value = inline;
    } else {
      const next = argv[i + 1];
      if (next === undefined || (next.startsWith("--") && next.length > 2)) throw new CliError(`option \`--${name}\` needs a value`);
      value = next;
      i++;
    }
    // No option means anything when empty: an empty file name, ARN or action is a slip, never a request.
    if (value === "") throw new CliError(`option \`--${name}\` must not be empty`);
    if (spec.multiple) {
      const list = (flags[name] as string[] | undefined) ?? [];
      list.push(value as string);
      flags[name] = list;
    } else {
      if (flags[name] !== undefined && spec.type === "string") throw new CliError(`option \`--${name}\` may be given only once`);
      flags[name] = value;
    }
  }
  return { flags, positionals };
}

/** The string value of a flag, or undefined. */
export function str(parsed: Parsed, name: string): string | undefined {
  const v = parsed.flags[name];
  return typeof v === "string" ? v : undefined;
}

/** The values of a repeatable flag (empty when absent). */
export function list(parsed: Parsed, name: string): string[] {
  const v = parsed.flags[name];
  return Array.isArray(v) ? v : typeof v === "string" ? [v] : [];
}

export function bool(parsed: Parsed, name: string): boolean {
  return parsed.flags[name] === true;
}

/**
 * The items of a comma-separated option value (`--scp a.json,b.json`); an empty item (`,,`,
 * a leading or trailing comma) is a CliError quoting the option as `given`, never an empty entry.
 */
export function splitList(value: string, given: string, shape: string): string[] {
  const items = value.split(",");
  if (items.some((item) => item.trim() === "")) throw new CliError(`\`${given}\`: the list has an empty item (expected ${shape})`);
  return items;
}

/** The value of a required flag; a CliError naming it otherwise. */
export function required(parsed: Parsed, name: string, what: string): string {
  const v = str(parsed, name);
  if (v === undefined || v === "") throw new CliError(`missing \`--${name}\` (${what})`);
  return v;
}

function suggest(name: string, known: string[]): string {
  const close = known.find((k) => k.startsWith(name) || name.startsWith(k) || distance(k, name) <= 2);
  return close ? ` (did you mean \`--${close}\`?)` : "";
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length];
}
