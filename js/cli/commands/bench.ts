/**
 * @module cli/commands/bench
 * `iam-edge bench POLICY_FILE... [--requests FILE | --sample N]`: what the user's own identity
 * policies cost. Prints decisions/s, p50 and p99 on the unlinked, linked and batch paths
 * (js/bench/measure.ts, the same code as the playground's Benchmark pane), with a progress line
 * on standard error while it runs.
 */
import { RequestError, type AuthorizationRequest, type PolicySet } from "../../index.ts";
import { sampleRequests } from "../../bench/sample-requests.ts";
import { measurePaths, type Measurement, type PathName } from "../../bench/measure.ts";
import { CliError, bool, parseArgs, str, type FlagSpecs, type Parsed } from "../args.ts";
import { compileFiles, getEngine } from "../engine.ts";
import { readText } from "../files.ts";
import { BENCH_MAX_REQUESTS, REQUESTS_INPUT } from "../limits.ts";
import type { Io } from "../format.ts";
import { printableJson } from "../printable.ts";
import { DEFAULT_PRINCIPAL } from "./authorize.ts";

export const BENCH_HELP = `Usage: iam-edge bench POLICY_FILE... [--requests FILE | --sample N] [options]

Measures what identity policies cost to decide on this machine: decisions per second, p50 and
p99 latency per decision, for three ways of calling the engine:
  unlinked  engine.authorize(request, { identity: [...] }) on every call, as the README does
  linked    engine.link(set) once, then engine.authorize(request, bundle)
  batch     engine.authorizeBatch(requests, bundle), 100 requests per call

Requests:
  --requests FILE   JSON lines, one request per line: {"action": "s3:GetObject", "resource":
                    "arn:aws:s3:::b/k", "principal": "...", "context": {...}} (\`-\` reads stdin)
  --sample N        N requests sampled from the policies' own actions, resources and condition
                    values (default: 1000; at most ${BENCH_MAX_REQUESTS.toLocaleString("en-US")})
  --seed N          the sample's seed (default: 1)
  --principal ARN   who asks in sampled requests (default: ${DEFAULT_PRINCIPAL})

Options:
  --time MS         time of each path's timed runs, in milliseconds (default: 2000; 10 to 600000)
  --json            print the figures as JSON
  -h, --help        show this help

Figures vary with the machine and its load; compare paths and policies in one run.

Example:
  iam-edge bench policy.json other.json --sample 5000
`;

const FLAGS: FlagSpecs = {
  requests: { type: "string" },
  sample: { type: "string" },
  seed: { type: "string" },
  principal: { type: "string" },
  time: { type: "string" },
  json: { type: "boolean" },
};

const LABEL: Record<PathName, string> = { unlinked: "unlinked authorize", linked: "linked authorize", batch: "linked authorizeBatch" };

/** A whole number flag in [min, max], or the default. */
function integer(args: Parsed, name: string, fallback: number, min: number, max: number): number {
  const text = str(args, name);
  if (text === undefined) return fallback;
  if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max) {
    throw new CliError(`\`--${name} ${text}\`: expected a whole number from ${min.toLocaleString("en-US")} to ${max.toLocaleString("en-US")}`);
  }
  return Number(text);
}

export async function bench(argv: readonly string[], io: Io): Promise<number> {
  const args = parseArgs(argv, FLAGS);
  if (bool(args, "help")) {
    io.out(BENCH_HELP);
    return 0;
  }
  if (!args.positionals.length) throw new CliError("give at least one policy file: `iam-edge bench POLICY_FILE...`");
  const requestsFile = str(args, "requests");
  if (requestsFile !== undefined && str(args, "sample") !== undefined) throw new CliError("give `--requests FILE` or `--sample N`, not both");
  const sample = integer(args, "sample", 1000, 1, BENCH_MAX_REQUESTS);
  const seed = integer(args, "seed", 1, 0, 2 ** 32 - 1);
  const timeMs = integer(args, "time", 2000, 10, 600_000);
  const principal = str(args, "principal") ?? DEFAULT_PRINCIPAL;

  const texts: string[] = [];
  for (const file of args.positionals) texts.push(await readText(file));
  const identity = await compileFiles(args.positionals.map((file, i) => ({ file, kind: "identity" as const, text: texts[i] })));
  const set: PolicySet = { identity };
  let requests: AuthorizationRequest[];
  let source: string;
  if (requestsFile !== undefined) {
    requests = await readRequests(requestsFile);
    source = `from ${requestsFile}`;
  } else {
    requests = sampleRequests(texts.map(documentOf), sample, seed, principal);
    if (!requests.length) throw new CliError("the policies name no actions to sample requests from: give `--requests FILE`");
    source = `sampled from the policies (seed ${seed})`;
  }
  const engine = await getEngine();
  checkRequests(engine, set, requests, requestsFile);
  const statements = identity.reduce((n, p) => n + p.statementCount, 0);
  const tty = process.stderr.isTTY === true;
  const m = await measurePaths(engine, set, requests, {
    timeMs,
    onProgress: (path, run, runs) => io.err(`${tty ? "\r\x1b[K" : ""}bench: ${LABEL[path]}, run ${run} of ${runs}${tty ? "" : "\n"}`),
    pause: () => new Promise((resolve) => setImmediate(resolve)),
  });
  if (tty) io.err("\r\x1b[K");
  const summary = { policies: identity.length, statements, requests: requests.length, source };
  if (bool(args, "json")) io.out(`${printableJson({ ...summary, decisions: m.decisions, paths: m.paths })}\n`);
  else io.out(report(summary, m));
  return 0;
}

