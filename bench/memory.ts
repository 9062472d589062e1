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
 *    through whatever the engine does with a set passed again; and, for workloads of up to 64
 *    policies, a set never passed before on every call, and 600 sets in turn).
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
// Sets never passed before (bench/engines/iam-edge-first-call.ts): the policies compiled
// COPIES times over, call `i` taking policy `j` from copy digit `j` of `i`; and 600 of them in
// turn, more than the set cache keeps. Only for workloads of up to 64 policies.
const COPIES = 4;
const copies = compiled.length <= 64
  ? [compiled, ...Array.from({ length: COPIES - 1 }, (_, k) => w.policies.identity.map((d, j) => engine.compile(d, { kind: "identity", id: `${id}-${j}-copy${k}`, maxSize: w.maxSize })))]
  : [];
const setOf = (i: number): PolicySet => {
  const identity = new Array<CompiledPolicy>(compiled.length);
  for (let j = 0, x = i; j < compiled.length; j++, x = Math.floor(x / COPIES)) identity[j] = copies[x % COPIES][j];
  return { identity };
};
let fresh = 0;
const paths: Record<string, (i: number) => PolicySet | typeof bundle> = {
  "linked single": () => bundle,
  "linked batch": () => bundle,
  "unlinked single": () => ({ identity: compiled }),
  "unlinked batch": () => ({ identity: compiled }),
  ...(copies.length > 0 ? { "first call single": () => setOf(fresh++), "sets in turn single": (i: number) => setOf(i % 600) } : {}),
};
const flat: Record<string, { heapBefore: number; heapAfter: number; wasmBefore: number; wasmAfter: number }> = {};
for (const [name, setFor] of Object.entries(paths)) {
  const run = (n: number) => {
    if (name.endsWith("batch")) for (let i = 0; i < n; i += BATCH) engine.authorizeBatch(reqs.slice(i % reqs.length, (i % reqs.length) + BATCH), setFor(i));
    else for (let i = 0; i < n; i++) engine.authorize(reqs[i % reqs.length], setFor(i));
  };
  // A first short run warms the path (JIT, any cache), so the figures compare steady states;
  // three passes over the requests (an action gets its selection when it comes back), and sets
  // in turn fill the set cache and their selections first (300,000 calls).
  run(name === "sets in turn single" ? 300_000 : 3 * reqs.length);
  const h0 = heap().heap;
  const m0 = engine.memoryBytes;
  run(decisions);
  flat[name] = { heapBefore: h0, heapAfter: heap().heap, wasmBefore: m0, wasmAfter: engine.memoryBytes };
}
process.stdout.write(JSON.stringify({ workload: id, decisions, perStatement, flat }) + "\n");
