/**
 * Control characters in terminal output (issue 13, item 14): file names and policy strings were
 * printed with raw ESC bytes, so a file name or a policy could recolour, retitle or clear the
 * user's terminal, or forge lines of output. Every command's text and error output now escapes
 * C0 controls, DEL, C1 controls, bidirectional formatting characters, U+2028/U+2029 and lone
 * surrogates as `\uXXXX` (`\n`, `\r`, `\t` by name); JSON output escapes the ones JSON.stringify
 * leaves raw (DEL, C1, bidi) the same way, so it parses back to the same values.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildForTests, cleanup, cli, type CliRun } from "../unit/cli/run-cli.ts";

// An OSC title change, a screen clear, a C1 CSI, a right-to-left override, an isolate, a line
// separator, a carriage return, a tab and DEL: each does something to a terminal or a reader.
const NASTY = "\u001b]0;pwned\u0007\u001b[2J\u009b31m\u202eevil\u2066\u2028\r\t\u007f";
const NASTY_ESCAPED = "\\u001b]0;pwned\\u0007\\u001b[2J\\u009b31m\\u202eevil\\u2066\\u2028\\r\\t\\u007f";
// What an identity policy may hold (tab, line breaks, U+0020-U+00FF): C1's CSI and NEL, DEL, CR, tab.
const LATIN = "\u009b2J\u0085\u007f\r\t";
const LATIN_ESCAPED = "\\u009b2J\\u0085\\u007f\\r\\t";
const FILE = `bad${NASTY}\nname.json`;
const FILE_ESCAPED = `bad${NASTY_ESCAPED}\\nname.json`;
/** What must never reach a terminal raw; `\n` only as the CLI's own line breaks. */
const UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ufffd]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

let dir: string;
beforeAll(async () => {
  await buildForTests();
  dir = mkdtempSync(join(tmpdir(), "iam-edge-escape-"));
  writeFileSync(join(dir, FILE), JSON.stringify({ Version: "2012-10-17", Statement: [{ Sid: "Read", Effect: "Allow", Action: "s3:GetObject", Resource: "*" }] }));
  writeFileSync(join(dir, "effect.json"), JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: `${NASTY}Permit`, Action: "s3:*", Resource: "*" }] }));
  // Resource policies have no character check, so their condition keys can carry anything (and a lone surrogate).
  const key = `aws:PrincipalTag/x${NASTY}\ud800`;
  writeFileSync(join(dir, "keys.json"), JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: "*", Action: "s3:*", Resource: "*", Condition: { StringEquals: { [key]: "1" } } }],
  }));
  writeFileSync(join(dir, "gaad.json"), JSON.stringify({
    UserDetailList: [{
      UserName: "alice", UserId: "AIDAEXAMPLE1", Path: "/", Arn: "arn:aws:iam::111122223333:user/alice", CreateDate: "2024-01-01T00:00:00Z",
      UserPolicyList: [
        { PolicyName: `p${NASTY}`, PolicyDocument: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "*" }] } },
        { PolicyName: "keys", PolicyDocument: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:PutObject", Resource: "*", Condition: { StringEquals: { [`aws:PrincipalTag/${LATIN}`]: "1" } } }] } },
      ],
    }],
  }));
});
afterAll(() => {
  cleanup();
  rmSync(dir, { recursive: true, force: true });
});

const run = (args: string[], input?: string) => cli(args, { cwd: dir, input });

/** Nothing unsafe in either stream; returns the run for more checks. */
function safe(r: CliRun): CliRun {
  expect(r.stdout, "stdout").not.toMatch(UNSAFE);
  expect(r.stderr, "stderr").not.toMatch(UNSAFE);
  return r;
}

describe("validate", () => {
  it("escapes the file name and the policy text quoted in a finding, one line per finding", () => {
    const r = safe(run(["validate", "--kind", "resource", FILE]));
    expect(r.stdout.startsWith(`${FILE_ESCAPED}:1:38 error MISSING_PRINCIPAL `)).toBe(true);
    expect(r.stdout.split("\n")).toHaveLength(2);
    const effect = safe(run(["validate", "effect.json"]));
    expect(effect.stdout).toContain(`not \`${NASTY_ESCAPED}Permit\``);
    for (const line of effect.stdout.trimEnd().split("\n")) expect(line).toMatch(/^effect\.json:1:\d+ error [A-Z_]+ /);
  });

  it("escapes a file name in a read error", () => {
    const r = safe(run(["validate", `nope${NASTY}.json`]));
    expect(r.stderr).toBe(`iam-edge: cannot read \`nope${NASTY_ESCAPED}.json\`: no such file\n`);
  });

  it("--format json leaves no raw DEL, C1 or bidi character and parses back to the same names", () => {
    const r = safe(run(["validate", "--format", "json", "--kind", "resource", FILE, "effect.json", `nope${NASTY}.json`]));
    const out = JSON.parse(r.stdout);
    expect(out.map((f: { file: string }) => f.file)).toEqual([FILE, "effect.json", `nope${NASTY}.json`]);
    expect(out[1].diagnostics.map((d: { message: string }) => d.message).join()).toContain(`${NASTY}Permit`);
    expect(out[2].error).toBe(`cannot read \`nope${NASTY}.json\`: no such file`);
  });
});

