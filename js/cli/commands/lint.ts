/**
 * @module cli/commands/lint
 * `iam-edge lint FILE...`: Access Analyzer's policy checks (and iam-edge's security findings)
 * on policy files, or, with `--account`, on every policy of account files (GAAD) plus the
 * account's recommendations. Output as text, JSON or SARIF 2.1.0; exit status 1 when a finding
 * is at or above `--fail-on` (default `error`) or an input cannot be read, 0 otherwise.
 */
import { loadCatalog, recommendAccount, validatePolicyWith, type Catalog, type FindingType, type PolicyType, type ValidatePolicyResourceType } from "../../analyzer/index.ts";
import { VALIDATE_POLICY_RESOURCE_TYPES } from "../../analyzer/types.ts";
import { CliError, bool, list, parseArgs, str, type FlagSpecs } from "../args.ts";
import { lineColumn, readText } from "../files.ts";
import { tuneJitForBatch } from "../jit.ts";
import { tooDeepAt } from "../json-depth.ts";
import { ACCOUNT_INPUT, ACCOUNT_MAX_DEPTH } from "../limits.ts";
import type { Io } from "../format.ts";
import { printable, printableJson } from "../printable.ts";
import { gaadDocuments, inFile } from "./lint-gaad.ts";
import { failed, FINDING_TYPES, textLines, type LintReport } from "./lint-output.ts";
import { toSarif } from "./lint-sarif.ts";

declare const __IAM_EDGE_VERSION__: string | undefined;

export const LINT_HELP = `Usage: iam-edge lint FILE... [--kind KIND] [--resource-type TYPE] [--format text|json|sarif]
                        [--fail-on error|security_warning|warning|suggestion]
       iam-edge lint --account GAAD.json... [--known-account ID ...] [options]

Runs IAM Access Analyzer's policy checks offline (docs/analyzer.md lists them) and iam-edge's
security findings on each policy file, printing one finding per line as
  file:line:column FINDING_TYPE ISSUE_CODE details
(line and column 1-based). With --account, each FILE is the JSON of
\`aws iam get-account-authorization-details\`: every inline, trust and customer-managed policy
in it is checked, and the account's recommendations follow (Security Hub control ids).
\`-\` reads stdin.

Options:
  --kind KIND            identity (default), resource, trust, scp or rcp
  --resource-type TYPE   for --kind resource: ${VALIDATE_POLICY_RESOURCE_TYPES.filter((t) => !t.startsWith("AWS::IAM")).join(", ")}
  --account              the files are account files (GAAD)
  --known-account ID     with --account: an account trust policies may name (repeatable)
  --format FORMAT        text (default), json ({ policies, recommendations, errors }) or sarif
                         (SARIF 2.1.0, for GitHub code scanning)
  --fail-on TYPE         the least severe finding type that fails the run (default error)
  -h, --help             show this help

Exit status: 1 when a finding is at or above --fail-on, or a file cannot be read; 0 otherwise.

Example:
  iam-edge lint --kind trust role-trust.json --fail-on security_warning
`;

const FLAGS: FlagSpecs = {
  kind: { type: "string" },
  "resource-type": { type: "string" },
  account: { type: "boolean" },
  "known-account": { type: "string", multiple: true },
  format: { type: "string" },
  "fail-on": { type: "string" },
};

const KINDS: Record<string, { policyType: PolicyType; resourceType?: ValidatePolicyResourceType }> = {
  identity: { policyType: "IDENTITY_POLICY" },
  resource: { policyType: "RESOURCE_POLICY" },
  trust: { policyType: "RESOURCE_POLICY", resourceType: "AWS::IAM::AssumeRolePolicyDocument" },
  scp: { policyType: "SERVICE_CONTROL_POLICY" },
  rcp: { policyType: "RESOURCE_CONTROL_POLICY" },
};

interface Options {
  kind: (typeof KINDS)[string];
  format: "text" | "json" | "sarif";
  failOn: FindingType;
  account: boolean;
  known: string[];
}

