/**
 * @module test/unit/edge/streaming.test
 * The payload modes current SDKs send: STREAMING-UNSIGNED-PAYLOAD-TRAILER (aws-chunked, unsigned
 * chunks, a checksum trailer; the AWS SDKs' and CLI's default since 2025) with each algorithm,
 * checksums in a header, BadDigest, malformed and oversized chunks, length mismatches, and that
 * the decoder holds at most one chunk: it reads the source no further than the consumer asks.
 */
import { describe, expect, it } from "vitest";
import { verifySigV4 } from "../../../js/edge/index.ts";
import { checksumByAlgorithm } from "../../../js/edge/checksums/algorithms.ts";
import { smithySign, toServerRequest, type Spec } from "./signers.ts";
import { CREDS } from "./signers.ts";

const NOW = new Date("2026-03-01T12:00:00Z");
const credentials = async () => ({ secretAccessKey: CREDS.secretAccessKey });
const enc = new TextEncoder();

function b64(alg: string, data: Uint8Array): string {
  const h = checksumByAlgorithm(alg)!.create();
  h.update(data);
  return btoa(String.fromCharCode(...h.digest()));
}

/** The SDK's aws-chunked body: `<hex>\r\n<data>\r\n` per piece, `0\r\n`, the trailer, `\r\n`. */
function chunked(pieces: Uint8Array[], trailer: string): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const p of pieces) parts.push(enc.encode(`${p.length.toString(16)}\r\n`), p, enc.encode("\r\n"));
  parts.push(enc.encode(`0\r\n${trailer}\r\n`));
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) { out.set(p, at); at += p.length; }
  return out;
}

async function upload(data: Uint8Array, pieces: Uint8Array[], trailer: string, alg = "CRC32", extra: Record<string, string> = {}) {
  const spec: Spec = {
    service: "s3", region: "us-east-1", method: "PUT", host: "s3.example.com", segments: ["b", "k"], query: [], date: NOW,
    headers: {
      "x-amz-content-sha256": "STREAMING-UNSIGNED-PAYLOAD-TRAILER", "content-encoding": "aws-chunked",
      "x-amz-decoded-content-length": String(data.length), "x-amz-trailer": `x-amz-checksum-${alg.toLowerCase()}`,
      "x-amz-sdk-checksum-algorithm": alg, ...extra,
    },
    body: chunked(pieces, trailer),
  };
  return verifySigV4(toServerRequest(await smithySign(spec)), { credentials, now: NOW });
}

async function read(body: ReadableStream<Uint8Array> | null): Promise<{ data: string; error?: string }> {
  const reader = body!.getReader();
  let data = "";
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return { data };
      data += new TextDecoder().decode(value);
    }
  } catch (err) {
    return { data, error: (err as { code?: string }).code };
  }
}

