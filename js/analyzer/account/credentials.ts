/**
 * @module analyzer/account/credentials
 * Credentials: the root user's access keys (IAM.4), console users without MFA (IAM.5), active
 * keys older than 90 days (IAM.3), and passwords or keys unused for 90 (IAM.8) or 45 days
 * (IAM.22). "Unused" is the last use the account recorded (the audit's AccessKeyLastUsed,
 * PasswordLastUsed), or, for a credential never used, its age.
 */
import { recommendation, type AccountRecommendation } from "./controls.ts";
import type { AccountView, KeyView, UserView } from "./view.ts";

const DAY = 86_400_000;

function daysSince(iso: string | undefined, now: Date): number | undefined {
  if (!iso) return undefined;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? undefined : Math.floor((now.getTime() - t) / DAY);
}

export function credentialRecommendations(view: AccountView, now: Date): AccountRecommendation[] {
  const out: AccountRecommendation[] = [];
  const root = `arn:aws:iam::${view.accountId}:root`;
  for (const k of view.rootKeys ?? []) {
    out.push(recommendation("ROOT_ACCESS_KEY", "AWS::::Account", root, `The root user has access key ${k.id} (${k.status}). Delete it and use IAM roles or users instead.`));
  }
  for (const u of view.users) out.push(...userRecommendations(u, now));
  return out;
}

function userRecommendations(u: UserView, now: Date): AccountRecommendation[] {
  const out: AccountRecommendation[] = [];
  if (u.password && u.mfaDevices === 0) {
    out.push(recommendation("CONSOLE_USER_WITHOUT_MFA", "AWS::IAM::User", u.arn, `The user ${u.name} can sign in to the console with a password and has no MFA device.`));
  }
  for (const k of (u.keys ?? []).filter((k) => k.status === "Active")) {
    const age = daysSince(k.created, now);
    if (age !== undefined && age > 90) out.push(recommendation("ACCESS_KEY_NOT_ROTATED", "AWS::IAM::User", u.arn, `The access key ${k.id} of ${u.name} was created ${age} days ago. Rotate it (at most 90 days).`));
    unused(out, u, `access key ${k.id}`, idle(k, now));
  }
  if (u.password) unused(out, u, "console password", daysSince(u.passwordLastUsed, now) ?? daysSince(u.passwordCreated ?? u.created, now));
  return out;
}

/** Days since a key was last used, or since it was created when it never was. */
function idle(k: KeyView, now: Date): number | undefined {
  return daysSince(k.lastUsed, now) ?? daysSince(k.created, now);
}

function unused(out: AccountRecommendation[], u: UserView, what: string, days: number | undefined): void {
  if (days === undefined) return;
  if (days > 90) out.push(recommendation("CREDENTIALS_UNUSED_90_DAYS", "AWS::IAM::User", u.arn, `The ${what} of ${u.name} has not been used for ${days} days. Remove it.`));
  else if (days > 45) out.push(recommendation("CREDENTIALS_UNUSED_45_DAYS", "AWS::IAM::User", u.arn, `The ${what} of ${u.name} has not been used for ${days} days. Remove it.`));
}
