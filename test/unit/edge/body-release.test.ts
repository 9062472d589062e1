/**
 * @module test/unit/edge/body-release.test
 * The verified body never leaves the request's stream locked and unread: the verifier takes its
 * source's reader only once the body is read, reads an aws-chunked source to its very end (past
 * the last chunk and the trailer) and gives the reader back there, and a cancelled body cancels
 * its source. A body left locked and unread is what wrangler dev reports as "Failed to drain the
 * unused request body … locked", and what keeps a runtime from settling the request's
 * connection. Also `discardUnread`, which settles a body nobody read.
 */
import { describe, expect, it } from "vitest";
import { verifySigV4 } from "../../../js/edge/index.ts";
import { discardUnread } from "../../../js/edge/streams/discard.ts";
import { smithySign, CREDS, type Spec } from "./signers.ts";
import { recordingStream } from "./recording-stream.ts";

const NOW = new Date("2026-03-01T12:00:00Z");
const credentials = async () => ({ secretAccessKey: CREDS.secretAccessKey });
const enc = new TextEncoder();
const EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";


async function verify(headers: Record<string, string>, body: ReadableStream<Uint8Array>) {
  const spec: Spec = { service: "s3", region: "us-east-1", method: "PUT", host: "s3.example.com", segments: ["b", "k"], query: [], date: NOW, headers };
  const signed = await smithySign(spec);
  const r = await verifySigV4({ method: "PUT", url: signed.url, headers: new Headers(signed.headers), body }, { credentials, now: NOW });
  if (!r.ok) throw new Error(`${r.code}: ${r.message}`);
  return r.body!;
}

/** Reads a body to its end (a reader, whose `closed` promise is observed: workerd reports an errored stream's unobserved one as an unhandled rejection). */
async function readAll(body: ReadableStream<Uint8Array>): Promise<string> {
  const reader = body.getReader();
  reader.closed.catch(() => undefined);
  let text = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return text;
    text += new TextDecoder().decode(value);
  }
}

const chunkedHeaders = (decoded: number) => ({
  "x-amz-content-sha256": "STREAMING-UNSIGNED-PAYLOAD-TRAILER", "content-encoding": "aws-chunked",
  "x-amz-decoded-content-length": String(decoded), "x-amz-trailer": "x-amz-checksum-crc32",
});
// CRC32 of "hello world" (base64), as the SDK sends it in the trailer.
const HELLO = [enc.encode("b\r\nhello world\r\n"), enc.encode("0\r\nx-amz-checksum-crc32:DUoRhQ==\r\n"), enc.encode("\r\n")];

describe("the verified body and its source", () => {
  it("a body nobody reads leaves the request's stream unlocked (the hash and the chunked modes)", async () => {
    const plain = recordingStream([]);
    await verify({ "x-amz-content-sha256": EMPTY_SHA256 }, plain.stream);
    expect(plain.stream.locked).toBe(false);
    const chunked = recordingStream(HELLO);
    await verify(chunkedHeaders(11), chunked.stream);
    expect(chunked.stream.locked).toBe(false);
  });

  it("an aws-chunked body read to its end has read its source to the end (after the trailer's CRLF) and released it", async () => {
    const s = recordingStream(HELLO);
    expect(await readAll(await verify(chunkedHeaders(11), s.stream))).toBe("hello world");
    expect(s.state.pulled).toBe(HELLO.length);
    expect(s.state.ended).toBe(true);
    expect(s.stream.locked).toBe(false);
  });

  it("a body checked against its SHA-256 releases its source at the end, and on a mismatch", async () => {
    const s = recordingStream([]);
    expect(await readAll(await verify({ "x-amz-content-sha256": EMPTY_SHA256 }, s.stream))).toBe("");
    expect(s.stream.locked).toBe(false);
    const wrong = recordingStream([enc.encode("not empty")]);
    await expect(readAll(await verify({ "x-amz-content-sha256": EMPTY_SHA256 }, wrong.stream))).rejects.toMatchObject({ code: "XAmzContentSHA256Mismatch" });
    expect(wrong.stream.locked).toBe(false);
  });

  it("cancelling the body cancels its source, read or not, and releases it", async () => {
    const unread = recordingStream(HELLO);
    await (await verify(chunkedHeaders(11), unread.stream)).cancel();
    expect(unread.state.cancelled).toBe(true);
    expect(unread.stream.locked).toBe(false);
    const started = recordingStream(HELLO);
    const body = await verify(chunkedHeaders(11), started.stream);
    const reader = body.getReader();
    await reader.read();
    await reader.cancel();
    expect(started.state.cancelled).toBe(true);
    expect(started.stream.locked).toBe(false);
  });
});

describe("discardUnread", () => {
  it("reads a small body to its end and leaves it unlocked", async () => {
    const s = recordingStream([enc.encode("a"), enc.encode("b")]);
    await discardUnread(s.stream, 16);
    expect(s.state.ended).toBe(true);
    expect(s.state.cancelled).toBe(false);
    expect(s.stream.locked).toBe(false);
  });

  it("cancels a body past the limit instead of reading it whole", async () => {
    const s = recordingStream(Array.from({ length: 10 }, () => new Uint8Array(10)));
    await discardUnread(s.stream, 25);
    expect(s.state.cancelled).toBe(true);
    expect(s.state.pulled).toBe(3);
    expect(s.stream.locked).toBe(false);
  });

  it("settles a body that fails its own check, and leaves a body someone is reading alone", async () => {
    const wrong = recordingStream([enc.encode("not empty")]);
    await expect(discardUnread(await verify({ "x-amz-content-sha256": EMPTY_SHA256 }, wrong.stream))).resolves.toBeUndefined();
    expect(wrong.stream.locked).toBe(false);
    const held = recordingStream([enc.encode("x")]);
    const reader = held.stream.getReader();
    await discardUnread(held.stream);
    expect(held.state.pulled).toBe(0);
    reader.releaseLock();
  });
});
