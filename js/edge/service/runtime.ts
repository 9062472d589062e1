/**
 * @module edge/service/runtime
 * The isolate's engine, created once at module scope (Workers refuse to compile Wasm from bytes
 * at run time, so the module is imported; DESIGN.md "Runtimes"), shared by the Worker's requests
 * and by the Durable Objects that run in the same isolate.
 */
import wasm from "iam-edge/engine.wasm";
import { createEngineWith } from "../../entries/create.ts";

export const engine = await createEngineWith(() => wasm)();
