/**
 * How one origin tells its callers apart (route.ts), where a call runs (placement.ts), and how a
 * request finds its account before it is verified (key-directory.ts): the session token's
 * account, the directory's answers cached per isolate (a miss asks again).
 */
import { describe, expect, it } from "vitest";
import { routeOf } from "../../../../js/edge/service/route.ts";
import { placementOf } from "../../../../js/edge/service/placement.ts";
import { KeyLocator, tokenAccountId } from "../../../../js/edge/service/key-directory.ts";

const O = "http://127.0.0.1:8787";
const sigv4 = (service: string) => `AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20260301/us-east-1/${service}/aws4_request, SignedHeaders=host;x-amz-date, Signature=${"0".repeat(64)}`;
const req = (path: string, init: RequestInit = {}) => new Request(new URL(path, O), init);

describe("routeOf", () => {
  it.each([
    ["GET /healthz", req("/healthz"), "health"],
    ["HEAD /healthz", req("/healthz", { method: "HEAD" }), "health"],
    ["the explain endpoint", req("/_iam-edge/explain/abc"), "explain"],
    ["a call signed for iam", req("/", { method: "POST", headers: { authorization: sigv4("iam"), "content-type": "application/x-www-form-urlencoded" }, body: "Action=ListUsers" }), "api"],
    ["a call signed for sts", req("/", { method: "POST", headers: { authorization: sigv4("sts") }, body: "Action=GetCallerIdentity" }), "api"],
    ["CloudTrail's JSON target", req("/", { method: "POST", headers: { authorization: sigv4("cloudtrail"), "x-amz-target": "CloudTrail_20131101.LookupEvents" }, body: "{}" }), "api"],
    ["a presigned query call", req(`/?Action=ListUsers&Version=2010-05-08&X-Amz-Credential=${encodeURIComponent("AKIAIOSFODNN7EXAMPLE/20260301/us-east-1/iam/aws4_request")}`), "api"],
    ["an unsigned form POST (web identity)", req("/", { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "Action=AssumeRoleWithWebIdentity" }), "api"],
    ["an unsigned GET with Action", req("/?Action=ListUsers&Version=2010-05-08"), "api"],
    ["a call signed for s3", req("/bucket/key", { headers: { authorization: sigv4("s3") } }), "s3"],
    ["a call signed for another service", req("/", { method: "POST", headers: { authorization: sigv4("ec2") }, body: "Action=DescribeInstances" }), "other-service"],
    ["a browser at /", req("/", { headers: { accept: "text/html" } }), "playground"],
    ["a browser asking for a file", req("/app.js"), "playground"],
    ["an unsigned PUT", req("/x", { method: "PUT", body: "x" }), "method-not-allowed"],
  ])("%s", (_name, request, kind) => {
    expect(routeOf(request).kind).toBe(kind);
  });

  it("names the other service", () => {
    expect(routeOf(req("/", { method: "POST", headers: { authorization: sigv4("ec2") } }))).toEqual({ kind: "other-service", service: "ec2" });
  });
});

describe("placementOf", () => {
  it.each([
    ["iam", "ListUsers", "replica"], ["iam", "GetUser", "replica"], ["iam", "SimulatePrincipalPolicy", "replica"],
    ["iam", "GetAccountAuthorizationDetails", "replica"], ["iam", "GetAccessKeyLastUsed", "object"],
    ["iam", "CreateUser", "object"], ["iam", "TagUser", "object"], ["iam", "Getaway", "object"], ["iam", undefined, "replica"],
    ["sts", "GetCallerIdentity", "replica"], ["sts", "AssumeRole", "object"], ["sts", "GetSessionToken", "object"],
    ["sts", "AssumeRoleWithWebIdentity", "object"], ["cloudtrail", undefined, "replica"],
  ] as const)("%s %s runs in the %s", (service, action, where) => {
    expect(placementOf(service, action)).toBe(where);
  });
});

describe("tokenAccountId", () => {
  const token = (payload: unknown) => `IE1.${btoa(JSON.stringify(payload)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "")}.mac`;
  it("reads the account a session token names (unverified)", () => {
    expect(tokenAccountId(token({ kind: "AssumeRole", accountId: "111122223333" }))).toBe("111122223333");
  });
  it.each([
    ["no token", undefined], ["another format", "FwoGZXIvYXdzEJr"], ["a bad account id", token({ accountId: "1234" })],
    ["not JSON", "IE1.bm90IGpzb24.mac"], ["too long", `IE1.${"a".repeat(40000)}.mac`],
  ])("finds none in %s", (_name, value) => {
    expect(tokenAccountId(value)).toBeUndefined();
  });
});

describe("KeyLocator", () => {
  it("caches the directory's answers, asks again after a miss, and skips ids that are not long-term keys", async () => {
    const asked: string[] = [];
    let known = new Map([["AKIAAAAAAAAAAAAAAAAA", "111122223333"]]);
    const locator = new KeyLocator(() => ({
      lookup: async (id: string) => (asked.push(id), known.get(id)),
      setAccountKeys: async () => {},
    }));
    expect(await locator.accountOf("AKIAAAAAAAAAAAAAAAAA")).toBe("111122223333");
    expect(await locator.accountOf("AKIAAAAAAAAAAAAAAAAA")).toBe("111122223333");
    expect(await locator.accountOf("AKIABBBBBBBBBBBBBBBB")).toBeUndefined();
    known = new Map([["AKIABBBBBBBBBBBBBBBB", "444455556666"]]);
    expect(await locator.accountOf("AKIABBBBBBBBBBBBBBBB")).toBe("444455556666");
    expect(await locator.accountOf("not-a-key")).toBeUndefined();
    expect(asked).toEqual(["AKIAAAAAAAAAAAAAAAAA", "AKIABBBBBBBBBBBBBBBB", "AKIABBBBBBBBBBBBBBBB"]);
  });
});
