/**
 * @module edge/s3-api/conditions
 * Conditional requests as S3 evaluates them ("GetObject", S3 API Reference, with RFC 7232): an
 * `If-Match` that fails, or an `If-Unmodified-Since` that fails without an `If-Match`, is 412
 * PreconditionFailed; an `If-None-Match` that matches, or an `If-Modified-Since` that fails
 * without an `If-None-Match`, is 304 Not Modified. S3's two documented pairs follow: If-Match
 * true with If-Unmodified-Since false answers the object; If-None-Match false with
 * If-Modified-Since true answers 304... only when If-None-Match matches, as RFC 7232 orders.
 * Times compare at whole seconds (Last-Modified's precision). CopyObject and UploadPartCopy
 * check the same on the source (`x-amz-copy-source-if-*`), where every failure is 412.
 */
import { preconditionFailed } from "./errors.ts";
import type { R2Object } from "./r2.ts";

export type ConditionOutcome = "ok" | "not-modified" | { failed: string };

function etagMatches(list: string, etag: string): boolean {
  return list.split(",").map((s) => s.trim().replace(/^W\//, "").replace(/^"|"$/g, "")).some((e) => e === "*" || e === etag);
}

function seconds(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}

function parseHttpDate(value: string | null): number | undefined {
  if (value === null) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : Math.floor(ms / 1000);
}

interface ConditionHeaders {
  ifMatch: string | null;
  ifNoneMatch: string | null;
  ifModifiedSince: string | null;
  ifUnmodifiedSince: string | null;
}

export function evaluateConditions(c: ConditionHeaders, object: Pick<R2Object, "etag" | "uploaded">): ConditionOutcome {
  const modified = seconds(object.uploaded);
  if (c.ifMatch !== null) {
    if (!etagMatches(c.ifMatch, object.etag)) return { failed: "If-Match" };
  } else {
    const since = parseHttpDate(c.ifUnmodifiedSince);
    if (since !== undefined && modified > since) return { failed: "If-Unmodified-Since" };
  }
  if (c.ifNoneMatch !== null) {
    if (etagMatches(c.ifNoneMatch, object.etag)) return "not-modified";
  } else {
    const since = parseHttpDate(c.ifModifiedSince);
    if (since !== undefined && modified <= since) return "not-modified";
  }
  return "ok";
}

/** The conditions of a GetObject or HeadObject. */
export function readConditions(headers: Headers): ConditionHeaders {
  return { ifMatch: headers.get("if-match"), ifNoneMatch: headers.get("if-none-match"), ifModifiedSince: headers.get("if-modified-since"), ifUnmodifiedSince: headers.get("if-unmodified-since") };
}

/** The source conditions of a copy; any failure is 412. @throws S3Error PreconditionFailed */
export function checkCopySourceConditions(headers: Headers, source: Pick<R2Object, "etag" | "uploaded">): void {
  const outcome = evaluateConditions({
    ifMatch: headers.get("x-amz-copy-source-if-match"), ifNoneMatch: headers.get("x-amz-copy-source-if-none-match"),
    ifModifiedSince: headers.get("x-amz-copy-source-if-modified-since"), ifUnmodifiedSince: headers.get("x-amz-copy-source-if-unmodified-since"),
  }, source);
  if (outcome === "not-modified") throw preconditionFailed("x-amz-copy-source-If-None-Match");
  if (outcome !== "ok") throw preconditionFailed(`x-amz-copy-source-${outcome.failed}`);
}
