#!/usr/bin/env node
/**
 * @module test/s3-e2e/run
 * End-to-end tests of the S3 gateway as `npm start` serves it: `wrangler dev` on the project's
 * wrangler.jsonc (the Worker, its Durable Objects, R2), started here on 127.0.0.1 with two
 * accounts, driven by unmodified AWS clients (the v3 SDK's S3, IAM and STS clients, lib-storage,
 * the presigner, the AWS CLI v2, plain fetch). Two starts on one state directory: everything,
 * then a restart that finds it all again. First, `wrangler deploy --dry-run` checks that the S3
 * bindings deploy.
 *
 * Prints a line per test and `s3-e2e: N passed, M failed`; writes test-results/s3-e2e.json;
 * exits non-zero on any failure. Builds dist/ and the playground when missing.
 */
import assert from "node:assert/strict";
import { execFile, spawnSync } from "node:child_process";
import { promisify } from "node:util";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createHarness } from "../edge-e2e/harness.mjs";
import { root, startServer } from "../edge-e2e/server.mjs";
import { accessCases } from "./cases/access.mjs";
import { cliCases } from "./cases/cli.mjs";
import { objectCases } from "./cases/objects.mjs";
import { restartCases } from "./cases/restart.mjs";
import { setUpCallers } from "./cases/setup.mjs";

const started = Date.now();
const report = join(root, "test-results", "s3-e2e.json");
mkdirSync(join(root, "test-results"), { recursive: true });
const h = createHarness();

function finish(note) {
  if (note) console.log(note);
  const failed = h.failed + (note ? 1 : 0);
  console.log(`s3-e2e: ${h.passed} passed, ${failed} failed (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  writeFileSync(report, JSON.stringify({ passed: h.passed, failed }) + "\n");
  process.exit(failed > 0 ? 1 : 0);
}

const npm = (args) => spawnSync("npm", args, { cwd: root, stdio: ["ignore", "inherit", "inherit"] }).status === 0;
if (!existsSync(join(root, "dist", "engine.wasm")) && !npm(["run", "--silent", "build"])) finish("npm run build failed");
if (!existsSync(join(root, "dist", "playground", "index.html")) && !npm(["run", "--silent", "build:playground"])) finish("npm run build:playground failed");

const t = {
  accountId: "000000000000",
  root: { accessKeyId: "AKIAS3E2EROOTKEYAAAA", secretAccessKey: "s3e2eRootSecret0000000000000000000000000" },
  other: { accountId: "111111111111", root: { accessKeyId: "AKIAS3E2EOTHERROOTQQ", secretAccessKey: "s3e2eOtherSecret000000000000000000000000" } },
};
const vars = {
  IAM_EDGE_ROOT_ACCESS_KEY_ID: t.root.accessKeyId, IAM_EDGE_ROOT_SECRET_ACCESS_KEY: t.root.secretAccessKey,
  IAM_EDGE_ACCOUNTS: `${t.other.accountId}:${t.other.root.accessKeyId}:${t.other.root.secretAccessKey}`,
};
const stateDir = mkdtempSync(join(tmpdir(), "iam-edge-s3-e2e-"));
let server;

async function start() {
  server = await startServer({ vars, stateDir });
  t.origin = server.origin;
  t.port = server.port;
}

async function deployDryRun() {
  await h.test("wrangler deploy --dry-run bundles the Worker with the S3 bindings", async () => {
    const out = mkdtempSync(join(tmpdir(), "iam-edge-s3-deploy-"));
    try {
      // Asynchronous, so the first start of wrangler dev runs meanwhile.
      const r = await promisify(execFile)(process.execPath, [join(root, "node_modules", "wrangler", "bin", "wrangler.js"), "deploy", "--dry-run", "--outdir", out, "--config", join(root, "wrangler.jsonc")], {
        cwd: root, encoding: "utf8", timeout: 120_000, maxBuffer: 1 << 24, env: { ...process.env, WRANGLER_SEND_METRICS: "false", CI: "1", NO_COLOR: "1" },
      }).catch((err) => ({ failed: err, stdout: err.stdout ?? "", stderr: `${err.stderr ?? ""}\n${err.message}` }));
      const text = `${r.stdout}\n${r.stderr}`;
      assert.equal(r.failed, undefined, text.slice(-2000));
      assert.match(text, /env\.BUCKETS \(BucketObject\)\s+Durable Object/);
      assert.match(text, /env\.S3_ACCOUNTS \(S3AccountObject\)\s+Durable Object/);
      assert.match(text, /env\.S3_DATA \(iam-edge-s3\)\s+R2 Bucket/);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
}

try {
  console.log("s3-e2e: wrangler deploy --dry-run, and the first start (fresh state)");
  await Promise.all([deployDryRun(), start()]);
  await setUpCallers(t);
  await objectCases(t, h);
  await accessCases(t, h);
  await cliCases(t, h);
  await server.stop();
  console.log("s3-e2e: restart (same state)");
  await start();
  await restartCases(t, h);
} catch (err) {
  await server?.stop();
  rmSync(stateDir, { recursive: true, force: true });
  finish(`s3-e2e: stopped: ${err?.stack ?? err}`);
}
await server?.stop();
rmSync(stateDir, { recursive: true, force: true });
finish();
