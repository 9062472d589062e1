/**
 * @module edge/http/forward
 * The request an origin behind the authorizer receives: the verified body (decoded from
 * aws-chunked), without the caller's credentials (Authorization, X-Amz-Security-Token, and the
 * presigned query's X-Amz-* signing parameters are removed), with the headers that described the
 * aws-chunked encoding replaced by the decoded length, and with `x-iam-edge-principal` and
 * `x-iam-edge-request-id` telling the origin who was allowed and under which id.
 */
const SIGNING_QUERY = ["X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Date", "X-Amz-Expires", "X-Amz-SignedHeaders", "X-Amz-Signature", "X-Amz-Security-Token"];
const CHUNKED_HEADERS = ["x-amz-decoded-content-length", "x-amz-trailer", "x-amz-content-sha256", "content-length"];

export interface ForwardInput {
  request: { method: string; url: string; headers: Headers };
  body: ReadableStream<Uint8Array> | Uint8Array | null;
  decodedContentLength?: number;
  principal: string;
  requestId: string;
}

export function forwardRequest(input: ForwardInput): Request {
  const url = new URL(input.request.url);
  for (const name of SIGNING_QUERY) url.searchParams.delete(name);
  const headers = new Headers(input.request.headers);
  headers.delete("authorization");
  headers.delete("x-amz-security-token");
  if (input.decodedContentLength !== undefined) {
    for (const h of CHUNKED_HEADERS) headers.delete(h);
    const encodings = (headers.get("content-encoding") ?? "").split(",").map((s) => s.trim()).filter((s) => s !== "" && s.toLowerCase() !== "aws-chunked");
    if (encodings.length) headers.set("content-encoding", encodings.join(", "));
    else headers.delete("content-encoding");
    headers.set("content-length", String(input.decodedContentLength));
  }
  headers.set("x-iam-edge-principal", input.principal);
  headers.set("x-iam-edge-request-id", input.requestId);
  const hasBody = input.body !== null && input.request.method !== "GET" && input.request.method !== "HEAD";
  // `duplex: "half"` lets Node send a streamed body; Workers and browsers accept and ignore it.
  return new Request(url, { method: input.request.method, headers, body: hasBody ? (input.body as BodyInit) : null, duplex: "half" } as RequestInit);
}
