/**
 * @module test/unit/s3-api/multipart.test
 * Multipart uploads and listings through the AWS SDK v3 against the gateway in Node (Miniflare's
 * R2): the low-level calls (ETag of each part its MD5, the object's the MD5 of the parts' MD5s
 * with `-N`), `@aws-sdk/lib-storage`'s Upload of a 30 MiB body with default checksums and with
 * WHEN_REQUIRED, composite and full-object checksums, ListParts and ListMultipartUploads with
 * their markers, AbortMultipartUpload, UploadPartCopy with a range, S3's errors (InvalidPart,
 * InvalidPartOrder, EntityTooSmall, NoSuchUpload); ListObjectsV2 and ListObjects with prefix,
 * delimiter, continuation tokens, start-after, max-keys and markers.
 */
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  AbortMultipartUploadCommand, CompleteMultipartUploadCommand, CreateBucketCommand, CreateMultipartUploadCommand, GetObjectCommand, HeadObjectCommand,
  ListMultipartUploadsCommand, ListObjectsCommand, ListObjectsV2Command, ListPartsCommand, PutObjectCommand, UploadPartCommand, UploadPartCopyCommand, type S3Client,
} from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import { A, rootKey, startGateway, type Gateway, errorOf } from "./harness.ts";

let g: Gateway;
let s3: S3Client;
let plain: S3Client;
const BUCKET = "multipart";
const MiB = 1024 * 1024;

function bytes(n: number, seed = 1): Uint8Array {
  return new Uint8Array(n).map((_, i) => (i * 31 + seed + (i >> 11)) & 255);
}
const md5 = (b: Uint8Array) => createHash("md5").update(b).digest("hex");
const etagOfParts = (parts: Uint8Array[]) => `"${createHash("md5").update(Buffer.concat(parts.map((p) => createHash("md5").update(p).digest()))).digest("hex")}-${parts.length}"`;

beforeAll(async () => {
  g = await startGateway();
  const root = await rootKey(g, A);
  s3 = g.client(root);
  plain = g.client(root, { requestChecksumCalculation: "WHEN_REQUIRED", responseChecksumValidation: "WHEN_REQUIRED" });
  await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
});
afterAll(async () => { await g?.stop(); });

async function upload(client: S3Client, key: string, parts: Uint8Array[], create: { ChecksumAlgorithm?: "CRC32" | "CRC64NVME"; [k: string]: unknown } = {}) {
  const { UploadId } = await client.send(new CreateMultipartUploadCommand({ Bucket: BUCKET, Key: key, ...create }));
  const done = [];
  for (const [i, body] of parts.entries()) {
    const r = await client.send(new UploadPartCommand({ Bucket: BUCKET, Key: key, UploadId, PartNumber: i + 1, Body: body, ChecksumAlgorithm: create.ChecksumAlgorithm }));
    expect(r.ETag).toBe(`"${md5(body)}"`);
    done.push({ PartNumber: i + 1, ETag: r.ETag, ChecksumCRC32: r.ChecksumCRC32, ChecksumSHA256: r.ChecksumSHA256, ChecksumCRC64NVME: r.ChecksumCRC64NVME });
  }
  return { UploadId: UploadId!, done };
}

