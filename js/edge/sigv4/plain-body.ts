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
import { readBounded } from "../streams/read-bounded.ts";
import { SourceReader } from "../streams/source-reader.ts";

export interface PlainBodyOptions {
  dialect: Dialect;
  /** A hex SHA-256 the body must have (lower-case). */
  sha256?: string;
  checksums: ChecksumCheck[];
}

/**
 * The body, checked as it streams. A pull stream over the source's reader (not pipeThrough, whose
 * internal pipe promise some runtimes report as unhandled when the check fails); the source is
 * locked only once the body is read, and released at its end, on its error or on cancel.
 */
export function verifyPlainBody(source: ReadableStream<Uint8Array>, options: PlainBodyOptions): ReadableStream<Uint8Array> {
  const hash = options.sha256 !== undefined ? sha256() : undefined;
  const reader = new SourceReader(source);
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
        await reader.cancel(err);
      }
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  }, { highWaterMark: 0 });
}

/** The whole body, or `bodyTooLarge` past `limit` bytes (reading stops there). */
export function readBoundedBody(source: ReadableStream<Uint8Array> | null, limit: number, dialect: Dialect): Promise<Uint8Array> {
  return readBounded(source, limit, () => bodyTooLarge(dialect, limit));
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
