/**
 * @module edge/s3-api/ops/copy-object
 * CopyObject ("CopyObject", S3 API Reference): the source's bytes streamed from R2 into the
 * destination; `x-amz-metadata-directive` COPY (default: the source's metadata, content headers
 * and checksum) or REPLACE (the request's); `x-amz-tagging-directive` COPY (the source's tags) or
 * REPLACE (`x-amz-tagging`). Copying an object onto itself without changing anything is refused
 * as S3 refuses it. The answer is `<CopyObjectResult>` with the new ETag (the copy is one upload:
 * its ETag is its MD5, even from a multipart source).
 */
import type { S3Context } from "../context.ts";
import { openCopySource } from "../copy-source.ts";
import { invalidArgument, invalidRequest } from "../errors.ts";
import { objectKey } from "../layout.ts";
import { etagOf, isoDate, metadataFromHeaders, storedChecksum, type ObjectMetadata, type StoredChecksum } from "../object-meta.ts";
import { checkEncryption, checkKey, checkObjectAcl } from "../object-checks.ts";
import { knownLength } from "../r2.ts";
import { r2Failure } from "../r2-errors.ts";
import { writeSidecar } from "../sidecar.ts";
import { tagsFromHeader, type TagSet } from "../tags.ts";
import { el, xmlDocument, xmlResponse } from "../xml.ts";

function directive(headers: Headers, name: string): "COPY" | "REPLACE" {
  const v = headers.get(name);
  if (v === null || v === "COPY") return "COPY";
  if (v === "REPLACE") return "REPLACE";
  throw invalidArgument(`Unknown ${name}`, name, v);
}

export async function copyObject(ctx: S3Context): Promise<Response> {
  const key = ctx.key!;
  checkKey(key);
  await checkObjectAcl(ctx);
  const sse = checkEncryption(ctx.headers);
  const metaDirective = directive(ctx.headers, "x-amz-metadata-directive");
  const tagDirective = directive(ctx.headers, "x-amz-tagging-directive");
  const source = await openCopySource(ctx, ctx.sourceBucket, false);
  const self = source.bucket.id === ctx.bucket!.id && source.key === key;
  if (self && metaDirective === "COPY" && !ctx.headers.has("x-amz-storage-class") && !sse) {
    await source.object.body.cancel().catch(() => undefined);
    throw invalidRequest("This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata, storage class, website redirect location or encryption attributes.");
  }
  // A whole-object checksum stays true of the same bytes; a composite one (of parts) does not.
  const full = [source.sidecar?.checksum, storedChecksum(source.object)].find((c): c is StoredChecksum => c?.type === "FULL_OBJECT");
  const base: ObjectMetadata = metaDirective === "REPLACE" ? metadataFromHeaders(ctx.headers)
    : { httpMetadata: { ...source.object.httpMetadata }, customMetadata: Object.fromEntries(Object.entries(source.object.customMetadata ?? {}).filter(([k]) => k !== ":c" && k !== ":ct")) };
  const meta: ObjectMetadata = full ? { ...base, customMetadata: { ...base.customMetadata, ":c": `${full.algorithm}:${full.value}`, ":ct": "FULL_OBJECT" } } : base;
  const tagging = ctx.headers.get("x-amz-tagging");
  const tags: TagSet = tagDirective === "REPLACE" ? (tagging === null ? [] : tagsFromHeader(tagging)) : source.sidecar?.tags ?? [];
  let stored;
  try {
    stored = await ctx.r2.put(objectKey(ctx.bucket!.id, key), knownLength(source.object.body, source.object.size), meta);
  } catch (err) {
    throw r2Failure(err);
  }
  if (!stored) throw invalidRequest("The copy was not stored");
  if (tags.length) await writeSidecar(ctx.r2, ctx.bucket!.id, key, { v: stored.version, tags });
  const checksum = full ? el(`Checksum${full.algorithm}`, full.value) : "";
  const headers: Record<string, string> = sse ? { "x-amz-server-side-encryption": sse } : {};
  return xmlResponse(xmlDocument("CopyObjectResult", el("ETag", etagOf(stored)) + el("LastModified", isoDate(stored.uploaded)) + checksum), headers);
}
