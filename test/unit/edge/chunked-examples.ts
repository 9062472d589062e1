/**
 * @module test/unit/edge/chunked-examples
 * The chunked-upload examples of AWS's S3 API Reference, as framework-free tests (Node, workerd,
 * Chromium): "Signature Calculations for the Authorization Header: Transferring Payload in
 * Multiple Chunks" (PUT of 66560 bytes of `a` in chunks of 64 KiB and 1 KiB; seed signature
 * 4f232c43..., chunk signatures ad80c730..., 0055627c..., b6c6ea8a...) and "...: Including
 * Trailing Headers" (the same upload with an `x-amz-checksum-crc32c` trailer `sOO8/Q==`;
 * seed 106e2a8a..., chunks b474d886..., 1c1344b1..., 2ca2aba2..., trailer d81f82fc...).
 * Each verifies and decodes; a changed chunk, chunk signature, trailer value or trailer
 * signature makes the body stream error with SignatureDoesNotMatch before that data is seen.
 */
import { equal, ok } from "../../shared/assert.ts";
import type { EdgeTest } from "./sigv4-vectors.ts";
import type { RequestLike } from "./request-text.ts";

type Verify = (request: RequestLike, options: Record<string, unknown>) => Promise<{ ok: boolean; code?: string; message?: string; body?: ReadableStream<Uint8Array> | null; checksum?: { algorithm: string; location: string } }>;

const SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
const NOW = new Date("2013-05-24T00:00:00Z");
const credentials = async ({ accessKeyId }: { accessKeyId: string }) => (accessKeyId === "AKIAIOSFODNN7EXAMPLE" ? { secretAccessKey: SECRET } : undefined);

const latin1 = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));

function body(parts: (string | number)[]): Uint8Array {
  // A number n stands for n bytes of "a".
  const pieces = parts.map((p) => (typeof p === "number" ? new Uint8Array(p).fill(0x61) : latin1(p)));
  const out = new Uint8Array(pieces.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of pieces) { out.set(p, at); at += p.length; }
  return out;
}

/** A stream that hands the bytes out in pieces of `piece` bytes (as a network would). */
function streamOf(bytes: Uint8Array, piece = 8192): ReadableStream<Uint8Array> {
  let at = 0;
  return new ReadableStream({
    pull(c) {
      if (at >= bytes.length) return c.close();
      c.enqueue(bytes.slice(at, at + piece));
      at += piece;
    },
  });
}

function request(headers: Record<string, string>, payload: Uint8Array): RequestLike {
  return { method: "PUT", url: "https://s3.amazonaws.com/examplebucket/chunkObject.txt", headers: new Headers(headers), body: streamOf(payload) };
}

const SIGNED_HEADERS = {
  host: "s3.amazonaws.com", "x-amz-date": "20130524T000000Z", "x-amz-storage-class": "REDUCED_REDUNDANCY",
  "x-amz-content-sha256": "STREAMING-AWS4-HMAC-SHA256-PAYLOAD", "content-encoding": "aws-chunked",
  "x-amz-decoded-content-length": "66560", "content-length": "66824",
  authorization: "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,SignedHeaders=content-encoding;content-length;host;x-amz-content-sha256;x-amz-date;x-amz-decoded-content-length;x-amz-storage-class,Signature=4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9",
};
const C1 = "ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648";
const C2 = "0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497";
const C3 = "b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9";
const signedBody = (c1 = C1, c2 = C2, c3 = C3, second: string | number = 1024) =>
  body([`10000;chunk-signature=${c1}\r\n`, 65536, `\r\n400;chunk-signature=${c2}\r\n`, second, `\r\n0;chunk-signature=${c3}\r\n\r\n`]);

const TRAILER_HEADERS = {
  host: "s3.amazonaws.com", "x-amz-date": "20130524T000000Z", "x-amz-storage-class": "REDUCED_REDUNDANCY",
  "x-amz-content-sha256": "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER", "content-encoding": "aws-chunked",
  "x-amz-decoded-content-length": "66560", "x-amz-trailer": "x-amz-checksum-crc32c",
  authorization: "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,SignedHeaders=content-encoding;host;x-amz-content-sha256;x-amz-date;x-amz-decoded-content-length;x-amz-storage-class;x-amz-trailer,Signature=106e2a8a18243abcf37539882f36619c00e2dfc72633413f02d3b74544bfeb8e",
};
const T1 = "b474d8862b1487a5145d686f57f013e54db672cee1c953b3010fb58501ef5aa2";
const T2 = "1c1344b170168f8e65b41376b44b20fe354e373826ccbbe2c1d40a8cae51e5c7";
const T3 = "2ca2aba2005185cf7159c6277faf83795951dd77a3a99e6e65d5c9f85863f992";
const TS = "d81f82fc3505edab99d459891051a732e8730629a2e4a59689829ca17fe2e435";
const trailerBody = (crc = "sOO8/Q==", sig = TS) =>
  body([`10000;chunk-signature=${T1}\r\n`, 65536, `\r\n400;chunk-signature=${T2}\r\n`, 1024, `\r\n0;chunk-signature=${T3}\r\n`,
    `x-amz-checksum-crc32c:${crc}\r\n`, `x-amz-trailer-signature:${sig}\r\n`, "\r\n"]);

