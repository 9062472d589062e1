/**
 * @module edge/sigv4/plain-body
 * Bodies sent as they are (not aws-chunked): checked while they stream against a hex
 * `x-amz-content-sha256` (`XAmzContentSHA256Mismatch`) and any flexible checksum header
 * (`BadDigest`). The data flows through as it arrives and the stream errors before it closes
 * when a check fails, so a consumer (an R2 put, an upstream fetch) never sees a clean end of a
 * body that does not verify. Also the bounded buffering of a body whose hash must be known
 * before the signature can be checked.
 */
import { sha256 } from "../checksums/sha256.ts";
import type { ChecksumCheck } from "./checksum-check.ts";
import { toHex } from "./encoding.ts";
import { bodyTooLarge, contentSha256Mismatch, type Dialect } from "./errors.ts";

export interface PlainBodyOptions {
  dialect: Dialect;
  /** A hex SHA-256 the body must have (lower-case). */
  sha256?: string;
  checksums: ChecksumCheck[];
}

/**
 * The body, checked as it streams. A pull stream over the source's reader (not pipeThrough, whose
 * internal pipe promise some runtimes report as unhandled when the check fails).
 */
export function verifyPlainBody(source: ReadableStream<Uint8Array>, options: PlainBodyOptions): ReadableStream<Uint8Array> {
  const hash = options.sha256 !== undefined ? sha256() : undefined;
  const reader = source.getReader();
  const finish = () => {
    if (hash) {
      const computed = toHex(hash.digest());
      if (computed !== options.sha256) throw contentSha256Mismatch(options.dialect, options.sha256!, computed);
    }
    for (const c of options.checksums) c.verify();
  };
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { value, done } = await reader.read();
        if (done) {
          finish();
          controller.close();
          return;
        }
        hash?.update(value);
        for (const c of options.checksums) c.update(value);
        controller.enqueue(value);
      } catch (err) {
        controller.error(err);
        await reader.cancel(err).catch(() => {});
      }
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  }, { highWaterMark: 0 });
}

/** The whole body, or `bodyTooLarge` past `limit` bytes (reading stops there). */
export async function readBounded(source: ReadableStream<Uint8Array> | null, limit: number, dialect: Dialect): Promise<Uint8Array> {
  if (!source) return new Uint8Array(0);
  const reader = source.getReader();
  const parts: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > limit) {
      await reader.cancel().catch(() => {});
      throw bodyTooLarge(dialect, limit);
    }
    parts.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** A stream of one buffer (a body read before the check, handed on). */
export function streamOf(bytes: Uint8Array): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    start(controller) {
      if (bytes.length > 0) controller.enqueue(bytes);
      controller.close();
    },
  });
}
