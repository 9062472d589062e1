/**
 * @module test/unit/edge/signers.test
 * verifySigV4 against requests signed by @smithy/signature-v4 and aws4fetch, in both forms, for
 * random methods, S3 keys (space, `+`, `%`, `~`, `@`, `*`, `()`, `'`, Unicode, `//`), queries,
 * headers and bodies (fast-check); then every part of a signed request tampered with, each of
 * which must fail.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { verifySigV4 } from "../../../js/edge/index.ts";
import { aws4fetchSign, CREDS, smithySign, TEMP, toServerRequest, type Signed, type Spec } from "./signers.ts";

const NOW = new Date("2026-03-01T12:00:00Z");
const keys = new Map([[CREDS.accessKeyId, { secretAccessKey: CREDS.secretAccessKey }], [TEMP.accessKeyId, { secretAccessKey: TEMP.secretAccessKey, sessionToken: TEMP.sessionToken }]]);
const credentials = async ({ accessKeyId }: { accessKeyId: string }) => keys.get(accessKeyId);

async function verify(s: Signed, extra: Record<string, unknown> = {}) {
  return verifySigV4(toServerRequest(s), { credentials, now: NOW, ...extra });
}

async function text(body: ReadableStream<Uint8Array> | null): Promise<{ bytes: Uint8Array; error?: string }> {
  if (!body) return { bytes: new Uint8Array(0) };
  const parts: Uint8Array[] = [];
  const reader = body.getReader();
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      parts.push(value);
    }
  } catch (err) {
    return { bytes: new Uint8Array(0), error: (err as { code?: string }).code };
  }
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) { out.set(p, at); at += p.length; }
  return { bytes: out };
}

const KEY_CHARS = [..."abcXYZ019 +%~@*()'!$&,;=:-_.", "é", "€", "ሴ", "😀", "日本"];
const keySegment = fc.array(fc.constantFrom(...KEY_CHARS), { minLength: 1, maxLength: 8 }).map((a) => a.join("")).filter((s) => s !== "." && s !== "..");
/** S3 keys: segments joined by `/`, with empty segments (`//`) allowed inside. */
const s3Key = fc.array(fc.oneof(keySegment, fc.constant("")), { minLength: 1, maxLength: 4 }).filter((a) => a[a.length - 1] !== "" && a[0] !== "");
const queryPart = fc.array(fc.constantFrom(..."aZ09-_.~ +&=%/é"), { minLength: 1, maxLength: 6 }).map((a) => a.join(""));
const query = fc.uniqueArray(fc.tuple(queryPart, fc.oneof(queryPart, fc.constant(""))), { selector: ([k]) => k, maxLength: 4 })
  .map((q) => q.filter(([k]) => !/^x-amz-/i.test(k)));
const metaHeaders = fc.dictionary(fc.constantFrom("x-amz-meta-a", "x-amz-meta-tag", "x-amz-meta-b"), fc.constantFrom("v", "two  words", " padded ", "a,b", "tab\tsep"), { maxKeys: 2 });
const method = fc.constantFrom("GET", "PUT", "POST", "DELETE", "HEAD", "PATCH");
const body = fc.uint8Array({ minLength: 1, maxLength: 64 });

function s3Spec(m: string, bucketKey: string[], q: [string, string][], h: Record<string, string>, b?: Uint8Array, creds?: Spec["creds"]): Spec {
  return { service: "s3", region: "us-east-1", method: m, host: "s3.us-east-1.amazonaws.com", segments: ["bucket", ...bucketKey], query: q, headers: h, body: m === "GET" || m === "HEAD" ? undefined : b, date: NOW, creds };
}

function apiSpec(service: string, m: string, segs: string[], q: [string, string][], h: Record<string, string>, b?: Uint8Array): Spec {
  return { service, region: "eu-west-1", method: m, host: `${service}.example.com`, segments: segs, query: q, headers: h, body: m === "GET" || m === "HEAD" ? undefined : b, date: NOW };
}

