/**
 * @module scripts/size-measure
 * What a Worker carries, measured from dist/ (`npm run build` first): the gzip size of
 * engine.wasm, and of the JS a Worker bundle adds through `iam-edge/engine` (the engine alone,
 * what a deciding Worker needs) and through `iam-edge` (with the account model). The Worker is
 * the smallest useful one (create the engine at module scope, compile a policy, decide per
 * request), bundled with esbuild the way Wrangler bundles it: conditions workerd/worker/browser,
 * ESM, the .wasm external (Wrangler uploads it as a module). Sizes are gzip level 9, as
 * Cloudflare's upload limits count them. The README quotes these figures between markers;
 * scripts/size.mjs writes them and test/package/readme-sizes.test.ts fails when they are stale.
 */
import { build } from "esbuild";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

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

async function bundle(root, from, minify) {
  const out = await build({
    stdin: { contents: worker(from), resolveDir: root, sourcefile: "worker.js", loader: "js" },
    bundle: true, write: false, format: "esm", platform: "neutral", target: "es2022",
    conditions: ["workerd", "worker", "browser"], mainFields: ["module", "main"],
    external: ["*.wasm"], minify, legalComments: "none", logLevel: "warning",
  });
  return out.outputFiles[0].contents;
}

const gz = (bytes) => gzipSync(bytes, { level: 9 }).length;

/** `[{ name, raw, gzip }]` in bytes, for the package built in `root`/dist. */
export async function measureSizes(root) {
  const wasm = readFileSync(join(root, "dist", "engine.wasm"));
  const plain = await bundle(root, "iam-edge/engine", false);
  if (!new TextDecoder().decode(plain).includes("engine.wasm")) throw new Error("the Worker bundle did not take the workerd entry");
  const minified = await bundle(root, "iam-edge/engine", true);
  const full = await bundle(root, "iam-edge", true);
  return [
    { name: "`engine.wasm`", raw: wasm.length, gzip: gz(wasm) },
    { name: "JS through `iam-edge/engine`, as Wrangler bundles it", raw: plain.length, gzip: gz(plain) },
    { name: "JS through `iam-edge/engine`, minified", raw: minified.length, gzip: gz(minified) },
    { name: "JS through `iam-edge` (with the account model), minified", raw: full.length, gzip: gz(full) },
    { name: "total through `iam-edge/engine` (wasm + minified JS)", raw: wasm.length + minified.length, gzip: gz(wasm) + gz(minified) },
  ];
}

const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
export const BEGIN = "<!-- size:begin (written by `npm run size`; test/package/readme-sizes.test.ts fails when stale) -->";
export const END = "<!-- size:end -->";

/** The README block for `rows`: a Markdown table between the markers. */
export function renderSizes(rows) {
  const lines = ["| what a Worker uploads | raw | gzip |", "| --- | ---: | ---: |"];
  for (const r of rows) lines.push(`| ${r.name} | ${kib(r.raw)} | ${kib(r.gzip)} |`);
  return [BEGIN, ...lines, END].join("\n");
}

/** The block between the markers in `text` (markers included), or null when they are missing. */
export function readSizes(text) {
  const start = text.indexOf(BEGIN);
  const end = text.indexOf(END, start);
  return start < 0 || end < 0 ? null : text.slice(start, end + END.length);
}

/** `text` with its block replaced by `block`; throws when the markers are missing. */
export function writeSizes(text, block) {
  const current = readSizes(text);
  if (current === null) throw new Error(`README.md has no size markers: put ${BEGIN} and ${END} where the figures go`);
  return text.replace(current, () => block);
}
