/**
 * One differential run: both engines on `count` generated cases, disagreements classified by
 * the known differences (compare.ts), a printed summary, and the unexplained ones minimized.
 */
import type { Engine } from "../../js/index.ts";
import type { DiffCase } from "./generator.ts";
import { KNOWN_DIFFERENCES } from "./known-differences.ts";
import { classify, decide, type Disagreement } from "./compare.ts";
import { minimize } from "./minimize.ts";

export interface RunReport {
  tally: { run: number; agreed: number; skippedByPeer: number; rejectedByEdge: number; known: number; unexplained: number };
  /** Agreed cases by decision. */
  byDecision: Record<string, number>;
  /** Known differences by class id. */
  byClass: Record<string, number>;
}

/** Runs `count` cases from `generate`; prints the summary (headed `label`) and the unexplained disagreements. */
export async function runDifferential(engine: Engine, generate: (id: number) => DiffCase, count: number, label: string): Promise<RunReport> {
  const tally = { run: 0, agreed: 0, skippedByPeer: 0, rejectedByEdge: 0, known: 0, unexplained: 0 };
  const byDecision: Record<string, number> = {};
  const byClass: Record<string, Record<string, number>> = {};
  const peerSkips: Record<string, number> = {};
  const edgeRejects: string[] = [];
  const unexplained: Disagreement[] = [];

  for (let id = 0; id < count; id++) {
    const c = generate(id);
    tally.run++;
    const r = await decide(engine, c);
    if (!r.ok) {
      if (r.skipped === "peer") {
        tally.skippedByPeer++;
        peerSkips[r.why] = (peerSkips[r.why] ?? 0) + 1;
      } else {
        tally.rejectedByEdge++;
        if (edgeRejects.length < 5) edgeRejects.push(`case ${id}: ${r.why}`);
      }
      continue;
    }
    if (r.edge.decision === r.peer.decision) {
      tally.agreed++;
      byDecision[r.edge.decision] = (byDecision[r.edge.decision] ?? 0) + 1;
      continue;
    }
    const d: Disagreement = { c, edge: r.edge.decision, peer: r.peer.decision };
    const cls = await classify(engine, d);
    if (cls) {
      tally.known++;
      const pair = `iam-edge ${d.edge} / iam-simulate ${d.peer}`;
      byClass[cls] ??= {};
      byClass[cls][pair] = (byClass[cls][pair] ?? 0) + 1;
    } else {
      tally.unexplained++;
      unexplained.push(d);
    }
  }

  const lines = [
    `differential run: ${label}, ${tally.run} cases`,
    `  agreed            ${tally.agreed}  (${Object.entries(byDecision).map(([k, v]) => `${k} ${v}`).join(", ")})`,
    `  skipped by peer   ${tally.skippedByPeer}${Object.keys(peerSkips).length ? `  (${Object.entries(peerSkips).map(([k, v]) => `${k}: ${v}`).join(", ")})` : ""}`,
    `  rejected by edge  ${tally.rejectedByEdge}${edgeRejects.length ? `  e.g. ${edgeRejects.join("; ")}` : ""}`,
    `  known differences ${tally.known}`,
    ...Object.entries(byClass)
      .map(([k, pairs]) => [k, Object.values(pairs).reduce((a, b) => a + b, 0), pairs] as const)
      .sort((a, b) => b[1] - a[1])
      .map(([k, n, pairs]) => `    ${String(n).padStart(5)}  ${k}  (${Object.entries(pairs).map(([p, m]) => `${p}: ${m}`).join("; ")})`),
    `    not seen in this run: ${KNOWN_DIFFERENCES.map((k) => k.id).filter((id) => !Object.keys(byClass).some((c) => c.split(" + ").includes(id))).join(", ") || "none"}`,
    `  unexplained       ${tally.unexplained}`,
  ];
  console.log(lines.join("\n"));

  if (unexplained.length > 0) {
    // Shrink a few for the report: the smallest case that still disagrees the same way.
    const shown: string[] = [];
    for (const d of unexplained.slice(0, 5)) {
      const small = await minimize(d.c, async (x) => {
        const r = await decide(engine, x);
        return r.ok && r.edge.decision === d.edge && r.peer.decision === d.peer && (await classify(engine, { ...d, c: x })) === undefined;
      });
      shown.push(`case ${d.c.id}: iam-edge ${d.edge}, iam-simulate ${d.peer}\n${JSON.stringify(small, null, 1)}`);
    }
    console.log(`unexplained disagreements (first ${shown.length}, minimized):\n${shown.join("\n\n")}`);
  }
  const classes = Object.fromEntries(Object.entries(byClass).map(([k, pairs]) => [k, Object.values(pairs).reduce((a, b) => a + b, 0)]));
  return { tally, byDecision, byClass: classes };
}
