/**
 * @module iam/simulate/results
 * Evaluations into EvaluationResults: per action (the default, AWS's shape since 2026-07-30: the
 * most restrictive decision across the resources, each resource in ResourceSpecificResults, the
 * resource name a template when there are several) or per action and resource (the older
 * shape); then one page of them (MaxItems, Marker).
 */
import type { AccountState } from "../account-state.ts";
import { IamError } from "../errors.ts";
import { encodeBase64 } from "../rfc4648.ts";
import { evaluate, RANK, type Evaluated } from "./evaluate.ts";
import type { Plan } from "./plan.ts";
import type { EvalDecision, EvaluationResult, ResourceSpecificResult, SimulatedStatement, SimulateOptions, SimulatePolicyResponse } from "./shapes.ts";

function resourceTemplate(resources: string[]): string {
  if (resources.length === 1) return resources[0];
  if (resources.includes("*")) return "*";
  const split = resources.map((r) => r.split(":"));
  if (split.some((p) => p.length < 6 || p[0] !== "arn")) return "*";
  const names = ["${Partition}", null, "${Region}", "${Account}"];
  const seg = (i: number) => {
    const values = new Set(split.map((p) => (i === 5 ? p.slice(5).join(":") : p[i])));
    if (values.size === 1) return [...values][0];
    return i === 5 ? "${ResourceName}" : names[i - 1];
  };
  const service = seg(2);
  if (service === null) return "*";
  return ["arn", seg(1), service, seg(3), seg(4), seg(5)].join(":");
}
function dedupe(statements: SimulatedStatement[]): SimulatedStatement[] {
  const seen = new Set<string>();
  return statements.filter((s) => {
    const key = `${s.SourcePolicyId}\u0000${s.SourcePolicyType}\u0000${s.StartPosition?.Line}:${s.StartPosition?.Column}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
function specific(e: Evaluated): ResourceSpecificResult {
  const r: ResourceSpecificResult = {
    EvalResourceName: e.EvalResourceName, EvalResourceDecision: e.EvalResourceDecision,
    MatchedStatements: e.MatchedStatements, MissingContextValues: e.MissingContextValues,
  };
  if (e.EvalDecisionDetails) r.EvalDecisionDetails = e.EvalDecisionDetails;
  if (e.PermissionsBoundaryDecisionDetail) r.PermissionsBoundaryDecisionDetail = e.PermissionsBoundaryDecisionDetail;
  return r;
}
/** Every action on every resource, shaped as `options.resultShape` asks, then one page. */
export function run(account: AccountState, plan: Plan, actions: string[], resources: string[], paging: { maxItems: number; start: number }, options: SimulateOptions): SimulatePolicyResponse {
  const types = options.sourcePolicyTypes ?? "documented";
  if (options.resultShape !== undefined && options.resultShape !== "per-action" && options.resultShape !== "per-resource") {
    throw new IamError("InvalidInput", "resultShape must be per-action or per-resource");
  }
  const results = actions.flatMap((action) => {
    const evaluated = resources.map((r) => evaluate(account, plan, action, r, types));
    return options.resultShape === "per-resource" ? evaluated.map((e) => perResource(action, e)) : [perAction(action, resources, evaluated)];
  });
  return page(results, paging);
}

/** The older shape: one result per action and resource, with a one-entry ResourceSpecificResults. */
function perResource(action: string, e: Evaluated): EvaluationResult {
  const r: EvaluationResult = {
    EvalActionName: action, EvalResourceName: e.EvalResourceName, EvalDecision: e.EvalResourceDecision,
    MatchedStatements: e.MatchedStatements, MissingContextValues: e.MissingContextValues,
  } as EvaluationResult;
  if (e.AllowedByOrganizations !== undefined) r.OrganizationsDecisionDetail = { AllowedByOrganizations: e.AllowedByOrganizations };
  if (e.PermissionsBoundaryDecisionDetail) r.PermissionsBoundaryDecisionDetail = e.PermissionsBoundaryDecisionDetail;
  if (e.EvalDecisionDetails) r.EvalDecisionDetails = e.EvalDecisionDetails;
  r.ResourceSpecificResults = [specific(e)];
  return r;
}

/** One result per action: the most restrictive decision, its statements, and the details merged. */
function perAction(action: string, resources: string[], evaluated: Evaluated[]): EvaluationResult {
  const decision = evaluated.reduce<EvalDecision>((d, e) => (RANK[e.EvalResourceDecision] > RANK[d] ? e.EvalResourceDecision : d), "allowed");
  const r = {
    EvalActionName: action, EvalResourceName: resourceTemplate(resources), EvalDecision: decision,
    MatchedStatements: dedupe(evaluated.filter((e) => e.EvalResourceDecision === decision).flatMap((e) => e.MatchedStatements)),
    MissingContextValues: [...new Set(evaluated.flatMap((e) => e.MissingContextValues))],
  } as EvaluationResult;
  if (evaluated.some((e) => e.AllowedByOrganizations !== undefined)) {
    r.OrganizationsDecisionDetail = { AllowedByOrganizations: evaluated.every((e) => e.AllowedByOrganizations) };
  }
  if (evaluated.some((e) => e.PermissionsBoundaryDecisionDetail)) {
    r.PermissionsBoundaryDecisionDetail = { AllowedByPermissionsBoundary: evaluated.every((e) => e.PermissionsBoundaryDecisionDetail?.AllowedByPermissionsBoundary) };
  }
  const details = mergedDetails(evaluated);
  if (details) r.EvalDecisionDetails = details;
  r.ResourceSpecificResults = evaluated.map(specific);
  return r;
}

/** EvalDecisionDetails across resources: for each key, the most restrictive decision. */
function mergedDetails(evaluated: Evaluated[]): Record<string, EvalDecision> | undefined {
  const details = evaluated.filter((e) => e.EvalDecisionDetails);
  if (details.length === 0) return undefined;
  const merged: Record<string, EvalDecision> = {};
  for (const e of details) {
    for (const [k, v] of Object.entries(e.EvalDecisionDetails!)) if (merged[k] === undefined || RANK[v] > RANK[merged[k]]) merged[k] = v;
  }
  return merged;
}

/** One page of results; the Marker is opaque (`iam-edge:<next index>`, base64). */
function page(results: EvaluationResult[], paging: { maxItems: number; start: number }): SimulatePolicyResponse {
  if (paging.start > results.length) throw new IamError("InvalidInput", "Invalid Marker: it is past the end of the results");
  const items = results.slice(paging.start, paging.start + paging.maxItems);
  const next = paging.start + items.length;
  const response: SimulatePolicyResponse = { EvaluationResults: items, IsTruncated: next < results.length };
  if (response.IsTruncated) response.Marker = encodeBase64(new TextEncoder().encode(`iam-edge:${next}`));
  return response;
}
