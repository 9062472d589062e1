/**
 * @module test/s3-e2e/cases/access
 * Authorization through `wrangler dev`: a user's allowed and denied requests (the denial's id
 * expanded by `/_iam-edge/explain/<id>` for the account's root), a role session, another
 * account's user (both sides needed), anonymous callers decided on the bucket policy alone, Block
 * Public Access (BlockPublicPolicy, RestrictPublicBuckets, the account's settings through S3
 * Control), presigned URLs fetched with plain fetch, and virtual-hosted addressing.
 */
import assert from "node:assert/strict";
import { SignatureV4 } from "@smithy/signature-v4";
import { Sha256 } from "@aws-crypto/sha256-js";
import {
  CreateBucketCommand, DeletePublicAccessBlockCommand, GetBucketPolicyStatusCommand, GetObjectCommand, ListObjectsV2Command, PutBucketPolicyCommand, PutObjectCommand,
  PutPublicAccessBlockCommand,
} from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { signedFetch } from "../../edge-e2e/clients.mjs";
import { rawRequest, REGION, s3, s3Error } from "../clients.mjs";
import { SHARED } from "./setup.mjs";

const getText = async (client, Key) => (await client.send(new GetObjectCommand({ Bucket: SHARED, Key }))).Body.transformToString();

