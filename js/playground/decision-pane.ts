/**
 * @module playground/decision-pane
 * The Decision panel: Allow, explicit deny or implicit deny, the reason code in words, the
 * deciding statements (click to jump to them), and the missing context keys (with a button to add
 * each one); or why nothing was decided.
 */
import type { AuthorizationResult, Decision, ReasonCode, Span } from "../entries/browser.ts";
import { $, h } from "./dom.ts";
import type { ReferencedKey } from "./referenced-keys.ts";
import type { ContextType } from "./state.ts";

/** What the panel links to in the other panes. */
export interface DecisionLinks {
  /** An editor's label by policy id (undefined: no such editor). */
  labelOf(policyId: string): string | undefined;
  reveal(policyId: string, span: Span | undefined): void;
  addContextKey(key: string, type: ContextType): void;
  /** The keys the policies reference (for the type of a missing key). */
  referencedKeys(): ReferencedKey[];
}

const DECISION_TEXT: Record<Decision, string> = { Allow: "Allow", ExplicitDeny: "Explicit deny", ImplicitDeny: "Implicit deny" };

/**
 * Every reason code in words: the evaluation logic of "Policy evaluation logic" (IAM User Guide),
 * and the rules services add (docs/semantics.md "Service rules").
 */
const REASONS: Record<ReasonCode, (level: number | string) => string> = {
  ExplicitDeny: () => "A Deny statement matched. An explicit deny in any policy overrides every Allow.",
  IdentityAllow: () => "An identity-based policy allows it, and no SCP, boundary or session policy stops it.",
  ResourceAllow: () => "The resource-based (or trust) policy allows it.",
  RootUser: () => "The account's root user is allowed; only SCPs, RCPs and explicit denies restrict it.",
  NoAllow: () => "No statement allows it: denied by default.",
  ScpNoAllow: (level) => `No SCP at level ${level} allows it: every level from the root to the account must allow.`,
  RcpNoAllow: (level) => `No RCP at level ${level} allows it.`,
  BoundaryNoAllow: () => "The permissions boundary does not allow it: the boundary caps what identity policies grant.",
  SessionNoAllow: () => "The session policies do not allow it: they cap what the role's policies grant.",
  TrustPolicyNoAllow: () => "The role's trust policy does not allow this principal to assume the role.",
  CrossAccountNoResourceAllow: () => "Cross-account: the resource's account must also allow it, in a resource-based policy.",
  CrossAccountNoIdentityAllow: () => "Cross-account: the principal's own account must also allow it, in an identity policy.",
  BadInput: () => "The request could not be decided (bad input).",
  NoPermissionRequired: () => "No permission is required for sts:GetCallerIdentity: every authenticated principal may call it, even under an explicit deny. No policy was evaluated.",
  KeyPolicyNoAllow: () => "The KMS key policy does not allow it. IAM policies can grant access to a KMS key only where the key policy lets them (by naming the account).",
  FederatedUserNoSessionPolicy: () => "A federated user's session (GetFederationToken) has only what both the user's policies and a session policy allow: without a session policy, nothing.",
  UnmodifiableEntity: () => "IAM refuses this change whatever the policies say: AWS managed policies, service-linked roles and IAM Identity Center roles are changed only by AWS (IAM answers UnmodifiableEntity).",
  ReservedAlias: () => "The alias/aws/ prefix is reserved for AWS managed keys: nobody may create, update or delete such an alias.",
  ScpExemptServiceLinkedRole: () => "Allowed: the SCPs would deny it, but SCPs do not apply to service-linked roles.",
  RcpExemptAwsManagedKey: () => "Allowed: the RCPs would deny it, but RCPs do not apply to AWS managed keys.",
};

/** `levels` maps the result's SCP level index to the level number the user gave it. */
export function reasonText(result: AuthorizationResult, levels: number[]): string {
  const at = result.reason.level;
  const level = at !== undefined ? levels[at] ?? at + 1 : "?";
  return (REASONS as Partial<Record<string, (level: number | string) => string>>)[result.reason.code]?.(level) ?? result.reason.code;
}

/** The policies have errors: nothing is decided until they are fixed. */
export function renderNotEvaluated(problems: string[]): void {
  $("decision-box").replaceChildren(
    h("div", { class: "decision none", id: "decision", "data-decision": "none" }, "Not evaluated"),
    h("p", { class: "reason" }, "Fix the policies first: ", problems.join("; "), "."),
  );
}

/** The engine refused the request (a `RequestError`). */
export function renderBadRequest(message: string): void {
  $("decision-box").replaceChildren(
    h("div", { class: "decision none", id: "decision", "data-decision": "error" }, "Bad request"),
    h("p", { class: "reason" }, message),
  );
}

export function renderDecision(result: AuthorizationResult, levels: number[], links: DecisionLinks): void {
  const cls = result.decision === "Allow" ? "allow" : result.decision === "ExplicitDeny" ? "deny" : "implicit";
  const children: Node[] = [
    h("div", { class: `decision ${cls}`, id: "decision", "data-decision": result.decision }, DECISION_TEXT[result.decision]),
    h("p", { class: "reason", id: "reason" }, h("code", {}, result.reason.code), " ", reasonText(result, levels)),
  ];
  if (result.matchedStatements.length) children.push(h("h3", {}, "Deciding statements"), decidingStatements(result, links));
  if (result.missingContextValues.length) children.push(h("h3", {}, "Missing context keys"), missingKeys(result, links));
  $("decision-box").replaceChildren(...children);
}

function decidingStatements(result: AuthorizationResult, links: DecisionLinks): HTMLElement {
  return h("ul", { class: "matched" }, ...result.matchedStatements.map((m) => h("li", {}, h("button", {
    type: "button", class: `link ${m.effect === "Deny" ? "deny" : "allow"}`,
    onclick: () => links.reveal(m.policyId, m.span),
  }, `${links.labelOf(m.policyId) ?? m.policyId}, statement ${m.statementIndex}${m.sid ? ` (${m.sid})` : ""}: ${m.effect}`))));
}

function missingKeys(result: AuthorizationResult, links: DecisionLinks): HTMLElement {
  const keys = links.referencedKeys();
  return h("ul", { class: "missing", id: "missing" }, ...result.missingContextValues.map((k) => {
    const known = keys.find((x) => x.key.toLowerCase() === k.toLowerCase());
    return h("li", {}, h("code", {}, k), " ", h("button", {
      type: "button", class: "small", onclick: () => links.addContextKey(k, known?.type ?? "string"),
    }, "Add to context"));
  }));
}