describe("STREAMING-UNSIGNED-PAYLOAD-TRAILER", () => {
  const data = enc.encode("hello, aws-chunked world");
  const pieces = [data.subarray(0, 5), data.subarray(5, 17), data.subarray(17)];

  for (const alg of ["CRC32", "CRC32C", "CRC64NVME", "SHA1", "SHA256"]) {
    it(`decodes and checks a ${alg} trailer`, async () => {
      const r = await upload(data, pieces, `x-amz-checksum-${alg.toLowerCase()}:${b64(alg, data)}\r\n`, alg);
      expect(r).toMatchObject({ ok: true, decodedContentLength: data.length, checksum: { algorithm: alg, location: "trailer" } });
      if (r.ok) expect(await read(r.body)).toEqual({ data: "hello, aws-chunked world" });
    });
  }

  it("a wrong trailer checksum is BadDigest; a missing or undeclared trailer is MalformedTrailerError", async () => {
    const wrong = await upload(data, pieces, `x-amz-checksum-crc32:${b64("CRC32", enc.encode("other"))}\r\n`);
    expect(wrong.ok && (await read(wrong.body)).error).toBe("BadDigest");
    const missing = await upload(data, pieces, "");
    expect(missing.ok && (await read(missing.body)).error).toBe("MalformedTrailerError");
    const undeclared = await upload(data, pieces, `x-amz-checksum-crc32:${b64("CRC32", data)}\r\nx-amz-meta-x:1\r\n`);
    expect(undeclared.ok && (await read(undeclared.body)).error).toBe("MalformedTrailerError");
    const badValue = await upload(data, pieces, "x-amz-checksum-crc32:notbase64!\r\n");
    expect(badValue.ok && (await read(badValue.body)).error).toBe("InvalidRequest");
  });

  it("a decoded length other than x-amz-decoded-content-length is IncompleteBody", async () => {
    const r = await upload(data, pieces.slice(0, 2), `x-amz-checksum-crc32:${b64("CRC32", data)}\r\n`);
    expect(r.ok && (await read(r.body)).error).toBe("IncompleteBody");
  });

  it("a chunk above maxChunkSize, a bad chunk header or a chunk signature in an unsigned stream is refused", async () => {
    const spec = (body: Uint8Array): Spec => ({
      service: "s3", region: "us-east-1", method: "PUT", host: "s3.example.com", segments: ["b", "k"], query: [], date: NOW, body,
      headers: { "x-amz-content-sha256": "STREAMING-UNSIGNED-PAYLOAD-TRAILER", "content-encoding": "aws-chunked", "x-amz-decoded-content-length": "100000" },
    });
    const big = await verifySigV4(toServerRequest(await smithySign(spec(enc.encode("186a0\r\n")))), { credentials, now: NOW, maxChunkSize: 65536 });
    expect(big.ok && (await read(big.body)).error).toBe("InvalidRequest");
    const garbage = await verifySigV4(toServerRequest(await smithySign(spec(enc.encode("zz\r\n")))), { credentials, now: NOW });
    expect(garbage.ok && (await read(garbage.body)).error).toBe("InvalidRequest");
    const signedLine = await verifySigV4(toServerRequest(await smithySign(spec(enc.encode(`5;chunk-signature=${"0".repeat(64)}\r\n`)))), { credentials, now: NOW });
    expect(signedLine.ok && (await read(signedLine.body)).error).toBe("InvalidRequest");
    const longLine = await verifySigV4(toServerRequest(await smithySign(spec(enc.encode("1".repeat(5000))))), { credentials, now: NOW });
    expect(longLine.ok && (await read(longLine.body)).error).toBe("InvalidRequest");
  });

  it("reads the source only as far as the consumer has asked (one chunk of memory)", async () => {
    const chunk = new Uint8Array(65536).fill(0x78);
    const count = 64;
    let pulled = 0;
    const head = enc.encode(`${chunk.length.toString(16)}\r\n`);
    const source = new ReadableStream<Uint8Array>({
      pull(c) {
        if (pulled >= count) {
          c.enqueue(enc.encode("0\r\n\r\n"));
          return c.close();
        }
        pulled++;
        const piece = new Uint8Array(head.length + chunk.length + 2);
        piece.set(head);
        piece.set(chunk, head.length);
        piece.set([13, 10], head.length + chunk.length);
        c.enqueue(piece);
      },
    }, { highWaterMark: 0 });
    const spec: Spec = {
      service: "s3", region: "us-east-1", method: "PUT", host: "s3.example.com", segments: ["b", "big"], query: [], date: NOW,
      headers: { "x-amz-content-sha256": "STREAMING-UNSIGNED-PAYLOAD-TRAILER", "content-encoding": "aws-chunked", "x-amz-decoded-content-length": String(count * chunk.length) },
    };
    const signed = await smithySign(spec);
    const r = await verifySigV4({ method: "PUT", url: signed.url, headers: new Headers(signed.headers), body: source }, { credentials, now: NOW });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const reader = r.body!.getReader();
    let total = 0;
    for (let i = 0; i < 3; i++) total += (await reader.read()).value!.length;
    expect(total).toBe(3 * 65536);
    expect(pulled).toBeLessThanOrEqual(4);
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      total += value.length;
    }
    expect(total).toBe(count * chunk.length);
    expect(pulled).toBe(count);
  });
});

describe("checksums in a header", () => {
  it("x-amz-checksum-crc32c over an UNSIGNED-PAYLOAD body: checked, BadDigest when wrong", async () => {
    const body = enc.encode("payload");
    const go = async (value: string) => {
      const spec: Spec = { service: "s3", region: "us-east-1", method: "PUT", host: "s3.example.com", segments: ["b", "k"], query: [], date: NOW, body,
        headers: { "x-amz-content-sha256": "UNSIGNED-PAYLOAD", "x-amz-checksum-crc32c": value } };
      return verifySigV4(toServerRequest(await smithySign(spec)), { credentials, now: NOW });
    };
    const good = await go(b64("CRC32C", body));
    expect(good).toMatchObject({ ok: true, checksum: { algorithm: "CRC32C", location: "header" } });
    expect(good.ok && (await read(good.body))).toEqual({ data: "payload" });
    const bad = await go(b64("CRC32C", enc.encode("other")));
    expect(bad.ok && (await read(bad.body)).error).toBe("BadDigest");
    expect(await go("AAAA")).toMatchObject({ ok: false, code: "InvalidRequest", message: "Value for x-amz-checksum-crc32c header is invalid." });
  });
});
