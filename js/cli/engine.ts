/**
 * @module cli/engine
 * What the commands share: one engine per run, and compiling policy files with their
 * diagnostics reported as `file:line:column` lines.
 */
import { createEngine, PolicyValidationError, type CompiledPolicy, type Engine, type PolicyKind } from "../index.ts";
import { CliError } from "./args.ts";
import { readText } from "./files.ts";
import { formatDiagnostics } from "./format.ts";

let engine: Promise<Engine> | undefined;

export function getEngine(): Promise<Engine> {
  engine ??= createEngine();
  return engine;
}

/** A policy file that does not compile: its diagnostics, ready to print. */
export class InvalidPolicyError extends CliError {
  constructor(readonly lines: string[]) {
    super(lines.join("\n"));
    this.name = "InvalidPolicyError";
  }
}

/**
 * Compiles each file with its kind (`text`: its content, when the caller has read it already);
 * the policy id is the file name as given, so matched
 * statements point back to it. Every file is checked before failing, so one run lists every
 * broken policy.
 */
export async function compileFiles(files: readonly { file: string; kind: PolicyKind; text?: string }[]): Promise<CompiledPolicy[]> {
  const e = await getEngine();
  const out: CompiledPolicy[] = [];
  const problems: string[] = [];
  for (const { file, kind, text: given } of files) {
    const text = given ?? (await readText(file));
    try {
      out.push(e.compile(text, { kind, id: file }));
    } catch (err) {
      if (!(err instanceof PolicyValidationError)) throw err;
      problems.push(`${file}: not a valid ${kind} policy:`, ...formatDiagnostics(file, err.diagnostics.filter((d) => d.severity === "error")).map((l) => `  ${l}`));
    }
  }
  if (problems.length) throw new InvalidPolicyError(problems);
  return out;
}
