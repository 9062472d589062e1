#!/usr/bin/env node
/**
 * @module test/s3-e2e/keepalive-race
 * A diagnostic, not a test (not in CI): shows the wrangler dev race behind the S3 e2e's rare 503
 * "Your worker restarted mid-request". wrangler's ProxyWorker pools keep-alive connections to
 * workerd; both ends drop an idle one after 5 s (kj's client idle timeout, server pipeline
 * timeout), so a request written on a connection idle about 5 s can meet the close, and wrangler
 * 4.84 answers a non-GET that fails so with that 503. Here: two tiny PutObjects (no checksum, no
 * body left unread) `d` seconds apart, for d over a range near 5 s; typically one in 15-20 fails.
 * Usage: node test/s3-e2e/keepalive-race.mjs [from,to,step]   (default 4.97,5.00,0.002)
 */
import { CreateBucketCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startServer } from "../edge-e2e/server.mjs";
import { s3 } from "./clients.mjs";

const root = { accessKeyId: "AKIAS3E2EROOTKEYAAAA", secretAccessKey: "s3e2eRootSecret0000000000000000000000000" };
const stateDir = mkdtempSync(join(tmpdir(), "iam-edge-keepalive-"));
const server = await startServer({ vars: { IAM_EDGE_ROOT_ACCESS_KEY_ID: root.accessKeyId, IAM_EDGE_ROOT_SECRET_ACCESS_KEY: root.secretAccessKey }, stateDir });
const client = s3(server.origin, root, { checksums: false });
const [from, to, step] = (process.argv[2] ?? "4.97,5.00,0.002").split(",").map(Number);
let failed = 0;
let runs = 0;
try {
  await client.send(new CreateBucketCommand({ Bucket: "keepalive" }));
  for (let d = from; d <= to + 1e-9; d += step) {
    runs++;
    await client.send(new PutObjectCommand({ Bucket: "keepalive", Key: "a", Body: "x" }));
    await new Promise((r) => setTimeout(r, d * 1000));
    const outcome = await client.send(new PutObjectCommand({ Bucket: "keepalive", Key: "b", Body: "y" })).then(() => "ok", (e) => `FAIL ${e.$metadata?.httpStatusCode}`);
    if (outcome !== "ok") failed++;
    console.log(`idle ${d.toFixed(3)} s: ${outcome}`);
  }
} finally {
  await server.stop();
  rmSync(stateDir, { recursive: true, force: true });
}
console.log(`keepalive-race: ${failed} of ${runs} second PutObjects failed`);
