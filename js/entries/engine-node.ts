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

/** `node:fs`, without going through the module loader where Node offers its builtins directly. */
async function nodeFs(): Promise<typeof import("node:fs")> {
  // process.getBuiltinModule: Node 20.16 and later. Imported otherwise, and only here, so this
  // module still loads where `node:fs` is missing and a source is passed.
  const builtin = (globalThis.process as { getBuiltinModule?: (id: string) => unknown } | undefined)?.getBuiltinModule;
  return (builtin?.("node:fs") as typeof import("node:fs") | undefined) ?? (await import("node:fs"));
}

async function loadModule(): Promise<WebAssembly.Module> {
  const { readFileSync } = await nodeFs();
  const candidates = [new URL("./engine.wasm", import.meta.url)];
  // From source (js/entries/*.ts under vitest) the core is build/engine.wasm.
  if (import.meta.url.endsWith(".ts")) candidates.push(new URL("../../build/engine.wasm", import.meta.url));
  for (const url of candidates) {
    let bytes: Uint8Array<ArrayBuffer>;
    try {
      // Read synchronously, once per process: 24 KiB from the package's own directory. The
      // asynchronous read took four thread-pool round trips, which a loaded machine turned into
      // milliseconds of a cold start (issue 17).
      bytes = readFileSync(url) as Uint8Array<ArrayBuffer>;
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
