/**
 * @module edge/authorize/decide
 * One engine decision per authorization a request needs, for the principal the credentials
 * resolved to: its identity policies and boundary (or their linked bundle), its session
 * policies for STS sessions, and the resource's policy when the caller has one (a bucket
 * policy). Context: the request's keys, the authorization's own (S3 keys), then the principal's,
 * which win: a request cannot claim another `aws:PrincipalArn`. A denied authorization also gets
 * the engine's explanation, for the administrators (the decision record's `explanations`).
 *
 * Organizations (js/iam/resolve/organization.ts, derived by js/org): the caller's account's
 * guardrails give the SCP levels that bound the principal ("SCP evaluation") and the
 * `aws:PrincipalOrgID` / `aws:PrincipalOrgPaths` keys; the resource's account's give the RCP
 * levels of the action's service ("RCP evaluation"; `rcp(action)` is undefined where RCPs do not
 * apply) and `aws:ResourceOrgID` / `aws:ResourceOrgPaths` ("AWS global condition context keys").
 * Cross-account, each side brings its own ("Cross-account policy evaluation logic"), as the
 * model's `authorizeResolved` and AssumeRole do.
 */
import type { AuthorizationResult, CompiledPolicy, Engine, Explanation, PolicySet } from "../../engine/engine.ts";
import type { ContextValue } from "../../engine/request.ts";
import type { OrganizationGuardrails } from "../../iam/resolve/organization.ts";
import type { CallerPrincipal as ResolvedPrincipal } from "./account-credentials.ts";

export interface AuthorizationInput {
  action: string;
  resource: string;
  context: Record<string, ContextValue>;
}

export interface AuthorizationDecision {
  action: string;
  resource: string;
  result: AuthorizationResult;
  /** Denied ones: the engine's explanation. */
  explanation?: Explanation;
}

export interface DecideOptions {
  /** The resource's policy (e.g. the bucket policy), compiled as kind `resource`. */
  resourcePolicy?: CompiledPolicy;
  /** The account that owns the resource (default: the account in its ARN, else the principal's). */
  resourceAccount?: string;
  /** The guardrails of the caller's account's organization (absent: none, or an anonymous caller). */
  callerOrganization?: OrganizationGuardrails;
  /** The guardrails of the resource's account's organization (absent: none). */
  resourceOrganization?: OrganizationGuardrails;
}

function accountOf(resource: string): string | undefined {
  const parts = resource.split(":");
  return parts.length >= 6 && parts[0] === "arn" && /^\d{12}$/.test(parts[4]) ? parts[4] : undefined;
}

function policySet(principal: ResolvedPrincipal, options: DecideOptions, rcp: CompiledPolicy[][] | undefined): PolicySet | ResolvedPrincipal["bundle"] {
  const scp = options.callerOrganization?.scp;
  if (!principal.session && !options.resourcePolicy && !scp && !rcp) return principal.bundle;
  const set: PolicySet = { identity: principal.identity };
  if (principal.boundary) set.boundary = principal.boundary;
  if (principal.session) set.session = principal.session;
  if (options.resourcePolicy) set.resource = options.resourcePolicy;
  if (scp) set.scp = scp;
  if (rcp) set.rcp = rcp;
  return set;
}

export function decideAll(engine: Engine, principal: ResolvedPrincipal, authorizations: AuthorizationInput[], requestContext: Record<string, ContextValue>, options: DecideOptions = {}): AuthorizationDecision[] {
  const orgContext = { ...options.resourceOrganization?.resourceContext, ...options.callerOrganization?.principalContext };
  return authorizations.map((a) => {
    const set = policySet(principal, options, options.resourceOrganization?.rcp(a.action));
    const request = {
      principal: principal.requestPrincipal, action: a.action, resource: a.resource,
      context: { ...requestContext, ...a.context, ...orgContext, ...principal.context },
      resourceAccount: options.resourceAccount ?? accountOf(a.resource),
    };
    const result = engine.authorize(request, set);
    const decision: AuthorizationDecision = { action: a.action, resource: a.resource, result };
    if (result.decision !== "Allow") decision.explanation = engine.explain(request, set);
    return decision;
  });
}
