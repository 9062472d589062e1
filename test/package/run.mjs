#!/usr/bin/env node
/**
 * @module test/package/run
 * The package as a new user meets it (`npm run test:package`; a runner of `npm test`). In a fresh
 * copy of the working tree (./fresh-copy.mjs: no dist/, no build/):
 *   - `npm pack` builds through `prepack`; the tarball has dist/, and no playground, no source
 *     map of it, no sample account, no sources; `files` keeps dist/playground out even when built;
 *   - the tarball installs offline into an empty project (it has no runtime dependencies), and
 *     there loads from ESM and from CommonJS on Node 20 and on the cached Node 22/24 binaries,
 *     runs `npx iam-edge --help`, and type-checks a consumer (./consumer/index.mts) under
 *     `tsc --init`'s defaults, with `"lib": ["ES2022"]` and no @types/node, and with
 *     `skipLibCheck: false`;
 *   - `npm start` keeps answering / and /healthz while `npm run build` and
 *     `npm run build:playground` run beside it.
 * Prints `ok`/`not ok` per check and `package: N passed, M failed`; writes
 * test-results/package.json ({ passed, failed }); exits non-zero on any failure. Temporary
 * directories are removed unless IAM_EDGE_KEEP_TMP=1.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { NODE_VERSIONS, nodeCacheDir } from "../../scripts/node-versions.mjs";
import { npmCommand } from "../../scripts/npm-cli.mjs";
import { freshCopy } from "./fresh-copy.mjs";
import { probe, startDevServer } from "./dev-server.mjs";

const root = fileURLToPath(new URL("../../", import.meta.url));
const here = fileURLToPath(new URL(".", import.meta.url));
const tsc = join(root, "node_modules", "typescript", "bin", "tsc");
const temp = [];
let passed = 0;
let failed = 0;

async function check(name, fn) {
  const started = Date.now();
  try {
    await fn();
    passed++;
    console.log(`ok ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  } catch (err) {
    failed++;
    console.log(`not ok ${name}\n  ${String(err?.message ?? err).replaceAll("\n", "\n  ")}`);
  }
}

function assert(ok, message) {
  if (!ok) throw new Error(message);
}

/** Runs a command; throws with its output's tail unless it exits 0. */
function run(cmd, args, cwd, env = {}) {
  const r = spawnSync(cmd, args, { cwd, encoding: "utf8", maxBuffer: 1 << 26, env: { ...process.env, ...env } });
  const out = `${r.stdout ?? ""}${r.stderr ?? ""}`;
  if (r.status !== 0) throw new Error(`\`${[cmd, ...args].join(" ")}\` exited ${r.status ?? r.signal}:\n${out.trim().split("\n").slice(-15).join("\n")}`);
  return r.stdout;
}

const npm = (args, cwd) => {
  const [cmd, pre] = npmCommand();
  return run(cmd, [...pre, ...args], cwd);
};

function tempDir(prefix) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  temp.push(dir);
  return dir;
}

// ---------------------------------------------------------------------------------------------
// Pack

let clone;
let tarball;
let files = [];

await check("a fresh copy of the tree has no dist/ and no build/", () => {
  clone = freshCopy(root);
  temp.push(clone);
  assert(!existsSync(join(clone, "dist")) && !existsSync(join(clone, "build")), "the copy carries build output");
});

