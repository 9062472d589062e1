#!/usr/bin/env node
/**
 * @module scripts/build
 * Builds the package into dist/ from js/ and build/engine.wasm (run `npm run build:wasm` first;
 * `npm run build` does both):
 *   dist/node.js, dist/browser.js, dist/workerd.js  one ESM entry per runtime (export conditions)
 *   dist/engine-{node,browser,workerd}.js            the same without the account model (`iam-edge/engine`)
 *   dist/core-*.js                                   the code the browser and workerd entries share (esbuild code splitting)
 *   dist/edge-node.js                                `iam-edge/edge` in Node (sharing dist/node-*.js with dist/node.js)
 *   dist/node-*.js                                   `iam-edge`'s account model in Node and its lazily loaded chunks
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
    browser: "js/entries/browser.ts", workerd: "js/entries/workerd.ts",
    // `iam-edge/engine`: the engine without the account model, for Workers that only decide.
    "engine-browser": "js/entries/engine-browser.ts", "engine-workerd": "js/entries/engine-workerd.ts",
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
// The Node entries, built apart so that `iam-edge/engine` is ONE file (issue 17): Node resolves,
// loads and links every file of an ESM graph before running it, and the shared chunks of the
// build above cost a cold process more than their bytes. `iam-edge` imports that same file for
// the engine (one Engine, CompiledPolicy and error classes per process, whichever entry a module
// imports: `instanceof` holds across them), and its account model is one eager chunk beside the
// lazily loaded ones (the account operations, the AWS-managed library).
const nodeBuild = {
  absWorkingDir: root, outdir: "dist", bundle: true, format: "esm", platform: "neutral", target: "es2022",
  external: ["*.wasm", "node:*"], minify: true, keepNames: true, sourcemap: true, legalComments: "none", logLevel: "warning",
};
await build({ ...nodeBuild, entryPoints: { "engine-node": "js/entries/engine-node.ts" }, splitting: false });
// `iam-edge/edge` in Node (dist/edge-node.js) shares the model's chunks with `iam-edge` there,
// as dist/edge.js does with the browser and workerd entries: one Account, one set of errors.
await build({ ...nodeBuild, entryPoints: { node: "js/entries/node.ts", "edge-node": "js/edge/index.ts" }, splitting: true, chunkNames: "node-[hash]", plugins: [engineFromEntry()] });
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

/**
 * Resolves the engine's public modules to dist/engine-node.js (external) while `iam-edge`'s Node
 * entry is built: the classes the account model shares with the engine (Engine, CompiledPolicy,
 * PolicyBundle, the errors) exist once. Every name the model imports from these modules is an
 * export of `iam-edge/engine` (js/entries/api.ts); pure helpers the model imports from elsewhere
 * in the policy layer (wildcards, values) are copied into its chunk.
 */
function engineFromEntry() {
  const shared = new Set(["js/entries/engine-node.ts", "js/engine/engine.ts", "js/engine/errors.ts"].map((f) => join(root, f)));
  return {
    name: "engine-from-entry",
    setup(b) {
      b.onResolve({ filter: /(engine|errors|engine-node)\.ts$/ }, (args) =>
        shared.has(join(args.resolveDir, args.path)) ? { path: "./engine-node.js", external: true } : undefined);
    },
  };
}
