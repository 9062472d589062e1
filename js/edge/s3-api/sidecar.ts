/**
 * @module edge/s3-api/sidecar
 * What belongs to an object but is known only after R2 stored it, or changes without a new
 * upload: its tags (PutObjectTagging changes them in place in S3, and R2 cannot change an
 * object's metadata without writing it again) and a checksum that arrived in the upload's
 * trailer or was composed at CompleteMultipartUpload. It is a small JSON object beside the object
 * (layout.ts), naming the R2 version of the object it belongs to: an object written since (a
 * new version, whose tags and checksum S3 resets) makes it stale, and it is ignored.
 */
import type { StoredChecksum } from "./object-meta.ts";
import { hasBody, type R2Bucket } from "./r2.ts";
import { sidecarKey } from "./layout.ts";
import type { TagSet } from "./tags.ts";

export interface Sidecar {
  /** The R2 version of the object this belongs to. */
  v: string;
  tags?: TagSet;
  checksum?: StoredChecksum;
}

/** The object's sidecar, when it belongs to `version` (any version when not given: the caller compares). */
export async function readSidecar(r2: R2Bucket, bucketId: string, key: string, version?: string): Promise<Sidecar | undefined> {
  const o = await r2.get(sidecarKey(bucketId, key));
  if (!hasBody(o)) return undefined;
  try {
    const s = JSON.parse(await o.text()) as Sidecar;
    return version === undefined || s.v === version ? s : undefined;
  } catch {
    return undefined;
  }
}

/** Writes the sidecar (nothing to keep removes it). */
export async function writeSidecar(r2: R2Bucket, bucketId: string, key: string, sidecar: Sidecar): Promise<void> {
  if (!sidecar.tags?.length && !sidecar.checksum) {
    await r2.delete(sidecarKey(bucketId, key));
    return;
  }
  await r2.put(sidecarKey(bucketId, key), JSON.stringify(sidecar), { httpMetadata: { contentType: "application/json" } });
}
