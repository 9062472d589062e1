/**
 * @module test/unit/s3-api/objects.test
 * Objects through the AWS SDK v3 against the gateway in Node (Miniflare's R2): PutObject and
 * GetObject of 0 bytes, 1 byte and 5 MiB ± 1 with the SDK's default checksums (CRC32 in an
 * aws-chunked trailer) and with `requestChecksumCalculation: "WHEN_REQUIRED"`; ETags (MD5);
 * checksums stored and returned; user and system metadata; Range and the conditional headers;
 * CopyObject with the metadata and tagging directives; tagging; deletes; and a corpus of keys
 * with awkward characters, each written, read, listed and deleted exactly.
 */
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CopyObjectCommand, CreateBucketCommand, DeleteObjectCommand, DeleteObjectsCommand, GetObjectCommand, GetObjectTaggingCommand, HeadObjectCommand,
  ListObjectsV2Command, PutObjectCommand, PutObjectTaggingCommand, DeleteObjectTaggingCommand, type S3Client,
} from "@aws-sdk/client-s3";
import { A, rootKey, startGateway, type Gateway, errorOf } from "./harness.ts";

let g: Gateway;
let s3: S3Client;
let plain: S3Client;
const BUCKET = "objects";

function bytes(n: number, seed = 1): Uint8Array {
  return new Uint8Array(n).map((_, i) => (i * 7 + seed * 13 + (i >> 9)) & 255);
}
const md5 = (b: Uint8Array) => createHash("md5").update(b).digest("hex");
const crc32 = (b: Uint8Array) => { const h = createHash("sha256"); h.update(b); return h; };

beforeAll(async () => {
  g = await startGateway();
  const root = await rootKey(g, A);
  s3 = g.client(root);
  plain = g.client(root, { requestChecksumCalculation: "WHEN_REQUIRED", responseChecksumValidation: "WHEN_REQUIRED" });
  await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
});
afterAll(async () => { await g?.stop(); });

describe("PutObject and GetObject", () => {
  for (const size of [0, 1, 5 * 1024 * 1024 - 1, 5 * 1024 * 1024, 5 * 1024 * 1024 + 1]) {
    it(`${size} bytes round-trip byte for byte, both checksum modes, ETag the MD5`, async () => {
      for (const [client, name] of [[s3, "default"], [plain, "when-required"]] as const) {
        const body = bytes(size, size % 97);
        const key = `sizes/${size}-${name}`;
        const put = await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: body }));
        expect(put.ETag).toBe(`"${md5(body)}"`);
        const got = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
        const back = await got.Body!.transformToByteArray();
        expect(back.length).toBe(size);
        expect(md5(back)).toBe(md5(body));
        expect(got.ContentLength).toBe(size);
        expect(got.ETag).toBe(put.ETag);
      }
    });
  }

  it("the default CRC32 (sent in the trailer) is stored and returned with checksum mode, and validated by the SDK", async () => {
    const body = bytes(1000);
    const put = await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: "sum/crc32", Body: body }));
    expect(put.ChecksumCRC32).toMatch(/^[A-Za-z0-9+/]{6}==$/);
    const head = await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: "sum/crc32", ChecksumMode: "ENABLED" }));
    expect(head.ChecksumCRC32).toBe(put.ChecksumCRC32);
    expect(head.ChecksumType).toBe("FULL_OBJECT");
    const got = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: "sum/crc32", ChecksumMode: "ENABLED" }));
    expect(got.ChecksumCRC32).toBe(put.ChecksumCRC32);
    expect((await got.Body!.transformToByteArray()).length).toBe(1000);
  });

  it("a SHA-256 checksum sent as a header is stored with the object", async () => {
    const body = bytes(300);
    const sha = createHash("sha256").update(body).digest("base64");
    await plain.send(new PutObjectCommand({ Bucket: BUCKET, Key: "sum/sha256", Body: body, ChecksumSHA256: sha }));
    const head = await plain.send(new HeadObjectCommand({ Bucket: BUCKET, Key: "sum/sha256", ChecksumMode: "ENABLED" }));
    expect(head.ChecksumSHA256).toBe(sha);
    expect(crc32(body)).toBeDefined();
  });

  it("a wrong checksum is BadDigest and stores nothing", async () => {
    const e = await errorOf(plain.send(new PutObjectCommand({ Bucket: BUCKET, Key: "sum/bad", Body: bytes(10), ChecksumCRC32: "AAAAAA==" })));
    expect(e).toMatchObject({ name: "BadDigest", status: 400 });
    expect((await errorOf(s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: "sum/bad" })))).status).toBe(404);
  });

  it("a wrong Content-MD5 is BadDigest; a malformed one InvalidDigest", async () => {
    const e = await errorOf(plain.send(new PutObjectCommand({ Bucket: BUCKET, Key: "md5/bad", Body: "abc", ContentMD5: createHash("md5").update("abd").digest("base64") })));
    expect(e).toMatchObject({ name: "BadDigest", status: 400 });
    const f = await errorOf(plain.send(new PutObjectCommand({ Bucket: BUCKET, Key: "md5/bad", Body: "abc", ContentMD5: "nope" })));
    expect(f).toMatchObject({ name: "InvalidDigest", status: 400 });
    await plain.send(new PutObjectCommand({ Bucket: BUCKET, Key: "md5/good", Body: "abc", ContentMD5: createHash("md5").update("abc").digest("base64") }));
  });

  it("user and system metadata come back as they were put", async () => {
    await s3.send(new PutObjectCommand({
      Bucket: BUCKET, Key: "meta/doc", Body: "x", ContentType: "text/csv; charset=utf-8", ContentLanguage: "fr", ContentDisposition: 'attachment; filename="a.csv"',
      CacheControl: "max-age=60", ContentEncoding: "identity", Metadata: { owner: "alice", "Mixed-Case": "Value 1" }, StorageClass: "STANDARD_IA",
    }));
    const head = await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: "meta/doc" }));
    expect(head).toMatchObject({ ContentType: "text/csv; charset=utf-8", ContentLanguage: "fr", ContentDisposition: 'attachment; filename="a.csv"', CacheControl: "max-age=60", ContentEncoding: "identity", StorageClass: "STANDARD_IA" });
    expect(head.Metadata).toEqual({ owner: "alice", "mixed-case": "Value 1" });
    expect(head.LastModified).toBeInstanceOf(Date);
    const list = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: "meta/" }));
    expect(list.Contents?.[0].StorageClass).toBe("STANDARD_IA");
  });

  it("user metadata over 2 KB is MetadataTooLarge", async () => {
    const e = await errorOf(s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: "meta/big", Body: "x", Metadata: { a: "v".repeat(2100) } })));
    expect(e).toMatchObject({ name: "MetadataTooLarge", status: 400 });
  });

  it("a missing key is NoSuchKey for a caller allowed to list the bucket", async () => {
    const e = await errorOf(s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: "nope" })));
    expect(e).toMatchObject({ name: "NoSuchKey", status: 404 });
    expect(e.requestId).toMatch(/^[0-9A-F]{16}$/);
  });
});

