/**
 * One fresh process per engine and workload: cold start (import of the engine's code to its
 * first decision, Node's own start and the workload generation excluded) and peak RSS after
 * deciding the requests. Prints one JSON line.
 */
import { readFileSync } from "node:fs";
import { workload, type Request } from "./workloads.ts";
import type { Prepared } from "./engines/types.ts";

const [engineName, id, countArg, wasmPath] = process.argv.slice(2);
const w = workload(id);
const count = Math.min(Number(countArg), w.requests.length);
const t0 = performance.now();
let prepared: Prepared | undefined;
switch (engineName) {
  case "iam-edge": {
    const m = await import("./engines/iam-edge.ts");
    prepared = m.prepareIamEdge(await m.iamEdgeEngine(readFileSync(wasmPath)), w);
    break;
  }
  case "plain TS": {
    const m = await import("./engines/plain-ts.ts");
    prepared = m.preparePlain(w);
    break;
  }
  case "Cedar-wasm (preparsed)": {
    const m = await import("./engines/cedar.ts");
    prepared = await m.cedarWasm.prepare(w);
    break;
  }
  case "iam-simulate runSimulation": {
    const m = await import("./engines/iam-simulate.ts");
    prepared = await m.iamSimulate.prepare(w);
    break;
  }
  case "iam-simulate runUnsafeSimulation": {
    const m = await import("./engines/iam-simulate.ts");
    prepared = await m.iamSimulateUnsafe.prepare(w);
    break;
  }
  case "none":
    break;
  default:
    throw new Error(`unknown engine ${engineName}`);
}
let coldMs = 0;
if (prepared) {
  await prepared.decide(w.requests[0]);
  coldMs = performance.now() - t0;
  const reqs: Request[] = w.requests.slice(0, count);
  for (const q of reqs) await prepared.decide(q);
}
process.stdout.write(JSON.stringify({ coldMs, maxRssKB: process.resourceUsage().maxRSS }) + "\n");
