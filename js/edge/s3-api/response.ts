/**
 * @module edge/s3-api/response
 * S3's error document ("Error responses", S3 API Reference): `<Error>` with `Code`, `Message`,
 * the error's own elements, `Resource` (the bucket or object path the request named) and
 * `RequestId`, the request id also in `x-amz-request-id`; HEAD answers carry no body (S3 sends
 * the status alone). Every answer gets `x-amz-request-id` and `x-amz-id-2`.
 */
import type { SigV4Error } from "../sigv4/errors.ts";
import type { S3Error } from "./errors.ts";
import { el, esc } from "./xml.ts";

export function errorResponse(e: S3Error | SigV4Error, requestId: string, resource: string, method: string): Response {
  const fields = "fields" in e ? e.fields : e.details;
  const extra = Object.entries(fields).map(([k, v]) => el(k, v)).join("");
  const body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${esc(e.code)}</Code><Message>${esc(e.message)}</Message>${extra}${el("Resource", resource)}<RequestId>${requestId}</RequestId><HostId>${requestId}</HostId></Error>`;
  return new Response(method === "HEAD" ? null : body, { status: e.status, headers: { "content-type": "application/xml" } });
}

/** Adds the request id headers (a copy when the response's headers are immutable). */
export function withRequestId(response: Response, requestId: string): Response {
  try {
    response.headers.set("x-amz-request-id", requestId);
    response.headers.set("x-amz-id-2", requestId);
    return response;
  } catch {
    const copy = new Response(response.body, response);
    copy.headers.set("x-amz-request-id", requestId);
    copy.headers.set("x-amz-id-2", requestId);
    return copy;
  }
}
