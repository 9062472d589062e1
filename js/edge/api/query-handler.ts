/**
 * @module edge/api/query-handler
 * One IAM or STS call in the awsQuery protocol, for a caller already verified: `Action` and
 * `Version` name the operation (the endpoint's service fixes the version: IAM `2010-05-08`, STS
 * `2011-06-15`), the model's input shape decodes the parameters, the operation runs in the
 * account model with the caller, and the answer is the output shape's XML or AWS's
 * `<ErrorResponse>`. Every call hands `onDecision` one DecisionRecord.
 *
 * Errors, in the order they are checked: MissingAction; MissingParameter (no Version);
 * InvalidAction "Could not find operation X for version V" (an action the AWS model does not
 * have, or a Version that is not the service's: what IAM answers); NotImplemented 501 (an
 * operation of the AWS model this endpoint does not serve, named in the message);
 * MissingAuthenticationToken (no caller, except for the unsigned STS operations); the session
 * rules (session-rules.ts); ValidationError (decode.ts); then whatever the model answers, with the
 * status AWS gives that code (errors.ts). Anything else the model throws is InternalFailure 500,
 * its text not sent.
 */
import type { DecisionRecord, DecisionSink } from "../authorize/decision-record.ts";
import { decodeInput } from "../aws-query/decode.ts";
import { QueryError, queryError, queryErrorResponse, statusOf } from "../aws-query/errors.ts";
import { parseForm } from "../aws-query/form.ts";
import { IAM_MODEL } from "../aws-query/models/iam.ts";
import { STS_MODEL } from "../aws-query/models/sts.ts";
import type { QueryModel } from "../aws-query/shapes.ts";
import { responseXml } from "../aws-query/xml.ts";
import { IAM_OPERATIONS, type OperationHandler } from "../iam-api/operations.ts";
import { STS_OPERATIONS, UNSIGNED } from "../sts-api/operations.ts";
import type { ApiCall, ApiCallContext } from "./call-context.ts";
import { iamOptions, stsOptions } from "./caller-options.ts";
import { callRecord, explainDenial } from "./decisions.ts";
import { sessionRefusal } from "./session-rules.ts";

interface QueryService {
  model: QueryModel;
  operations: Readonly<Record<string, OperationHandler>>;
  options: (ctx: ApiCallContext, operation: string, input: Record<string, unknown>) => Record<string, unknown>;
}

export const QUERY_SERVICES: Readonly<Record<"iam" | "sts", QueryService>> = {
  iam: { model: IAM_MODEL, operations: IAM_OPERATIONS, options: iamOptions },
  sts: { model: STS_MODEL, operations: STS_OPERATIONS, options: (ctx) => stsOptions(ctx) },
};

/** The operation `Action` names for the service, or the error AWS answers. */
export function operationOf(service: QueryService, params: ReadonlyMap<string, string>): string {
  const action = params.get("Action");
  const version = params.get("Version");
  const model = service.model;
  if (action === undefined || action === "") throw queryError(model, "MissingAction", "The request must contain the parameter Action");
  if (version === undefined || version === "") throw queryError(model, "MissingParameter", "The request must contain the parameter Version");
  if (version !== model.version || !Object.hasOwn(model.operations, action)) {
    throw queryError(model, "InvalidAction", `Could not find operation ${action} for version ${version}`);
  }
  if (!Object.hasOwn(service.operations, action)) {
    throw queryError(model, "NotImplemented", `The ${model.service.toUpperCase()} operation ${action} is not implemented by this endpoint (iam-edge); docs/edge.md lists the operations it serves`);
  }
  return action;
}

/** An error of the call as the query protocol answers it. */
export function asQueryError(err: unknown, model: QueryModel): QueryError {
  if (err instanceof QueryError) return err;
  const e = err as { code?: unknown; status?: unknown; message?: unknown } | null;
  if (e && typeof e.code === "string" && /^[A-Za-z][A-Za-z0-9.]{0,127}$/.test(e.code)) {
    return new QueryError(e.code, statusOf(model, e.code, typeof e.status === "number" ? e.status : undefined), typeof e.message === "string" ? e.message : e.code);
  }
  return new QueryError("InternalFailure", 500, "We encountered an internal error. Please try again.");
}

async function emit(sink: DecisionSink | undefined, record: DecisionRecord): Promise<void> {
  if (!sink) return;
  try {
    await sink(record);
  } catch {
    // The sink's failure must not change the answer.
  }
}

function toParams(params: ReadonlyMap<string, string> | URLSearchParams | string): ReadonlyMap<string, string> {
  if (typeof params === "string") return parseForm(params);
  if (params instanceof URLSearchParams) return new Map(params);
  return params;
}

async function run(service: QueryService, params: ReadonlyMap<string, string>, ctx: ApiCallContext, record: DecisionRecord): Promise<Response> {
  record.operation = (params.get("Action") || "Unknown").slice(0, 128);
  const operation = operationOf(service, params);
  record.operation = operation;
  if (!ctx.caller && !(ctx.service === "sts" && UNSIGNED.has(operation))) {
    throw queryError(service.model, "MissingAuthenticationToken", "Request is missing Authentication Token");
  }
  const refusal = sessionRefusal(ctx);
  if (refusal) throw refusal;
  const [inputRef, outputRef] = service.model.operations[operation];
  const input = decodeInput(service.model, inputRef, params);
  const call: ApiCall = { ctx, account: ctx.account, operation, input, options: service.options(ctx, operation, input), record };
  let output: unknown;
  try {
    output = await service.operations[operation](call);
  } catch (err) {
    const e = asQueryError(err, service.model);
    if (e.code === "AccessDenied" && record.decisions.length === 0) {
      const decision = explainDenial(ctx, operation, input, e.message);
      if (decision) record.decisions.push(decision);
    }
    throw e;
  }
  record.allowed = true;
  return new Response(responseXml(service.model, operation, outputRef, output, ctx.requestId), {
    status: 200, headers: { "content-type": "text/xml", "x-amzn-requestid": ctx.requestId },
  });
}

/**
 * Serves one IAM or STS call (`ctx.service`) whose request has been verified.
 * @example
 * const response = await handleQueryApi(await request.text(), { account, service: "iam", region, caller, context, requestId });
 */
export async function handleQueryApi(params: ReadonlyMap<string, string> | URLSearchParams | string, ctx: ApiCallContext): Promise<Response> {
  const service = QUERY_SERVICES[ctx.service as "iam" | "sts"];
  if (!service) throw new TypeError(`handleQueryApi serves iam and sts, not ${ctx.service}`);
  const record = callRecord(ctx, "Unknown", ctx.now ?? ctx.account.now());
  let response: Response;
  try {
    response = await run(service, toParams(params), ctx, record);
  } catch (err) {
    const e = asQueryError(err, service.model);
    record.error = { code: e.code, message: e.message };
    response = queryErrorResponse(ctx.service, e, ctx.requestId);
  }
  await emit(ctx.onDecision, record);
  return response;
}
