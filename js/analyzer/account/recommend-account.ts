/**
 * @module analyzer/account/recommend-account
 * `recommendAccount`: every recommendation for one account, from a model `Account` or GAAD
 * JSON (./view.ts), in a stable order: account-wide first, then by resource ARN.
 */
import type { AccountState } from "../../iam/account-state.ts";
import type { AccountRecommendation } from "./controls.ts";
import { credentialRecommendations } from "./credentials.ts";
import { passwordPolicyRecommendations } from "./password-policy.ts";
import { policyRecommendations } from "./policies.ts";
import { roleRecommendations } from "./roles.ts";
import { fromAccount, fromAuthorizationDetails, type AccountView } from "./view.ts";

export interface RecommendOptions {
  /** The clock (tests pin it); defaults to the account's clock, else the system's. */
  now?: Date;
  /** Accounts a trust policy may name without a recommendation (partners, your organization's). */
  knownAccounts?: string[];
}

/**
 * @example
 * const { recommendations } = await recommendAccount(account); // an Account, or GAAD JSON
 * recommendations.filter((r) => r.securityHubControl === "IAM.4")
 */
export async function recommendAccount(source: AccountState | unknown, options: RecommendOptions = {}): Promise<{ recommendations: AccountRecommendation[] }> {
  const model = isAccount(source);
  const view: AccountView = model ? fromAccount(source) : fromAuthorizationDetails(source);
  const now = options.now ?? (model ? source.now() : new Date());
  const all = [
    ...credentialRecommendations(view, now),
    ...passwordPolicyRecommendations(view),
    ...policyRecommendations(view),
    ...roleRecommendations(view, now, options.knownAccounts ?? []),
  ];
  const rank = (r: AccountRecommendation) => (r.resourceType === "AWS::::Account" ? 0 : 1);
  return { recommendations: all.map((r, i) => [r, i] as const).sort((a, b) => rank(a[0]) - rank(b[0]) || a[0].resource.localeCompare(b[0].resource) || a[1] - b[1]).map(([r]) => r) };
}

function isAccount(v: unknown): v is AccountState {
  return typeof v === "object" && v !== null && "store" in v && "accountId" in v && typeof (v as { now?: unknown }).now === "function";
}
