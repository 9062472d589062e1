/**
 * @module edge/s3-api/range
 * The `Range` header S3 takes ("GetObject", S3 API Reference: one byte range, RFC 9110's
 * `bytes=first-last`, `bytes=first-`, `bytes=-suffix`; S3 does not return several ranges in one
 * response): a header that is not one such range is ignored (the whole object is answered), as
 * RFC 9110 lets a server ignore it; a range that starts past the end is 416 InvalidRange.
 * `x-amz-copy-source-range` (UploadPartCopy) takes only `bytes=first-last`, within the source.
 */
import { invalidArgument, invalidRange } from "./errors.ts";

export interface ByteRange {
  start: number;
  /** Inclusive. */
  end: number;
}

/**
 * The R2 range a `Range` header asks for: undefined for the whole object (no header, or not
 * one range), `unsatisfiable` for a suffix of zero bytes. R2 itself refuses a start past the end
 * (its InvalidRange), which the caller answers as 416.
 */
export function parseRange(header: string | null): { offset: number; length?: number } | { suffix: number } | "unsatisfiable" | undefined {
  if (header === null) return undefined;
  const m = /^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$/.exec(header);
  if (!m || (m[1] === "" && m[2] === "")) return undefined;
  if (m[1] === "") {
    const suffix = Number(m[2]);
    return suffix === 0 ? "unsatisfiable" : { suffix };
  }
  const start = Number(m[1]);
  if (m[2] === "") return { offset: start };
  const end = Number(m[2]);
  return end < start ? undefined : { offset: start, length: end - start + 1 };
}

/** `x-amz-copy-source-range` of an UploadPartCopy. @throws S3Error InvalidArgument, InvalidRange */
export function copySourceRange(header: string | null, size: number): ByteRange | undefined {
  if (header === null) return undefined;
  const m = /^bytes=(\d+)-(\d+)$/.exec(header.trim());
  if (!m) throw invalidArgument("The x-amz-copy-source-range value must be of the form bytes=first-last where first and last are the zero-based offsets of the first and last bytes to copy", "x-amz-copy-source-range", header);
  const start = Number(m[1]);
  const end = Number(m[2]);
  if (end < start || end >= size) throw invalidRange(size, header);
  return { start, end };
}
