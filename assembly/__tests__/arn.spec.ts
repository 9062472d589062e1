/**
 * @module __tests__/arn
 * Tests for assembly/match/arn.ts (segment-wise ARN matching).
 * Examples from the AWS pages "IAM JSON policy elements: Resource" and
 * "IAM JSON policy elements: Condition operators" (ARN operators).
 */
import { arnMatch } from "../match/arn";
import { globMatch } from "../match/wildcard";
import { utf8, ptr, len } from "./bytes.include";

function arn(p: string, s: string, shortAsGlob: bool = false): bool {
  const pb = utf8(p);
  const sb = utf8(s);
  return arnMatch(ptr(pb), len(pb), ptr(sb), len(sb), shortAsGlob);
}

function glob(p: string, s: string): bool {
  const pb = utf8(p);
  const sb = utf8(s);
  return globMatch(ptr(pb), len(pb), ptr(sb), len(sb), false);
}

describe("arnMatch: AWS documentation examples", () => {
  it("S3 object wildcard spans slashes in the resource part", () => {
    expect(arn("arn:aws:s3:::bkt/*", "arn:aws:s3:::bkt/a/b")).toBe(true);
    expect(arn("arn:aws:s3:::bkt/*", "arn:aws:s3:::bkt")).toBe(false);
    expect(arn("arn:aws:s3:::bkt/*", "arn:aws:s3:::other/a")).toBe(false);
    expect(arn("arn:aws:s3:::bkt", "arn:aws:s3:::bkt")).toBe(true);
  });
  it("log-group wildcard spans colons in the resource part", () => {
    expect(
      arn("arn:aws:logs:us-east-1:123456789012:log-group:*", "arn:aws:logs:us-east-1:123456789012:log-group:x:log-stream:y"),
    ).toBe(true);
  });
  it("someservice example: segments are matched separately", () => {
    const p = "arn:aws:someservice:*:111122223333:finance/*";
    const s = "arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/x";
    expect(arn(p, s)).toBe(false);
    // ... whereas a plain glob (StringLike) matches it.
    expect(glob(p, s)).toBe(true);
    expect(arn(p, "arn:aws:someservice:us-east-2:111122223333:finance/x")).toBe(true);
  });
  it("wildcards within any segment", () => {
    expect(arn("arn:aws:iam::*:role/Admin", "arn:aws:iam::123456789012:role/Admin")).toBe(true);
    expect(arn("arn:aws:ec2:us-east-?:*:instance/*", "arn:aws:ec2:us-east-1:123456789012:instance/i-1")).toBe(true);
    expect(arn("arn:aws:ec2:us-east-?:*:instance/*", "arn:aws:ec2:us-west-1:123456789012:instance/i-1")).toBe(false);
    expect(arn("arn:aws*:s3:::b/*", "arn:aws-cn:s3:::b/k")).toBe(true);
    expect(arn("arn:*:*:*:*:*", "arn:aws:sqs:eu-west-1:123456789012:q")).toBe(true);
  });
});

describe("arnMatch: star does not cross segment colons", () => {
  it("a star in region cannot eat the account", () => {
    expect(arn("arn:aws:sqs:*:q", "arn:aws:sqs:us-east-1:123456789012:q")).toBe(false);
    expect(arn("arn:aws:sqs:*:*:q", "arn:aws:sqs:us-east-1:123456789012:q")).toBe(true);
  });
  it("an empty segment must stay empty", () => {
    expect(arn("arn:aws:s3:::b", "arn:aws:s3:us-east-1::b")).toBe(false);
    expect(arn("arn:aws:s3:*::b", "arn:aws:s3:us-east-1::b")).toBe(true);
    expect(arn("arn:aws:s3:*::b", "arn:aws:s3:::b")).toBe(true);
  });
  it("a question mark cannot match a separator", () => {
    expect(arn("arn:aws:s3?::b", "arn:aws:s3:::b")).toBe(false);
  });
});

