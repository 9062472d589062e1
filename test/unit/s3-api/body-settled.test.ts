/**
 * @module test/unit/s3-api/body-settled.test
 * Every S3 request leaves its body settled, whatever the operation did with it: a
 * CreateMultipartUpload (whose body the gateway never reads) and a refused PutObject end with
 * the request's stream read to its end and unlocked, and a refused upload larger than the
 * discard limit is cancelled rather than read whole. (wrangler dev reported the first as
 * "Failed to drain the unused request body … locked".)
 */
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CreateBucketCommand } from "@aws-sdk/client-s3";
import { SignatureV4 } from "@smithy/signature-v4";
import { Sha256 } from "@aws-crypto/sha256-js";
import { handleS3 } from "../../../js/edge/s3-api/handler.ts";
import { A, REGION, createUser, rootKey, startGateway, type Creds, type Gateway } from "./harness.ts";
import { recordingStream } from "../edge/recording-stream.ts";

let g: Gateway;
let root: Creds;
let bob: Creds;
const BUCKET = "settled";

beforeAll(async () => {
  g = await startGateway();
  root = await rootKey(g, A);
  bob = await createUser(g, A, "bob");
  await g.client(root).send(new CreateBucketCommand({ Bucket: BUCKET }));
});
afterAll(() => g?.stop());


/** A signed request whose body is `stream` (the payload hash signed over `bytes`). */
async function signed(creds: Creds, method: string, path: string, bytes: Uint8Array, stream: ReadableStream<Uint8Array>): Promise<Request> {
  const url = new URL(path, g.origin);
  const signer = new SignatureV4({ service: "s3", region: REGION, credentials: creds, sha256: Sha256, uriEscapePath: false });
  const hash = createHash("sha256").update(bytes).digest("hex");
  const s = await signer.sign({
    method, protocol: "http:", hostname: url.hostname, port: Number(url.port), path: url.pathname, query: Object.fromEntries(url.searchParams),
    headers: { host: url.host, "x-amz-content-sha256": hash, "content-length": String(bytes.length) },
  });
  return new Request(url, { method, headers: s.headers as Record<string, string>, body: stream, duplex: "half" } as RequestInit);
}

describe("request bodies are settled", () => {
  it("CreateMultipartUpload: the unread (empty) body is read to its end and unlocked", async () => {
    const b = recordingStream([]);
    const request = await signed(root, "POST", `/${BUCKET}/k?uploads`, new Uint8Array(0), b.stream);
    const response = await handleS3(request, g.options, { path: `/${BUCKET}/k` });
    expect(response.status).toBe(200);
    expect(request.body!.locked).toBe(false);
    expect(b.state.ended).toBe(true);
  });

  it("a PutObject refused before its body is read: the small body is read through and unlocked", async () => {
    const data = new TextEncoder().encode("denied bytes");
    const b = recordingStream([data]);
    const request = await signed(bob, "PUT", `/${BUCKET}/k`, data, b.stream);
    const response = await handleS3(request, g.options, { path: `/${BUCKET}/k` });
    expect(response.status).toBe(403);
    expect(request.body!.locked).toBe(false);
    expect(b.state.ended).toBe(true);
    expect(b.state.cancelled).toBe(false);
  });

  it("a refused upload past the discard limit (1 MiB) is cancelled, not read whole", async () => {
    const pieces = Array.from({ length: 8 }, () => new Uint8Array(256 * 1024));
    const all = new Uint8Array(8 * 256 * 1024);
    const b = recordingStream(pieces);
    const request = await signed(bob, "PUT", `/${BUCKET}/big`, all, b.stream);
    const response = await handleS3(request, g.options, { path: `/${BUCKET}/big` });
    expect(response.status).toBe(403);
    expect(request.body!.locked).toBe(false);
    expect(b.state.cancelled).toBe(true);
    expect(b.state.pulled).toBeLessThan(pieces.length);
  });
});
