/**
 * @module analyzer/account/password-policy
 * The account password policy against AWS's recommendation (Security Hub IAM.7 and the CIS
 * controls IAM.11 to IAM.17): upper- and lowercase letters, a symbol and a number required, at
 * least 14 characters, the last 24 passwords not reused, passwords expiring within 90 days.
 */
import { recommendation, type AccountRecommendation, type RecommendationCode } from "./controls.ts";
import type { AccountView } from "./view.ts";

export function passwordPolicyRecommendations(view: AccountView): AccountRecommendation[] {
  const root = `arn:aws:iam::${view.accountId}:root`;
  const p = view.passwordPolicy;
  if (p === undefined) return [];
  if (p === null) return [recommendation("NO_PASSWORD_POLICY", "AWS::::Account", root, "The account has no password policy: IAM's default allows 8-character passwords of any characters. Set one.")];
  const weak: [boolean, RecommendationCode, string][] = [
    [!p.RequireUppercaseCharacters, "PASSWORD_POLICY_NO_UPPERCASE", "does not require an uppercase letter"],
    [!p.RequireLowercaseCharacters, "PASSWORD_POLICY_NO_LOWERCASE", "does not require a lowercase letter"],
    [!p.RequireSymbols, "PASSWORD_POLICY_NO_SYMBOLS", "does not require a symbol"],
    [!p.RequireNumbers, "PASSWORD_POLICY_NO_NUMBERS", "does not require a number"],
    [p.MinimumPasswordLength < 14, "PASSWORD_POLICY_SHORT", `allows passwords of ${p.MinimumPasswordLength} characters (at least 14 recommended)`],
    [(p.PasswordReusePrevention ?? 0) < 24, "PASSWORD_POLICY_REUSE", `prevents reuse of ${p.PasswordReusePrevention ?? 0} previous passwords (24 recommended)`],
    [!p.ExpirePasswords || (p.MaxPasswordAge ?? 0) > 90 || !p.MaxPasswordAge, "PASSWORD_POLICY_NO_EXPIRY", p.MaxPasswordAge ? `lets passwords live ${p.MaxPasswordAge} days (90 at most recommended)` : "does not expire passwords"],
  ];
  return weak.filter(([bad]) => bad).map(([, code, what]) => recommendation(code, "AWS::::Account", root, `The account password policy ${what}.`));
}
