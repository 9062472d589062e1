/**
 * @module bench/timing
 * How every engine is timed, in its own process (bench/engine-run.ts): throughput as the
 * median of RUNS runs after a warm-up, per-call latency percentiles with the timer's own cost
 * subtracted, compile time, and the request sample a run is timed on.
 */
import type { Decision, Request } from "./workloads.ts";
import type { Prepared } from "./engines/types.ts";
import { median } from "./workerd.ts";

/** One line of the table. */
export interface Row {
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

export const RUNS = 5;
export const now = () => performance.now();
const hr = () => process.hrtime.bigint();

/** Timer overhead of one hrtime pair, subtracted from per-call samples. */
function timerOverheadNs(): number {
  const xs: number[] = [];
  for (let i = 0; i < 10_000; i++) { const a = hr(); const b = hr(); xs.push(Number(b - a)); }
  return median(xs);
}
export const TIMER_NS = timerOverheadNs();

export function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

/** Counts allowed decisions so no engine's work can be optimized away; reported in the JSON. */
export const sink = { allowed: 0 };
export const count = (d: Decision) => { if (d === "Allow") sink.allowed++; };

/** Decisions per second: warm-up, then RUNS runs of at least `runMs` each; all run figures. */
export async function throughput(pass: () => number | Promise<number>, runMs: number): Promise<number[]> {
  // Warm-up and calibration: how many passes fill runMs.
  let t = now();
  let n = await pass();
  let dt = now() - t;
  for (let i = 0; i < 2 && dt < runMs; i++) { t = now(); n = await pass(); dt = now() - t; }
  void n;
  const reps = Math.max(1, Math.ceil(runMs / Math.max(dt, 0.001)));
  const out: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    let decisions = 0;
    t = now();
    for (let i = 0; i < reps; i++) decisions += await pass();
    out.push(decisions / ((now() - t) / 1000));
  }
  return out;
}

export async function latencySingle(p: Prepared, reqs: Request[]): Promise<{ p50: number; p99: number }> {
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

export function latencyBatch(p: Prepared, reqs: Request[], size = 100): { p50: number; p99: number } {
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

/** The requests timed: all of them, or the first ones (at least 500) when a pass would exceed runMs. */
export function timedSet(reqs: Request[], msPerDecision: number, runMs: number): Request[] {
  const k = Math.max(500, Math.ceil(runMs / Math.max(msPerDecision, 1e-6)));
  return k >= reqs.length ? reqs : reqs.slice(0, k);
}

/** Compile time: median of `reps` (disposing between), and the last prepared engine. */
export async function compileTime(prepare: () => Prepared | Promise<Prepared>, reps: number): Promise<{ ms: number; prepared: Prepared }> {
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
