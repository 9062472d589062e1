/**
 * @module iam/simulate/plan
 * What one simulation evaluates (a plan): the principal and its context, the identity policies,
 * boundary and SCP levels, the resource policy and owner, where each compiled policy comes from
 * (SourcePolicyId and SourcePolicyType), and the policies compiled for this request only
 * (disposed when it ends).
 */
import type { AccountState } from "../account-state.ts";
import { IamError } from "../errors.ts";
import { isAssumeRole } from "../resolve/authorize.ts";
import { parsePrincipalArn } from "../resolve/principal-arn.ts";
import { resolveTarget } from "../resolve/principal.ts";
import type { PolicySource } from "../resolve/types.ts";
import type { CompiledPolicy } from "../../engine/engine.ts";
import type { ContextValue } from "../../engine/request.ts";
import { PolicyValidationError } from "../../engine/errors.ts";
import type { PolicyKind } from "../../policy/types.ts";
import { resourceOwner } from "./request.ts";
import type { SimulateCommon } from "./shapes.ts";

export interface SourceInfo {
  id: string;
  type: string;
}
/** What one simulation evaluates. */
export interface Plan {
  principal: string;
  principalAccount: string;
  context: Record<string, ContextValue>;
  identity: CompiledPolicy[];
  boundary?: CompiledPolicy;
  scp?: CompiledPolicy[][];
  resourcePolicyText?: string;
  resourceOwner?: string;
  sources: Map<string, SourceInfo>;
  /** Policies compiled for this request only, disposed at the end. */
  temp: CompiledPolicy[];
}
export function newPlan(principal: string, principalAccount: string): Plan {
  return { principal, principalAccount, context: {}, identity: [], sources: new Map(), temp: [] };
}
export function compileInput(account: AccountState, plan: Plan, doc: unknown, kind: PolicyKind, id: string, type = "none"): CompiledPolicy {
  let policy: CompiledPolicy;
  try {
    policy = account.engine.compile(doc, { kind, id });
  } catch (err) {
    if (err instanceof PolicyValidationError) throw new IamError("MalformedPolicyDocument", `${id}: ${err.message}`, err.diagnostics);
    throw err;
  }
  plan.temp.push(policy);
  plan.sources.set(id, { id, type });
  return policy;
}
export function sourceInfo(source: PolicySource): SourceInfo {
  if (source.owner) return { id: `${source.owner.type}_${source.owner.name}_${source.policyName}`, type: source.owner.type };
  return { id: source.policyName, type: source.awsManaged ? "aws-managed" : "user-managed" };
}
/** Derived keys of a caller: from the store when it is there, else what its ARN says. */
export function callerContext(account: AccountState, arn: string): Record<string, ContextValue> {
  const p = parsePrincipalArn(arn)!;
  if (p.account === account.accountId) {
    try {
      return resolveTarget(account, arn).context;
    } catch (err) {
      if (!(err instanceof IamError) || err.code !== "NoSuchEntity") throw err;
    }
  }
  if (p.kind === "group") return {};
  const context: Record<string, ContextValue> = {
    "aws:PrincipalArn": arn, "aws:PrincipalAccount": p.account, "aws:PrincipalType": p.kind === "user" ? "User" : "AssumedRole",
  };
  if (p.kind === "user") context["aws:username"] = p.name;
  return context;
}
/**
 * The ResourcePolicy compiled as the kind the action needs: the trust policy for sts:AssumeRole*,
 * a resource policy otherwise; a document valid only as the other kind is compiled as that one.
 */
export function resourcePolicy(account: AccountState, plan: Plan, action: string): CompiledPolicy {
  const id = "ResourcePolicy";
  const preferred: PolicyKind = isAssumeRole(action) ? "trust" : "resource";
  const other: PolicyKind = preferred === "trust" ? "resource" : "trust";
  const valid = (kind: PolicyKind) => !account.engine.validate(plan.resourcePolicyText, { kind }).some((d) => d.severity === "error");
  const kind = valid(preferred) || !valid(other) ? preferred : other;
  const existing = plan.temp.find((p) => p.id === id && p.kind === kind);
  if (existing) return existing;
  return compileInput(account, plan, plan.resourcePolicyText, kind, id, "resource");
}
/** The request's own policies: PolicyInputList, the boundary input, ResourcePolicy, ResourceOwner. */
export function finishPlan(account: AccountState, plan: Plan, input: SimulateCommon): void {
  (input.PolicyInputList ?? []).forEach((doc, i) => plan.identity.push(compileInput(account, plan, doc, "identity", `PolicyInputList.${i + 1}`)));
  const boundary = input.PermissionsBoundaryPolicyInputList?.[0];
  if (boundary !== undefined) plan.boundary = compileInput(account, plan, boundary, "boundary", "PermissionsBoundaryPolicyInputList.1");
  if (input.ResourcePolicy !== undefined) {
    if (typeof input.ResourcePolicy !== "string" && (input.ResourcePolicy === null || typeof input.ResourcePolicy !== "object")) {
      throw new IamError("InvalidInput", "ResourcePolicy must be a policy document (JSON text)");
    }
    plan.resourcePolicyText = typeof input.ResourcePolicy === "string" ? input.ResourcePolicy : JSON.stringify(input.ResourcePolicy);
    // Fail early on a broken resource policy, whatever the actions.
    resourcePolicy(account, plan, "resource:Policy");
  }
  plan.resourceOwner = resourceOwner(input.ResourceOwner);
}