/** The document a policy file holds (compile accepted it: JSON, or URL-encoded JSON). */
function documentOf(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return JSON.parse(decodeURIComponent(text.trim()));
  }
}

/** Each request decided once before timing, so a bad one is reported by its line, not mid-run. */
function checkRequests(engine: Awaited<ReturnType<typeof getEngine>>, set: PolicySet, requests: AuthorizationRequest[], file: string | undefined): void {
  for (let i = 0; i < requests.length; i++) {
    try {
      engine.authorize(requests[i], set);
    } catch (err) {
      if (!(err instanceof RequestError)) throw err;
      throw new CliError(`${file ? `${file}:${i + 1}` : `sampled request ${i + 1}`}: invalid request: ${err.message}`);
    }
  }
}

/** JSON lines: one request object per non-empty line; errors name the line (and column). */
async function readRequests(file: string): Promise<AuthorizationRequest[]> {
  const text = await readText(file, REQUESTS_INPUT);
  const out: AuthorizationRequest[] = [];
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (!line) continue;
    if (out.length === BENCH_MAX_REQUESTS) throw new CliError(`${file}: more than ${BENCH_MAX_REQUESTS.toLocaleString("en-US")} requests, the limit for a benchmark`);
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (err) {
      const at = /position (\d+)/.exec((err as Error).message);
      throw new CliError(`${file}:${i + 1}${at ? `:${Number(at[1]) + 1}` : ""}: not valid JSON (${(err as Error).message})`);
    }
    if (value === null || typeof value !== "object" || Array.isArray(value)) throw new CliError(`${file}:${i + 1}: expected a request object, e.g. {"action": "s3:GetObject"}`);
    const q = value as Partial<AuthorizationRequest>;
    if (typeof q.action !== "string") throw new CliError(`${file}:${i + 1}: the request has no \`action\` string`);
    out.push({ ...q, principal: q.principal ?? DEFAULT_PRINCIPAL, action: q.action });
  }
  if (!out.length) throw new CliError(`${file}: no requests (expected JSON lines, one request object per line)`);
  return out;
}

const rate = (x: number) => (x >= 1e6 ? `${(x / 1e6).toFixed(2)}M` : x >= 1e3 ? `${(x / 1e3).toFixed(1)}k` : x.toFixed(0));
const us = (x: number) => (x >= 1000 ? `${(x / 1000).toFixed(2)} ms` : `${x.toFixed(2)} us`);

function report(s: { policies: number; statements: number; requests: number; source: string }, m: Measurement): string {
  const rows = m.paths.map((p) => [LABEL[p.path], rate(p.decisionsPerSec), us(p.p50us), us(p.p99us)]);
  const head = ["path", "decisions/s", "p50", "p99"];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
  const total = s.requests;
  const pct = (n: number) => `${((n / total) * 100).toFixed(0)}%`;
  return [
    `${s.policies} ${s.policies === 1 ? "policy" : "policies"}, ${s.statements} statements; ${s.requests.toLocaleString("en-US")} requests ${s.source}`,
    `decisions: Allow ${pct(m.decisions.Allow)}, ExplicitDeny ${pct(m.decisions.ExplicitDeny)}, ImplicitDeny ${pct(m.decisions.ImplicitDeny)}`,
    "",
    line(head),
    ...rows.map(line),
    "",
  ].join("\n");
}
