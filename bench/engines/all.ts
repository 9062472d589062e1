/**
 * @module bench/engines/all
 * Every engine the benchmark times, by the name its rows carry. iam-edge (linked) is the
 * reference and comes first, then iam-edge unlinked (the README's way) and its first call on a
 * set; the peers follow in table order.
 */
import type { EngineAdapter } from "./types.ts";
import { iamEdge, iamEdgeEngine } from "./iam-edge.ts";
import { plainTs } from "./plain-ts.ts";
import { cedarWasm } from "./cedar.ts";
import { iamSimulate, iamSimulateUnsafe } from "./iam-simulate.ts";
import { IAM_EDGE_UNLINKED, iamEdgeUnlinked } from "./iam-edge-unlinked.ts";
import { IAM_EDGE_FIRST_CALL, iamEdgeFirstCall } from "./iam-edge-first-call.ts";

export const IAM_EDGE = "iam-edge";
export const peers: EngineAdapter[] = [plainTs, cedarWasm, iamSimulate, iamSimulateUnsafe];

/** The adapter named `name`; iam-edge's engine is created from the `wasm` bytes. */
export async function adapterNamed(name: string, wasm: Uint8Array): Promise<EngineAdapter> {
  if (name === IAM_EDGE) return iamEdge(await iamEdgeEngine(wasm));
  if (name === IAM_EDGE_UNLINKED) return iamEdgeUnlinked(wasm);
  if (name === IAM_EDGE_FIRST_CALL) return iamEdgeFirstCall(wasm);
  const adapter = peers.find((p) => p.name === name);
  if (!adapter) throw new Error(`unknown engine ${name}`);
  return adapter;
}
