/**
 * @module analyzer/account/view
 * One account as the recommendations read it, from either source: an `Account` of the model
 * (everything it stores: access keys with their last use from the audit, MFA devices, login
 * profiles, the password policy, the root user's keys) or the JSON of
 * `aws iam get-account-authorization-details` (GAAD), which has entities and policies but no
 * credentials: what GAAD cannot tell is `undefined` ("unknown"), never "none", so no
 * credential recommendation is made from a GAAD file.
 */
import type { AccountState } from "../../iam/account-state.ts";
import type { PasswordPolicy } from "../../iam/store.ts";
import { AnalyzerError } from "../errors.ts";

export interface KeyView { id: string; status: string; created: string; lastUsed?: string }
export interface PolicyDocView { name: string; document: unknown }

export interface UserView {
  name: string;
  arn: string;
  created: string;
  /** Whether the user has a console password; undefined when the source cannot tell. */
  password?: boolean;
  passwordLastUsed?: string;
  /** When the console password was set (its login profile's CreateDate). */
  passwordCreated?: string;
  mfaDevices?: number;
  keys?: KeyView[];
  attached: string[];
  inline: PolicyDocView[];
}

export interface RoleView {
  name: string;
  arn: string;
  path: string;
  created: string;
  /** The last use; null when the source says it was never used, undefined when it cannot tell. */
  lastUsed?: string | null;
  trust: unknown;
  attached: string[];
  inline: PolicyDocView[];
}

export interface AccountView {
  accountId: string;
  users: UserView[];
  roles: RoleView[];
  groups: { name: string; arn: string; attached: string[]; inline: PolicyDocView[] }[];
  /** Customer-managed policies, with their default version's document. */
  policies: { name: string; arn: string; document: unknown; attachments?: number }[];
  rootKeys?: KeyView[];
  /** null: the account has no password policy; undefined: the source cannot tell. */
  passwordPolicy?: PasswordPolicy | null;
}

/** The view of a model `Account`. */
export function fromAccount(account: AccountState): AccountView {
  const s = account.store;
  const key = (k: { AccessKeyId: string; Status: string; CreateDate: string; LastUsed?: { LastUsedDate: string } }): KeyView => ({ id: k.AccessKeyId, status: k.Status, created: k.CreateDate, lastUsed: k.LastUsed?.LastUsedDate });
  const attachments = new Map<string, number>();
  const count = (list: { PolicyArn: string }[]) => list.forEach((p) => attachments.set(p.PolicyArn, (attachments.get(p.PolicyArn) ?? 0) + 1));
  [...s.users.values()].forEach((u) => count(u.AttachedManagedPolicies));
  [...s.groups.values()].forEach((g) => count(g.AttachedManagedPolicies));
  [...s.roles.values()].forEach((r) => count(r.AttachedManagedPolicies));
  return {
    accountId: account.accountId,
    users: [...s.users.values()].map((u) => ({
      name: u.UserName, arn: u.Arn, created: u.CreateDate, password: u.LoginProfile !== undefined, passwordLastUsed: u.PasswordLastUsed, passwordCreated: u.LoginProfile?.CreateDate,
      mfaDevices: u.MFADevices.length, keys: u.AccessKeys.map(key), attached: u.AttachedManagedPolicies.map((p) => p.PolicyArn),
      inline: u.UserPolicyList.map((p) => ({ name: p.PolicyName, document: p.PolicyDocument })),
    })),
    roles: [...s.roles.values()].map((r) => ({
      name: r.RoleName, arn: r.Arn, path: r.Path, created: r.CreateDate, lastUsed: r.RoleLastUsed?.LastUsedDate ?? null, trust: r.AssumeRolePolicyDocument,
      attached: r.AttachedManagedPolicies.map((p) => p.PolicyArn), inline: r.RolePolicyList.map((p) => ({ name: p.PolicyName, document: p.PolicyDocument })),
    })),
    groups: [...s.groups.values()].map((g) => ({ name: g.GroupName, arn: g.Arn, attached: g.AttachedManagedPolicies.map((p) => p.PolicyArn), inline: g.GroupPolicyList.map((p) => ({ name: p.PolicyName, document: p.PolicyDocument })) })),
    policies: [...s.policies.values()].filter((p) => !p.AwsManaged).map((p) => ({
      name: p.PolicyName, arn: p.Arn, attachments: attachments.get(p.Arn) ?? 0,
      document: p.PolicyVersionList.find((v) => v.IsDefaultVersion)?.Document ?? p.PolicyVersionList[0]?.Document,
    })),
    rootKeys: s.rootAccessKeys.map(key),
    passwordPolicy: s.passwordPolicy ?? null,
  };
}

