/**
 * @module edge/service/runtime
 * The isolate's engine, created once at module scope (Workers refuse to compile Wasm from bytes
 * at run time, so the module is imported; DESIGN.md "Runtimes"), shared by the Worker's requests
 * and by the Durable Objects that run in the same isolate.
 *
 * The core is imported from build/engine.wasm, where `npm run build:wasm` writes it, beside the
 * sources the Worker is bundled from: the two always come from the same tree, and a rebuild of the
 * core reloads `npm start` with it. Not from dist/: `npm run build` empties dist/ first, and
 * wrangler resolves a `.wasm` import itself (its module rules, not `--alias`), so a reload in that
 * moment found no file and left the server down.
 */
import wasm from "../../../build/engine.wasm";
import { createEngineWith } from "../../entries/create.ts";

export const engine = await createEngineWith(() => wasm)();
