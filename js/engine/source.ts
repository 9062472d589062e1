/**
 * @module engine/source
 * Turns what a caller hands `createEngine` into a WebAssembly.Module: a Module as is, bytes
 * compiled, a Response (or a promise of one) streamed where the runtime can. Whatever fails
 * surfaces as EngineInternalError with a code (docs/errors.md), the runtime's own error as its
 * `cause`: bytes that are not WebAssembly are `INVALID_MODULE`, not a bare CompileError.
 */
import { EngineInternalError } from "./errors.ts";

export type EngineSource = WebAssembly.Module | BufferSource | Response | PromiseLike<Response>;

export async function toModule(source: EngineSource): Promise<WebAssembly.Module> {
  let value: Awaited<EngineSource>;
  try {
    value = await source;
  } catch (err) {
    throw new EngineInternalError("LOAD_FAILED", `could not load engine.wasm: ${(err as Error)?.message ?? String(err)}`, { cause: err });
  }
  if (value instanceof WebAssembly.Module) return value;
  try {
    if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return await compileBytes(value as BufferSource);
    if (typeof Response !== "undefined" && value instanceof Response) return await compileResponse(value);
  } catch (err) {
    if (!(err instanceof WebAssembly.CompileError)) throw err;
    throw new EngineInternalError("INVALID_MODULE", `engine.wasm is not a valid WebAssembly module (${err.message})`, { cause: err });
  }
  throw new EngineInternalError("INVALID_SOURCE", "createEngine takes a WebAssembly.Module, bytes, a Response or a promise of a Response");
}

async function compileResponse(response: Response): Promise<WebAssembly.Module> {
  if (!response.ok) throw new EngineInternalError("LOAD_FAILED", `could not fetch engine.wasm: HTTP ${response.status}`);
  if (typeof WebAssembly.compileStreaming === "function" && response.headers.get("content-type")?.startsWith("application/wasm")) {
    return await WebAssembly.compileStreaming(response);
  }
  return await WebAssembly.compile(await response.arrayBuffer());
}

/**
 * Compiles bytes. The packaged core is small (about 20 KB), so compiling it synchronously is
 * quicker than a round trip through the runtime's background compiler: it shortens a cold
 * start. Large modules, and runtimes that refuse synchronous compiling (browsers limit it on
 * the main thread), take the asynchronous path.
 */
async function compileBytes(bytes: BufferSource): Promise<WebAssembly.Module> {
  if (bytes.byteLength <= SYNC_COMPILE_LIMIT) {
    try {
      return new WebAssembly.Module(bytes);
    } catch (err) {
      if (!(err instanceof RangeError)) throw err;
    }
  }
  return await WebAssembly.compile(bytes);
}

/** Modules up to this size are compiled synchronously (browsers allow up to 8 MB on the main thread). */
const SYNC_COMPILE_LIMIT = 1 << 20;
