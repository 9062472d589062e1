/**
 * @module test/unit/s3-api/authorization.test
 * S3's authorization through the gateway, with users, a role session, another account's users
 * and the root user as callers (AWS SDK v3), each request decided by the engine as S3 would
 * ("How Amazon S3 authorizes a request"): identity policies with S3 condition keys, the bucket
 * policy as the resource policy (explicit denies, grants naming principals), cross-account
 * requests needing both sides, DeleteObjects deciding each key, the 404/403 rule of a missing
 * key, the bucket owner's root and the bucket policy, 405 for another account's policy calls,
 * presigned URLs, and the AccessDenied answer: S3's XML, AWS's message for same-account callers,
 * and a request id whose decision record (with the engine's explanation) the sink received.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CreateBucketCommand, DeleteBucketPolicyCommand, DeleteObjectsCommand, GetBucketPolicyCommand, GetObjectCommand, ListBucketsCommand, ListObjectsV2Command,
  PutBucketPolicyCommand, PutObjectCommand, type S3Client,
} from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { A, B, allow, createUser, rootKey, startGateway, type Creds, type Gateway, errorOf } from "./harness.ts";

let g: Gateway;
let root: S3Client;
let rootB: S3Client;
let alice: S3Client;
let bob: S3Client;
let carol: S3Client;
let dave: S3Client;
let reader: S3Client;
let aliceCreds: Creds & { arn: string };
const BUCKET = "shared";

const put = (c: S3Client, Key: string, Body = "x") => c.send(new PutObjectCommand({ Bucket: BUCKET, Key, Body }));
const get = async (c: S3Client, Key: string) => (await c.send(new GetObjectCommand({ Bucket: BUCKET, Key }))).Body!.transformToString();
const policy = (...Statement: object[]) => root.send(new PutBucketPolicyCommand({ Bucket: BUCKET, Policy: JSON.stringify({ Version: "2012-10-17", Statement }) }));

beforeAll(async () => {
  g = await startGateway();
  root = g.client(await rootKey(g, A));
  rootB = g.client(await rootKey(g, B));
  aliceCreds = await createUser(g, A, "alice", {
    Version: "2012-10-17",
    Statement: [
      { Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"], Resource: `arn:aws:s3:::${BUCKET}/home/\${aws:username}/*` },
      { Effect: "Allow", Action: "s3:ListBucket", Resource: `arn:aws:s3:::${BUCKET}`, Condition: { StringLike: { "s3:prefix": "home/${aws:username}/*" } } },
    ],
  });
  alice = g.client(aliceCreds);
  bob = g.client(await createUser(g, A, "bob"));
  carol = g.client(await createUser(g, B, "carol", allow(["s3:GetObject", "s3:PutObject"], `arn:aws:s3:::${BUCKET}/*`)));
  dave = g.client(await createUser(g, B, "dave"));
  const account = g.accounts.get(A)!;
  await account.createRole({ RoleName: "Reader", AssumeRolePolicyDocument: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: aliceCreds.arn }, Action: "sts:AssumeRole" }] }) });
  await account.putRolePolicy({ RoleName: "Reader", PolicyName: "read", PolicyDocument: JSON.stringify(allow("s3:GetObject", `arn:aws:s3:::${BUCKET}/*`)) });
  const session = await account.assumeRole({ RoleArn: `arn:aws:iam::${A}:role/Reader`, RoleSessionName: "s1" }, { caller: aliceCreds.arn });
  g.keys.set(session.Credentials.AccessKeyId, account);
  reader = g.client({ accessKeyId: session.Credentials.AccessKeyId, secretAccessKey: session.Credentials.SecretAccessKey, sessionToken: session.Credentials.SessionToken });
  await root.send(new CreateBucketCommand({ Bucket: BUCKET }));
  await put(root, "home/alice/notes", "alice's");
  await put(root, "team/plan", "plan");
});
afterAll(async () => { await g?.stop(); });

describe("identity policies", () => {
  it("a user is allowed what its policy allows (policy variables included) and nothing else", async () => {
    await put(alice, "home/alice/new", "mine");
    expect(await get(alice, "home/alice/new")).toBe("mine");
    const e = await errorOf(put(alice, "team/x"));
    expect(e).toMatchObject({ name: "AccessDenied", status: 403 });
    expect(e.message).toBe(`User: ${aliceCreds.arn} is not authorized to perform: s3:PutObject on resource: "arn:aws:s3:::${BUCKET}/team/x" because no identity-based policy allows the s3:PutObject action`);
  });

  it("the denial's request id is the one the decision record (with the engine's explanation) has", async () => {
    const e = await errorOf(get(bob, "team/plan"));
    expect(e).toMatchObject({ name: "AccessDenied", status: 403 });
    const record = g.records.find((r) => r.requestId === e.requestId)!;
    expect(record).toMatchObject({ allowed: false, operation: "GetObject", principal: `arn:aws:iam::${A}:user/bob`, decisions: [{ action: "s3:GetObject", decision: "ImplicitDeny", reason: "NoAllow" }] });
    expect(record.decisions[0].explanation).toBeDefined();
  });

  it("s3:prefix: ListBucket is allowed only below the user's home", async () => {
    const list = await alice.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: "home/alice/" }));
    expect(list.Contents?.map((c) => c.Key)).toEqual(["home/alice/new", "home/alice/notes"]);
    expect(await errorOf(alice.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: "team/" })))).toMatchObject({ name: "AccessDenied" });
  });

  it("a missing key is 404 for a caller allowed s3:ListBucket, 403 otherwise", async () => {
    expect(await errorOf(get(root, "home/alice/none"))).toMatchObject({ name: "NoSuchKey", status: 404 });
    // alice may read the key but may not list the bucket without her prefix: 403, as S3 answers.
    expect(await errorOf(get(alice, "home/alice/none"))).toMatchObject({ name: "AccessDenied", status: 403 });
  });

  it("a role session has its role's permissions", async () => {
    expect(await get(reader, "team/plan")).toBe("plan");
    expect(await errorOf(put(reader, "team/plan"))).toMatchObject({ name: "AccessDenied" });
    const record = g.records[g.records.length - 1];
    expect(record.principal).toBe(`arn:aws:sts::${A}:assumed-role/Reader/s1`);
  });

  it("DeleteObjects deletes the keys allowed and reports AccessDenied for the others", async () => {
    await put(alice, "home/alice/d1");
    const r = await alice.send(new DeleteObjectsCommand({ Bucket: BUCKET, Delete: { Objects: [{ Key: "home/alice/d1" }, { Key: "team/plan" }] } }));
    expect(r.Deleted?.map((d) => d.Key)).toEqual(["home/alice/d1"]);
    expect(r.Errors?.map((x) => [x.Key, x.Code])).toEqual([["team/plan", "AccessDenied"]]);
    expect(await get(root, "team/plan")).toBe("plan");
  });

  it("ListBuckets lists the caller's account's buckets only", async () => {
    await rootB.send(new CreateBucketCommand({ Bucket: "b-own" }));
    expect((await root.send(new ListBucketsCommand({}))).Buckets?.map((b) => b.Name)).toEqual([BUCKET]);
    expect((await rootB.send(new ListBucketsCommand({}))).Buckets?.map((b) => b.Name)).toEqual(["b-own"]);
    expect(await errorOf(bob.send(new ListBucketsCommand({})))).toMatchObject({ name: "AccessDenied" });
  });
});

describe("the bucket policy", () => {
  it("another account needs both sides: its identity policy and the bucket policy", async () => {
    const e = await errorOf(get(carol, "team/plan"));
    expect(e).toMatchObject({ name: "AccessDenied", status: 403, message: "Access Denied" });
    expect(g.records.find((r) => r.requestId === e.requestId)?.decisions[0].reason).toBe("CrossAccountNoResourceAllow");
    await policy({ Sid: "AccountB", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${B}:root` }, Action: "s3:GetObject", Resource: `arn:aws:s3:::${BUCKET}/team/*` });
    expect(await get(carol, "team/plan")).toBe("plan");
    // dave's own account grants him nothing.
    expect(await errorOf(get(dave, "team/plan"))).toMatchObject({ name: "AccessDenied" });
    expect(await errorOf(put(carol, "team/x"))).toMatchObject({ name: "AccessDenied" });
  });

  it("a grant naming a user of the bucket's account needs no identity policy", async () => {
    await policy({ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${A}:user/bob` }, Action: "s3:GetObject", Resource: `arn:aws:s3:::${BUCKET}/team/*` });
    expect(await get(bob, "team/plan")).toBe("plan");
  });

  it("an explicit deny in the bucket policy wins, and the message says where it is", async () => {
    await put(root, "home/alice/secret-1");
    await policy(
      { Effect: "Allow", Principal: { AWS: `arn:aws:iam::${A}:user/bob` }, Action: "s3:GetObject", Resource: `arn:aws:s3:::${BUCKET}/team/*` },
      { Sid: "NoSecrets", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: `arn:aws:s3:::${BUCKET}/home/alice/secret*` },
    );
    const e = await errorOf(get(alice, "home/alice/secret-1"));
    // Principal "*" denies the root user too.
    expect(await errorOf(get(root, "home/alice/secret-1"))).toMatchObject({ name: "AccessDenied" });
    expect(e.message).toBe(`User: ${aliceCreds.arn} is not authorized to perform: s3:GetObject on resource: "arn:aws:s3:::${BUCKET}/home/alice/secret-1" with an explicit deny in a resource-based policy`);
    expect(g.records.find((r) => r.requestId === e.requestId)?.decisions[0].matchedStatements[0]).toMatchObject({ sid: "NoSecrets", kind: "resource", policyId: `arn:aws:s3:::${BUCKET}` });
  });

  it("the owner's root may always manage the bucket policy, even one that denies it", async () => {
    await policy({ Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [`arn:aws:s3:::${BUCKET}`, `arn:aws:s3:::${BUCKET}/*`] });
    expect(await errorOf(get(root, "team/plan"))).toMatchObject({ name: "AccessDenied" });
    expect((await root.send(new GetBucketPolicyCommand({ Bucket: BUCKET }))).Policy).toContain('"Deny"');
    await root.send(new DeleteBucketPolicyCommand({ Bucket: BUCKET }));
    expect(g.records[g.records.length - 1].decisions[0]).toMatchObject({ decision: "Allow", rule: "BucketOwnerRoot" });
    expect(await get(root, "team/plan")).toBe("plan");
  });

  it("another account allowed the bucket-policy calls gets 405 MethodNotAllowed", async () => {
    await policy({ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${B}:root` }, Action: "s3:GetBucketPolicy", Resource: `arn:aws:s3:::${BUCKET}` });
    const e = await errorOf(rootB.send(new GetBucketPolicyCommand({ Bucket: BUCKET })));
    expect(e).toMatchObject({ name: "MethodNotAllowed", status: 405 });
    expect(await errorOf(dave.send(new GetBucketPolicyCommand({ Bucket: BUCKET })))).toMatchObject({ name: "AccessDenied", status: 403 });
    await root.send(new DeleteBucketPolicyCommand({ Bucket: BUCKET }));
  });

  it("x-amz-expected-bucket-owner naming another account is AccessDenied", async () => {
    expect(await errorOf(root.send(new GetObjectCommand({ Bucket: BUCKET, Key: "team/plan", ExpectedBucketOwner: B })))).toMatchObject({ name: "AccessDenied" });
    expect((await root.send(new GetObjectCommand({ Bucket: BUCKET, Key: "team/plan", ExpectedBucketOwner: A }))).$metadata.httpStatusCode).toBe(200);
  });
});

describe("presigned URLs", () => {
  it("a presigned GET and PUT work with plain fetch, with the signer's permissions", async () => {
    const putUrl = await getSignedUrl(alice, new PutObjectCommand({ Bucket: BUCKET, Key: "home/alice/presigned" }), { expiresIn: 300 });
    expect((await fetch(putUrl, { method: "PUT", body: "via url" })).status).toBe(200);
    const getUrl = await getSignedUrl(alice, new GetObjectCommand({ Bucket: BUCKET, Key: "home/alice/presigned" }), { expiresIn: 300 });
    const res = await fetch(getUrl);
    expect([res.status, await res.text()]).toEqual([200, "via url"]);
    const denied = await fetch(await getSignedUrl(alice, new GetObjectCommand({ Bucket: BUCKET, Key: "team/plan" }), { expiresIn: 300 }));
    expect(denied.status).toBe(403);
    expect(await denied.text()).toMatch(/<Code>AccessDenied<\/Code>.*<RequestId>[0-9A-F]{16}<\/RequestId>/s);
    const record = g.records[g.records.length - 1];
    expect(record.decisions[0]).toMatchObject({ action: "s3:GetObject", decision: "ImplicitDeny" });
  });

  it("an expired presigned URL is AccessDenied, Request has expired", async () => {
    const url = await getSignedUrl(alice, new GetObjectCommand({ Bucket: BUCKET, Key: "home/alice/presigned" }), { expiresIn: 60, signingDate: new Date(Date.now() - 3_600_000) });
    const res = await fetch(url);
    expect(res.status).toBe(403);
    expect(await res.text()).toContain("<Message>Request has expired</Message>");
  });

  it("a tampered presigned URL is SignatureDoesNotMatch", async () => {
    const url = await getSignedUrl(alice, new GetObjectCommand({ Bucket: BUCKET, Key: "home/alice/presigned" }), { expiresIn: 60 });
    const res = await fetch(url.replace("presigned", "presigneX"));
    expect(res.status).toBe(403);
    expect(await res.text()).toContain("<Code>SignatureDoesNotMatch</Code>");
  });
});
