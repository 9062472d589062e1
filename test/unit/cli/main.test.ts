/**
 * @module test/unit/cli/main
 * Help on every command and at the top, `--version`, unknown commands, and the package bin.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildForTests, cleanup, cli, root } from "./run-cli.ts";

beforeAll(buildForTests);
afterAll(cleanup);

const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));

describe("iam-edge", () => {
  it.each([["--help"], ["-h"], ["help"]])("%s prints the commands", (flag) => {
    const r = cli([flag]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Usage: iam-edge <command>/);
    for (const c of ["simulate", "authorize", "validate"]) expect(r.stdout).toContain(`  ${c} `);
  });

  it("without a command prints the help and exits 1", () => {
    const r = cli([]);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^Usage: iam-edge <command>/);
  });

  it.each(["simulate", "authorize", "validate"])("%s --help (and -h, and help %s) prints its usage, exit 0", (command) => {
    for (const args of [[command, "--help"], [command, "-h"], ["help", command], [command, "--action", "x", "--help"]]) {
      const r = cli(args);
      expect(r.status).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`^Usage: iam-edge ${command} `));
      expect(r.stdout).toContain("Exit status");
    }
  });

  it("--version prints the package version, at the top and after a command", () => {
    expect(cli(["--version"])).toMatchObject({ status: 0, stdout: `iam-edge ${pkg.version}\n` });
    expect(cli(["validate", "--version"])).toMatchObject({ status: 0, stdout: `iam-edge ${pkg.version}\n` });
  });

  it("an unknown command exits 1 with the list of commands", () => {
    const r = cli(["simulte"]);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe("iam-edge: unknown command `simulte` (one of simulate, authorize, validate, lint, bench; see `iam-edge --help`)\n");
  });

  it("package.json names bin/iam-edge.mjs as the `iam-edge` bin", () => {
    expect(pkg.bin).toEqual({ "iam-edge": "bin/iam-edge.mjs" });
    expect(readFileSync(join(root, "bin/iam-edge.mjs"), "utf8")).toMatch(/^#!\/usr\/bin\/env node\n/);
  });

  it.skipIf(!existsSync(join(root, "dist/cli.js")))("the bin runs the built dist/cli.js", () => {
    const r = spawnSync(process.execPath, [join(root, "bin/iam-edge.mjs"), "--version"], { encoding: "utf8" });
    expect(r.stdout).toBe(`iam-edge ${pkg.version}\n`);
    expect(r.status).toBe(0);
  });
});
