#!/usr/bin/env node
/**
 * @module scripts/build
 * Builds the package into dist/ from js/ and build/engine.wasm (run `npm run build:wasm` first;
 * `npm run build` does both):
 *   dist/node.js, dist/browser.js, dist/workerd.js  one ESM entry per runtime (export conditions)
 *   dist/engine-{node,browser,workerd}.js            the same without the account model (`iam-edge/engine`)
 *   dist/core-*.js                                   the code they share (esbuild code splitting)
 *   dist/analyzer.js                                 `iam-edge/analyzer` (its catalog a lazily loaded chunk)
 *   dist/engine.wasm                                 the core, beside the JS that loads it
 *   dist/types/**.d.ts                               declarations (tsc), entry dist/types/index.d.ts
 * The `.wasm` import of the workerd entry stays external: Wrangler turns it into a module.
 */
import { build } from "esbuild";
import { copyFileSync, existsSync, mkdirSync, rmSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";
import { buildCli, jsonParsePlugin } from "../js/cli/build.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const dist = join(root, "dist");
const wasm = join(root, "build", "engine.wasm");

if (!existsSync(wasm)) {
  console.error("build/engine.wasm is missing: run `npm run build:wasm` first");
  process.exit(1);
}
rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });

await build({
  absWorkingDir: root,
  entryPoints: {
    node: "js/entries/node.ts", browser: "js/entries/browser.ts", workerd: "js/entries/workerd.ts",
    // `iam-edge/engine`: the engine without the account model, for Workers that only decide.
    "engine-node": "js/entries/engine-node.ts", "engine-browser": "js/entries/engine-browser.ts", "engine-workerd": "js/entries/engine-workerd.ts",
    // `iam-edge/edge`: SigV4 verification and the edge authorizer; no Wasm of its own (it decides through the Account it is given).
    edge: "js/edge/index.ts",
  },
  outdir: "dist",
  bundle: true,
  splitting: true,
  chunkNames: "core-[hash]",
  format: "esm",
  platform: "neutral",
  target: "es2022",
  external: ["*.wasm", "node:*"],
  // Minified: less for a cold isolate or process to parse before its first decision (about
  // 0.4 ms in Node for the engine entry). Names are kept (error classes, stack traces) and
  // source maps sit beside each file.
  minify: true,
  keepNames: true,
  sourcemap: true,
  legalComments: "none",
  logLevel: "warning",
});
// `iam-edge/analyzer`: findings about policies and accounts, built apart so that the chunks the
// engine's entries share do not change (their size is measured: `npm run size`); the policy
// layer it uses is copied into it. Its action catalog is a chunk of its own, loaded on first use.
await build({
  absWorkingDir: root,
  entryPoints: { analyzer: "js/analyzer/index.ts" },
  outdir: "dist",
  bundle: true,
  splitting: true,
  chunkNames: "analyzer-[hash]",
  format: "esm",
  platform: "neutral",
  target: "es2022",
  external: ["*.wasm", "node:*"],
  plugins: [jsonParsePlugin], // the catalog chunk as JSON.parse of a string (js/cli/build.mjs)
  minify: true,
  keepNames: true,
  sourcemap: true,
  legalComments: "none",
  logLevel: "warning",
});
copyFileSync(wasm, join(dist, "engine.wasm"));
await buildCli({ root, outfile: join(dist, "cli.js") }); // the `iam-edge` command (bin/iam-edge.mjs), Node only

const tsc = spawnSync(
  process.execPath,
  [
    join(root, "node_modules", "typescript", "bin", "tsc"),
    "js/index.ts", "js/entries/engine-node.ts", "js/edge/index.ts", "js/analyzer/index.ts",
    "--declaration", "--emitDeclarationOnly",
    "--rewriteRelativeImportExtensions",
    "--outDir", "dist/types", "--rootDir", "js",
    "--target", "es2022", "--module", "esnext", "--moduleResolution", "bundler",
    "--lib", "es2022,dom", "--types", "node", "--strict", "--skipLibCheck", "--stripInternal",
  ],
  { cwd: root, stdio: "inherit" },
);
if (tsc.status !== 0) process.exit(tsc.status ?? 1);
console.log("dist/: node.js browser.js workerd.js engine-*.js edge.js analyzer.js cli.js engine.wasm types/index.d.ts");
