/**
 * @module test/unit/cli/bench
 * `iam-edge bench` as a child process: its arguments, its usage errors (exit 1, one line, no
 * stack), the shape of its output (three paths, a progress line per run on standard error, the
 * JSON figures) and that the decisions it reports are the engine's. Never its timing: runs use
 * `--time 10` and the figures are only checked to be positive numbers.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildForTests, cleanup, cli } from "./run-cli.ts";

let dir: string;
beforeAll(async () => {
  await buildForTests();
  dir = mkdtempSync(join(tmpdir(), "iam-edge-bench-"));
});
afterAll(() => {
  cleanup();
  rmSync(dir, { recursive: true, force: true });
});

const file = (name: string, text: string) => {
  writeFileSync(join(dir, name), text);
  return join(dir, name);
};

describe("iam-edge bench", () => {
  it("samples requests from the policies and prints decisions/s, p50 and p99 for three paths, with progress on stderr", () => {
    const r = cli(["bench", "reports.json", "mfa.json", "--sample", "200", "--time", "10"]);
    expect(r.status).toBe(0);
    const lines = r.stdout.split("\n");
    expect(lines[0]).toBe("2 policies, 4 statements; 200 requests sampled from the policies (seed 1)");
    expect(lines[1]).toMatch(/^decisions: Allow \d+%, ExplicitDeny \d+%, ImplicitDeny \d+%$/);
    expect(lines[3]).toMatch(/^path\s+decisions\/s\s+p50\s+p99$/);
    const rows = lines.slice(4, 7);
    expect(rows.map((l) => l.split(/\s{2,}/)[0])).toEqual(["unlinked authorize", "linked authorize", "linked authorizeBatch"]);
    for (const row of rows) expect(row).toMatch(/\s[\d.]+[kM]?\s+[\d.]+ (us|ms)\s+[\d.]+ (us|ms)$/);
    // Not a TTY: one progress line per run, five runs per path.
    const progress = r.stderr.trim().split("\n");
    expect(progress).toHaveLength(15);
    expect(progress[0]).toBe("bench: unlinked authorize, run 1 of 5");
    expect(progress[14]).toBe("bench: linked authorizeBatch, run 5 of 5");
  });

  it("--json: the figures and the decisions of requests read from a JSON lines file", () => {
    const requests = file("requests.jsonl", [
      JSON.stringify({ action: "s3:GetObject", resource: "arn:aws:s3:::reports/q1.csv" }),
      "",
      JSON.stringify({ action: "s3:GetObject", resource: "arn:aws:s3:::reports/secret/pay.csv" }),
      JSON.stringify({ action: "s3:PutObject", resource: "arn:aws:s3:::reports/q1.csv", principal: "arn:aws:iam::111122223333:user/bob" }),
    ].join("\n"));
    const r = cli(["bench", "reports.json", "--requests", requests, "--time", "10", "--json"]);
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    // reports.json allows s3:GetObject on reports/* and denies reports/secret/*: one of each, and no allow for PutObject.
    expect(out).toMatchObject({ policies: 1, statements: 2, requests: 3, source: `from ${requests}`, decisions: { Allow: 1, ExplicitDeny: 1, ImplicitDeny: 1 } });
    expect(out.paths.map((p: { path: string }) => p.path)).toEqual(["unlinked", "linked", "batch"]);
    for (const p of out.paths) {
      expect(p.decisionsPerSec).toBeGreaterThan(0);
      expect(p.p99us).toBeGreaterThanOrEqual(p.p50us);
      expect(p.runs).toHaveLength(5);
    }
  });

  it("the same seed samples the same requests, so the decision mix repeats", () => {
    const a = JSON.parse(cli(["bench", "reports.json", "mfa.json", "--sample", "300", "--seed", "7", "--time", "10", "--json"]).stdout);
    const b = JSON.parse(cli(["bench", "reports.json", "mfa.json", "--sample", "300", "--seed", "7", "--time", "10", "--json"]).stdout);
    expect(a.decisions).toEqual(b.decisions);
    expect(a.decisions.Allow + a.decisions.ExplicitDeny + a.decisions.ImplicitDeny).toBe(300);
  });

  it.each([
    [["bench"], "give at least one policy file"],
    [["bench", "reports.json", "--sample", "0"], "`--sample 0`: expected a whole number from 1 to 100,000"],
    [["bench", "reports.json", "--sample", "1e3"], "`--sample 1e3`: expected a whole number"],
    [["bench", "reports.json", "--time", "5"], "`--time 5`: expected a whole number from 10 to 600,000"],
    [["bench", "reports.json", "--sample", "10", "--requests", "x.jsonl"], "give `--requests FILE` or `--sample N`, not both"],
    [["bench", "missing.json"], "cannot read `missing.json`: no such file"],
    [["bench", "reports.json", "--requests", "missing.jsonl"], "cannot read `missing.jsonl`: no such file"],
    [["bench", "reports.json", "--frobnicate"], "unknown option `--frobnicate`"],
  ])("exits 1 on bad arguments: %j", (args, message) => {
    const r = cli(args);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain(message);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
  });

  it("exits 1 naming the file, line and column of a bad requests file", () => {
    const bad = file("bad.jsonl", `${JSON.stringify({ action: "s3:GetObject" })}\n{"action": "s3:GetObject",}\n`);
    expect(cli(["bench", "reports.json", "--requests", bad]).stderr).toMatch(new RegExp(`${bad}:2:\\d+: not valid JSON`));
    const noAction = file("no-action.jsonl", `{"resource": "*"}\n`);
    expect(cli(["bench", "reports.json", "--requests", noAction]).stderr).toContain(`${noAction}:1: the request has no \`action\` string`);
    const array = file("array.jsonl", `["s3:GetObject"]\n`);
    expect(cli(["bench", "reports.json", "--requests", array]).stderr).toContain(`${array}:1: expected a request object`);
    const empty = file("empty.jsonl", "\n\n");
    expect(cli(["bench", "reports.json", "--requests", empty]).stderr).toContain(`${empty}: no requests`);
    const invalid = file("invalid.jsonl", `${JSON.stringify({ action: "s3:GetObject" })}\n${JSON.stringify({ action: "s3:GetObject", principal: 7 })}\n`);
    const r = cli(["bench", "reports.json", "--requests", invalid]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`${invalid}:2: invalid request:`);
  });

  it("an invalid policy is reported with its position before anything is timed", () => {
    const r = cli(["bench", "broken.json", "--sample", "10", "--time", "10"]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^broken\.json: not a valid identity policy:\n {2}broken\.json:\d+:\d+ error [A-Z_]+ /);
  });

  it("is listed in the help, and has its own", () => {
    expect(cli(["--help"]).stdout).toContain("  bench      measure decisions per second");
    const r = cli(["bench", "--help"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Usage: iam-edge bench POLICY_FILE\.\.\. \[--requests FILE \| --sample N\]/);
  });
});
