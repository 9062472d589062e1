/**
 * @module analyzer/findings
 * Building findings in Access Analyzer's shape: the check's finding type, its `findingDetails`
 * text with the finding's values filled in (`{{name}}` and `${name}` in AWS's templates), the
 * `learnMoreLink` of the check, and one location per node it points at. Findings are kept in
 * document order (by offset), as Access Analyzer lists them.
 */
import { CHECKS, LEARN_MORE_BASE, type CheckSpec, type IssueCode } from "./checks/table.ts";
import { EXTRA_CHECKS, type ExtraCode } from "./checks/extra-table.ts";
import { plainSpan } from "../policy/json.ts";
import { spanOf, type At } from "./tree.ts";
import type { Location, Span, ValidatePolicyFinding } from "./types.ts";

export type AnyCode = IssueCode | ExtraCode;

const ZERO: Span = { start: { line: 1, column: 0, offset: 0 }, end: { line: 1, column: 0, offset: 0 } };

/** `template` with each `{{name}}` / `${name}` replaced by `params[name]` (a name without a value stays as written). */
export function fillDetails(template: string, params: Readonly<Record<string, string>>): string {
  return template.replace(/\{\{([^}]+)\}\}|\$\{([^}]+)\}/g, (whole, a: string | undefined, b: string | undefined) => {
    const name = (a ?? b ?? "").trim();
    return Object.hasOwn(params, name) ? params[name] : whole;
  });
}

function specOf(code: AnyCode): CheckSpec & { link: string } {
  if (Object.hasOwn(CHECKS, code)) {
    const spec = CHECKS[code as IssueCode];
    return { ...spec, link: `${LEARN_MORE_BASE}#${spec.anchor}` };
  }
  const extra = EXTRA_CHECKS[code as ExtraCode];
  return { ...extra, link: extra.learnMoreLink };
}

/** The location of one node: its path and span (a zero span when the tree has no positions). */
export function locationOf(at: At): Location {
  const span = spanOf(at);
  return { path: at.path.map((p) => ({ ...p })), span: span ? plainSpan(span) : ZERO };
}

/** Collects findings for one policy. */
export class FindingSink {
  readonly findings: ValidatePolicyFinding[] = [];

  /** Adds a finding of `code` at every node of `at`; `params` fill the details template. */
  add(code: AnyCode, at: At | At[], params: Readonly<Record<string, string>> = {}): void {
    const spec = specOf(code);
    const where = Array.isArray(at) ? at : [at];
    this.findings.push({
      findingDetails: fillDetails(spec.details, params),
      findingType: spec.type,
      issueCode: code,
      learnMoreLink: spec.link,
      locations: where.map(locationOf),
    });
  }

  /** The findings in document order (stable for findings at the same place). */
  sorted(): ValidatePolicyFinding[] {
    const offset = (f: ValidatePolicyFinding) => f.locations[0]?.span.start.offset ?? 0;
    return this.findings.map((f, i) => [f, i] as const).sort((a, b) => offset(a[0]) - offset(b[0]) || a[1] - b[1]).map(([f]) => f);
  }
}
