/**
 * @module edge/s3-api/layout
 * Where the gateway keeps things in its one R2 bucket. Each S3 bucket gets a random id when it is
 * created (buckets.ts), and everything of that bucket lives under it, so objects left by a
 * deleted bucket never appear in a later bucket of the same name:
 *
 * | R2 key | holds |
 * | --- | --- |
 * | `<id>/<key>` | the object: its bytes, HTTP metadata, user metadata, checksum known at upload |
 * | `<id>.s/<key>` | the object's sidecar: what is set after the upload (tags, a checksum sent in the trailer or composed at completion), bound to the object's R2 version |
 * | `<id>.u/<key>\0<upload id>` | a multipart upload in progress (R2 lists none) |
 * | `<id>.p/<upload id>/<part number, 5 digits>` | an uploaded part: its S3 ETag (MD5), R2's part ETag, size, checksum |
 *
 * R2 keys are at most 1024 bytes; the longest prefix plus suffix here is 44, so S3 keys are at
 * most 980 bytes of UTF-8 (S3 allows 1024: docs/edge.md, known differences). R2 lists keys in
 * UTF-8 byte order, which is S3's order.
 */

/** R2's key limit ("Limits", R2 docs). */
export const R2_MAX_KEY_BYTES = 1024;
/** Bucket ids: 16 lower-case hex digits. */
export const BUCKET_ID_LENGTH = 16;
/** Upload ids: 12 hex digits of the time (ms) then 12 random, so they sort by initiation. */
export const UPLOAD_ID_LENGTH = 24;
/** The longest S3 key this layout stores. */
export const MAX_KEY_BYTES = R2_MAX_KEY_BYTES - (BUCKET_ID_LENGTH + 3 + 1 + UPLOAD_ID_LENGTH);

const UPLOAD_SEPARATOR = "\u0000";

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

export function newBucketId(): string {
  return hex(crypto.getRandomValues(new Uint8Array(BUCKET_ID_LENGTH / 2)));
}

export function newUploadId(now: number): string {
  return now.toString(16).padStart(12, "0").slice(-12) + hex(crypto.getRandomValues(new Uint8Array(6)));
}

export function isUploadId(text: string): boolean {
  return text.length === UPLOAD_ID_LENGTH && /^[0-9a-f]+$/.test(text);
}

export const objectPrefix = (bucketId: string) => `${bucketId}/`;
export const objectKey = (bucketId: string, key: string) => `${bucketId}/${key}`;
export const sidecarKey = (bucketId: string, key: string) => `${bucketId}.s/${key}`;
export const uploadPrefix = (bucketId: string) => `${bucketId}.u/`;
export const uploadKey = (bucketId: string, key: string, uploadId: string) => `${bucketId}.u/${key}${UPLOAD_SEPARATOR}${uploadId}`;
export const partPrefix = (bucketId: string, uploadId: string) => `${bucketId}.p/${uploadId}/`;
export const partKey = (bucketId: string, uploadId: string, partNumber: number) => `${partPrefix(bucketId, uploadId)}${String(partNumber).padStart(5, "0")}`;

/** Every prefix a bucket's data lives under (DeleteBucket sweeps what is left). */
export const bucketPrefixes = (bucketId: string) => [`${bucketId}/`, `${bucketId}.s/`, `${bucketId}.u/`, `${bucketId}.p/`];

/** The S3 key and upload id of an upload record's R2 key. */
export function parseUploadKey(bucketId: string, r2Key: string): { key: string; uploadId: string } {
  const rest = r2Key.slice(uploadPrefix(bucketId).length);
  return { key: rest.slice(0, -(UPLOAD_ID_LENGTH + 1)), uploadId: rest.slice(-UPLOAD_ID_LENGTH) };
}

const encoder = new TextEncoder();

/** UTF-8 length of a key. */
export function keyBytes(key: string): number {
  return encoder.encode(key).length;
}
