/**
 * @module bench/family
 * The generated family's summary: for each iam-edge path (linked and unlinked, single and
 * batch, and the first call on a set never passed before), its decisions/s over plain TS's and over iam-simulate `runSimulation`'s on the same
 * seed, then the median and the worst (lowest) of those ratios over the seeds. Ratios come
 * from one run, each seed's engines timed back to back, so machine load shifts both sides.
 */
import type { Row } from "./timing.ts";

export const GENERATED_ENGINES = ["iam-edge", "iam-edge unlinked", "iam-edge first call", "plain TS", "iam-simulate runSimulation"];
/** The rows each path's figures come from (engine-run.ts names the batch rows). */
export const PATHS = [
  { path: "unlinked single", engine: "iam-edge unlinked" },
  { path: "unlinked batch", engine: "iam-edge unlinked authorizeBatch" },
  { path: "linked single", engine: "iam-edge" },
  { path: "linked batch", engine: "iam-edge authorizeBatch" },
  { path: "first call on a set", engine: "iam-edge first call" },
];

export interface FamilyRow { seed: number; statements: number; row: Row }
export interface PathSummary {
  path: string;
  medianRate: number;
  vsPlain: { median: number; worst: number };
  vsSimulate: { median: number; worst: number };
  medianP50us: number;
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

export function familySummary(rows: FamilyRow[]): PathSummary[] {
  const seeds = [...new Set(rows.map((r) => r.seed))];
  const rate = (seed: number, engine: string) => rows.find((r) => r.seed === seed && r.row.engine === engine)?.row;
  const out: PathSummary[] = [];
  for (const { path, engine } of PATHS) {
    const plain: number[] = [], sim: number[] = [], rates: number[] = [], p50: number[] = [];
    for (const seed of seeds) {
      const r = rate(seed, engine);
      const p = rate(seed, "plain TS");
      const s = rate(seed, "iam-simulate runSimulation");
      if (!r) continue;
      rates.push(r.decisionsPerSec);
      p50.push(r.p50us);
      if (p) plain.push(r.decisionsPerSec / p.decisionsPerSec);
      if (s) sim.push(r.decisionsPerSec / s.decisionsPerSec);
    }
    if (!rates.length) continue;
    out.push({
      path, medianRate: median(rates), medianP50us: median(p50),
      vsPlain: { median: plain.length ? median(plain) : NaN, worst: plain.length ? Math.min(...plain) : NaN },
      vsSimulate: { median: sim.length ? median(sim) : NaN, worst: sim.length ? Math.min(...sim) : NaN },
    });
  }
  return out;
}

const x = (r: number) => (Number.isNaN(r) ? "n/a" : r >= 100 ? `${r.toFixed(0)}x` : `${r.toFixed(2)}x`);
const rate = (r: number) => (r >= 1e6 ? `${(r / 1e6).toFixed(2)}M` : r >= 1e3 ? `${(r / 1e3).toFixed(1)}k` : r.toFixed(0));

/** Per-seed rates, then the summary over seeds, as markdown. */
export function familyTable(rows: FamilyRow[], summary: PathSummary[]): string {
  const seeds = [...new Set(rows.map((r) => r.seed))];
  const engines = [...new Set(rows.map((r) => r.row.engine))];
  const out = [
    `Generated family (generated.ts), ${seeds.length} seeds; decisions/s per seed:`,
    "",
    `| engine | ${seeds.map((s) => `G${s} (${rows.find((r) => r.seed === s)!.statements} st.)`).join(" | ")} |`,
    `| --- | ${seeds.map(() => "---:").join(" | ")} |`,
    ...engines.map((e) => `| ${e} | ${seeds.map((s) => { const r = rows.find((q) => q.seed === s && q.row.engine === e)?.row; return r ? rate(r.decisionsPerSec) : ""; }).join(" | ")} |`),
    "",
    "| iam-edge path | decisions/s (median) | p50 (median) | vs plain TS: median | worst | vs runSimulation: median | worst |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ...summary.map((p) => `| ${p.path} | ${rate(p.medianRate)} | ${p.medianP50us.toFixed(2)} us | ${x(p.vsPlain.median)} | ${x(p.vsPlain.worst)} | ${x(p.vsSimulate.median)} | ${x(p.vsSimulate.worst)} |`),
  ];
  return out.join("\n");
}
