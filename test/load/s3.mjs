#!/usr/bin/env node
/**
 * @module test/load/s3
 * Bounded load test of the S3 gateway on the loopback address: `wrangler dev` as the end-to-end
 * tests start it (fresh state, two accounts, a bucket each), then concurrent PutObject,
 * GetObject and ListObjectsV2 of small objects from the v3 SDK's S3 client (default checksums),
 * spread over several principals of each account: its root, two users, a role session, and one
 * user working in the other account's bucket (the bucket policy grants it: cross-account, both
 * sides). Each principal works under its own prefix; every call is one it may make.
 *
 * Every byte is checked: each PutObject's ETag is the MD5 of the body sent, each GetObject's body
 * is compared with what was written, each listing holds every key written under that prefix
 * before it started, and at the end a listing of every prefix shows each object written, with its
 * size and ETag (the MD5 of its bytes). Errors must be 0. Stops after `--requests` calls or
 * `--seconds`, whichever comes first. Writes test-results/s3-load.json; exits non-zero on any
 * error or mismatch.
 *
 * Usage: node test/load/s3.mjs [--requests 1500] [--seconds 60] [--concurrency 12] [--max-size 8192]
 */
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { CreateAccessKeyCommand, CreateRoleCommand, CreateUserCommand, PutRolePolicyCommand, PutUserPolicyCommand } from "@aws-sdk/client-iam";
import { AssumeRoleCommand } from "@aws-sdk/client-sts";
import { CreateBucketCommand, GetObjectCommand, ListObjectsV2Command, PutBucketPolicyCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { sdk } from "../edge-e2e/clients.mjs";
import { root, startServer } from "../edge-e2e/server.mjs";
import { s3 } from "../s3-e2e/clients.mjs";

function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}
const MAX_REQUESTS = option("requests", 1500);
const MAX_SECONDS = option("seconds", 60);
const CONCURRENCY = option("concurrency", 12);
const MAX_SIZE = option("max-size", 8192);

const ACCOUNTS = [
  { accountId: "000000000000", bucket: "load-a", root: { accessKeyId: "AKIAS3LOADROOTAAAAAA", secretAccessKey: "s3LoadRootSecretKey00000000000000000000a" } },
  { accountId: "111111111111", bucket: "load-b", root: { accessKeyId: "AKIAS3LOADROOTBBBBBB", secretAccessKey: "s3LoadRootSecretKey00000000000000000000b" } },
];
const doc = (Statement) => JSON.stringify({ Version: "2012-10-17", Statement });
const md5 = (b) => createHash("md5").update(b).digest("hex");
/** Read and write under `prefix` of `bucket`, and list it (s3:prefix), as an identity or bucket policy grants it. */
const rights = (bucket, prefix, Principal) => [
  { Effect: "Allow", ...(Principal && { Principal }), Action: ["s3:GetObject", "s3:PutObject"], Resource: `arn:aws:s3:::${bucket}/${prefix}*` },
  { Effect: "Allow", ...(Principal && { Principal }), Action: "s3:ListBucket", Resource: `arn:aws:s3:::${bucket}`, Condition: { StringLike: { "s3:prefix": `${prefix}*` } } },
];

async function user(admin, name, bucket, prefix) {
  await admin.iam.send(new CreateUserCommand({ UserName: name }));
  await admin.iam.send(new PutUserPolicyCommand({ UserName: name, PolicyName: "home", PolicyDocument: doc(rights(bucket, prefix)) }));
  const { AccessKey } = await admin.iam.send(new CreateAccessKeyCommand({ UserName: name }));
  return { accessKeyId: AccessKey.AccessKeyId, secretAccessKey: AccessKey.SecretAccessKey };
}

