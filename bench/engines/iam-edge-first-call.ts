/**
 * @module bench/engines/iam-edge-first-call
 * iam-edge the README's way, every call on a policy set the engine was never passed: the first
 * call on a set (issue 17: "the unlinked first call on a set is not slower than a naive
 * JavaScript scan"). The workload's identity policies are compiled COPIES times (the same
 * documents, other ids), and call `i` takes policy `j` from copy digit `j` of `i` in base
 * COPIES: the same documents in the same order, so the same decisions, but another set each
 * call (COPIES^n sets before one comes back). Sets of fewer than MIN_POLICIES identity policies
 * have too few combinations, and W3's thousand are read member by member: those sit out.
 */
import type { Engine, CompiledPolicy, PolicySet } from "iam-edge/engine";
import type { Workload } from "../workloads.ts";
import type { EngineAdapter, Prepared } from "./types.ts";
import { iamEdgeEngine } from "./iam-edge.ts";

export const IAM_EDGE_FIRST_CALL = "iam-edge first call";
const COPIES = 4;
const MIN_POLICIES = 8;
const MAX_POLICIES = 64;

export function prepareFirstCall(engine: Engine, w: Workload): Prepared {
  const compiled: CompiledPolicy[] = [];
  const c = (doc: unknown, kind: "identity" | "boundary" | "scp" | "resource", id: string) => {
    const p = engine.compile(doc, { kind, id, maxSize: w.maxSize });
    compiled.push(p);
    return p;
  };
  // copies[k][j]: copy k of identity policy j.
  const copies = Array.from({ length: COPIES }, (_, k) => w.policies.identity.map((d, j) => c(d, "identity", `${w.id}-identity-${j}-copy${k}`)));
  const rest: PolicySet = {};
  if (w.policies.boundary) rest.boundary = c(w.policies.boundary, "boundary", `${w.id}-boundary`);
  if (w.policies.scp) rest.scp = w.policies.scp.map((level, l) => level.map((d, i) => c(d, "scp", `${w.id}-scp-${l}-${i}`)));
  if (w.policies.resource) rest.resource = c(w.policies.resource, "resource", `${w.id}-resource`);
  const n = w.policies.identity.length;
  let call = 0;
  /** The set of call `i`: what a caller assembles for a principal seen for the first time. */
  const setOf = (i: number): PolicySet => {
    const identity = new Array<CompiledPolicy>(n);
    for (let j = 0, x = i; j < n; j++, x = Math.floor(x / COPIES)) identity[j] = copies[x % COPIES][j];
    return { ...rest, identity };
  };
  return {
    decide: (req) => engine.authorize(req, setOf(call++)).decision,
    memoryBytes: () => engine.memoryBytes,
    dispose: () => compiled.forEach((p) => p.dispose()),
  };
}

/** The adapter; its engine is created from `wasm` when the run starts. */
export function iamEdgeFirstCall(wasm: Uint8Array): EngineAdapter {
  let engine: Engine | undefined;
  return {
    name: IAM_EDGE_FIRST_CALL,
    supports: (w) => w.policies.identity.length >= MIN_POLICIES && w.policies.identity.length <= MAX_POLICIES,
    async prepare(w) {
      engine ??= await iamEdgeEngine(wasm);
      return prepareFirstCall(engine, w);
    },
  };
}