describe("multipart uploads", () => {
  it("parts' ETags are their MD5s; the object's the MD5 of the MD5s, -N; the bytes are the parts joined", async () => {
    const parts = [bytes(5 * MiB, 1), bytes(5 * MiB, 2), bytes(1234, 3)];
    const { UploadId, done } = await upload(plain, "mp/low-level", parts, { ContentType: "video/mp4", Metadata: { who: "me" } });
    const r = await plain.send(new CompleteMultipartUploadCommand({ Bucket: BUCKET, Key: "mp/low-level", UploadId, MultipartUpload: { Parts: done.map(({ PartNumber, ETag }) => ({ PartNumber, ETag })) } }));
    expect(r.ETag).toBe(etagOfParts(parts));
    const got = await plain.send(new GetObjectCommand({ Bucket: BUCKET, Key: "mp/low-level" }));
    expect(got).toMatchObject({ ContentType: "video/mp4", Metadata: { who: "me" }, ETag: r.ETag, ContentLength: 10 * MiB + 1234 });
    expect(md5(await got.Body!.transformToByteArray())).toBe(md5(Buffer.concat(parts)));
    expect((await plain.send(new ListMultipartUploadsCommand({ Bucket: BUCKET }))).Uploads ?? []).toEqual([]);
  });

  it("a composite CRC32 checksum is the CRC32 of the parts' CRC32s, -N", async () => {
    const parts = [bytes(5 * MiB, 4), bytes(10, 5)];
    const { UploadId, done } = await upload(s3, "mp/composite", parts, { ChecksumAlgorithm: "CRC32" });
    const r = await s3.send(new CompleteMultipartUploadCommand({ Bucket: BUCKET, Key: "mp/composite", UploadId, MultipartUpload: { Parts: done.map(({ PartNumber, ETag, ChecksumCRC32 }) => ({ PartNumber, ETag, ChecksumCRC32 })) } }));
    expect(r.ChecksumCRC32).toMatch(/^[A-Za-z0-9+/]{6}==-2$/);
    expect(r.ChecksumType).toBe("COMPOSITE");
    const head = await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: "mp/composite", ChecksumMode: "ENABLED" }));
    expect(head.ChecksumCRC32).toBe(r.ChecksumCRC32);
  });

  it("a full-object CRC64NVME checksum is the whole object's, and GetObject validates with it", async () => {
    const parts = [bytes(5 * MiB, 6), bytes(777, 7)];
    const { UploadId, done } = await upload(s3, "mp/full", parts, { ChecksumAlgorithm: "CRC64NVME", ChecksumType: "FULL_OBJECT" });
    const r = await s3.send(new CompleteMultipartUploadCommand({ Bucket: BUCKET, Key: "mp/full", UploadId, MultipartUpload: { Parts: done.map(({ PartNumber, ETag, ChecksumCRC64NVME }) => ({ PartNumber, ETag, ChecksumCRC64NVME })) } }));
    expect(r.ChecksumType).toBe("FULL_OBJECT");
    const whole = await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: "mp/full-single", Body: Buffer.concat(parts), ChecksumAlgorithm: "CRC64NVME" }));
    expect(r.ChecksumCRC64NVME).toBe(whole.ChecksumCRC64NVME);
    const got = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: "mp/full", ChecksumMode: "ENABLED" }));
    expect(got.ChecksumCRC64NVME).toBe(whole.ChecksumCRC64NVME);
    expect((await got.Body!.transformToByteArray()).length).toBe(5 * MiB + 777);
  });

  it("lib-storage's Upload of 30 MiB, default checksums and WHEN_REQUIRED, reads back identical", async () => {
    for (const [client, name] of [[s3, "default"], [plain, "when-required"]] as const) {
      const body = bytes(30 * MiB, name.length);
      const up = new Upload({ client, params: { Bucket: BUCKET, Key: `mp/lib-${name}`, Body: body }, partSize: 8 * MiB, queueSize: 3 });
      const r = await up.done();
      expect(r.ETag).toMatch(/^"[0-9a-f]{32}-4"$/);
      const got = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: `mp/lib-${name}` }));
      expect(md5(await got.Body!.transformToByteArray())).toBe(md5(body));
    }
  });

  it("ListParts and ListMultipartUploads page with their markers; Abort forgets the upload", async () => {
    const ids: string[] = [];
    for (const key of ["lu/a", "lu/a", "lu/b/1", "lu/c"]) ids.push((await s3.send(new CreateMultipartUploadCommand({ Bucket: BUCKET, Key: key }))).UploadId!);
    for (const n of [1, 2, 3]) await s3.send(new UploadPartCommand({ Bucket: BUCKET, Key: "lu/a", UploadId: ids[0], PartNumber: n, Body: bytes(10, n) }));
    const p1 = await s3.send(new ListPartsCommand({ Bucket: BUCKET, Key: "lu/a", UploadId: ids[0], MaxParts: 2 }));
    expect([p1.Parts?.map((p) => p.PartNumber), p1.IsTruncated, p1.NextPartNumberMarker]).toEqual([[1, 2], true, "2"]);
    const p2 = await s3.send(new ListPartsCommand({ Bucket: BUCKET, Key: "lu/a", UploadId: ids[0], PartNumberMarker: p1.NextPartNumberMarker }));
    expect([p2.Parts?.map((p) => [p.PartNumber, p.Size, p.ETag]), p2.IsTruncated]).toEqual([[[3, 10, `"${md5(bytes(10, 3))}"`]], false]);
    const all = await s3.send(new ListMultipartUploadsCommand({ Bucket: BUCKET, Prefix: "lu/" }));
    expect(all.Uploads?.map((u) => [u.Key, u.UploadId])).toEqual([["lu/a", ids[0]], ["lu/a", ids[1]], ["lu/b/1", ids[2]], ["lu/c", ids[3]]]);
    const grouped = await s3.send(new ListMultipartUploadsCommand({ Bucket: BUCKET, Prefix: "lu/", Delimiter: "/" }));
    expect([grouped.Uploads?.map((u) => u.Key), grouped.CommonPrefixes?.map((c) => c.Prefix)]).toEqual([["lu/a", "lu/a", "lu/c"], ["lu/b/"]]);
    const page = await s3.send(new ListMultipartUploadsCommand({ Bucket: BUCKET, Prefix: "lu/", MaxUploads: 1 }));
    expect([page.IsTruncated, page.NextKeyMarker, page.NextUploadIdMarker]).toEqual([true, "lu/a", ids[0]]);
    const next = await s3.send(new ListMultipartUploadsCommand({ Bucket: BUCKET, Prefix: "lu/", KeyMarker: page.NextKeyMarker, UploadIdMarker: page.NextUploadIdMarker }));
    expect(next.Uploads?.map((u) => u.UploadId)).toEqual(ids.slice(1));
    for (const [i, key] of ["lu/a", "lu/a", "lu/b/1", "lu/c"].entries()) await s3.send(new AbortMultipartUploadCommand({ Bucket: BUCKET, Key: key, UploadId: ids[i] }));
    expect((await s3.send(new ListMultipartUploadsCommand({ Bucket: BUCKET, Prefix: "lu/" }))).Uploads ?? []).toEqual([]);
    expect(await errorOf(s3.send(new ListPartsCommand({ Bucket: BUCKET, Key: "lu/a", UploadId: ids[0] })))).toMatchObject({ name: "NoSuchUpload", status: 404 });
  });

  it("a part with another checksum algorithm than the upload's is refused (Checksum Type mismatch)", async () => {
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: BUCKET, Key: "mp/mismatch", ChecksumAlgorithm: "CRC64NVME" }));
    expect(await errorOf(s3.send(new UploadPartCommand({ Bucket: BUCKET, Key: "mp/mismatch", UploadId, PartNumber: 1, Body: "x", ChecksumAlgorithm: "CRC32" })))).toMatchObject({ name: "InvalidRequest", status: 400 });
  });

  it("S3's completion errors: InvalidPart, InvalidPartOrder, EntityTooSmall, NoSuchUpload, part number range", async () => {
    const small = [bytes(100, 1), bytes(100, 2)];
    const { UploadId, done } = await upload(plain, "mp/errors", small);
    const parts = done.map(({ PartNumber, ETag }) => ({ PartNumber, ETag }));
    const complete = (Parts: { PartNumber: number; ETag?: string }[], id = UploadId) => plain.send(new CompleteMultipartUploadCommand({ Bucket: BUCKET, Key: "mp/errors", UploadId: id, MultipartUpload: { Parts } }));
    expect(await errorOf(complete([{ PartNumber: 1, ETag: '"00000000000000000000000000000000"' }]))).toMatchObject({ name: "InvalidPart", status: 400 });
    expect(await errorOf(complete([parts[1], parts[0]]))).toMatchObject({ name: "InvalidPartOrder", status: 400 });
    expect(await errorOf(complete(parts))).toMatchObject({ name: "EntityTooSmall", status: 400 });
    expect(await errorOf(complete(parts, "000000000000000000000000"))).toMatchObject({ name: "NoSuchUpload", status: 404 });
    expect(await errorOf(plain.send(new UploadPartCommand({ Bucket: BUCKET, Key: "mp/errors", UploadId, PartNumber: 10001, Body: "x" })))).toMatchObject({ name: "InvalidArgument", status: 400 });
    // One part is also the last one: no minimum.
    const one = await complete([parts[0]]);
    expect(one.ETag).toBe(etagOfParts([small[0]]));
  });

  it("UploadPartCopy copies a byte range of another object into a part", async () => {
    const source = bytes(6 * MiB, 9);
    await plain.send(new PutObjectCommand({ Bucket: BUCKET, Key: "mp/copy-src", Body: source }));
    const { UploadId } = await plain.send(new CreateMultipartUploadCommand({ Bucket: BUCKET, Key: "mp/copy-dst" }));
    const a = await plain.send(new UploadPartCopyCommand({ Bucket: BUCKET, Key: "mp/copy-dst", UploadId, PartNumber: 1, CopySource: `${BUCKET}/mp/copy-src`, CopySourceRange: `bytes=0-${5 * MiB - 1}` }));
    const b = await plain.send(new UploadPartCopyCommand({ Bucket: BUCKET, Key: "mp/copy-dst", UploadId, PartNumber: 2, CopySource: `${BUCKET}/mp/copy-src`, CopySourceRange: `bytes=${5 * MiB}-${6 * MiB - 1}` }));
    expect(a.CopyPartResult?.ETag).toBe(`"${md5(source.subarray(0, 5 * MiB))}"`);
    await plain.send(new CompleteMultipartUploadCommand({ Bucket: BUCKET, Key: "mp/copy-dst", UploadId, MultipartUpload: { Parts: [{ PartNumber: 1, ETag: a.CopyPartResult!.ETag }, { PartNumber: 2, ETag: b.CopyPartResult!.ETag }] } }));
    const got = await plain.send(new GetObjectCommand({ Bucket: BUCKET, Key: "mp/copy-dst" }));
    expect(md5(await got.Body!.transformToByteArray())).toBe(md5(source));
    expect(await errorOf(plain.send(new UploadPartCopyCommand({ Bucket: BUCKET, Key: "mp/copy-dst", UploadId: "000000000000000000000000", PartNumber: 1, CopySource: `${BUCKET}/mp/copy-src` })))).toMatchObject({ name: "NoSuchUpload" });
  });
});

