/**
 * @module test/unit/edge/s3-map.test
 * S3 requests to actions and resources, checked against "Actions, resources, and condition keys
 * for Amazon S3" and each operation's Permissions section: one request per operation, path and
 * virtual-hosted style, CopyObject's two checks, DeleteObjects per key, ListObjectsV2 with its
 * condition keys, versioned variants, tagging and ACL headers.
 */
import { describe, expect, it } from "vitest";
import { mapS3Request, parseDeleteObjects, S3_OPERATIONS } from "../../../js/edge/index.ts";

const map = (method: string, target: string, headers: Record<string, string> = {}, body?: string) =>
  mapS3Request({ method, url: `https://s3.example.com${target}`, headers: new Headers({ host: headers.host ?? "s3.example.com", ...headers }), body: body === undefined ? null : new Response(body).body }, { endpoints: ["s3.example.com"] });

const one = async (method: string, target: string, headers?: Record<string, string>) => {
  const m = await map(method, target, headers);
  return [m.operation, ...m.authorizations.map((a) => `${a.action} ${a.resource}`)];
};

describe("S3 operations to actions", () => {
  it("service, bucket and object operations", async () => {
    expect(await one("GET", "/")).toEqual(["ListBuckets", "s3:ListAllMyBuckets *"]);
    expect(await one("PUT", "/b")).toEqual(["CreateBucket", "s3:CreateBucket arn:aws:s3:::b"]);
    expect(await one("HEAD", "/b")).toEqual(["HeadBucket", "s3:ListBucket arn:aws:s3:::b"]);
    expect(await one("DELETE", "/b")).toEqual(["DeleteBucket", "s3:DeleteBucket arn:aws:s3:::b"]);
    expect(await one("GET", "/b?location")).toEqual(["GetBucketLocation", "s3:GetBucketLocation arn:aws:s3:::b"]);
    expect(await one("GET", "/b?uploads")).toEqual(["ListMultipartUploads", "s3:ListBucketMultipartUploads arn:aws:s3:::b"]);
    expect(await one("GET", "/b?versions")).toEqual(["ListObjectVersions", "s3:ListBucketVersions arn:aws:s3:::b"]);
    expect(await one("PUT", "/b?policy")).toEqual(["PutBucketPolicy", "s3:PutBucketPolicy arn:aws:s3:::b"]);
    expect(await one("GET", "/b?policyStatus")).toEqual(["GetBucketPolicyStatus", "s3:GetBucketPolicyStatus arn:aws:s3:::b"]);
    expect(await one("DELETE", "/b?publicAccessBlock")).toEqual(["DeletePublicAccessBlock", "s3:PutBucketPublicAccessBlock arn:aws:s3:::b"]);
    expect(await one("DELETE", "/b?tagging")).toEqual(["DeleteBucketTagging", "s3:PutBucketTagging arn:aws:s3:::b"]);
    expect(await one("GET", "/b/k")).toEqual(["GetObject", "s3:GetObject arn:aws:s3:::b/k"]);
    expect(await one("HEAD", "/b/k")).toEqual(["HeadObject", "s3:GetObject arn:aws:s3:::b/k"]);
    expect(await one("GET", "/b/k?versionId=v1")).toEqual(["GetObject", "s3:GetObjectVersion arn:aws:s3:::b/k"]);
    expect(await one("DELETE", "/b/k?versionId=v1")).toEqual(["DeleteObject", "s3:DeleteObjectVersion arn:aws:s3:::b/k"]);
    expect(await one("POST", "/b/k?uploads")).toEqual(["CreateMultipartUpload", "s3:PutObject arn:aws:s3:::b/k"]);
    expect(await one("PUT", "/b/k?partNumber=1&uploadId=u")).toEqual(["UploadPart", "s3:PutObject arn:aws:s3:::b/k"]);
    expect(await one("POST", "/b/k?uploadId=u")).toEqual(["CompleteMultipartUpload", "s3:PutObject arn:aws:s3:::b/k"]);
    expect(await one("DELETE", "/b/k?uploadId=u")).toEqual(["AbortMultipartUpload", "s3:AbortMultipartUpload arn:aws:s3:::b/k"]);
    expect(await one("GET", "/b/k?uploadId=u")).toEqual(["ListParts", "s3:ListMultipartUploadParts arn:aws:s3:::b/k"]);
    expect(await one("GET", "/b/k?tagging&versionId=v")).toEqual(["GetObjectTagging", "s3:GetObjectVersionTagging arn:aws:s3:::b/k"]);
    expect(await one("PUT", "/b/k?acl")).toEqual(["PutObjectAcl", "s3:PutObjectAcl arn:aws:s3:::b/k"]);
    expect(await one("GET", "/b/k?attributes")).toEqual(["GetObjectAttributes", "s3:GetObjectAttributes arn:aws:s3:::b/k", "s3:GetObject arn:aws:s3:::b/k"]);
    expect(await one("PATCH", "/b/k")).toEqual(["Unknown"]);
  });

  it("virtual-hosted style, and keys with awkward characters kept exactly", async () => {
    expect(await one("GET", "/k", { host: "b.s3.example.com" })).toEqual(["GetObject", "s3:GetObject arn:aws:s3:::b/k"]);
    expect(await one("GET", "/", { host: "b.s3.example.com" })).toEqual(["ListObjects", "s3:ListBucket arn:aws:s3:::b"]);
    expect(await one("GET", "/b/a%20b+c%2B%25~@*()'/%E2%82%AC//x")).toEqual(["GetObject", "s3:GetObject arn:aws:s3:::b/a b+c+%~@*()'/€//x"]);
  });

  it("ListObjectsV2 is s3:ListBucket with s3:prefix, s3:delimiter and s3:max-keys", async () => {
    const m = await map("GET", "/b?list-type=2&prefix=home%2Falice%2F&delimiter=%2F&max-keys=50");
    expect(m.operation).toBe("ListObjectsV2");
    expect(m.authorizations).toEqual([{ action: "s3:ListBucket", resource: "arn:aws:s3:::b", context: { "s3:prefix": "home/alice/", "s3:delimiter": "/", "s3:max-keys": 50 } }]);
  });

  it("CopyObject and UploadPartCopy need s3:GetObject on the source and s3:PutObject on the destination", async () => {
    expect(await one("PUT", "/dst/k2", { "x-amz-copy-source": "/src/dir/k%201" })).toEqual(["CopyObject", "s3:PutObject arn:aws:s3:::dst/k2", "s3:GetObject arn:aws:s3:::src/dir/k 1"]);
    expect(await one("PUT", "/dst/k2", { "x-amz-copy-source": "src/k?versionId=v9" })).toEqual(["CopyObject", "s3:PutObject arn:aws:s3:::dst/k2", "s3:GetObjectVersion arn:aws:s3:::src/k"]);
    expect(await one("PUT", "/dst/k?partNumber=2&uploadId=u", { "x-amz-copy-source": "/src/k" })).toEqual(["UploadPartCopy", "s3:PutObject arn:aws:s3:::dst/k", "s3:GetObject arn:aws:s3:::src/k"]);
    const m = await map("PUT", "/dst/k2", { "x-amz-copy-source": "/src/k", "x-amz-metadata-directive": "REPLACE" });
    expect(m.authorizations[0].context).toMatchObject({ "s3:x-amz-copy-source": "/src/k", "s3:x-amz-metadata-directive": "REPLACE" });
  });

  it("PutObject with tags and an ACL also needs s3:PutObjectTagging and s3:PutObjectAcl, with the request's tag keys", async () => {
    const m = await map("PUT", "/b/k", { "x-amz-tagging": "team=blue&env=prod%20eu", "x-amz-acl": "bucket-owner-full-control", "x-amz-storage-class": "STANDARD_IA" });
    expect(m.authorizations.map((a) => a.action)).toEqual(["s3:PutObject", "s3:PutObjectTagging", "s3:PutObjectAcl"]);
    expect(m.authorizations[0].context).toEqual({
      "s3:x-amz-acl": "bucket-owner-full-control", "s3:x-amz-storage-class": "STANDARD_IA",
      "s3:RequestObjectTag/team": "blue", "s3:RequestObjectTag/env": "prod eu", "s3:RequestObjectTagKeys": ["team", "env"],
    });
  });

  it("DeleteObjects is one s3:DeleteObject (or ...Version) per key of the body, which is handed back", async () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?><Delete xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Object><Key>a&amp;b</Key></Object><Object><Key>c/d</Key><VersionId>v2</VersionId></Object><Quiet>true</Quiet></Delete>`;
    const m = await map("POST", "/b?delete", {}, xml);
    expect(m.perKey).toBe(true);
    expect(m.authorizations.map((a) => `${a.action} ${a.resource}`)).toEqual(["s3:DeleteObject arn:aws:s3:::b/a&b", "s3:DeleteObjectVersion arn:aws:s3:::b/c/d"]);
    expect(new TextDecoder().decode(m.body)).toBe(xml);
    expect(() => parseDeleteObjects("<Delete></Delete>")).toThrow(/MalformedXML|not well-formed/);
    expect(() => parseDeleteObjects("<Nope/>")).toThrow(/not well-formed/);
    expect(() => parseDeleteObjects(`<Delete>${"<Object><Key>k</Key></Object>".repeat(1001)}</Delete>`)).toThrow(/more than 1000/);
  });

  it("every row names an s3: action, and no two rows claim the same request", () => {
    for (const r of S3_OPERATIONS) expect(r.action).toMatch(/^s3:[A-Za-z]+$/);
    const seen = new Set(S3_OPERATIONS.map((r) => `${r.method} ${r.level} ${r.query ?? ""} ${r.header ?? ""}`));
    expect(seen.size).toBe(S3_OPERATIONS.length);
  });
});