type Entry = Record<string, unknown>;
const list = (v: unknown): Entry[] => (Array.isArray(v) ? v.filter((e): e is Entry => typeof e === "object" && e !== null && !Array.isArray(e)) : []);
const str = (v: unknown): string => (typeof v === "string" ? v : "");
const arns = (v: unknown): string[] => list(v).map((p) => str(p.PolicyArn)).filter(Boolean);
const inline = (v: unknown): PolicyDocView[] => list(v).map((p) => ({ name: str(p.PolicyName), document: p.PolicyDocument }));

/** The view of GAAD JSON (an object, or its text). Entries of the wrong shape are skipped. */
export function fromAuthorizationDetails(gaad: unknown): AccountView {
  const details = typeof gaad === "string" ? parse(gaad) : gaad;
  if (typeof details !== "object" || details === null || Array.isArray(details)) throw new AnalyzerError("the account must be the JSON object of `aws iam get-account-authorization-details`");
  const d = details as Entry;
  const all = [...list(d.UserDetailList), ...list(d.RoleDetailList), ...list(d.GroupDetailList), ...list(d.Policies)];
  const accountId = all.map((e) => /^arn:[^:]+:iam::(\d{12}):/.exec(str(e.Arn))?.[1]).find(Boolean) ?? "000000000000";
  const attachedCount = new Map<string, number>();
  for (const e of all) for (const a of arns(e.AttachedManagedPolicies)) attachedCount.set(a, (attachedCount.get(a) ?? 0) + 1);
  return {
    accountId,
    users: list(d.UserDetailList).map((u) => ({ name: str(u.UserName), arn: str(u.Arn), created: str(u.CreateDate), attached: arns(u.AttachedManagedPolicies), inline: inline(u.UserPolicyList) })),
    roles: list(d.RoleDetailList).map((r) => {
      const last = typeof r.RoleLastUsed === "object" && r.RoleLastUsed !== null ? str((r.RoleLastUsed as Entry).LastUsedDate) : undefined;
      return {
        name: str(r.RoleName), arn: str(r.Arn), path: str(r.Path), created: str(r.CreateDate), trust: r.AssumeRolePolicyDocument,
        // GAAD always carries RoleLastUsed (empty when never used within the tracking period).
        lastUsed: r.RoleLastUsed === undefined ? undefined : last || null,
        attached: arns(r.AttachedManagedPolicies), inline: inline(r.RolePolicyList),
      };
    }),
    groups: list(d.GroupDetailList).map((g) => ({ name: str(g.GroupName), arn: str(g.Arn), attached: arns(g.AttachedManagedPolicies), inline: inline(g.GroupPolicyList) })),
    policies: list(d.Policies).filter((p) => !str(p.Arn).includes(":iam::aws:policy/")).map((p) => {
      const versions = list(p.PolicyVersionList);
      const def = versions.find((v) => v.IsDefaultVersion === true) ?? versions[0];
      return { name: str(p.PolicyName), arn: str(p.Arn), document: def?.Document, attachments: typeof p.AttachmentCount === "number" ? p.AttachmentCount : attachedCount.get(str(p.Arn)) ?? 0 };
    }),
  };
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new AnalyzerError(`the account file is not JSON: ${(err as Error).message}`);
  }
}
