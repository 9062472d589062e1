/**
 * @module test/unit/load-probe
 * Which files a fresh Node process loads, step by step: entries bundled the way `npm run build`
 * bundles them (esbuild, code splitting) into a temporary directory, a probe script run under a
 * module-load hook that appends every loaded file's URL to a log, and `mark(step)` lines the
 * probe writes between its steps. The lazy-loading tests (lazy-modules, iam/lazy-aws-managed) use
 * it to check what each step loads; no timing is asserted.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";
import { expect } from "vitest";

const root = fileURLToPath(new URL("../../", import.meta.url));

/** The lines every probe starts with: `mark(step)` writes `# step` into the log. */
export const PROBE_PRELUDE = [
  'import { appendFileSync } from "node:fs";',
  'const mark = (s) => appendFileSync(process.env.LOAD_LOG, "# " + s + "\\n");',
];

export interface LoadProbe {
  /** The bundle's directory. */
  dir: string;
  /** The bundle's files loaded in each step of the probe (run with `args`), by step name. */
  steps(args?: string[]): Record<string, string[]>;
  remove(): void;
}

/** Bundles `entryPoints` (name -> source under the package root) with `probe` (its lines after the prelude) beside them. */
export async function bundleLoadProbe(entryPoints: Record<string, string>, probe: string[]): Promise<LoadProbe> {
  const dir = mkdtempSync(join(tmpdir(), "iam-edge-load-probe-"));
  await build({
    absWorkingDir: root, entryPoints, outdir: dir, bundle: true, splitting: true,
    format: "esm", platform: "neutral", target: "es2022", external: ["*.wasm", "node:*"], logLevel: "warning",
  });
  copyFileSync(join(root, "build", "engine.wasm"), join(dir, "engine.wasm"));
  // The hook runs on Node's loader thread: it appends each loaded file's URL to the log.
  writeFileSync(join(dir, "hooks.mjs"), [
    'import { appendFileSync } from "node:fs";',
    "export async function load(url, context, next) {",
    '  if (url.startsWith("file:")) appendFileSync(process.env.LOAD_LOG, url + "\\n");',
    "  return next(url, context);",
    "}",
  ].join("\n"));
  writeFileSync(join(dir, "register.mjs"), 'import { register } from "node:module";\nregister("./hooks.mjs", import.meta.url);\n');
  writeFileSync(join(dir, "probe.mjs"), [...PROBE_PRELUDE, ...probe].join("\n"));
  return {
    dir,
    steps(args = []) {
      const log = join(dir, "load.log");
      writeFileSync(log, "");
      const r = spawnSync(process.execPath, ["--import", pathToFileURL(join(dir, "register.mjs")).href, join(dir, "probe.mjs"), ...args], {
        encoding: "utf8", env: { ...process.env, LOAD_LOG: log }, timeout: 30_000,
      });
      expect(r.stderr).toBe("");
      expect(r.status).toBe(0);
      const steps: Record<string, string[]> = {};
      let step = "start";
      for (const line of readFileSync(log, "utf8").split("\n").filter(Boolean)) {
        if (line.startsWith("# ")) steps[(step = line.slice(2))] = [];
        else if (line.startsWith(pathToFileURL(dir).href)) (steps[step] ??= []).push(fileURLToPath(line));
      }
      return steps;
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
