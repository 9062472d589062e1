/**
 * @module iam/simulate/evaluate
 * One action on one resource, decided by the engine with the plan's policies, in the shape of a
 * ResourceSpecificResult: the decision, the matched statements with their positions (1-based
 * line and column: the engine's 0-based columns + 1), the missing context keys, and the detail
 * fields (EvalDecisionDetails for a resource, PermissionsBoundaryDecisionDetail with a boundary,
 * AllowedByOrganizations with SCPs).
 */
import type { AccountState } from "../account-state.ts";
import { IamError } from "../errors.ts";
import { resourceAccountOf } from "../resolve/authorize.ts";
import { allowAllPolicy } from "../resolve/policy-cache.ts";
import type { AuthorizationResult, Decision, MatchedStatement, PolicySet } from "../../engine/engine.ts";
import { RequestError } from "../../engine/errors.ts";
import { resourcePolicy, type Plan } from "./plan.ts";
import type { EvalDecision, ResourceSpecificResult, SimulatedStatement } from "./shapes.ts";

export const EVAL: Record<Decision, EvalDecision> = { Allow: "allowed", ExplicitDeny: "explicitDeny", ImplicitDeny: "implicitDeny" };
export const RANK: Record<EvalDecision, number> = { allowed: 0, implicitDeny: 1, explicitDeny: 2 };

export interface Evaluated extends ResourceSpecificResult {
  AllowedByOrganizations?: boolean;
}
export function evaluate(account: AccountState, plan: Plan, action: string, resource: string, types: "documented" | "observed"): Evaluated {
  const resourceAccount = resourceAccountOf(resource) ?? plan.resourceOwner ?? plan.principalAccount;
  const request = { principal: plan.principal, action, resource, context: plan.context, resourceAccount };
  const set: PolicySet = { identity: plan.identity, boundary: plan.boundary, scp: plan.scp };
  if (plan.resourcePolicyText !== undefined) set.resource = resourcePolicy(account, plan, action);
  const run = (req: typeof request, s: PolicySet): AuthorizationResult => {
    try {
      return account.engine.authorize(req, s);
    } catch (err) {
      if (err instanceof RequestError) throw new IamError("InvalidInput", err.message);
      throw err;
    }
  };
  const result = run(request, set);
  const out: Evaluated = {
    EvalResourceName: resource,
    EvalResourceDecision: EVAL[result.decision],
    MatchedStatements: result.matchedStatements.map((m) => statement(plan, m, types)),
    MissingContextValues: [...result.missingContextValues],
  };
  if (resource !== "*") {
    if (resourceAccount === plan.principalAccount) out.EvalDecisionDetails = {};
    else {
      const same = { ...request, resourceAccount: plan.principalAccount };
      const identitySide = run(same, { identity: plan.identity, boundary: plan.boundary, scp: plan.scp });
      const resourceSide = set.resource ? run(same, { resource: set.resource }).decision : "ImplicitDeny";
      out.EvalDecisionDetails = { "IAM Policy": EVAL[identitySide.decision], "Resource Policy": EVAL[resourceSide] };
    }
  }
  if (plan.boundary) {
    const b = run(request, { identity: [allowAllPolicy(account)], boundary: plan.boundary });
    out.PermissionsBoundaryDecisionDetail = { AllowedByPermissionsBoundary: b.decision === "Allow" };
  }
  if (plan.scp) out.AllowedByOrganizations = run(request, { identity: [allowAllPolicy(account)], scp: plan.scp }).decision === "Allow";
  return out;
}
export function statement(plan: Plan, m: MatchedStatement, types: "documented" | "observed"): SimulatedStatement {
  const info = plan.sources.get(m.policyId) ?? { id: m.policyId, type: "none" };
  const out: SimulatedStatement = { SourcePolicyId: info.id, SourcePolicyType: types === "observed" ? "IAM Policy" : info.type };
  if (m.span) {
    out.StartPosition = { Line: m.span.start.line, Column: m.span.start.column + 1 };
    out.EndPosition = { Line: m.span.end.line, Column: m.span.end.column + 1 };
  }
  return out;
}
