/**
 * `npm run bench`: W1-W4 against iam-edge (one call per request, and authorizeBatch), a plain
 * TypeScript evaluator, Cedar-wasm (W1, W2) and iam-simulate, in one process. Every engine's
 * decisions are checked equal to iam-edge's before any timing; a disagreement fails the run.
 * Flags: --json (figures as JSON on stdout), --out FILE (also write the JSON there),
 * --quick (fewer, shorter runs), --no-workerd, --only W1,W2.
 */
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync, existsSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { cpus } from "node:os";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";
import { build } from "esbuild";
import { workloads, type Decision, type Request, type Workload } from "./workloads.ts";
import type { EngineAdapter, Prepared } from "./engines/types.ts";
import { iamEdgeEngine, prepareIamEdge } from "./engines/iam-edge.ts";
import { plainTs } from "./engines/plain-ts.ts";
import { cedarWasm } from "./engines/cedar.ts";
import { iamSimulate, iamSimulateUnsafe } from "./engines/iam-simulate.ts";
import { median, runWorkerd, type WorkerdFigures } from "./workerd.ts";

const here = dirname(fileURLToPath(import.meta.url)); // bench/.out
const root = join(here, "../..");
const args = process.argv.slice(2);
const json = args.includes("--json");
const quick = args.includes("--quick");
const outFile = args.includes("--out") ? args[args.indexOf("--out") + 1] : undefined;
const only = args.includes("--only") ? args[args.indexOf("--only") + 1].split(",") : undefined;
const log = (s: string) => process.stderr.write(`${s}\n`);

const RUNS = 5;
const RUN_MS = quick ? 60 : 200; // minimum duration of one timed run
const wasmPath = join(root, "build/engine.wasm");
const wasm = readFileSync(wasmPath);
const engine = await iamEdgeEngine(wasm);

interface Row {
  workload: string;
  engine: string;
  mode: "single" | "batch";
  /** Requests timed (a sample of the workload for slow engines). */
  requests: number;
  decisionsPerSec: number;
  runs: number[];
  p50us: number;
  p99us: number;
  /** Absent for engines without a compile step (iam-simulate parses the policies on every call). */
  compileMs?: number;
  coldStartMs?: number;
  peakRssMB?: number;
}

const now = () => performance.now();
const hr = () => process.hrtime.bigint();

/** Timer overhead of one hrtime pair, subtracted from per-call samples. */
function timerOverheadNs(): number {
  const xs: number[] = [];
  for (let i = 0; i < 10_000; i++) { const a = hr(); const b = hr(); xs.push(Number(b - a)); }
  return median(xs);
}
const TIMER_NS = timerOverheadNs();

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

let sink = 0;
const count = (d: Decision) => { if (d === "Allow") sink++; };

/** Decisions per second: warm-up, then RUNS runs of at least RUN_MS each; all run figures. */
async function throughput(pass: () => number | Promise<number>): Promise<number[]> {
  // Warm-up and calibration: how many passes fill RUN_MS.
  let t = now();
  let n = await pass();
  let dt = now() - t;
  for (let i = 0; i < 2 && dt < RUN_MS; i++) { t = now(); n = await pass(); dt = now() - t; }
  const reps = Math.max(1, Math.ceil(RUN_MS / Math.max(dt, 0.001)));
  const out: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    let decisions = 0;
    t = now();
    for (let i = 0; i < reps; i++) decisions += await pass();
    out.push(decisions / ((now() - t) / 1000));
  }
  return out;
}

async function latencySingle(p: Prepared, reqs: Request[]): Promise<{ p50: number; p99: number }> {
  const xs: number[] = new Array(reqs.length);
  for (let i = 0; i < reqs.length; i++) {
    const a = hr();
    const d = await p.decide(reqs[i]);
    const b = hr();
    count(d);
    xs[i] = Math.max(0, Number(b - a) - TIMER_NS) / 1000;
  }
  return { p50: pct(xs, 50), p99: pct(xs, 99) };
}

function latencyBatch(p: Prepared, reqs: Request[], size = 100): { p50: number; p99: number } {
  const xs: number[] = [];
  for (let i = 0; i + size <= reqs.length; i += size) {
    const chunk = reqs.slice(i, i + size);
    const a = hr();
    const ds = p.decideBatch!(chunk);
    const b = hr();
    count(ds[0]);
    xs.push(Number(b - a) / 1000 / size);
  }
  return { p50: pct(xs, 50), p99: pct(xs, 99) };
}

