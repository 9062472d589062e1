/**
 * @module edge/s3-api/ops/multipart/list
 * ListParts and ListMultipartUploads ("ListParts", "ListMultipartUploads", S3 API Reference),
 * from the upload records (multipart-store.ts). ListParts: `part-number-marker`, `max-parts`
 * (default and at most 1000). ListMultipartUploads: `prefix`, `delimiter`, `key-marker` with
 * `upload-id-marker`, `max-uploads` (default and at most 1000), in key order, then initiation
 * order (upload ids sort by their start time).
 */
import type { S3Context } from "../../context.ts";
import { invalidArgument } from "../../errors.ts";
import { parseUploadKey, uploadPrefix } from "../../layout.ts";
import { listPage, PAST } from "../../list-keys.ts";
import { listParts, readUpload, uploadFromListing, type UploadRecord } from "../../multipart-store.ts";
import { isoDate } from "../../object-meta.ts";
import { ownerXml } from "../../owner.ts";
import { el, wrap, xmlDocument, xmlResponse } from "../../xml.ts";

function limitOf(params: URLSearchParams, name: string): number {
  const raw = params.get(name);
  if (raw === null) return 1000;
  if (!/^\d+$/.test(raw)) throw invalidArgument(`Provided ${name} not an integer or within integer range`, name, raw);
  return Math.min(Number(raw), 1000);
}

function initiatorXml(arn: string): string {
  return wrap("Initiator", el("ID", arn) + el("DisplayName", arn.split(/[:/]/).pop() ?? arn));
}

function checksumXml(u: Pick<UploadRecord, "checksumAlgorithm" | "checksumType">): string {
  return (u.checksumAlgorithm ? el("ChecksumAlgorithm", u.checksumAlgorithm) : "") + (u.checksumType ? el("ChecksumType", u.checksumType) : "");
}

export async function listPartsOp(ctx: S3Context): Promise<Response> {
  const b = ctx.bucket!;
  const upload = await readUpload(ctx.r2, b.id, ctx.key!, ctx.params.get("uploadId"));
  const markerRaw = ctx.params.get("part-number-marker") ?? "0";
  if (!/^\d+$/.test(markerRaw)) throw invalidArgument("Provided part-number-marker not an integer or within integer range", "part-number-marker", markerRaw);
  const max = limitOf(ctx.params, "max-parts");
  const { parts, more } = await listParts(ctx.r2, b.id, upload.uploadId, Number(markerRaw), max);
  const items = parts.map((p) => wrap("Part", el("PartNumber", p.partNumber) + el("LastModified", isoDate(p.lastModified)) + el("ETag", `"${p.md5}"`) + el("Size", p.size)
    + (p.checksum && upload.checksumAlgorithm ? el(`Checksum${upload.checksumAlgorithm}`, p.checksum) : ""))).join("");
  const next = parts.length ? el("NextPartNumberMarker", parts[parts.length - 1].partNumber) : "";
  const body = el("Bucket", b.name) + el("Key", upload.key) + el("UploadId", upload.uploadId) + el("PartNumberMarker", Number(markerRaw)) + next
    + el("MaxParts", max) + el("IsTruncated", more) + items + initiatorXml(upload.initiator) + ownerXml(b.owner) + el("StorageClass", upload.storageClass) + checksumXml(upload);
  return xmlResponse(xmlDocument("ListPartsResult", body));
}

export async function listMultipartUploads(ctx: S3Context): Promise<Response> {
  const b = ctx.bucket!;
  const p = ctx.params;
  const prefix = p.get("prefix") ?? "";
  const delimiter = p.get("delimiter") ?? "";
  const keyMarker = p.get("key-marker") ?? "";
  const idMarker = p.get("upload-id-marker") ?? "";
  const max = limitOf(p, "max-uploads");
  const startAfter = keyMarker === "" ? undefined : `${keyMarker}\u0000${idMarker || PAST}`;
  const page = await listPage(ctx.r2, { base: uploadPrefix(b.id), prefix, delimiter, maxKeys: max, startAfter, include: ["customMetadata"] });
  const items = page.items.map((i) => {
    if ("prefix" in i) return wrap("CommonPrefixes", el("Prefix", i.prefix));
    const { key, uploadId } = parseUploadKey(b.id, i.object.key);
    const u = uploadFromListing(i.object, key, uploadId);
    return wrap("Upload", el("Key", key) + el("UploadId", uploadId) + initiatorXml(u.initiator) + ownerXml(b.owner) + el("StorageClass", u.storageClass)
      + el("Initiated", isoDate(u.initiated)) + checksumXml(u));
  }).join("");
  const last = page.items[page.items.length - 1];
  let next = "";
  if (page.truncated && last) {
    next = "prefix" in last ? el("NextKeyMarker", last.prefix) + el("NextUploadIdMarker", "")
      : el("NextKeyMarker", parseUploadKey(b.id, last.object.key).key) + el("NextUploadIdMarker", parseUploadKey(b.id, last.object.key).uploadId);
  }
  const body = el("Bucket", b.name) + el("KeyMarker", keyMarker) + el("UploadIdMarker", idMarker) + next + el("Prefix", prefix)
    + (delimiter ? el("Delimiter", delimiter) : "") + el("MaxUploads", max) + el("IsTruncated", page.truncated) + items;
  return xmlResponse(xmlDocument("ListMultipartUploadsResult", body));
}
