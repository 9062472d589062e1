/**
 * @module cli/commands/simulate-gaad
 * What `simulate` reads from an account file itself, before the account model loads it: the
 * account id its ARNs name, and the ARN of a principal given by name. The file is untrusted
 * JSON, so a list that is not an array, or an entry or name of the wrong type, is skipped
 * rather than trusted to have the shape GAAD documents (the model reports what is wrong).
 */
import { CliError } from "../args.ts";

type Entry = Record<string, unknown>;

/** The objects of `gaad[list]` when it is an array; nothing otherwise. */
function entries(gaad: Entry, list: string): Entry[] {
  const value = Object.hasOwn(gaad, list) ? gaad[list] : undefined;
  return Array.isArray(value) ? value.filter((e): e is Entry => typeof e === "object" && e !== null && !Array.isArray(e)) : [];
}

const text = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined);

/** The account id of the first customer ARN in the file (users, groups, roles, then policies). */
export function accountOf(gaad: Entry): string | undefined {
  for (const list of ["UserDetailList", "GroupDetailList", "RoleDetailList", "Policies"]) {
    for (const e of entries(gaad, list)) {
      const m = /^arn:[^:]+:iam::(\d{12}):/.exec(text(e.Arn) ?? "");
      if (m) return m[1];
    }
  }
  return undefined;
}

/** An ARN as given; a bare name looked up among users, then roles, then groups (ignoring case, as IAM names are). */
export function resolvePrincipal(principal: string, gaad: Entry, file: string): string {
  if (principal.startsWith("arn:")) return principal;
  const name = principal.toLowerCase();
  for (const [list, field] of [["UserDetailList", "UserName"], ["RoleDetailList", "RoleName"], ["GroupDetailList", "GroupName"]]) {
    const found = entries(gaad, list).find((e) => text(e[field])?.toLowerCase() === name && text(e.Arn));
    if (found) return found.Arn as string;
  }
  throw new CliError(`${file} has no user, role or group named \`${principal}\` (give a name from the file or an ARN)`);
}