/** The requests timed: all of them, or the first ones (at least 500) when a pass would exceed RUN_MS. */
function timedSet(reqs: Request[], msPerDecision: number): Request[] {
  const k = Math.max(500, Math.ceil(RUN_MS / Math.max(msPerDecision, 1e-6)));
  return k >= reqs.length ? reqs : reqs.slice(0, k);
}

function fail(msg: string): never {
  log(`FAIL: ${msg}`);
  process.exit(1);
}

/** Compile time: median of 3 for fast engines (disposing between), one for slow ones. */
async function compileTime(prepare: () => Prepared | Promise<Prepared>, reps: number): Promise<{ ms: number; prepared: Prepared }> {
  const xs: number[] = [];
  let prepared!: Prepared;
  for (let i = 0; i < reps; i++) {
    prepared?.dispose?.();
    const t = now();
    prepared = await prepare();
    xs.push(now() - t);
  }
  return { ms: median(xs), prepared };
}

function child(engineName: string, w: Workload, n: number): { coldMs: number; maxRssKB: number } {
  const r = spawnSync(process.execPath, [join(here, "child.mjs"), engineName, w.id, String(n), wasmPath], { encoding: "utf8", timeout: 120_000 });
  if (r.status !== 0) fail(`child ${engineName} ${w.id}: ${r.stderr.slice(-1500)}`);
  return JSON.parse(r.stdout.trim().split("\n").pop()!);
}

const rows: Row[] = [];
const memory: Record<string, { afterCompile: number; afterRuns: number }> = {};
const agreement: Record<string, Record<string, number>> = {};
const allowed: Record<string, number> = {};
const referenceCounts: Record<string, Record<Decision, number>> = {};
const baselineRss: Record<string, number> = {};
const started = Date.now();

const peers: EngineAdapter[] = [plainTs, cedarWasm, iamSimulate, iamSimulateUnsafe];

for (const w of workloads(10_000, only)) {
  log(`${w.id}: ${w.title}, ${w.requests.length} requests`);
  // iam-edge first: its decisions are the reference.
  const c = await compileTime(() => prepareIamEdge(engine, w), quick ? 1 : 3);
  const edge = c.prepared;
  const reference = w.requests.map((q) => edge.decide(q) as Decision);
  const batch = edge.decideBatch!(w.requests);
  for (let i = 0; i < reference.length; i++) if (batch[i] !== reference[i]) fail(`${w.id}: authorizeBatch differs from authorize at request ${i}: ${batch[i]} vs ${reference[i]}`);
  allowed[w.id] = reference.filter((d) => d === "Allow").length / reference.length;
  referenceCounts[w.id] = { Allow: 0, ExplicitDeny: 0, ImplicitDeny: 0 };
  for (const d of reference) referenceCounts[w.id][d]++;
  agreement[w.id] = { "iam-edge authorizeBatch": reference.length };
  memory[w.id] = { afterCompile: edge.memoryBytes!(), afterRuns: 0 };

  const t0 = now();
  for (const q of w.requests) edge.decide(q);
  const prepared: { adapter: EngineAdapter | null; name: string; p: Prepared; compileMs?: number; sample: Request[] }[] = [
    { adapter: null, name: "iam-edge", p: edge, compileMs: c.ms, sample: timedSet(w.requests, (now() - t0) / w.requests.length) },
  ];
  for (const a of peers) {
    if (!a.supports(w)) continue;
    const cp = await compileTime(() => a.prepare(w), a.sample ? 1 : quick ? 1 : 3);
    // Slow engines: a sample sized so one pass takes about RUN_MS (at least 20 requests).
    let sample = w.requests;
    if (a.sample) {
      const t = now();
      await cp.prepared.decide(w.requests[0]);
      await cp.prepared.decide(w.requests[1]);
      const per = (now() - t) / 2;
      sample = w.requests.slice(0, Math.max(20, Math.min(quick ? 60 : a.sample, Math.floor((quick ? 150 : 500) / per))));
    }
    // Agreement before timing.
    const t0 = now();
    for (let i = 0; i < sample.length; i++) {
      const d = await cp.prepared.decide(sample[i]);
      if (d !== reference[i]) fail(`${w.id}: ${a.name} decided ${d} where iam-edge decided ${reference[i]} for ${JSON.stringify(sample[i])}`);
    }
    agreement[w.id][a.name] = sample.length;
    if (!a.sample) sample = timedSet(w.requests, (now() - t0) / sample.length);
    prepared.push({ adapter: a, name: a.name, p: cp.prepared, compileMs: a.compiles === false ? undefined : cp.ms, sample });
  }
  log(`${w.id}: decisions agree (${Object.entries(agreement[w.id]).map(([k, v]) => `${k} ${v}`).join(", ")})`);

  for (const e of prepared) {
    const reqs = e.sample;
    const isAsync = e.adapter?.async;
    const pass = isAsync
      ? async () => { for (const q of reqs) count(await e.p.decide(q) as Decision); return reqs.length; }
      : () => { for (const q of reqs) count(e.p.decide(q) as Decision); return reqs.length; };
    const runs = await throughput(pass);
    const lat = await latencySingle(e.p, reqs);
    const childRun = child(e.name, w, Math.min(reqs.length, e.adapter?.sample ? 100 : 10_000));
    const row: Row = {
      workload: w.id, engine: e.name, mode: "single", requests: reqs.length, decisionsPerSec: median(runs), runs,
      p50us: lat.p50, p99us: lat.p99, compileMs: e.compileMs, coldStartMs: childRun.coldMs, peakRssMB: childRun.maxRssKB / 1024,
    };
    rows.push(row);
    log(`  ${e.name}: ${fmtRate(row.decisionsPerSec)}/s`);
    if (e.name === "iam-edge") {
      const bruns = await throughput(() => { const ds = e.p.decideBatch!(reqs); count(ds[0]); return reqs.length; });
      const bl = latencyBatch(e.p, reqs);
      rows.push({ workload: w.id, engine: "iam-edge authorizeBatch", mode: "batch", requests: reqs.length, decisionsPerSec: median(bruns), runs: bruns, p50us: bl.p50, p99us: bl.p99, compileMs: e.compileMs });
      log(`  iam-edge authorizeBatch: ${fmtRate(median(bruns))}/s`);
      memory[w.id].afterRuns = e.p.memoryBytes!();
    }
  }
  baselineRss[w.id] = child("none", w, 0).maxRssKB / 1024;
  for (const e of prepared) e.p.dispose?.();
}