describe("Range and conditional requests", () => {
  const body = bytes(1000, 3);
  beforeAll(async () => { await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: "range/obj", Body: body })); });

  it("bytes=first-last, first-, -suffix answer 206 with Content-Range", async () => {
    for (const [range, start, end] of [["bytes=10-19", 10, 19], ["bytes=990-", 990, 999], ["bytes=-5", 995, 999], ["bytes=0-5000", 0, 999]] as const) {
      const got = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: "range/obj", Range: range }));
      expect(got.ContentRange).toBe(`bytes ${start}-${end}/1000`);
      expect(got.$metadata.httpStatusCode).toBe(206);
      expect(Buffer.from(await got.Body!.transformToByteArray()).equals(Buffer.from(body.subarray(start, end + 1)))).toBe(true);
    }
  });

  it("a range past the end is 416 InvalidRange; a malformed one is ignored", async () => {
    expect(await errorOf(s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: "range/obj", Range: "bytes=1000-" })))).toMatchObject({ name: "InvalidRange", status: 416 });
    const got = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: "range/obj", Range: "lines=1-2" }));
    expect(got.$metadata.httpStatusCode).toBe(200);
    expect(got.ContentLength).toBe(1000);
    await got.Body!.transformToByteArray();
  });

  it("If-Match / If-None-Match / If-Modified-Since / If-Unmodified-Since", async () => {
    const head = await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: "range/obj" }));
    const etag = head.ETag!;
    const later = new Date(head.LastModified!.getTime() + 60_000);
    const earlier = new Date(head.LastModified!.getTime() - 60_000);
    expect((await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: "range/obj", IfMatch: etag }))).$metadata.httpStatusCode).toBe(200);
    expect(await errorOf(s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: "range/obj", IfMatch: '"0000"' })))).toMatchObject({ name: "PreconditionFailed", status: 412 });
    expect((await errorOf(s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: "range/obj", IfNoneMatch: etag })))).status).toBe(304);
    expect((await errorOf(s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: "range/obj", IfModifiedSince: later })))).status).toBe(304);
    expect(await errorOf(s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: "range/obj", IfUnmodifiedSince: earlier })))).toMatchObject({ status: 412 });
    // S3: If-Match true and If-Unmodified-Since false answers the object.
    expect((await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: "range/obj", IfMatch: etag, IfUnmodifiedSince: earlier }))).$metadata.httpStatusCode).toBe(200);
    expect((await errorOf(s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: "range/obj", IfNoneMatch: etag })))).status).toBe(304);
  });

  it("conditional writes: If-None-Match: * only on a free key, If-Match only over that ETag", async () => {
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: "cond/new", Body: "1", IfNoneMatch: "*" }));
    expect(await errorOf(s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: "cond/new", Body: "2", IfNoneMatch: "*" })))).toMatchObject({ name: "PreconditionFailed", status: 412 });
    const head = await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: "cond/new" }));
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: "cond/new", Body: "3", IfMatch: head.ETag }));
    expect(await errorOf(s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: "cond/new", Body: "4", IfMatch: head.ETag })))).toMatchObject({ status: 412 });
    expect(await (await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: "cond/new" }))).Body!.transformToString()).toBe("3");
  });

  it("response-* parameters override the response headers", async () => {
    const got = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: "range/obj", ResponseContentType: "text/plain", ResponseContentDisposition: "inline", ResponseCacheControl: "no-cache" }));
    expect(got).toMatchObject({ ContentType: "text/plain", ContentDisposition: "inline", CacheControl: "no-cache" });
    await got.Body!.transformToByteArray();
  });
});

