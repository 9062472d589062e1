/**
 * @module bench/cold-start
 * Cold start on this Node: for `iam-edge/engine` and `iam-edge`, RUNS fresh processes each
 * (bench/cold-child.ts), the median of each lap: import, createEngine, compile W2's ten
 * policies, first decision. `node bench/run.mjs cold-start.ts` prints the table; main.ts calls
 * `coldStarts` for `npm run bench`.
 */
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { median } from "./workerd.ts";

export interface ColdStart { entry: string; importMs: number; createMs: number; compileMs: number; firstDecisionMs: number; totalMs: number; cpuMs: number; minTotalMs: number }
const LAPS = ["importMs", "createMs", "compileMs", "firstDecisionMs", "totalMs", "cpuMs"] as const;

/**
 * Median laps over `runs` fresh processes per entry; `childPath` is the bundled cold-child.mjs.
 * The entries take turns (one process of each per round), so a change in the machine's load
 * during the run weighs on both alike.
 */
export function coldStarts(childPath: string, runs = 7): ColdStart[] {
  const entries = ["iam-edge/engine", "iam-edge"];
  const samples = new Map<string, ColdStart[]>(entries.map((e) => [e, []]));
  for (let i = 0; i < runs; i++) {
    for (const entry of entries) {
      const r = spawnSync(process.execPath, [childPath, entry], { encoding: "utf8", timeout: 60_000 });
      if (r.status !== 0) throw new Error(`cold start ${entry}: exit ${r.status ?? r.signal}: ${r.stderr.slice(-800)}`);
      samples.get(entry)!.push(JSON.parse(r.stdout.trim().split("\n").pop()!) as ColdStart);
    }
  }
  return entries.map((entry) => {
    const runsOf = samples.get(entry)!;
    const out = { entry } as ColdStart;
    for (const k of LAPS) out[k] = median(runsOf.map((s) => s[k]));
    out.minTotalMs = Math.min(...runsOf.map((s) => s.totalMs));
    return out;
  });
}

export function coldStartTable(rows: ColdStart[]): string {
  const f = (x: number) => x.toFixed(1);
  return [
    "| entry | import ms | createEngine ms | compile 10 policies ms | first decision ms | total ms (median) | total ms (min) | CPU ms |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ...rows.map((r) => `| \`${r.entry}\` | ${f(r.importMs)} | ${f(r.createMs)} | ${f(r.compileMs)} | ${f(r.firstDecisionMs)} | ${f(r.totalMs)} | ${f(r.minTotalMs)} | ${f(r.cpuMs)} |`),
  ].join("\n");
}

// Run directly (`node bench/run.mjs cold-start.ts`): bundle the child beside this file first.
if (process.argv[1]?.endsWith("cold-start.mjs")) {
  const here = dirname(fileURLToPath(import.meta.url));
  const { build } = await import("esbuild");
  const child = join(here, "cold-child.mjs");
  await build({ entryPoints: [join(here, "..", "cold-child.ts")], bundle: true, platform: "node", format: "esm", target: "node20", packages: "external", outfile: child, logLevel: "warning" });
  console.log(coldStartTable(coldStarts(child, Number(process.argv[2] ?? 7))));
}
