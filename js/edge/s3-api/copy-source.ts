/**
 * @module edge/s3-api/copy-source
 * The source of CopyObject and UploadPartCopy: `x-amz-copy-source` (`bucket/key`, URL-encoded,
 * an optional leading `/`, an optional `?versionId=`), read through R2 with the source
 * conditions (conditions.ts) and, for a part, a byte range. The source bucket was looked up and
 * authorized with the request (`s3:GetObject` on the source object, under the source bucket's
 * policy and owner).
 */
import type { S3Context } from "./context.ts";
import { parseCopySource } from "../s3/map-request.ts";
import { checkCopySourceConditions } from "./conditions.ts";
import { invalidArgument, invalidRequest, noSuchBucket, noSuchKey } from "./errors.ts";
import { objectKey } from "./layout.ts";
import { hasBody, type R2ObjectBody } from "./r2.ts";
import { copySourceRange, type ByteRange } from "./range.ts";
import { readSidecar, type Sidecar } from "./sidecar.ts";
import type { BucketInfo } from "./buckets.ts";

/** S3's largest copy source ("CopyObject": 5 GB; larger objects are copied in parts). */
export const MAX_COPY_SOURCE = 5 * 1024 ** 3;

export interface CopySource {
  bucket: BucketInfo;
  key: string;
  object: R2ObjectBody;
  sidecar?: Sidecar;
  range?: ByteRange;
}

/** The parsed header. @throws S3Error InvalidArgument */
export function copySourceOf(headers: Headers): { bucket: string; key: string } {
  const source = parseCopySource(headers.get("x-amz-copy-source") ?? "");
  if (!source) throw invalidArgument("Copy Source must mention the source bucket and key: sourcebucket/sourcekey", "x-amz-copy-source", headers.get("x-amz-copy-source") ?? "");
  if (source.versionId !== undefined && source.versionId !== "null") throw invalidArgument("Invalid version id specified", "x-amz-copy-source", source.versionId);
  return source;
}

/** Opens the source for reading (whole, or the part's range). */
export async function openCopySource(ctx: S3Context, sourceBucket: BucketInfo | undefined, withRange: boolean): Promise<CopySource> {
  const { bucket: name, key } = copySourceOf(ctx.headers);
  if (!sourceBucket) throw noSuchBucket(name);
  const r2Key = objectKey(sourceBucket.id, key);
  const head = await ctx.r2.head(r2Key);
  if (!head) throw noSuchKey(key);
  checkCopySourceConditions(ctx.headers, head);
  const range = withRange ? copySourceRange(ctx.headers.get("x-amz-copy-source-range"), head.size) : undefined;
  if (!range && head.size > MAX_COPY_SOURCE) throw invalidRequest(`The specified copy source is larger than the maximum allowable size for a copy source: ${MAX_COPY_SOURCE}`);
  const [object, sidecar] = await Promise.all([
    ctx.r2.get(r2Key, { ...(range ? { range: { offset: range.start, length: range.end - range.start + 1 } } : {}), onlyIf: { etagMatches: head.etag } }),
    readSidecar(ctx.r2, sourceBucket.id, key, head.version),
  ]);
  // Replaced between the two reads: as S3 would have read one or the other, take it as gone.
  if (!hasBody(object)) throw noSuchKey(key);
  return { bucket: sourceBucket, key, object, sidecar, range };
}