describe("CopyObject", () => {
  beforeAll(async () => {
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: "copy/src", Body: "source body", ContentType: "text/plain", Metadata: { a: "1" }, Tagging: "t=1&u=2" }));
  });

  it("COPY keeps the source's metadata and tags; the ETag is the MD5", async () => {
    const r = await s3.send(new CopyObjectCommand({ Bucket: BUCKET, Key: "copy/dst", CopySource: `${BUCKET}/copy/src` }));
    expect(r.CopyObjectResult?.ETag).toBe(`"${createHash("md5").update("source body").digest("hex")}"`);
    const head = await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: "copy/dst" }));
    expect(head).toMatchObject({ ContentType: "text/plain", Metadata: { a: "1" }, TagCount: 2 });
  });

  it("REPLACE takes the request's metadata and tags", async () => {
    await s3.send(new CopyObjectCommand({ Bucket: BUCKET, Key: "copy/dst2", CopySource: `${BUCKET}/copy/src`, MetadataDirective: "REPLACE", ContentType: "application/json", Metadata: { b: "2" }, TaggingDirective: "REPLACE", Tagging: "x=y" }));
    const head = await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: "copy/dst2" }));
    expect(head).toMatchObject({ ContentType: "application/json", Metadata: { b: "2" }, TagCount: 1 });
    const tags = await s3.send(new GetObjectTaggingCommand({ Bucket: BUCKET, Key: "copy/dst2" }));
    expect(tags.TagSet).toEqual([{ Key: "x", Value: "y" }]);
  });

  it("onto itself without changes is refused; with REPLACE it is allowed", async () => {
    const e = await errorOf(s3.send(new CopyObjectCommand({ Bucket: BUCKET, Key: "copy/src", CopySource: `${BUCKET}/copy/src` })));
    expect(e).toMatchObject({ name: "InvalidRequest", status: 400 });
    await s3.send(new CopyObjectCommand({ Bucket: BUCKET, Key: "copy/src", CopySource: `${BUCKET}/copy/src`, MetadataDirective: "REPLACE", ContentType: "text/x" }));
    expect((await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: "copy/src" }))).ContentType).toBe("text/x");
  });

  it("a missing source is NoSuchKey; a failed source condition 412", async () => {
    expect(await errorOf(s3.send(new CopyObjectCommand({ Bucket: BUCKET, Key: "copy/x", CopySource: `${BUCKET}/copy/none` })))).toMatchObject({ name: "NoSuchKey", status: 404 });
    expect(await errorOf(s3.send(new CopyObjectCommand({ Bucket: BUCKET, Key: "copy/x", CopySource: `${BUCKET}/copy/src`, CopySourceIfMatch: '"00"' })))).toMatchObject({ name: "PreconditionFailed", status: 412 });
  });
});

