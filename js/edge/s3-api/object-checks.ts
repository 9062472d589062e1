/**
 * @module edge/s3-api/object-checks
 * What S3 checks on a request that writes an object, before it stores anything:
 * - the key: at most MAX_KEY_BYTES of UTF-8 (layout.ts; `KeyTooLongError`);
 * - ACLs, disabled on every bucket here (Object Ownership "Bucket owner enforced"): a request
 *   with an ACL other than `bucket-owner-full-control`, or any `x-amz-grant-*`, is refused with
 *   `AccessControlListNotSupported` ("Controlling ownership of objects and disabling ACLs", S3
 *   User Guide); a public ACL (`public-read`, `public-read-write`, `authenticated-read`, or a
 *   grant to the AllUsers or AuthenticatedUsers group) is refused first with AccessDenied when
 *   BlockPublicAcls is on ("Block public access settings": "PUT Object calls fail if the request
 *   includes a public ACL"), the order this gateway chose (docs/edge.md);
 * - encryption: SSE-S3 (`AES256`) is accepted (R2 encrypts every object at rest); SSE-KMS and
 *   SSE-C are `NotImplemented`;
 * - the length: `Content-Length` (or `x-amz-decoded-content-length` of an aws-chunked body) is
 *   required (`MissingContentLength`, 411) and at most the largest single upload
 *   (`EntityTooLarge`).
 */
import type { S3Context } from "./context.ts";
import { effectivePublicAccessBlock } from "./buckets.ts";
import { accessDenied, aclNotSupported, entityTooLarge, invalidArgument, keyTooLong, missingContentLength, notImplemented } from "./errors.ts";
import { keyBytes, MAX_KEY_BYTES } from "./layout.ts";

const PUBLIC_CANNED = new Set(["public-read", "public-read-write", "authenticated-read"]);
const PUBLIC_GROUPS = /acs\.amazonaws\.com\/groups\/global\/(AllUsers|AuthenticatedUsers)/;
export const MAX_SINGLE_UPLOAD = 5 * 1024 ** 3;

export function checkKey(key: string): void {
  if (keyBytes(key) > MAX_KEY_BYTES) throw keyTooLong(MAX_KEY_BYTES);
}

function grants(headers: Headers): string[] {
  const out: string[] = [];
  headers.forEach((v, name) => { if (name.startsWith("x-amz-grant-")) out.push(v); });
  return out;
}

/** The ACL headers of an object write, as a bucket with ACLs disabled takes them. */
export async function checkObjectAcl(ctx: S3Context): Promise<void> {
  const acl = ctx.headers.get("x-amz-acl");
  const granted = grants(ctx.headers);
  if (acl === null && granted.length === 0) return;
  const isPublic = (acl !== null && PUBLIC_CANNED.has(acl)) || granted.some((g) => PUBLIC_GROUPS.test(g));
  if (isPublic) {
    const account = await ctx.options.buckets.accountPublicAccessBlock(ctx.bucket!.owner);
    if (effectivePublicAccessBlock(ctx.bucket!.publicAccessBlock, account).BlockPublicAcls) throw accessDenied();
  }
  if (granted.length > 0 || acl !== "bucket-owner-full-control") throw aclNotSupported();
}

/** Server-side encryption headers: SSE-S3 only. */
export function checkEncryption(headers: Headers): string | undefined {
  if (headers.has("x-amz-server-side-encryption-customer-algorithm")) throw notImplemented("Server-side encryption with customer-provided keys (SSE-C) is not implemented");
  const sse = headers.get("x-amz-server-side-encryption");
  if (sse === null) return undefined;
  if (sse === "AES256") return sse;
  if (sse.startsWith("aws:kms")) throw notImplemented("Server-side encryption with AWS KMS keys is not implemented");
  throw invalidArgument("The encryption method specified is not supported", "x-amz-server-side-encryption", sse);
}

/** The body's length as S3 reads it. */
export function uploadLength(ctx: S3Context, max = ctx.options.maxObjectSize ?? MAX_SINGLE_UPLOAD): number {
  const decoded = ctx.caller.verified?.decodedContentLength;
  const raw = decoded !== undefined ? String(decoded) : ctx.headers.get("content-length");
  if (raw === null || !/^\d{1,16}$/.test(raw)) {
    if (ctx.body === null) return 0;
    throw missingContentLength();
  }
  const n = Number(raw);
  if (n > max) throw entityTooLarge(max);
  return n;
}
