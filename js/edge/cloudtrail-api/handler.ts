/**
 * @module edge/cloudtrail-api/handler
 * One CloudTrail call in the JSON 1.1 protocol (`X-Amz-Target: CloudTrail_20131101.<Operation>`,
 * or with the namespace before it, as the AWS CLI sends it;
 * `Content-Type: application/x-amz-json-1.1`, a JSON object body), for a caller already
 * verified. LookupEvents is served: authorized as `cloudtrail:LookupEvents` on `*` ("Actions,
 * resources, and condition keys for AWS CloudTrail": LookupEvents has no resource type), then
 * answered from the audit store. Every other operation of CloudTrail's model is
 * UnsupportedOperationException (CloudTrail's own code for "the requested operation is not
 * supported"), naming it; a target that is not CloudTrail's is UnknownOperationException; a body
 * that is not a JSON object is SerializationException. Every call hands `onDecision` one
 * DecisionRecord.
 */
import type { DecisionRecord } from "../authorize/decision-record.ts";
import { CLOUDTRAIL_MODEL } from "../aws-query/models/cloudtrail.ts";
import type { ApiCallContext } from "../api/call-context.ts";
import { authorizeOwn, callRecord } from "../api/decisions.ts";
import { denialMessage } from "../authorize/denial-message.ts";
import type { AuditStore } from "./audit-store.ts";
import { cloudTrailError, JsonApiError, jsonErrorResponse } from "./json-errors.ts";
import { lookupEvents } from "./lookup-events.ts";

export interface CloudTrailCallContext extends ApiCallContext {
  auditStore: AuditStore;
}

/**
 * `CloudTrail_20131101.<Operation>` (the SDKs for JavaScript), or the same after the service's
 * namespace, `com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.<Operation>` (the AWS CLI v2).
 */
const TARGET = new RegExp(`^(?:com\\.amazonaws\\.cloudtrail\\.v20131101\\.)?${CLOUDTRAIL_MODEL.targetPrefix}\\.([A-Za-z]+)$`);

/** The operation a target names, or the error AWS answers. */
export function cloudTrailOperation(target: string | null | undefined): string {
  const name = typeof target === "string" ? TARGET.exec(target)?.[1] : undefined;
  if (name === undefined || !CLOUDTRAIL_MODEL.operations.includes(name)) {
    throw new JsonApiError("UnknownOperationException", 400, `Unknown operation ${String(target ?? "")}`.slice(0, 256));
  }
  if (name !== "LookupEvents") {
    throw cloudTrailError("UnsupportedOperationException", `The CloudTrail operation ${name} is not implemented by this endpoint (iam-edge); it serves LookupEvents`);
  }
  return name;
}

function parseBody(body: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = body.trim() === "" ? {} : JSON.parse(body);
  } catch (err) {
    throw new JsonApiError("SerializationException", 400, `The request body is not valid JSON: ${(err as Error).message}`.slice(0, 512));
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) throw new JsonApiError("SerializationException", 400, "The request body must be a JSON object");
  return value as Record<string, unknown>;
}

/** AWS's text, without "on resource" for an action that has no resource type (as AWS writes it). */
function denied(ctx: ApiCallContext, decision: ReturnType<typeof authorizeOwn>): JsonApiError {
  const result = { decision: decision.decision, matchedStatements: decision.matchedStatements, reason: { code: decision.reason } } as Parameters<typeof denialMessage>[3];
  const message = denialMessage(ctx.caller!.principal, decision.action, "*", result).replace(" on resource: *", "");
  return cloudTrailError("AccessDeniedException", message);
}

async function run(target: string | null | undefined, body: string, ctx: CloudTrailCallContext, record: DecisionRecord): Promise<Response> {
  record.operation = cloudTrailOperation(target);
  if (!ctx.caller) throw new JsonApiError("MissingAuthenticationTokenException", 403, "Missing Authentication Token");
  const input = parseBody(body);
  const action = "cloudtrail:LookupEvents";
  const decision = authorizeOwn(ctx, action, "*");
  record.decisions.push(decision);
  if (decision.decision !== "Allow") throw denied(ctx, decision);
  const output = await lookupEvents(ctx.auditStore, input, ctx.now ?? ctx.account.now());
  record.allowed = true;
  return new Response(JSON.stringify(output), { status: 200, headers: { "content-type": "application/x-amz-json-1.1", "x-amzn-requestid": ctx.requestId } });
}

/** An error as JSON 1.1 answers it: CloudTrail's own codes (a store may throw InvalidNextTokenException) keep theirs. */
function asJsonError(err: unknown): JsonApiError {
  if (err instanceof JsonApiError) return err;
  const e = err as { code?: unknown; message?: unknown } | null;
  if (typeof e?.code === "string" && Object.hasOwn(CLOUDTRAIL_MODEL.errors, e.code)) return cloudTrailError(e.code, typeof e.message === "string" ? e.message : e.code);
  return new JsonApiError("InternalFailure", 500, "We encountered an internal error. Please try again.");
}

/**
 * Serves one CloudTrail call whose request has been verified.
 * @example
 * await handleCloudTrail(request.headers.get("x-amz-target"), await request.text(), { ...ctx, auditStore });
 */
export async function handleCloudTrail(target: string | null | undefined, body: string, ctx: CloudTrailCallContext): Promise<Response> {
  const record = callRecord(ctx, "Unknown", ctx.now ?? ctx.account.now());
  let response: Response;
  try {
    response = await run(target, body, ctx, record);
  } catch (err) {
    const e = asJsonError(err);
    record.error = { code: e.code, message: e.message };
    response = jsonErrorResponse(e, ctx.requestId);
  }
  if (ctx.onDecision) {
    try {
      await ctx.onDecision(record);
    } catch {
      // The sink's failure must not change the answer.
    }
  }
  return response;
}
