import type { Decision, Request, Workload } from "../workloads.ts";

export interface Prepared {
  /** One decision; async engines return a promise. */
  decide(req: Request): Decision | Promise<Decision>;
  /** Many decisions in one call, when the engine has such an API. */
  decideBatch?(reqs: Request[]): Decision[];
  /** Bytes of engine-owned memory (Wasm linear memory), for flatness checks. */
  memoryBytes?(): number;
  dispose?(): void;
}

export interface EngineAdapter {
  name: string;
  /** Whether the engine takes part in a workload (Cedar only has W1 and W2 translations). */
  supports(w: Workload): boolean;
  /** Compiles or loads the workload's policies; its duration is the compile time. */
  prepare(w: Workload): Promise<Prepared> | Prepared;
  /** Slow engines are timed on a sample of this many requests. */
  sample?: number;
  async?: boolean;
  /** False when the engine has no compile step (it parses policies on every decision). */
  compiles?: boolean;
  /** V8 flags for the processes that run this engine (each engine runs in its own). */
  v8Flags?: string[];
}
