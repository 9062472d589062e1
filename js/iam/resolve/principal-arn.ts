/**
 * @module iam/resolve/principal-arn
 * Principal ARNs as IAM writes them ("IAM identifiers"): `arn:PARTITION:iam::ACCOUNT:user/PATH/NAME`
 * (also group and role), `arn:PARTITION:iam::ACCOUNT:root`, and role sessions
 * `arn:PARTITION:sts::ACCOUNT:assumed-role/ROLE/SESSION` (the role's path dropped).
 */

const PRINCIPAL_ARN = /^arn:([a-z0-9-]+):(iam|sts)::(\d{12}):(.+)$/;

/** @internal A parsed principal or policy-source ARN. */
export interface ParsedArn {
  kind: "user" | "group" | "role" | "session" | "root";
  account: string;
  /** Entity name (the last path segment), role name for sessions. */
  name: string;
  sessionName?: string;
}

/** @internal */
export function parsePrincipalArn(arn: unknown): ParsedArn | undefined {
  if (typeof arn !== "string") return undefined;
  const m = PRINCIPAL_ARN.exec(arn);
  if (!m) return undefined;
  const [, , service, account, rest] = m;
  if (service === "iam") {
    if (rest === "root") return { kind: "root", account, name: "root" };
    const e = /^(user|group|role)(\/(?:[\x21-\x7e]*\/)?)?([\w+=,.@-]+)$/.exec(rest);
    if (!e) return undefined;
    return { kind: e[1] as "user" | "group" | "role", account, name: e[3] };
  }
  const s = /^assumed-role\/([\w+=,.@-]+)\/([\w+=,.@-]+)$/.exec(rest);
  if (s) return { kind: "session", account, name: s[1], sessionName: s[2] };
  return undefined;
}
