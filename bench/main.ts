/**
 * `npm run bench`: W1-W4 against iam-edge (one call per request, and authorizeBatch), a plain
 * TypeScript evaluator, Cedar-wasm (W1, W2) and iam-simulate. Each engine runs each workload in
 * a Node process of its own (bench/engine-run.ts), so engines cannot disturb each other's JIT
 * state or heap, and an engine can get V8 flags of its own (Cedar-wasm does: engines/cedar.ts).
 * Every engine's decisions are checked equal to iam-edge's before any timing; a disagreement
 * fails the run. Then the generated family (generated.ts: seeds 1..N, iam-edge linked and
 * unlinked, single and batch, against plain TS and iam-simulate's runSimulation: the median and
 * worst ratio over the seeds), cold starts (cold-start.ts) and memory (memory.ts).
 * Flags: --json (figures as JSON on stdout), --out FILE (also write the JSON there), --quick
 * (fewer, shorter runs), --no-workerd, --only W1,W2,G (G: the generated family), --seeds N
 * (default 5, 3 with --quick), --no-generated, --no-cold, --no-memory.
 */
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync, existsSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { cpus } from "node:os";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";
import { build } from "esbuild";
import { workloads, type Decision, type Workload } from "./workloads.ts";
import type { EngineAdapter } from "./engines/types.ts";
import { iamEdge, iamEdgeEngine, prepareIamEdge } from "./engines/iam-edge.ts";
import { IAM_EDGE_UNLINKED, iamEdgeUnlinked } from "./engines/iam-edge-unlinked.ts";
import { IAM_EDGE_FIRST_CALL, iamEdgeFirstCall } from "./engines/iam-edge-first-call.ts";
import { peers } from "./engines/all.ts";
import { generated } from "./generated.ts";
import { coldStarts, coldStartTable, type ColdStart } from "./cold-start.ts";
import { familySummary, familyTable, GENERATED_ENGINES, type FamilyRow } from "./family.ts";
import { TIMER_NS, type Row } from "./timing.ts";
import { runWorkerd, type WorkerdFigures } from "./workerd.ts";

const here = dirname(fileURLToPath(import.meta.url)); // bench/.out
const root = join(here, "../..");
const args = process.argv.slice(2);
const json = args.includes("--json");
const quick = args.includes("--quick");
const outFile = args.includes("--out") ? args[args.indexOf("--out") + 1] : undefined;
const only = args.includes("--only") ? args[args.indexOf("--only") + 1].split(",") : undefined;
const log = (s: string) => process.stderr.write(`${s}\n`);

const RUN_MS = quick ? 60 : 200; // minimum duration of one timed run
const wasmPath = join(root, "build/engine.wasm");
const wasm = readFileSync(wasmPath);
const engine = await iamEdgeEngine(wasm);

function fail(msg: string): never {
  log(`FAIL: ${msg}`);
  process.exit(1);
}

/** Runs a bench entry in a fresh Node process with `flags`; its last stdout line is JSON. */
function spawnJson<T>(flags: string[], entry: string, entryArgs: string[], what: string): T {
  const r = spawnSync(process.execPath, [...flags, join(here, entry), ...entryArgs], { encoding: "utf8", timeout: 600_000, maxBuffer: 1 << 26 });
  if (r.status !== 0) fail(`${what}: exit ${r.status ?? r.signal}: ${r.stderr.slice(-1500)}`);
  return JSON.parse(r.stdout.trim().split("\n").pop()!) as T;
}

/** Cold start and peak RSS: a fresh process imports the engine and decides `n` requests (child.ts). */
function child(engineName: string, w: Workload, n: number, flags: string[] = []): { coldMs: number; maxRssKB: number } {
  return spawnJson(flags, "child.mjs", [engineName, w.id, String(n), wasmPath], `child ${engineName} ${w.id}`);
}

interface EngineRun {
  rows: Row[];
  agreement: Record<string, number>;
  memory?: { afterCompile: number; afterRuns: number };
  sink: number;
}

/** Compiles, checks and times one engine on one workload in its own process (engine-run.ts). */
function engineRun(name: string, flags: string[], w: Workload, referencePath: string): EngineRun {
  return spawnJson(flags, "engine-run.mjs", [name, w.id, wasmPath, referencePath, String(RUN_MS)], `${w.id}: ${name}`);
}

const rows: Row[] = [];
const memory: Record<string, { afterCompile: number; afterRuns: number }> = {};
const agreement: Record<string, Record<string, number>> = {};
const allowed: Record<string, number> = {};
const referenceCounts: Record<string, Record<Decision, number>> = {};
const baselineRss: Record<string, number> = {};
const started = Date.now();
let sink = 0;

// iam-edge first: the reference. Each adapter runs in engine-run.ts; here only its name,
// workloads, sample size and V8 flags are read.
const engines: EngineAdapter[] = [iamEdge(engine), iamEdgeUnlinked(wasm), iamEdgeFirstCall(wasm), ...peers];

