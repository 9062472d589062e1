/**
 * @module edge/s3/condition-keys
 * The S3 condition keys a request sets from its own headers and query ("Actions, resources, and
 * condition keys for Amazon S3", Service Authorization Reference; "Amazon S3 condition key
 * examples", S3 User Guide). Each key is set only where the request carries its source:
 * - `s3:prefix`, `s3:delimiter`, `s3:max-keys`: the query of ListObjects(V2) and ListObjectVersions;
 * - `s3:VersionId`: the `versionId` query parameter;
 * - `s3:x-amz-acl`, `s3:x-amz-storage-class`, `s3:x-amz-server-side-encryption`,
 *   `s3:x-amz-server-side-encryption-aws-kms-key-id`, `s3:x-amz-copy-source`,
 *   `s3:x-amz-metadata-directive`, `s3:x-amz-grant-*`, `s3:object-lock-mode`,
 *   `s3:object-lock-retain-until-date`, `s3:object-lock-legal-hold`: the headers of those names;
 * - `s3:RequestObjectTag/<key>` and `s3:RequestObjectTagKeys`: the `x-amz-tagging` header
 *   (URL-encoded `k=v&k2=v2`).
 */
import type { ContextValue } from "../../engine/request.ts";

const HEADER_KEYS: [header: string, key: string][] = [
  ["x-amz-acl", "s3:x-amz-acl"],
  ["x-amz-storage-class", "s3:x-amz-storage-class"],
  ["x-amz-server-side-encryption", "s3:x-amz-server-side-encryption"],
  ["x-amz-server-side-encryption-aws-kms-key-id", "s3:x-amz-server-side-encryption-aws-kms-key-id"],
  ["x-amz-copy-source", "s3:x-amz-copy-source"],
  ["x-amz-metadata-directive", "s3:x-amz-metadata-directive"],
  ["x-amz-grant-read", "s3:x-amz-grant-read"],
  ["x-amz-grant-write", "s3:x-amz-grant-write"],
  ["x-amz-grant-read-acp", "s3:x-amz-grant-read-acp"],
  ["x-amz-grant-write-acp", "s3:x-amz-grant-write-acp"],
  ["x-amz-grant-full-control", "s3:x-amz-grant-full-control"],
  ["x-amz-object-lock-mode", "s3:object-lock-mode"],
  ["x-amz-object-lock-retain-until-date", "s3:object-lock-retain-until-date"],
  ["x-amz-object-lock-legal-hold", "s3:object-lock-legal-hold"],
];

/** The tags of an `x-amz-tagging` header (`k=v&k2=v2`, URL-encoded). */
export function parseTagging(header: string): [string, string][] {
  return header.split("&").filter((p) => p !== "").map((p) => {
    const eq = p.indexOf("=");
    const dec = (s: string) => decodeURIComponent(s.replace(/\+/g, " "));
    return [dec(eq < 0 ? p : p.slice(0, eq)), dec(eq < 0 ? "" : p.slice(eq + 1))];
  });
}

/** Keys from the headers (every S3 operation that takes them). */
export function headerConditionKeys(headers: Headers): Record<string, ContextValue> {
  const out: Record<string, ContextValue> = {};
  for (const [header, key] of HEADER_KEYS) {
    const v = headers.get(header);
    if (v !== null) out[key] = v;
  }
  const tagging = headers.get("x-amz-tagging");
  if (tagging !== null) {
    try {
      const tags = parseTagging(tagging);
      for (const [k, v] of tags) out[`s3:RequestObjectTag/${k}`] = v;
      out["s3:RequestObjectTagKeys"] = tags.map(([k]) => k);
    } catch {
      // A malformed header sets no tag keys; S3 refuses it when it reads the tags.
    }
  }
  return out;
}

/** Keys from the query of the list operations, and `s3:VersionId`. */
export function queryConditionKeys(params: URLSearchParams, listing: boolean): Record<string, ContextValue> {
  const out: Record<string, ContextValue> = {};
  if (listing) {
    for (const name of ["prefix", "delimiter"]) {
      const v = params.get(name);
      if (v !== null) out[`s3:${name}`] = v;
    }
    const max = params.get("max-keys");
    if (max !== null && /^\d+$/.test(max)) out["s3:max-keys"] = Number(max);
  }
  const version = params.get("versionId");
  if (version !== null) out["s3:VersionId"] = version;
  return out;
}
