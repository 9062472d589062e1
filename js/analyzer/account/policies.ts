/**
 * @module analyzer/account/policies
 * Where permissions are attached and what they grant: policies attached to users (IAM.2),
 * inline policies of groups and roles ("Security best practices in IAM": prefer managed
 * policies), customer-managed policies that allow everything (IAM.1, for attached ones) or a
 * whole service (IAM.21), and the AWS Support role (IAM.18).
 */
import { validatePolicy } from "../../policy/validate.ts";
import type { NormalizedPolicy } from "../../policy/types.ts";
import { recommendation, type AccountRecommendation } from "./controls.ts";
import type { AccountView } from "./view.ts";

const SUPPORT = /:iam::aws:policy\/AWSSupportAccess$/;

/** The document's normalized form, or undefined when it does not validate (lint reports those). */
export function readIdentity(document: unknown): NormalizedPolicy | undefined {
  if (document === undefined || document === null) return undefined;
  return validatePolicy(document, { kind: "identity" }).policy;
}

function grantsEverything(p: NormalizedPolicy): boolean {
  return p.statements.some((s) => s.effect === "Allow" && (s.action ?? []).includes("*") && (s.resource ?? []).includes("*"));
}

function serviceWildcards(p: NormalizedPolicy): string[] {
  return p.statements.filter((s) => s.effect === "Allow").flatMap((s) => (s.action ?? []).filter((a) => /^[a-z0-9-]+:\*$/i.test(a)));
}

export function policyRecommendations(view: AccountView): AccountRecommendation[] {
  const out: AccountRecommendation[] = [];
  for (const u of view.users) {
    const names = [...u.attached.map((a) => a.split("/").pop()!), ...u.inline.map((p) => p.name)];
    if (names.length) out.push(recommendation("USER_HAS_POLICIES", "AWS::IAM::User", u.arn, `The user ${u.name} has policies of its own (${names.join(", ")}). Grant permissions through groups or roles.`));
  }
  for (const [entities, type] of [[view.groups, "AWS::IAM::Group"], [view.roles, "AWS::IAM::Role"]] as const) {
    for (const e of entities) {
      for (const p of e.inline) out.push(recommendation("INLINE_POLICY", type, e.arn, `${e.name} has the inline policy ${p.name}. Prefer a managed policy, which can be versioned and reused.`));
    }
  }
  for (const p of view.policies) {
    const doc = readIdentity(p.document);
    if (!doc) continue;
    if (grantsEverything(doc) && (p.attachments ?? 0) > 0) out.push(recommendation("FULL_ADMIN_POLICY", "AWS::IAM::Policy", p.arn, `The attached policy ${p.name} allows "Action": "*" on "Resource": "*".`));
    const wild = serviceWildcards(doc);
    if (wild.length) out.push(recommendation("SERVICE_WILDCARD_POLICY", "AWS::IAM::Policy", p.arn, `The policy ${p.name} allows every action of a service (${[...new Set(wild)].join(", ")}).`));
  }
  const hasSupport = [...view.roles, ...view.users, ...view.groups].some((e) => e.attached.some((a) => SUPPORT.test(a)));
  if (!hasSupport) out.push(recommendation("NO_SUPPORT_ROLE", "AWS::::Account", `arn:aws:iam::${view.accountId}:root`, "No role, user or group has the AWSSupportAccess policy: create a role for managing incidents with AWS Support."));
  return out;
}