await check("`npm pack` in the fresh copy builds through prepack and packs dist/", () => {
  assert(clone, "needs the fresh copy");
  const out = tempDir("iam-edge-pack-");
  npm(["pack", "--pack-destination", out, "--silent"], clone);
  const name = readdirSync(out).find((f) => f.endsWith(".tgz"));
  assert(name, "npm pack wrote no tarball");
  tarball = join(out, name);
  files = run("tar", ["tzf", tarball], out).split("\n").filter(Boolean).map((f) => f.replace(/^package\//, ""));
  const required = ["package.json", "README.md", "bin/iam-edge.mjs", "dist/node.js", "dist/browser.js", "dist/workerd.js",
    "dist/engine-node.js", "dist/engine.wasm", "dist/cli.js", "dist/types/index.d.ts", "dist/types/entries/engine-node.d.ts"];
  const missing = required.filter((f) => !files.includes(f));
  assert(missing.length === 0, `the tarball lacks ${missing.join(", ")}`);
});

await check("the tarball carries no playground, no sample account and no sources", () => {
  assert(files.length > 0, "needs the tarball");
  const unwanted = files.filter((f) => /(^|\/)playground\/|sample-account|^js\/|^test\/|^assembly\//.test(f));
  assert(unwanted.length === 0, `unwanted files: ${unwanted.join(", ")}`);
});

await check("`files` keeps dist/playground out of the package even when it is built", () => {
  assert(tarball, "needs the built copy");
  npm(["run", "--silent", "build:playground"], clone);
  assert(existsSync(join(clone, "dist", "playground", "app.js")), "build:playground made no dist/playground/app.js");
  const [listing] = JSON.parse(npm(["pack", "--dry-run", "--json", "--ignore-scripts"], clone));
  const leaked = listing.files.map((f) => f.path).filter((p) => p.startsWith("dist/playground/"));
  assert(leaked.length === 0, `packed: ${leaked.join(", ")}`);
});

await check("the package declares no runtime dependencies", () => {
  const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
  const declared = ["dependencies", "peerDependencies", "optionalDependencies", "bundleDependencies"].filter((k) => pkg[k] && Object.keys(pkg[k]).length > 0);
  assert(declared.length === 0, `package.json declares ${declared.join(", ")}`);
});

// ---------------------------------------------------------------------------------------------
// Install and use

let consumer;

await check("the tarball installs offline into an empty project, with nothing else", () => {
  assert(tarball, "needs the tarball");
  consumer = tempDir("iam-edge-consumer-");
  writeFileSync(join(consumer, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }, null, 2));
  npm(["install", "--offline", "--no-audit", "--no-fund", tarball], consumer);
  const installed = readdirSync(join(consumer, "node_modules")).filter((f) => !f.startsWith("."));
  assert(installed.join() === "iam-edge", `node_modules holds ${installed.join(", ")}`);
  for (const f of readdirSync(join(here, "consumer"))) copyFileSync(join(here, "consumer", f), join(consumer, f));
});

const expected = JSON.stringify({ decision: "Allow", account: "function", engineOnly: "function", engineOnlyHasAccount: false });
const nodes = [[process.versions.node, process.execPath]];
for (const v of NODE_VERSIONS) {
  const bin = join(nodeCacheDir(v), "package", "bin", "node");
  if (existsSync(bin)) nodes.push([v, bin]);
  else console.log(`skip Node ${v}: no cached binary in .cache/node/${v} (npm test fetches it; see scripts/node-versions.mjs)`);
}
for (const [version, bin] of nodes) {
  for (const [how, file] of [["import from ESM", "esm.mjs"], ["require from CommonJS", "cjs.cjs"]]) {
    await check(`${how} on Node ${version}`, () => {
      assert(consumer, "needs the installed package");
      const out = run(bin, [file], consumer).trim();
      assert(out === expected, `printed ${out}, expected ${expected}`);
    });
  }
}

await check("`npx iam-edge --help` prints the usage", () => {
  assert(consumer, "needs the installed package");
  const [cmd, pre] = npmCommand("npx");
  const out = run(cmd, [...pre, "--offline", "iam-edge", "--help"], consumer);
  assert(out.includes("Usage: iam-edge <command>"), `printed:\n${out}`);
});

// ---------------------------------------------------------------------------------------------
// Types

await check("a TypeScript consumer type-checks under `tsc --init`'s defaults", () => {
  assert(consumer, "needs the installed package");
  run(process.execPath, [tsc, "--init"], consumer);
  assert(!existsSync(join(consumer, "node_modules", "@types")), "the project has @types installed");
  run(process.execPath, [tsc, "--noEmit", "-p", "tsconfig.json"], consumer);
});

const variants = [
  ['with "lib": ["ES2022"] and no @types/node', { lib: ["ES2022"] }],
  ['with "lib": ["ES2022", "DOM"] and the declarations checked (skipLibCheck: false)', { lib: ["ES2022", "DOM"], skipLibCheck: false }],
];
for (const [label, compilerOptions] of variants) {
  await check(`the consumer type-checks ${label}`, () => {
    assert(existsSync(join(consumer ?? "", "tsconfig.json")), "needs the tsc --init project");
    writeFileSync(join(consumer, "tsconfig.variant.json"), JSON.stringify({ extends: "./tsconfig.json", compilerOptions }));
    run(process.execPath, [tsc, "--noEmit", "-p", "tsconfig.variant.json"], consumer);
  });
}

// ---------------------------------------------------------------------------------------------
// npm start beside a build

await check("`npm start` keeps answering / and /healthz while dist/ is rebuilt beside it", async () => {
  assert(clone, "needs the fresh copy");
  const server = await startDevServer(clone);
  try {
    for (const script of ["build:playground", "build"]) {
      npm(["run", "--silent", script], clone);
      await new Promise((r) => setTimeout(r, 2_000)); // let a watcher that noticed the change act on it
      assert(server.alive(), `the server exited after \`npm run ${script}\`:\n${server.logTail()}`);
      const health = await probe(`${server.origin}/healthz`);
      assert(health.status === 200 && JSON.parse(health.body).ok === true, `/healthz after \`npm run ${script}\`: ${health.status} ${health.body}`);
      const page = await probe(`${server.origin}/`);
      assert(page.status === 200 && page.body.includes("<html"), `/ after \`npm run ${script}\`: ${page.status} ${page.body.slice(0, 200)}`);
    }
  } finally {
    await server.stop();
  }
});

if (process.env.IAM_EDGE_KEEP_TMP !== "1") for (const dir of temp) rmSync(dir, { recursive: true, force: true });
else console.log(`kept: ${temp.join(" ")}`);
mkdirSync(join(root, "test-results"), { recursive: true });
writeFileSync(join(root, "test-results", "package.json"), JSON.stringify({ passed, failed }) + "\n");
console.log(`package: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