describe("authorize", () => {
  it("escapes the policy file (its id) in the deciding statement, and missing context keys", () => {
    const r = safe(run(["authorize", "--policy", FILE, "--action", "s3:GetObject"]));
    expect(r.stdout).toBe(`Allow (IdentityAllow: an identity policy allows)\n  by identity policy ${FILE_ESCAPED}:1:38 statement 0, Sid Read (Allow)\n`);
    const keys = safe(run(["authorize", "--resource-policy", "keys.json", "--action", "s3:GetObject", "--resource", "arn:aws:s3:::b/k"]));
    expect(keys.stdout).toContain(`missing context values: aws:PrincipalTag/x${NASTY_ESCAPED}\\ud800\n`);
  });

  it("--json escapes what JSON.stringify leaves raw and parses back to the same values", () => {
    const r = safe(run(["authorize", "--policy", FILE, "--action", "s3:GetObject", "--json"]));
    expect(JSON.parse(r.stdout).matchedStatements[0].policyId).toBe(FILE);
    const keys = safe(run(["authorize", "--resource-policy", "keys.json", "--action", "s3:GetObject", "--json"]));
    expect(JSON.parse(keys.stdout).missingContextValues).toEqual([`aws:PrincipalTag/x${NASTY}\ud800`]);
  });

  it("escapes an invalid policy's file name and findings", () => {
    const r = safe(run(["authorize", "--policy", "effect.json", "--policy", FILE, "--boundary", "effect.json", "--action", "s3:GetObject"]));
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`not \`${NASTY_ESCAPED}Permit\``);
  });

  it("escapes arguments quoted in usage errors and engine errors", () => {
    expect(safe(run(["authorize", "--policy", FILE, "--action", "s3:GetObject", "--context", `k${NASTY}=1`, "--context-type", `k${NASTY}=nope${NASTY}`])).stderr)
      .toMatch(new RegExp(`^iam-edge: \`--context-type k${escapeRegExp(NASTY_ESCAPED)}=nope`));
    expect(safe(run(["authorize", `--x${NASTY}`])).stderr).toContain(`unknown option \`--x${NASTY_ESCAPED}\``);
    expect(safe(run([`authorize${NASTY}`])).stderr).toContain(`unknown command \`authorize${NASTY_ESCAPED}\``);
    safe(run(["authorize", "--policy", FILE, "--action", `s3:Get${NASTY}`, "--principal", `arn:${NASTY}`]));
  });
});

describe("simulate", () => {
  const simulate = ["simulate", "--account", "gaad.json", "--principal", "alice", "--action", "s3:GetObject", "--action", "s3:PutObject"];

  it("escapes policy names, context keys and resources from the account file and the arguments", () => {
    const r = safe(run([...simulate, "--resource", `arn:aws:s3:::b/${NASTY}`]));
    expect(r.stdout).toContain(`  by user_alice_p${NASTY_ESCAPED} (user)`);
    expect(r.stdout).toContain(`s3:GetObject on arn:aws:s3:::b/${NASTY_ESCAPED}: allowed`);
    expect(r.stdout).toContain(`missing context values: aws:PrincipalTag/${LATIN_ESCAPED}`);
  });

  it("--json parses back to the same names", () => {
    const out = JSON.parse(safe(run([...simulate, "--json"])).stdout);
    expect(out.EvaluationResults[0].MatchedStatements[0].SourcePolicyId).toBe(`user_alice_p${NASTY}`);
  });

  it("escapes names in errors: an unknown principal, an invalid action", () => {
    expect(safe(run(["simulate", "--account", "gaad.json", "--principal", `al${NASTY}`, "--action", "s3:GetObject"])).stderr)
      .toBe(`iam-edge: gaad.json has no user, role or group named \`al${NASTY_ESCAPED}\` (give a name from the file or an ARN)\n`);
    expect(safe(run(["simulate", "--account", "gaad.json", "--principal", "alice", "--action", `s3:${NASTY}`])).stderr).toContain(`s3:${NASTY_ESCAPED}`);
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
