/**
 * Hostile account files for `simulate` (issue 13, item 14: the CLI audit). A GAAD file whose
 * inline policy document nests 100,000 arrays overflowed the account model's recursion and came
 * out as "internal error: Maximum call stack size exceeded"; the CLI now refuses an account file
 * nested deeper than 100 levels (docs/limits.md) with the place it gets too deep (any valid
 * account nests at most 69: GAAD's 5 levels plus the engine's 64 for a document). And a list
 * that is not an array (`{"UserDetailList": 5}`) crashed the CLI's own account-id lookup.
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tooDeepAt } from "../../js/cli/json-depth.ts";
import { buildForTests, cleanup, cli, sampleAccount } from "../unit/cli/run-cli.ts";

beforeAll(buildForTests);
afterAll(cleanup);

/** An account with one user whose inline policy document is `depth` nested arrays. */
function accountWithDocumentDepth(depth: number): string {
  const user = '{"UserName":"a","UserId":"AIDAEXAMPLE","Path":"/","Arn":"arn:aws:iam::111122223333:user/a","CreateDate":"2024-01-01T00:00:00Z",\n"UserPolicyList":[{"PolicyName":"p","PolicyDocument":';
  return `{"UserDetailList":[${user}${"[".repeat(depth)}${"]".repeat(depth)}}]}]}`;
}
const simulate = ["simulate", "--account", "-", "--principal", "a", "--action", "s3:GetObject"];

describe("account file shape", () => {
  it.each([
    '{"UserDetailList":5}', '{"Policies":{"a":1}}', '{"RoleDetailList":"alice"}', '{"UserDetailList":[null,5,"x",[],{"UserName":"alice","Arn":5}]}',
  ])("%s is bad input, not an internal error", (gaad) => {
    expect(cli(simulate, { input: gaad })).toEqual({ status: 1, stdout: "", stderr: "iam-edge: -: no ARN in it names the account: give `--account-id`\n" });
    const r = cli([...simulate, "--account-id", "111122223333"], { input: gaad });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^iam-edge: InvalidInput: /);
  });

  it("a name of the wrong type is skipped when looking a principal up by name", () => {
    const gaad = JSON.stringify({ UserDetailList: [{ UserName: ["a"], Arn: "arn:aws:iam::111122223333:user/a" }], RoleDetailList: { a: 1 } });
    const r = cli(simulate, { input: gaad });
    expect(r.status).toBe(1);
    expect(r.stderr).not.toContain("internal error");
  });
});

describe("account file nesting", () => {
  it("refuses 100,000 levels with the place, exit 1, no internal error", () => {
    const r = cli(simulate, { input: accountWithDocumentDepth(100_000) });
    // The document starts at depth 5 (object, UserDetailList, user, UserPolicyList, policy), so level 101 is its 96th `[`.
    const column = '"UserPolicyList":[{"PolicyName":"p","PolicyDocument":'.length + 96;
    expect(r).toEqual({ status: 1, stdout: "", stderr: `iam-edge: -:2:${column}: nesting is deeper than 100 levels, the limit for an account file\n` });
  });

  it("hands 100 levels to the account model, which reports the document's own depth limit", () => {
    const r = cli(simulate, { input: accountWithDocumentDepth(95) });
    expect(r.status).toBe(1);
    expect(r.stderr).not.toContain("internal error");
    expect(r.stderr).toContain("JSON_TOO_DEEP");
  });

  it("counts brackets inside strings as text", () => {
    expect(tooDeepAt('{"a":"[[[[[[","b":[["\\"[["]]}', 3)).toBe(-1);
    expect(tooDeepAt('{"a":"[[[[[[","b":[["\\"[["]]}', 2)).toBe('{"a":"[[[[[[","b":['.length);
    expect(tooDeepAt('["a\\\\",[["\\\\\\""]]]', 2)).toBe('["a\\\\",['.length); // `"a\\"` ends at its second quote
    expect(tooDeepAt('["unterminated', 1)).toBe(-1);
    expect(tooDeepAt(readFileSync(sampleAccount, "utf8"), 100)).toBe(-1);
  });
});
