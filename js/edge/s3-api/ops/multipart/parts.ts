/**
 * @module edge/s3-api/ops/multipart/parts
 * UploadPart and UploadPartCopy ("UploadPart", "UploadPartCopy", S3 API Reference): the part's
 * bytes streamed into the R2 upload (from the verified request, or from the copy source's byte
 * range), their MD5 computed on the way (the part's ETag), then the part recorded. A part's
 * checksum must be of the upload's algorithm ("Checksum Type mismatch"); a part copied in gets
 * the upload's checksum computed over the bytes copied. `Content-MD5` is compared with the MD5:
 * a part that does not match is not recorded (`BadDigest`).
 */
import type { S3Context } from "../../context.ts";
import { checksumByAlgorithm } from "../../../checksums/algorithms.ts";
import { toBase64 } from "../../../sigv4/encoding.ts";
import { drain, tapBody } from "../../body.ts";
import { uploadChecksum } from "../../checksum.ts";
import { openCopySource } from "../../copy-source.ts";
import { badDigest, invalidRequest } from "../../errors.ts";
import { objectKey } from "../../layout.ts";
import { isoDate } from "../../object-meta.ts";
import { uploadLength } from "../../object-checks.ts";
import { partNumberOf, readUpload, writePart } from "../../multipart-store.ts";
import { knownLength } from "../../r2.ts";
import { r2Failure } from "../../r2-errors.ts";
import { el, xmlDocument, xmlResponse } from "../../xml.ts";
import { contentMd5 } from "../put-object.ts";

const MAX_PART = 5 * 1024 ** 3;

export async function uploadPart(ctx: S3Context): Promise<Response> {
  const bucket = ctx.bucket!;
  const partNumber = partNumberOf(ctx.params.get("partNumber"));
  const upload = await readUpload(ctx.r2, bucket.id, ctx.key!, ctx.params.get("uploadId"));
  const length = uploadLength(ctx, MAX_PART);
  const checksum = uploadChecksum(ctx);
  if (checksum && upload.checksumAlgorithm && checksum.algorithm !== upload.checksumAlgorithm) {
    throw invalidRequest(`Checksum Type mismatch occurred, expected checksum Type: ${upload.checksumAlgorithm.toLowerCase()}, actual checksum Type: ${checksum.algorithm.toLowerCase()}`);
  }
  const md5 = contentMd5(ctx.headers);
  const tap = tapBody(ctx.body, true);
  let part;
  try {
    const value = length === 0 ? await drain(tap.stream).then(() => new Uint8Array(0)) : knownLength(tap.stream, length);
    part = await ctx.r2.resumeMultipartUpload(objectKey(bucket.id, ctx.key!), upload.r2UploadId).uploadPart(partNumber, value);
  } catch (err) {
    throw r2Failure(err, tap);
  }
  if (md5 !== undefined && md5 !== tap.md5) throw badDigest();
  const value = checksum?.value();
  await writePart(ctx.r2, bucket.id, upload.uploadId, { partNumber, md5: tap.md5!, r2Etag: part.etag, size: tap.bytes, ...(value ? { checksum: value } : {}) });
  const headers: Record<string, string> = { etag: `"${tap.md5}"` };
  if (checksum && value) headers[`x-amz-checksum-${checksum.algorithm.toLowerCase()}`] = value;
  return new Response(null, { status: 200, headers });
}

export async function uploadPartCopy(ctx: S3Context): Promise<Response> {
  const bucket = ctx.bucket!;
  const partNumber = partNumberOf(ctx.params.get("partNumber"));
  const upload = await readUpload(ctx.r2, bucket.id, ctx.key!, ctx.params.get("uploadId"));
  const source = await openCopySource(ctx, ctx.sourceBucket, true);
  const size = source.range ? source.range.end - source.range.start + 1 : source.object.size;
  if (size > MAX_PART) {
    await source.object.body.cancel().catch(() => undefined);
    throw invalidRequest(`The specified copy range is larger than the maximum allowable size for a part: ${MAX_PART}`);
  }
  const spec = upload.checksumAlgorithm ? checksumByAlgorithm(upload.checksumAlgorithm) : undefined;
  const tap = tapBody(source.object.body, true, spec?.create());
  let part;
  try {
    part = await ctx.r2.resumeMultipartUpload(objectKey(bucket.id, ctx.key!), upload.r2UploadId).uploadPart(partNumber, knownLength(tap.stream, size));
  } catch (err) {
    throw r2Failure(err, tap);
  }
  const checksum = tap.digest ? toBase64(tap.digest) : undefined;
  const stored = await writePart(ctx.r2, bucket.id, upload.uploadId, { partNumber, md5: tap.md5!, r2Etag: part.etag, size: tap.bytes, ...(checksum ? { checksum } : {}) });
  const extra = checksum && spec ? el(`Checksum${spec.algorithm}`, checksum) : "";
  return xmlResponse(xmlDocument("CopyPartResult", el("ETag", `"${tap.md5}"`) + el("LastModified", isoDate(stored.lastModified)) + extra));
}
