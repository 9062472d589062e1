/**
 * @module bench/measure
 * Times a policy set on three paths, the same way in Node (`iam-edge bench`) and in a page
 * (the playground's Benchmark pane): `unlinked` (`engine.authorize(request, set)`, a new set
 * object each call, as the README does), `linked` (`engine.link(set)` once, then `authorize`)
 * and `batch` (`authorizeBatch` over the linked bundle). Each path: one warm-up pass, then RUNS
 * runs of at least timeMs / RUNS each; decisions/s is the median run. Latency is per decision
 * over groups of `latencyGroup` consecutive calls (1 in Node, whose clock resolves well under a
 * microsecond; browsers coarsen `performance.now()` to 5 µs or more, so the pane times groups
 * of 100). Between runs it awaits `pause`, so a page stays responsive. Uses Web APIs only.
 */
import type { Engine, PolicySet, Decision } from "../engine/engine.ts";
import type { AuthorizationRequest } from "../engine/request.ts";

export type PathName = "unlinked" | "linked" | "batch";
export const PATHS: readonly PathName[] = ["unlinked", "linked", "batch"];
export const RUNS = 5;
const BATCH = 100;

export interface PathFigures {
  path: PathName;
  decisionsPerSec: number;
  /** Microseconds per decision. */
  p50us: number;
  p99us: number;
  /** decisions/s of each run. */
  runs: number[];
}

export interface MeasureOptions {
  /** Total time of the timed runs of one path, ms (the warm-up and latency pass come on top). */
  timeMs: number;
  /** Decisions per latency sample (1: every call timed alone). */
  latencyGroup?: number;
  /** Called before each run: the path, the run (1-based) and the number of runs. */
  onProgress?: (path: PathName, run: number, runs: number) => void;
  /** Awaited between runs (a page passes a timer, so it can paint). */
  pause?: () => Promise<void>;
  /** The clock, ms (default `performance.now`). */
  now?: () => number;
}

export interface Measurement {
  paths: PathFigures[];
  /** How the requests were decided (through the linked bundle). */
  decisions: Record<Decision, number>;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** One pass over the requests on `path`; returns the decisions it made (a count, so nothing is optimised away). */
function passFor(engine: Engine, path: PathName, set: PolicySet, requests: AuthorizationRequest[]): (from: number, to: number) => number {
  const bundle = path === "unlinked" ? undefined : engine.link(set);
  if (path === "unlinked") return (from, to) => { let allowed = 0; for (let i = from; i < to; i++) if (engine.authorize(requests[i], { ...set }).decision === "Allow") allowed++; return allowed; };
  if (path === "linked") return (from, to) => { let allowed = 0; for (let i = from; i < to; i++) if (engine.authorize(requests[i], bundle!).decision === "Allow") allowed++; return allowed; };
  return (from, to) => {
    let allowed = 0;
    for (let i = from; i < to; i += BATCH) for (const d of engine.authorizeBatch(requests.slice(i, Math.min(to, i + BATCH)), bundle!)) if (d === "Allow") allowed++;
    return allowed;
  };
}

/**
 * Measures `set` on every path over `requests` (at least one). The requests must be valid (the
 * callers check each one first, to say which is not); an invalid one throws the engine's
 * RequestError.
 */
export async function measurePaths(engine: Engine, set: PolicySet, requests: AuthorizationRequest[], options: MeasureOptions): Promise<Measurement> {
  if (!requests.length) throw new RangeError("no requests to measure");
  const now = options.now ?? (() => performance.now());
  const decisions: Record<Decision, number> = { Allow: 0, ExplicitDeny: 0, ImplicitDeny: 0 };
  const checked = engine.link(set);
  for (const q of requests) decisions[engine.authorize(q, checked).decision]++;
  const paths: PathFigures[] = [];
  let sink = 0;
  for (const path of PATHS) {
    const pass = passFor(engine, path, set, requests);
    sink += pass(0, requests.length); // warm-up
    const runs: number[] = [];
    for (let run = 1; run <= RUNS; run++) {
      options.onProgress?.(path, run, RUNS);
      await options.pause?.();
      let n = 0;
      const t0 = now();
      let dt = 0;
      do {
        sink += pass(0, requests.length);
        n += requests.length;
        dt = now() - t0;
      } while (dt < options.timeMs / RUNS);
      runs.push(n / (dt / 1000));
    }
    const group = path === "batch" ? BATCH : Math.max(1, options.latencyGroup ?? 1);
    const samples: number[] = [];
    for (let i = 0; i < requests.length; i += group) {
      const to = Math.min(requests.length, i + group);
      const t0 = now();
      sink += pass(i, to);
      samples.push(((now() - t0) * 1000) / (to - i));
    }
    samples.sort((a, b) => a - b);
    paths.push({ path, decisionsPerSec: median(runs), p50us: percentile(samples, 50), p99us: percentile(samples, 99), runs });
  }
  if (sink < 0) throw new Error("unreachable"); // keeps `sink` live
  return { paths, decisions };
}
