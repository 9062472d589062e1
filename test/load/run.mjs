#!/usr/bin/env node
/**
 * @module test/load/run
 * Load test of the edge service on the loopback address: `wrangler dev` as the end-to-end tests
 * start it (fresh state, three accounts), then concurrent SigV4-signed calls from the v3 SDK
 * clients, reads and writes mixed, spread over the accounts and over several principals of each
 * (its root and users with their own keys). Bounded: it stops after `--requests` calls or
 * `--seconds`, whichever comes first.
 *
 * Reports requests per second, p50/p99 latency (all, reads, writes), errors (must be 0: every
 * call here is one the caller may make), and checks the audit trail through LookupEvents: every
 * write has exactly one record, under its response's request id. Exits non-zero when a check
 * fails. Writes test-results/load.json.
 *
 * Usage: node test/load/run.mjs [--requests 3000] [--seconds 90] [--concurrency 16] [--write-ratio 0.3]
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import {
  AttachUserPolicyCommand, CreateAccessKeyCommand, CreatePolicyCommand, CreateUserCommand, GetUserCommand,
  ListAttachedUserPoliciesCommand, ListUsersCommand, PutUserPolicyCommand, TagUserCommand,
} from "@aws-sdk/client-iam";
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { LookupEventsCommand } from "@aws-sdk/client-cloudtrail";
import { sdk } from "../edge-e2e/clients.mjs";
import { root, startServer } from "../edge-e2e/server.mjs";

function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}
const MAX_REQUESTS = option("requests", 3000);
const MAX_SECONDS = option("seconds", 90);
const CONCURRENCY = option("concurrency", 16);
const WRITE_RATIO = option("write-ratio", 0.3);
const USERS_PER_ACCOUNT = 3;

const ACCOUNTS = [
  { accountId: "000000000000", root: { accessKeyId: "AKIALOADTESTAAAAAAAA", secretAccessKey: "loadTestRootSecretKey000000000000000000a" } },
  { accountId: "111111111111", root: { accessKeyId: "AKIALOADTESTBBBBBBBB", secretAccessKey: "loadTestRootSecretKey000000000000000000b" } },
  { accountId: "222222222222", root: { accessKeyId: "AKIALOADTESTCCCCCCCC", secretAccessKey: "loadTestRootSecretKey000000000000000000c" } },
];
const doc = (actions) => JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: actions, Resource: "*" }] });

/** Each account: its root, and users with keys allowed to read and to tag themselves. */
async function setUp(origin, account) {
  const admin = sdk(origin, account.root);
  const { Policy } = await admin.iam.send(new CreatePolicyCommand({ PolicyName: "LoadRead", PolicyDocument: doc(["iam:Get*", "iam:List*"]) }));
  account.principals = [{ name: "root", clients: admin }];
  for (let i = 0; i < USERS_PER_ACCOUNT; i++) {
    const UserName = `load-user-${i}`;
    await admin.iam.send(new CreateUserCommand({ UserName }));
    await admin.iam.send(new AttachUserPolicyCommand({ UserName, PolicyArn: Policy.Arn }));
    await admin.iam.send(new PutUserPolicyCommand({ UserName, PolicyName: "TagSelf", PolicyDocument: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["iam:TagUser", "iam:PutUserPolicy"], Resource: `arn:aws:iam::${account.accountId}:user/${UserName}` }] }) }));
    const { AccessKey } = await admin.iam.send(new CreateAccessKeyCommand({ UserName }));
    account.principals.push({ name: UserName, clients: sdk(origin, { accessKeyId: AccessKey.AccessKeyId, secretAccessKey: AccessKey.SecretAccessKey }) });
  }
}

const READS = [
  (p) => p.clients.iam.send(new ListUsersCommand({})),
  (p) => p.clients.iam.send(new GetUserCommand({ UserName: "load-user-0" })),
  (p) => p.clients.sts.send(new GetCallerIdentityCommand({})),
  (p) => p.clients.iam.send(new ListAttachedUserPoliciesCommand({ UserName: "load-user-1" })),
];

/** Writes each principal may make: root creates users; a user tags itself and rewrites its own inline policy. */
function write(p, n) {
  if (p.name === "root") return { eventName: "CreateUser", send: () => p.clients.iam.send(new CreateUserCommand({ UserName: `load-new-${n}` })) };
  if (n % 2) return { eventName: "TagUser", send: () => p.clients.iam.send(new TagUserCommand({ UserName: p.name, Tags: [{ Key: "n", Value: String(n) }] })) };
  return { eventName: "PutUserPolicy", send: () => p.clients.iam.send(new PutUserPolicyCommand({ UserName: p.name, PolicyName: "TagSelf", PolicyDocument: JSON.stringify({ Version: "2012-10-17", Statement: [{ Sid: `N${n}`, Effect: "Allow", Action: ["iam:TagUser", "iam:PutUserPolicy"], Resource: `arn:aws:iam::${p.account}:user/${p.name}` }] }) })) };
}

function percentile(sorted, p) {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : 0;
}

