/**
 * @module edge/s3-api/ops/multipart/create
 * CreateMultipartUpload ("CreateMultipartUpload", S3 API Reference): an R2 multipart upload for
 * the key, with the object's metadata and tags, and our record of it (multipart-store.ts). A
 * checksum algorithm (`x-amz-checksum-algorithm`) and type (`x-amz-checksum-type`) are checked as
 * S3 pairs them ("Checking object integrity": FULL_OBJECT with CRC32, CRC32C or CRC64NVME;
 * COMPOSITE with CRC32, CRC32C, SHA1 or SHA256; CRC64NVME is full-object only, and the default
 * type of the others is COMPOSITE).
 */
import type { S3Context } from "../../context.ts";
import { checksumByAlgorithm } from "../../../checksums/algorithms.ts";
import { invalidRequest } from "../../errors.ts";
import { newUploadId, objectKey } from "../../layout.ts";
import { metadataFromHeaders, storageClassOf } from "../../object-meta.ts";
import { checkEncryption, checkKey, checkObjectAcl } from "../../object-checks.ts";
import { writeUpload, type UploadRecord } from "../../multipart-store.ts";
import { r2Failure } from "../../r2-errors.ts";
import { tagsFromHeader } from "../../tags.ts";
import { el, xmlDocument, xmlResponse } from "../../xml.ts";

const FULL_OBJECT_ONLY = new Set(["CRC64NVME"]);
const COMPOSITE_ONLY = new Set(["SHA1", "SHA256"]);

/** The upload's checksum algorithm and type. @throws S3Error InvalidRequest */
export function uploadChecksumOf(headers: Headers): Pick<UploadRecord, "checksumAlgorithm" | "checksumType"> {
  const raw = headers.get("x-amz-checksum-algorithm");
  const type = headers.get("x-amz-checksum-type")?.toUpperCase();
  if (raw === null) {
    if (type !== undefined) throw invalidRequest("The x-amz-checksum-type header can only be used with the x-amz-checksum-algorithm header.");
    return {};
  }
  const spec = checksumByAlgorithm(raw);
  if (!spec) throw invalidRequest("Checksum algorithm provided is unsupported. Please try again with any of the valid types: [CRC32, CRC32C, CRC64NVME, SHA1, SHA256]");
  const a = spec.algorithm;
  if (type !== undefined && type !== "COMPOSITE" && type !== "FULL_OBJECT") throw invalidRequest("Value for x-amz-checksum-type header is invalid.");
  const resolved = type ?? (FULL_OBJECT_ONLY.has(a) ? "FULL_OBJECT" : "COMPOSITE");
  if ((resolved === "COMPOSITE" && FULL_OBJECT_ONLY.has(a)) || (resolved === "FULL_OBJECT" && COMPOSITE_ONLY.has(a))) {
    throw invalidRequest(`The ${resolved} checksum type cannot be used with the ${a.toLowerCase()} checksum algorithm.`);
  }
  return { checksumAlgorithm: a, checksumType: resolved };
}

export async function createMultipartUpload(ctx: S3Context): Promise<Response> {
  const key = ctx.key!;
  const bucket = ctx.bucket!;
  checkKey(key);
  await checkObjectAcl(ctx);
  const sse = checkEncryption(ctx.headers);
  const meta = metadataFromHeaders(ctx.headers);
  const tagging = ctx.headers.get("x-amz-tagging");
  const tags = tagging === null ? [] : tagsFromHeader(tagging);
  const checksum = uploadChecksumOf(ctx.headers);
  let r2Upload;
  try {
    r2Upload = await ctx.r2.createMultipartUpload(objectKey(bucket.id, key), meta);
  } catch (err) {
    throw r2Failure(err);
  }
  const uploadId = newUploadId(ctx.now.getTime());
  await writeUpload(ctx.r2, bucket.id, {
    uploadId, key, r2UploadId: r2Upload.uploadId, initiator: ctx.caller.principal, initiated: ctx.now, storageClass: storageClassOf(meta), tags, ...checksum,
  });
  const headers: Record<string, string> = {};
  if (checksum.checksumAlgorithm) headers["x-amz-checksum-algorithm"] = checksum.checksumAlgorithm;
  if (checksum.checksumType) headers["x-amz-checksum-type"] = checksum.checksumType;
  if (sse) headers["x-amz-server-side-encryption"] = sse;
  return xmlResponse(xmlDocument("InitiateMultipartUploadResult", el("Bucket", bucket.name) + el("Key", key) + el("UploadId", uploadId)), headers);
}
