/**
 * @module test/unit/cli/run-cli
 * Builds the CLI bundle (the same esbuild step as `npm run build`, js/cli/build.mjs) into a
 * temporary directory with build/engine.wasm beside it, and runs it as a child process. The
 * tests do not depend on dist/ (other runners rebuild it) but do need build/engine.wasm.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { buildCli } from "../../../js/cli/build.mjs";

export const root = fileURLToPath(new URL("../../../", import.meta.url));
export const fixtures = fileURLToPath(new URL("./fixtures/", import.meta.url));
export const sampleAccount = fileURLToPath(new URL("../../fixtures/sample-account.json", import.meta.url));

export interface CliRun {
  status: number;
  stdout: string;
  stderr: string;
}

let dir: string | undefined;
let entry: string | undefined;

/** Builds the CLI once per test file; returns the script that runs it. */
export async function buildForTests(): Promise<string> {
  if (entry) return entry;
  const wasm = join(root, "build", "engine.wasm");
  if (!existsSync(wasm)) throw new Error("build/engine.wasm is missing: run `npm run build:wasm` first");
  dir = mkdtempSync(join(tmpdir(), "iam-edge-cli-"));
  await buildCli({ root, outfile: join(dir, "cli.js") });
  copyFileSync(wasm, join(dir, "engine.wasm"));
  entry = join(dir, "iam-edge.mjs");
  writeFileSync(entry, 'import { main } from "./cli.js";\nawait main(process.argv.slice(2));\n');
  return entry;
}

export function cleanup(): void {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = entry = undefined;
}

export interface CliOptions {
  /** The working directory (default: the CLI fixtures). */
  cwd?: string;
  /** Standard input: text, or an open file descriptor (such as /dev/zero's) given to the child as is. */
  input?: string | Buffer;
  stdin?: number;
  /** Milliseconds before the child is killed and the run fails (default 30 s). */
  timeout?: number;
}

/** Runs `iam-edge ...args` in `cwd` (default: the CLI fixtures), with optional stdin. */
export function cli(args: string[], options: CliOptions = {}): CliRun {
  if (!entry) throw new Error("call buildForTests() in beforeAll");
  const r = spawnSync(process.execPath, [entry, ...args], {
    cwd: options.cwd ?? fixtures,
    input: options.input,
    stdio: [options.stdin ?? "pipe", "pipe", "pipe"],
    encoding: "utf8",
    env: { ...process.env, IAM_EDGE_DEBUG: "" },
    timeout: options.timeout ?? 30_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.error) throw r.error;
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** 1-based line and column of the first occurrence of `needle` in `text` (after `after`). */
export function positionOf(text: string, needle: string, after = ""): { line: number; column: number } {
  const offset = text.indexOf(needle, after ? text.indexOf(after) : 0);
  if (offset < 0) throw new Error(`${needle} not found`);
  const before = text.slice(0, offset).split("\n");
  return { line: before.length, column: before[before.length - 1].length + 1 };
}
