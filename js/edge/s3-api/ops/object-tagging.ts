/**
 * @module edge/s3-api/ops/object-tagging
 * Get/Put/DeleteObjectTagging ("GetObjectTagging", "PutObjectTagging", "DeleteObjectTagging", S3
 * API Reference): at most 10 tags (tags.ts), kept in the object's sidecar so that tagging neither
 * rewrites the object nor changes its ETag or Last-Modified, as in S3. An object with no tags has
 * an empty TagSet. A key that does not exist is NoSuchKey.
 */
import type { S3Context } from "../context.ts";
import { invalidArgument, malformedXml, noSuchKey } from "../errors.ts";
import { objectKey } from "../layout.ts";
import { readSmallBody } from "../body.ts";
import { readSidecar, writeSidecar } from "../sidecar.ts";
import { MAX_OBJECT_TAGS, tagSetXml, tagsFromXml, type TagSet } from "../tags.ts";
import { xmlDocument, xmlResponse } from "../xml.ts";

async function current(ctx: S3Context) {
  const v = ctx.params.get("versionId");
  if (v !== null && v !== "null") throw invalidArgument("Invalid version id specified", "versionId", v);
  const b = ctx.bucket!;
  const object = await ctx.r2.head(objectKey(b.id, ctx.key!));
  if (!object) throw noSuchKey(ctx.key!);
  return { object, sidecar: await readSidecar(ctx.r2, b.id, ctx.key!, object.version) };
}

export async function getObjectTagging(ctx: S3Context): Promise<Response> {
  const { sidecar } = await current(ctx);
  return xmlResponse(xmlDocument("Tagging", tagSetXml(sidecar?.tags ?? [])));
}

async function setTags(ctx: S3Context, tags: TagSet): Promise<void> {
  const { object, sidecar } = await current(ctx);
  await writeSidecar(ctx.r2, ctx.bucket!.id, ctx.key!, { v: object.version, tags, ...(sidecar?.checksum ? { checksum: sidecar.checksum } : {}) });
}

export async function putObjectTagging(ctx: S3Context): Promise<Response> {
  const tags = tagsFromXml(await readSmallBody(ctx.body, 64 * 1024, malformedXml), MAX_OBJECT_TAGS);
  await setTags(ctx, tags);
  return new Response(null, { status: 200 });
}

export async function deleteObjectTagging(ctx: S3Context): Promise<Response> {
  await setTags(ctx, []);
  return new Response(null, { status: 204 });
}