describe("requests signed by @smithy/signature-v4 and aws4fetch verify", () => {
  it("smithy, header form, S3: random methods, keys, queries, headers, bodies, long-term and temporary keys", async () => {
    await fc.assert(fc.asyncProperty(method, s3Key, query, metaHeaders, body, fc.boolean(), async (m, key, q, h, b, temp) => {
      const spec = s3Spec(m, key, q, h, b, temp ? TEMP : undefined);
      const r = await verify(await smithySign(spec));
      expect(r.ok, JSON.stringify(r)).toBe(true);
      if (r.ok) expect((await text(r.body)).bytes).toEqual(spec.body ?? new Uint8Array(0));
    }), { numRuns: 60 });
  });

  it("smithy, presigned, S3 (the s3-request-presigner's UNSIGNED-PAYLOAD)", async () => {
    await fc.assert(fc.asyncProperty(fc.constantFrom("GET", "PUT"), s3Key, query, fc.boolean(), async (m, key, q, temp) => {
      const r = await verify(await smithySign(s3Spec(m, key, q, {}, undefined, temp ? TEMP : undefined), { expiresIn: 3600 }));
      expect(r.ok, JSON.stringify(r)).toBe(true);
      if (r.ok) expect(r.presigned && r.expiresAt?.getTime()).toBe(NOW.getTime() + 3600_000);
    }), { numRuns: 40 });
  });

  it("smithy, header and presigned forms, execute-api and sts (double-encoded paths, hashed bodies)", async () => {
    await fc.assert(fc.asyncProperty(fc.constantFrom("execute-api", "sts"), method, s3Key, query, metaHeaders, body, fc.boolean(), async (svc, m, segs, q, h, b, presign) => {
      const spec = apiSpec(svc, m, segs, q, h, b);
      const r = await verify(await smithySign(spec, presign ? { expiresIn: 600 } : undefined));
      expect(r.ok, JSON.stringify(r)).toBe(true);
      if (r.ok) expect((await text(r.body)).bytes).toEqual(spec.body ?? new Uint8Array(0));
    }), { numRuns: 60 });
  });

  it("aws4fetch, header and query forms, S3 and execute-api", async () => {
    await fc.assert(fc.asyncProperty(fc.constantFrom("s3", "execute-api"), method, s3Key, query, metaHeaders, body, fc.boolean(), fc.boolean(), async (svc, m, key, q, h, b, signQuery, temp) => {
      const spec = svc === "s3" ? s3Spec(m, key, q, h, b, temp ? TEMP : undefined) : { ...apiSpec(svc, m, key, q, h, b), creds: temp ? TEMP : undefined };
      const r = await verify(await aws4fetchSign(spec, signQuery));
      expect(r.ok, JSON.stringify(r)).toBe(true);
    }), { numRuns: 60 });
  });

  it("the signing key cache stays bounded across many secrets and dates", async () => {
    const { signingKeyCacheSize, SIGNING_KEY_CACHE_SIZE } = await import("../../../js/edge/sigv4/signing-key.ts");
    for (let i = 0; i < 40; i++) {
      const secret = `secret-${i}`.padEnd(40, "x");
      const id = `AKIDMANY${String(i).padStart(8, "0")}`;
      keys.set(id, { secretAccessKey: secret });
      const r = await verify(await smithySign({ ...s3Spec("GET", ["k"], [], {}), creds: { accessKeyId: id, secretAccessKey: secret } }));
      expect(r.ok).toBe(true);
    }
    expect(signingKeyCacheSize()).toBeLessThanOrEqual(SIGNING_KEY_CACHE_SIZE);
  });
});

/** Each way of changing a signed request, and the codes it may fail with. */
/** Replaces in the Authorization header, when there is one. */
function inAuthorization(s: Signed, from: RegExp | string, to: string | ((...m: string[]) => string)): Record<string, string> {
  return s.headers.authorization === undefined ? s.headers : { ...s.headers, authorization: s.headers.authorization.replace(from, to as string) };
}

