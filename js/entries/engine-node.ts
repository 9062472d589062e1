/**
 * @module iam-edge/engine-node
 * Node entry (20, 22, 24): reads engine.wasm from beside this file and compiles it once per
 * process. Running from source (tests, `js/index.ts`), it falls back to `build/engine.wasm`.
 */
import type { Engine, EngineOptions } from "../engine/engine.ts";
import { toModule, type EngineSource } from "../engine/source.ts";
import { EngineInternalError } from "../engine/errors.ts";
import { createEngineWith } from "./create.ts";

export * from "./api.ts";

async function loadModule(): Promise<WebAssembly.Module> {
  // Imported lazily so the module still loads where `node:fs` is missing and a source is passed.
  const { readFile } = await import("node:fs/promises");
  const candidates = [new URL("./engine.wasm", import.meta.url)];
  // From source (js/entries/*.ts under vitest) the core is build/engine.wasm.
  if (import.meta.url.endsWith(".ts")) candidates.push(new URL("../../build/engine.wasm", import.meta.url));
  for (const url of candidates) {
    let bytes: Uint8Array<ArrayBuffer>;
    try {
      bytes = await readFile(url);
    } catch (err) {
      if ((err as { code?: string }).code === "ENOENT") continue;
      throw new EngineInternalError("LOAD_FAILED", `could not read ${url.pathname}: ${(err as Error).message}`, { cause: err });
    }
    return await toModule(bytes);
  }
  throw new EngineInternalError("LOAD_FAILED", "engine.wasm not found beside the package: run `npm run build` first");
}

const create = createEngineWith(loadModule);

/**
 * Creates an engine. Without an argument it loads the packaged engine.wasm (read and compiled
 * once per process); pass a WebAssembly.Module, bytes, a Response or a promise of one to load
 * your own.
 * `options.maxMemory` bounds the Wasm memory its compiled policies and requests may take
 * (docs/limits.md); pass `undefined` as the source to load the packaged module with options.
 * @example
 * const engine = await createEngine();
 */
export function createEngine(source?: EngineSource, options?: EngineOptions): Promise<Engine> {
  return create(source, options);
}
