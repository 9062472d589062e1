/**
 * @module iam-edge/create
 * Builds a runtime's `createEngine` from its way of obtaining the packaged module. The default
 * module is compiled once per process or isolate and cached; every `createEngine()` call then
 * only instantiates it. A caller-supplied source (Module, bytes, Response or a promise of one)
 * bypasses the cache.
 */
import { instantiate, type Engine, type EngineOptions } from "../engine/engine.ts";
import { readEngineOptions } from "../engine/options.ts";
import { toModule, type EngineSource } from "../engine/source.ts";

export type CreateEngine = (source?: EngineSource, options?: EngineOptions) => Promise<Engine>;

export function createEngineWith(loadDefault: () => WebAssembly.Module | Promise<WebAssembly.Module>): CreateEngine {
  let cached: Promise<WebAssembly.Module> | undefined;
  return async (source?: EngineSource, given?: EngineOptions): Promise<Engine> => {
    const options = readEngineOptions(given); // before loading anything
    if (source !== undefined) return instantiate(await toModule(source), options);
    if (!cached) {
      cached = Promise.resolve().then(loadDefault);
      // A failed load (file missing, network error) is not cached, so a later call can retry.
      cached.catch(() => (cached = undefined));
    }
    return instantiate(await cached, options);
  };
}
