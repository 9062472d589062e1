/**
 * @module engine/source
 * Turns what a caller hands `createEngine` into a WebAssembly.Module: a Module as is, bytes
 * compiled, a Response (or a promise of one) streamed where the runtime can.
 */
import { EngineInternalError } from "./errors.ts";

export type EngineSource = WebAssembly.Module | BufferSource | Response | PromiseLike<Response>;

export async function toModule(source: EngineSource): Promise<WebAssembly.Module> {
  const value = await source;
  if (value instanceof WebAssembly.Module) return value;
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return await compileBytes(value as BufferSource);
  if (typeof Response !== "undefined" && value instanceof Response) {
    if (!value.ok) throw new EngineInternalError(`could not fetch engine.wasm: HTTP ${value.status}`);
    if (typeof WebAssembly.compileStreaming === "function" && value.headers.get("content-type")?.startsWith("application/wasm")) {
      return await WebAssembly.compileStreaming(value);
    }
    return await WebAssembly.compile(await value.arrayBuffer());
  }
  throw new EngineInternalError("createEngine takes a WebAssembly.Module, bytes, a Response or a promise of a Response");
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
