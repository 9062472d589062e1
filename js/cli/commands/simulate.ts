/**
 * @module cli/commands/simulate
 * `iam-edge simulate`: loads an account from the JSON of `aws iam
 * get-account-authorization-details` (GAAD) and runs `simulatePrincipalPolicy` for a user,
 * group or role of it. `--json` prints exactly what `simulatePrincipalPolicy` returns (the IAM
 * API's SimulatePolicyResponse); the default output is for people. Exit status 0 whatever the
 * decisions (as `aws iam simulate-principal-policy`), 1 on bad input.
 */
import { Account } from "../../index.ts";
import { CliError, bool, list, parseArgs, required, str, type FlagSpecs } from "../args.ts";
import { parseContext, type ContextEntry } from "../context.ts";
import { getEngine } from "../engine.ts";
import { lineColumn, readJson, readText } from "../files.ts";
import { tooDeepAt } from "../json-depth.ts";
import { ACCOUNT_INPUT, ACCOUNT_MAX_DEPTH } from "../limits.ts";
import type { Io } from "../format.ts";
import { printableJson } from "../printable.ts";
import { formatSimulation, type SimulateResponse } from "./simulate-format.ts";
import { accountOf, resolvePrincipal } from "./simulate-gaad.ts";

export const SIMULATE_HELP = `Usage: iam-edge simulate --account GAAD.json --principal ARN --action ACTION [options]

Loads an account from the output of \`aws iam get-account-authorization-details\` and simulates
requests of one of its users, groups or roles (IAM's SimulatePrincipalPolicy): the user's
inline and attached policies plus its groups', the permissions boundary, and the context keys
AWS derives from the principal (aws:username, aws:PrincipalTag/*, ...).

Options:
  --account FILE           the GAAD JSON (required; \`-\` reads stdin)
  --account-id ID          the account's 12-digit id (default: read from the ARNs in the file)
  --principal ARN|NAME     the user, group or role (PolicySourceArn); a bare name is looked up
                           among the file's users, then roles, then groups (required)
  --action ACTION          an action to simulate, e.g. s3:GetObject (required, repeatable)
  --resource ARN           a resource (repeatable; default: *)
  --context KEY=VALUE      a context entry, a string unless typed (repeatable)
  --context-type KEY=TYPE  its ContextKeyType: string, numeric, boolean, date, ip, binary, or a
                           list type (stringList, numericList, ...: VALUE is v1,v2)
  --resource-policy FILE   the resource's policy (ResourcePolicy)
  --resource-owner ARN     the account owning the resource (ResourceOwner)
  --caller-arn ARN         the caller, when it differs from the principal (CallerArn)
  --per-resource           one result per action and resource (the shape AWS returned before
                           2026-07-30) instead of one per action
  --json                   print exactly what simulatePrincipalPolicy returns
  -h, --help               show this help

Exit status: 0 when the simulation ran (whatever the decisions), 1 on bad input.

Example:
  iam-edge simulate --account gaad.json --principal alice --action s3:GetObject \\
    --resource arn:aws:s3:::example-home/home/alice/notes.txt
`;

const FLAGS: FlagSpecs = {
  account: { type: "string" },
  "account-id": { type: "string" },
  principal: { type: "string" },
  action: { type: "string", multiple: true },
  resource: { type: "string", multiple: true },
  context: { type: "string", multiple: true },
  "context-type": { type: "string", multiple: true },
  "resource-policy": { type: "string" },
  "resource-owner": { type: "string" },
  "caller-arn": { type: "string" },
  "per-resource": { type: "boolean" },
  json: { type: "boolean" },
};

export interface SimulateRequest {
  PolicySourceArn: string;
  ActionNames: string[];
  ResourceArns?: string[];
  ContextEntries?: ContextEntry[];
  ResourcePolicy?: string;
  ResourceOwner?: string;
  CallerArn?: string;
}

type Simulator = { simulatePrincipalPolicy?: (request: SimulateRequest, options?: { resultShape?: "per-action" | "per-resource" }) => Promise<SimulateResponse> };

export async function simulate(argv: readonly string[], io: Io): Promise<number> {
  const args = parseArgs(argv, FLAGS);
  if (bool(args, "help")) {
    io.out(SIMULATE_HELP);
    return 0;
  }
  if (args.positionals.length) throw new CliError(`unexpected argument \`${args.positionals[0]}\` (the account file goes after \`--account\`)`);
  const file = required(args, "account", "the GAAD JSON of `aws iam get-account-authorization-details`");
  const principal = required(args, "principal", "the ARN or name of a user, group or role");
  const actions = list(args, "action");
  if (!actions.length) throw new CliError("missing `--action` (an action to simulate, e.g. s3:GetObject)");
  const contextEntries = parseContext(list(args, "context"), list(args, "context-type"));

  const { text, value: gaad } = await readJson(file, ACCOUNT_INPUT);
  const deep = tooDeepAt(text, ACCOUNT_MAX_DEPTH);
  if (deep >= 0) throw new CliError(`${file}:${lineColumn(text, deep)}: nesting is deeper than ${ACCOUNT_MAX_DEPTH} levels, the limit for an account file`);
  if (!gaad || typeof gaad !== "object" || Array.isArray(gaad)) throw new CliError(`${file}: expected the JSON object \`aws iam get-account-authorization-details\` prints`);
  const details = gaad as Record<string, unknown>;
  const accountId = str(args, "account-id") ?? accountOf(details) ?? accountOf({ UserDetailList: [{ Arn: principal }] });
  if (!accountId) throw new CliError(`${file}: no ARN in it names the account: give \`--account-id\``);
  if (!/^\d{12}$/.test(accountId)) throw new CliError(`\`--account-id ${accountId}\`: expected a 12-digit account id`);

  const engine = await getEngine();
  const account = (await Account.fromAuthorizationDetails(gaad, { accountId, engine })) as Account & Simulator;
  if (typeof account.simulatePrincipalPolicy !== "function") {
    throw new CliError("this build has no simulatePrincipalPolicy (js/iam/simulate.ts has not landed)");
  }
  const request: SimulateRequest = {
    PolicySourceArn: resolvePrincipal(principal, details, file),
    ActionNames: actions,
  };
  const resources = list(args, "resource");
  if (resources.length) request.ResourceArns = resources;
  if (contextEntries.length) request.ContextEntries = contextEntries;
  const resourcePolicy = str(args, "resource-policy");
  if (resourcePolicy) request.ResourcePolicy = await readText(resourcePolicy);
  const owner = str(args, "resource-owner");
  if (owner) request.ResourceOwner = owner;
  const caller = str(args, "caller-arn");
  if (caller) request.CallerArn = caller;

  const response = await account.simulatePrincipalPolicy(request, bool(args, "per-resource") ? { resultShape: "per-resource" } : undefined);
  if (bool(args, "json")) io.out(`${printableJson(response)}\n`);
  else io.out(`${formatSimulation(request.PolicySourceArn, response).join("\n")}\n`);
  return 0;
}
