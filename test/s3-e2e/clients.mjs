/**
 * @module test/s3-e2e/clients
 * The clients of the S3 end-to-end tests, all unmodified AWS clients pointed at `wrangler dev`:
 * the v3 S3 client (default checksums, or WHEN_REQUIRED), the IAM and STS clients that set the
 * callers up, the AWS CLI v2 (run without blocking this process), plain fetch for presigned URLs
 * and anonymous callers, and raw node:http for a Host header fetch will not send.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { request } from "node:http";
import { S3Client } from "@aws-sdk/client-s3";
import { Agent } from "node:http";

export const REGION = "us-east-1";
const agent = new Agent({ keepAlive: false, maxSockets: 64 });

/** An S3 client for `creds`; `checksums: false` asks for WHEN_REQUIRED. */
export function s3(origin, creds, { checksums = true, region = REGION } = {}) {
  return new S3Client({
    endpoint: origin, region, forcePathStyle: true, credentials: creds, maxAttempts: 1,
    // A connection per request: wrangler dev closes idle ones after 5 s, racing keep-alive reuse.
    requestHandler: { httpAgent: agent },
    ...(checksums ? {} : { requestChecksumCalculation: "WHEN_REQUIRED", responseChecksumValidation: "WHEN_REQUIRED" }),
  });
}

export const AWS_CLI = "/usr/bin/aws";

/**
 * Runs the AWS CLI v2 (the explicit path: a pyenv shim for v1 may come first on PATH) and waits
 * for it without blocking the event loop. A blocking spawnSync would leave fetch's kept-alive
 * connection unaware that wrangler dev closed it after 5 idle seconds, and the next plain fetch
 * would reuse a closed socket ("other side closed"). `json` is the parsed output when it is JSON.
 */
export function cli(origin, creds, args) {
  if (!existsSync(AWS_CLI)) throw new Error(`${AWS_CLI} not found: apt-get install -y awscli (the CLI v2)`);
  const env = { ...process.env, AWS_ACCESS_KEY_ID: creds.accessKeyId, AWS_SECRET_ACCESS_KEY: creds.secretAccessKey, AWS_REGION: REGION, AWS_PAGER: "", AWS_CONFIG_FILE: "/dev/null", AWS_SHARED_CREDENTIALS_FILE: "/dev/null" };
  if (creds.sessionToken) env.AWS_SESSION_TOKEN = creds.sessionToken;
  else delete env.AWS_SESSION_TOKEN;
  return new Promise((resolve, reject) => {
    const child = spawn(AWS_CLI, ["--endpoint-url", origin, "--output", "json", ...args], { env, timeout: 60_000 });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (c) => (stdout += c));
    child.stderr.setEncoding("utf8").on("data", (c) => (stderr += c));
    child.on("error", reject);
    child.on("close", (status) => {
      let json;
      try {
        json = stdout.trim() ? JSON.parse(stdout) : undefined;
      } catch {}
      resolve({ status, stdout, stderr, json });
    });
  });
}

/** The S3 error of a rejected SDK call. */
export async function s3Error(promise) {
  try {
    await promise;
  } catch (err) {
    return { code: err.name, message: err.message, status: err.$metadata?.httpStatusCode, requestId: err.$metadata?.requestId };
  }
  return undefined;
}

/** A request with any Host header (virtual-hosted style), through node:http. */
export function rawRequest(port, { method = "GET", path = "/", headers = {}, body }) {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, method, path, headers }, (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

export function bytes(n, seed = 1) {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = (i * 31 + seed + (i >> 11)) & 255;
  return out;
}