const TAMPERS: { name: string; change(s: Signed): Signed; codes: string[] }[] = [
  { name: "method", change: (s) => ({ ...s, method: s.method === "PUT" ? "POST" : "PUT" }), codes: ["SignatureDoesNotMatch"] },
  { name: "path", change: (s) => ({ ...s, url: s.url.replace(/(\/[^/?]*)(\?|$)/, "$1x$2") }), codes: ["SignatureDoesNotMatch"] },
  { name: "added query parameter", change: (s) => ({ ...s, url: s.url + (s.url.includes("?") ? "&" : "?") + "extra=1" }), codes: ["SignatureDoesNotMatch"] },
  { name: "query value", change: (s) => ({ ...s, url: s.url.replace("q=one", "q=two") }), codes: ["SignatureDoesNotMatch"] },
  // Presigned, the x-amz-meta header was hoisted into the signed query: sent again as a header, it is an unsigned one.
  { name: "signed header value", change: (s) => ({ ...s, headers: { ...s.headers, "x-amz-meta-a": "changed" } }), codes: ["SignatureDoesNotMatch", "AccessDenied"] },
  { name: "date", change: (s) => ({ ...s, headers: s.headers["x-amz-date"] ? { ...s.headers, "x-amz-date": "20260301T120001Z" } : s.headers, url: s.url.replace("20260301T120000Z", "20260301T120001Z") }), codes: ["SignatureDoesNotMatch"] },
  { name: "scope region", change: (s) => ({ ...s, headers: inAuthorization(s, "/us-east-1/", "/us-west-2/"), url: s.url.replace("%2Fus-east-1%2F", "%2Fus-west-2%2F") }), codes: ["SignatureDoesNotMatch"] },
  { name: "signature", change: (s) => ({ ...s, headers: inAuthorization(s, /.$/, (c) => (c === "0" ? "1" : "0")), url: s.url.replace(/(X-Amz-Signature=[0-9a-f]{63})(.)/, (_m, a, c) => a + (c === "0" ? "1" : "0")) }), codes: ["SignatureDoesNotMatch"] },
  { name: "unsigned x-amz header added", change: (s) => ({ ...s, headers: { ...s.headers, "x-amz-meta-sneaky": "1" } }), codes: ["AccessDenied"] },
  { name: "access key", change: (s) => ({ ...s, headers: inAuthorization(s, CREDS.accessKeyId, "AKIDUNKNOWN00000"), url: s.url.replace(CREDS.accessKeyId, "AKIDUNKNOWN00000") }), codes: ["InvalidAccessKeyId"] },
];

describe("tampering with any part of a signed request fails", () => {
  for (const form of ["header", "presigned"] as const) {
    for (const t of TAMPERS) {
      it(`${form}: ${t.name}`, async () => {
        const spec = s3Spec("PUT", ["dir", "a b+c"], [["q", "one"]], { "x-amz-meta-a": "original" });
        const signed = await smithySign(spec, form === "presigned" ? { expiresIn: 900 } : undefined);
        if (form === "presigned") delete signed.headers["x-amz-meta-a"];
        expect((await verify(signed)).ok).toBe(true);
        const changed = t.change(signed);
        if (JSON.stringify(changed) === JSON.stringify(signed)) return; // nothing to change in this form
        const r = await verify(changed);
        expect(r.ok).toBe(false);
        if (!r.ok) expect(t.codes).toContain(r.code);
      });
    }
  }

  it("a changed body of a hashed S3 PUT errors the stream with XAmzContentSHA256Mismatch", async () => {
    const b = new TextEncoder().encode("the original body");
    const spec = s3Spec("PUT", ["k"], [], { "x-amz-content-sha256": await hex(b) }, b);
    const signed = await smithySign(spec);
    const r = await verify({ ...signed, body: new TextEncoder().encode("the changed body!") });
    expect(r.ok).toBe(true);
    if (r.ok) expect((await text(r.body)).error).toBe("XAmzContentSHA256Mismatch");
  });

  it("a changed body of an STS POST (hash signed, no header) is SignatureDoesNotMatch", async () => {
    const b = new TextEncoder().encode("Action=GetCallerIdentity&Version=2011-06-15");
    const signed = await smithySign({ ...apiSpec("sts", "POST", [""], [], { "content-type": "application/x-www-form-urlencoded" }, b) }, undefined, false);
    expect((await verify(signed)).ok).toBe(true);
    const r = await verify({ ...signed, body: new TextEncoder().encode("Action=GetCallerIdentity&Version=2011-06-16") });
    expect(r.ok ? "ok" : r.code).toBe("SignatureDoesNotMatch");
  });

  it("a removed session token of temporary credentials is refused", async () => {
    const signed = await smithySign(s3Spec("GET", ["k"], [], {}, undefined, TEMP));
    const headers = { ...signed.headers };
    delete headers["x-amz-security-token"];
    const r = await verify({ ...signed, headers });
    expect(r.ok ? "ok" : r.code).toBe("InvalidToken");
  });
});

async function hex(b: Uint8Array): Promise<string> {
  return [...new Uint8Array(await crypto.subtle.digest("SHA-256", b as Uint8Array<ArrayBuffer>))].map((x) => x.toString(16).padStart(2, "0")).join("");
}

describe("S3 keys with dot segments (docs/edge.md, Normalization)", () => {
  it("verify with the raw path given, and not from a Request whose URL parser removed the segments", async () => {
    const spec = s3Spec("GET", ["a", "..", "b", ".", "c"], [], {});
    const signed = await smithySign(spec);
    const rawPath = "/bucket/a/../b/./c";
    expect(new URL(signed.url).pathname).toBe("/bucket/b/c");
    expect((await verify(signed)).ok ? "ok" : "refused").toBe("refused");
    expect((await verify(signed, { path: rawPath })).ok).toBe(true);
  });
});
