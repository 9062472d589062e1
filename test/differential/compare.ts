/**
 * Running both engines on a case, and explaining a disagreement by the known classes.
 */
import type { Engine } from "../../js/index.ts";
import type { DiffCase } from "./generator.ts";
import { runEdge, runPeer, type Decision, type EdgeOutcome, type PeerOutcome } from "./engines.ts";
import { KNOWN_DIFFERENCES, type KnownDifference } from "./known-differences.ts";

export interface Disagreement {
  c: DiffCase;
  edge: Decision;
  peer: Decision;
}

export type Decided =
  | { ok: true; edge: Extract<EdgeOutcome, { kind: "decision" }>; peer: Extract<PeerOutcome, { kind: "decision" }> }
  | { ok: false; skipped: "peer" | "edge"; why: string };

/** Both engines on one case, or why one of them did not decide it. */
export async function decide(engine: Engine, c: DiffCase): Promise<Decided> {
  const peer = await runPeer(c);
  if (peer.kind !== "decision") return { ok: false, skipped: "peer", why: peer.reason };
  const edge = runEdge(engine, c, peer.ignoredContextKeys);
  if (edge.kind !== "decision") return { ok: false, skipped: "edge", why: edge.reason };
  return { ok: true, edge, peer };
}

/**
 * The known classes that explain a disagreement: the first class whose rewrite makes the peer
 * agree while iam-edge keeps its decision, else every applicable rewrite together (ids joined
 * with " + "); undefined when nothing explains it.
 */
export async function classify(engine: Engine, d: Disagreement, classes: KnownDifference[] = KNOWN_DIFFERENCES): Promise<string | undefined> {
  const first = await decide(engine, d.c);
  if (!first.ok) return undefined;
  const explains = async (rewritten: DiffCase) => {
    const r = await decide(engine, rewritten);
    return r.ok && r.edge.decision === d.edge && r.peer.decision === d.edge;
  };
  const applicable: KnownDifference[] = [];
  for (const k of classes) {
    const rewritten = k.rewrite(d.c, first.edge.result);
    if (!rewritten) continue;
    applicable.push(k);
    if (await explains(rewritten)) return k.id;
  }
  if (applicable.length < 2) return undefined;
  let all = d.c;
  let result = first.edge.result;
  for (const k of applicable) {
    all = k.rewrite(all, result) ?? all;
    const r = await decide(engine, all);
    if (!r.ok) return undefined;
    result = r.edge.result;
  }
  return (await explains(all)) ? applicable.map((k) => k.id).join(" + ") : undefined;
}
