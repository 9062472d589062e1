#!/usr/bin/env node
// Bundles the TypeScript benchmark with esbuild (no TS runner needed) and runs it.
// `npm run bench` builds engine.wasm first; extra arguments pass through (`-- --json`).
import { build } from "esbuild";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, ".out");
const args = process.argv.slice(2);
const entry = args[0] && args[0].endsWith(".ts") ? args.shift() : null;
const common = {
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  logLevel: "warning",
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
};
if (!entry) await build({
  ...common,
  entryPoints: { main: join(here, "main.ts"), child: join(here, "child.ts"), "engine-run": join(here, "engine-run.ts"), "cold-child": join(here, "cold-child.ts"), memory: join(here, "memory.ts") },
  splitting: true,
  chunkNames: "chunks/[name]-[hash]",
  outdir: out,
  outExtension: { ".js": ".mjs" },
});
// Helpers (profile.ts) read the engine from source, so that profiles name its functions.
else await build({
  ...common,
  alias: { "iam-edge/engine": join(here, "..", "js", "entries", "engine-node.ts") },
  entryPoints: [join(here, entry)],
  outfile: join(out, entry.replace(/\.ts$/, ".mjs")),
});
const r = spawnSync(process.execPath, [join(out, entry ? entry.replace(/\.ts$/, ".mjs") : "main.mjs"), ...args], { stdio: "inherit" });
process.exit(r.status ?? 1);
