/**
 * `node bench/run.mjs profile.ts [W2] [single|batch|unlinked|unlinked-batch]` builds this; run
 * the output under `node --cpu-prof` to see where iam-edge's time goes (`profile-summary.ts`
 * does both and prints self time by function). `single`/`batch` decide through a linked bundle;
 * `unlinked` passes the policy set on every call, the README's way.
 */
import { readFileSync } from "node:fs";
import { workload } from "./workloads.ts";
import { iamEdgeEngine, prepareIamEdge } from "./engines/iam-edge.ts";
import { prepareUnlinked } from "./engines/iam-edge-unlinked.ts";
const id = process.argv[2] ?? "W2";
const mode = process.argv[3] ?? "single";
const rounds = Number(process.argv[4] ?? 100);
const w = workload(id);
const engine = await iamEdgeEngine(readFileSync(process.env.WASM ?? new URL("../../build/engine.wasm", import.meta.url)));
const p = mode.startsWith("unlinked") ? prepareUnlinked(engine, w) : prepareIamEdge(engine, w);
let n = 0;
const t = performance.now();
for (let r = 0; r < rounds; r++) {
  if (mode.endsWith("batch")) n += p.decideBatch!(w.requests).length;
  else for (const q of w.requests) { p.decide(q); n++; }
}
console.log(`${id} ${mode}: ${(n / ((performance.now() - t) / 1000)).toFixed(0)} decisions/s`);
