/**
 * @module test/s3-e2e/cases/objects
 * Objects through `wrangler dev` with the v3 SDK: 0 bytes, 1 byte, 5 MiB ± 1 and 30 MiB in one
 * PutObject (streamed into R2 through a FixedLengthStream), with the SDK's default checksums and
 * with WHEN_REQUIRED, read back byte for byte; lib-storage's Upload of 30 MiB in parts; a bad
 * checksum stores nothing (the Worker's write waits for the verifier's verdict); a key corpus;
 * Range, copy, tagging, listing.
 */
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import {
  CopyObjectCommand, CreateBucketCommand, DeleteObjectsCommand, GetObjectCommand, GetObjectTaggingCommand, HeadObjectCommand, ListObjectsV2Command, PutObjectCommand,
  PutObjectTaggingCommand,
} from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import { bytes, s3, s3Error } from "../clients.mjs";

const md5 = (b) => createHash("md5").update(b).digest("hex");
const MiB = 1024 * 1024;
export const OBJECTS = "e2e-objects";
export const CORPUS = ["plain", "with space", "plus+sign", "100%", "a%2Fb", "é/ü/中文", "emoji 😀", "//double//slash", "trailing/", "~!@$&'()*,;=:", "[x]{y}", "quote\"s", "hash#q?x"];

export async function objectCases(t, { test }) {
  const root = s3(t.origin, t.root);
  const plain = s3(t.origin, t.root, { checksums: false });
  await root.send(new CreateBucketCommand({ Bucket: OBJECTS }));

  // 30 MiB in one PutObject with the default checksums only (the aws-chunked stream); the
  // unsigned-trailer-free path is the same code at 5 MiB ± 1, and the runner's time is bounded.
  for (const size of [0, 1, 5 * MiB - 1, 5 * MiB + 1, 30 * MiB]) {
    const modes = size === 30 * MiB ? [[root, "default"]] : [[root, "default"], [plain, "plain"]];
    await test(`PutObject/GetObject of ${size} bytes, ${modes.length === 2 ? "default checksums and WHEN_REQUIRED" : "default checksums"}, byte for byte`, async () => {
      for (const [client, mode] of modes) {
        const body = bytes(size, size % 251);
        const put = await client.send(new PutObjectCommand({ Bucket: OBJECTS, Key: `sizes/${size}-${mode}`, Body: body }));
        assert.equal(put.ETag, `"${md5(body)}"`);
        const got = await client.send(new GetObjectCommand({ Bucket: OBJECTS, Key: `sizes/${size}-${mode}`, ChecksumMode: "ENABLED" }));
        const back = await got.Body.transformToByteArray();
        assert.equal(back.length, size);
        assert.equal(md5(back), md5(body));
        if (mode === "default" && size > 0) assert.equal(got.ChecksumCRC32, put.ChecksumCRC32);
      }
    });
  }

  await test("lib-storage's Upload of 30 MiB in 8 MiB parts reads back identical, ETag -4", async () => {
    const body = bytes(30 * MiB, 7);
    const r = await new Upload({ client: root, params: { Bucket: OBJECTS, Key: "mp/30mib", Body: body }, partSize: 8 * MiB, queueSize: 2 }).done();
    assert.match(r.ETag, /^"[0-9a-f]{32}-4"$/);
    const got = await root.send(new GetObjectCommand({ Bucket: OBJECTS, Key: "mp/30mib" }));
    assert.equal(md5(await got.Body.transformToByteArray()), md5(body));
  });

  await test("a wrong checksum is BadDigest and nothing is stored (also an empty body)", async () => {
    for (const [key, body] of [["bad/one", "xyz"], ["bad/empty", ""]]) {
      const e = await s3Error(plain.send(new PutObjectCommand({ Bucket: OBJECTS, Key: key, Body: body, ChecksumCRC32: "AAAAAQ==" })));
      assert.equal(e?.code, "BadDigest");
      assert.equal((await s3Error(root.send(new HeadObjectCommand({ Bucket: OBJECTS, Key: key }))))?.status, 404);
    }
  });

  await test("the key corpus is written, read, listed (also URL-encoded) and deleted exactly", async () => {
    for (const key of CORPUS) await root.send(new PutObjectCommand({ Bucket: OBJECTS, Key: `corpus/${key}`, Body: key }));
    for (const key of CORPUS) assert.equal(await (await root.send(new GetObjectCommand({ Bucket: OBJECTS, Key: `corpus/${key}` }))).Body.transformToString(), key);
    const expected = CORPUS.map((k) => `corpus/${k}`).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
    const listed = await root.send(new ListObjectsV2Command({ Bucket: OBJECTS, Prefix: "corpus/" }));
    assert.deepEqual(listed.Contents.map((c) => c.Key), expected);
    const encoded = await root.send(new ListObjectsV2Command({ Bucket: OBJECTS, Prefix: "corpus/", EncodingType: "url" }));
    assert.deepEqual(encoded.Contents.map((c) => decodeURIComponent(c.Key.replace(/\+/g, " "))), expected);
    await root.send(new DeleteObjectsCommand({ Bucket: OBJECTS, Delete: { Objects: expected.map((Key) => ({ Key })) } }));
    assert.equal((await root.send(new ListObjectsV2Command({ Bucket: OBJECTS, Prefix: "corpus/" }))).KeyCount, 0);
  });

  await test("Range, CopyObject with REPLACE, tagging", async () => {
    await root.send(new PutObjectCommand({ Bucket: OBJECTS, Key: "misc/src", Body: "0123456789", ContentType: "text/plain", Metadata: { a: "1" } }));
    const part = await root.send(new GetObjectCommand({ Bucket: OBJECTS, Key: "misc/src", Range: "bytes=2-4" }));
    assert.deepEqual([part.ContentRange, await part.Body.transformToString()], ["bytes 2-4/10", "234"]);
    await root.send(new CopyObjectCommand({ Bucket: OBJECTS, Key: "misc/dst", CopySource: `${OBJECTS}/misc/src`, MetadataDirective: "REPLACE", ContentType: "application/x", Metadata: { b: "2" } }));
    const head = await root.send(new HeadObjectCommand({ Bucket: OBJECTS, Key: "misc/dst" }));
    assert.deepEqual([head.ContentType, head.Metadata], ["application/x", { b: "2" }]);
    await root.send(new PutObjectTaggingCommand({ Bucket: OBJECTS, Key: "misc/dst", Tagging: { TagSet: [{ Key: "k", Value: "v" }] } }));
    assert.deepEqual((await root.send(new GetObjectTaggingCommand({ Bucket: OBJECTS, Key: "misc/dst" }))).TagSet, [{ Key: "k", Value: "v" }]);
  });
}
