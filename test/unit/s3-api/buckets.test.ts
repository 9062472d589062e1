/**
 * @module test/unit/s3-api/buckets.test
 * Buckets and the protocol through the gateway: bucket names as S3 validates them; one namespace
 * for every account (BucketAlreadyExists, BucketAlreadyOwnedByYou, us-east-1's legacy 200);
 * LocationConstraint; GetBucketLocation, HeadBucket; DeleteBucket only when empty, and a bucket
 * created again under the same name starts empty; bucket tagging; virtual-hosted addressing;
 * NotImplemented for operations outside the list; SigV4 failures in S3's XML.
 */
import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CreateBucketCommand, DeleteBucketCommand, DeleteBucketTaggingCommand, DeleteObjectCommand, GetBucketAclCommand, GetBucketLocationCommand, GetBucketTaggingCommand,
  GetBucketVersioningCommand, HeadBucketCommand, ListObjectsV2Command, PutBucketTaggingCommand, PutObjectCommand, type S3Client as Client,
} from "@aws-sdk/client-s3";
import { A, B, REGION, rootKey, startGateway, type Creds, type Gateway, errorOf } from "./harness.ts";

let g: Gateway;
let root: Client;
let rootB: Client;
let creds: Creds;

beforeAll(async () => {
  g = await startGateway({ endpoints: ["s3.local.test"] });
  creds = await rootKey(g, A);
  root = g.client(creds);
  rootB = g.client(await rootKey(g, B));
});
afterAll(async () => { await g?.stop(); });

describe("bucket operations", () => {
  it("bucket names are validated as S3 validates them", async () => {
    for (const name of ["ab", "a".repeat(64), "Upper", "under_score", "-start", "end-", "dou..ble", "192.168.5.4", "xn--punycode", "sthree-x", "name-s3alias", "name--ol-s3"]) {
      expect(await errorOf(root.send(new CreateBucketCommand({ Bucket: name })))).toMatchObject({ name: "InvalidBucketName", status: 400 });
    }
    for (const name of ["abc", "a".repeat(63), "my.dotted.bucket", "0-9"]) await root.send(new CreateBucketCommand({ Bucket: name }));
  });

  it("one namespace for every account; re-creating your own bucket in us-east-1 answers 200", async () => {
    await root.send(new CreateBucketCommand({ Bucket: "taken" }));
    expect(await errorOf(rootB.send(new CreateBucketCommand({ Bucket: "taken" })))).toMatchObject({ name: "BucketAlreadyExists", status: 409 });
    expect((await root.send(new CreateBucketCommand({ Bucket: "taken" }))).$metadata.httpStatusCode).toBe(200);
  });

  it("LocationConstraint: the bucket's region, refused when it is not the request's; BucketAlreadyOwnedByYou outside us-east-1", async () => {
    const eu = g.client(creds, { region: "eu-west-1" });
    await eu.send(new CreateBucketCommand({ Bucket: "in-eu", CreateBucketConfiguration: { LocationConstraint: "eu-west-1" } }));
    expect((await root.send(new GetBucketLocationCommand({ Bucket: "in-eu" }))).LocationConstraint).toBe("eu-west-1");
    expect((await root.send(new HeadBucketCommand({ Bucket: "in-eu" }))).BucketRegion).toBe("eu-west-1");
    expect(await errorOf(eu.send(new CreateBucketCommand({ Bucket: "in-eu", CreateBucketConfiguration: { LocationConstraint: "eu-west-1" } })))).toMatchObject({ name: "BucketAlreadyOwnedByYou", status: 409 });
    expect(await errorOf(root.send(new CreateBucketCommand({ Bucket: "wrong-region", CreateBucketConfiguration: { LocationConstraint: "ap-south-1" } })))).toMatchObject({ name: "IllegalLocationConstraintException", status: 400 });
    expect(await errorOf(root.send(new CreateBucketCommand({ Bucket: "east", CreateBucketConfiguration: { LocationConstraint: "us-east-1" as never } })))).toMatchObject({ name: "InvalidLocationConstraint", status: 400 });
    expect((await root.send(new GetBucketLocationCommand({ Bucket: "taken" }))).LocationConstraint).toBeUndefined();
  });

  it("a missing bucket is NoSuchBucket (HEAD: 404)", async () => {
    expect(await errorOf(root.send(new ListObjectsV2Command({ Bucket: "missing-bucket" })))).toMatchObject({ name: "NoSuchBucket", status: 404 });
    expect(await errorOf(root.send(new HeadBucketCommand({ Bucket: "missing-bucket" })))).toMatchObject({ status: 404 });
  });

  it("DeleteBucket: BucketNotEmpty until empty; a bucket created again under the name starts empty", async () => {
    await root.send(new CreateBucketCommand({ Bucket: "doomed" }));
    await root.send(new PutObjectCommand({ Bucket: "doomed", Key: "k", Body: "x" }));
    expect(await errorOf(root.send(new DeleteBucketCommand({ Bucket: "doomed" })))).toMatchObject({ name: "BucketNotEmpty", status: 409 });
    await root.send(new DeleteObjectCommand({ Bucket: "doomed", Key: "k" }));
    expect((await root.send(new DeleteBucketCommand({ Bucket: "doomed" }))).$metadata.httpStatusCode).toBe(204);
    expect(await errorOf(root.send(new HeadBucketCommand({ Bucket: "doomed" })))).toMatchObject({ status: 404 });
    // Another account may take the name now, and sees nothing of the old bucket.
    await rootB.send(new CreateBucketCommand({ Bucket: "doomed" }));
    expect((await rootB.send(new ListObjectsV2Command({ Bucket: "doomed" }))).KeyCount).toBe(0);
  });

  it("bucket tagging: up to 50 tags, NoSuchTagSet without them", async () => {
    await root.send(new CreateBucketCommand({ Bucket: "tagged" }));
    expect(await errorOf(root.send(new GetBucketTaggingCommand({ Bucket: "tagged" })))).toMatchObject({ name: "NoSuchTagSet", status: 404 });
    await root.send(new PutBucketTaggingCommand({ Bucket: "tagged", Tagging: { TagSet: [{ Key: "team", Value: "data" }] } }));
    expect((await root.send(new GetBucketTaggingCommand({ Bucket: "tagged" }))).TagSet).toEqual([{ Key: "team", Value: "data" }]);
    const many = Array.from({ length: 51 }, (_, i) => ({ Key: `k${i}`, Value: "v" }));
    expect(await errorOf(root.send(new PutBucketTaggingCommand({ Bucket: "tagged", Tagging: { TagSet: many } })))).toMatchObject({ name: "InvalidTag" });
    await root.send(new DeleteBucketTaggingCommand({ Bucket: "tagged" }));
    expect(await errorOf(root.send(new GetBucketTaggingCommand({ Bucket: "tagged" })))).toMatchObject({ name: "NoSuchTagSet" });
  });
});