/** The principals of one account, each with its home (bucket, prefix). */
async function setUp(origin, account, other) {
  const admin = sdk(origin, account.root);
  const id = account.accountId;
  const own = account.bucket;
  await s3(origin, account.root).send(new CreateBucketCommand({ Bucket: own }));
  // The other account's traveller may read, write and list p/<its account>/ here (the resource side).
  await s3(origin, account.root).send(new PutBucketPolicyCommand({ Bucket: own, Policy: doc(rights(own, `p/${other.accountId}/`, { AWS: `arn:aws:iam::${other.accountId}:root` })) }));
  const homes = [{ name: "root", creds: account.root, bucket: own, prefix: `p/${id}/root/` }];
  for (const name of ["load-user-0", "load-user-1"]) homes.push({ name, creds: await user(admin, name, own, `p/${id}/${name}/`), bucket: own, prefix: `p/${id}/${name}/` });
  const rolePrefix = `p/${id}/role/`;
  await admin.iam.send(new CreateRoleCommand({ RoleName: "LoadRole", AssumeRolePolicyDocument: doc([{ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${id}:root` }, Action: "sts:AssumeRole" }]) }));
  await admin.iam.send(new PutRolePolicyCommand({ RoleName: "LoadRole", PolicyName: "home", PolicyDocument: doc(rights(own, rolePrefix)) }));
  const { Credentials } = await admin.sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${id}:role/LoadRole`, RoleSessionName: "load", DurationSeconds: 3600 }));
  homes.push({ name: "LoadRole/load", creds: { accessKeyId: Credentials.AccessKeyId, secretAccessKey: Credentials.SecretAccessKey, sessionToken: Credentials.SessionToken }, bucket: own, prefix: rolePrefix });
  const travellerPrefix = `p/${id}/traveller/`;
  homes.push({ name: "traveller", creds: await user(admin, "traveller", other.bucket, travellerPrefix), bucket: other.bucket, prefix: travellerPrefix });
  return homes.map((h) => ({ ...h, account: id, client: s3(origin, h.creds), written: [] }));
}

function percentile(sorted, p) {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : 0;
}

/** One call of `kind` by `p`, its result checked; throws on any mismatch. */
async function call(kind, p, n, rand) {
  if (kind === "put" || p.written.length === 0) {
    const size = Math.floor(rand() * (MAX_SIZE + 1));
    const body = new Uint8Array(size);
    for (let i = 0; i < size; i++) body[i] = (n * 131 + i * 7 + (i >> 8)) & 255;
    const Key = `${p.prefix}${n} é+%/${size}`;
    const out = await p.client.send(new PutObjectCommand({ Bucket: p.bucket, Key, Body: body }));
    if (out.ETag !== `"${md5(body)}"`) throw new Error(`PutObject ${Key}: ETag ${out.ETag}, expected "${md5(body)}"`);
    p.written.push({ Key, size, md5: md5(body), body });
    return "put";
  }
  if (kind === "get") {
    const o = p.written[Math.floor(rand() * p.written.length)];
    const got = await (await p.client.send(new GetObjectCommand({ Bucket: p.bucket, Key: o.Key }))).Body.transformToByteArray();
    if (got.length !== o.size || Buffer.compare(Buffer.from(got), Buffer.from(o.body)) !== 0) throw new Error(`GetObject ${o.Key}: ${got.length} bytes differ from the ${o.size} written`);
    return "get";
  }
  const before = new Set(p.written.map((o) => o.Key));
  const keys = await listAll(p);
  for (const k of before) if (!keys.has(k)) throw new Error(`ListObjectsV2 ${p.prefix}: ${k} missing`);
  return "list";
}

/** Every object under the principal's prefix, all pages: Key -> { size, etag }. */
async function listAll(p) {
  const keys = new Map();
  let ContinuationToken;
  do {
    const page = await p.client.send(new ListObjectsV2Command({ Bucket: p.bucket, Prefix: p.prefix, ContinuationToken }));
    for (const c of page.Contents ?? []) keys.set(c.Key, { size: c.Size, etag: c.ETag });
    ContinuationToken = page.NextContinuationToken;
  } while (ContinuationToken);
  return keys;
}

async function run(principals) {
  const samples = [];
  const errors = [];
  let issued = 0;
  const deadline = Date.now() + MAX_SECONDS * 1000;
  const started = performance.now();
  async function worker(seed) {
    let x = (seed * 2654435761) >>> 0;
    const rand = () => (x = (x * 1103515245 + 12345) >>> 0) / 2 ** 32;
    while (issued < MAX_REQUESTS && Date.now() < deadline) {
      const n = issued++;
      const p = principals[Math.floor(rand() * principals.length)];
      const r = rand();
      const kind = r < 0.4 ? "put" : r < 0.85 ? "get" : "list";
      const t0 = performance.now();
      try {
        const done = await call(kind, p, n, rand);
        samples.push({ ms: performance.now() - t0, kind: done });
      } catch (err) {
        errors.push(`${kind} by ${p.name}@${p.account}: ${err.name}: ${err.message}`.slice(0, 300));
      }
    }
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, (_, i) => worker(i + 1)));
  return { samples, errors, seconds: (performance.now() - started) / 1000 };
}

/** After the run: each prefix lists exactly the objects written there, with their sizes and ETags. */
async function finalCheck(principals) {
  const problems = [];
  for (const p of principals) {
    const listed = await listAll(p);
    if (listed.size !== p.written.length) problems.push(`${p.name}@${p.account}: ${listed.size} listed, ${p.written.length} written`);
    for (const o of p.written) {
      const l = listed.get(o.Key);
      if (!l || l.size !== o.size || l.etag !== `"${o.md5}"`) problems.push(`${o.Key}: listed ${JSON.stringify(l)}, written ${o.size} bytes "${o.md5}"`);
    }
  }
  return problems;
}

function stats(samples) {
  const ms = samples.map((s) => s.ms).sort((a, b) => a - b);
  return { count: ms.length, p50Ms: Number(percentile(ms, 50).toFixed(1)), p99Ms: Number(percentile(ms, 99).toFixed(1)) };
}

const stateDir = mkdtempSync(join(tmpdir(), "iam-edge-s3-load-"));
const vars = {
  IAM_EDGE_ACCOUNT_ID: ACCOUNTS[0].accountId,
  IAM_EDGE_ROOT_ACCESS_KEY_ID: ACCOUNTS[0].root.accessKeyId, IAM_EDGE_ROOT_SECRET_ACCESS_KEY: ACCOUNTS[0].root.secretAccessKey,
  IAM_EDGE_ACCOUNTS: ACCOUNTS.slice(1).map((a) => `${a.accountId}:${a.root.accessKeyId}:${a.root.secretAccessKey}`).join(","),
};
const server = await startServer({ vars, stateDir });
let failed = true;
try {
  const principals = [...(await setUp(server.origin, ACCOUNTS[0], ACCOUNTS[1])), ...(await setUp(server.origin, ACCOUNTS[1], ACCOUNTS[0]))];
  const load = await run(principals);
  const problems = await finalCheck(principals);
  const bytes = principals.reduce((n, p) => n + p.written.reduce((m, o) => m + o.size, 0), 0);
  const requests = load.samples.length + load.errors.length;
  const result = {
    requests, seconds: Number(load.seconds.toFixed(1)), requestsPerSecond: Number((requests / load.seconds).toFixed(1)),
    all: stats(load.samples),
    put: stats(load.samples.filter((s) => s.kind === "put")),
    get: stats(load.samples.filter((s) => s.kind === "get")),
    list: stats(load.samples.filter((s) => s.kind === "list")),
    errors: load.errors.length, objects: principals.reduce((n, p) => n + p.written.length, 0), bytesWritten: bytes, finalCheckProblems: problems.length,
    accounts: ACCOUNTS.length, principals: principals.length, concurrency: CONCURRENCY, maxObjectBytes: MAX_SIZE,
    machine: { cpus: cpus().length, loadAverage: loadavg()[0].toFixed(1), node: process.version },
  };
  console.log(`s3-load: ${requests} requests in ${result.seconds} s = ${result.requestsPerSecond} req/s, concurrency ${CONCURRENCY}, ${result.principals} principals in ${ACCOUNTS.length} accounts`);
  for (const k of ["all", "put", "get", "list"]) console.log(`s3-load: ${k.padEnd(4)} ${String(result[k].count).padStart(5)} calls, p50 ${result[k].p50Ms} ms, p99 ${result[k].p99Ms} ms`);
  console.log(`s3-load: errors ${result.errors}; ${result.objects} objects (${bytes} bytes) listed back with their sizes and ETags: ${problems.length} problems`);
  for (const e of load.errors.slice(0, 10)) console.log(`  error: ${e}`);
  for (const p of problems.slice(0, 10)) console.log(`  check: ${p}`);
  mkdirSync(join(root, "test-results"), { recursive: true });
  writeFileSync(join(root, "test-results", "s3-load.json"), JSON.stringify(result, null, 2) + "\n");
  failed = result.errors > 0 || problems.length > 0 || result.put.count === 0 || result.get.count === 0 || result.list.count === 0;
} finally {
  await server.stop();
  rmSync(stateDir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