for (const w of workloads(10_000, only)) {
  log(`${w.id}: ${w.title}, ${w.requests.length} requests`);
  // The reference: iam-edge's authorize on every request, decided here and checked in each run.
  const edge = prepareIamEdge(engine, w);
  const reference = w.requests.map((q) => edge.decide(q) as Decision);
  edge.dispose?.();
  const referencePath = join(here, `reference-${w.id}.json`);
  writeFileSync(referencePath, JSON.stringify(reference));
  allowed[w.id] = reference.filter((d) => d === "Allow").length / reference.length;
  referenceCounts[w.id] = { Allow: 0, ExplicitDeny: 0, ImplicitDeny: 0 };
  for (const d of reference) referenceCounts[w.id][d]++;
  agreement[w.id] = {};

  for (const a of engines) {
    if (!a.supports(w)) continue;
    const flags = a.v8Flags ?? [];
    const run = engineRun(a.name, flags, w, referencePath);
    Object.assign(agreement[w.id], run.agreement);
    if (run.memory) memory[w.id] = run.memory;
    sink += run.sink;
    const single = run.rows[0];
    if (a.name !== IAM_EDGE_UNLINKED && a.name !== IAM_EDGE_FIRST_CALL) { // the same package as linked: cold starts are cold-start.ts's
      const cold = child(a.name, w, Math.min(single.requests, a.sample ? 100 : 10_000), flags);
      single.coldStartMs = cold.coldMs;
      single.peakRssMB = cold.maxRssKB / 1024;
    }
    rows.push(...run.rows);
    for (const r of run.rows) log(`  ${r.engine}: ${fmtRate(r.decisionsPerSec)}/s${flags.length ? ` (${flags.join(" ")})` : ""}`);
  }
  log(`${w.id}: decisions agree (${Object.entries(agreement[w.id]).map(([k, v]) => `${k} ${v}`).join(", ")})`);
  baselineRss[w.id] = child("none", w, 0).maxRssKB / 1024;
}

// ---- the generated family: each seed's workload through the same per-process runs
const seeds = args.includes("--seeds") ? Number(args[args.indexOf("--seeds") + 1]) : quick ? 3 : 5;
const familyRows: FamilyRow[] = [];
if (!args.includes("--no-generated") && (!only || only.includes("G"))) {
  for (let seed = 1; seed <= seeds; seed++) {
    const w = generated(seed);
    log(`${w.id}: ${w.title}, ${w.requests.length} requests`);
    const edge = prepareIamEdge(engine, w);
    const reference = w.requests.map((q) => edge.decide(q) as Decision);
    edge.dispose?.();
    const referencePath = join(here, `reference-${w.id}.json`);
    writeFileSync(referencePath, JSON.stringify(reference));
    allowed[w.id] = reference.filter((d) => d === "Allow").length / reference.length;
    agreement[w.id] = {};
    for (const name of GENERATED_ENGINES) {
      const run = engineRun(name, [], w, referencePath);
      Object.assign(agreement[w.id], run.agreement);
      sink += run.sink;
      for (const r of run.rows) {
        familyRows.push({ seed, statements: w.statements, row: r });
        log(`  ${r.engine}: ${fmtRate(r.decisionsPerSec)}/s`);
      }
    }
    log(`${w.id}: decisions agree (${Object.entries(agreement[w.id]).map(([k, v]) => `${k} ${v}`).join(", ")})`);
  }
}
const family = familySummary(familyRows);

// ---- cold starts and memory
let cold: ColdStart[] | null = null;
if (!args.includes("--no-cold")) {
  log("cold starts (fresh processes)");
  cold = coldStarts(join(here, "cold-child.mjs"), quick ? 5 : 9);
}
interface MemoryFigures { workload: string; decisions: number; perStatement: Record<string, number>; flat: Record<string, { heapBefore: number; heapAfter: number; wasmBefore: number; wasmAfter: number }> }
const memoryRuns: MemoryFigures[] = [];
if (!args.includes("--no-memory")) {
  for (const id of ["W3", "G1"]) {
    log(`memory: ${id}, ${quick ? "100,000" : "1,000,000"} decisions per path`);
    memoryRuns.push(spawnJson<MemoryFigures>(["--expose-gc"], "memory.mjs", [id, quick ? "100000" : "1000000", wasmPath], `memory ${id}`));
  }
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
const result = { machine, rows, generated: { rows: familyRows, summary: family }, coldStart: cold, memoryRuns, sizes, workerd, memory, agreement, allowed, baselineRssMB: baselineRss, timerOverheadNs: TIMER_NS, sink };
if (outFile) writeFileSync(outFile, JSON.stringify(result, null, 2));
if (json) {
  process.stdout.write(JSON.stringify(result, null, 2) + "\n");
} else {
  process.stdout.write(table() + "\n");
}

function memoryLines(m: MemoryFigures): string {
  const p = m.perStatement;
  const kb = (b: number) => `${(b / 1024).toFixed(0)} KB`;
  const flat = Object.entries(m.flat).map(([k, v]) => `${k} heap ${kb(v.heapBefore)} -> ${kb(v.heapAfter)}, Wasm ${kb(v.wasmBefore)} -> ${kb(v.wasmAfter)}`).join("; ");
  return `Memory (${m.workload}, ${p.statements} statements): per compiled statement ${p.imageBytes.toFixed(0)} bytes of image in Wasm memory (memory grew ${p.wasmGrowthBytes.toFixed(0)} bytes per statement), ${p.jsHeapBytes.toFixed(0)} bytes of JS heap and ${p.arrayBufferBytes.toFixed(0)} bytes of ArrayBuffers. Over ${m.decisions.toLocaleString("en-US")} decisions per path, after a GC: ${flat}.`;
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
  if (familyRows.length) out.push("", familyTable(familyRows, family));
  if (cold) out.push("", "Cold start (Node " + process.version + ", W2's ten policies, medians of fresh processes):", "", coldStartTable(cold));
  for (const m of memoryRuns) out.push("", memoryLines(m));
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