function options(argv: readonly string[]): Options & { files: string[] } | "help" {
  const args = parseArgs(argv, FLAGS);
  if (bool(args, "help")) return "help";
  const kindName = str(args, "kind") ?? "identity";
  if (!Object.hasOwn(KINDS, kindName)) throw new CliError(`unknown \`--kind ${kindName}\` (one of ${Object.keys(KINDS).join(", ")})`);
  const kind = { ...KINDS[kindName] };
  const resourceType = str(args, "resource-type");
  if (resourceType !== undefined) {
    if (kindName !== "resource") throw new CliError("`--resource-type` goes with `--kind resource`");
    if (!VALIDATE_POLICY_RESOURCE_TYPES.includes(resourceType as ValidatePolicyResourceType)) throw new CliError(`unknown \`--resource-type ${resourceType}\` (one of ${VALIDATE_POLICY_RESOURCE_TYPES.join(", ")})`);
    kind.resourceType = resourceType as ValidatePolicyResourceType;
  }
  const format = str(args, "format") ?? "text";
  if (format !== "text" && format !== "json" && format !== "sarif") throw new CliError(`unknown \`--format ${format}\` (text, json or sarif)`);
  const failOn = (str(args, "fail-on") ?? "error").toUpperCase() as FindingType;
  if (!FINDING_TYPES.includes(failOn)) throw new CliError(`unknown \`--fail-on ${str(args, "fail-on")}\` (error, security_warning, warning or suggestion)`);
  const account = bool(args, "account");
  const known = list(args, "known-account");
  if (known.length && !account) throw new CliError("`--known-account` goes with `--account`");
  for (const k of known) if (!/^\d{12}$/.test(k)) throw new CliError(`\`--known-account ${k}\`: expected a 12-digit account id`);
  if (account && str(args, "kind") !== undefined) throw new CliError("`--kind` does not go with `--account`: each policy of an account file is checked as its own kind");
  if (!args.positionals.length) throw new CliError("give at least one file to lint (see `iam-edge lint --help`)");
  return { kind, format, failOn, account, known, files: args.positionals };
}

export async function lint(argv: readonly string[], io: Io): Promise<number> {
  const o = options(argv);
  if (o === "help") {
    io.out(LINT_HELP);
    return 0;
  }
  tuneJitForBatch();
  const catalog = await loadCatalog();
  const report: LintReport = { policies: [], recommendations: [], errors: [] };
  const sources = new Map<string, string>();
  for (const file of o.files) {
    try {
      if (o.account) await lintAccount(catalog, file, o, report, sources);
      else lintPolicy(catalog, file, await readText(file), o, report);
    } catch (err) {
      if (!(err instanceof CliError)) throw err;
      report.errors.push({ file, error: err.message });
      if (o.format === "text") io.err(`iam-edge: ${printable(err.message)}\n`);
    }
  }
  if (o.format === "text") {
    const lines = textLines(report);
    if (lines.length) io.out(`${lines.join("\n")}\n`);
  } else if (o.format === "json") {
    io.out(`${printableJson(report)}\n`);
  } else {
    io.out(`${printableJson(toSarif(report, typeof __IAM_EDGE_VERSION__ === "string" ? __IAM_EDGE_VERSION__ : "0.0.0", sources))}\n`);
  }
  return failed(report, o.failOn) ? 1 : 0;
}

function lintPolicy(catalog: Catalog, file: string, text: string, o: Options, report: LintReport): void {
  const { findings } = validatePolicyWith(catalog, { policyDocument: text, policyType: o.kind.policyType, validatePolicyResourceType: o.kind.resourceType });
  report.policies.push({ file, findings });
}

async function lintAccount(catalog: Catalog, file: string, o: Options, report: LintReport, sources: Map<string, string>): Promise<void> {
  const text = await readText(file, ACCOUNT_INPUT);
  const deep = tooDeepAt(text, ACCOUNT_MAX_DEPTH);
  if (deep >= 0) throw new CliError(`${file}:${lineColumn(text, deep)}: nesting is deeper than ${ACCOUNT_MAX_DEPTH} levels, the limit for an account file`);
  sources.set(file, text);
  for (const doc of gaadDocuments(text, file)) {
    let { findings } = validatePolicyWith(catalog, { policyDocument: doc.text, policyType: doc.policyType, validatePolicyResourceType: doc.resourceType });
    // A boundary grants nothing: what it would allow as a grant is not a risk (AWS's own checks still apply).
    if (doc.boundaryOnly) findings = findings.filter((f) => !f.issueCode.startsWith("IAM_EDGE_"));
    for (const f of findings) for (const l of f.locations) l.span = { start: inFile(doc, l.span.start), end: inFile(doc, l.span.end) };
    report.policies.push({ file, policy: doc.name, arn: doc.arn, findings });
  }
  let recommendations;
  try {
    ({ recommendations } = await recommendAccount(text, { knownAccounts: o.known }));
  } catch (err) {
    throw new CliError(`${file}: ${(err as Error).message}`);
  }
  report.recommendations.push({ file, recommendations });
}
