/**
 * @module cli/commands/lint-sarif
 * `lint --format sarif`: SARIF 2.1.0 (OASIS "Static Analysis Results Interchange Format
 * Version 2.1.0") as GitHub code scanning takes it ("SARIF support for code scanning"): one run,
 * the tool's rules (each issue code once, with its learn-more link as `helpUri`), and per
 * finding a result with its rule, level, message and physical location (the file as given, a
 * region with 1-based lines and columns). Security warnings carry `security-severity`, which
 * GitHub shows as a severity. Account recommendations point at the line of the resource's ARN.
 */
import { CHECKS, CONTROLS, EXTRA_CHECKS, type FindingType } from "../../analyzer/index.ts";
import type { LintReport } from "./lint-output.ts";

const LEVEL: Record<FindingType, "error" | "warning" | "note"> = { ERROR: "error", SECURITY_WARNING: "error", WARNING: "warning", SUGGESTION: "note" };
/** GitHub's scale: 9.0+ critical, 7.0+ high, 4.0+ medium. */
const SEVERITY: Partial<Record<FindingType, string>> = { SECURITY_WARNING: "7.5", WARNING: "4.0" };

interface Rule {
  id: string;
  name: string;
  shortDescription: { text: string };
  helpUri: string;
  defaultConfiguration: { level: string };
  properties: Record<string, unknown>;
}

function ruleFor(id: string, type: FindingType, link: string): Rule {
  const title = Object.hasOwn(CHECKS, id) ? CHECKS[id as keyof typeof CHECKS].title
    : Object.hasOwn(EXTRA_CHECKS, id) ? EXTRA_CHECKS[id as keyof typeof EXTRA_CHECKS].title
    : Object.hasOwn(CONTROLS, id) ? CONTROLS[id as keyof typeof CONTROLS].title : id;
  const properties: Record<string, unknown> = { tags: type === "ERROR" ? ["iam", "correctness"] : ["iam", "security"] };
  if (SEVERITY[type]) properties["security-severity"] = SEVERITY[type];
  return { id, name: id.toLowerCase().replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()), shortDescription: { text: title }, helpUri: link, defaultConfiguration: { level: LEVEL[type] }, properties };
}

/** The file's name as a SARIF URI: relative paths stay relative (GitHub resolves them from the repository root). */
function uri(file: string): string {
  if (file === "-") return "stdin";
  return file.split(/[\\/]/).map(encodeURIComponent).join("/");
}

export function toSarif(report: LintReport, version: string, sources: ReadonlyMap<string, string>): object {
  const rules: Rule[] = [];
  const index = new Map<string, number>();
  const ruleIndex = (id: string, type: FindingType, link: string): number => {
    let i = index.get(id);
    if (i === undefined) {
      i = rules.length;
      rules.push(ruleFor(id, type, link));
      index.set(id, i);
    }
    return i;
  };
  const results: object[] = [];
  for (const p of report.policies) {
    for (const f of p.findings) {
      const locations = f.locations.map((l) => ({
        physicalLocation: {
          artifactLocation: { uri: uri(p.file) },
          region: { startLine: l.span.start.line, startColumn: l.span.start.column + 1, endLine: l.span.end.line, endColumn: l.span.end.column + 1, charOffset: l.span.start.offset, charLength: Math.max(0, l.span.end.offset - l.span.start.offset) },
        },
        ...(p.arn ? { logicalLocations: [{ fullyQualifiedName: p.arn, name: p.policy }] } : {}),
      }));
      results.push({ ruleId: f.issueCode, ruleIndex: ruleIndex(f.issueCode, f.findingType, f.learnMoreLink), level: LEVEL[f.findingType], message: { text: f.findingDetails }, locations });
    }
  }
  for (const r of report.recommendations) {
    const text = sources.get(r.file) ?? "";
    for (const x of r.recommendations) {
      const at = text.indexOf(`"${x.resource}"`);
      const line = at < 0 ? 1 : text.slice(0, at).split("\n").length;
      results.push({
        ruleId: x.issueCode, ruleIndex: ruleIndex(x.issueCode, x.findingType, x.learnMoreLink), level: LEVEL[x.findingType],
        message: { text: x.findingDetails },
        locations: [{ physicalLocation: { artifactLocation: { uri: uri(r.file) }, region: { startLine: line } }, logicalLocations: [{ fullyQualifiedName: x.resource }] }],
        ...(x.securityHubControl ? { properties: { securityHubControl: x.securityHubControl } } : {}),
      });
    }
  }
  return {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [{ tool: { driver: { name: "iam-edge", version, rules } }, results }],
  };
}
