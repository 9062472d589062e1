/**
 * @module engine/options
 * The options of `createEngine` and `authorizeBatch`, read once and checked like every other
 * argument (issue 13.15): a wrong type, a value out of range or an unknown name is RequestError
 * `INVALID_OPTION`, with the option's JSON Pointer. (`validate` and `compile` options:
 * js/policy/options.ts.)
 */
import { RequestError } from "./errors.ts";
import { MAX_MEMORY } from "./limits.ts";

export interface EngineOptions {
  /**
   * Bytes of Wasm memory the engine's blocks (compiled policies, the request scratch, kept
   * action texts) may take; past it `compile` and the calls that need more fail with
   * EngineInternalError `MEMORY_LIMIT` (docs/limits.md). From 1 MiB to 4 GiB; 1 GiB by default.
   */
  maxMemory?: number;
}

const hasOwn = Object.hasOwn;
const ObjectPrototype = Object.prototype;
const MIN_MEMORY = 1 << 20;

/** An option, read once: own, or a class's getter, never one added to Object.prototype. */
function option(o: Record<string, unknown>, name: string): unknown {
  return hasOwn(o, name) || !(name in ObjectPrototype) ? o[name] : undefined;
}

/** `options` as an object of the known names, or INVALID_OPTION. */
function optionsObject(options: unknown, names: readonly string[]): Record<string, unknown> {
  if (options === undefined || options === null) return {};
  if (typeof options !== "object") throw new RequestError("INVALID_OPTION", `options must be an object, not ${typeof options}`);
  const o = options as Record<string, unknown>;
  for (const name in o) {
    if (hasOwn(o, name) && !names.includes(name)) {
      throw new RequestError("INVALID_OPTION", `unknown option \`${name.slice(0, 64)}\`; the options are ${names.map((n) => `\`${n}\``).join(", ")}`, `/${name.slice(0, 64)}`);
    }
  }
  return o;
}

export function readEngineOptions(options: unknown): EngineOptions {
  const o = optionsObject(options, ["maxMemory"]);
  const maxMemory = option(o, "maxMemory");
  if (maxMemory === undefined) return {};
  if (typeof maxMemory !== "number" || !Number.isInteger(maxMemory) || maxMemory < MIN_MEMORY || maxMemory > MAX_MEMORY) {
    throw new RequestError("INVALID_OPTION", `\`maxMemory\` must be a whole number of bytes from ${MIN_MEMORY} (1 MiB) to ${MAX_MEMORY} (4 GiB), not ${typeof maxMemory === "number" ? maxMemory : typeof maxMemory}`, "/maxMemory");
  }
  return { maxMemory };
}

export function readBatchOptions(options: unknown): { details: boolean } {
  const o = optionsObject(options, ["details"]);
  const details = option(o, "details");
  if (details !== undefined && typeof details !== "boolean") {
    throw new RequestError("INVALID_OPTION", `\`details\` must be true or false, not ${typeof details}`, "/details");
  }
  return { details: details === true };
}
