#!/usr/bin/env node
/**
 * @module test/runtimes/browser/run
 * Runs the shared suite (and the edge suite, edge-suite.mjs) in headless Chromium (Debian's /usr/bin/chromium, driven by
 * playwright-core; no browser download). Serves the built package from a tiny HTTP server on
 * 127.0.0.1: /dist/* (engine.wasm as application/wasm), /plain/engine.wasm (as
 * application/octet-stream, for the fallback), the page and its test bundle (esbuild), and the
 * README example. Node reads the conformance corpus and computes the reference decisions with
 * dist/node.js; the page decides the same inputs and must match.
 *
 * Prints one line per failure and `browser: N passed, M failed`, writes
 * test-results/browser.json ({ passed, failed }), exits non-zero on any failure.
 * Env: CHROMIUM_PATH overrides the executable. Without it, on Debian as root, a missing
 * /usr/bin/chromium is installed with apt-get.
 */
import { createServer } from "node:http";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { extname, join, normalize } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";
import { chromium } from "playwright-core";
import { edgePage, runEdgeSuite } from "./edge-suite.mjs";

const root = fileURLToPath(new URL("../../../", import.meta.url));
const dist = join(root, "dist");
const executablePath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const report = join(root, "test-results", "browser.json");
mkdirSync(join(root, "test-results"), { recursive: true });

function finish(passed, failed, note) {
  if (note) console.log(note);
  console.log(`browser: ${passed} passed, ${failed} failed`);
  writeFileSync(report, JSON.stringify({ passed, failed }) + "\n");
  process.exit(failed > 0 ? 1 : 0);
}

if (!existsSync(join(dist, "browser.js"))) finish(0, 1, "dist/ is missing: run `npm run build` first");
if (!existsSync(executablePath) && !process.env.CHROMIUM_PATH && process.getuid?.() === 0 && existsSync("/usr/bin/apt-get")) {
  // A fresh Debian machine (CI, a container): install the distribution's Chromium, never a
  // tool's own browser download.
  console.log("/usr/bin/chromium is missing: apt-get install -y chromium");
  const apt = (args) => spawnSync("apt-get", args, { stdio: ["ignore", "inherit", "inherit"] }).status === 0;
  if (!(apt(["update"]) && apt(["install", "-y", "chromium"]))) finish(0, 1, "apt-get install -y chromium failed");
}
if (!existsSync(executablePath)) finish(0, 1, `${executablePath} not found: apt-get install -y chromium (or set CHROMIUM_PATH)`);

// Inputs and reference decisions, computed in Node from the built package.
const bundleShared = await build({
  absWorkingDir: root,
  entryPoints: ["test/runtimes/browser/node-side.ts"],
  bundle: true, format: "esm", platform: "node", write: false, external: ["esbuild", "playwright-core"],
  logLevel: "warning",
});
const nodeSideFile = join(mkdtempSync(join(tmpdir(), "iam-edge-browser-")), "node-side.mjs");
writeFileSync(nodeSideFile, bundleShared.outputFiles[0].text);
const { readSuiteInput, decisionMatrix } = await import(pathToFileURL(nodeSideFile).href);
rmSync(join(nodeSideFile, ".."), { recursive: true, force: true });
const pkg = await import(pathToFileURL(join(dist, "node.js")).href);
const input = readSuiteInput(join(root, "test", "conformance"));
input.reference = decisionMatrix(await pkg.createEngine(), input.cases);

const page = await build({
  absWorkingDir: root,
  entryPoints: ["test/runtimes/browser/page.ts"],
  bundle: true, format: "esm", platform: "browser", target: "es2022", write: false,
  external: ["iam-edge"], logLevel: "warning",
});
const pageJs = page.outputFiles[0].text;
const html = `<!doctype html><meta charset="utf-8"><title>loading</title>
<script type="importmap">{"imports":{"iam-edge":"/dist/browser.js"}}</script>
<script type="module" src="/page.js"></script>`;

// The edge suite's page (edge-suite.mjs): iam-edge/edge from dist/edge.js.
const edge = await edgePage(root);

const types = { ".js": "text/javascript", ".mjs": "text/javascript", ".wasm": "application/wasm", ".json": "application/json" };
const server = createServer((req, res) => {
  const path = decodeURIComponent(new URL(req.url ?? "/", "http://127.0.0.1").pathname);
  const send = (status, type, body) => {
    res.writeHead(status, { "content-type": type, "cache-control": "no-store" });
    res.end(body);
  };
  if (path === "/") return send(200, "text/html; charset=utf-8", html);
  if (path === "/page.js") return send(200, "text/javascript", pageJs);
  if (path === "/edge") return send(200, "text/html; charset=utf-8", edge.html);
  if (path === "/edge-page.js") return send(200, "text/javascript", edge.js);
  if (path === "/favicon.ico") return send(204, "text/plain", "");
  if (path === "/plain/engine.wasm") return send(200, "application/octet-stream", readFileSync(join(dist, "engine.wasm")));
  const file = normalize(join(root, path));
  const allowed = [join(dist, "/"), join(root, "examples", "/")].some((dir) => file.startsWith(dir));
  if (!allowed || !existsSync(file)) return send(404, "text/plain", "not found");
  send(200, types[extname(file)] ?? "application/octet-stream", readFileSync(file));
});
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
const origin = `http://127.0.0.1:${server.address().port}`;

const userDataDir = mkdtempSync(join(tmpdir(), "iam-edge-chromium-"));
let context;
let passed = 0;
let failed = 0;
try {
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  const tab = context.pages()[0] ?? (await context.newPage());
  const pageErrors = [];
  tab.on("pageerror", (err) => pageErrors.push(err.message));
  await tab.goto(`${origin}/`);
  await tab.waitForFunction(() => document.title === "ready" || document.title === "error", null, { timeout: 30_000 }).catch(() => {});
  if (pageErrors.length) throw new Error(`the page failed to load: ${pageErrors.join("; ")}`);
  console.log(`chromium ${context.browser()?.version() ?? ""} at ${origin}`);
  const results = await tab.evaluate((suiteInput) => globalThis.runSuite(suiteInput), input);
  const edgeResults = await runEdgeSuite(tab, origin, root);
  console.log(`edge suite (dist/edge.js): ${edgeResults.length} tests`);
  results.push(...edgeResults.map((r) => ({ ...r, name: `edge: ${r.name}` })));
  for (const r of results) {
    if (r.ok) passed++;
    else {
      failed++;
      console.log(`  FAIL ${r.name}\n       ${String(r.error).split("\n").join("\n       ")}`);
    }
  }
} catch (err) {
  console.log(`browser runner failed: ${err instanceof Error ? err.stack : err}`);
  failed = Math.max(failed, 1);
} finally {
  await context?.close().catch(() => {});
  server.close();
  rmSync(userDataDir, { recursive: true, force: true });
}
finish(passed, failed);
