/**
 * @module edge/cloudtrail-api/json-errors
 * Errors of the JSON 1.1 protocol: `{"__type": "<Code>", "message": "..."}` with
 * `Content-Type: application/x-amz-json-1.1`, `x-amzn-RequestId`, and, because CloudTrail's
 * model is query-compatible (each error carries an `awsQueryError` code), the
 * `x-amzn-query-error: <QueryCode>;<Sender|Receiver>` header the SDKs read for it.
 * Statuses: CloudTrail's modeled errors as the AWS model gives them (models/cloudtrail.ts); the
 * JSON protocol's own (SerializationException, UnknownOperationException, ...) 400; the SigV4
 * family's as js/edge/sigv4/errors.ts gives them.
 */
import { CLOUDTRAIL_MODEL } from "../aws-query/models/cloudtrail.ts";

export interface JsonError {
  code: string;
  status: number;
  message: string;
}

/** A request refused in JSON 1.1's shape (thrown inside the layer). */
export class JsonApiError extends Error implements JsonError {
  constructor(readonly code: string, readonly status: number, message: string) {
    super(message);
    this.name = "JsonApiError";
  }
}

/** A CloudTrail error with the status the AWS model gives it (400 for the protocol's own codes). */
export function cloudTrailError(code: string, message: string): JsonApiError {
  return new JsonApiError(code, CLOUDTRAIL_MODEL.errors[code]?.[0] ?? 400, message);
}

/**
 * The error as a JSON 1.1 response.
 * @example
 * jsonErrorResponse({ code: "InvalidMaxResultsException", status: 400, message: "..." }, requestId)
 */
export function jsonErrorResponse(e: JsonError, requestId: string): Response {
  const headers: Record<string, string> = { "content-type": "application/x-amz-json-1.1", "x-amzn-requestid": requestId };
  const compat = CLOUDTRAIL_MODEL.errors[e.code];
  if (compat) headers["x-amzn-query-error"] = `${compat[1]};${compat[2]}`;
  return new Response(JSON.stringify({ __type: e.code, message: e.message }), { status: e.status, headers });
}
