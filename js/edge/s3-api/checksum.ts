/**
 * @module edge/s3-api/checksum
 * The flexible checksum of an upload ("Checking object integrity", S3 User Guide), as the
 * gateway stores and returns it: SigV4 verification has already checked it over the body
 * (a header's value before the body, a trailer's after it: `BadDigest` otherwise), so what is
 * stored is a verified value. A header's is known when the upload starts and goes with the
 * object's metadata; a trailer's is known only once the body ended and goes to the sidecar.
 * Answered on GetObject and HeadObject when the client asks (`x-amz-checksum-mode: ENABLED`)
 * and the whole object is returned, as `x-amz-checksum-<algorithm>` with `x-amz-checksum-type`.
 */
import type { S3Context } from "./context.ts";
import type { StoredChecksum } from "./object-meta.ts";

export interface UploadChecksum {
  algorithm: string;
  location: "header" | "trailer";
  /** The verified value (a trailer's: once the body ended). */
  value(): string | undefined;
}

/** The checksum of a signed upload, if it carried one. */
export function uploadChecksum(ctx: S3Context): UploadChecksum | undefined {
  const c = ctx.caller.verified?.checksum;
  if (!c) return undefined;
  const header = `x-amz-checksum-${c.algorithm.toLowerCase()}`;
  return { algorithm: c.algorithm, location: c.location, value: () => c.location === "header" ? ctx.headers.get(header) ?? undefined : c.value };
}

/** The stored form of a whole-object checksum. */
export function fullObject(algorithm: string, value: string | undefined): StoredChecksum | undefined {
  return value === undefined ? undefined : { algorithm, value, type: "FULL_OBJECT" };
}

/** The response headers of a stored checksum. */
export function checksumHeaders(c: StoredChecksum | undefined): Record<string, string> {
  if (!c) return {};
  return { [`x-amz-checksum-${c.algorithm.toLowerCase()}`]: c.value, "x-amz-checksum-type": c.type };
}
