/**
 * Hostile input sizes for the CLI (issue 13, item 14): `iam-edge validate - < /dev/zero` read
 * forever. Every input, a file or standard input, is read up to its limit (docs/limits.md: 1 MiB
 * for a policy file, 128 MiB for an account file) and refused past it with the same message and
 * exit status 1, whatever it is: /dev/zero, a sparse 4 GiB file, or exactly one byte too many.
 */
import { closeSync, mkdtempSync, openSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildForTests, cleanup, cli, sampleAccount, type CliOptions } from "../unit/cli/run-cli.ts";

const MiB = 1 << 20;
const POLICY_LIMIT = MiB;
const ACCOUNT_LIMIT = 128 * MiB;
const tooBig = (file: string, limit: string, what: string) => `iam-edge: cannot read \`${file}\`: larger than ${limit}, the limit for ${what}\n`;
// Before the fix these runs never end: a short timeout fails them after a few GB instead of many.
const quick: CliOptions = { timeout: 10_000 };

let dir: string;
beforeAll(async () => {
  await buildForTests();
  dir = mkdtempSync(join(tmpdir(), "iam-edge-size-"));
});
afterAll(() => {
  cleanup();
  rmSync(dir, { recursive: true, force: true });
});

/** Runs the CLI with /dev/zero as its standard input. */
function withZeroStdin(args: string[]) {
  const fd = openSync("/dev/zero", "r");
  try {
    return cli(args, { ...quick, stdin: fd });
  } finally {
    closeSync(fd);
  }
}

/** A valid identity policy of exactly `bytes` bytes (padded with spaces, which IAM does not count). */
function policyOfSize(bytes: number): Buffer {
  const text = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "*" }] });
  return Buffer.from(text + " ".repeat(bytes - text.length));
}

/** A sparse file: `bytes` long on paper, no disk used. */
function sparse(name: string, bytes: number): string {
  const file = join(dir, name);
  writeFileSync(file, "");
  truncateSync(file, bytes);
  return file;
}

describe("standard input is capped like a file", () => {
  it("validate - < /dev/zero stops at 1 MiB with exit 1", () => {
    expect(withZeroStdin(["validate", "-"])).toEqual({ status: 1, stdout: "", stderr: tooBig("-", "1 MiB", "a policy file") });
  });

  it("authorize --policy - < /dev/zero is bad input (exit 1), not a decision", () => {
    const r = withZeroStdin(["authorize", "--policy", "-", "--action", "s3:GetObject"]);
    expect(r).toEqual({ status: 1, stdout: "", stderr: tooBig("-", "1 MiB", "a policy file") });
  });

  it("simulate --account - < /dev/zero stops at the account file limit", () => {
    const r = withZeroStdin(["simulate", "--account", "-", "--principal", "alice", "--action", "s3:GetObject"]);
    expect(r).toEqual({ status: 1, stdout: "", stderr: tooBig("-", "128 MiB", "an account file") });
  });

  it("takes exactly the limit from standard input and refuses one byte more, as for a file", () => {
    expect(cli(["validate", "-"], { input: policyOfSize(POLICY_LIMIT) })).toEqual({ status: 0, stdout: "", stderr: "" });
    const over = policyOfSize(POLICY_LIMIT + 1);
    expect(cli(["validate", "-"], { input: over })).toEqual({ status: 1, stdout: "", stderr: tooBig("-", "1 MiB", "a policy file") });
    writeFileSync(join(dir, "over.json"), over);
    const file = join(dir, "over.json");
    expect(cli(["validate", file])).toEqual({ status: 1, stdout: "", stderr: tooBig(file, "1 MiB", "a policy file") });
    writeFileSync(join(dir, "at.json"), policyOfSize(POLICY_LIMIT));
    expect(cli(["validate", join(dir, "at.json")])).toEqual({ status: 0, stdout: "", stderr: "" });
  });
});

describe("files are capped", () => {
  it("/dev/zero as a policy file", () => {
    expect(cli(["validate", "/dev/zero"], quick)).toEqual({ status: 1, stdout: "", stderr: tooBig("/dev/zero", "1 MiB", "a policy file") });
    const r = cli(["authorize", "--policy", "/dev/zero", "--action", "s3:GetObject"], quick);
    expect(r).toEqual({ status: 1, stdout: "", stderr: tooBig("/dev/zero", "1 MiB", "a policy file") });
  });

  it("a sparse 4 GiB policy file, in every option that takes one", () => {
    const big = sparse("big.json", 4 * 1024 * MiB);
    const message = tooBig(big, "1 MiB", "a policy file");
    expect(cli(["validate", big], quick)).toEqual({ status: 1, stdout: "", stderr: message });
    for (const option of ["--policy", "--boundary", "--session", "--resource-policy", "--trust-policy", "--scp", "--rcp"]) {
      const identity = option === "--policy" ? [] : ["--policy", "reports.json"];
      expect(cli(["authorize", ...identity, option, big, "--action", "s3:GetObject"], quick), option).toEqual({ status: 1, stdout: "", stderr: message });
    }
  });

  it("a sparse account file one byte over 128 MiB, and /dev/zero as a resource policy of simulate", () => {
    const big = sparse("gaad.json", ACCOUNT_LIMIT + 1);
    expect(cli(["simulate", "--account", big, "--principal", "alice", "--action", "s3:GetObject"], quick))
      .toEqual({ status: 1, stdout: "", stderr: tooBig(big, "128 MiB", "an account file") });
    const r = cli(["simulate", "--account", sampleAccount, "--principal", "alice", "--action", "s3:GetObject", "--resource-policy", "/dev/zero"], quick);
    expect(r).toEqual({ status: 1, stdout: "", stderr: tooBig("/dev/zero", "1 MiB", "a policy file") });
  });

  it("validate goes on to the next file after one that is too large", () => {
    const r = cli(["validate", "/dev/zero", "reports.json", "broken.json"], quick);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(tooBig("/dev/zero", "1 MiB", "a policy file"));
    expect(r.stdout).toMatch(/^broken\.json:4:5 error MISSING_ACTION /);
    const json = cli(["validate", "--format", "json", "/dev/zero"], quick);
    expect(JSON.parse(json.stdout)).toEqual([{ file: "/dev/zero", diagnostics: [], error: "cannot read `/dev/zero`: larger than 1 MiB, the limit for a policy file" }]);
  });
});