async function run(origin) {
  const samples = [];
  const writes = [];
  const errors = [];
  let issued = 0;
  const deadline = Date.now() + MAX_SECONDS * 1000;
  const started = performance.now();
  async function worker(seed) {
    let x = seed * 2654435761 >>> 0;
    const rand = () => ((x = (x * 1103515245 + 12345) >>> 0) / 2 ** 32);
    while (issued < MAX_REQUESTS && Date.now() < deadline) {
      const n = issued++;
      const account = ACCOUNTS[Math.floor(rand() * ACCOUNTS.length)];
      const principal = account.principals[Math.floor(rand() * account.principals.length)];
      const isWrite = rand() < WRITE_RATIO;
      const w = isWrite ? write({ ...principal, account: account.accountId }, n) : undefined;
      const t0 = performance.now();
      try {
        const out = await (w ? w.send() : READS[n % READS.length](principal));
        samples.push({ ms: performance.now() - t0, write: isWrite });
        if (w) writes.push({ account, eventName: w.eventName, requestId: out.$metadata.requestId });
      } catch (err) {
        errors.push(`${principal.name}@${account.accountId}: ${err.name}: ${err.message}`.slice(0, 300));
      }
    }
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, (_, i) => worker(i + 1)));
  return { samples, writes, errors, seconds: (performance.now() - started) / 1000 };
}

/** Every write's request id in the account's trail, counted (LookupEvents by event name, all pages). */
async function auditCheck(origin, writes) {
  const problems = [];
  for (const account of ACCOUNTS) {
    const trail = sdk(origin, account.root).cloudtrail;
    const ids = new Map();
    for (const EventName of ["CreateUser", "TagUser", "PutUserPolicy"]) {
      let NextToken;
      const range = { StartTime: new Date(Date.now() - 3600_000), EndTime: new Date(Date.now() + 60_000) };
      do {
        const page = await trail.send(new LookupEventsCommand({ ...range, LookupAttributes: [{ AttributeKey: "EventName", AttributeValue: EventName }], MaxResults: 50, NextToken }));
        for (const e of page.Events) {
          const id = JSON.parse(e.CloudTrailEvent).requestID;
          ids.set(id, (ids.get(id) ?? 0) + 1);
        }
        NextToken = page.NextToken;
      } while (NextToken);
    }
    for (const w of writes.filter((x) => x.account === account)) {
      const count = ids.get(w.requestId) ?? 0;
      if (count !== 1) problems.push(`${account.accountId} ${w.eventName} ${w.requestId}: ${count} records`);
    }
  }
  return problems;
}

const stateDir = mkdtempSync(join(tmpdir(), "iam-edge-load-"));
const vars = {
  IAM_EDGE_ACCOUNT_ID: ACCOUNTS[0].accountId,
  IAM_EDGE_ROOT_ACCESS_KEY_ID: ACCOUNTS[0].root.accessKeyId, IAM_EDGE_ROOT_SECRET_ACCESS_KEY: ACCOUNTS[0].root.secretAccessKey,
  IAM_EDGE_ACCOUNTS: ACCOUNTS.slice(1).map((a) => `${a.accountId}:${a.root.accessKeyId}:${a.root.secretAccessKey}`).join(","),
};
const server = await startServer({ vars, stateDir });
let failed = false;
try {
  for (const a of ACCOUNTS) await setUp(server.origin, a);
  const load = await run(server.origin);
  const problems = await auditCheck(server.origin, load.writes);
  const all = load.samples.map((s) => s.ms).sort((a, b) => a - b);
  const reads = load.samples.filter((s) => !s.write).map((s) => s.ms).sort((a, b) => a - b);
  const writesMs = load.samples.filter((s) => s.write).map((s) => s.ms).sort((a, b) => a - b);
  const fmt = (v) => v.toFixed(1);
  const result = {
    requests: load.samples.length + load.errors.length, seconds: Number(load.seconds.toFixed(1)),
    requestsPerSecond: Number(((load.samples.length + load.errors.length) / load.seconds).toFixed(1)),
    p50Ms: Number(fmt(percentile(all, 50))), p99Ms: Number(fmt(percentile(all, 99))),
    reads: { count: reads.length, p50Ms: Number(fmt(percentile(reads, 50))), p99Ms: Number(fmt(percentile(reads, 99))) },
    writes: { count: writesMs.length, p50Ms: Number(fmt(percentile(writesMs, 50))), p99Ms: Number(fmt(percentile(writesMs, 99))) },
    errors: load.errors.length, auditProblems: problems.length,
    accounts: ACCOUNTS.length, principals: ACCOUNTS.length * (USERS_PER_ACCOUNT + 1), concurrency: CONCURRENCY, writeRatio: WRITE_RATIO,
    machine: { cpus: cpus().length, loadAverage: loadavg()[0].toFixed(1), node: process.version },
  };
  console.log(`load: ${result.requests} requests in ${result.seconds} s = ${result.requestsPerSecond} req/s, concurrency ${CONCURRENCY}, ${ACCOUNTS.length} accounts, ${result.principals} principals`);
  console.log(`load: latency p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms (reads ${result.reads.count}: p50 ${result.reads.p50Ms} / p99 ${result.reads.p99Ms}; writes ${result.writes.count}: p50 ${result.writes.p50Ms} / p99 ${result.writes.p99Ms})`);
  console.log(`load: errors ${result.errors}; writes with exactly one audit record: ${load.writes.length - problems.length} of ${load.writes.length}`);
  for (const e of load.errors.slice(0, 10)) console.log(`  error: ${e}`);
  for (const p of problems.slice(0, 10)) console.log(`  audit: ${p}`);
  mkdirSync(join(root, "test-results"), { recursive: true });
  writeFileSync(join(root, "test-results", "load.json"), JSON.stringify(result, null, 2) + "\n");
  failed = result.errors > 0 || problems.length > 0 || (WRITE_RATIO > 0 && load.writes.length === 0);
} finally {
  await server.stop();
  rmSync(stateDir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