/** Reads the body: the bytes delivered before the end or the error, and the error's code. */
async function consume(stream: ReadableStream<Uint8Array> | null | undefined): Promise<{ bytes: number; allA: boolean; error?: string }> {
  const reader = stream!.getReader();
  let bytes = 0;
  let allA = true;
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return { bytes, allA };
      bytes += value.length;
      if (value.some((b) => b !== 0x61)) allA = false;
    }
  } catch (err) {
    return { bytes, allA, error: (err as { code?: string }).code ?? String(err) };
  }
}

export function chunkedExampleTests(verify: Verify): EdgeTest[] {
  const run = (headers: Record<string, string>, payload: Uint8Array) => verify(request(headers, payload), { credentials, now: NOW });
  return [
    {
      name: "S3 chunked example: the seed and every chunk signature verify; 66560 bytes of 'a' come out",
      fn: async () => {
        const r = await run(SIGNED_HEADERS, signedBody());
        ok(r.ok, `${r.code}: ${r.message}`);
        const out = await consume(r.body);
        equal(out.error, undefined, "stream error");
        equal(out.bytes, 66560, "decoded bytes");
        ok(out.allA, "decoded data");
      },
    },
    {
      name: "S3 chunked example: a changed byte in the second chunk errors the stream before that chunk is delivered",
      fn: async () => {
        const r = await run(SIGNED_HEADERS, signedBody(C1, C2, C3, "b" + "a".repeat(1023)));
        ok(r.ok, "the seed signature still verifies");
        const out = await consume(r.body);
        equal(out.error, "SignatureDoesNotMatch", "stream error");
        equal(out.bytes, 65536, "only the first (verified) chunk was delivered");
      },
    },
    {
      name: "S3 chunked example: a wrong first chunk signature delivers nothing",
      fn: async () => {
        const r = await run(SIGNED_HEADERS, signedBody(C2, C2, C3));
        const out = await consume(r.body);
        equal(out.error, "SignatureDoesNotMatch", "stream error");
        equal(out.bytes, 0, "bytes delivered");
      },
    },
    {
      name: "S3 chunked example: chunks in another order (the chain) and a missing final chunk fail",
      fn: async () => {
        const swapped = await consume((await run(SIGNED_HEADERS, signedBody(C1, C3, C2))).body);
        equal(swapped.error, "SignatureDoesNotMatch", "swapped signatures");
        const full = signedBody();
        const truncated = await consume((await run(SIGNED_HEADERS, full.subarray(0, full.length - 90))).body);
        equal(truncated.error, "IncompleteBody", "truncated body");
      },
    },
    {
      name: "S3 chunked example: a changed seed signature is SignatureDoesNotMatch at once",
      fn: async () => {
        const headers = { ...SIGNED_HEADERS, authorization: SIGNED_HEADERS.authorization.replace(/a9$/, "aa") };
        const r = await run(headers, signedBody());
        equal(r.code, "SignatureDoesNotMatch", "code");
      },
    },
    {
      name: "S3 trailer example: chunks, the CRC32C trailer sOO8/Q== and the trailer signature verify",
      fn: async () => {
        const r = await run(TRAILER_HEADERS, trailerBody());
        ok(r.ok, `${r.code}: ${r.message}`);
        equal(r.checksum?.algorithm, "CRC32C", "checksum algorithm");
        equal(r.checksum?.location, "trailer", "checksum location");
        const out = await consume(r.body);
        equal(out.error, undefined, "stream error");
        equal(out.bytes, 66560, "decoded bytes");
      },
    },
    {
      name: "S3 trailer example: a changed trailer value or trailer signature errors the stream",
      fn: async () => {
        const value = await consume((await run(TRAILER_HEADERS, trailerBody("AAAAAA=="))).body);
        equal(value.error, "SignatureDoesNotMatch", "changed trailer value");
        const sig = await consume((await run(TRAILER_HEADERS, trailerBody("sOO8/Q==", TS.replace(/5$/, "6")))).body);
        equal(sig.error, "SignatureDoesNotMatch", "changed trailer signature");
      },
    },
  ];
}
