/**
 * @module iam-edge/engine-browser
 * Browser entry (also the `default` condition): fetches engine.wasm from beside this file,
 * `new URL("./engine.wasm", import.meta.url)`, which bundlers (Vite, webpack, Parcel) recognise
 * as an asset. Compiles while streaming when the server sends `application/wasm`, and from the
 * downloaded bytes otherwise. Compiled once per page or worker.
 */
import type { Engine, EngineOptions } from "../engine/engine.ts";
import { toModule, type EngineSource } from "../engine/source.ts";
import { EngineInternalError } from "../engine/errors.ts";
import { createEngineWith } from "./create.ts";

export * from "./api.ts";

async function loadModule(): Promise<WebAssembly.Module> {
  const url = new URL("./engine.wasm", import.meta.url);
  let response: Response;
  try {
    response = await fetch(url);
  } catch (err) {
    throw new EngineInternalError("LOAD_FAILED", `could not fetch engine.wasm from ${url}: ${(err as Error).message}`, { cause: err });
  }
  // Streams when the server sends `application/wasm`; otherwise compiles the downloaded bytes.
  return toModule(response);
}

const create = createEngineWith(loadModule);

/**
 * Creates an engine. Without an argument it fetches the packaged engine.wasm (compiled once per
 * page); pass a WebAssembly.Module, bytes, a Response or a promise of one to load your own.
 * `options.maxMemory` bounds the Wasm memory its compiled policies and requests may take
 * (docs/limits.md); pass `undefined` as the source to load the packaged module with options.
 * @example
 * const engine = await createEngine();
 */
export function createEngine(source?: EngineSource, options?: EngineOptions): Promise<Engine> {
  return create(source, options);
}
