/**
 * `node bench/run.mjs ratio.ts [W1 W2 G1 ...]`: iam-edge (linked, unlinked, batch) against plain
 * TS in one process, the engines alternated run by run so that a shared machine's load falls on
 * all of them alike; prints decisions/s (median of 7 runs) and each path's ratio to plain TS.
 * For tuning between two builds in one sitting; the figures users compare are `npm run bench`'s
 * (one process per engine). `N=500` decides only the first 500 requests of each workload (a
 * working set that stays in the CPU caches). Each run is timed in this process's CPU time
 * (`process.cpuUsage`), not wall time, so that the moments the shared machine takes the core away
 * fall on no path; `ROUNDS=` runs per path (default 7, the median is printed).
 */
import { readFileSync } from "node:fs";
import { workload, type Request } from "./workloads.ts";
import { createEngine } from "iam-edge/engine";
import { prepareIamEdge } from "./engines/iam-edge.ts";
import { iamEdgeUnlinked } from "./engines/iam-edge-unlinked.ts";
import { plainTs } from "./engines/plain-ts.ts";

/** This process's CPU time, in ms. */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

const wasm = readFileSync(new URL("../../build/engine.wasm", import.meta.url));
const ids = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ["W1", "W2", "W4", "G1", "G2", "G3"];

for (const id of ids) {
  const w = workload(id);
  const reqs: Request[] = process.env.N ? w.requests.slice(0, Number(process.env.N)) : w.requests;
  const linked = prepareIamEdge(await createEngine(wasm), w);
  const unlinked = await iamEdgeUnlinked(wasm).prepare(w);
  const plain = await plainTs.prepare(w);
  const paths: [string, () => void][] = [
    ["plain TS", () => { for (const q of reqs) plain.decide(q); }],
    ["linked", () => { for (const q of reqs) linked.decide(q); }],
    ["unlinked", () => { for (const q of reqs) unlinked.decide(q); }],
    ["linked batch", () => { linked.decideBatch!(reqs); }],
    ["unlinked batch", () => { unlinked.decideBatch!(reqs); }],
  ];
  const runs = paths.map(() => [] as number[]);
  const rounds = Number(process.env.ROUNDS ?? 7);
  for (let k = 0; k < rounds + 2; k++) {
    paths.forEach(([, f], i) => {
      const t = cpuMs();
      let n = 0;
      do { f(); n++; } while (cpuMs() - t < 60);
      if (k >= 2) runs[i].push((n * reqs.length) / ((cpuMs() - t) / 1000));
    });
  }
  const med = runs.map((r) => r.sort((a, b) => a - b)[r.length >> 1]);
  const line = paths.map(([name], i) => `${name} ${(med[i] / 1000).toFixed(0)}k${i === 0 ? "" : ` (${(med[i] / med[0]).toFixed(2)}x)`}`);
  console.log(`${id.padEnd(3)} ${line.join("  ")}`);
}
