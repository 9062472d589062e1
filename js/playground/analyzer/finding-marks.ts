/**
 * @module playground/analyzer/finding-marks
 * Pure helpers between the editors and the analyzer: which ValidatePolicy request a policy
 * editor's text makes (by the editor's kind), and how a finding is drawn (severity by finding
 * type, one mark per location).
 */
import type { FindingType, ValidatePolicyFinding, ValidatePolicyRequest } from "../../analyzer/index.ts";
import type { PolicyKind } from "../../entries/browser.ts";
import type { FindingMark } from "../editor.ts";

/**
 * The ValidatePolicy request for an editor's policy. Identity, session and boundary policies are
 * identity policies to Access Analyzer ("policyType: IDENTITY_POLICY ... also for permissions
 * boundaries and session policies", ValidatePolicy API reference); a trust policy is a resource
 * policy of type `AWS::IAM::AssumeRolePolicyDocument`.
 */
export function validateRequest(kind: PolicyKind, text: string): ValidatePolicyRequest {
  switch (kind) {
    case "resource":
      return { policyDocument: text, policyType: "RESOURCE_POLICY" };
    case "trust":
      return { policyDocument: text, policyType: "RESOURCE_POLICY", validatePolicyResourceType: "AWS::IAM::AssumeRolePolicyDocument" };
    case "scp":
      return { policyDocument: text, policyType: "SERVICE_CONTROL_POLICY" };
    default:
      return { policyDocument: text, policyType: "IDENTITY_POLICY" };
  }
}

const SEVERITY: Record<FindingType, FindingMark["severity"]> = {
  ERROR: "error",
  SECURITY_WARNING: "warning",
  WARNING: "warning",
  SUGGESTION: "info",
};

/** The finding type in words, as the console's policy editor labels them. */
export const FINDING_LABEL: Record<FindingType, string> = {
  ERROR: "Error",
  SECURITY_WARNING: "Security warning",
  WARNING: "Warning",
  SUGGESTION: "Suggestion",
};

/** CSS class of a finding type: `security-warning`. */
export const findingClass = (t: FindingType): string => t.toLowerCase().replace("_", "-");

/** One lint mark per location of each finding (a finding without a location marks nothing inline). */
export function findingMarks(findings: readonly ValidatePolicyFinding[]): FindingMark[] {
  return findings.flatMap((f) => f.locations.map((l) => ({
    span: l.span,
    severity: SEVERITY[f.findingType],
    code: f.issueCode,
    message: `${FINDING_LABEL[f.findingType]}: ${f.findingDetails}`,
    markClass: `cm-finding-${findingClass(f.findingType)}`,
  })));
}

/** Counts by type, for the list's heading: "1 error, 2 warnings". */
export function findingSummary(findings: readonly ValidatePolicyFinding[]): string {
  if (findings.length === 0) return "No findings.";
  const order: FindingType[] = ["ERROR", "SECURITY_WARNING", "WARNING", "SUGGESTION"];
  return order
    .map((t) => [t, findings.filter((f) => f.findingType === t).length] as const)
    .filter(([, n]) => n > 0)
    .map(([t, n]) => `${n} ${FINDING_LABEL[t].toLowerCase()}${n === 1 ? "" : "s"}`)
    .join(", ");
}
