/**
 * @module test/runtimes/browser/edge-suite
 * The edge suite's part of the Chromium runner (run.mjs): bundles edge-page.ts (with
 * `iam-edge/edge` left to the import map, so the page loads the built dist/edge.js), reads the
 * AWS SigV4 test suite's files in Node, and runs `window.runEdgeSuite(files)` in a tab.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { build } from "esbuild";

/** The page's HTML and script, for the runner's server (`/edge`, `/edge-page.js`). */
export async function edgePage(root) {
  const page = await build({
    absWorkingDir: root,
    entryPoints: ["test/runtimes/browser/edge-page.ts"],
    bundle: true, format: "esm", platform: "browser", target: "es2022", write: false,
    external: ["iam-edge/edge"], logLevel: "warning",
  });
  const html = `<!doctype html><meta charset="utf-8"><title>loading</title>
<script type="importmap">{"imports":{"iam-edge/edge":"/dist/edge.js"}}</script>
<script type="module" src="/edge-page.js"></script>`;
  return { html, js: page.outputFiles[0].text };
}

/** `{ "aws-sigv4/<case>/<file>": text }` for every vector file. */
export function vectorFiles(root) {
  const dir = join(root, "test", "vectors", "aws-sigv4");
  const files = {};
  for (const name of readdirSync(dir)) {
    const caseDir = join(dir, name);
    if (!statSync(caseDir).isDirectory()) continue;
    for (const file of readdirSync(caseDir)) files[`aws-sigv4/${name}/${file}`] = readFileSync(join(caseDir, file), "utf8");
  }
  return files;
}

/** Runs the suite in `tab` (already on the runner's origin); returns `{ name, ok, error }[]`. */
export async function runEdgeSuite(tab, origin, root) {
  await tab.goto(`${origin}/edge`);
  await tab.waitForFunction(() => document.title === "ready" || document.title === "error", null, { timeout: 30_000 });
  return tab.evaluate((files) => globalThis.runEdgeSuite(files), vectorFiles(root));
}
