#!/usr/bin/env node
/**
 * @module scripts/size
 * `npm run size` (after `npm run build`): the gzip size of dist/engine.wasm, and of the JS a
 * Worker bundle adds: through `iam-edge/engine` (the engine alone, what a deciding Worker needs)
 * and through `iam-edge` (with the account model). The Worker is the smallest useful one (create the engine at module scope,
 * compile a policy, decide per request), bundled with esbuild the way Wrangler bundles it:
 * conditions workerd/worker/browser, ESM, the .wasm external (Wrangler uploads it as a module).
 * Sizes are gzip level 9, as Cloudflare's upload limits count them.
 */
import { build } from "esbuild";
import { readFileSync, existsSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const wasmPath = `${root}dist/engine.wasm`;
if (!existsSync(wasmPath)) {
  console.error("dist/ is missing: run `npm run build` first");
  process.exit(1);
}

const worker = (from) => `
import { createEngine } from "${from}";
const engine = await createEngine();
const policy = engine.compile('{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}}', { kind: "identity" });
export default {
  fetch(request) {
    const action = new URL(request.url).searchParams.get("action") ?? "s3:GetObject";
    return Response.json(engine.authorize({ principal: "arn:aws:iam::111122223333:user/alice", action }, { identity: [policy] }));
  },
};`;

async function bundle(minify, from = "iam-edge/engine") {
  const out = await build({
    stdin: { contents: worker(from), resolveDir: root, sourcefile: "worker.js", loader: "js" },
    bundle: true, write: false, format: "esm", platform: "neutral", target: "es2022",
    conditions: ["workerd", "worker", "browser"], mainFields: ["module", "main"],
    external: ["*.wasm"], minify, legalComments: "none", logLevel: "warning",
  });
  return out.outputFiles[0].contents;
}

const gz = (bytes) => gzipSync(bytes, { level: 9 }).length;
const kb = (n) => `${(n / 1024).toFixed(1)} KiB`.padStart(10);
const wasm = readFileSync(wasmPath);
const plain = await bundle(false);
const minified = await bundle(true);
if (!new TextDecoder().decode(plain).includes("engine.wasm")) throw new Error("the Worker bundle did not take the workerd entry");

const full = await bundle(true, "iam-edge");
const rows = [
  ["dist/engine.wasm", wasm.length, gz(wasm)],
  ["Worker JS (as Wrangler bundles it)", plain.length, gz(plain)],
  ["Worker JS (minified)", minified.length, gz(minified)],
  ["Worker JS with the account model", full.length, gz(full)],
];
console.log(`${"".padEnd(36)}${"raw".padStart(10)}${"gzip".padStart(10)}`);
for (const [name, raw, zipped] of rows) console.log(`${name.padEnd(36)}${kb(raw)}${kb(zipped)}`);
console.log(`${"Worker total (wasm + minified JS)".padEnd(36)}${kb(wasm.length + minified.length)}${kb(gz(wasm) + gz(minified))}`);
