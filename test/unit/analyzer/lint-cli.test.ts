/**
 * @module test/unit/analyzer/lint-cli.test
 * `iam-edge lint` as a child process (the CLI bundle of test/unit/cli/run-cli.ts): text lines
 * with file:line:column, JSON, SARIF 2.1.0 valid against the OASIS schema (the copy shipped by
 * @microsoft/jest-sarif, checked with the Ajv it ships, which reads draft-04), `--fail-on`
 * thresholds and exit statuses, `--account` on the sample account, and usage errors.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildForTests, cleanup, cli, positionOf, sampleAccount } from "../cli/run-cli.ts";

const require = createRequire(import.meta.url);
// Ajv 6 (draft-04) as the schema's package uses it, resolved from that package.
const sarifRequire = createRequire(require.resolve("@microsoft/jest-sarif/package.json"));
const Ajv = sarifRequire("ajv");
const schema = sarifRequire("./lib/schemas/sarif-2.1.0-rtm.5.json");
const ajv = new Ajv({ schemaId: "auto", validateSchema: false, allErrors: true });
ajv.addMetaSchema(sarifRequire("ajv/lib/refs/json-schema-draft-04.json"));
const validateSarif = ajv.compile(schema);

let dir: string;
const BAD = `{
  "Version": "2012-10-17",
  "Statement": [
    { "Effect": "Allow", "Action": "s3:GetObjectt", "Resource": "*" }
  ]
}
`;
const WARN = `{
  "Version": "2012-10-17",
  "Statement": [{ "Effect": "Allow", "Action": "iam:PassRole", "Resource": "*" }]
}
`;
const CLEAN = `{
  "Version": "2012-10-17",
  "Statement": [{ "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::bucket/*" }]
}
`;

beforeAll(async () => {
  await buildForTests();
  dir = mkdtempSync(join(tmpdir(), "iam-edge-lint-"));
  writeFileSync(join(dir, "bad.json"), BAD);
  writeFileSync(join(dir, "warn.json"), WARN);
  writeFileSync(join(dir, "clean.json"), CLEAN);
}, 120_000);
afterAll(() => {
  cleanup();
  rmSync(dir, { recursive: true, force: true });
});

describe("iam-edge lint", () => {
  it("prints file:line:column FINDING_TYPE ISSUE_CODE and exits 1 on an error finding", () => {
    const r = cli(["lint", "bad.json", "clean.json"], { cwd: dir });
    expect(r.status).toBe(1);
    const { line, column } = positionOf(BAD, '"s3:GetObjectt"');
    expect(r.stdout).toContain(`bad.json:${line}:${column} ERROR INVALID_ACTION`);
    expect(r.stdout).not.toContain("clean.json");
  });

  it("exits 0 below --fail-on, 1 at or above it", () => {
    expect(cli(["lint", "warn.json"], { cwd: dir }).status).toBe(0);
    const r = cli(["lint", "warn.json", "--fail-on", "security_warning"], { cwd: dir });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain("SECURITY_WARNING PASS_ROLE_WITH_STAR_IN_RESOURCE");
    expect(cli(["lint", "clean.json", "--fail-on", "suggestion"], { cwd: dir }).status).toBe(0);
  });

  it("--format json gives the findings in Access Analyzer's shape", () => {
    const r = cli(["lint", "bad.json", "--format", "json"], { cwd: dir });
    const out = JSON.parse(r.stdout);
    const f = out.policies[0].findings[0];
    expect(f).toMatchObject({ findingType: "ERROR", issueCode: "INVALID_ACTION" });
    expect(f.learnMoreLink).toMatch(/^https:\/\/docs\.aws\.amazon\.com\//);
    expect(f.locations[0].path).toEqual([{ value: "Statement" }, { index: 0 }, { value: "Action" }]);
  });

  it("--format sarif is valid SARIF 2.1.0 with a region per finding", () => {
    const r = cli(["lint", "bad.json", "warn.json", "--format", "sarif"], { cwd: dir });
    const log = JSON.parse(r.stdout);
    expect(validateSarif(log), JSON.stringify(validateSarif.errors)).toBe(true);
    expect(log.version).toBe("2.1.0");
    const results = log.runs[0].results;
    const bad = results.find((x: { ruleId: string }) => x.ruleId === "INVALID_ACTION");
    expect(bad.level).toBe("error");
    const { line, column } = positionOf(BAD, '"s3:GetObjectt"');
    expect(bad.locations[0].physicalLocation).toMatchObject({ artifactLocation: { uri: "bad.json" }, region: { startLine: line, startColumn: column } });
    // The schema check can fail: a region's lines start at 1.
    const broken = structuredClone(log);
    broken.runs[0].results[0].locations[0].physicalLocation.region.startLine = 0;
    expect(validateSarif(broken)).toBe(false);
  });

  it("--account lints every policy of a GAAD file and adds recommendations, valid SARIF too", () => {
    const r = cli(["lint", "--account", sampleAccount, "--format", "json"]);
    const out = JSON.parse(r.stdout);
    expect(out.errors).toEqual([]);
    expect(out.policies.length).toBeGreaterThan(1);
    expect(out.recommendations[0].recommendations.length).toBeGreaterThan(0);
    const sarif = JSON.parse(cli(["lint", "--account", sampleAccount, "--format", "sarif"]).stdout);
    expect(validateSarif(sarif), JSON.stringify(validateSarif.errors)).toBe(true);
  });

  it.each([
    [["lint"], /give at least one file/],
    [["lint", "x.json", "--format", "xml"], /unknown `--format xml`/],
    [["lint", "x.json", "--fail-on", "info"], /unknown `--fail-on info`/],
    [["lint", "x.json", "--kind", "session"], /unknown `--kind session`/],
    [["lint", "x.json", "--known-account", "1"], /goes with `--account`/],
  ])("%j is a usage error (exit 1, one line on stderr)", (argv, message) => {
    const r = cli(argv, { cwd: dir });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toMatch(/^iam-edge: /);
    expect(r.stdout).toBe("");
  });

  it("reports an unreadable file and goes on with the others", () => {
    const r = cli(["lint", "missing.json", "clean.json"], { cwd: dir });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^iam-edge: .*missing\.json/);
  });
});
