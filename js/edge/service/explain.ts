/**
 * @module edge/service/explain
 * `GET /_iam-edge/explain/<request id>`: a denial's decision record (who asked for what, each
 * authorization's decision, the statements that decided, the context keys missing, and the
 * engine's explanation), for the account's administrators.
 *
 * Who may read it is decided by IAM, as AWS decides who may decode an encoded authorization
 * failure message: the request is SigV4-signed (service `sts`, any region; e.g. `curl
 * --aws-sigv4 "aws:amz:us-east-1:sts" --user "$AWS_ACCESS_KEY_ID:$AWS_SECRET_ACCESS_KEY"`) and
 * the caller needs `sts:DecodeAuthorizationMessage` ("DecodeAuthorizationMessage", STS API
 * Reference: "you must be granted permissions through an IAM policy to request the decoded
 * message"). Only the caller's own account's denials are found. Answers are JSON; errors are
 * `{ "code", "message", "requestId" }` with AWS's codes.
 */
import { decideAll } from "../authorize/decide.ts";
import type { DecisionRecord } from "../authorize/decision-record.ts";
import { denialMessage } from "../authorize/denial-message.ts";
import { signedScope } from "../api/detect.ts";
import { verifyCall } from "../api/verify-caller.ts";
import { fallbackRecord } from "./fallback-record.ts";
import { accountOfRequest, MAX_BODY_BYTES, type ServiceDeps } from "./serve-call.ts";
import type { ApiCallContext } from "../api/call-context.ts";

export const EXPLAIN_PREFIX = "/_iam-edge/explain/";
const ACTION = "sts:DecodeAuthorizationMessage";
const REQUEST_ID = /^[A-Za-z0-9-]{8,64}$/;

function json(status: number, body: unknown, requestId: string): Response {
  return new Response(JSON.stringify(body, null, 2) + "\n", {
    status, headers: { "content-type": "application/json", "cache-control": "no-store", "x-amzn-requestid": requestId },
  });
}

function error(status: number, code: string, message: string, requestId: string): Response {
  return json(status, { code, message, requestId }, requestId);
}

export async function serveExplain(request: Request, deps: ServiceDeps): Promise<Response> {
  const requestId = crypto.randomUUID();
  const url = new URL(request.url);
  if (request.method !== "GET") return error(405, "MethodNotAllowed", "use GET", requestId);
  const id = decodeURIComponent(url.pathname.slice(EXPLAIN_PREFIX.length));
  const scope = signedScope(request);
  if (!scope) return error(403, "MissingAuthenticationToken", "Request is missing Authentication Token: sign it with SigV4 for service sts", requestId);
  if (scope.service !== "sts") return error(400, "IncompleteSignature", `Sign the explain request for service sts, not ${scope.service}`, requestId);
  const accountId = await accountOfRequest(request, scope.accessKeyId, deps);
  const rpc = accountId === undefined ? undefined : deps.account(accountId);
  const replica = accountId === undefined ? undefined : await deps.replicas.get(accountId, { sync: (known) => rpc!.sync(accountId, known, deps.origin) });
  const now = deps.config.now();
  const sourceIp = request.headers.get("cf-connecting-ip") ?? undefined;
  const call = await verifyCall(request, { accounts: replica?.account ?? (() => undefined), service: "sts", now, maxBody: MAX_BODY_BYTES, sourceIp });
  if ("error" in call) return error(call.error.status, call.error.code, call.error.message, requestId);
  const [d] = decideAll(call.account.engine, call.caller.resolved, [{ action: ACTION, resource: "*", context: {} }], call.context);
  const record: DecisionRecord = {
    requestId, time: now.toISOString(), service: "sts", operation: "DecodeAuthorizationMessage", allowed: d.result.decision === "Allow",
    principal: call.caller.principal, accessKeyId: call.caller.accessKeyId,
    decisions: [{ action: ACTION, resource: "*", decision: d.result.decision, reason: d.result.reason.code, matchedStatements: d.result.matchedStatements, missingContextValues: d.result.missingContextValues, ...(d.explanation ? { explanation: d.explanation } : {}) }],
  };
  const found = record.allowed && REQUEST_ID.test(id) ? await rpc!.decision(accountId!, id) : undefined;
  if (!record.allowed) record.error = { code: "AccessDenied", message: denialMessage(call.caller.principal, ACTION, "*", d.result) };
  else if (!found) record.error = { code: "NoSuchEntity", message: `No denial with request id ${id.slice(0, 64)} in account ${accountId}` };
  const ctx: ApiCallContext = { account: call.account, service: "sts", region: call.region, caller: call.caller, context: call.context, requestId };
  const audit = fallbackRecord(call.account, ctx, record, record.error ? 400 : 200);
  await rpc!.record(accountId!, { records: audit ? [audit] : [], decisions: record.allowed ? [] : [record], keyUses: [] });
  if (!record.allowed) return error(403, "AccessDenied", record.error!.message, requestId);
  if (!found) return error(404, "NoSuchEntity", record.error!.message, requestId);
  return json(200, found, requestId);
}
