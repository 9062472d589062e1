/**
 * @module test/unit/cli/authorize
 * `iam-edge authorize` as a child process: exit status 0 Allow, 2 ImplicitDeny, 3 ExplicitDeny,
 * 1 bad input; the human output names the decision, the deciding statement (file:line:column,
 * Sid) and the missing context keys; `--json` prints the engine's result.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildForTests, cleanup, cli, fixtures, positionOf } from "./run-cli.ts";

beforeAll(buildForTests);
afterAll(cleanup);

const reports = readFileSync(join(fixtures, "reports.json"), "utf8");
const mfaContext = [
  "--context", "aws:MultiFactorAuthPresent=true", "--context-type", "aws:MultiFactorAuthPresent=boolean",
  "--context", "aws:MultiFactorAuthAge=120", "--context-type", "aws:MultiFactorAuthAge=numeric",
];

describe("iam-edge authorize", () => {
  it("exits 0 on Allow and names the statement by file:line:column and Sid", () => {
    const r = cli(["authorize", "--policy", "reports.json", "--action", "s3:GetObject", "--resource", "arn:aws:s3:::reports/q1.csv"]);
    expect(r.status).toBe(0);
    const at = positionOf(reports, "{", '"Statement"'); // the first statement's `{`
    expect(at).toEqual({ line: 4, column: 5 });
    expect(r.stdout).toBe(
      `Allow (IdentityAllow: an identity policy allows)\n  by identity policy reports.json:${at.line}:${at.column} statement 0, Sid ReadReports (Allow)\n`,
    );
    expect(r.stderr).toBe("");
  });

  it("exits 3 on ExplicitDeny, naming the Deny statement", () => {
    const r = cli(["authorize", "--policy", "reports.json", "--action", "s3:GetObject", "--resource", "arn:aws:s3:::reports/secret/pay.csv"]);
    expect(r.status).toBe(3);
    expect(r.stdout).toMatch(/^ExplicitDeny \(ExplicitDeny/);
    expect(r.stdout).toContain("reports.json:10:5 statement 1, Sid NoSecrets (Deny)");
  });

  it("exits 2 on ImplicitDeny", () => {
    const r = cli(["authorize", "--policy", "reports.json", "--action", "s3:PutObject", "--resource", "arn:aws:s3:::reports/q1.csv"]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("ImplicitDeny (NoAllow: no statement allows)\n");
  });

  it("lists the context keys the request lacked", () => {
    const r = cli(["authorize", "--policy", "mfa.json", "--action", "s3:DeleteObject", "--resource", "arn:aws:s3:::reports/q1.csv"]);
    expect(r.status).toBe(2);
    expect(r.stdout).toContain("missing context values: aws:MultiFactorAuthPresent, aws:MultiFactorAuthAge");
  });

  it("types context values: booleans and numbers", () => {
    const r = cli(["authorize", "--policy", "mfa.json", "--action", "s3:DeleteObject", "--resource", "arn:aws:s3:::reports/q1.csv", ...mfaContext]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("Sid DeleteWithMfa");
    const old = cli(["authorize", "--policy", "mfa.json", "--action", "s3:DeleteObject", "--resource", "arn:aws:s3:::reports/q1.csv",
      "--context", "aws:MultiFactorAuthPresent=true", "--context-type", "aws:MultiFactorAuthPresent=boolean",
      "--context", "aws:MultiFactorAuthAge=7200", "--context-type", "aws:MultiFactorAuthAge=numeric"]);
    expect(old.status).toBe(2);
  });

  it("splits list values on commas with a list type, and a list key may repeat", () => {
    const base = ["authorize", "--policy", "mfa.json", "--action", "s3:PutObject", "--resource", "arn:aws:s3:::reports/q1.csv", "--context-type", "aws:TagKeys=stringList"];
    expect(cli([...base, "--context", "aws:TagKeys=project,owner"]).status).toBe(0);
    expect(cli([...base, "--context", "aws:TagKeys=project", "--context", "aws:TagKeys=owner"]).status).toBe(0);
    expect(cli([...base, "--context", "aws:TagKeys=project,secret"]).status).toBe(2);
  });

  it("--json prints the engine's result", () => {
    const r = cli(["authorize", "--policy", "reports.json", "--action", "s3:GetObject", "--resource", "arn:aws:s3:::reports/q1.csv", "--json"]);
    expect(r.status).toBe(0);
    const result = JSON.parse(r.stdout);
    expect(Object.keys(result).sort()).toEqual(["decision", "matchedStatements", "missingContextValues", "reason"]);
    expect(result).toMatchObject({
      decision: "Allow",
      reason: { code: "IdentityAllow" },
      missingContextValues: [],
      matchedStatements: [{ policyId: "reports.json", kind: "identity", statementIndex: 0, sid: "ReadReports", effect: "Allow", span: { start: { line: 4, column: 4 } } }],
    });
    const denied = JSON.parse(cli(["authorize", "--policy", "reports.json", "--action", "s3:GetObject", "--resource", "arn:aws:s3:::reports/secret/x", "--json"]).stdout);
    expect(denied).toMatchObject({ decision: "ExplicitDeny", reason: { code: "ExplicitDeny" }, matchedStatements: [{ sid: "NoSecrets", effect: "Deny" }] });
  });

  it("applies a permissions boundary", () => {
    const r = cli(["authorize", "--policy", "mfa.json", "--boundary", "boundary.json", "--action", "s3:DeleteObject", "--resource", "arn:aws:s3:::reports/q1.csv", ...mfaContext]);
    expect(r.status).toBe(2);
    expect(r.stdout).toMatch(/^ImplicitDeny \(BoundaryNoAllow/);
    expect(cli(["authorize", "--policy", "reports.json", "--boundary", "boundary.json", "--action", "s3:GetObject", "--resource", "arn:aws:s3:::reports/q1.csv"]).status).toBe(0);
  });

  it("applies SCP levels (one --scp per level)", () => {
    const args = ["authorize", "--policy", "mfa.json", "--action", "s3:DeleteObject", "--resource", "arn:aws:s3:::reports/q1.csv", ...mfaContext];
    const r = cli([...args, "--scp", "scp-deny-delete.json"]);
    expect(r.status).toBe(3);
    expect(r.stdout).toContain("by scp policy scp-deny-delete.json:5:5 statement 1, Sid NoDeletes (Deny)");
    // A level with only the boundary-like allow list: no SCP allows s3:DeleteObject at level 1.
    const level = cli([...args, "--scp", "scp-deny-delete.json", "--scp", "boundary.json", "--json"]);
    expect(JSON.parse(level.stdout).decision).toBe("ExplicitDeny");
    const noAllow = cli(["authorize", "--policy", "reports.json", "--action", "s3:GetObject", "--resource", "arn:aws:s3:::reports/q1.csv", "--scp", "boundary.json", "--scp", "mfa.json", "--json"]);
    expect(JSON.parse(noAllow.stdout)).toMatchObject({ decision: "ImplicitDeny", reason: { code: "ScpNoAllow", level: 1 } });
  });

  it("decides cross-account requests with a resource policy", () => {
    const base = ["authorize", "--resource-policy", "bucket-policy.json", "--principal", "arn:aws:iam::444455556666:user/partner", "--action", "s3:GetObject", "--resource", "arn:aws:s3:::reports/shared/x.csv", "--resource-account", "111122223333"];
    const r = cli([...base, "--json"]);
    expect(r.status).toBe(2);
    expect(JSON.parse(r.stdout).reason.code).toBe("CrossAccountNoIdentityAllow");
    const both = cli([...base, "--policy", "reports.json"]);
    expect(both.status).toBe(0);
  });

  it("exits 1 with every diagnostic of an invalid policy, and no stack trace", () => {
    const r = cli(["authorize", "--policy", "broken.json", "--policy", "syntax.json", "--action", "s3:GetObject"]);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("broken.json: not a valid identity policy:");
    expect(r.stderr).toContain("broken.json:4:5 error MISSING_ACTION");
    expect(r.stderr).toContain("broken.json:11:17 error INVALID_EFFECT");
    expect(r.stderr).toContain("syntax.json:4:");
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it.each([
    [["--policy", "missing.json", "--action", "s3:GetObject"], /cannot read `missing.json`: no such file/],
    [["--policy", "reports.json"], /missing `--action`/],
    [["--action", "s3:GetObject"], /give at least one policy/],
    [["--polcy", "reports.json", "--action", "s3:GetObject"], /unknown option `--polcy` \(did you mean `--policy`\?\)/],
    [["--policy", "reports.json", "--action"], /option `--action` needs a value/],
    [["--policy", "reports.json", "--action", "s3:GetObject", "--context", "novalue"], /expected KEY=VALUE/],
    [["--policy", "reports.json", "--action", "s3:GetObject", "--context", "k=maybe", "--context-type", "k=boolean"], /`maybe` is not a boolean/],
    [["--policy", "reports.json", "--action", "s3:GetObject", "--context", "k=ten", "--context-type", "k=numeric"], /`ten` is not a number/],
    [["--policy", "reports.json", "--action", "s3:GetObject", "--context", "k=1", "--context-type", "k=float"], /unknown type `float`/],
    [["--policy", "reports.json", "--action", "s3:GetObject", "--context-type", "k=string"], /names `k`, which no `--context` gives/],
    [["--policy", "reports.json", "--action", "s3:GetObject", "--context", "k=1", "--context", "k=2"], /given twice/],
    [["--policy", "reports.json", "--action", "s3:GetObject", "--principal="], /`--principal` must not be empty/],
    [["--policy", "-", "--action", "s3:GetObject"], /JSON_SYNTAX|not a valid identity policy/],
    [["reports.json", "--action", "s3:GetObject"], /unexpected argument `reports.json`/],
  ])("exits 1 on bad input: %j", (args, message) => {
    const r = cli(["authorize", ...args], { input: "not json" });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it("reads a policy from stdin with `-`", () => {
    const r = cli(["authorize", "--policy", "-", "--action", "s3:GetObject", "--resource", "arn:aws:s3:::reports/q1.csv"], { input: reports });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("by identity policy -:4:5 statement 0, Sid ReadReports");
  });
});
