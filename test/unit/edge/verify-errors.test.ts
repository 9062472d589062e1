/**
 * @module test/unit/edge/verify-errors.test
 * verifySigV4's refusals, each with the code, status and fields AWS uses in that service's
 * dialect (S3 / query services / API Gateway): no signature, SigV2 and SigV4a, both forms at
 * once, malformed Authorization and presigned parameters, scope (terminator, service, region,
 * date), clock skew (15 minutes either way, with the server's time), presigned expiry windows
 * (1..604800 s, expired, not yet valid), unsigned host and x-amz-* headers, unknown keys,
 * tokens and the credentials source's own errors. And garbage in never throws (fast-check).
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { verifySigV4 } from "../../../js/edge/index.ts";
import { CREDS, TEMP, smithySign, toServerRequest, type Signed, type Spec } from "./signers.ts";

const NOW = new Date("2026-03-01T12:00:00Z");
const creds = new Map([[CREDS.accessKeyId, { secretAccessKey: CREDS.secretAccessKey }], [TEMP.accessKeyId, { secretAccessKey: TEMP.secretAccessKey, sessionToken: TEMP.sessionToken }]]);
const credentials = async ({ accessKeyId }: { accessKeyId: string }) => creds.get(accessKeyId);

const spec = (service: string, over: Partial<Spec> = {}): Spec => ({
  service, region: "us-east-1", method: "GET", host: `${service}.example.com`, segments: ["b", "k"], query: [], headers: {}, date: NOW, ...over,
});

async function check(s: Signed, options: Record<string, unknown> = {}) {
  return verifySigV4(toServerRequest(s), { credentials, now: NOW, ...options });
}

const plain = (url: string, headers: Record<string, string> = {}) => ({ method: "GET", url, headers, body: undefined } as Signed);

describe("verifySigV4 refuses", () => {
  it("an unsigned request: anonymous, with each dialect's code", async () => {
    const s3 = await check(plain("https://s3.example.com/b/k"), { service: "s3" });
    expect(s3).toMatchObject({ ok: false, code: "AccessDenied", status: 403, anonymous: true, dialect: "s3" });
    const sts = await check(plain("https://sts.example.com/"), { service: "sts" });
    expect(sts).toMatchObject({ ok: false, code: "MissingAuthenticationToken", status: 403, anonymous: true });
    const api = await check(plain("https://api.example.com/prod/x"), { service: "execute-api" });
    expect(api).toMatchObject({ ok: false, code: "MissingAuthenticationTokenException", status: 403, message: "Missing Authentication Token" });
  });

  it("SigV2 and SigV4a by name, and both forms at once", async () => {
    expect(await check(plain("https://s3.example.com/b/k", { authorization: "AWS AKIDEXAMPLE:frJIUN8DYpKDtOLCwo//yllqDzg=" }), { service: "s3" }))
      .toMatchObject({ code: "InvalidRequest", status: 400 });
    expect(await check(plain("https://s3.example.com/b/k?AWSAccessKeyId=AKID&Expires=1&Signature=x"), { service: "s3" })).toMatchObject({ code: "InvalidRequest" });
    const v4a = await check(plain("https://s3.example.com/b/k", { authorization: "AWS4-ECDSA-P256-SHA256 Credential=AKID/20260301/s3/aws4_request, SignedHeaders=host, Signature=30" }), { service: "s3" });
    expect(v4a).toMatchObject({ code: "InvalidRequest", status: 400 });
    expect(v4a.ok || v4a.message).toContain("AWS4-HMAC-SHA256");
    const signed = await smithySign(spec("s3"));
    expect(await check({ ...signed, url: signed.url + "?X-Amz-Algorithm=AWS4-HMAC-SHA256" })).toMatchObject({ code: "InvalidArgument", status: 400 });
  });

  it("a malformed Authorization header or credential", async () => {
    const a = await check(plain("https://sts.example.com/", { authorization: "AWS4-HMAC-SHA256 Credential=AKID/20260301/us-east-1/sts/aws4_request" }));
    expect(a).toMatchObject({ code: "IncompleteSignature", status: 400 });
    expect(a.ok || a.message).toContain("Authorization header requires 'Signature' parameter.");
    const b = await check(plain("https://s3.example.com/b", { authorization: `AWS4-HMAC-SHA256 Credential=AKID/20260301/us-east-1/s3, SignedHeaders=host, Signature=${"0".repeat(64)}` }), { service: "s3" });
    expect(b).toMatchObject({ code: "AuthorizationHeaderMalformed", status: 400 });
    expect(b.ok || b.message).toContain("the Credential is mal-formed");
  });

  it("presigned URLs missing parameters, with X-Amz-Expires outside 1..604800, expired or not yet valid", async () => {
    const signed = await smithySign(spec("s3"), { expiresIn: 3600 });
    expect(await check({ ...signed, url: signed.url.replace(/X-Amz-SignedHeaders=[^&]*&?/, "") })).toMatchObject({ code: "AuthorizationQueryParametersError", status: 400 });
    expect(await check({ ...signed, url: signed.url.replace("X-Amz-Expires=3600", "X-Amz-Expires=604801") })).toMatchObject({ code: "AuthorizationQueryParametersError", message: "X-Amz-Expires must be less than a week (in seconds) that is 604800" });
    expect(await check({ ...signed, url: signed.url.replace("X-Amz-Expires=3600", "X-Amz-Expires=-1") })).toMatchObject({ code: "AuthorizationQueryParametersError" });
    expect(await check(signed, { now: new Date(NOW.getTime() + 3600_000) })).toMatchObject({ ok: true });
    const expired = await check(signed, { now: new Date(NOW.getTime() + 3601_000) });
    expect(expired).toMatchObject({ code: "AccessDenied", status: 403, message: "Request has expired", details: { "X-Amz-Expires": "3600", Expires: "2026-03-01T13:00:00Z", ServerTime: "2026-03-01T13:00:01Z" } });
    const early = await check(signed, { now: new Date(NOW.getTime() - 16 * 60_000) });
    expect(early).toMatchObject({ code: "AccessDenied", message: "Request is not yet valid" });
    // A presigned URL signed 14 minutes "in the future" is within the skew: valid.
    expect(await check(signed, { now: new Date(NOW.getTime() - 14 * 60_000) })).toMatchObject({ ok: true });
  });

  it("header signatures more than 15 minutes off the server's clock, either way", async () => {
    const s3 = await smithySign(spec("s3"));
    expect(await check(s3, { now: new Date(NOW.getTime() + 15 * 60_000) })).toMatchObject({ ok: true });
    const late = await check(s3, { now: new Date(NOW.getTime() + 15 * 60_000 + 1000) });
    expect(late).toMatchObject({ code: "RequestTimeTooSkewed", status: 403, details: { RequestTime: "20260301T120000Z", ServerTime: "2026-03-01T12:15:01Z", MaxAllowedSkewMilliseconds: "900000" } });
    const sts = await smithySign(spec("sts"));
    const old = await check(sts, { now: new Date(NOW.getTime() + 20 * 60_000) });
    expect(old).toMatchObject({ code: "SignatureDoesNotMatch", status: 403, message: "Signature expired: 20260301T120000Z is now earlier than 20260301T120500Z (20260301T122000Z - 15 min.)" });
    const future = await check(sts, { now: new Date(NOW.getTime() - 20 * 60_000) });
    expect(future).toMatchObject({ message: "Signature not yet current: 20260301T120000Z is still later than 20260301T115500Z (20260301T114000Z + 15 min.)" });
  });

  it("a scope of another service, region or terminator, or another day than X-Amz-Date", async () => {
    const s3 = await smithySign(spec("s3"));
    expect(await check(s3, { service: "sts" })).toMatchObject({ code: "SignatureDoesNotMatch", message: "Credential should be scoped to correct service: 'sts'. " });
    const region = await check(s3, { region: ["eu-west-1", "eu-central-1"] });
    expect(region).toMatchObject({ code: "AuthorizationHeaderMalformed", status: 400, details: { Region: "eu-west-1" } });
    expect(region.ok || region.message).toContain("the region 'us-east-1' is wrong; expecting 'eu-west-1'");
    expect(await check(s3, { region: "us-east-1" })).toMatchObject({ ok: true });
    const term = { ...s3, headers: { ...s3.headers, authorization: s3.headers.authorization.replace("aws4_request", "aws5_request") } };
    expect(await check(term)).toMatchObject({ code: "AuthorizationHeaderMalformed" });
    const day = { ...s3, headers: { ...s3.headers, "x-amz-date": "20260302T120000Z" } };
    expect(await check(day, { now: new Date("2026-03-02T12:00:00Z") })).toMatchObject({ code: "AuthorizationHeaderMalformed", message: "The authorization header is malformed; Invalid credential date. Date is not the same as X-Amz-Date." });
  });

  it("unsigned host or x-amz-* headers; outside S3 an unsigned x-amz-security-token is allowed", async () => {
    const s3 = await smithySign(spec("s3"));
    const noHost = { ...s3, headers: { ...s3.headers, authorization: s3.headers.authorization.replace("SignedHeaders=host;", "SignedHeaders=") } };
    expect(await check(noHost)).toMatchObject({ code: "AccessDenied", details: { HeadersNotSigned: "host" } });
    const extra = await check({ ...s3, headers: { ...s3.headers, "x-amz-acl": "public-read" } });
    expect(extra).toMatchObject({ code: "AccessDenied", message: "There were headers present in the request which were not signed", details: { HeadersNotSigned: "x-amz-acl" } });
    expect(await check({ ...s3, headers: { ...s3.headers, "x-amz-security-token": "t" } })).toMatchObject({ code: "AccessDenied" });
    const sts = await smithySign(spec("sts"));
    expect(await check({ ...sts, headers: { ...sts.headers, "x-amz-security-token": "late" } })).toMatchObject({ ok: true });
  });

  it("unknown keys, wrong tokens and the credentials source's errors, in each dialect", async () => {
    const unknown = { ...spec("s3"), creds: { accessKeyId: "AKIDNOBODY000000", secretAccessKey: "x" } };
    expect(await check(await smithySign(unknown))).toMatchObject({ code: "InvalidAccessKeyId", status: 403, details: { AWSAccessKeyId: "AKIDNOBODY000000" } });
    expect(await check(await smithySign({ ...unknown, service: "sts" }))).toMatchObject({ code: "InvalidClientTokenId", status: 403 });
    expect(await check(await smithySign({ ...unknown, service: "execute-api" }))).toMatchObject({ code: "UnrecognizedClientException" });
    const wrongToken = await smithySign({ ...spec("s3"), creds: { ...TEMP, sessionToken: "another" } });
    expect(await check(wrongToken)).toMatchObject({ code: "InvalidToken", status: 400 });
    const expiredSource = async () => { throw Object.assign(new Error("expired"), { code: "ExpiredToken" }); };
    expect(await verifySigV4(toServerRequest(await smithySign(spec("s3"))), { credentials: expiredSource, now: NOW })).toMatchObject({ code: "ExpiredToken", status: 400 });
    expect(await verifySigV4(toServerRequest(await smithySign(spec("sts"))), { credentials: expiredSource, now: NOW })).toMatchObject({ code: "ExpiredToken", status: 403 });
    const broken = async () => { throw new Error("database down: secret=hunter2"); };
    const internal = await verifySigV4(toServerRequest(await smithySign(spec("s3"))), { credentials: broken, now: NOW });
    expect(internal).toMatchObject({ code: "InternalError", status: 500 });
    expect(JSON.stringify(internal)).not.toContain("hunter2");
  });

  it("S3 header signatures without x-amz-content-sha256, and unknown payload modes", async () => {
    const s3 = await smithySign(spec("s3"));
    const headers = { ...s3.headers };
    delete headers["x-amz-content-sha256"];
    headers.authorization = headers.authorization.replace(";x-amz-content-sha256", "");
    expect(await check({ ...s3, headers })).toMatchObject({ code: "InvalidRequest", message: "Missing required header for this request: x-amz-content-sha256" });
    const bad = await smithySign(spec("s3", { headers: { "x-amz-content-sha256": "NOT-A-MODE" } }));
    expect(await check(bad)).toMatchObject({ code: "InvalidArgument", status: 400 });
    const v4a = await smithySign(spec("s3", { method: "PUT", headers: { "x-amz-content-sha256": "STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD" } }));
    expect(await check(v4a)).toMatchObject({ code: "InvalidRequest" });
  });

  it("never throws, whatever the request (fast-check)", async () => {
    const header = fc.oneof(fc.string(), fc.constantFrom("AWS4-HMAC-SHA256", "AWS4-HMAC-SHA256 Credential=a/b/c/d/e, SignedHeaders=host, Signature=" + "a".repeat(64), "AWS4-HMAC-SHA256 Credential=,,,="));
    const query = fc.oneof(fc.string(), fc.constantFrom("X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=a%2F20260301%2Fr%2Fs3%2Faws4_request&X-Amz-Date=20260301T120000Z&X-Amz-Expires=9&X-Amz-SignedHeaders=host&X-Amz-Signature=" + "0".repeat(64), "X-Amz-Credential=%ZZ"));
    await fc.assert(fc.asyncProperty(header, query, fc.string(), fc.constantFrom("s3", "sts", "execute-api", undefined), async (auth, q, date, service) => {
      const headers = new Headers();
      try { headers.set("authorization", auth); headers.set("x-amz-date", date); } catch { /* not a valid header value */ }
      const r = await verifySigV4({ method: "GET", url: `https://h.example.com/p?${encodeURI(q)}`, headers, body: null }, { credentials, now: NOW, service });
      expect(typeof r.ok).toBe("boolean");
      if (!r.ok) expect(r.status).toBeGreaterThanOrEqual(400);
    }), { numRuns: 300 });
  });
});
