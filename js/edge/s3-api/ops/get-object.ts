/**
 * @module edge/s3-api/ops/get-object
 * GetObject and HeadObject ("GetObject", "HeadObject", S3 API Reference): the object's headers
 * (object-meta.ts), `x-amz-tagging-count`, the checksum when asked for and the whole object is
 * returned (checksum.ts); one byte range (range.ts: 206 with `Content-Range`, 416 past the end);
 * the conditional headers (conditions.ts: 304, 412); the `response-*` parameters that override
 * response headers (signed requests only: "you must sign the request ... They cannot be used
 * with an unsigned (anonymous) request"). A key that does not exist is 404 NoSuchKey for a
 * caller allowed `s3:ListBucket` on the bucket, else 403 AccessDenied ("If you don't have the
 * s3:ListBucket permission, Amazon S3 returns an HTTP status code 403").
 */
import type { S3Context } from "../context.ts";
import { checksumHeaders } from "../checksum.ts";
import { evaluateConditions, readConditions } from "../conditions.ts";
import { accessDenied, invalidArgument, invalidRange, invalidRequest, noSuchKey, notImplemented, preconditionFailed } from "../errors.ts";
import { objectKey } from "../layout.ts";
import { objectHeaders, storedChecksum } from "../object-meta.ts";
import { hasBody, type R2Object, type R2ObjectBody } from "../r2.ts";
import { r2Code, r2Failure } from "../r2-errors.ts";
import { parseRange } from "../range.ts";
import { readSidecar, type Sidecar } from "../sidecar.ts";

const OVERRIDES: [param: string, header: string][] = [
  ["response-content-type", "content-type"], ["response-content-language", "content-language"], ["response-expires", "expires"],
  ["response-cache-control", "cache-control"], ["response-content-disposition", "content-disposition"], ["response-content-encoding", "content-encoding"],
];

function checkVersion(ctx: S3Context): void {
  const v = ctx.params.get("versionId");
  // Versioning is never enabled here: every object's version id is "null" ("Working with objects in a versioning-suspended bucket").
  if (v !== null && v !== "null") throw invalidArgument("Invalid version id specified", "versionId", v);
  if (ctx.params.has("partNumber")) throw notImplemented("GetObject and HeadObject with partNumber are not implemented");
}

/** 404 or 403, as the caller's s3:ListBucket decides. */
function missing(ctx: S3Context): Error {
  const d = ctx.decide("s3:ListBucket", `arn:${ctx.partition}:s3:::${ctx.bucket!.name}`);
  return d.allowed ? noSuchKey(ctx.key!) : accessDenied();
}

function responseHeaders(ctx: S3Context, object: R2Object, sidecar: Sidecar | undefined, whole: boolean): Headers {
  const h = objectHeaders(object);
  const tags = sidecar?.tags?.length;
  if (tags) h.set("x-amz-tagging-count", String(tags));
  if (whole && ctx.headers.get("x-amz-checksum-mode")?.toUpperCase() === "ENABLED") {
    for (const [k, v] of Object.entries(checksumHeaders(sidecar?.checksum ?? storedChecksum(object)))) h.set(k, v);
  }
  for (const [param, header] of OVERRIDES) {
    const v = ctx.params.get(param);
    if (v === null) continue;
    if (ctx.caller.anonymous) throw invalidRequest("Request specific response headers cannot be used for anonymous GET requests.");
    h.set(header, v);
  }
  return h;
}

/** The answer of a conditional request whose conditions failed, if they did. */
function conditional(ctx: S3Context, object: R2Object): Response | undefined {
  const outcome = evaluateConditions(readConditions(ctx.headers), object);
  if (outcome === "ok") return undefined;
  if (outcome === "not-modified") {
    const h = objectHeaders(object);
    return new Response(null, { status: 304, headers: { etag: h.get("etag")!, "last-modified": h.get("last-modified")! } });
  }
  throw preconditionFailed(outcome.failed);
}

export async function getObject(ctx: S3Context): Promise<Response> {
  checkVersion(ctx);
  const bucket = ctx.bucket!;
  const range = parseRange(ctx.headers.get("range"));
  const key = objectKey(bucket.id, ctx.key!);
  let got: R2ObjectBody | R2Object | null;
  // Read beside the object, not after it: the version check below pairs them.
  const sidecar = readSidecar(ctx.r2, bucket.id, ctx.key!).catch(() => undefined);
  try {
    if (range === "unsatisfiable") {
      const o = await ctx.r2.head(key);
      if (!o) throw missing(ctx);
      throw invalidRange(o.size, ctx.headers.get("range")!);
    }
    got = await ctx.r2.get(key, range ? { range } : {});
  } catch (err) {
    if (r2Code(err) !== "10039") throw r2Failure(err);
    const o = await ctx.r2.head(key);
    if (!o) throw missing(ctx);
    throw invalidRange(o.size, ctx.headers.get("range")!);
  }
  if (!got) throw missing(ctx);
  if (!hasBody(got)) throw preconditionFailed("If-Match");
  const early = conditional(ctx, got);
  if (early) {
    await got.body.cancel().catch(() => undefined);
    return early;
  }
  const side = await sidecar;
  const partial = range !== undefined && got.range !== undefined;
  const headers = responseHeaders(ctx, got, side?.v === got.version ? side : undefined, !partial);
  if (!partial) {
    headers.set("content-length", String(got.size));
    return new Response(got.body, { status: 200, headers });
  }
  const offset = (got.range as { offset?: number }).offset ?? 0;
  const length = (got.range as { length?: number }).length ?? got.size - offset;
  headers.set("content-length", String(length));
  headers.set("content-range", `bytes ${offset}-${offset + length - 1}/${got.size}`);
  return new Response(got.body, { status: 206, headers });
}

export async function headObject(ctx: S3Context): Promise<Response> {
  checkVersion(ctx);
  const bucket = ctx.bucket!;
  const [object, sidecar] = await Promise.all([ctx.r2.head(objectKey(bucket.id, ctx.key!)), readSidecar(ctx.r2, bucket.id, ctx.key!).catch(() => undefined)]);
  if (!object) throw missing(ctx);
  const early = conditional(ctx, object);
  if (early) return early;
  const side = sidecar?.v === object.version ? sidecar : undefined;
  const range = parseRange(ctx.headers.get("range"));
  const headers = responseHeaders(ctx, object, side, range === undefined);
  if (range === undefined) {
    headers.set("content-length", String(object.size));
    return new Response(null, { status: 200, headers });
  }
  if (range === "unsatisfiable") throw invalidRange(object.size, ctx.headers.get("range")!);
  const offset = "suffix" in range ? Math.max(0, object.size - range.suffix) : range.offset;
  if (offset >= object.size) throw invalidRange(object.size, ctx.headers.get("range")!);
  const end = "suffix" in range || range.length === undefined ? object.size - 1 : Math.min(object.size - 1, offset + range.length - 1);
  headers.set("content-length", String(end - offset + 1));
  headers.set("content-range", `bytes ${offset}-${end}/${object.size}`);
  return new Response(null, { status: 206, headers });
}
