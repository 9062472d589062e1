/**
 * @module cli/commands/validate
 * `iam-edge validate FILE...`: every finding of each policy file, one per line as
 * `file:line:column severity CODE message`. Exit status 1 when any finding is an error (or a file
 * cannot be read), 0 otherwise.
 */
import type { Diagnostic, PolicyKind } from "../../index.ts";
import { CliError, bool, parseArgs, str, type FlagSpecs } from "../args.ts";
import { getEngine } from "../engine.ts";
import { readText } from "../files.ts";
import { formatDiagnostics, type Io } from "../format.ts";
import { printable, printableJson } from "../printable.ts";

export const VALIDATE_HELP = `Usage: iam-edge validate FILE... [--kind KIND] [--format text|json]

Checks policy files with the engine's rules for their kind (for identity, boundary and
session policies also IAM's own checks of new documents) and prints every finding as
  file:line:column severity CODE message
(line and column 1-based). Codes are listed in docs/diagnostics.md. \`-\` reads stdin.

Options:
  --kind KIND        identity (default), resource, trust, boundary, session, scp or rcp
  --format FORMAT    text (default) or json: [{ "file", "diagnostics": [...] }], spans as the
                     engine reports them (line 1-based, column and offset 0-based)
  -h, --help         show this help

Exit status: 1 when any finding is an error or a file cannot be read, 0 otherwise.

Example:
  iam-edge validate --kind trust role-trust.json
`;

const KINDS: PolicyKind[] = ["identity", "resource", "trust", "boundary", "session", "scp", "rcp"];

const FLAGS: FlagSpecs = {
  kind: { type: "string" },
  format: { type: "string" },
};

export async function validate(argv: readonly string[], io: Io): Promise<number> {
  const args = parseArgs(argv, FLAGS);
  if (bool(args, "help")) {
    io.out(VALIDATE_HELP);
    return 0;
  }
  const kind = (str(args, "kind") ?? "identity") as PolicyKind;
  if (!KINDS.includes(kind)) throw new CliError(`unknown \`--kind ${kind}\` (one of ${KINDS.join(", ")})`);
  const format = str(args, "format") ?? "text";
  if (format !== "text" && format !== "json") throw new CliError(`unknown \`--format ${format}\` (text or json)`);
  if (!args.positionals.length) throw new CliError("give at least one policy file to validate (see `iam-edge validate --help`)");

  const engine = await getEngine();
  const results: { file: string; diagnostics: Diagnostic[]; error?: string }[] = [];
  let failed = false;
  for (const file of args.positionals) {
    let text: string;
    try {
      text = await readText(file);
    } catch (err) {
      if (!(err instanceof CliError)) throw err;
      failed = true;
      results.push({ file, diagnostics: [], error: err.message });
      if (format === "text") io.err(`iam-edge: ${printable(err.message)}\n`);
      continue;
    }
    const diagnostics = engine.validate(text, { kind, iamChecks: true });
    if (diagnostics.some((d) => d.severity === "error")) failed = true;
    results.push({ file, diagnostics });
    if (format === "text" && diagnostics.length) io.out(`${formatDiagnostics(file, diagnostics).join("\n")}\n`);
  }
  if (format === "json") io.out(`${printableJson(results)}\n`);
  return failed ? 1 : 0;
}
