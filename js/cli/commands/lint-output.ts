/**
 * @module cli/commands/lint-output
 * What `lint` found, per input, and its text form: one line per finding,
 * `file:line:column TYPE ISSUE_CODE details` (1-based, as the other commands print places),
 * and one per account recommendation, `file: TYPE ISSUE_CODE [IAM.n] resource details`.
 */
import type { AccountRecommendation, FindingType, ValidatePolicyFinding } from "../../analyzer/index.ts";
import { printable } from "../printable.ts";

export interface LintedPolicy {
  file: string;
  /** For a policy inside an account file: which one. */
  policy?: string;
  arn?: string;
  findings: ValidatePolicyFinding[];
}

export interface LintReport {
  policies: LintedPolicy[];
  recommendations: { file: string; recommendations: AccountRecommendation[] }[];
  /** Inputs that could not be read, with why. */
  errors: { file: string; error: string }[];
}

/** Finding types from the most to the least severe: `--fail-on` fails at its level and above. */
export const FINDING_TYPES: readonly FindingType[] = ["ERROR", "SECURITY_WARNING", "WARNING", "SUGGESTION"];

export function atOrAbove(type: FindingType, threshold: FindingType): boolean {
  return FINDING_TYPES.indexOf(type) <= FINDING_TYPES.indexOf(threshold);
}

export function failed(report: LintReport, threshold: FindingType): boolean {
  return report.errors.length > 0
    || report.policies.some((p) => p.findings.some((f) => atOrAbove(f.findingType, threshold)))
    || report.recommendations.some((r) => r.recommendations.some((x) => atOrAbove(x.findingType, threshold)));
}

export function textLines(report: LintReport): string[] {
  const lines: string[] = [];
  for (const p of report.policies) {
    for (const f of p.findings) {
      const start = f.locations[0]?.span.start;
      const where = start ? `${printable(p.file)}:${start.line}:${start.column + 1}` : printable(p.file);
      const what = p.policy ? ` (${printable(p.policy)})` : "";
      lines.push(`${where} ${f.findingType} ${f.issueCode} ${printable(f.findingDetails)}${what}`);
    }
  }
  for (const r of report.recommendations) {
    for (const x of r.recommendations) {
      const control = x.securityHubControl ? ` [${x.securityHubControl}]` : "";
      lines.push(`${printable(r.file)}: ${x.findingType} ${x.issueCode}${control} ${printable(x.resource)} ${printable(x.findingDetails)}`);
    }
  }
  return lines;
}
