/**
 * @module bench/engines/iam-edge-unlinked
 * iam-edge the README's way: the compiled policies passed in a policy set on every call
 * (`engine.authorize(request, { identity: [...] })`, a new set object each time, the same
 * compiled policies), never `engine.link`. What a user who follows the README measures.
 */
import type { Engine, CompiledPolicy, PolicySet } from "iam-edge/engine";
import type { Workload } from "../workloads.ts";
import type { EngineAdapter, Prepared } from "./types.ts";
import { iamEdgeEngine } from "./iam-edge.ts";

export const IAM_EDGE_UNLINKED = "iam-edge unlinked";

export function prepareUnlinked(engine: Engine, w: Workload): Prepared {
  const compiled: CompiledPolicy[] = [];
  const c = (doc: unknown, kind: "identity" | "boundary" | "scp" | "resource", id: string) => {
    const p = engine.compile(doc, { kind, id, maxSize: w.maxSize });
    compiled.push(p);
    return p;
  };
  const set: PolicySet = { identity: w.policies.identity.map((d, i) => c(d, "identity", `${w.id}-identity-${i}`)) };
  if (w.policies.boundary) set.boundary = c(w.policies.boundary, "boundary", `${w.id}-boundary`);
  if (w.policies.scp) set.scp = w.policies.scp.map((level, l) => level.map((d, i) => c(d, "scp", `${w.id}-scp-${l}-${i}`)));
  if (w.policies.resource) set.resource = c(w.policies.resource, "resource", `${w.id}-resource`);
  return {
    decide: (req) => engine.authorize(req, { ...set }).decision,
    decideBatch: (reqs) => engine.authorizeBatch(reqs, { ...set }),
    memoryBytes: () => engine.memoryBytes,
    dispose: () => compiled.forEach((p) => p.dispose()),
  };
}

/** The adapter; its engine is created from `wasm` when the run starts. */
export function iamEdgeUnlinked(wasm: Uint8Array): EngineAdapter {
  let engine: Engine | undefined;
  return {
    name: IAM_EDGE_UNLINKED,
    supports: () => true,
    async prepare(w) {
      engine ??= await iamEdgeEngine(wasm);
      return prepareUnlinked(engine, w);
    },
  };
}
