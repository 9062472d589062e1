/**
 * @module edge/org-api/json
 * JSON 1.1 as Organizations writes it: timestamps as epoch seconds (the protocol's default
 * timestamp format), members left out when absent; errors as `{"__type": "<Code>", "Message":
 * "...", "Reason": "..."}` (Reason for ConstraintViolationException and InvalidInputException)
 * with the status the AWS model gives the code (model.ts) and `x-amzn-RequestId`.
 */
import { ORGANIZATIONS_MODEL } from "./model.ts";

const HEADERS = { "content-type": "application/x-amz-json-1.1" };

/** The output as JSON 1.1 (Dates as epoch seconds). */
export function orgJsonResponse(output: unknown, requestId: string): Response {
  const body = JSON.stringify(output ?? {}, function (this: Record<string, unknown>, key, value) {
    const raw = this[key];
    return raw instanceof Date ? raw.getTime() / 1000 : value;
  });
  return new Response(body, { status: 200, headers: { ...HEADERS, "x-amzn-requestid": requestId } });
}

export interface OrgApiError {
  code: string;
  message: string;
  reason?: string;
  /** Overrides the model's status (the protocol's own codes). */
  status?: number;
}

export function orgErrorResponse(e: OrgApiError, requestId: string): Response {
  const status = e.status ?? ORGANIZATIONS_MODEL.errors[e.code]?.[0] ?? 400;
  const body: Record<string, string> = { __type: e.code, Message: e.message };
  if (e.reason) body.Reason = e.reason;
  return new Response(JSON.stringify(body), { status, headers: { ...HEADERS, "x-amzn-requestid": requestId } });
}