describe("protocol", () => {
  it("virtual-hosted style: the Host below a configured endpoint names the bucket", async () => {
    await root.send(new CreateBucketCommand({ Bucket: "vhost" }));
    // The SDK would resolve vhost.s3.local.test through DNS: send what it sends, with that Host, to the gateway.
    const { SignatureV4 } = await import("@smithy/signature-v4");
    const { Sha256 } = await import("@aws-crypto/sha256-js");
    const signer = new SignatureV4({ service: "s3", region: REGION, credentials: creds, sha256: Sha256, uriEscapePath: false });
    const signed = await signer.sign({ method: "PUT", protocol: "http:", hostname: "vhost.s3.local.test", path: "/dir/file.txt", query: {}, headers: { host: "vhost.s3.local.test", "x-amz-content-sha256": "UNSIGNED-PAYLOAD", "content-length": "7" }, body: "virtual" });
    const status = await new Promise<number>((resolve, reject) => {
      const req = request({ host: "127.0.0.1", port: g.port, method: "PUT", path: "/dir/file.txt", headers: signed.headers }, (res) => { res.resume(); resolve(res.statusCode!); });
      req.on("error", reject);
      req.end("virtual");
    });
    expect(status).toBe(200);
    const list = await root.send(new ListObjectsV2Command({ Bucket: "vhost" }));
    expect(list.Contents?.map((c) => c.Key)).toEqual(["dir/file.txt"]);
  });

  it("operations outside the issue's list are NotImplemented (501) in S3's XML", async () => {
    await root.send(new CreateBucketCommand({ Bucket: "unimplemented" }));
    expect(await errorOf(root.send(new GetBucketVersioningCommand({ Bucket: "unimplemented" })))).toMatchObject({ name: "NotImplemented", status: 501 });
    expect(await errorOf(root.send(new GetBucketAclCommand({ Bucket: "unimplemented" })))).toMatchObject({ name: "NotImplemented", status: 501 });
  });

  it("SigV4 failures are S3's errors: a wrong secret, an unknown key", async () => {
    const wrong = g.client({ ...creds, secretAccessKey: "x".repeat(40) });
    expect(await errorOf(wrong.send(new ListObjectsV2Command({ Bucket: "unimplemented" })))).toMatchObject({ name: "SignatureDoesNotMatch", status: 403 });
    const unknown = g.client({ accessKeyId: "AKIAUNKNOWNUNKNOWNQQ", secretAccessKey: "x".repeat(40) });
    expect(await errorOf(unknown.send(new ListObjectsV2Command({ Bucket: "unimplemented" })))).toMatchObject({ name: "InvalidAccessKeyId", status: 403 });
  });
});
