/**
 * @module edge/api/decisions
 * The DecisionRecord of an API call (js/edge/authorize/decision-record.ts: the record the
 * explain endpoint looks up by request id), and the authorizations this layer decides itself.
 *
 * Most calls are authorized inside the model (it is given the caller), which answers a denial
 * with AWS's message and no more. For the administrators' explanation, a denial is decided
 * again here with `engine.explain`: the action and resource are those of
 * the model's message ("User: <arn> is not authorized to perform: <action> on resource:
 * <resource> ..."), the context the request's plus the keys the model adds from the request
 * (docs/iam.md: `iam:PolicyARN` for Attach/Detach*Policy, `iam:PermissionsBoundary`,
 * `aws:RequestTag/*` and `aws:TagKeys`; for `sts:AssumeRole` the role's trust policy as the
 * resource policy and `sts:RoleSessionName`, `sts:ExternalId`, `sts:SourceIdentity`,
 * `sts:TransitiveTagKeys`). Allowed calls are not decided twice: their record carries no
 * decisions (the audit record has the model's).
 *
 * `authorizeOwn` decides what the model does not authorize (CloudTrail's LookupEvents): users and root through
 * `account.authorizePrincipal` (the model's audited decision, with the session's context keys),
 * role sessions with `decideAll` on their resolved policies and the account's organization
 * guardrails (the model has no audited call taking a resolved session).
 */
import type { AuthorizationResult, CompiledPolicy, PolicyBundle, PolicySet } from "../../engine/engine.ts";
import type { ContextValue } from "../../engine/request.ts";
import { decideAll, type AuthorizationDecision } from "../authorize/decide.ts";
import type { DecisionRecord } from "../authorize/decision-record.ts";
import type { ApiCallContext } from "./call-context.ts";

export type RecordDecision = DecisionRecord["decisions"][number];

/** A new record of one call. */
export function callRecord(ctx: ApiCallContext, operation: string, now: Date): DecisionRecord {
  const record: DecisionRecord = { requestId: ctx.requestId, time: now.toISOString(), service: ctx.service, operation, allowed: false, decisions: [] };
  if (ctx.caller) {
    record.principal = ctx.caller.principal;
    record.accessKeyId = ctx.caller.accessKeyId;
  }
  if (ctx.sourceIp) record.sourceIp = ctx.sourceIp;
  return record;
}

export function toRecordDecision(action: string, resource: string, result: AuthorizationResult, explanation?: AuthorizationDecision["explanation"]): RecordDecision {
  const out: RecordDecision = {
    action, resource, decision: result.decision, reason: result.reason.code,
    matchedStatements: result.matchedStatements, missingContextValues: result.missingContextValues,
  };
  if (explanation) out.explanation = explanation;
  return out;
}

/** Decides `action` on `resource` for the caller, as the model would (see the module doc). */
export function authorizeOwn(ctx: ApiCallContext, action: string, resource: string): RecordDecision {
  const caller = ctx.caller!;
  if (caller.resolved.type !== "AssumedRole") {
    const result = ctx.account.authorizePrincipal(caller.principal, { action, resource, context: { ...ctx.context, ...caller.resolved.context } });
    if (result.decision === "Allow") return toRecordDecision(action, resource, result);
  }
  // The session's account's organization bounds it ("SCP evaluation") and, the trail being that
  // account's, its RCPs too, as authorizePrincipal's decisions are bound.
  const org = ctx.account.organization;
  const [d] = decideAll(ctx.account.engine, caller.resolved, [{ action, resource, context: {} }], ctx.context, { callerOrganization: org, resourceOrganization: org });
  return toRecordDecision(action, resource, d.result, d.explanation);
}

const DENIAL = /^User: \S+ is not authorized to perform: (\S+) on resource: (\S+) (?:because no |with an explicit deny)/;

function requestTagContext(tags: unknown, context: Record<string, ContextValue>): void {
  if (!Array.isArray(tags)) return;
  const keys: string[] = [];
  for (const t of tags as { Key?: unknown; Value?: unknown }[]) {
    if (typeof t?.Key === "string" && typeof t.Value === "string") {
      context[`aws:RequestTag/${t.Key}`] = t.Value;
      keys.push(t.Key);
    }
  }
  if (keys.length) context["aws:TagKeys"] = keys;
}

/** The context keys the model adds from a request (see the module doc). */
function operationContext(operation: string, input: Record<string, unknown>): Record<string, ContextValue> {
  const context: Record<string, ContextValue> = {};
  if (/^(Attach|Detach)(User|Group|Role)Policy$/.test(operation) && typeof input.PolicyArn === "string") context["iam:PolicyARN"] = input.PolicyArn;
  if (typeof input.PermissionsBoundary === "string") context["iam:PermissionsBoundary"] = input.PermissionsBoundary;
  requestTagContext(input.Tags, context);
  if (Array.isArray(input.TagKeys) && operation.startsWith("Untag")) context["aws:TagKeys"] = input.TagKeys as string[];
  if (operation === "AssumeRole") {
    for (const [key, field] of [["sts:RoleSessionName", "RoleSessionName"], ["sts:ExternalId", "ExternalId"], ["sts:SourceIdentity", "SourceIdentity"]] as const) {
      if (typeof input[field] === "string") context[key] = input[field] as string;
    }
    if (Array.isArray(input.TransitiveTagKeys)) context["sts:TransitiveTagKeys"] = input.TransitiveTagKeys as string[];
  }
  return context;
}

/** The role's trust policy, compiled for the explanation of an AssumeRole denial (dispose it). */
function trustPolicyOf(ctx: ApiCallContext, roleArn: string): CompiledPolicy | undefined {
  const name = roleArn.slice(roleArn.lastIndexOf("/") + 1).toLowerCase();
  const role = ctx.account.store.roles.get(name);
  if (!role || role.Arn !== roleArn) return undefined;
  return ctx.account.engine.compile(role.AssumeRolePolicyDocument, { kind: "trust", id: role.Arn, maxSize: 1 << 20 });
}

function policySetOf(principal: NonNullable<ApiCallContext["caller"]>["resolved"], trust: CompiledPolicy | undefined): PolicySet | PolicyBundle {
  if (!trust && !principal.session) return principal.bundle;
  const set: PolicySet = { identity: principal.identity };
  if (principal.boundary) set.boundary = principal.boundary;
  if (principal.session) set.session = principal.session;
  if (trust) set.resource = trust;
  return set;
}

function accountOf(resource: string): string | undefined {
  const parts = resource.split(":");
  return parts.length >= 6 && parts[0] === "arn" && /^\d{12}$/.test(parts[4]) ? parts[4] : undefined;
}

/**
 * The explained decision behind the model's AccessDenied message, or undefined when the message
 * names no authorization (an unknown role, a wrong MFA code, ...).
 */
export function explainDenial(ctx: ApiCallContext, operation: string, input: Record<string, unknown>, message: string): RecordDecision | undefined {
  const m = DENIAL.exec(message);
  if (!m || !ctx.caller) return undefined;
  const [, action, resource] = m;
  const principal = ctx.caller.resolved;
  const trust = /^sts:AssumeRole$/i.test(action) ? trustPolicyOf(ctx, resource) : undefined;
  try {
    const context = { ...ctx.context, ...operationContext(operation, input), ...principal.context };
    const explanation = ctx.account.engine.explain({ principal: principal.requestPrincipal, action, resource, context, resourceAccount: accountOf(resource) }, policySetOf(principal, trust));
    return toRecordDecision(action, resource, explanation.result, explanation);
  } finally {
    trust?.dispose();
  }
}
