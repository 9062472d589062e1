/**
 * @module test/unit/iam/lazy-aws-managed
 * Importing `iam-edge` does not load the AWS-managed policy library (js/iam/aws-managed-data.ts,
 * about 125 KB of JavaScript); creating an Account does. The Node entry is bundled the way
 * `npm run build` bundles it (esbuild, code splitting) into a temporary directory, and a fresh
 * Node process runs it under a module-load hook that records every file Node loads. A file is
 * the library when it holds an AWS-managed policy's document text. No timing is asserted.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../../", import.meta.url));
/** Text only the library holds in js/ (checked below): a managed policy's ARN. */
const MARKER = "arn:aws:iam::aws:policy/AmazonEC2ReadOnlyAccess";
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "iam-edge-lazy-"));
  await build({
    absWorkingDir: root, entryPoints: { node: "js/entries/node.ts" }, outdir: dir, bundle: true, splitting: true,
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
  // Marks in the log when each step starts, so the test reads which files each step loaded.
  writeFileSync(join(dir, "probe.mjs"), [
    'import { appendFileSync } from "node:fs";',
    'const mark = (s) => appendFileSync(process.env.LOAD_LOG, "# " + s + "\\n");',
    'mark("import");',
    'const { createEngine, Account } = await import("./node.js");',
    "const engine = await createEngine();",
    'engine.authorize({ principal: "arn:aws:iam::111122223333:user/a", action: "s3:GetObject" }, { identity: [] });',
    'mark("account");',
    'const account = await Account.create({ accountId: "111122223333", engine });',
    'const { Policy } = await account.getPolicy({ PolicyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess" });',
    'mark("done " + Policy.PolicyName);',
  ].join("\n"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The files loaded in each step of probe.mjs, by step name. */
function probe(): Record<string, string[]> {
  const log = join(dir, "load.log");
  writeFileSync(log, "");
  const r = spawnSync(process.execPath, ["--import", pathToFileURL(join(dir, "register.mjs")).href, join(dir, "probe.mjs")], {
    encoding: "utf8", env: { ...process.env, LOAD_LOG: log }, timeout: 30_000,
  });
  expect(r.stderr).toBe("");
  expect(r.status).toBe(0);
  const steps: Record<string, string[]> = {};
  let step = "start";
  for (const line of readFileSync(log, "utf8").split("\n").filter(Boolean)) {
    if (line.startsWith("# ")) steps[(step = line.slice(2))] = [];
    else (steps[step] ??= []).push(fileURLToPath(line));
  }
  return steps;
}

const holdsLibrary = (file: string) => readFileSync(file, "utf8").includes(MARKER);

describe("the AWS-managed policy library loads when an Account needs it", () => {
  it("import, createEngine and a decision load no file of it; Account.create loads it, and getPolicy reads it", () => {
    const steps = probe();
    expect(steps.import.some((f) => f.endsWith("node.js"))).toBe(true);
    expect(steps.import.filter(holdsLibrary)).toEqual([]);
    expect(steps.account.filter(holdsLibrary)).toHaveLength(1);
    expect(Object.keys(steps)).toContain("done ReadOnlyAccess");
  });

  it("the marker is the library's text (the probe can tell the library from other chunks)", () => {
    const data = readFileSync(join(root, "js/iam/aws-managed-data.ts"), "utf8");
    expect(data).toContain(MARKER);
    // The bundle's other chunks do not hold it, so a chunk that does is the library.
    const steps = probe();
    const others = [...steps.import, ...steps.account].filter((f) => f.startsWith(dir) && f.endsWith(".js") && !holdsLibrary(f));
    expect(others.some((f) => f.endsWith("node.js"))).toBe(true);
  });
});
