/**
 * One read of each input (issue 13): standard input can be read only once, so `-` given for two
 * inputs read the policy for the first and an empty text for the second, which then failed as
 * an unrelated JSON error. Giving `-` twice is now a usage error that says so.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildForTests, cleanup, cli } from "../unit/cli/run-cli.ts";

beforeAll(buildForTests);
afterAll(cleanup);

const policy = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:*", Resource: "*" }] });
const twice = "iam-edge: standard input (`-`) is given for more than one input: it can be read only once\n";

describe("`-` stands for one input", () => {
  it("validate - - validates standard input once and refuses the second", () => {
    expect(cli(["validate", "-", "-"], { input: policy })).toEqual({ status: 1, stdout: "", stderr: twice });
  });

  it.each([
    [["--policy", "-", "--boundary", "-"]],
    [["--policy", "-", "--policy", "-"]],
    [["--policy", "reports.json", "--scp", "-,-"]],
    [["--policy", "-", "--session", "-"]],
  ])("authorize %j is bad input", (args) => {
    expect(cli(["authorize", ...args, "--action", "s3:GetObject"], { input: policy })).toEqual({ status: 1, stdout: "", stderr: twice });
  });

  it("simulate --account - --resource-policy - is bad input", () => {
    const r = cli(["simulate", "--account", "-", "--resource-policy", "-", "--principal", "arn:aws:iam::111122223333:user/a", "--action", "s3:GetObject"], { input: "{}" });
    expect(r).toEqual({ status: 1, stdout: "", stderr: twice });
  });

  it("one `-` still reads standard input", () => {
    const r = cli(["authorize", "--policy", "-", "--action", "s3:GetObject"], { input: policy });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Allow /);
  });
});
