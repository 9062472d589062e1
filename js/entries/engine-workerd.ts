/**
 * @module iam-edge/engine-workerd
 * Cloudflare Workers entry. Workers refuse to compile Wasm from bytes at run time, so the module
 * is imported: Wrangler (and workerd's module rules) turn `import wasm from "./engine.wasm"` into
 * a `WebAssembly.Module` compiled once per isolate. Create the engine at module scope,
 * `const engine = await createEngine()`, so one instance serves every request of the isolate.
 */
import wasm from "./engine.wasm";
import type { Engine, EngineOptions } from "../engine/engine.ts";
import type { EngineSource } from "../engine/source.ts";
import { EngineInternalError } from "../engine/errors.ts";
import { createEngineWith } from "./create.ts";

export * from "./api.ts";

const create = createEngineWith(() => wasm);

/**
 * Creates an engine from the packaged engine.wasm (imported as a module); pass a
 * WebAssembly.Module or a Response of one to load your own. Bytes only work where the runtime
 * allows compiling them (not in deployed Workers).
 * `options.maxMemory` bounds the Wasm memory its compiled policies and requests may take
 * (docs/limits.md); pass `undefined` as the source to load the packaged module with options.
 * `options.maxMemory` bounds the Wasm memory its compiled policies and requests may take
 * (docs/limits.md).
 * @example
 * const engine = await createEngine(); // at module scope: once per isolate
 */
export async function createEngine(source?: EngineSource, options?: EngineOptions): Promise<Engine> {
  try {
    return await create(source, options);
  } catch (err) {
    // Workers refuse every compile from bytes, which the runtime reports as a CompileError
    // (toModule's INVALID_MODULE): say why, and what to pass instead.
    if (err instanceof EngineInternalError && err.code === "INVALID_MODULE") {
      throw new EngineInternalError(
        "COMPILE_DISALLOWED",
        "Workers do not compile Wasm from bytes: call createEngine() without a source, or pass a module imported with `import wasm from \"iam-edge/engine.wasm\"`",
        { cause: err.cause },
      );
    }
    throw err;
  }
}
