/**
 * @module bench/memory
 * Memory of iam-edge, in a process of its own run with `--expose-gc` (main.ts starts it; or
 * `node --expose-gc bench/.out/memory.mjs W3 1000000` after `npm run bench` has bundled it):
 *  - per compiled statement: the bytes of the images copied into Wasm memory (the image is the
 *    policy's whole footprint there), the growth of Wasm memory, and the JS heap and
 *    ArrayBuffer bytes the compiled policies keep (each keeps its image to reload the core
 *    after a trap), measured after a full GC;
 *  - flatness: JS heap and Wasm memory after a GC, before and after DECISIONS decisions on
 *    each path (linked single and batch, unlinked single and batch: the unlinked paths go
 *    through whatever the engine does with a set passed again).
 * Prints one JSON line.
 */
import { readFileSync } from "node:fs";
import { createEngine, type CompiledPolicy, type PolicySet } from "iam-edge/engine";
import { workload } from "./workloads.ts";

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error("run with node --expose-gc");
const [id = "W3", decisionsArg = "1000000", wasmPath] = process.argv.slice(2);
const decisions = Number(decisionsArg);
const w = workload(id);
const engine = await createEngine(wasmPath ? readFileSync(wasmPath) : undefined);

const heap = () => { gc!(); gc!(); const m = process.memoryUsage(); return { heap: m.heapUsed, buffers: m.arrayBuffers }; };

// ---- per compiled statement
const before = heap();
const wasmBefore = engine.memoryBytes;
const compiled: CompiledPolicy[] = w.policies.identity.map((d, i) => engine.compile(d, { kind: "identity", id: `${id}-${i}`, maxSize: w.maxSize }));
const after = heap();
const imageBytes = compiled.reduce((n, p) => n + (p as unknown as { image: Uint8Array }).image.byteLength, 0);
const perStatement = {
  statements: w.statements,
  imageBytes: imageBytes / w.statements,
  wasmGrowthBytes: (engine.memoryBytes - wasmBefore) / w.statements,
  jsHeapBytes: (after.heap - before.heap) / w.statements,
  arrayBufferBytes: (after.buffers - before.buffers) / w.statements,
};

// ---- flat over `decisions` decisions on every path
const set: PolicySet = { identity: compiled };
const bundle = engine.link(set);
const reqs = w.requests;
const BATCH = 100;
const paths: Record<string, () => void> = {
  "linked single": () => { for (let i = 0; i < decisions; i++) engine.authorize(reqs[i % reqs.length], bundle); },
  "linked batch": () => { for (let i = 0; i < decisions; i += BATCH) engine.authorizeBatch(reqs.slice(i % reqs.length, (i % reqs.length) + BATCH), bundle); },
  "unlinked single": () => { for (let i = 0; i < decisions; i++) engine.authorize(reqs[i % reqs.length], { identity: compiled }); },
  "unlinked batch": () => { for (let i = 0; i < decisions; i += BATCH) engine.authorizeBatch(reqs.slice(i % reqs.length, (i % reqs.length) + BATCH), { identity: compiled }); },
};
const flat: Record<string, { heapBefore: number; heapAfter: number; wasmBefore: number; wasmAfter: number }> = {};
for (const [name, run] of Object.entries(paths)) {
  // A first short run warms the path (JIT, any cache), so the figures compare steady states.
  for (let i = 0; i < 10_000; i++) engine.authorize(reqs[i % reqs.length], name.startsWith("linked") ? bundle : { identity: compiled });
  const h0 = heap().heap;
  const m0 = engine.memoryBytes;
  run();
  flat[name] = { heapBefore: h0, heapAfter: heap().heap, wasmBefore: m0, wasmAfter: engine.memoryBytes };
}
process.stdout.write(JSON.stringify({ workload: id, decisions, perStatement, flat }) + "\n");
