/**
 * @module edge/s3-api/ops/bucket-config
 * A bucket's configuration (S3 API Reference):
 * - Put/Get/DeleteBucketPolicy: the policy checked as PutBucketPolicy does (policy-check.ts,
 *   `MalformedPolicy`); a public policy refused with AccessDenied when BlockPublicPolicy is on for
 *   the bucket or its owner's account ("Block public access settings"); only the owner's account
 *   may manage it: another account's allowed caller gets 405 MethodNotAllowed ("PutBucketPolicy":
 *   "If you have the correct permissions, but you're not using an identity that belongs to the
 *   bucket owner's account, Amazon S3 returns a 405 Method Not Allowed error"); GetBucketPolicy
 *   answers the policy as it was put;
 * - GetBucketPolicyStatus: `IsPublic` by "The meaning of public" (NoSuchBucketPolicy without one);
 * - Put/Get/DeletePublicAccessBlock: the four settings (an element left out is false);
 * - Put/Get/DeleteBucketTagging: at most 50 tags (tags.ts); NoSuchTagSet when there are none.
 */
import type { S3Context } from "../context.ts";
import { effectivePublicAccessBlock, type BucketChange, type BucketInfo, type PublicAccessBlock } from "../buckets.ts";
import { accessDenied, invalidArgument, malformedPolicy, malformedXml, methodNotAllowed, noSuchBucket, noSuchBucketPolicy, noSuchPublicAccessBlock, noSuchTagSet } from "../errors.ts";
import { checkBucketPolicy } from "../policy-check.ts";
import { readSmallBody } from "../body.ts";
import { MAX_BUCKET_TAGS, tagSetXml, tagsFromXml } from "../tags.ts";
import { el, xmlDocument, xmlResponse } from "../xml.ts";
import { child, parseXml } from "../xml-read.ts";

/** S3's limit on a bucket policy ("Bucket policy examples": 20 KB). */
const MAX_POLICY_BYTES = 20 * 1024;
const MAX_XML_BODY = 64 * 1024;
const SETTINGS: (keyof PublicAccessBlock)[] = ["BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets"];

async function change(ctx: S3Context, c: BucketChange): Promise<BucketInfo> {
  const b = ctx.bucket!;
  const next = await ctx.options.buckets.update(b.name, b.id, c);
  if (!next) throw noSuchBucket(b.name);
  return next;
}

function ownerOnly(ctx: S3Context): void {
  if (ctx.caller.accountId !== ctx.bucket!.owner) throw methodNotAllowed(ctx.method, "BUCKETPOLICY");
}

export async function putBucketPolicy(ctx: S3Context): Promise<Response> {
  ownerOnly(ctx);
  const text = await readSmallBody(ctx.body, MAX_POLICY_BYTES, () => malformedPolicy("Policy exceeds the maximum allowed document size."));
  const checked = checkBucketPolicy(text, ctx.bucket!.name, ctx.partition);
  if (checked.isPublic) {
    const account = await ctx.options.buckets.accountPublicAccessBlock(ctx.bucket!.owner);
    if (effectivePublicAccessBlock(ctx.bucket!.publicAccessBlock, account).BlockPublicPolicy) {
      throw accessDenied(`User: ${ctx.caller.principal} is not authorized to perform: s3:PutBucketPolicy on resource: "arn:${ctx.partition}:s3:::${ctx.bucket!.name}" because public policies are blocked by the BlockPublicPolicy block public access setting.`);
    }
  }
  await change(ctx, { policy: { text, isPublic: checked.isPublic } });
  return new Response(null, { status: 204 });
}

export async function getBucketPolicy(ctx: S3Context): Promise<Response> {
  ownerOnly(ctx);
  const policy = ctx.bucket!.policy;
  if (policy === undefined) throw noSuchBucketPolicy(ctx.bucket!.name);
  return new Response(policy, { status: 200, headers: { "content-type": "application/json" } });
}

export async function deleteBucketPolicy(ctx: S3Context): Promise<Response> {
  ownerOnly(ctx);
  await change(ctx, { policy: null });
  return new Response(null, { status: 204 });
}

export async function getBucketPolicyStatus(ctx: S3Context): Promise<Response> {
  const b = ctx.bucket!;
  if (b.policy === undefined) throw noSuchBucketPolicy(b.name);
  return xmlResponse(xmlDocument("PolicyStatus", el("IsPublic", Boolean(b.policyPublic))));
}

/** A `<PublicAccessBlockConfiguration>` body (S3 and S3 Control share it). @throws S3Error MalformedXML */
export function parsePublicAccessBlock(text: string): PublicAccessBlock {
  const root = parseXml(text);
  if (root.name !== "PublicAccessBlockConfiguration") throw malformedXml();
  const out = {} as PublicAccessBlock;
  for (const name of SETTINGS) {
    const v = child(root, name)?.text.trim().toLowerCase();
    if (v !== undefined && v !== "true" && v !== "false") throw invalidArgument(`${name} must be true or false`, name, v);
    out[name] = v === "true";
  }
  return out;
}

export function publicAccessBlockXml(s: PublicAccessBlock): string {
  return xmlDocument("PublicAccessBlockConfiguration", SETTINGS.map((k) => el(k, s[k])).join(""));
}

export async function putPublicAccessBlock(ctx: S3Context): Promise<Response> {
  const settings = parsePublicAccessBlock(await readSmallBody(ctx.body, MAX_XML_BODY, malformedXml));
  await change(ctx, { publicAccessBlock: settings });
  return new Response(null, { status: 200 });
}

export async function getPublicAccessBlock(ctx: S3Context): Promise<Response> {
  const s = ctx.bucket!.publicAccessBlock;
  if (!s) throw noSuchPublicAccessBlock(ctx.bucket!.name);
  return xmlResponse(publicAccessBlockXml(s));
}

export async function deletePublicAccessBlock(ctx: S3Context): Promise<Response> {
  await change(ctx, { publicAccessBlock: null });
  return new Response(null, { status: 204 });
}

export async function putBucketTagging(ctx: S3Context): Promise<Response> {
  const tags = tagsFromXml(await readSmallBody(ctx.body, MAX_XML_BODY, malformedXml), MAX_BUCKET_TAGS);
  await change(ctx, { tags });
  return new Response(null, { status: 204 });
}

export async function getBucketTagging(ctx: S3Context): Promise<Response> {
  const tags = ctx.bucket!.tags;
  if (!tags?.length) throw noSuchTagSet(ctx.bucket!.name);
  return xmlResponse(xmlDocument("Tagging", tagSetXml(tags)));
}

export async function deleteBucketTagging(ctx: S3Context): Promise<Response> {
  await change(ctx, { tags: null });
  return new Response(null, { status: 204 });
}

