/**
 * @module test/unit/cli/validate
 * `iam-edge validate`: one `file:line:column severity CODE message` line per finding, with the
 * line and column (1-based) of the offending text; `--format json`; exit 1 on errors.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildForTests, cleanup, cli, fixtures, positionOf } from "./run-cli.ts";

beforeAll(buildForTests);
afterAll(cleanup);

const broken = readFileSync(join(fixtures, "broken.json"), "utf8");
const syntax = readFileSync(join(fixtures, "syntax.json"), "utf8");

describe("iam-edge validate", () => {
  it("prints each finding as file:line:column severity CODE message, at the offending text", () => {
    const r = cli(["validate", "broken.json"]);
    expect(r.status).toBe(1);
    const noAction = positionOf(broken, "{", '"Statement"'); // the statement without Action
    const effect = positionOf(broken, '"Permit"');
    expect([noAction, effect]).toEqual([{ line: 4, column: 5 }, { line: 11, column: 17 }]);
    expect(r.stdout.trimEnd().split("\n")).toEqual([
      `broken.json:${noAction.line}:${noAction.column} error MISSING_ACTION statement has no \`Action\` or \`NotAction\``,
      `broken.json:${effect.line}:${effect.column} error INVALID_EFFECT \`Effect\` must be \`Allow\` or \`Deny\` (case-sensitive), not \`Permit\``,
    ]);
  });

  it("points a JSON syntax error at the unexpected token", () => {
    const r = cli(["validate", "syntax.json"]);
    expect(r.status).toBe(1);
    const at = positionOf(syntax, '"Resource"');
    expect(r.stdout).toMatch(new RegExp(`^syntax\\.json:${at.line}:${at.column} error JSON_SYNTAX `));
  });

  it("exits 0 and prints nothing for a valid policy; other kinds have their own rules", () => {
    expect(cli(["validate", "reports.json", "boundary.json"])).toMatchObject({ status: 0, stdout: "", stderr: "" });
    const asResource = cli(["validate", "--kind", "resource", "reports.json"]);
    expect(asResource.status).toBe(1);
    expect(asResource.stdout).toContain("reports.json:4:5 error MISSING_PRINCIPAL");
    expect(cli(["validate", "--kind", "resource", "bucket-policy.json"]).status).toBe(0);
    expect(cli(["validate", "--kind", "scp", "scp-deny-delete.json"]).status).toBe(0);
  });

  it("validates several files in one run and fails when any has an error", () => {
    const r = cli(["validate", "reports.json", "broken.json", "syntax.json"]);
    expect(r.status).toBe(1);
    const files = r.stdout.trimEnd().split("\n").map((l) => l.split(":")[0]);
    expect(files).toEqual(["broken.json", "broken.json", "syntax.json"]);
  });

  it("--format json prints [{file, diagnostics}] with the engine's spans", () => {
    const r = cli(["validate", "--format", "json", "reports.json", "broken.json"]);
    expect(r.status).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out).toHaveLength(2);
    expect(out[0]).toEqual({ file: "reports.json", diagnostics: [] });
    expect(out[1].file).toBe("broken.json");
    expect(out[1].diagnostics.map((d: { code: string }) => d.code)).toEqual(["MISSING_ACTION", "INVALID_EFFECT"]);
    expect(out[1].diagnostics[0]).toMatchObject({ severity: "error", path: "/Statement/0", span: { start: { line: 4, column: 4 } } });
  });

  it("reports warnings without failing", () => {
    const r = cli(["validate", "-"], { input: '{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"iam:PassRole","Resource":"*"}}' });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^-:1:\d+ security_warning PASS_ROLE_WITH_STAR /);
  });

  it("a missing file is an error (exit 1) in both formats", () => {
    const text = cli(["validate", "nope.json", "reports.json"]);
    expect(text.status).toBe(1);
    expect(text.stderr).toContain("cannot read `nope.json`: no such file");
    const json = cli(["validate", "--format", "json", "nope.json"]);
    expect(json.status).toBe(1);
    expect(JSON.parse(json.stdout)).toEqual([{ file: "nope.json", diagnostics: [], error: "cannot read `nope.json`: no such file" }]);
  });

  it.each([
    [["--kind", "policy", "reports.json"], /unknown `--kind policy`/],
    [["--format", "xml", "reports.json"], /unknown `--format xml`/],
    [[], /give at least one policy file/],
    [["--strict", "reports.json"], /unknown option `--strict`/],
  ])("exits 1 on bad input: %j", (args, message) => {
    const r = cli(["validate", ...args]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(message);
  });
});
