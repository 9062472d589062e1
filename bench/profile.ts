/** `node bench/run.mjs profile.ts [W2] [single|batch]` builds this; run the output under `node --cpu-prof` to see where iam-edge's time goes. */
import { readFileSync } from "node:fs";
import { workload } from "./workloads.ts";
import { iamEdgeEngine, prepareIamEdge } from "./engines/iam-edge.ts";
const id = process.argv[2] ?? "W2";
const mode = process.argv[3] ?? "single";
const w = workload(id);
const p = prepareIamEdge(await iamEdgeEngine(readFileSync(process.env.WASM ?? new URL("../../build/engine.wasm", import.meta.url))), w);
let n = 0;
const t = performance.now();
for (let r = 0; r < 100; r++) {
  if (mode === "batch") n += p.decideBatch!(w.requests).length;
  else for (const q of w.requests) { p.decide(q); n++; }
}
console.log(`${id} ${mode}: ${(n / ((performance.now() - t) / 1000)).toFixed(0)} decisions/s`);
