/**
 * @module edge/s3-api/object-meta
 * An object's metadata between S3's headers and R2's fields ("Working with object metadata",
 * S3 User Guide; PutObject and GetObject, S3 API Reference):
 * - system metadata S3 stores as given: `Content-Type`, `Content-Language`,
 *   `Content-Disposition`, `Content-Encoding` (less the `aws-chunked` of the upload),
 *   `Cache-Control` → R2's HTTP metadata; `Expires` (kept as sent) and `x-amz-storage-class`
 *   (when not STANDARD) → custom fields;
 * - user metadata `x-amz-meta-<name>` → custom metadata under the lower-cased name, at most
 *   2 KB counted as S3 counts it (UTF-8 bytes of every name and value; `MetadataTooLarge`);
 * - a checksum known when the upload starts → the `:c` field (`ALGORITHM:base64`), with its
 *   type in `:ct`. A name starting with `:` cannot be a header name, so fields never collide.
 */
import { invalidStorageClass, metadataTooLarge } from "./errors.ts";
import type { R2HTTPMetadata, R2Object } from "./r2.ts";

export const MAX_USER_METADATA_BYTES = 2048;
const STORAGE_CLASSES = new Set(["STANDARD", "REDUCED_REDUNDANCY", "STANDARD_IA", "ONEZONE_IA", "INTELLIGENT_TIERING", "GLACIER", "DEEP_ARCHIVE", "OUTPOSTS", "GLACIER_IR", "SNOW", "EXPRESS_ONEZONE"]);
const META = "x-amz-meta-";

export interface StoredChecksum {
  algorithm: string;
  value: string;
  type: "FULL_OBJECT" | "COMPOSITE";
}

export interface ObjectMetadata {
  httpMetadata: R2HTTPMetadata;
  customMetadata: Record<string, string>;
}

const utf8 = new TextEncoder();

/** `Content-Encoding` without the transfer's `aws-chunked`. */
function contentEncoding(value: string | null): string | undefined {
  const rest = (value ?? "").split(",").map((s) => s.trim()).filter((s) => s !== "" && s.toLowerCase() !== "aws-chunked");
  return rest.length ? rest.join(", ") : undefined;
}

/** The metadata a PutObject, CopyObject (REPLACE) or CreateMultipartUpload request sets. @throws S3Error */
export function metadataFromHeaders(headers: Headers): ObjectMetadata {
  const http: R2HTTPMetadata = {};
  const set = (k: keyof R2HTTPMetadata, v: string | null | undefined) => {
    if (v !== null && v !== undefined) (http as Record<string, string>)[k] = v;
  };
  set("contentType", headers.get("content-type"));
  set("contentLanguage", headers.get("content-language"));
  set("contentDisposition", headers.get("content-disposition"));
  set("contentEncoding", contentEncoding(headers.get("content-encoding")));
  set("cacheControl", headers.get("cache-control"));
  const custom: Record<string, string> = {};
  let size = 0;
  headers.forEach((value, name) => {
    if (!name.startsWith(META)) return;
    const key = name.slice(META.length);
    custom[key] = value;
    size += utf8.encode(key).length + utf8.encode(value).length;
  });
  if (size > MAX_USER_METADATA_BYTES) throw metadataTooLarge(MAX_USER_METADATA_BYTES);
  const expires = headers.get("expires");
  if (expires !== null) custom[":x"] = expires;
  const storageClass = headers.get("x-amz-storage-class");
  if (storageClass !== null) {
    if (!STORAGE_CLASSES.has(storageClass)) throw invalidStorageClass();
    if (storageClass !== "STANDARD") custom[":sc"] = storageClass;
  }
  return { httpMetadata: http, customMetadata: custom };
}

/** Adds a checksum known before the upload. */
export function withChecksum(meta: ObjectMetadata, c: StoredChecksum | undefined): ObjectMetadata {
  if (!c) return meta;
  return { httpMetadata: meta.httpMetadata, customMetadata: { ...meta.customMetadata, ":c": `${c.algorithm}:${c.value}`, ":ct": c.type } };
}

/** The checksum stored with the object, if any. */
export function storedChecksum(object: Pick<R2Object, "customMetadata">): StoredChecksum | undefined {
  const raw = object.customMetadata?.[":c"];
  if (!raw) return undefined;
  const i = raw.indexOf(":");
  return { algorithm: raw.slice(0, i), value: raw.slice(i + 1), type: object.customMetadata?.[":ct"] === "COMPOSITE" ? "COMPOSITE" : "FULL_OBJECT" };
}

export function storageClassOf(object: Pick<R2Object, "customMetadata">): string {
  return object.customMetadata?.[":sc"] ?? "STANDARD";
}

/** The user metadata of a stored object (names without the prefix). */
export function userMetadata(object: Pick<R2Object, "customMetadata">): [string, string][] {
  return Object.entries(object.customMetadata ?? {}).filter(([k]) => !k.startsWith(":"));
}

/** S3's quoted ETag of an R2 object (R2's own: the MD5, or MD5-of-MD5s-N for multipart). */
export function etagOf(object: Pick<R2Object, "etag">): string {
  return `"${object.etag}"`;
}

/** HTTP dates (RFC 7231 IMF-fixdate), as S3 sends Last-Modified. */
export function httpDate(date: Date): string {
  return date.toUTCString();
}

/** ISO 8601 with milliseconds, as S3's XML carries times. */
export function isoDate(date: Date): string {
  return date.toISOString();
}

/** The headers GetObject and HeadObject answer with (content length and range aside). */
export function objectHeaders(object: R2Object): Headers {
  const h = new Headers();
  const m = object.httpMetadata ?? {};
  h.set("content-type", m.contentType ?? "binary/octet-stream");
  if (m.contentLanguage) h.set("content-language", m.contentLanguage);
  if (m.contentDisposition) h.set("content-disposition", m.contentDisposition);
  if (m.contentEncoding) h.set("content-encoding", m.contentEncoding);
  if (m.cacheControl) h.set("cache-control", m.cacheControl);
  const expires = object.customMetadata?.[":x"];
  if (expires !== undefined) h.set("expires", expires);
  h.set("etag", etagOf(object));
  h.set("last-modified", httpDate(object.uploaded));
  h.set("accept-ranges", "bytes");
  const sc = object.customMetadata?.[":sc"];
  if (sc) h.set("x-amz-storage-class", sc);
  for (const [k, v] of userMetadata(object)) h.set(META + k, v);
  return h;
}
