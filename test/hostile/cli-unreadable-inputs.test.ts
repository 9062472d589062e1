/**
 * Inputs that are not readable files (issue 13, item 14: the CLI audit): a directory, a path
 * through a file, a name longer than the system allows. Each is bad input (exit 1) with one
 * short reason; Node's own messages repeated the path (`ENAMETOOLONG: name too long, open
 * 'aaaa...'`). A pipe (`<(command)`) is read like a file.
 */
import { spawnSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildForTests, cleanup, cli, fixtures } from "../unit/cli/run-cli.ts";

let entry: string;
beforeAll(async () => {
  entry = await buildForTests();
});
afterAll(cleanup);

const cannotRead = (file: string, why: string) => ({ status: 1, stdout: "", stderr: `iam-edge: cannot read \`${file}\`: ${why}\n` });

describe("unreadable inputs", () => {
  it("a directory, in every command", () => {
    expect(cli(["validate", "/"])).toEqual(cannotRead("/", "is a directory"));
    expect(cli(["authorize", "--policy", ".", "--action", "s3:GetObject"])).toEqual(cannotRead(".", "is a directory"));
    expect(cli(["simulate", "--account", "/", "--principal", "alice", "--action", "s3:GetObject"])).toEqual(cannotRead("/", "is a directory"));
  });

  it("a path through a file", () => {
    expect(cli(["validate", "reports.json/policy.json"])).toEqual(cannotRead("reports.json/policy.json", "a part of the path is not a directory"));
  });

  it("a file name longer than the system allows names the reason once", () => {
    const name = `${"a".repeat(300)}.json`;
    expect(cli(["validate", name])).toEqual(cannotRead(name, "the file name is too long"));
  });

  it("reads a pipe given as a file name (bash's process substitution)", () => {
    const r = spawnSync("bash", ["-c", `"${process.execPath}" "${entry}" validate <(cat broken.json) <(cat reports.json)`], { cwd: fixtures, encoding: "utf8", timeout: 30_000 });
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^\/dev\/fd\/\d+:4:5 error MISSING_ACTION /);
    expect(r.stderr).toBe("");
  });
});
