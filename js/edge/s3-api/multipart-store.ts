/**
 * @module edge/s3-api/multipart-store
 * The records of multipart uploads in progress, which S3 lists (ListMultipartUploads, ListParts)
 * and R2's binding does not: one R2 object per upload (layout.ts: R2's upload id, the initiator,
 * the storage class and checksum the upload asked for in its custom metadata, the object's tags
 * in its body) and one per uploaded part (its S3 ETag, which is the part's MD5; R2's own part
 * ETag, which CompleteMultipartUpload hands back to R2; its size; its checksum).
 */
import { invalidArgument, noSuchUpload } from "./errors.ts";
import { isUploadId, partKey, partPrefix, uploadKey } from "./layout.ts";
import { hasBody, type R2Bucket, type R2Object } from "./r2.ts";
import type { TagSet } from "./tags.ts";

export interface UploadRecord {
  uploadId: string;
  key: string;
  /** R2's id of the same upload. */
  r2UploadId: string;
  initiator: string;
  initiated: Date;
  storageClass: string;
  checksumAlgorithm?: string;
  checksumType?: "COMPOSITE" | "FULL_OBJECT";
  tags?: TagSet;
}

export interface PartRecord {
  partNumber: number;
  /** The MD5 of the part, hex: its S3 ETag. */
  md5: string;
  r2Etag: string;
  size: number;
  checksum?: string;
  lastModified: Date;
}

export async function writeUpload(r2: R2Bucket, bucketId: string, u: UploadRecord): Promise<void> {
  const meta: Record<string, string> = { r2: u.r2UploadId, i: u.initiator, sc: u.storageClass };
  if (u.checksumAlgorithm) meta.ca = u.checksumAlgorithm;
  if (u.checksumType) meta.ct = u.checksumType;
  await r2.put(uploadKey(bucketId, u.key, u.uploadId), JSON.stringify({ tags: u.tags ?? [] }), { customMetadata: meta });
}

/** What a listed upload record says (its body aside). */
export function uploadFromListing(o: R2Object, key: string, uploadId: string): UploadRecord {
  const m = o.customMetadata ?? {};
  return {
    uploadId, key, r2UploadId: m.r2 ?? "", initiator: m.i ?? "", initiated: o.uploaded, storageClass: m.sc ?? "STANDARD",
    ...(m.ca ? { checksumAlgorithm: m.ca } : {}), ...(m.ct === "COMPOSITE" || m.ct === "FULL_OBJECT" ? { checksumType: m.ct } : {}),
  };
}

/** The upload, or NoSuchUpload. */
export async function readUpload(r2: R2Bucket, bucketId: string, key: string, uploadId: string | null): Promise<UploadRecord> {
  if (uploadId === null || !isUploadId(uploadId)) throw noSuchUpload(uploadId ?? "");
  const o = await r2.get(uploadKey(bucketId, key, uploadId));
  if (!hasBody(o)) throw noSuchUpload(uploadId);
  const body = JSON.parse(await o.text()) as { tags?: TagSet };
  return { ...uploadFromListing(o, key, uploadId), tags: body.tags ?? [] };
}

export async function writePart(r2: R2Bucket, bucketId: string, uploadId: string, p: Omit<PartRecord, "lastModified">): Promise<PartRecord> {
  const meta: Record<string, string> = { e: p.md5, r: p.r2Etag, n: String(p.size) };
  if (p.checksum) meta.c = p.checksum;
  const stored = await r2.put(partKey(bucketId, uploadId, p.partNumber), "", { customMetadata: meta });
  return { ...p, lastModified: stored?.uploaded ?? new Date() };
}

function partFromListing(o: R2Object): PartRecord {
  const m = o.customMetadata ?? {};
  return { partNumber: Number(o.key.slice(-5)), md5: m.e ?? "", r2Etag: m.r ?? "", size: Number(m.n ?? 0), ...(m.c ? { checksum: m.c } : {}), lastModified: o.uploaded };
}

/** The upload's parts after `afterPart`, at most `max`, in part order; `more` when there are others. */
export async function listParts(r2: R2Bucket, bucketId: string, uploadId: string, afterPart: number, max: number): Promise<{ parts: PartRecord[]; more: boolean }> {
  const parts: PartRecord[] = [];
  let cursor: string | undefined;
  for (;;) {
    const listed = await r2.list({
      prefix: partPrefix(bucketId, uploadId), include: ["customMetadata"], limit: 1000, ...(cursor ? { cursor } : {}),
      ...(afterPart > 0 && !cursor ? { startAfter: partKey(bucketId, uploadId, afterPart) } : {}),
    });
    parts.push(...listed.objects.map(partFromListing));
    if (parts.length > max) return { parts: parts.slice(0, max), more: true };
    if (!listed.truncated || !listed.cursor) return { parts, more: false };
    cursor = listed.cursor;
  }
}

/** Removes the upload's records (after completion or abort). */
export async function removeUpload(r2: R2Bucket, bucketId: string, key: string, uploadId: string): Promise<void> {
  for (let round = 0; round < 20; round++) {
    const listed = await r2.list({ prefix: partPrefix(bucketId, uploadId), limit: 1000 });
    if (listed.objects.length === 0) break;
    await r2.delete(listed.objects.map((o) => o.key));
  }
  await r2.delete(uploadKey(bucketId, key, uploadId));
}

/** "UploadPart": part numbers are 1 to 10,000. @throws S3Error InvalidArgument */
export function partNumberOf(raw: string | null): number {
  if (raw === null || !/^\d{1,5}$/.test(raw) || Number(raw) < 1 || Number(raw) > 10_000) {
    throw invalidArgument("Part number must be an integer between 1 and 10000, inclusive", "partNumber", raw ?? "");
  }
  return Number(raw);
}