// ---- sizes
const gz = (b: Uint8Array) => gzipSync(b, { level: 9 }).length;
const workerSrc = `
import { createEngine } from "./js/entries/engine-workerd.ts";
const engine = await createEngine();
const policy = engine.compile('{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}}', { kind: "identity" });
export default { fetch(request) {
  const action = new URL(request.url).searchParams.get("action") ?? "s3:GetObject";
  return Response.json(engine.authorize({ principal: "arn:aws:iam::111122223333:user/alice", action }, { identity: [policy] }));
} };`;
const workerBundle = await build({
  stdin: { contents: workerSrc, resolveDir: root, sourcefile: "worker.js", loader: "js" },
  bundle: true, write: false, format: "esm", platform: "neutral", target: "es2022", minify: true,
  conditions: ["workerd", "worker", "browser"], mainFields: ["module", "main"], external: ["*.wasm"], legalComments: "none", logLevel: "warning",
});
const simBundle = await build({
  stdin: { contents: `export { runSimulation } from "@cloud-copilot/iam-simulate";`, resolveDir: root, sourcefile: "sim.js", loader: "js" },
  bundle: true, write: false, format: "esm", platform: "node", minify: true, legalComments: "none", logLevel: "silent",
});
const cedarWasmPath = join(root, "node_modules/@cedar-policy/cedar-wasm/nodejs/cedar_wasm_bg.wasm");
const sizes = {
  engineWasmGzip: gz(wasm),
  engineWasmBytes: wasm.length,
  workerJsGzip: gz(workerBundle.outputFiles[0].contents),
  cedarWasmGzip: existsSync(cedarWasmPath) ? gz(readFileSync(cedarWasmPath)) : null,
  iamSimulateJsGzip: gz(simBundle.outputFiles[0].contents),
};

// ---- workerd
let workerd: WorkerdFigures | { error: string } | null = null;
if (!args.includes("--no-workerd") && (!only || only.includes("W2"))) {
  try {
    workerd = await runWorkerd(root, log);
    // The Worker decided the same 10,000 W2 requests ten times over: its counts must match Node's.
    const ref = referenceCounts.W2;
    if (ref) for (const k of Object.keys(ref) as Decision[]) {
      if (workerd.counts[k] !== ref[k] * 10) fail(`workerd: W2 decisions differ from Node's: ${JSON.stringify(workerd.counts)} vs 10 x ${JSON.stringify(ref)}`);
    }
  } catch (err) {
    workerd = { error: String((err as Error).message).slice(0, 500) };
    log(`workerd: ${workerd.error}`);
  }
}

