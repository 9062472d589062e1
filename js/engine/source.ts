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
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return await WebAssembly.compile(value as BufferSource);
  if (typeof Response !== "undefined" && value instanceof Response) {
    if (!value.ok) throw new EngineInternalError(`could not fetch engine.wasm: HTTP ${value.status}`);
    if (typeof WebAssembly.compileStreaming === "function" && value.headers.get("content-type")?.startsWith("application/wasm")) {
      return await WebAssembly.compileStreaming(value);
    }
    return await WebAssembly.compile(await value.arrayBuffer());
  }
  throw new EngineInternalError("createEngine takes a WebAssembly.Module, bytes, a Response or a promise of a Response");
}
