#!/usr/bin/env node
/**
 * @module test/edge-e2e/run
 * End-to-end tests of the edge service as `npm start` serves it: `wrangler dev` on the project's
 * wrangler.jsonc (the Worker, its Durable Objects with SQLite storage, the playground's assets),
 * started here on 127.0.0.1, driven by unmodified AWS clients (the v3 SDK's IAM, STS and
 * CloudTrail clients, the AWS CLI v2, raw SigV4-signed requests).
 *
 * Three starts on one state directory:
 * 1. fresh: the root key is generated and printed; IAM, STS, SAML federation, the audit trail, bad input
 *    (cases/*.mjs, in order: each builds on what the one before created);
 * 2. restarted with the same settings: the state is all there;
 * 3. restarted with the clock an hour ahead and a root key in the environment: sessions expire,
 *    the environment's key joins.
 * First, `wrangler deploy --dry-run` checks the configuration deploys.
 *
 * Prints a line per test and `edge-e2e: N passed, M failed`; writes test-results/edge-e2e.json
 * ({ passed, failed }); exits non-zero on any failure. Needs build/engine.wasm (`npm run build`)
 * and dist/playground (`npm run build:playground`): built here when missing.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createHarness } from "./harness.mjs";
import { root, startServer } from "./server.mjs";
import { auditCases } from "./cases/audit.mjs";
import { badInputCases, oversizeBodyCase } from "./cases/bad-input.mjs";
import { iamCases } from "./cases/iam.mjs";
import { afterRestartCases, laterClockCases } from "./cases/restart.mjs";
import { deployDryRun, serviceCases } from "./cases/service.mjs";
import { samlCases } from "./cases/saml.mjs";
import { stsCases } from "./cases/sts.mjs";

const started = Date.now();
const report = join(root, "test-results", "edge-e2e.json");
mkdirSync(join(root, "test-results"), { recursive: true });
const h = createHarness();

function finish(note) {
  if (note) console.log(note);
  const failed = h.failed + (note ? 1 : 0);
  console.log(`edge-e2e: ${h.passed} passed, ${failed} failed (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  writeFileSync(report, JSON.stringify({ passed: h.passed, failed }) + "\n");
  process.exit(failed > 0 ? 1 : 0);
}

const npm = (args) => spawnSync("npm", args, { cwd: root, stdio: ["ignore", "inherit", "inherit"] }).status === 0;
if (!existsSync(join(root, "build", "engine.wasm")) && !npm(["run", "--silent", "build"])) finish("npm run build failed");
if (!existsSync(join(root, "dist", "playground", "index.html")) && !npm(["run", "--silent", "build:playground"])) finish("npm run build:playground failed");

const t = {
  accountId: "000000000000",
  other: { accountId: "111111111111", root: { accessKeyId: "AKIAE2EOTHERACCOUNTQ", secretAccessKey: "otherAccountSecretKey0000000000000000000" } },
  envRoot: { accessKeyId: "AKIAE2EENVIRONMENTQQ", secretAccessKey: "environmentRootSecret000000000000000000+" },
  clockOffsetMs: 3_700_000,
  mutations: [],
};
const vars = { IAM_EDGE_ACCOUNTS: `${t.other.accountId}:${t.other.root.accessKeyId}:${t.other.root.secretAccessKey}` };
const stateDir = mkdtempSync(join(tmpdir(), "iam-edge-e2e-state-"));
let server;

async function start(extra = {}) {
  server = await startServer({ vars: { ...vars, ...extra }, stateDir });
  t.origin = server.origin;
  // The banner is printed while /healthz opens the account: give the log a moment to arrive.
  await new Promise((r) => setTimeout(r, 500));
  t.lastLog = server.log();
}

try {
  console.log("edge-e2e: wrangler deploy --dry-run");
  await deployDryRun(h);

  console.log("edge-e2e: first start (fresh state)");
  await start();
  t.firstLog = t.lastLog;
  const id = /export AWS_ACCESS_KEY_ID=(AKIA[A-Z0-9]+)/.exec(t.firstLog)?.[1];
  const secret = /export AWS_SECRET_ACCESS_KEY=(\S+)/.exec(t.firstLog)?.[1];
  if (!id || !secret) throw new Error(`the first start printed no root key:\n${t.firstLog.slice(-2000)}`);
  t.root = { accessKeyId: id, secretAccessKey: secret };
  await serviceCases(t, h);
  await iamCases(t, h);
  await stsCases(t, h);
  await samlCases(t, h);
  await auditCases(t, h);
  await badInputCases(t, h);
  await oversizeBodyCase(t, h);
  await server.stop();

  console.log("edge-e2e: restart (same state)");
  await start();
  await afterRestartCases(t, h);
  await server.stop();

  console.log("edge-e2e: restart (clock an hour ahead, a root key in the environment)");
  await start({
    IAM_EDGE_CLOCK_OFFSET_MS: String(t.clockOffsetMs),
    IAM_EDGE_ROOT_ACCESS_KEY_ID: t.envRoot.accessKeyId, IAM_EDGE_ROOT_SECRET_ACCESS_KEY: t.envRoot.secretAccessKey,
  });
  await laterClockCases(t, h);
} catch (err) {
  await server?.stop();
  rmSync(stateDir, { recursive: true, force: true });
  finish(`edge-e2e: stopped: ${err?.stack ?? err}`);
}
await server?.stop();
rmSync(stateDir, { recursive: true, force: true });
finish();