export async function accessCases(t, { test }) {
  const root = s3(t.origin, t.root);
  const alice = s3(t.origin, t.alice);
  const bob = s3(t.origin, t.bob);
  const reader = s3(t.origin, t.reader);
  const carol = s3(t.origin, t.carol);
  const policy = (...Statement) => root.send(new PutBucketPolicyCommand({ Bucket: SHARED, Policy: JSON.stringify({ Version: "2012-10-17", Statement }) }));
  await root.send(new CreateBucketCommand({ Bucket: SHARED }));
  await root.send(new PutObjectCommand({ Bucket: SHARED, Key: "team/plan", Body: "plan" }));
  await root.send(new PutObjectCommand({ Bucket: SHARED, Key: "www/index.html", Body: "<p>public</p>", ContentType: "text/html" }));

  await test("a user: allowed in her home prefix (and listing it), denied elsewhere with AWS's message", async () => {
    await alice.send(new PutObjectCommand({ Bucket: SHARED, Key: "home/alice/a.txt", Body: "hers" }));
    assert.equal(await getText(alice, "home/alice/a.txt"), "hers");
    assert.deepEqual((await alice.send(new ListObjectsV2Command({ Bucket: SHARED, Prefix: "home/alice/" }))).Contents.map((c) => c.Key), ["home/alice/a.txt"]);
    const e = await s3Error(alice.send(new PutObjectCommand({ Bucket: SHARED, Key: "team/x", Body: "x" })));
    assert.equal(e.code, "AccessDenied");
    assert.equal(e.message, `User: arn:aws:iam::${t.accountId}:user/alice is not authorized to perform: s3:PutObject on resource: "arn:aws:s3:::${SHARED}/team/x" because no identity-based policy allows the s3:PutObject action`);
    t.aliceDenial = e.requestId;
  });

  await test("the denial's request id is expanded by the explain endpoint for the account's root", async () => {
    const res = await signedFetch(t.origin, t.root, { service: "sts", method: "GET", path: `/_iam-edge/explain/${t.aliceDenial}`, headers: {} });
    assert.equal(res.status, 200, await res.clone().text());
    const record = await res.json();
    assert.equal(record.requestId, t.aliceDenial);
    assert.equal(record.operation, "PutObject");
    assert.equal(record.decisions[0].action, "s3:PutObject");
    assert.equal(record.decisions[0].decision, "ImplicitDeny");
    assert.ok(record.decisions[0].explanation, "the engine's explanation is in the record");
  });

  await test("a user without policies is denied, and a missing key is 403 for him (no s3:ListBucket)", async () => {
    assert.equal((await s3Error(getText(bob, "team/plan")))?.code, "AccessDenied");
    assert.equal((await s3Error(getText(bob, "team/none")))?.status, 403);
    assert.equal((await s3Error(getText(root, "team/none")))?.code, "NoSuchKey");
  });

  await test("a role session reads with its role's permissions and writes nothing", async () => {
    assert.equal(await getText(reader, "team/plan"), "plan");
    assert.equal((await s3Error(reader.send(new PutObjectCommand({ Bucket: SHARED, Key: "team/y", Body: "y" }))))?.code, "AccessDenied");
  });

  await test("another account's user needs both sides: its policy alone is not enough, the bucket policy opens it", async () => {
    const e = await s3Error(getText(carol, "team/plan"));
    assert.deepEqual([e?.code, e?.message], ["AccessDenied", "Access Denied"]);
    await policy({ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${t.other.accountId}:root` }, Action: "s3:GetObject", Resource: `arn:aws:s3:::${SHARED}/team/*` });
    assert.equal(await getText(carol, "team/plan"), "plan");
    assert.equal((await s3Error(carol.send(new PutObjectCommand({ Bucket: SHARED, Key: "team/z", Body: "z" }))))?.code, "AccessDenied");
  });

  await test("anonymous callers: refused without a grant; a public policy is refused while BlockPublicPolicy is on", async () => {
    assert.equal((await fetch(`${t.origin}/${SHARED}/www/index.html`)).status, 403);
    const e = await s3Error(policy({ Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: `arn:aws:s3:::${SHARED}/www/*` }));
    assert.equal(e?.code, "AccessDenied");
    assert.match(e.message, /BlockPublicPolicy/);
  });

  await test("anonymous callers get what the bucket policy alone grants once public access is allowed", async () => {
    await root.send(new DeletePublicAccessBlockCommand({ Bucket: SHARED }));
    await policy(
      { Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: `arn:aws:s3:::${SHARED}/www/*` },
      { Effect: "Allow", Principal: { AWS: `arn:aws:iam::${t.other.accountId}:root` }, Action: "s3:GetObject", Resource: `arn:aws:s3:::${SHARED}/team/*` },
    );
    assert.equal((await root.send(new GetBucketPolicyStatusCommand({ Bucket: SHARED }))).PolicyStatus.IsPublic, true);
    const res = await fetch(`${t.origin}/${SHARED}/www/index.html`);
    assert.deepEqual([res.status, res.headers.get("content-type"), await res.text()], [200, "text/html", "<p>public</p>"]);
    assert.equal((await fetch(`${t.origin}/${SHARED}/team/plan`)).status, 403);
    assert.equal((await fetch(`${t.origin}/${SHARED}/www/new`, { method: "PUT", body: "x" })).status, 403);
    // Virtual-hosted style, anonymous: the Host names the bucket.
    const vh = await rawRequest(t.port, { path: "/www/index.html", headers: { host: `${SHARED}.localhost:${t.port}` } });
    assert.deepEqual([vh.status, vh.body], [200, "<p>public</p>"]);
  });

  await test("RestrictPublicBuckets: the public policy grants nothing to anonymous callers or the other account; the owner's users keep access", async () => {
    await root.send(new PutPublicAccessBlockCommand({ Bucket: SHARED, PublicAccessBlockConfiguration: { RestrictPublicBuckets: true } }));
    assert.equal((await fetch(`${t.origin}/${SHARED}/www/index.html`)).status, 403);
    assert.equal((await s3Error(getText(carol, "team/plan")))?.code, "AccessDenied");
    assert.equal(await getText(reader, "www/index.html"), "<p>public</p>");
    await root.send(new DeletePublicAccessBlockCommand({ Bucket: SHARED }));
    assert.equal((await fetch(`${t.origin}/${SHARED}/www/index.html`)).status, 200);
  });

  await test("the account's Block Public Access (S3 Control) restricts its buckets until removed", async () => {
    const control = (method, body) => signedFetch(t.origin, t.root, { service: "s3", method, path: "/v20180820/configuration/publicAccessBlock", headers: { "x-amz-account-id": t.accountId, "x-amz-content-sha256": "UNSIGNED-PAYLOAD" }, body });
    const put = await control("PUT", `<PublicAccessBlockConfiguration xmlns="http://awss3control.amazonaws.com/doc/2018-08-20/"><RestrictPublicBuckets>true</RestrictPublicBuckets></PublicAccessBlockConfiguration>`);
    assert.equal(put.status, 200, await put.text());
    assert.equal((await fetch(`${t.origin}/${SHARED}/www/index.html`)).status, 403);
    assert.equal((await control("DELETE", "")).status, 204);
    assert.equal((await fetch(`${t.origin}/${SHARED}/www/index.html`)).status, 200);
  });

  await test("presigned URLs (s3-request-presigner) fetched with plain fetch: GET and PUT within the signer's rights", async () => {
    const putUrl = await getSignedUrl(alice, new PutObjectCommand({ Bucket: SHARED, Key: "home/alice/p.txt" }), { expiresIn: 300 });
    assert.equal((await fetch(putUrl, { method: "PUT", body: "presigned" })).status, 200);
    const res = await fetch(await getSignedUrl(alice, new GetObjectCommand({ Bucket: SHARED, Key: "home/alice/p.txt" }), { expiresIn: 300 }));
    assert.deepEqual([res.status, await res.text()], [200, "presigned"]);
    const denied = await fetch(await getSignedUrl(alice, new GetObjectCommand({ Bucket: SHARED, Key: "team/plan" }), { expiresIn: 300 }));
    assert.equal(denied.status, 403);
    const session = await fetch(await getSignedUrl(reader, new GetObjectCommand({ Bucket: SHARED, Key: "team/plan" }), { expiresIn: 300 }));
    assert.deepEqual([session.status, await session.text()], [200, "plan"]);
  });

  await test("a signed virtual-hosted request (Host <bucket>.localhost) reaches the bucket", async () => {
    const signer = new SignatureV4({ service: "s3", region: REGION, credentials: t.root, sha256: Sha256, uriEscapePath: false });
    const host = `${SHARED}.localhost:${t.port}`;
    const signed = await signer.sign({ method: "GET", protocol: "http:", hostname: `${SHARED}.localhost`, port: t.port, path: "/team/plan", query: {}, headers: { host, "x-amz-content-sha256": "UNSIGNED-PAYLOAD" } });
    const res = await rawRequest(t.port, { path: "/team/plan", headers: signed.headers });
    assert.deepEqual([res.status, res.body], [200, "plan"]);
  });
}
