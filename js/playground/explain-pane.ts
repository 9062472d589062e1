/**
 * @module playground/explain-pane
 * "Why each statement did or did not apply" (`engine.explain`): for every statement of every
 * policy, whether it applies (or why the policy was not evaluated at all: `skippedBecause`), whether its action, resource and principal matched (— when the
 * statement has no such element), and each condition's operator, key and result. Clicking a
 * statement number highlights it in its editor.
 */
import type { Explanation, PolicyExplanation, Span, StatementExplanation } from "../entries/browser.ts";

type SkipReason = NonNullable<PolicyExplanation["skippedBecause"]>;
import { $, h } from "./dom.ts";

/** What the panel links to in the editors. */
export interface ExplainLinks {
  labelOf(policyId: string): string | undefined;
  /** Highlights a statement in its editor and shows it. */
  pick(policyId: string, span: Span): void;
}

const COLUMNS = ["Statement", "Applies", "Action", "Resource", "Principal", "Conditions"];

/** Why a policy was not evaluated (`skippedBecause`), in words (docs/semantics.md "Service rules"). */
const SKIPPED: Record<SkipReason, string> = {
  ServicePrincipal: "Not evaluated: SCPs do not apply to service principals.",
  ServiceLinkedRole: "Not evaluated: SCPs do not apply to service-linked roles.",
  AwsManagedKey: "Not evaluated: RCPs do not apply to AWS managed keys.",
  NoPermissionRequired: "Not evaluated: sts:GetCallerIdentity needs no permission.",
};

/** The sentence for a policy the request did not evaluate, or undefined when it was evaluated. */
export function skippedText(p: Pick<PolicyExplanation, "evaluated" | "skippedBecause">): string | undefined {
  if (p.evaluated) return undefined;
  return p.skippedBecause ? SKIPPED[p.skippedBecause] ?? `Not evaluated (${p.skippedBecause}).` : "Not evaluated.";
}

const mark = (v: boolean | null): Node =>
  v === null ? h("span", { class: "na", title: "not checked for this kind" }, "—")
    : v ? h("span", { class: "yes", "aria-label": "matches" }, "✓") : h("span", { class: "no", "aria-label": "does not match" }, "✗");

export function clearExplanation(): void {
  $("explain-body").replaceChildren();
}

export function renderExplanation(explanation: Explanation, links: ExplainLinks): void {
  const blocks = explanation.policies.map((p) => policyBlock(p, links));
  $("explain-body").replaceChildren(...(blocks.length ? blocks : [h("p", { class: "hint" }, "No policies.")]));
}

function policyBlock(p: PolicyExplanation, links: ExplainLinks): HTMLElement {
  const label = links.labelOf(p.policyId) ?? p.policyId;
  const skipped = skippedText(p);
  return h("div", { class: "explain-policy", "data-policy": p.policyId, "data-skipped": p.skippedBecause ?? (skipped ? "" : undefined) },
    h("h3", {}, label, h("span", { class: "hint" }, ` (${p.kind})`)),
    skipped ? h("p", { class: "hint skipped-because" }, skipped) : null,
    h("div", { class: "table-wrap" }, h("table", { class: "explain" },
      h("thead", {}, h("tr", {}, ...COLUMNS.map((t) => h("th", { scope: "col" }, t)))),
      h("tbody", {}, ...p.statements.map((s) => statementRow(p.policyId, label, s, links))))));
}

function statementRow(policyId: string, label: string, s: StatementExplanation, links: ExplainLinks): HTMLElement {
  const pick = h("button", {
    type: "button", class: "link", "aria-label": `Show statement ${s.statementIndex} in ${label}`,
    onclick: () => s.span && links.pick(policyId, s.span),
  }, String(s.statementIndex));
  return h("tr", { class: s.applies ? `applies ${s.effect === "Deny" ? "deny" : "allow"}` : "skipped", "data-statement": s.statementIndex },
    h("td", {}, pick, " ", h("span", { class: `effect ${s.effect === "Deny" ? "no" : "yes"}` }, s.effect), s.sid ? h("div", { class: "sid" }, s.sid) : null),
    h("td", {}, mark(s.applies)),
    h("td", {}, mark(s.action)),
    h("td", {}, mark(s.resource)),
    h("td", {}, mark(s.principal)),
    h("td", {}, conditions(s)));
}

function conditions(s: StatementExplanation): Node {
  if (!s.conditions.length) return h("span", { class: "na" }, "none");
  return h("ul", { class: "conds" }, ...s.conditions.map((c) => h("li", { class: c.missing ? "missing" : c.result ? "yes" : "no" },
    h("code", {}, c.operator), " ", h("code", {}, c.key), " ",
    c.missing ? h("span", { class: "no" }, `missing → ${c.result}`) : mark(c.result))));
}