describe("listing", () => {
  const keys = ["l/a", "l/b/1", "l/b/2", "l/c/x/1", "l/d", "l/e/", "l/é", "l/😀", "l/\uFFFD"];
  beforeAll(async () => {
    for (const k of keys) await plain.send(new PutObjectCommand({ Bucket: BUCKET, Key: k, Body: k }));
  });

  it("ListObjectsV2: prefix, delimiter, max-keys and continuation tokens, common prefixes counted as keys", async () => {
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await plain.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: "l/", Delimiter: "/", MaxKeys: 2, ContinuationToken: token }));
      expect(page.KeyCount).toBe((page.Contents?.length ?? 0) + (page.CommonPrefixes?.length ?? 0));
      expect(page.KeyCount).toBeLessThanOrEqual(2);
      seen.push(...(page.Contents ?? []).map((c) => c.Key!), ...(page.CommonPrefixes ?? []).map((c) => `prefix:${c.Prefix}`));
      token = page.NextContinuationToken;
      pages++;
    } while (token);
    expect(seen.sort()).toEqual(["l/a", "l/d", "l/é", "l/😀", "l/\uFFFD", "prefix:l/b/", "prefix:l/c/", "prefix:l/e/"].sort());
    expect(pages).toBeGreaterThanOrEqual(4);
  });

  it("ListObjectsV2: keys in UTF-8 byte order, start-after, fetch-owner", async () => {
    const all = await plain.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: "l/", FetchOwner: true }));
    expect(all.Contents?.map((c) => c.Key)).toEqual([...keys].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b))));
    expect(all.Contents?.[0].Owner?.ID).toMatch(/^[0-9a-f]{64}$/);
    const after = await plain.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: "l/", StartAfter: "l/c" }));
    expect(after.Contents?.[0].Key).toBe("l/c/x/1");
    expect(after.StartAfter).toBe("l/c");
  });

  it("ListObjects (V1): marker and NextMarker with a delimiter", async () => {
    const first = await plain.send(new ListObjectsCommand({ Bucket: BUCKET, Prefix: "l/", Delimiter: "/", MaxKeys: 2 }));
    expect([first.Contents?.map((c) => c.Key), first.CommonPrefixes?.map((c) => c.Prefix), first.IsTruncated, first.NextMarker]).toEqual([["l/a"], ["l/b/"], true, "l/b/"]);
    const second = await plain.send(new ListObjectsCommand({ Bucket: BUCKET, Prefix: "l/", Delimiter: "/", MaxKeys: 2, Marker: first.NextMarker }));
    expect(second.CommonPrefixes?.map((c) => c.Prefix)).toEqual(["l/c/"]);
    expect(second.Contents?.map((c) => c.Key)).toEqual(["l/d"]);
  });

  it("max-keys 0 lists nothing; a bad token or max-keys is InvalidArgument", async () => {
    const none = await plain.send(new ListObjectsV2Command({ Bucket: BUCKET, MaxKeys: 0 }));
    expect([none.KeyCount, none.IsTruncated]).toEqual([0, false]);
    expect(await errorOf(plain.send(new ListObjectsV2Command({ Bucket: BUCKET, ContinuationToken: "@@@" })))).toMatchObject({ name: "InvalidArgument", status: 400 });
  });
});
