/**
 * @module edge/streams/read-bounded
 * Reads a whole body into one buffer, but never more than a limit: past it the stream is
 * cancelled and the caller's error is thrown, so a hostile client cannot make the Worker hold
 * more than `limit` bytes (bodies that must be parsed whole: awsQuery forms, S3's XML requests).
 * The source is released once read (or cancelled), never left locked.
 */
import { SourceReader } from "./source-reader.ts";

/** The whole body (empty for none); `tooLarge()` is thrown once more than `limit` bytes arrived. */
export async function readBounded(source: ReadableStream<Uint8Array> | null, limit: number, tooLarge: () => Error): Promise<Uint8Array> {
  if (!source) return new Uint8Array(0);
  const reader = new SourceReader(source);
  const parts: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > limit) {
      await reader.cancel();
      throw tooLarge();
    }
    parts.push(value);
  }
  return concat(parts, total);
}

function concat(parts: Uint8Array[], total: number): Uint8Array {
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
