/**
 * @module test/unit/cli/simulate
 * `iam-edge simulate` against the sample account (test/fixtures/sample-account.json, GAAD form):
 * alice (Developers, a permissions boundary, a home-folder inline policy with ${aws:username}),
 * carol (a RequireMFA policy with BoolIfExists aws:MultiFactorAuthPresent), bob (Admins), and
 * roles. `--json` must print exactly what `simulatePrincipalPolicy` returns, so it is compared
 * with an in-process call. Skipped while js/iam/simulate.ts or gaad.ts are placeholders.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Account, createEngine } from "../../../js/index.ts";
import { buildForTests, cleanup, cli, sampleAccount } from "./run-cli.ts";

const proto = Account.prototype as unknown as Record<string, unknown>;
const available = typeof proto.simulatePrincipalPolicy === "function";

beforeAll(buildForTests);
afterAll(cleanup);

const ALICE = "arn:aws:iam::111122223333:user/engineering/alice";
const CAROL = "arn:aws:iam::111122223333:user/finance/carol";
const HOME = "arn:aws:s3:::example-home/home/alice/notes.txt";
const FINANCE = "arn:aws:s3:::example-finance/q3.csv";
const MFA = ["--context", "aws:MultiFactorAuthPresent=true", "--context-type", "aws:MultiFactorAuthPresent=boolean"];

interface Result {
  EvalActionName: string;
  EvalDecision: string;
  MatchedStatements: { SourcePolicyId: string; SourcePolicyType: string; StartPosition?: { Line: number; Column: number } }[];
  MissingContextValues: string[];
  PermissionsBoundaryDecisionDetail?: { AllowedByPermissionsBoundary: boolean };
  ResourceSpecificResults: { EvalResourceName: string; EvalResourceDecision: string }[];
}

function simulate(args: string[]): { status: number; results: Result[]; stderr: string } {
  const r = cli(["simulate", "--account", sampleAccount, "--json", ...args]);
  return { status: r.status, results: r.status === 0 ? JSON.parse(r.stdout).EvaluationResults : [], stderr: r.stderr };
}

describe.skipIf(!available)("iam-edge simulate (sample account)", () => {
  it("alice may read and write her home folder (inline policy with ${aws:username}, within her boundary)", () => {
    const { status, results } = simulate(["--principal", ALICE, "--action", "s3:GetObject", "--action", "s3:PutObject", "--resource", HOME]);
    expect(status).toBe(0);
    expect(results.map((r) => [r.EvalActionName, r.EvalDecision])).toEqual([["s3:GetObject", "allowed"], ["s3:PutObject", "allowed"]]);
    expect(results[1].MatchedStatements).toContainEqual(expect.objectContaining({ SourcePolicyId: "user_alice_HomeFolder", SourcePolicyType: "user" }));
    expect(results[1].PermissionsBoundaryDecisionDetail).toEqual({ AllowedByPermissionsBoundary: true });
  });

  it("alice may not write another user's folder", () => {
    const { results } = simulate(["--principal", ALICE, "--action", "s3:PutObject", "--resource", "arn:aws:s3:::example-home/home/bob/notes.txt"]);
    expect(results[0].EvalDecision).toBe("implicitDeny");
  });

  it("alice is denied outside her permissions boundary even where ReadOnlyAccess allows", () => {
    const { results } = simulate(["--principal", ALICE, "--action", "dynamodb:GetItem", "--resource", "arn:aws:dynamodb:us-east-1:111122223333:table/app"]);
    expect(results[0]).toMatchObject({ EvalDecision: "implicitDeny", PermissionsBoundaryDecisionDetail: { AllowedByPermissionsBoundary: false } });
  });

  it("the default version of a managed policy applies (DeveloperTools v2 allows GitPush; v1 did not, v3 is not default)", () => {
    const repo = "arn:aws:codecommit:us-east-1:111122223333:app";
    const { results } = simulate(["--principal", ALICE, "--action", "codecommit:GitPush", "--action", "ec2:TerminateInstances", "--resource", repo]);
    expect(results[0]).toMatchObject({ EvalDecision: "allowed", MatchedStatements: expect.arrayContaining([expect.objectContaining({ SourcePolicyId: "DeveloperTools", SourcePolicyType: "user-managed" })]) });
    expect(results[1].EvalDecision).toBe("implicitDeny");
  });

  it("aws:PrincipalTag comes from the user's tags (team=blue)", () => {
    const instance = "arn:aws:ec2:us-east-1:111122223333:instance/i-0abc";
    const run = (team: string) => simulate(["--principal", "alice", "--action", "ec2:StartInstances", "--resource", instance, "--context", `ec2:ResourceTag/team=${team}`]).results[0].EvalDecision;
    expect(run("blue")).toBe("allowed");
    expect(run("red")).toBe("implicitDeny");
  });

  it("carol is denied without MFA (BoolIfExists) and allowed with aws:MultiFactorAuthPresent=true", () => {
    const without = simulate(["--principal", CAROL, "--action", "s3:GetObject", "--resource", FINANCE]);
    expect(without.results[0]).toMatchObject({ EvalDecision: "explicitDeny", MatchedStatements: [expect.objectContaining({ SourcePolicyId: "RequireMFA" })] });
    const withMfa = simulate(["--principal", CAROL, "--action", "s3:GetObject", "--resource", FINANCE, ...MFA]);
    expect(withMfa.results[0]).toMatchObject({ EvalDecision: "allowed", MatchedStatements: [expect.objectContaining({ SourcePolicyId: "user_carol_FinanceReports" })] });
    const noMfa = simulate(["--principal", CAROL, "--action", "s3:GetObject", "--resource", FINANCE, "--context", "aws:MultiFactorAuthPresent=false", "--context-type", "aws:MultiFactorAuthPresent=boolean"]);
    expect(noMfa.results[0].EvalDecision).toBe("explicitDeny");
  });

  it("bob (Admins, AdministratorAccess) may create users; roles are simulated too", () => {
    expect(simulate(["--principal", "bob", "--action", "iam:CreateUser"]).results[0].EvalDecision).toBe("allowed");
    const deploy = simulate(["--principal", "deploy", "--action", "dynamodb:DeleteTable", "--action", "lambda:UpdateFunctionCode", "--resource", "*"]).results;
    expect(deploy[0]).toMatchObject({ EvalDecision: "implicitDeny", PermissionsBoundaryDecisionDetail: { AllowedByPermissionsBoundary: false } });
    const app = simulate(["--principal", "app-server", "--action", "s3:GetObject", "--resource", "arn:aws:s3:::example-app-data/config.json"]).results;
    expect(app[0].EvalDecision).toBe("allowed");
  });

  it("--json prints exactly what simulatePrincipalPolicy returns", async () => {
    const engine = await createEngine();
    const account = await Account.fromAuthorizationDetails(readFileSync(sampleAccount, "utf8"), { accountId: "111122223333", engine });
    const request = {
      PolicySourceArn: CAROL,
      ActionNames: ["s3:GetObject", "s3:DeleteObject"],
      ResourceArns: [FINANCE, "arn:aws:s3:::example-finance/q4.csv"],
      ContextEntries: [{ ContextKeyName: "aws:MultiFactorAuthPresent", ContextKeyValues: ["true"], ContextKeyType: "boolean" as const }],
    };
    const expected = JSON.parse(JSON.stringify(await account.simulatePrincipalPolicy(request)));
    const r = cli(["simulate", "--account", sampleAccount, "--principal", CAROL, "--action", "s3:GetObject", "--action", "s3:DeleteObject",
      "--resource", FINANCE, "--resource", "arn:aws:s3:::example-finance/q4.csv", ...MFA, "--json"]);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(expected);
    expect(Object.keys(expected)).toEqual(expect.arrayContaining(["EvaluationResults", "IsTruncated"]));
    const perResource = JSON.parse(cli(["simulate", "--account", sampleAccount, "--principal", CAROL, "--action", "s3:GetObject",
      "--resource", FINANCE, "--resource", "arn:aws:s3:::example-finance/q4.csv", "--per-resource", "--json"]).stdout);
    expect(perResource.EvaluationResults).toHaveLength(2);
  });

  it("prints a readable summary by default", () => {
    const r = cli(["simulate", "--account", sampleAccount, "--principal", "carol", "--action", "s3:GetObject", "--resource", FINANCE]);
    expect(r.status).toBe(0);
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines[0]).toBe(CAROL);
    expect(lines[1]).toBe(`s3:GetObject on ${FINANCE}: explicitDeny`);
    expect(lines[2]).toMatch(/^ {2}by RequireMFA \(user-managed\) at line \d+, column \d+$/);
    expect(lines).toContain("  missing context values: aws:MultiFactorAuthPresent");
  });

  it("a bare name resolves to the user's ARN", () => {
    expect(simulate(["--principal", "ALICE", "--action", "s3:PutObject", "--resource", HOME])).toEqual(
      simulate(["--principal", ALICE, "--action", "s3:PutObject", "--resource", HOME]),
    );
  });
});

describe("iam-edge simulate: bad input (exit 1, no stack trace)", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "iam-edge-gaad-"));
    const gaad = JSON.parse(readFileSync(sampleAccount, "utf8"));
    gaad.UserDetailList[0].UserPolicyList[0].PolicyDocument = '{"Version":"2012-10-17","Statement":{"Effect":"Alow","Action":"s3:*","Resource":"*"}}';
    writeFileSync(join(dir, "broken-policy.json"), JSON.stringify(gaad, null, 2));
    writeFileSync(join(dir, "bad.json"), '{\n  "UserDetailList": [\n    {"UserName": "x",}\n  ]\n}\n');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each([
    [["--principal", "alice", "--action", "s3:GetObject"], /missing `--account`/],
    [["--account", "ACCOUNT", "--action", "s3:GetObject"], /missing `--principal`/],
    [["--account", "ACCOUNT", "--principal", "alice"], /missing `--action`/],
    [["--account", "nope.json", "--principal", "alice", "--action", "s3:GetObject"], /cannot read `nope.json`: no such file/],
    [["--account", "ACCOUNT", "--principal", "alice", "--action", "s3:GetObject", "--context", "k=1", "--context-type", "k=numbr"], /unknown type `numbr`/],
    [["--account", "ACCOUNT", "--principal", "mallory", "--action", "s3:GetObject"], /no user, role or group named `mallory`/],
    [["--account", "ACCOUNT", "--principal", "alice", "--action", "s3:GetObject", "--frobnicate"], /unknown option `--frobnicate`/],
  ])("%j", (args, message) => {
    const r = cli(["simulate", ...args.map((a) => (a === "ACCOUNT" ? sampleAccount : a))]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it("a file that is not JSON is reported with its line and column", () => {
    const r = cli(["simulate", "--account", join(dir, "bad.json"), "--principal", "x", "--action", "s3:GetObject"]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/bad\.json:3:\d+: not valid JSON/);
  });

  it("a GAAD file with a broken policy is reported by name, not skipped", () => {
    const r = cli(["simulate", "--account", join(dir, "broken-policy.json"), "--principal", "alice", "--action", "s3:GetObject"]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^iam-edge: MalformedPolicyDocument: .*HomeFolder/);
    expect(r.stderr).toContain("INVALID_EFFECT");
  });

  it.skipIf(!available)("an ARN that is not in the account is an error", () => {
    const r = cli(["simulate", "--account", sampleAccount, "--principal", "arn:aws:iam::111122223333:user/mallory", "--action", "s3:GetObject"]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^iam-edge: NoSuchEntity: /);
  });

  it.skipIf(!available)("an invalid action name is the simulator's InvalidInput", () => {
    const r = cli(["simulate", "--account", sampleAccount, "--principal", "alice", "--action", "s3:*"]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^iam-edge: InvalidInput: /);
  });
});