describe("tagging and deletes", () => {
  it("Put/Get/DeleteObjectTagging change neither the ETag nor Last-Modified", async () => {
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: "tags/o", Body: "t" }));
    const before = await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: "tags/o" }));
    expect((await s3.send(new GetObjectTaggingCommand({ Bucket: BUCKET, Key: "tags/o" }))).TagSet).toEqual([]);
    await s3.send(new PutObjectTaggingCommand({ Bucket: BUCKET, Key: "tags/o", Tagging: { TagSet: [{ Key: "k", Value: "v" }, { Key: "é t", Value: "" }] } }));
    expect((await s3.send(new GetObjectTaggingCommand({ Bucket: BUCKET, Key: "tags/o" }))).TagSet).toEqual([{ Key: "k", Value: "v" }, { Key: "é t", Value: "" }]);
    const after = await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: "tags/o" }));
    expect([after.ETag, after.LastModified?.getTime(), after.TagCount]).toEqual([before.ETag, before.LastModified?.getTime(), 2]);
    await s3.send(new DeleteObjectTaggingCommand({ Bucket: BUCKET, Key: "tags/o" }));
    expect((await s3.send(new GetObjectTaggingCommand({ Bucket: BUCKET, Key: "tags/o" }))).TagSet).toEqual([]);
  });

  it("tags are checked as S3 checks them", async () => {
    const eleven = Array.from({ length: 11 }, (_, i) => ({ Key: `k${i}`, Value: "v" }));
    expect(await errorOf(s3.send(new PutObjectTaggingCommand({ Bucket: BUCKET, Key: "tags/o", Tagging: { TagSet: eleven } })))).toMatchObject({ name: "InvalidTag", status: 400 });
    expect(await errorOf(s3.send(new PutObjectTaggingCommand({ Bucket: BUCKET, Key: "tags/o", Tagging: { TagSet: [{ Key: "aws:x", Value: "v" }] } })))).toMatchObject({ name: "InvalidTag" });
    expect(await errorOf(s3.send(new PutObjectTaggingCommand({ Bucket: BUCKET, Key: "tags/none", Tagging: { TagSet: [] } })))).toMatchObject({ name: "NoSuchKey", status: 404 });
  });

  it("a new upload of the key resets its tags (the sidecar of the old version is ignored)", async () => {
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: "tags/reset", Body: "1", Tagging: "a=b" }));
    expect((await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: "tags/reset" }))).TagCount).toBe(1);
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: "tags/reset", Body: "2" }));
    expect((await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: "tags/reset" }))).TagCount).toBeUndefined();
  });

  it("DeleteObject answers 204 (also for a missing key); DeleteObjects reports each key, Quiet leaves them out", async () => {
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: "del/1", Body: "1" }));
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: "del/2", Body: "2" }));
    expect((await s3.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: "del/none" }))).$metadata.httpStatusCode).toBe(204);
    const r = await s3.send(new DeleteObjectsCommand({ Bucket: BUCKET, Delete: { Objects: [{ Key: "del/1" }, { Key: "del/2" }, { Key: "del/none" }] } }));
    expect(r.Deleted?.map((d) => d.Key)).toEqual(["del/1", "del/2", "del/none"]);
    expect((await s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: "del/" }))).KeyCount).toBe(0);
    const q = await s3.send(new DeleteObjectsCommand({ Bucket: BUCKET, Delete: { Objects: [{ Key: "del/3" }], Quiet: true } }));
    expect(q.Deleted).toBeUndefined();
  });
});

describe("keys with awkward characters", () => {
  const corpus = [
    "plain", "with space", "plus+sign", "percent%25literal", "100%", "a%2Fb", "é/ü/中文/日本語", "emoji 😀 key", "//double//slash", "trailing/",
    "/leading", "~tilde!@$&'()*,;=:", "[brackets]{braces}", "quote\"s", "back\\slash", "hash#frag", "question?mark", "amp&lt;not", "<xml>&amp;", "tab\tin", "dots.../..x", "\u00a0nbsp", "\uFFFD",
  ];
  it("each key is written, read, listed and deleted exactly", async () => {
    for (const key of corpus) {
      const k = `corpus/${key}`;
      await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: k, Body: key }));
      expect(await (await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: k }))).Body!.transformToString()).toBe(key);
    }
    const listed: string[] = [];
    let token: string | undefined;
    do {
      const page = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: "corpus/", ContinuationToken: token, MaxKeys: 7 }));
      listed.push(...(page.Contents ?? []).map((c) => c.Key!));
      token = page.NextContinuationToken;
    } while (token);
    const expected = corpus.map((k) => `corpus/${k}`).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
    expect(listed).toEqual(expected);
    const viaUrl = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: "corpus/", EncodingType: "url" }));
    expect(viaUrl.Contents?.map((c) => decodeURIComponent(c.Key!.replace(/\+/g, " ")))).toEqual(expected);
    await s3.send(new DeleteObjectsCommand({ Bucket: BUCKET, Delete: { Objects: corpus.map((k) => ({ Key: `corpus/${k}` })) } }));
    expect((await s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: "corpus/" }))).KeyCount).toBe(0);
  });

  it("a key longer than the layout stores is KeyTooLongError", async () => {
    expect(await errorOf(s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: "k".repeat(1000), Body: "x" })))).toMatchObject({ name: "KeyTooLongError", status: 400 });
  });
});
