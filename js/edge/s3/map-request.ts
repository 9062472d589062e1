/**
 * @module edge/s3/map-request
 * An S3 REST request as the engine's requests: the operation (operations.ts), and the action,
 * resource and context of each authorization S3 makes for it:
 * - one for most operations, on the bucket ARN `arn:aws:s3:::bucket` or the object ARN
 *   `arn:aws:s3:::bucket/key` (`*` for ListBuckets);
 * - CopyObject and UploadPartCopy: also `s3:GetObject` (`s3:GetObjectVersion` with a versionId)
 *   on the source object named by `x-amz-copy-source`;
 * - PutObject, CopyObject and CreateMultipartUpload: also `s3:PutObjectTagging` with
 *   `x-amz-tagging`, and `s3:PutObjectAcl` with `x-amz-acl` or an `x-amz-grant-*` header
 *   ("PutObject", "CopyObject" Permissions, S3 API Reference); CreateBucket with an ACL header
 *   also `s3:PutBucketAcl`;
 * - GetObjectAttributes: also `s3:GetObject` ("GetObjectAttributes": both are required);
 * - DeleteObjects: `s3:DeleteObject` (or `s3:DeleteObjectVersion`) for each key of the body,
 *   which is read (at most 2 MiB) and handed back for the origin.
 * Context: the S3 keys the request carries (condition-keys.ts).
 */
import type { ContextValue } from "../../engine/request.ts";
import { s3Address, decodeKey } from "./addressing.ts";
import { headerConditionKeys, queryConditionKeys } from "./condition-keys.ts";
import { parseDeleteObjects, MalformedXmlError } from "./delete-objects.ts";
import { findOperation, type Level } from "./operations.ts";
import { readBounded } from "../streams/read-bounded.ts";

export interface Authorization {
  action: string;
  resource: string;
  context: Record<string, ContextValue>;
}

export interface S3Mapping {
  /** The S3 API operation, or `Unknown`. */
  operation: string;
  bucket?: string;
  key?: string;
  /** Every authorization the request needs; for DeleteObjects one per key (`perKey`). */
  authorizations: Authorization[];
  perKey: boolean;
  /** DeleteObjects: the body that was read, to hand on. */
  body?: Uint8Array;
}

export interface S3MapOptions {
  /** Service hosts for virtual-hosted style (`s3.example.com`). */
  endpoints?: readonly string[];
  /** ARN partition (default `aws`). */
  partition?: string;
  /** The request target's raw path (default: the URL's). */
  path?: string;
}

/** The largest DeleteObjects body read (1000 keys of up to 1024 bytes, with their XML). */
export const MAX_DELETE_BODY = 2 * 1024 * 1024;

const LISTING = new Set(["ListObjects", "ListObjectsV2", "ListObjectVersions"]);

/** `bucket/key?versionId=v` of x-amz-copy-source (URL-encoded, optional leading `/`). */
export function parseCopySource(header: string): { bucket: string; key: string; versionId?: string } | undefined {
  const [path, query] = header.replace(/^\//, "").split("?", 2);
  const slash = path.indexOf("/");
  if (slash <= 0 || slash === path.length - 1) return undefined;
  const versionId = query ? new URLSearchParams(query).get("versionId") ?? undefined : undefined;
  const out = { bucket: decodeKey(path.slice(0, slash)), key: decodeKey(path.slice(slash + 1)) };
  return versionId === undefined ? out : { ...out, versionId };
}

function extraAuthorizations(operation: string, headers: Headers, objectArn: string, bucketArn: string, partition: string, context: Record<string, ContextValue>): Authorization[] {
  const out: Authorization[] = [];
  let acl = headers.has("x-amz-acl");
  headers.forEach((_v, h) => { if (h.startsWith("x-amz-grant-")) acl = true; });
  if (operation === "PutObject" || operation === "CopyObject" || operation === "CreateMultipartUpload") {
    if (headers.has("x-amz-tagging")) out.push({ action: "s3:PutObjectTagging", resource: objectArn, context });
    if (acl) out.push({ action: "s3:PutObjectAcl", resource: objectArn, context });
  }
  if (operation === "CreateBucket" && acl) out.push({ action: "s3:PutBucketAcl", resource: bucketArn, context });
  if (operation === "CopyObject" || operation === "UploadPartCopy") {
    const source = parseCopySource(headers.get("x-amz-copy-source") ?? "");
    if (source) {
      const action = source.versionId !== undefined ? "s3:GetObjectVersion" : "s3:GetObject";
      out.push({ action, resource: `arn:${partition}:s3:::${source.bucket}/${source.key}`, context: source.versionId !== undefined ? { ...context, "s3:VersionId": source.versionId } : context });
    }
  }
  return out;
}

/**
 * Maps an S3 request. Reads the body only for DeleteObjects.
 * @example
 * const m = await mapS3Request(request, { endpoints: ["s3.example.com"] });
 * // m.operation "GetObject", m.authorizations [{ action: "s3:GetObject", resource: "arn:aws:s3:::b/k", context: {} }]
 */
export async function mapS3Request(request: { method: string; url: string; headers: Headers; body: ReadableStream<Uint8Array> | null }, options: S3MapOptions = {}): Promise<S3Mapping> {
  const url = new URL(request.url);
  const partition = options.partition ?? "aws";
  const address = s3Address(request.headers.get("host") ?? url.host, options.path ?? url.pathname, options.endpoints);
  const level: Level = address.key !== undefined ? "object" : address.bucket !== undefined ? "bucket" : "service";
  const row = findOperation(request.method, level, (q) => url.searchParams.has(q), (h) => request.headers.has(h));
  const base = { bucket: address.bucket, key: address.key, perKey: false };
  if (!row) return { operation: "Unknown", ...base, authorizations: [] };
  const bucketArn = `arn:${partition}:s3:::${address.bucket ?? ""}`;
  const objectArn = `${bucketArn}/${address.key ?? ""}`;
  const context = { ...headerConditionKeys(request.headers), ...queryConditionKeys(url.searchParams, LISTING.has(row.operation)) };
  const versioned = url.searchParams.has("versionId") && row.version !== undefined;
  if (row.operation === "DeleteObjects") {
    const body = await readBounded(request.body, MAX_DELETE_BODY, () => new MalformedXmlError(`a body above ${MAX_DELETE_BODY} bytes`));
    const entries = parseDeleteObjects(new TextDecoder().decode(body));
    const authorizations = entries.map((e) => ({
      action: e.versionId !== undefined ? row.version! : row.action,
      resource: `${bucketArn}/${e.key}`,
      context: e.versionId !== undefined ? { ...context, "s3:VersionId": e.versionId } : context,
    }));
    return { operation: row.operation, ...base, authorizations, perKey: true, body };
  }
  const resource = level === "service" ? "*" : level === "bucket" ? bucketArn : objectArn;
  const main: Authorization = { action: versioned ? row.version! : row.action, resource, context };
  const authorizations = [main, ...extraAuthorizations(row.operation, request.headers, objectArn, bucketArn, partition, context)];
  if (row.operation === "GetObjectAttributes") authorizations.push({ action: versioned ? "s3:GetObjectVersion" : "s3:GetObject", resource, context });
  return { operation: row.operation, ...base, authorizations };
}