// ---- output
const machine = {
  cpu: cpus()[0]?.model ?? "unknown",
  cores: cpus().length,
  node: process.version,
  date: new Date().toISOString(),
  seconds: Math.round((Date.now() - started) / 1000),
};
const result = { machine, rows, sizes, workerd, memory, agreement, allowed, baselineRssMB: baselineRss, timerOverheadNs: TIMER_NS, sink };
if (outFile) writeFileSync(outFile, JSON.stringify(result, null, 2));
if (json) {
  process.stdout.write(JSON.stringify(result, null, 2) + "\n");
} else {
  process.stdout.write(table() + "\n");
}

function fmtRate(x: number): string {
  return x >= 1e6 ? `${(x / 1e6).toFixed(2)}M` : x >= 1e3 ? `${(x / 1e3).toFixed(1)}k` : x.toFixed(0);
}
function fmtUs(x: number): string {
  return x >= 1000 ? `${(x / 1000).toFixed(2)} ms` : x >= 10 ? `${x.toFixed(0)} us` : `${x.toFixed(2)} us`;
}
function fmtMs(x: number | undefined): string {
  return x === undefined ? "" : x >= 100 ? x.toFixed(0) : x >= 1 ? x.toFixed(1) : x.toFixed(2);
}

function table(): string {
  const head = ["workload", "engine", "decisions/s", "vs iam-edge", "p50", "p99", "compile ms", "cold start ms", "peak RSS MB", "timed on"];
  const lines: string[][] = [];
  for (const r of rows) {
    const edge = rows.find((x) => x.workload === r.workload && x.engine === "iam-edge")!;
    const ratio = edge.decisionsPerSec / r.decisionsPerSec;
    lines.push([
      r.workload, r.engine, fmtRate(r.decisionsPerSec), r.engine === "iam-edge" ? "1" : ratio >= 10 ? `${ratio.toFixed(0)}x` : `${ratio.toFixed(2)}x`,
      fmtUs(r.p50us), fmtUs(r.p99us), r.compileMs === undefined ? "n/a" : fmtMs(r.compileMs), fmtMs(r.coldStartMs), r.peakRssMB === undefined ? "" : r.peakRssMB.toFixed(0),
      `${r.requests} req`,
    ]);
  }
  const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const row = (l: string[]) => "| " + l.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(" | ") + " |";
  const out = [row(head), "| " + widths.map((w, i) => (i < 2 ? "-".repeat(w) : "-".repeat(w - 1) + ":")).join(" | ") + " |", ...lines.map(row)];
  const kb = (b: number | null) => (b === null ? "n/a" : `${(b / 1024).toFixed(1)} KB`);
  out.push("");
  out.push(`Machine: ${machine.cpu}, ${machine.cores} cores, Node ${machine.node}, ${machine.date} (run took ${machine.seconds} s)`);
  out.push(`Sizes (gzip -9): engine.wasm ${kb(sizes.engineWasmGzip)} (${sizes.engineWasmBytes} bytes raw) + Worker JS ${kb(sizes.workerJsGzip)} = ${kb(sizes.engineWasmGzip + sizes.workerJsGzip)}; peers: Cedar .wasm ${kb(sizes.cedarWasmGzip)}, iam-simulate JS ${kb(sizes.iamSimulateJsGzip)} (plus the data it reads at run time)`);
  if (workerd && "error" in workerd) out.push(`workerd (W2): failed: ${workerd.error}`);
  else if (workerd) {
    out.push(`workerd (W2, wrangler dev): ${workerd.singleUsPerDecision.toFixed(2)} us CPU per decision with authorize, ${workerd.batchUsPerDecision.toFixed(2)} us with authorizeBatch (${workerd.decisionsPerRequest.toLocaleString("en-US")} decisions per request, in-Worker clock); a request deciding one W2 request: ${workerd.wallMsOneDecision.toFixed(2)} ms wall time at the client, HTTP included (free plan CPU limit: 10 ms)`);
  }
  out.push(`Allowed: ${Object.entries(allowed).map(([k, v]) => `${k} ${(v * 100).toFixed(0)}%`).join(", ")}. Baseline RSS of a bench child without an engine: ${Object.entries(baselineRss).map(([k, v]) => `${k} ${v.toFixed(0)} MB`).join(", ")}.`);
  out.push(`iam-edge Wasm memory after compile -> after all runs: ${Object.entries(memory).map(([k, v]) => `${k} ${v.afterCompile / 1024} -> ${v.afterRuns / 1024} KB`).join(", ")}`);
  return out.join("\n");
}