describe("arnMatch: case sensitivity", () => {
  it("is case-sensitive", () => {
    expect(arn("arn:aws:s3:::Bucket/*", "arn:aws:s3:::bucket/x")).toBe(false);
    expect(arn("arn:aws:S3:::b", "arn:aws:s3:::b")).toBe(false);
  });
});

describe("arnMatch: star pattern and short inputs", () => {
  it("`*` matches anything, even non-ARNs", () => {
    expect(arn("*", "arn:aws:s3:::b")).toBe(true);
    expect(arn("*", "not-an-arn")).toBe(true);
    expect(arn("*", "")).toBe(true);
  });
  it("an input with fewer than six parts never matches", () => {
    expect(arn("arn:*", "arn:aws:s3", true)).toBe(false);
    expect(arn("arn:aws:s3:::*", "arn:aws:s3::")).toBe(false);
    expect(arn("**", "x")).toBe(false);
  });
  it("a short pattern: strict by default, glob when asked", () => {
    expect(arn("arn:aws:s3*", "arn:aws:s3:::b/k")).toBe(false);
    expect(arn("arn:aws:s3*", "arn:aws:s3:::b/k", true)).toBe(true);
    expect(arn("arn:aws:s*", "arn:aws:sqs:r:a:q", true)).toBe(true);
    expect(arn("arn:aws:s3*", "arn:aws:sqs:r:a:q", true)).toBe(false);
    expect(arn("arn:aws:ec2*", "arn:aws:s3:::b/k", true)).toBe(false);
    expect(arn("", "arn:aws:s3:::b", true)).toBe(false);
  });
});

describe("arnMatch: escapes in the pattern", () => {
  it("an escaped colon is data, not a separator", () => {
    // Pattern has only 5 parts once the escaped colon is not counted.
    expect(arn("arn:aws:s3:::a\0:b", "arn:aws:s3:::a:b")).toBe(true);
    // "arn:aws:s3" + escaped ':' + "::a" has only four real separators:
    // a short pattern, strict by default, a literal glob when asked.
    expect(arn("arn:aws:s3\0:::a", "arn:aws:s3:::a")).toBe(false);
    expect(arn("arn:aws:s3\0:::a", "arn:aws:s3:::a", true)).toBe(true);
    // With five real separators the escaped colon stays inside segment 3.
    expect(arn("arn:aws:s3\0::::a", "arn:aws:s3::::a")).toBe(false);
    expect(arn("arn:aws:s3\0::::a", "arn:aws:s3\0::::a")).toBe(false);
  });
  it("escaped wildcards are literal in every segment", () => {
    expect(arn("arn:aws:s3:::b/\0*", "arn:aws:s3:::b/*")).toBe(true);
    expect(arn("arn:aws:s3:::b/\0*", "arn:aws:s3:::b/x")).toBe(false);
    expect(arn("arn:aws:s3:\0?::b", "arn:aws:s3:?::b")).toBe(true);
    expect(arn("arn:aws:s3:\0?::b", "arn:aws:s3:x::b")).toBe(false);
  });
  it("a trailing lone escape matches nothing", () => {
    expect(arn("arn:aws:s3:::b\0", "arn:aws:s3:::b")).toBe(false);
  });
});

describe("arnMatch: the resource part keeps extra colons", () => {
  it("compares the rest of the input as one segment", () => {
    expect(arn("arn:aws:logs:r:1:log-group:g", "arn:aws:logs:r:1:log-group:g")).toBe(true);
    expect(arn("arn:aws:logs:r:1:log-group:g", "arn:aws:logs:r:1:log-group:g:x")).toBe(false);
    expect(arn("arn:aws:logs:r:1:log-group:?", "arn:aws:logs:r:1:log-group:g")).toBe(true);
  });
  it("negative lengths never match", () => {
    const p = utf8("*");
    expect(arnMatch(ptr(p), -1, ptr(p), 1, true)).toBe(false);
  });
});
