/**
 * @module edge/api/read-body
 * A request body read whole, but never more than a limit: a `Content-Length` above it is refused
 * before reading, and a body that grows past it (chunked, or lying about its length) is
 * cancelled there. Errors of the stream (a verified body whose hash or chunk signature fails)
 * pass through to the caller.
 */
import { QueryError } from "../aws-query/errors.ts";

function tooLarge(limit: number): QueryError {
  return new QueryError("RequestEntityTooLarge", 413, `The request body is larger than this endpoint accepts (${limit} bytes)`);
}

/** The body's bytes (empty for no body). @throws QueryError RequestEntityTooLarge */
export async function readBody(body: ReadableStream<Uint8Array> | null, limit: number, contentLength?: string | null): Promise<Uint8Array> {
  if (contentLength && /^\d+$/.test(contentLength) && Number(contentLength) > limit) {
    await body?.cancel().catch(() => undefined);
    throw tooLarge(limit);
  }
  if (!body) return new Uint8Array(0);
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
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
