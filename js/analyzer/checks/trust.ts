/**
 * @module analyzer/checks/trust
 * Role trust policies with federated and service principals ("Creating a role for web identity
 * or OpenID Connect federation", "Configuring a role for GitHub OIDC identity provider",
 * "IAM Roles Anywhere: trust model"):
 * - an OIDC provider without a condition on its own keys lets any of its tokens assume the role;
 * - GitHub's provider needs `token.actions.githubusercontent.com:sub` naming the repository
 *   and branch, and a wildcard there reaches other repositories;
 * - AssumeRoleWithSAML needs a SAML provider, AssumeRoleWithWebIdentity an OIDC one;
 * - Roles Anywhere's service principal needs sts:AssumeRole, sts:SetSourceIdentity and
 *   sts:TagSession;
 * - the `aud` claim may be single- or multivalued, depending on the provider.
 */
import type { ObjectNode } from "../../policy/json.ts";
import type { PolicyContext, StatementView } from "../context.ts";
import { strings, valueAt, type At } from "../tree.ts";
import { howGranted } from "./pass-role.ts";

const GITHUB = "token.actions.githubusercontent.com";
/** Providers whose tokens AWS itself vets (Cognito), or whose keys name the application (Login with Amazon, Facebook, Google). */
const KNOWN_PROVIDERS = new Set(["cognito-identity.amazonaws.com", "www.amazon.com", "graph.facebook.com", "accounts.google.com"]);

function principals(s: StatementView, type: string): { text: string; at: At }[] {
  const p = s.principal;
  if (p?.node.type !== "object") return [];
  return (p.node as ObjectNode).members.filter((m) => m.key === type).flatMap((m) => strings(valueAt(p, m)));
}

/** The provider host of a federated principal (`arn:...:oidc-provider/HOST` or the domain itself); undefined for SAML. */
function oidcHost(federated: string): string | undefined {
  if (/:saml-provider\//.test(federated)) return undefined;
  const m = /:oidc-provider\/(.+)$/.exec(federated);
  return (m ? m[1] : federated).toLowerCase();
}

export function checkTrust(ctx: PolicyContext, s: StatementView): void {
  if (!ctx.trust || s.effect !== "Allow") return;
  checkFederated(ctx, s);
  checkRolesAnywhere(ctx, s);
}

function checkFederated(ctx: PolicyContext, s: StatementView): void {
  for (const f of principals(s, "Federated")) {
    const host = oidcHost(f.text);
    const saml = host === undefined;
    for (const a of s.actions) {
      const name = a.text.toLowerCase();
      if ((name === "sts:assumerolewithsaml" && !saml) || (name === "sts:assumerolewithwebidentity" && saml)) {
        ctx.sink.add("MISMATCHED_ACTION_FOR_PRINCIPAL", a.at, { actionName: a.text, principalNames: f.text });
      }
    }
    if (saml || !howGranted(s, "sts:AssumeRoleWithWebIdentity")) continue;
    const own = s.conditions.filter((c) => c.key.toLowerCase().startsWith(`${host}:`));
    if (host === GITHUB) checkGithub(ctx, f.at, own);
    else if (own.length === 0 && !KNOWN_PROVIDERS.has(host)) ctx.sink.add("MISSING_CONDITION_KEY_FOR_OIDC_PRINCIPAL", f.at);
    for (const c of own) {
      if (c.key.toLowerCase().endsWith(":aud") && c.parsed?.qualifier && !KNOWN_PROVIDERS.has(host)) ctx.sink.add("CONFIRM_AUDIENCE_CLAIM_TYPE", c.keyAt);
    }
  }
}

function checkGithub(ctx: PolicyContext, principal: At, own: StatementView["conditions"]): void {
  const sub = own.filter((c) => c.key.toLowerCase() === `${GITHUB}:sub`);
  if (sub.length === 0) {
    ctx.sink.add("MISSING_GITHUB_REPO_CONDITION_KEY", principal);
    return;
  }
  for (const c of sub) {
    const broad = c.values.filter((v) => /[*?]/.test(v.text));
    if (broad.length > 0) ctx.sink.add("SPECIFIC_GITHUB_REPO_AND_BRANCH_RECOMMENDED", broad.map((v) => v.at));
  }
}

/** "IAM Roles Anywhere: trust model": the service needs all three actions. */
function checkRolesAnywhere(ctx: PolicyContext, s: StatementView): void {
  const service = principals(s, "Service").find((p) => p.text === "rolesanywhere.amazonaws.com");
  if (!service) return;
  const missing = ["sts:AssumeRole", "sts:SetSourceIdentity", "sts:TagSession"].filter((a) => !howGranted(s, a));
  if (missing.length > 0) ctx.sink.add("MISSING_ACTION_FOR_ROLES_ANYWHERE_TRUST_POLICY", s.action ?? s.at);
}
