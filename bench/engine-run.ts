/**
 * @module bench/engine-run
 * One engine on one workload, in a process of its own (bench/main.ts starts one per engine and
 * workload, with the engine's V8 flags), so no engine's JIT state, heap or V8 quirks reach
 * another's figures. Compiles the policies, checks the decisions equal the reference
 * (iam-edge's `authorize`, computed by the parent), then times throughput and latency, and for
 * iam-edge also `authorizeBatch`. Prints one JSON line: rows, agreement, Wasm memory, sink.
 *
 * Arguments: engine name, workload id, path of engine.wasm, path of the reference decisions
 * (JSON array), run length in ms.
 */
import { readFileSync } from "node:fs";
import { workload, type Decision, type Request } from "./workloads.ts";
import { IAM_EDGE, adapterNamed } from "./engines/all.ts";
import { IAM_EDGE_UNLINKED } from "./engines/iam-edge-unlinked.ts";
import { compileTime, count, latencyBatch, latencySingle, now, sink, throughput, timedSet, type Row } from "./timing.ts";
import { median } from "./workerd.ts";

const [name, id, wasmPath, referencePath, runMsArg] = process.argv.slice(2);
const runMs = Number(runMsArg);
const w = workload(id);
const reference = JSON.parse(readFileSync(referencePath, "utf8")) as Decision[];
const adapter = await adapterNamed(name, readFileSync(wasmPath));
const quick = runMs < 200;
/** Only iam-edge's batch API is timed, linked and unlinked (plain TS has one too, for its own tests). */
const timesBatch = name === IAM_EDGE || name === IAM_EDGE_UNLINKED;

function fail(message: string): never {
  process.stderr.write(`FAIL: ${message}\n`);
  process.exit(1);
}

const compiled = await compileTime(() => adapter.prepare(w), adapter.sample ? 1 : quick ? 1 : 3);
const prepared = compiled.prepared;
const memoryAfterCompile = prepared.memoryBytes?.();
const compileMs = adapter.compiles === false ? undefined : compiled.ms;

/** Slow engines: a sample sized so one pass takes about a run (at least 20 requests). */
async function slowSample(): Promise<Request[]> {
  const t = now();
  await prepared.decide(w.requests[0]);
  await prepared.decide(w.requests[1]);
  const per = (now() - t) / 2;
  return w.requests.slice(0, Math.max(20, Math.min(quick ? 60 : adapter.sample!, Math.floor((quick ? 150 : 500) / per))));
}

// Agreement before timing: every decision of the (sampled) requests equals the reference.
let sample = adapter.sample ? await slowSample() : w.requests;
const agreement: Record<string, number> = {};
for (let i = 0; i < sample.length; i++) {
  const d = await prepared.decide(sample[i]);
  if (d !== reference[i]) fail(`${w.id}: ${name} decided ${d} where iam-edge decided ${reference[i]} for ${JSON.stringify(sample[i])}`);
}
agreement[name] = sample.length;
if (!adapter.sample) {
  // The sample size from a second, warm pass over the first requests (the first pass compiled).
  const probe = w.requests.slice(0, 500);
  const t0 = now();
  for (const q of probe) count(await prepared.decide(q));
  sample = timedSet(w.requests, (now() - t0) / probe.length, runMs);
}
if (timesBatch && prepared.decideBatch) {
  const batch = prepared.decideBatch(w.requests);
  for (let i = 0; i < reference.length; i++) if (batch[i] !== reference[i]) fail(`${w.id}: ${name} batch differs from single calls at request ${i}: ${batch[i]} vs ${reference[i]}`);
  agreement[`${name} authorizeBatch`] = reference.length;
}

const reqs = sample;
const pass = adapter.async
  ? async () => { for (const q of reqs) count(await prepared.decide(q)); return reqs.length; }
  : () => { for (const q of reqs) count(prepared.decide(q) as Decision); return reqs.length; };
const runs = await throughput(pass, runMs);
const lat = await latencySingle(prepared, reqs);
const rows: Row[] = [{
  workload: w.id, engine: name, mode: "single", requests: reqs.length, decisionsPerSec: median(runs), runs,
  p50us: lat.p50, p99us: lat.p99, compileMs,
}];
if (timesBatch && prepared.decideBatch) {
  const bruns = await throughput(() => { const ds = prepared.decideBatch!(reqs); count(ds[0]); return reqs.length; }, runMs);
  const bl = latencyBatch(prepared, reqs);
  rows.push({ workload: w.id, engine: `${name} authorizeBatch`, mode: "batch", requests: reqs.length, decisionsPerSec: median(bruns), runs: bruns, p50us: bl.p50, p99us: bl.p99, compileMs });
}
const memory = memoryAfterCompile === undefined ? undefined : { afterCompile: memoryAfterCompile, afterRuns: prepared.memoryBytes!() };
prepared.dispose?.();
process.stdout.write(JSON.stringify({ rows, agreement, memory, sink: sink.allowed }) + "\n");
