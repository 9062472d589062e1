#!/usr/bin/env node
/**
 * @module playground/build
 * Builds the playground into dist/playground/ (run `npm run build` first: it makes dist/):
 *   index.html, style.css, _headers   copied from js/playground/
 *   app.js                            js/playground/app.ts bundled with esbuild (CodeMirror in it)
 *   browser.js, core-*.js, engine.wasm the package's browser build, copied from dist/: the page
 *                                     imports `./browser.js`, which fetches `./engine.wasm`
 *   analyzer*.js                      the package's `iam-edge/analyzer` and its catalog chunk,
 *                                     imported by the page only on first use (js/playground/analyzer/)
 *   sample-account.json               the sample GAAD (test/fixtures/sample-account.json)
 *   workloads.json                    W1-W4 for the Benchmark pane (bench/page-workloads.ts, run here)
 * No source maps: the Worker serves everything in dist/playground, and a 1.8 MB map of the page's
 * source is not something to deploy, so none is written and the copied files lose their
 * `sourceMappingURL` comments (they would point at maps that are not there).
 * `npm run build` empties dist/, so run this after it (`npm start` does both).
 */
import { build } from "esbuild";
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const dist = join(root, "dist");
const out = join(dist, "playground");
const src = join(root, "js", "playground");

if (!existsSync(join(dist, "browser.js")) || !existsSync(join(dist, "engine.wasm"))) {
  console.error("dist/browser.js is missing: run `npm run build` first");
  process.exit(1);
}
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

// The page imports the package's browser build (copied beside app.js), not a second copy of the
// binding: `../entries/browser.ts` in the source becomes the external `./browser.js`.
const packageBrowserBuild = {
  name: "package-browser-build",
  setup(b) {
    b.onResolve({ filter: /\/entries\/browser(\.ts)?$/ }, () => ({ path: "./browser.js", external: true }));
    // The analyzer too (`import("../../analyzer/index.ts")`, dynamic): the package's analyzer.js.
    b.onResolve({ filter: /\/analyzer\/index(\.ts)?$/ }, () => ({ path: "./analyzer.js", external: true }));
  },
};

await build({
  absWorkingDir: root,
  entryPoints: [join(src, "app.ts")],
  outfile: join(out, "app.js"),
  bundle: true,
  format: "esm",
  platform: "browser",
  target: "es2022",
  minify: true,
  sourcemap: false,
  legalComments: "linked",
  plugins: [packageBrowserBuild],
  logLevel: "warning",
});

for (const f of ["index.html", "style.css", "_headers"]) copyFileSync(join(src, f), join(out, f));
/** Copies a script of the package's build without its `//# sourceMappingURL=` line. */
function copyWithoutMapLink(from, to) {
  writeFileSync(to, readFileSync(from, "utf8").replace(/\n?\/\/# sourceMappingURL=\S*\s*$/, "\n"));
}
for (const f of readdirSync(dist)) {
  if (f === "browser.js" || /^(core|analyzer)(-.*)?\.js$/.test(f)) copyWithoutMapLink(join(dist, f), join(out, f));
  else if (f === "engine.wasm") copyFileSync(join(dist, f), join(out, f));
}
copyFileSync(join(root, "test", "fixtures", "sample-account.json"), join(out, "sample-account.json"));
// The benchmark's workloads come from bench/ (their one definition), bundled for Node and run.
const generator = join(root, "bench", ".out", "page-workloads.mjs");
await build({
  absWorkingDir: root, entryPoints: [join(root, "bench", "page-workloads.ts")], outfile: generator, bundle: true, platform: "node", format: "esm",
  target: "node20", packages: "external", logLevel: "warning",
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
});
const workloads = spawnSync(process.execPath, [generator], { encoding: "utf8", maxBuffer: 1 << 28 });
if (workloads.status !== 0) {
  console.error(`bench/page-workloads.ts failed: ${workloads.stderr}`);
  process.exit(1);
}
writeFileSync(join(out, "workloads.json"), workloads.stdout);
console.log(`dist/playground/: ${readdirSync(out).sort().join(" ")}`);
