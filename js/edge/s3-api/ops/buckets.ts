/**
 * @module edge/s3-api/ops/buckets
 * The bucket operations (S3 API Reference): ListBuckets (the caller's account's buckets, with
 * `prefix`, `max-buckets` and `continuation-token`), CreateBucket (a valid, unused name; the
 * region is the `LocationConstraint` or the request's; ACLs disabled: only `private`;
 * Block Public Access on, as for every new bucket since April 2023), DeleteBucket (only when
 * empty; uploads in progress are aborted), HeadBucket and GetBucketLocation.
 */
import type { S3Context } from "../context.ts";
import { BLOCK_ALL, type BucketInfo } from "../buckets.ts";
import { bucketNameProblem } from "../bucket-names.ts";
import {
  bucketAlreadyExists, bucketAlreadyOwnedByYou, bucketNotEmpty, illegalLocationConstraint, invalidArgument, invalidBucketAclWithObjectOwnership,
  invalidBucketName, invalidLocationConstraint, malformedXml, noSuchBucket, notImplemented,
} from "../errors.ts";
import { bucketPrefixes, newBucketId, objectKey, objectPrefix, parseUploadKey, uploadPrefix } from "../layout.ts";
import { ownerXml } from "../owner.ts";
import { readSmallBody } from "../body.ts";
import { el, wrap, xmlDocument, xmlResponse } from "../xml.ts";
import { childText, parseXml } from "../xml-read.ts";
import { isoDate } from "../object-meta.ts";

const MAX_CONFIG_BODY = 64 * 1024;

export async function listBuckets(ctx: S3Context): Promise<Response> {
  const owner = ctx.caller.accountId!;
  const prefix = ctx.params.get("prefix") ?? "";
  const maxParam = ctx.params.get("max-buckets");
  if (maxParam !== null && !/^\d+$/.test(maxParam)) throw invalidArgument("max-buckets must be an integer", "max-buckets", maxParam);
  const max = Math.min(Number(maxParam ?? 10000), 10000);
  if (maxParam !== null && max < 1) throw invalidArgument("max-buckets must be between 1 and 10000", "max-buckets", maxParam);
  const after = ctx.params.get("continuation-token") ?? "";
  const all = (await ctx.options.buckets.list(owner)).filter((b) => b.name.startsWith(prefix) && b.name > after);
  const page = all.slice(0, max);
  const buckets = page.map((b) => wrap("Bucket", el("Name", b.name) + el("CreationDate", b.created) + el("BucketRegion", b.region))).join("");
  const token = all.length > max ? el("ContinuationToken", page[page.length - 1].name) : "";
  return xmlResponse(xmlDocument("ListAllMyBucketsResult", ownerXml(owner) + wrap("Buckets", buckets) + token + (prefix ? el("Prefix", prefix) : "")));
}

/** The region a CreateBucket asks for, as S3 accepts it. */
function regionOf(ctx: S3Context, body: string): string {
  const signed = ctx.caller.verified?.region ?? ctx.region;
  if (body.trim() === "") return signed;
  const root = parseXml(body);
  if (root.name !== "CreateBucketConfiguration") throw malformedXml();
  const given = childText(root, "LocationConstraint")?.trim() ?? "";
  if (given === "") return signed;
  // "us-east-1" is the default, named by no constraint; S3 refuses it spelled out.
  if (given === "us-east-1" && signed === "us-east-1") throw invalidLocationConstraint();
  if (given !== signed) throw illegalLocationConstraint(given, signed);
  return given;
}

/** ACLs are disabled (BucketOwnerEnforced): a CreateBucket may only ask for `private`. */
function checkCreateAcl(headers: Headers): void {
  const acl = headers.get("x-amz-acl");
  let grants = false;
  headers.forEach((_v, name) => { if (name.startsWith("x-amz-grant-")) grants = true; });
  if ((acl !== null && acl !== "private") || grants) throw invalidBucketAclWithObjectOwnership();
  const ownership = headers.get("x-amz-object-ownership");
  if (ownership !== null && ownership !== "BucketOwnerEnforced") throw notImplemented("Only the BucketOwnerEnforced object ownership (ACLs disabled) is implemented");
  if (headers.get("x-amz-bucket-object-lock-enabled")?.toLowerCase() === "true") throw notImplemented("Object Lock is not implemented");
}

export async function createBucket(ctx: S3Context): Promise<Response> {
  const name = ctx.bucketName!;
  if (bucketNameProblem(name)) throw invalidBucketName(name);
  checkCreateAcl(ctx.headers);
  const region = regionOf(ctx, await readSmallBody(ctx.body, MAX_CONFIG_BODY, malformedXml));
  const bucket: BucketInfo = { name, id: newBucketId(), owner: ctx.caller.accountId!, created: isoDate(ctx.now), region, publicAccessBlock: { ...BLOCK_ALL } };
  const result = await ctx.options.buckets.create(bucket);
  if (!result.created) {
    if (result.bucket.owner !== bucket.owner) throw bucketAlreadyExists(name);
    // "CreateBucket": in us-east-1, re-creating a bucket you own answers 200 (legacy compatibility).
    if (result.bucket.region !== "us-east-1") throw bucketAlreadyOwnedByYou(name);
  }
  return new Response(null, { status: 200, headers: { location: `/${name}` } });
}

export async function deleteBucket(ctx: S3Context): Promise<Response> {
  const b = ctx.bucket!;
  const objects = await ctx.r2.list({ prefix: objectPrefix(b.id), limit: 1 });
  if (objects.objects.length > 0) throw bucketNotEmpty(b.name);
  if (!(await ctx.options.buckets.delete(b.name, b.id))) throw noSuchBucket(b.name);
  await sweep(ctx, b);
  return new Response(null, { status: 204 });
}

/** Aborts the bucket's uploads in progress and removes what is left under its id. */
async function sweep(ctx: S3Context, b: BucketInfo): Promise<void> {
  const uploads = await ctx.r2.list({ prefix: uploadPrefix(b.id), include: ["customMetadata"] });
  for (const u of uploads.objects) {
    const r2UploadId = u.customMetadata?.r2;
    if (r2UploadId) await ctx.r2.resumeMultipartUpload(objectKey(b.id, parseUploadKey(b.id, u.key).key), r2UploadId).abort().catch(() => undefined);
  }
  for (const prefix of bucketPrefixes(b.id)) {
    for (let page = 0; page < 100; page++) {
      const listed = await ctx.r2.list({ prefix, limit: 1000 });
      if (listed.objects.length === 0) break;
      await ctx.r2.delete(listed.objects.map((o) => o.key));
    }
  }
}

export async function headBucket(ctx: S3Context): Promise<Response> {
  return new Response(null, { status: 200, headers: { "x-amz-bucket-region": ctx.bucket!.region, "x-amz-access-point-alias": "false" } });
}

export async function getBucketLocation(ctx: S3Context): Promise<Response> {
  const region = ctx.bucket!.region;
  // "GetBucketLocation": buckets in us-east-1 have a LocationConstraint of null.
  return xmlResponse(xmlDocument("LocationConstraint", region === "us-east-1" ? "" : region.replace(/[<&>]/g, "")));
}
