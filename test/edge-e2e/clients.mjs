/**
 * @module test/edge-e2e/clients
 * The clients the end-to-end tests drive the service with, all unmodified AWS clients pointed at
 * it: the v3 SDK (`@aws-sdk/client-iam`, `client-sts`, `client-cloudtrail` with `endpoint`), the
 * AWS CLI v2 (`/usr/bin/aws --endpoint-url`; a pyenv shim for v1 may come first on PATH, so the
 * path is explicit), and raw requests signed with `@smithy/signature-v4` for bodies no client
 * would send. Plus RFC 6238 TOTP codes, computed here with node:crypto.
 */
import { spawnSync } from "node:child_process";
import { createHmac } from "node:crypto";
import { existsSync } from "node:fs";
import { Agent } from "node:http";
import { IAMClient } from "@aws-sdk/client-iam";
import { STSClient } from "@aws-sdk/client-sts";
import { CloudTrailClient } from "@aws-sdk/client-cloudtrail";
import { SignatureV4 } from "@smithy/signature-v4";
import { Sha256 } from "@aws-crypto/sha256-js";

export const AWS_CLI = "/usr/bin/aws";
export const REGION = "us-east-1";

/**
 * A connection per request: wrangler dev's server closes idle kept-alive connections after Node's
 * default 5 s, and a client reusing one at that moment gets "socket hang up" (a race of any
 * keep-alive client with such a server, not an answer of the service). No retries either, so
 * every error the service answers is seen.
 */
const agent = new Agent({ keepAlive: false, maxSockets: 64 });

/** The three SDK clients for `creds` (`{ accessKeyId, secretAccessKey, sessionToken? }`). */
export function sdk(origin, creds, options = {}) {
  const config = {
    endpoint: origin, region: options.region ?? REGION, credentials: creds, maxAttempts: 1, systemClockOffset: options.clockOffsetMs ?? 0,
    requestHandler: { httpAgent: agent },
  };
  return { iam: new IAMClient(config), sts: new STSClient(config), cloudtrail: new CloudTrailClient(config) };
}

/** Runs the AWS CLI v2; `json` is its parsed output when it printed JSON. */
export function cli(origin, creds, args) {
  if (!existsSync(AWS_CLI)) throw new Error(`${AWS_CLI} not found: apt-get install -y awscli (the CLI v2)`);
  const env = { ...process.env, AWS_ACCESS_KEY_ID: creds.accessKeyId, AWS_SECRET_ACCESS_KEY: creds.secretAccessKey, AWS_REGION: REGION, AWS_PAGER: "", AWS_CONFIG_FILE: "/dev/null", AWS_SHARED_CREDENTIALS_FILE: "/dev/null" };
  if (creds.sessionToken) env.AWS_SESSION_TOKEN = creds.sessionToken;
  else delete env.AWS_SESSION_TOKEN;
  const r = spawnSync(AWS_CLI, ["--endpoint-url", origin, "--output", "json", ...args], { env, encoding: "utf8", timeout: 60_000 });
  let json;
  try {
    json = r.stdout.trim() ? JSON.parse(r.stdout) : undefined;
  } catch {}
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, json };
}

/**
 * A request signed as an AWS client signs it (SigV4, header form), with any body: for what no
 * client sends (malformed forms, unknown actions, oversize bodies). `forge` changes the signature.
 */
export async function signedFetch(origin, creds, { service = "iam", method = "POST", path = "/", body = "", headers = {}, region = REGION, forge = false }) {
  const url = new URL(path, origin);
  const signer = new SignatureV4({ service, region, credentials: creds, sha256: Sha256 });
  const query = Object.fromEntries(url.searchParams);
  const request = {
    method, protocol: "http:", hostname: url.hostname, port: Number(url.port), path: url.pathname, query,
    headers: { host: url.host, "content-type": "application/x-www-form-urlencoded; charset=utf-8", ...headers }, body,
  };
  const signed = await signer.sign(request);
  const out = { ...signed.headers };
  delete out.host;
  if (forge) out.authorization = out.authorization.replace(/Signature=([0-9a-f])/, (_m, c) => `Signature=${c === "0" ? "1" : "0"}`);
  return fetch(url, { method, headers: out, body: method === "GET" || method === "HEAD" ? undefined : body });
}

function base32Decode(text) {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = 0;
  let value = 0;
  const out = [];
  for (const c of text.replace(/=+$/, "")) {
    value = (value << 5) | alphabet.indexOf(c);
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** RFC 6238: HMAC-SHA-1, 6 digits, 30-second steps; `step` counts from the time's own step. */
export function totp(seed, time = new Date(), step = 0) {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(time.getTime() / 1000 / 30) + step));
  const mac = createHmac("sha1", base32Decode(seed)).update(counter).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, "0");
}

/** The AWS error code of a rejected SDK call (the wire's `<Code>` for the query protocol, which the SDK keeps in `Code`). */
export async function errorOf(promise) {
  try {
    await promise;
  } catch (err) {
    return { code: err.Code ?? err.name, message: err.message, status: err.$metadata?.httpStatusCode, requestId: err.$metadata?.requestId };
  }
  return undefined;
}
