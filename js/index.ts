/**
 * @module iam-edge
 * AWS IAM policy evaluation compiled to WebAssembly. `createEngine()` loads the core;
 * `engine.compile` turns policy documents into compiled policies; `engine.authorize` decides.
 * This entry loads engine.wasm from the file system (Node); the runtime entries differ only in
 * how they obtain the module.
 */
import { instantiate, type Engine } from "./engine/engine.ts";
import { toModule, type EngineSource } from "./engine/source.ts";

export { Engine, CompiledPolicy } from "./engine/engine.ts";
export type { AuthorizationResult, MatchedStatement, Decision, PolicySet, CompileOptions, ReasonCode } from "./engine/engine.ts";
export type { AuthorizationRequest, ContextValue } from "./engine/request.ts";
export type { Diagnostic, PolicyKind, Span, Position, Severity } from "./policy/types.ts";
export { PolicyValidationError, RequestError, EngineInternalError } from "./engine/errors.ts";
export type { EngineSource } from "./engine/source.ts";

let cached: Promise<WebAssembly.Module> | undefined;

async function defaultModule(): Promise<WebAssembly.Module> {
  const { readFile } = await import("node:fs/promises");
  const candidates = [new URL("./engine.wasm", import.meta.url), new URL("../build/engine.wasm", import.meta.url)];
  for (const url of candidates) {
    try {
      return await WebAssembly.compile(await readFile(url));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
    }
  }
  throw new Error("engine.wasm not found: run `npm run build` first");
}

/**
 * Creates an engine. Without an argument it loads the packaged engine.wasm (compiled once per
 * process); pass a WebAssembly.Module, bytes, a Response or a promise of one to load your own.
 * @example
 * const engine = await createEngine();
 */
export async function createEngine(source?: EngineSource): Promise<Engine> {
  if (source !== undefined) return instantiate(await toModule(source));
  cached ??= defaultModule();
  return instantiate(await cached);
}
