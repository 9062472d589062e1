/**
 * @module edge/api/read-body
 * A request body read whole, but never more than a limit: a `Content-Length` above it is refused
 * before reading, and a body that grows past it (chunked, or lying about its length) is
 * cancelled there (js/edge/streams/read-bounded.ts), as `RequestEntityTooLarge`. Errors of the
 * stream (a verified body whose hash or chunk signature fails) pass through to the caller.
 */
import { QueryError } from "../aws-query/errors.ts";
import { readBounded } from "../streams/read-bounded.ts";

function tooLarge(limit: number): QueryError {
  return new QueryError("RequestEntityTooLarge", 413, `The request body is larger than this endpoint accepts (${limit} bytes)`);
}

/** The body's bytes (empty for no body). @throws QueryError RequestEntityTooLarge */
export async function readBody(body: ReadableStream<Uint8Array> | null, limit: number, contentLength?: string | null): Promise<Uint8Array> {
  if (contentLength && /^\d+$/.test(contentLength) && Number(contentLength) > limit) {
    await body?.cancel().catch(() => undefined);
    throw tooLarge(limit);
  }
  return readBounded(body, limit, () => tooLarge(limit));
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** The bytes as UTF-8 text. @throws QueryError MalformedQueryString */
export function bodyText(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    throw new QueryError("MalformedQueryString", 404, "The request body is not UTF-8 text");
  }
}
