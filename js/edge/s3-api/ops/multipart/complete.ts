/**
 * @module edge/s3-api/ops/multipart/complete
 * CompleteMultipartUpload and AbortMultipartUpload (S3 API Reference). Completion checks the
 * request's part list as S3 does: at least one part (`MalformedXML`), part numbers ascending
 * (`InvalidPartOrder`), each part uploaded with that ETag (`InvalidPart`), every part but the
 * last at least 5 MiB (`EntityTooSmall`: "Amazon S3 multipart upload limits"), a checksum for
 * every part when the upload named an algorithm, equal to the one given for it. R2 then joins the
 * parts; R2 also needs every part but the last to be of one size, and no larger last part
 * (docs/edge.md, known differences: `InvalidRequest` otherwise). The object's ETag is the MD5 of
 * the parts' MD5s with `-<parts>`; its checksum is composed from the parts' (COMPOSITE: the
 * checksum of the parts' checksums, `-<parts>`; FULL_OBJECT: the CRC of the whole object,
 * crc-combine.ts) and checked against one sent with the request (`BadDigest`).
 */
import type { S3Context } from "../../context.ts";
import { checksumByAlgorithm } from "../../../checksums/algorithms.ts";
import { toBase64 } from "../../../sigv4/encoding.ts";
import { readSmallBody } from "../../body.ts";
import { combineCrcs } from "../../crc-combine.ts";
import { badDigest, entityTooSmall, invalidPart, invalidPartOrder, invalidRequest, malformedXml } from "../../errors.ts";
import { objectKey } from "../../layout.ts";
import { listParts, readUpload, removeUpload, type PartRecord, type UploadRecord } from "../../multipart-store.ts";
import type { StoredChecksum } from "../../object-meta.ts";
import { etagOf } from "../../object-meta.ts";
import { r2Failure } from "../../r2-errors.ts";
import { writeSidecar } from "../../sidecar.ts";
import { el, xmlDocument, xmlResponse } from "../../xml.ts";
import { child, children, parseXml } from "../../xml-read.ts";

const MIN_PART = 5 * 1024 * 1024;
const MAX_COMPLETE_BODY = 10_000 * 512;

interface RequestedPart {
  partNumber: number;
  etag: string;
  checksum?: string;
}

function requestedParts(text: string, algorithm: string | undefined): RequestedPart[] {
  const root = parseXml(text);
  if (root.name !== "CompleteMultipartUpload") throw malformedXml();
  const parts = children(root, "Part").map((p) => {
    const n = child(p, "PartNumber")?.text.trim() ?? "";
    const etag = child(p, "ETag")?.text.trim();
    if (!/^\d{1,5}$/.test(n) || etag === undefined) throw malformedXml();
    const checksum = algorithm ? child(p, `Checksum${algorithm}`)?.text.trim() : undefined;
    return { partNumber: Number(n), etag: etag.replace(/^"|"$/g, ""), ...(checksum ? { checksum } : {}) };
  });
  if (parts.length === 0) throw malformedXml();
  for (let i = 1; i < parts.length; i++) if (parts[i].partNumber <= parts[i - 1].partNumber) throw invalidPartOrder();
  return parts;
}

function checkSizes(parts: PartRecord[]): void {
  parts.slice(0, -1).forEach((p) => { if (p.size < MIN_PART) throw entityTooSmall(); });
  const first = parts[0].size;
  const mismatch = parts.findIndex((p, i) => (i < parts.length - 1 ? p.size !== first : p.size > first));
  if (parts.length > 1 && mismatch >= 0) {
    throw invalidRequest(`R2 stores a multipart object only when every part but the last has one size and the last is no larger: part ${parts[mismatch].partNumber} has ${parts[mismatch].size} bytes, part ${parts[0].partNumber} ${first}`);
  }
}

