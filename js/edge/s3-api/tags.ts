/**
 * @module edge/s3-api/tags
 * S3's tag sets ("Categorizing your storage using tags", S3 User Guide; PutObjectTagging and
 * PutBucketTagging, S3 API Reference): a key of 1 to 128 Unicode characters, a value of 0 to
 * 256, keys unique, letters, digits, spaces and `_ . : / = + - @` only, no `aws:` prefix on a
 * key; at most 10 tags on an object and 50 on a bucket. Read from the `<Tagging>` body or the
 * `x-amz-tagging` header (URL-encoded query form), written as `<Tagging><TagSet>`.
 */
import { invalidTag, malformedXml } from "./errors.ts";
import { el, wrap } from "./xml.ts";
import { child, children, parseXml } from "./xml-read.ts";

export type TagSet = [key: string, value: string][];

export const MAX_OBJECT_TAGS = 10;
export const MAX_BUCKET_TAGS = 50;
const ALLOWED = /^[\p{L}\p{N}\s_.:/=+\-@]*$/u;

/** @throws S3Error InvalidTag */
export function checkTags(tags: TagSet, max: number): TagSet {
  if (tags.length > max) throw invalidTag(max === MAX_OBJECT_TAGS ? "Object tags cannot be greater than 10" : "Bucket tag count cannot be greater than 50");
  const seen = new Set<string>();
  for (const [k, v] of tags) {
    const klen = [...k].length;
    if (klen < 1 || klen > 128 || !ALLOWED.test(k)) throw invalidTag("The TagKey you have provided is invalid");
    if ([...v].length > 256 || !ALLOWED.test(v)) throw invalidTag("The TagValue you have provided is invalid");
    if (k.toLowerCase().startsWith("aws:")) throw invalidTag("Your TagKey cannot be prefixed with aws:");
    if (seen.has(k)) throw invalidTag("Cannot provide multiple Tags with the same key");
    seen.add(k);
  }
  return tags;
}

/** The tags of an `x-amz-tagging` header (`k=v&k2=v2`, URL-encoded). @throws S3Error InvalidArgument */
export function tagsFromHeader(header: string, max = MAX_OBJECT_TAGS): TagSet {
  const tags: TagSet = [];
  try {
    for (const part of header.split("&")) {
      if (part === "") continue;
      const eq = part.indexOf("=");
      const dec = (s: string) => decodeURIComponent(s.replace(/\+/g, " "));
      tags.push([dec(eq < 0 ? part : part.slice(0, eq)), dec(eq < 0 ? "" : part.slice(eq + 1))]);
    }
  } catch {
    throw invalidTag("The header 'x-amz-tagging' shall be encoded as UTF-8 then URLEncoded URL query parameters without tag name duplicates.");
  }
  return checkTags(tags, max);
}

/** The tags of a `<Tagging><TagSet><Tag><Key/><Value/></Tag>...` body. @throws S3Error MalformedXML, InvalidTag */
export function tagsFromXml(text: string, max: number): TagSet {
  const root = parseXml(text);
  const set = child(root, "TagSet");
  if (root.name !== "Tagging" || !set) throw malformedXml();
  const tags: TagSet = children(set, "Tag").map((t) => {
    const key = child(t, "Key");
    if (!key) throw malformedXml();
    return [key.text, child(t, "Value")?.text ?? ""];
  });
  return checkTags(tags, max);
}

/** `<TagSet>` with its tags (the caller wraps it in `<Tagging>`). */
export function tagSetXml(tags: TagSet): string {
  return wrap("TagSet", tags.map(([k, v]) => wrap("Tag", el("Key", k) + el("Value", v))).join(""));
}

/** Tags as the `x-amz-tagging` header's form. */
export function tagsToQuery(tags: TagSet): string {
  return tags.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join("&");
}
