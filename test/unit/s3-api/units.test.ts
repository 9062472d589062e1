/**
 * @module test/unit/s3-api/units.test
 * The gateway's pure pieces on their own: S3's definition of a public bucket policy ("The meaning
 * of public", S3 User Guide, with its examples), the XML reader's refusals, UTF-8 ordering, the
 * Range header, and RFC 7232's order of conditional headers.
 */
import { describe, expect, it } from "vitest";
import { validatePolicy } from "../../../js/policy/validate.ts";
import { isPublicPolicy, narrowCidr } from "../../../js/edge/s3-api/public-policy.ts";
import { parseXml } from "../../../js/edge/s3-api/xml-read.ts";
import { compareUtf8 } from "../../../js/edge/s3-api/list-keys.ts";
import { parseRange } from "../../../js/edge/s3-api/range.ts";
import { evaluateConditions } from "../../../js/edge/s3-api/conditions.ts";
import { esc } from "../../../js/edge/s3-api/xml.ts";

const isPublic = (...Statement: object[]) => isPublicPolicy(validatePolicy(JSON.stringify({ Version: "2012-10-17", Statement }), { kind: "resource" }).policy!);
const stmt = (extra: object) => ({ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*", ...extra });

describe("public bucket policies", () => {
  it("the User Guide's public examples are public", () => {
    expect(isPublic(stmt({ Principal: { Federated: "graph.facebook.com" } }))).toBe(true);
    expect(isPublic(stmt({ Principal: "*" }))).toBe(true);
    expect(isPublic(stmt({ Principal: "*", Condition: { StringLike: { "aws:SourceVpc": "vpc-*" } } }))).toBe(true);
  });

  it("fixed values make them non-public", () => {
    expect(isPublic(stmt({ Principal: "*", Condition: { StringEquals: { "aws:SourceVpc": "vpc-91237329" } } }))).toBe(false);
    expect(isPublic(stmt({ Principal: { AWS: "arn:aws:iam::111122223333:root" } }))).toBe(false);
    expect(isPublic(stmt({ Principal: { Service: "cloudtrail.amazonaws.com" } }))).toBe(false);
    expect(isPublic(stmt({ Principal: "*", Condition: { StringEquals: { "aws:PrincipalOrgID": "o-abc" } } }))).toBe(false);
    expect(isPublic(stmt({ Principal: "*", Condition: { IpAddress: { "aws:SourceIp": ["203.0.113.0/24", "2001:db8::/48"] } } }))).toBe(false);
  });

  it("what narrows nothing leaves it public", () => {
    expect(isPublic(stmt({ Principal: "*", Condition: { IpAddress: { "aws:SourceIp": "0.0.0.0/1" } } }))).toBe(true);
    expect(isPublic(stmt({ Principal: "*", Condition: { StringEqualsIfExists: { "aws:SourceAccount": "111122223333" } } }))).toBe(true);
    expect(isPublic(stmt({ Principal: "*", Condition: { StringNotEquals: { "aws:SourceAccount": "111122223333" } } }))).toBe(true);
    expect(isPublic(stmt({ Principal: "*", Condition: { StringEquals: { "aws:SourceAccount": "${aws:username}" } } }))).toBe(true);
    expect(isPublic(stmt({ Principal: "*", Condition: { StringEquals: { "aws:userid": "AROAEXAMPLE:*" } } }))).toBe(true);
    expect(isPublic(stmt({ Principal: "*", Condition: { StringEquals: { "s3:prefix": "home/" } } }))).toBe(true);
  });

  it("deny statements never make a policy public", () => {
    expect(isPublic({ Effect: "Deny", Principal: "*", Action: "s3:*", Resource: "arn:aws:s3:::b/*" }, stmt({ Principal: { AWS: "111122223333" } }))).toBe(false);
  });

  it("CIDRs: broader than /8 (IPv4) or /32 (IPv6) is public, RFC 1918 ranges excepted", () => {
    expect([narrowCidr("10.0.0.0/8"), narrowCidr("11.0.0.0/7"), narrowCidr("10.0.0.0/7"), narrowCidr("1.2.3.4"), narrowCidr("2001:db8::/31"), narrowCidr("2001:db8::/32")]).toEqual([true, false, true, true, false, true]);
  });
});

describe("the XML reader", () => {
  it("reads elements, text, entities, CDATA; ignores prefixes and attributes", () => {
    const root = parseXml('<?xml version="1.0"?><!-- c --><a:Delete xmlns:a="x"><Object id="1"><Key>a &amp; b &#x1F600;<![CDATA[<raw>]]></Key></Object></a:Delete>');
    expect(root.name).toBe("Delete");
    expect(root.children[0].children[0].text).toBe("a & b 😀<raw>");
  });

  it("refuses DOCTYPEs, mismatched tags, bare ampersands, trailing content and deep nesting", () => {
    for (const text of ['<!DOCTYPE x [<!ENTITY e "e">]><a>&e;</a>', "<a><b></a></b>", "<a>x & y</a>", "<a/><b/>", "<a>", "<a>".repeat(70) + "</a>".repeat(70)]) {
      expect(() => parseXml(text)).toThrow(expect.objectContaining({ code: "MalformedXML" }));
    }
  });

  it("escapes what XML cannot carry raw", () => {
    expect(esc(`<a&"'>\u0001\r`)).toBe("&lt;a&amp;&quot;&apos;&gt;&#1;&#13;");
  });
});

describe("ordering, ranges and conditions", () => {
  it("compares in UTF-8 byte order, not UTF-16's", () => {
    const keys = ["\uFFFD", "😀", "é", "z", "a"];
    expect([...keys].sort(compareUtf8)).toEqual([...keys].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b))));
  });

  it("Range: one range, or nothing", () => {
    expect(parseRange("bytes=0-9")).toEqual({ offset: 0, length: 10 });
    expect(parseRange("bytes=5-")).toEqual({ offset: 5 });
    expect(parseRange("bytes=-3")).toEqual({ suffix: 3 });
    expect(parseRange("bytes=-0")).toBe("unsatisfiable");
    expect(parseRange("bytes=9-1")).toBeUndefined();
    expect(parseRange("bytes=0-1,4-5")).toBeUndefined();
    expect(parseRange(null)).toBeUndefined();
  });

  it("conditions in RFC 7232's order, at whole seconds", () => {
    const o = { etag: "abc", uploaded: new Date("2026-01-01T00:00:00.600Z") };
    const none = { ifMatch: null, ifNoneMatch: null, ifModifiedSince: null, ifUnmodifiedSince: null };
    expect(evaluateConditions({ ...none, ifMatch: '"abc"' }, o)).toBe("ok");
    expect(evaluateConditions({ ...none, ifMatch: '"x", "abc"' }, o)).toBe("ok");
    expect(evaluateConditions({ ...none, ifMatch: '"x"' }, o)).toEqual({ failed: "If-Match" });
    expect(evaluateConditions({ ...none, ifModifiedSince: "Thu, 01 Jan 2026 00:00:00 GMT" }, o)).toBe("not-modified");
    expect(evaluateConditions({ ...none, ifNoneMatch: '"x"', ifModifiedSince: "Thu, 01 Jan 2026 00:00:00 GMT" }, o)).toBe("ok");
    expect(evaluateConditions({ ...none, ifUnmodifiedSince: "Wed, 31 Dec 2025 23:59:59 GMT" }, o)).toEqual({ failed: "If-Unmodified-Since" });
  });
});
