/**
 * Empty list items and empty values (issue 13, item 14): `--scp ,,` made an SCP level with no
 * policy, so every request was denied (exit 2, a decision) instead of a usage error (exit 1).
 * Every comma list (`--scp`, `--rcp`, list-typed `--context`) refuses an empty item, and every
 * option refuses an empty value (`--boundary ""` and others were silently ignored), naming the
 * option; a key typed twice by `--context-type` is refused too (the last type won silently).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildForTests, cleanup, cli, sampleAccount } from "../unit/cli/run-cli.ts";

beforeAll(buildForTests);
afterAll(cleanup);

const authorize = ["authorize", "--policy", "reports.json", "--action", "s3:GetObject", "--resource", "arn:aws:s3:::reports/q1.csv"];
const usage = (message: string, command: string) => `iam-edge: ${message} (see \`iam-edge ${command} --help\`)\n`;
const emptyItem = (given: string, shape: string) => `iam-edge: \`${given}\`: the list has an empty item (expected ${shape})\n`;

describe("comma lists refuse empty items", () => {
  it.each(["--scp", "--rcp"])("%s with an empty item is a usage error, not an empty level", (option) => {
    for (const value of [",,", ",", "scp-deny-delete.json,", ",scp-deny-delete.json", "scp-deny-delete.json,,scp-deny-delete.json", " , "]) {
      const r = cli([...authorize, option, value]);
      expect(r, value).toEqual({ status: 1, stdout: "", stderr: emptyItem(`${option} ${value}`, "FILE[,FILE...]") });
    }
  });

  it("a full level still works, with two SCPs in it", () => {
    const level = ["--scp", "scp-deny-delete.json,scp-deny-delete.json"];
    expect(cli([...authorize, ...level]).status).toBe(0); // scp-deny-delete.json allows everything but deletes
    const r = cli(["authorize", "--policy", "reports.json", "--action", "s3:DeleteObject", ...level]);
    expect(r.status).toBe(3);
    expect(r.stdout).toContain("Sid NoDeletes (Deny)");
  });

  it("a list-typed --context refuses an empty item, in authorize and simulate", () => {
    const context = ["--context", "aws:TagKeys=project,,owner", "--context-type", "aws:TagKeys=stringList"];
    const message = emptyItem("--context aws:TagKeys=project,,owner", "v1,v2,... for a stringList key");
    expect(cli([...authorize, ...context])).toEqual({ status: 1, stdout: "", stderr: message });
    const simulate = ["simulate", "--account", sampleAccount, "--principal", "alice", "--action", "s3:GetObject", ...context];
    expect(cli(simulate)).toEqual({ status: 1, stdout: "", stderr: message });
    const trailing = cli([...authorize, "--context", "aws:TagKeys=project,", "--context-type", "aws:TagKeys=stringList"]);
    expect(trailing.stderr).toBe(emptyItem("--context aws:TagKeys=project,", "v1,v2,... for a stringList key"));
  });

  it("an empty string is still a value for a string key (s3:prefix=)", () => {
    const r = cli([...authorize, "--context", "s3:prefix=", "--json"]);
    expect(r.status).toBe(0);
  });
});

describe("options refuse empty values", () => {
  it.each([
    "--boundary", "--resource-policy", "--trust-policy", "--policy", "--session", "--scp", "--rcp", "--principal", "--resource-account", "--context",
  ])("authorize %s \"\"", (option) => {
    for (const args of [[option, ""], [`${option}=`]]) {
      expect(cli([...authorize, ...args]), args.join(" ")).toEqual({ status: 1, stdout: "", stderr: usage(`option \`${option}\` must not be empty`, "authorize") });
    }
  });

  it.each(["--account-id", "--resource-policy", "--resource-owner", "--caller-arn", "--action", "--resource", "--context-type"])("simulate %s \"\"", (option) => {
    const r = cli(["simulate", "--account", sampleAccount, "--principal", "alice", "--action", "s3:GetObject", option, ""]);
    expect(r).toEqual({ status: 1, stdout: "", stderr: usage(`option \`${option}\` must not be empty`, "simulate") });
  });

  it.each(["--kind", "--format"])("validate %s \"\"", (option) => {
    expect(cli(["validate", option, "", "reports.json"])).toEqual({ status: 1, stdout: "", stderr: usage(`option \`${option}\` must not be empty`, "validate") });
  });
});

describe("repeated options", () => {
  it("a context key typed twice is a usage error, whatever the case", () => {
    const r = cli([...authorize, "--context", "k=1", "--context-type", "k=numeric", "--context-type", "K=string"]);
    expect(r).toEqual({ status: 1, stdout: "", stderr: "iam-edge: `--context-type` gives `K` a type twice (`numeric` and `string`): give one\n" });
  });

  it("a single-valued option given twice is a usage error, in every command", () => {
    expect(cli([...authorize, "--boundary", "boundary.json", "--boundary", "boundary.json"]).stderr)
      .toBe(usage("option `--boundary` may be given only once", "authorize"));
    expect(cli(["validate", "--kind", "scp", "--kind", "rcp", "reports.json"]).stderr).toBe(usage("option `--kind` may be given only once", "validate"));
    expect(cli(["simulate", "--account", sampleAccount, "--account", sampleAccount, "--principal", "alice", "--action", "s3:GetObject"]).stderr)
      .toBe(usage("option `--account` may be given only once", "simulate"));
  });
});
