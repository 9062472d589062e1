/**
 * @module edge/http/responses
 * Errors in the shape each AWS service family sends them, with the request id:
 * - S3 (REST XML, "Error responses"): `<Error><Code/><Message/>...<RequestId/><HostId/></Error>`,
 *   the extra fields (`StringToSign`, `CanonicalRequest`, `ServerTime`, ...) as elements, and the
 *   `x-amz-request-id` header;
 * - query services (IAM, STS): `<ErrorResponse><Error><Type>Sender</Type><Code/><Message/>
 *   </Error><RequestId/></ErrorResponse>` in the service's namespace, `x-amzn-RequestId`;
 * - API Gateway: JSON `{"message": ...}` (`{"Message": ...}` for AccessDeniedException, as API
 *   Gateway writes it) with `x-amzn-ErrorType` and `x-amzn-RequestId`.
 */
import type { Dialect } from "../sigv4/errors.ts";

export interface ErrorShape {
  code: string;
  status: number;
  message: string;
  details?: Record<string, string>;
}

export function xmlEscape(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;" })[c]!);
}

const NAMESPACES: Record<string, string> = {
  sts: "https://sts.amazonaws.com/doc/2011-06-15/",
  iam: "https://iam.amazonaws.com/doc/2010-05-08/",
};

function s3Error(e: ErrorShape, requestId: string): Response {
  const extra = Object.entries(e.details ?? {}).map(([k, v]) => `<${k}>${xmlEscape(v)}</${k}>`).join("");
  const body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${xmlEscape(e.code)}</Code><Message>${xmlEscape(e.message)}</Message>${extra}<RequestId>${requestId}</RequestId><HostId>${requestId}</HostId></Error>`;
  return new Response(body, { status: e.status, headers: { "content-type": "application/xml", "x-amz-request-id": requestId } });
}

function queryError(e: ErrorShape, requestId: string, service?: string): Response {
  const ns = service && NAMESPACES[service] ? ` xmlns="${NAMESPACES[service]}"` : "";
  const type = e.status >= 500 ? "Receiver" : "Sender";
  const body = `<ErrorResponse${ns}><Error><Type>${type}</Type><Code>${xmlEscape(e.code)}</Code><Message>${xmlEscape(e.message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`;
  return new Response(body, { status: e.status, headers: { "content-type": "text/xml", "x-amzn-requestid": requestId } });
}

function apiGatewayError(e: ErrorShape, requestId: string): Response {
  const body = e.code === "AccessDeniedException" ? { Message: e.message } : { message: e.message };
  return new Response(JSON.stringify(body), {
    status: e.status,
    headers: { "content-type": "application/json", "x-amzn-errortype": e.code, "x-amzn-requestid": requestId },
  });
}

/** The error as the dialect's HTTP response. */
export function errorResponse(dialect: Dialect, e: ErrorShape, requestId: string, service?: string): Response {
  if (dialect === "s3") return s3Error(e, requestId);
  if (dialect === "execute-api") return apiGatewayError(e, requestId);
  return queryError(e, requestId, service);
}

/** AWS's AccessDenied for a denied request: S3's `AccessDenied`, API Gateway's `AccessDeniedException`. */
export function accessDeniedResponse(dialect: Dialect, message: string, requestId: string, service?: string): Response {
  const code = dialect === "execute-api" ? "AccessDeniedException" : "AccessDenied";
  return errorResponse(dialect, { code, status: 403, message }, requestId, service);
}
