/**
 * @module cli/commands/authorize
 * `iam-edge authorize`: one decision from policy files. Exit status: 0 Allow, 2 ImplicitDeny,
 * 3 ExplicitDeny, 1 bad input (as `cedar authorize` does).
 */
import type { AuthorizationRequest, PolicySet } from "../../index.ts";
import { CliError, bool, list, parseArgs, required, splitList, str, type FlagSpecs, type Parsed } from "../args.ts";
import { parseContext, toEngineContext } from "../context.ts";
import { compileFiles, getEngine } from "../engine.ts";
import { formatAuthorization, type Io } from "../format.ts";
import { printableJson } from "../printable.ts";

export const AUTHORIZE_HELP = `Usage: iam-edge authorize --policy FILE [--policy FILE ...] --action ACTION [options]

Decides one request against policy files, as AWS would: Allow, ExplicitDeny or ImplicitDeny,
the statement that decided (file:line:column, Sid) and the context keys the request lacked.

Policies (JSON files: an object, JSON text or URL-encoded JSON; \`-\` reads stdin):
  --policy FILE            an identity policy of the principal (repeatable)
  --boundary FILE          the principal's permissions boundary
  --session FILE           a session policy (repeatable)
  --resource-policy FILE   the resource's policy (bucket policy, key policy, ...)
  --trust-policy FILE      a role's trust policy, for sts:AssumeRole* (same slot as --resource-policy)
  --scp FILE[,FILE...]     one SCP level, root first then OUs then the account (repeatable;
                           commas put several SCPs in one level)
  --rcp FILE[,FILE...]     one RCP level, the same way (repeatable)

Request:
  --action ACTION          the action, e.g. s3:GetObject (required)
  --resource ARN           the resource (default: *)
  --principal ARN          who asks (default: arn:aws:iam::111122223333:user/cli)
  --resource-account ID    the account owning the resource (default: the principal's)
  --context KEY=VALUE      a context value, a string unless typed (repeatable)
  --context-type KEY=TYPE  the type of a context key: string, numeric, boolean, date, ip, binary,
                           or a list type (stringList, numericList, ...: VALUE is v1,v2)

Output:
  --json                   print the engine's result as JSON
  -h, --help               show this help

Exit status: 0 Allow, 2 ImplicitDeny, 3 ExplicitDeny, 1 bad input.

Example:
  iam-edge authorize --policy policy.json --action s3:GetObject --resource arn:aws:s3:::reports/q1.csv
`;

const FLAGS: FlagSpecs = {
  policy: { type: "string", multiple: true },
  boundary: { type: "string" },
  session: { type: "string", multiple: true },
  "resource-policy": { type: "string" },
  "trust-policy": { type: "string" },
  scp: { type: "string", multiple: true },
  rcp: { type: "string", multiple: true },
  action: { type: "string" },
  resource: { type: "string" },
  principal: { type: "string" },
  "resource-account": { type: "string" },
  context: { type: "string", multiple: true },
  "context-type": { type: "string", multiple: true },
  json: { type: "boolean" },
};

export const DEFAULT_PRINCIPAL = "arn:aws:iam::111122223333:user/cli";

const EXIT = { Allow: 0, ImplicitDeny: 2, ExplicitDeny: 3 } as const;

export async function authorize(argv: readonly string[], io: Io): Promise<number> {
  const args = parseArgs(argv, FLAGS);
  if (bool(args, "help")) {
    io.out(AUTHORIZE_HELP);
    return 0;
  }
  if (args.positionals.length) throw new CliError(`unexpected argument \`${args.positionals[0]}\` (policy files go after \`--policy\`)`);
  // The request's options first: a usage error is reported before any file (or stdin) is read.
  const request = requestFrom(args);
  const set = await policySetFrom(args);
  const engine = await getEngine();
  const result = engine.authorize(request, set);
  if (bool(args, "json")) io.out(`${printableJson(result)}\n`);
  else io.out(`${formatAuthorization(result, (id) => id).join("\n")}\n`);
  return EXIT[result.decision];
}

function requestFrom(args: Parsed): AuthorizationRequest {
  const request: AuthorizationRequest = {
    principal: str(args, "principal") ?? DEFAULT_PRINCIPAL,
    action: required(args, "action", "the action to decide, e.g. s3:GetObject"),
    resource: str(args, "resource") ?? "*",
    context: toEngineContext(parseContext(list(args, "context"), list(args, "context-type"))),
  };
  const account = str(args, "resource-account");
  if (account !== undefined) {
    // An account id is 12 digits ("Your AWS account identifiers"); anything else made every request cross-account.
    if (!/^\d{12}$/.test(account)) throw new CliError(`\`--resource-account ${account}\`: expected a 12-digit account id`);
    request.resourceAccount = account;
  }
  return request;
}

/** Compiles every policy file into the set, each with its kind; every broken file is reported in one run. */
async function policySetFrom(args: Parsed): Promise<PolicySet> {
  const resourcePolicy = str(args, "resource-policy");
  const trustPolicy = str(args, "trust-policy");
  if (resourcePolicy && trustPolicy) throw new CliError("give `--resource-policy` or `--trust-policy`, not both: they fill the same slot");
  if (!list(args, "policy").length && !resourcePolicy && !trustPolicy) {
    throw new CliError("give at least one policy (`--policy FILE`, `--resource-policy FILE` or `--trust-policy FILE`)");
  }
  const boundary = str(args, "boundary");
  const levels = (name: string) => list(args, name).map((level) => splitList(level, `--${name} ${level}`, "FILE[,FILE...]"));
  const identity = list(args, "policy").map((file) => ({ file, kind: "identity" as const }));
  const session = list(args, "session").map((file) => ({ file, kind: "session" as const }));
  const scpLevels = levels("scp");
  const rcpLevels = levels("rcp");
  const compiled = await compileFiles([
    ...identity,
    ...(boundary ? [{ file: boundary, kind: "boundary" as const }] : []),
    ...session,
    ...(resourcePolicy ? [{ file: resourcePolicy, kind: "resource" as const }] : []),
    ...(trustPolicy ? [{ file: trustPolicy, kind: "trust" as const }] : []),
    ...scpLevels.flat().map((file) => ({ file, kind: "scp" as const })),
    ...rcpLevels.flat().map((file) => ({ file, kind: "rcp" as const })),
  ]);
  let i = 0;
  const take = (n: number) => compiled.slice(i, (i += n));
  const set: PolicySet = {};
  if (identity.length) set.identity = take(identity.length);
  if (boundary) set.boundary = take(1)[0];
  if (session.length) set.session = take(session.length);
  if (resourcePolicy || trustPolicy) set.resource = take(1)[0];
  if (scpLevels.length) set.scp = scpLevels.map((level) => take(level.length));
  if (rcpLevels.length) set.rcp = rcpLevels.map((level) => take(level.length));
  return set;
}
