/** iam-edge through its public binding; the wasm bytes are passed to createEngine explicitly. */
// The engine-only entry as the package ships it (`iam-edge/engine`, dist/ built by `npm run
// build`): what a deciding service imports, so the cold start is that of the real artifact.
import { createEngine, type Engine, type CompiledPolicy, type PolicySet } from "iam-edge/engine";
import type { Workload } from "../workloads.ts";
import type { EngineAdapter, Prepared } from "./types.ts";

export async function iamEdgeEngine(wasm: Uint8Array): Promise<Engine> {
  return createEngine(wasm);
}

export function prepareIamEdge(engine: Engine, w: Workload): Prepared {
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
  // Linked once, as Cedar's policy set is preparsed once: the set is checked at link time.
  const bundle = engine.link(set);
  return {
    decide: (req) => engine.authorize(req, bundle).decision,
    decideBatch: (reqs) => engine.authorizeBatch(reqs, bundle),
    memoryBytes: () => engine.memoryBytes,
    dispose: () => compiled.forEach((p) => p.dispose()),
  };
}

export function iamEdge(engine: Engine): EngineAdapter {
  return { name: "iam-edge", supports: () => true, prepare: (w) => prepareIamEdge(engine, w) };
}