function composedChecksum(upload: UploadRecord, parts: PartRecord[]): StoredChecksum | undefined {
  const a = upload.checksumAlgorithm;
  if (!a) return undefined;
  const missing = parts.find((p) => !p.checksum);
  if (missing) throw invalidRequest(`The upload was created using a ${a.toLowerCase()} checksum. The complete request must include the checksum for each part. It was missing for part ${missing.partNumber} in the request.`);
  const raw = parts.map((p) => Uint8Array.from(atob(p.checksum!), (c) => c.charCodeAt(0)));
  if (upload.checksumType === "FULL_OBJECT") {
    const whole = combineCrcs(a, raw.map((crc, i) => ({ crc, size: parts[i].size })));
    return whole ? { algorithm: a, value: toBase64(whole), type: "FULL_OBJECT" } : undefined;
  }
  const h = checksumByAlgorithm(a)!.create();
  for (const r of raw) h.update(r);
  return { algorithm: a, value: `${toBase64(h.digest())}-${parts.length}`, type: "COMPOSITE" };
}

/** The stored parts the request names, checked. */
async function partsOf(ctx: S3Context, upload: UploadRecord, requested: RequestedPart[]): Promise<PartRecord[]> {
  const { parts: stored } = await listParts(ctx.r2, ctx.bucket!.id, upload.uploadId, 0, 10_000);
  const byNumber = new Map(stored.map((p) => [p.partNumber, p]));
  return requested.map((r) => {
    const p = byNumber.get(r.partNumber);
    if (!p || p.md5 !== r.etag) throw invalidPart();
    if (r.checksum !== undefined && r.checksum !== p.checksum) throw invalidPart();
    return p;
  });
}

export async function completeMultipartUpload(ctx: S3Context): Promise<Response> {
  const bucket = ctx.bucket!;
  const key = ctx.key!;
  const upload = await readUpload(ctx.r2, bucket.id, key, ctx.params.get("uploadId"));
  const requested = requestedParts(await readSmallBody(ctx.body, MAX_COMPLETE_BODY, malformedXml), upload.checksumAlgorithm);
  const parts = await partsOf(ctx, upload, requested);
  checkSizes(parts);
  const checksum = composedChecksum(upload, parts);
  const given = upload.checksumAlgorithm ? ctx.headers.get(`x-amz-checksum-${upload.checksumAlgorithm.toLowerCase()}`) : null;
  if (given !== null && checksum && given !== checksum.value) throw badDigest(upload.checksumAlgorithm);
  let object;
  try {
    object = await ctx.r2.resumeMultipartUpload(objectKey(bucket.id, key), upload.r2UploadId).complete(parts.map((p) => ({ partNumber: p.partNumber, etag: p.r2Etag })));
  } catch (err) {
    throw r2Failure(err);
  }
  if (checksum || upload.tags?.length) await writeSidecar(ctx.r2, bucket.id, key, { v: object.version, ...(upload.tags?.length ? { tags: upload.tags } : {}), ...(checksum ? { checksum } : {}) });
  await removeUpload(ctx.r2, bucket.id, key, upload.uploadId);
  const location = `${ctx.url.origin}/${bucket.name}/${key.split("/").map(encodeURIComponent).join("/")}`;
  const sum = checksum ? el(`Checksum${checksum.algorithm}`, checksum.value) + el("ChecksumType", checksum.type) : "";
  return xmlResponse(xmlDocument("CompleteMultipartUploadResult", el("Location", location) + el("Bucket", bucket.name) + el("Key", key) + el("ETag", etagOf(object)) + sum));
}

export async function abortMultipartUpload(ctx: S3Context): Promise<Response> {
  const bucket = ctx.bucket!;
  const upload = await readUpload(ctx.r2, bucket.id, ctx.key!, ctx.params.get("uploadId"));
  try {
    await ctx.r2.resumeMultipartUpload(objectKey(bucket.id, ctx.key!), upload.r2UploadId).abort();
  } catch (err) {
    // Already gone in R2 (completed or aborted meanwhile): our records still go.
    if (!/\(10024\)/.test(String((err as Error)?.message))) throw r2Failure(err);
  }
  await removeUpload(ctx.r2, bucket.id, ctx.key!, upload.uploadId);
  return new Response(null, { status: 204 });
}
