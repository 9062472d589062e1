/**
 * @module cli/commands/simulate-format
 * SimulatePolicyResponse (the IAM API's shape) for people: one block per EvaluationResult,
 * the statements that decided with their policy and position, the boundary and Organizations
 * details, the missing context keys, and per-resource results when they differ. Names, ARNs
 * and ids come from the account file and the arguments, so each goes through `printable`.
 */
import { printable } from "../printable.ts";

interface PositionShape {
  Line?: number;
  Column?: number;
}

interface StatementShape {
  SourcePolicyId?: string;
  SourcePolicyType?: string;
  StartPosition?: PositionShape;
  EndPosition?: PositionShape;
}

interface ResourceResultShape {
  EvalResourceName?: string;
  EvalResourceDecision?: string;
  MatchedStatements?: StatementShape[];
  MissingContextValues?: string[];
  PermissionsBoundaryDecisionDetail?: { AllowedByPermissionsBoundary?: boolean };
}

export interface EvaluationResultShape {
  EvalActionName?: string;
  EvalResourceName?: string;
  EvalDecision?: string;
  MatchedStatements?: StatementShape[];
  MissingContextValues?: string[];
  OrganizationsDecisionDetail?: { AllowedByOrganizations?: boolean };
  PermissionsBoundaryDecisionDetail?: { AllowedByPermissionsBoundary?: boolean };
  EvalDecisionDetails?: Record<string, string>;
  ResourceSpecificResults?: ResourceResultShape[];
}

export interface SimulateResponse {
  EvaluationResults?: EvaluationResultShape[];
  IsTruncated?: boolean;
  Marker?: string;
}

/**
 * ```
 * arn:aws:iam::111122223333:user/alice
 * s3:GetObject on arn:aws:s3:::example-home/home/alice/notes.txt: allowed
 *   by HomeFolder (user) at line 5, column 7
 *   permissions boundary: allows
 * ```
 */
export function formatSimulation(principal: string, response: SimulateResponse): string[] {
  const lines = [printable(principal)];
  for (const r of response.EvaluationResults ?? []) {
    const resources = r.ResourceSpecificResults ?? [];
    const single = resources.length === 1 ? resources[0] : undefined;
    const resource = resources.length > 1 ? `${resources.length} resources` : printable(single?.EvalResourceName ?? r.EvalResourceName ?? "*");
    lines.push(`${printable(String(r.EvalActionName))} on ${resource}: ${printable(String(r.EvalDecision))}`);
    lines.push(...details(r, "  "));
    if (r.OrganizationsDecisionDetail && r.OrganizationsDecisionDetail.AllowedByOrganizations === false) lines.push("  organizations (SCPs): deny");
    for (const [type, decision] of Object.entries(r.EvalDecisionDetails ?? {})) lines.push(`  ${printable(type)}: ${printable(String(decision))}`);
    if (resources.length > 1) {
      for (const rr of resources) {
        lines.push(`  resource ${printable(String(rr.EvalResourceName))}: ${printable(String(rr.EvalResourceDecision))}`);
        lines.push(...details(rr, "    "));
      }
    }
  }
  if (response.IsTruncated) lines.push(`(truncated; Marker ${printable(String(response.Marker))})`);
  return lines;
}

function details(r: EvaluationResultShape | ResourceResultShape, indent: string): string[] {
  const lines: string[] = [];
  for (const m of r.MatchedStatements ?? []) lines.push(`${indent}by ${statement(m)}`);
  if (r.MissingContextValues?.length) lines.push(`${indent}missing context values: ${r.MissingContextValues.map(printable).join(", ")}`);
  const boundary = r.PermissionsBoundaryDecisionDetail?.AllowedByPermissionsBoundary;
  if (boundary !== undefined) lines.push(`${indent}permissions boundary: ${boundary ? "allows" : "does not allow"}`);
  return lines;
}

function statement(m: StatementShape): string {
  const type = m.SourcePolicyType ? ` (${printable(m.SourcePolicyType)})` : "";
  const at = m.StartPosition?.Line !== undefined ? ` at line ${m.StartPosition.Line}, column ${m.StartPosition.Column}` : "";
  return `${printable(m.SourcePolicyId ?? "?")}${type}${at}`;
}
