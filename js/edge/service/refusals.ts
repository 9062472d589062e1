/**
 * @module edge/service/refusals
 * Refusals the service itself answers (the wire layer answers the rest): a caller whose key or
 * session went away between the Worker's check and the object's run of the call, and errors
 * before any account is known, each in the API's own shape: `<ErrorResponse>` for IAM and STS,
 * JSON 1.1 with CloudTrail's codes for CloudTrail.
 */
import { QueryError, queryErrorResponse } from "../aws-query/errors.ts";
import { jsonErrorFromQuery } from "../cloudtrail-api/sigv4-errors.ts";
import { jsonErrorResponse } from "../cloudtrail-api/json-errors.ts";
import type { ApiService } from "../api/call-context.ts";

/** The model's refusal of credentials, as IAM and STS answer it (ExpiredToken 403, AccessDenied 403, else InvalidClientTokenId 403). */
export function callerRefusal(err: unknown): QueryError {
  const code = (err as { code?: unknown } | null)?.code;
  if (code === "ExpiredToken") return new QueryError("ExpiredToken", 403, "The security token included in the request is expired");
  if (code === "AccessDenied") return new QueryError("AccessDenied", 403, String((err as Error).message));
  return new QueryError("InvalidClientTokenId", 403, "The security token included in the request is invalid.");
}

/** The error in the API's shape. */
export function refusalResponse(service: ApiService | undefined, e: { code: string; status: number; message: string }, requestId: string): Response {
  if (service === "cloudtrail") return jsonErrorResponse(jsonErrorFromQuery(new QueryError(e.code, e.status, e.message)), requestId);
  return queryErrorResponse(service, e, requestId);
}
