/**
 * @module analyzer/account/roles
 * Roles: unused for more than 90 days (IAM Access Analyzer's UnusedIAMRole finding; its
 * default tracking period is 90 days; service-linked roles are left out, AWS manages them), and
 * trust policies that let anyone assume the role ("Principal": "*" without a condition:
 * cloudsplaining's "assumable by any principal") or trust an account that is neither this one
 * nor one of `knownAccounts`.
 */
import { validatePolicy } from "../../policy/validate.ts";
import { recommendation, type AccountRecommendation } from "./controls.ts";
import type { AccountView, RoleView } from "./view.ts";

const DAY = 86_400_000;

export function roleRecommendations(view: AccountView, now: Date, knownAccounts: readonly string[]): AccountRecommendation[] {
  const out: AccountRecommendation[] = [];
  for (const r of view.roles) {
    unusedRole(out, r, now);
    trust(out, r, view.accountId, knownAccounts);
  }
  return out;
}

function unusedRole(out: AccountRecommendation[], r: RoleView, now: Date): void {
  if (r.lastUsed === undefined || r.path.startsWith("/aws-service-role/")) return;
  const since = r.lastUsed ?? r.created;
  const t = Date.parse(since);
  if (Number.isNaN(t)) return;
  const days = Math.floor((now.getTime() - t) / DAY);
  if (days > 90) out.push(recommendation("UNUSED_IAM_ROLE", "AWS::IAM::Role", r.arn, r.lastUsed ? `The role ${r.name} was last used ${days} days ago.` : `The role ${r.name} was created ${days} days ago and has not been used.`));
}

function trust(out: AccountRecommendation[], r: RoleView, own: string, known: readonly string[]): void {
  const policy = r.trust === undefined ? undefined : validatePolicy(r.trust, { kind: "trust" }).policy;
  if (!policy) return;
  const foreign = new Set<string>();
  for (const s of policy.statements) {
    if (s.effect !== "Allow" || !s.principal) continue;
    if (s.principal.star && s.conditions.length === 0) {
      out.push(recommendation("TRUST_POLICY_ANY_PRINCIPAL", "AWS::IAM::Role", r.arn, `The trust policy of ${r.name} lets any principal, in any account, assume it (statement ${s.index}).`));
    }
    for (const a of s.principal.aws) {
      const account = /^\d{12}$/.test(a) ? a : /^arn:[^:]+:(?:iam|sts)::(\d{12}):/.exec(a)?.[1];
      if (account && account !== own && !known.includes(account)) foreign.add(account);
    }
  }
  for (const account of foreign) {
    out.push(recommendation("TRUST_POLICY_UNKNOWN_ACCOUNT", "AWS::IAM::Role", r.arn, `The trust policy of ${r.name} trusts account ${account}, which is not among the known accounts.`));
  }
}
