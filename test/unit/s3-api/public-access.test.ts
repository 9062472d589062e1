/**
 * @module test/unit/s3-api/public-access.test
 * Anonymous callers and Block Public Access through the gateway: an unsigned request is decided
 * on the bucket policy alone; a new bucket has all four settings on, so a public policy is
 * refused (BlockPublicPolicy) until they are turned off; GetBucketPolicyStatus says whether a
 * policy is public by S3's definition; RestrictPublicBuckets makes a public policy grant nothing
 * to anonymous and other accounts' callers (also the non-public statement naming another account,
 * as the S3 User Guide's example says) while the bucket's account keeps its access; the
 * account-level settings (S3 Control's PutPublicAccessBlock) apply to every bucket of the account;
 * ACLs are disabled (BucketOwnerEnforced) and a public ACL meets BlockPublicAcls first;
 * PutBucketPolicy refuses malformed policies with MalformedPolicy.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CreateBucketCommand, DeletePublicAccessBlockCommand, GetBucketPolicyStatusCommand, GetPublicAccessBlockCommand, PutBucketPolicyCommand, PutObjectCommand,
  PutPublicAccessBlockCommand, GetObjectCommand, type S3Client,
} from "@aws-sdk/client-s3";
import { A, B, allow, createUser, rootKey, signedFetch, startGateway, type Creds, type Gateway, errorOf } from "./harness.ts";

let g: Gateway;
let root: S3Client;
let rootCreds: Creds;
let carol: S3Client;
let alice: S3Client;
const BUCKET = "public-site";

const anonymous = (key: string, init: RequestInit = {}) => fetch(`${g.origin}/${BUCKET}/${key}`, init);
const publicRead = { Sid: "Public", Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: `arn:aws:s3:::${BUCKET}/www/*` };
const accountB = { Sid: "AccountB", Effect: "Allow", Principal: { AWS: B }, Action: "s3:GetObject", Resource: `arn:aws:s3:::${BUCKET}/*` };
const setPolicy = (...Statement: object[]) => root.send(new PutBucketPolicyCommand({ Bucket: BUCKET, Policy: JSON.stringify({ Version: "2012-10-17", Statement }) }));
const pab = (on: Partial<Record<"BlockPublicAcls" | "IgnorePublicAcls" | "BlockPublicPolicy" | "RestrictPublicBuckets", boolean>>) =>
  root.send(new PutPublicAccessBlockCommand({ Bucket: BUCKET, PublicAccessBlockConfiguration: on }));
const accountPab = (creds: Creds, accountId: string, xml: string | null) => signedFetch(g, creds, xml === null
  ? { method: "DELETE", path: "/v20180820/configuration/publicAccessBlock", headers: { "x-amz-account-id": accountId } }
  : { method: "PUT", path: "/v20180820/configuration/publicAccessBlock", headers: { "x-amz-account-id": accountId }, body: `<PublicAccessBlockConfiguration xmlns="http://awss3control.amazonaws.com/doc/2018-08-20/">${xml}</PublicAccessBlockConfiguration>` });

beforeAll(async () => {
  g = await startGateway();
  rootCreds = await rootKey(g, A);
  root = g.client(rootCreds);
  alice = g.client(await createUser(g, A, "alice", allow("s3:GetObject", `arn:aws:s3:::${BUCKET}/*`)));
  carol = g.client(await createUser(g, B, "carol", allow("s3:GetObject", "*")));
  await root.send(new CreateBucketCommand({ Bucket: BUCKET }));
  await root.send(new PutObjectCommand({ Bucket: BUCKET, Key: "www/index.html", Body: "<h1>hi</h1>", ContentType: "text/html" }));
  await root.send(new PutObjectCommand({ Bucket: BUCKET, Key: "private/data", Body: "secret" }));
});
afterAll(async () => { await g?.stop(); });

describe("anonymous callers and Block Public Access", () => {
  it("an unsigned request with no bucket policy is AccessDenied in S3's XML", async () => {
    const res = await anonymous("www/index.html");
    expect(res.status).toBe(403);
    const text = await res.text();
    expect(text).toMatch(/^<\?xml[^>]*>\n<Error><Code>AccessDenied<\/Code><Message>Access Denied<\/Message><Resource>\/public-site\/www\/index.html<\/Resource><RequestId>([0-9A-F]{16})<\/RequestId>/);
    const id = /<RequestId>([0-9A-F]{16})</.exec(text)![1];
    expect(res.headers.get("x-amz-request-id")).toBe(id);
    expect(g.records.find((r) => r.requestId === id)).toMatchObject({ principal: "anonymous", allowed: false, decisions: [{ action: "s3:GetObject", decision: "ImplicitDeny" }] });
  });

  it("new buckets block public access: a public policy is refused by BlockPublicPolicy", async () => {
    const settings = await root.send(new GetPublicAccessBlockCommand({ Bucket: BUCKET }));
    expect(settings.PublicAccessBlockConfiguration).toEqual({ BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true });
    const e = await errorOf(setPolicy(publicRead));
    expect(e).toMatchObject({ name: "AccessDenied", status: 403 });
    expect(e.message).toContain("because public policies are blocked by the BlockPublicPolicy block public access setting");
    // A non-public policy is accepted.
    await setPolicy(accountB);
    expect((await root.send(new GetBucketPolicyStatusCommand({ Bucket: BUCKET }))).PolicyStatus?.IsPublic).toBe(false);
  });

  it("with the settings off, anonymous callers get what the bucket policy alone grants", async () => {
    await root.send(new DeletePublicAccessBlockCommand({ Bucket: BUCKET }));
    expect(await errorOf(root.send(new GetPublicAccessBlockCommand({ Bucket: BUCKET })))).toMatchObject({ name: "NoSuchPublicAccessBlockConfiguration", status: 404 });
    await setPolicy(publicRead, accountB);
    expect((await root.send(new GetBucketPolicyStatusCommand({ Bucket: BUCKET }))).PolicyStatus?.IsPublic).toBe(true);
    const res = await anonymous("www/index.html");
    expect([res.status, res.headers.get("content-type"), await res.text()]).toEqual([200, "text/html", "<h1>hi</h1>"]);
    expect((await anonymous("private/data")).status).toBe(403);
    expect((await anonymous("www/new", { method: "PUT", body: "x" })).status).toBe(403);
    // A missing key: no s3:ListBucket for anonymous callers, so 403, not 404.
    expect((await anonymous("www/none")).status).toBe(403);
    expect(await (await (await fetch(`${g.origin}/${BUCKET}/www/index.html?response-content-type=x/y`)).text())).toContain("<Code>InvalidRequest</Code>");
    expect(await (await carol.send(new GetObjectCommand({ Bucket: BUCKET, Key: "private/data" }))).Body!.transformToString()).toBe("secret");
  });

  it("RestrictPublicBuckets: a public policy grants nothing to anonymous or other accounts; the bucket's account keeps access", async () => {
    await pab({ RestrictPublicBuckets: true });
    const res = await anonymous("www/index.html");
    expect(res.status).toBe(403);
    const id = res.headers.get("x-amz-request-id")!;
    expect(g.records.find((r) => r.requestId === id)?.decisions[0]).toMatchObject({ decision: "ImplicitDeny", rule: "RestrictPublicBuckets" });
    // The S3 User Guide's example: the statement naming Account-2 is cut off too while the policy is public.
    expect(await errorOf(carol.send(new GetObjectCommand({ Bucket: BUCKET, Key: "private/data" })))).toMatchObject({ name: "AccessDenied" });
    expect(await (await alice.send(new GetObjectCommand({ Bucket: BUCKET, Key: "www/index.html" }))).Body!.transformToString()).toBe("<h1>hi</h1>");
    // Without the public statement the policy is not public, and Account-2 regains access.
    await setPolicy(accountB);
    expect(await (await carol.send(new GetObjectCommand({ Bucket: BUCKET, Key: "private/data" }))).Body!.transformToString()).toBe("secret");
    await root.send(new DeletePublicAccessBlockCommand({ Bucket: BUCKET }));
  });

  it("the account's settings (S3 Control) apply to its buckets; a caller manages only its own account's", async () => {
    expect((await accountPab(rootCreds, A, "<BlockPublicPolicy>true</BlockPublicPolicy><RestrictPublicBuckets>true</RestrictPublicBuckets>")).status).toBe(200);
    const got = await signedFetch(g, rootCreds, { method: "GET", path: "/v20180820/configuration/publicAccessBlock", headers: { "x-amz-account-id": A } });
    expect(await got.text()).toContain("<BlockPublicPolicy>true</BlockPublicPolicy><RestrictPublicBuckets>true</RestrictPublicBuckets>");
    expect(await errorOf(setPolicy(publicRead))).toMatchObject({ name: "AccessDenied" });
    expect((await accountPab(rootCreds, B, "<BlockPublicPolicy>true</BlockPublicPolicy>")).status).toBe(403);
    expect((await accountPab(rootCreds, A, null)).status).toBe(204);
    await setPolicy(publicRead);
    expect((await anonymous("www/index.html")).status).toBe(200);
    expect((await accountPab(rootCreds, A, "<RestrictPublicBuckets>true</RestrictPublicBuckets>")).status).toBe(200);
    expect((await anonymous("www/index.html")).status).toBe(403);
    expect((await accountPab(rootCreds, A, null)).status).toBe(204);
    const missing = await signedFetch(g, rootCreds, { method: "GET", path: "/v20180820/configuration/publicAccessBlock", headers: { "x-amz-account-id": A } });
    expect([missing.status, await missing.text()]).toEqual([404, expect.stringContaining("<Code>NoSuchPublicAccessBlockConfiguration</Code>")]);
  });
});

describe("ACLs disabled (bucket owner enforced)", () => {
  it("a public ACL meets BlockPublicAcls (403) when on, and ACLs disabled (400) when off; bucket-owner-full-control is accepted", async () => {
    await pab({ BlockPublicAcls: true });
    expect(await errorOf(root.send(new PutObjectCommand({ Bucket: BUCKET, Key: "acl/1", Body: "x", ACL: "public-read" })))).toMatchObject({ name: "AccessDenied", status: 403 });
    await root.send(new DeletePublicAccessBlockCommand({ Bucket: BUCKET }));
    expect(await errorOf(root.send(new PutObjectCommand({ Bucket: BUCKET, Key: "acl/1", Body: "x", ACL: "public-read" })))).toMatchObject({ name: "AccessControlListNotSupported", status: 400 });
    expect(await errorOf(root.send(new PutObjectCommand({ Bucket: BUCKET, Key: "acl/1", Body: "x", GrantRead: "id=abc" })))).toMatchObject({ name: "AccessControlListNotSupported" });
    await root.send(new PutObjectCommand({ Bucket: BUCKET, Key: "acl/1", Body: "x", ACL: "bucket-owner-full-control" }));
  });

  it("CreateBucket with an ACL other than private is InvalidBucketAclWithObjectOwnership", async () => {
    expect(await errorOf(root.send(new CreateBucketCommand({ Bucket: "acl-bucket", ACL: "public-read" })))).toMatchObject({ name: "InvalidBucketAclWithObjectOwnership", status: 400 });
    await root.send(new CreateBucketCommand({ Bucket: "acl-bucket", ACL: "private" }));
  });
});

describe("PutBucketPolicy validation", () => {
  const bad: [string, string, string][] = [
    ["not JSON", "Policies must be valid JSON", "not json"],
    ["an action of another service", "Policy has invalid action", JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: "*", Action: "iam:GetUser", Resource: `arn:aws:s3:::${BUCKET}/*` }] })],
    ["another bucket", "Policy has invalid resource", JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: A }, Action: "s3:GetObject", Resource: "arn:aws:s3:::other/*" }] })],
    ["no Principal", "Principal", JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: `arn:aws:s3:::${BUCKET}/*` }] })],
    ["a misspelt Effect", "Effect", JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Alow", Principal: { AWS: A }, Action: "s3:GetObject", Resource: `arn:aws:s3:::${BUCKET}/*` }] })],
  ];
  for (const [what, says, text] of bad) {
    it(`${what} is MalformedPolicy`, async () => {
      const e = await errorOf(root.send(new PutBucketPolicyCommand({ Bucket: BUCKET, Policy: text })));
      expect(e).toMatchObject({ name: "MalformedPolicy", status: 400 });
      expect(e.message).toContain(says);
    });
  }
});
