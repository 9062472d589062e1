/**
 * @module edge/s3-api/ops/list-objects
 * ListObjectsV2 and ListObjects ("ListObjectsV2", "ListObjects", S3 API Reference): `prefix`,
 * `delimiter`, `max-keys` (default and at most 1000), `start-after` and `continuation-token`
 * (V2: an opaque token, here the base64url of where the next page starts), `marker` and
 * `NextMarker` (V1: NextMarker only with a delimiter, as S3 answers), `fetch-owner` (V2; V1
 * always names the owner), and `encoding-type=url` (keys and prefixes URL-encoded as S3 does,
 * a space as `+`; the AWS CLI asks for it and decodes it).
 */
import type { S3Context } from "../context.ts";
import { invalidArgument } from "../errors.ts";
import { objectPrefix } from "../layout.ts";
import { listPage, type ListItem } from "../list-keys.ts";
import { etagOf, isoDate, storageClassOf } from "../object-meta.ts";
import { ownerXml } from "../owner.ts";
import { el, wrap, xmlDocument, xmlResponse } from "../xml.ts";

function maxKeysOf(params: URLSearchParams): number {
  const raw = params.get("max-keys");
  if (raw === null) return 1000;
  if (!/^\d+$/.test(raw)) throw invalidArgument("Provided max-keys not an integer or within integer range", "max-keys", raw);
  return Math.min(Number(raw), 1000);
}

function encoderOf(params: URLSearchParams): (s: string) => string {
  const type = params.get("encoding-type");
  if (type === null) return (s) => s;
  if (type.toLowerCase() !== "url") throw invalidArgument("Invalid Encoding Method specified in Request", "encoding-type", type);
  return (s) => encodeURIComponent(s).replace(/%2F/g, "/").replace(/%20/g, "+");
}

const utf8 = new TextEncoder();
const base64url = (s: string) => btoa(String.fromCharCode(...utf8.encode(s))).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");

function fromToken(token: string): string {
  try {
    const bin = atob(token.replace(/-/g, "+").replace(/_/g, "/"));
    return new TextDecoder("utf-8", { fatal: true }).decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
  } catch {
    throw invalidArgument("The continuation token provided is incorrect", "continuation-token", token);
  }
}

function contents(ctx: S3Context, items: ListItem[], encode: (s: string) => string, withOwner: boolean): string {
  return items.map((i) => {
    if ("prefix" in i) return wrap("CommonPrefixes", el("Prefix", encode(i.prefix)));
    const o = i.object;
    return wrap("Contents", el("Key", encode(i.key)) + el("LastModified", isoDate(o.uploaded)) + el("ETag", etagOf(o)) + el("Size", o.size)
      + el("StorageClass", storageClassOf(o)) + (withOwner ? ownerXml(ctx.bucket!.owner) : ""));
  }).join("");
}

export async function listObjectsV2(ctx: S3Context): Promise<Response> {
  const p = ctx.params;
  const encode = encoderOf(p);
  const maxKeys = maxKeysOf(p);
  const prefix = p.get("prefix") ?? "";
  const delimiter = p.get("delimiter") ?? "";
  const token = p.get("continuation-token");
  const startAfter = p.get("start-after");
  const from = token !== null ? fromToken(token) : startAfter ?? undefined;
  const page = await listPage(ctx.r2, { base: objectPrefix(ctx.bucket!.id), prefix, delimiter, maxKeys, startAfter: from, include: ["customMetadata"] });
  const body = el("Name", ctx.bucket!.name) + el("Prefix", encode(prefix)) + (delimiter ? el("Delimiter", encode(delimiter)) : "")
    + el("MaxKeys", maxKeys) + (p.has("encoding-type") ? el("EncodingType", "url") : "") + el("KeyCount", page.items.length)
    + el("IsTruncated", page.truncated) + (token !== null ? el("ContinuationToken", token) : "")
    + (page.next !== undefined ? el("NextContinuationToken", base64url(page.next)) : "") + (startAfter !== null ? el("StartAfter", encode(startAfter)) : "")
    + contents(ctx, page.items, encode, p.get("fetch-owner") === "true");
  return xmlResponse(xmlDocument("ListBucketResult", body));
}

export async function listObjects(ctx: S3Context): Promise<Response> {
  const p = ctx.params;
  const encode = encoderOf(p);
  const maxKeys = maxKeysOf(p);
  const prefix = p.get("prefix") ?? "";
  const delimiter = p.get("delimiter") ?? "";
  const marker = p.get("marker") ?? "";
  const page = await listPage(ctx.r2, { base: objectPrefix(ctx.bucket!.id), prefix, delimiter, maxKeys, startAfter: marker || undefined, include: ["customMetadata"] });
  const body = el("Name", ctx.bucket!.name) + el("Prefix", encode(prefix)) + el("Marker", encode(marker)) + el("MaxKeys", maxKeys)
    + (delimiter ? el("Delimiter", encode(delimiter)) : "") + el("IsTruncated", page.truncated)
    + (delimiter && page.next !== undefined ? el("NextMarker", encode(page.next)) : "") + (p.has("encoding-type") ? el("EncodingType", "url") : "")
    + contents(ctx, page.items, encode, true);
  return xmlResponse(xmlDocument("ListBucketResult", body));
}
