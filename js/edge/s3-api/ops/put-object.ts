/**
 * @module edge/s3-api/ops/put-object
 * PutObject ("PutObject", S3 API Reference): the body streamed from the verified request into
 * R2 (never held whole), with its metadata (object-meta.ts), its tags (`x-amz-tagging`), and its
 * checksum; `Content-MD5` checked by R2 (`BadDigest`); conditional writes with `If-None-Match: *`
 * (only when the key is free) and `If-Match` (only over that ETag), `PreconditionFailed` otherwise.
 * The answer carries the ETag (the body's MD5) and the checksum.
 */
import type { S3Context } from "../context.ts";
import { drain, tapBody } from "../body.ts";
import { checksumHeaders, fullObject, uploadChecksum } from "../checksum.ts";
import { invalidDigest, notImplemented, preconditionFailed } from "../errors.ts";
import { objectKey } from "../layout.ts";
import { etagOf, metadataFromHeaders, withChecksum } from "../object-meta.ts";
import { checkEncryption, checkKey, checkObjectAcl, uploadLength } from "../object-checks.ts";
import { knownLength, type R2Conditional } from "../r2.ts";
import { r2Failure } from "../r2-errors.ts";
import { writeSidecar } from "../sidecar.ts";
import { tagsFromHeader } from "../tags.ts";

/** `Content-MD5` as R2 takes it (hex), or undefined. @throws S3Error InvalidDigest */
export function contentMd5(headers: Headers): string | undefined {
  const v = headers.get("content-md5");
  if (v === null) return undefined;
  let bytes: string;
  try {
    bytes = atob(v.trim());
  } catch {
    throw invalidDigest();
  }
  if (bytes.length !== 16) throw invalidDigest();
  return Array.from(bytes, (c) => c.charCodeAt(0).toString(16).padStart(2, "0")).join("");
}

/** The write's preconditions (S3's conditional writes). */
function writeConditions(headers: Headers): { onlyIf?: R2Conditional; name?: string } {
  const noneMatch = headers.get("if-none-match");
  const match = headers.get("if-match");
  if (noneMatch !== null && noneMatch.trim() !== "*") throw notImplemented("If-None-Match on a write takes only *");
  if (noneMatch !== null) return { onlyIf: { etagDoesNotMatch: "*" }, name: "If-None-Match" };
  if (match !== null) return { onlyIf: { etagMatches: match.trim().replace(/^"|"$/g, "") }, name: "If-Match" };
  return {};
}

export async function putObject(ctx: S3Context): Promise<Response> {
  const key = ctx.key!;
  const bucket = ctx.bucket!;
  checkKey(key);
  await checkObjectAcl(ctx);
  const sse = checkEncryption(ctx.headers);
  const length = uploadLength(ctx);
  const tagging = ctx.headers.get("x-amz-tagging");
  const tags = tagging === null ? undefined : tagsFromHeader(tagging);
  const checksum = uploadChecksum(ctx);
  const early = checksum?.location === "header" ? fullObject(checksum.algorithm, checksum.value()) : undefined;
  const meta = withChecksum(metadataFromHeaders(ctx.headers), early);
  const md5 = contentMd5(ctx.headers);
  const { onlyIf, name } = writeConditions(ctx.headers);
  const tap = tapBody(ctx.body);
  let stored;
  try {
    // A write of zero bytes would complete before the body's verdict: read (verify) it first.
    const value = length === 0 ? await drain(tap.stream).then(() => new Uint8Array(0)) : knownLength(tap.stream, length);
    stored = await ctx.r2.put(objectKey(bucket.id, key), value, { ...meta, ...(md5 ? { md5 } : {}), ...(onlyIf ? { onlyIf } : {}) });
  } catch (err) {
    throw r2Failure(err, tap);
  }
  if (stored === null) throw preconditionFailed(name ?? "If-Match");
  const late = checksum?.location === "trailer" ? fullObject(checksum.algorithm, checksum.value()) : undefined;
  if (tags?.length || late) await writeSidecar(ctx.r2, bucket.id, key, { v: stored.version, ...(tags?.length ? { tags } : {}), ...(late ? { checksum: late } : {}) });
  const headers: Record<string, string> = { etag: etagOf(stored), ...checksumHeaders(early ?? late) };
  if (sse) headers["x-amz-server-side-encryption"] = sse;
  return new Response(null, { status: 200, headers });
}
