/**
 * @module cli/main
 * `iam-edge`: the command line (Node only). Dispatches to the commands, prints help and the
 * version, and turns every failure into a one-line message and exit status 1, never a stack
 * trace (set IAM_EDGE_DEBUG=1 to see one). bin/iam-edge.mjs runs the built file, dist/cli.js.
 */
import { EngineInternalError, IamError, PolicyValidationError, RequestError } from "../index.ts";
import { CliError } from "./args.ts";
import { authorize } from "./commands/authorize.ts";
import { lint } from "./commands/lint.ts";
import { bench } from "./commands/bench.ts";
import { simulate } from "./commands/simulate.ts";
import { validate } from "./commands/validate.ts";
import { InvalidPolicyError } from "./engine.ts";
import { formatDiagnostic, type Io } from "./format.ts";
import { printable, printableText } from "./printable.ts";

declare const __IAM_EDGE_VERSION__: string | undefined;

export const HELP = `Usage: iam-edge <command> [options]

AWS IAM policy evaluation from the command line.

Commands:
  simulate   simulate a principal of an account (GAAD JSON) as IAM's SimulatePrincipalPolicy does
  authorize  decide one request against policy files; exit 0 Allow, 2 ImplicitDeny, 3 ExplicitDeny
  validate   check policy files and print their findings as file:line:column
  lint       Access Analyzer's policy checks offline, and account recommendations (text, JSON, SARIF)
  bench      measure decisions per second and latency of policy files on this machine

Options:
  -h, --help     show this help (\`iam-edge <command> --help\` for a command's)
  --version      print the version

Exit status 1 means bad input: a missing file, bad JSON, an invalid policy, an unknown option.
Documentation: docs/cli.md
`;

const COMMANDS: Record<string, (argv: readonly string[], io: Io) => Promise<number>> = { simulate, authorize, validate, lint, bench };

async function version(): Promise<string> {
  if (typeof __IAM_EDGE_VERSION__ === "string") return __IAM_EDGE_VERSION__;
  const { readFile } = await import("node:fs/promises");
  return JSON.parse(await readFile(new URL("../../package.json", import.meta.url), "utf8")).version;
}

/**
 * Runs one command line; resolves to the exit status. Output goes to `io`, every write through
 * printableText (cli/printable), so no control character of any input reaches the terminal
 * raw, even from a message that forgot to escape its values.
 */
export async function run(argv: readonly string[], terminal: Io): Promise<number> {
  const io: Io = { out: (text) => terminal.out(printableText(text)), err: (text) => terminal.err(printableText(text)) };
  const [command, ...rest] = argv;
  try {
    if (command === undefined || command === "--help" || command === "-h" || command === "help") {
      if (command === "help" && rest[0] && COMMANDS[rest[0]]) return await COMMANDS[rest[0]](["--help"], io);
      io.out(HELP);
      return command === undefined ? 1 : 0;
    }
    if (command === "--version" || command === "-v") {
      io.out(`iam-edge ${await version()}\n`);
      return 0;
    }
    const fn = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
    if (!fn) throw new CliError(`unknown command \`${command}\` (one of ${Object.keys(COMMANDS).join(", ")}; see \`iam-edge --help\`)`);
    if (rest.includes("--help") || rest.includes("-h")) return await fn(["--help"], io);
    if (rest.includes("--version")) {
      io.out(`iam-edge ${await version()}\n`);
      return 0;
    }
    return await fn(rest, io);
  } catch (err) {
    io.err(`${describe(err, command)}\n`);
    if (process.env.IAM_EDGE_DEBUG && err instanceof Error && err.stack) io.err(`${err.stack}\n`);
    return 1;
  }
}

/** The failure as lines for standard error; each message is one line, whatever it holds (cli/printable). */
function describe(err: unknown, command: string | undefined): string {
  if (err instanceof InvalidPolicyError) return err.lines.map(printable).join("\n");
  if (err instanceof CliError) {
    const hint = command && Object.hasOwn(COMMANDS, command) && /option|missing `--|unexpected argument/.test(err.message) ? ` (see \`iam-edge ${printable(command)} --help\`)` : "";
    return `iam-edge: ${printable(err.message)}${hint}`;
  }
  if (err instanceof IamError) {
    const lines = [`iam-edge: ${printable(err.code)}: ${printable(err.message)}`];
    for (const d of err.diagnostics ?? []) lines.push(`  ${formatDiagnostic("", d)}`);
    return lines.join("\n");
  }
  if (err instanceof PolicyValidationError) {
    return [`iam-edge: invalid policy: ${printable(err.message)}`, ...err.diagnostics.map((d) => `  ${formatDiagnostic("", d)}`)].join("\n");
  }
  if (err instanceof RequestError) return `iam-edge: invalid request: ${printable(err.message)}`;
  if (err instanceof EngineInternalError) return `iam-edge: engine error: ${printable(err.message)}`;
  const message = err instanceof Error ? err.message : String(err);
  return `iam-edge: internal error: ${printable(message)} (set IAM_EDGE_DEBUG=1 for the stack trace)`;
}

/** The process's streams as an Io; a closed stdout (`| head`) is not an error. */
export function processIo(): Io {
  process.stdout.on("error", (err: NodeJS.ErrnoException) => {
    if (err.code !== "EPIPE") throw err;
  });
  return { out: (t) => void process.stdout.write(t), err: (t) => void process.stderr.write(t) };
}

/** Entry for bin/iam-edge.mjs: runs `argv` and sets the exit status. */
export async function main(argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  process.exitCode = await run(argv, processIo());
}
