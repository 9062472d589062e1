/**
 * @module playground/editors-pane
 * The Policies column: one CodeMirror editor per policy that takes part in a decision (identity
 * policies, the resource or trust policy, the permissions boundary, session policies, SCPs with
 * their level), each with the engine's diagnostics listed under it, and the deciding or picked
 * statements highlighted. The editors are the pane's own; the texts live in the store.
 */
import { placeholder } from "@codemirror/view";
import type { AuthorizationResult, Diagnostic, PolicyKind, Span } from "../entries/browser.ts";
import type { PolicyInput } from "./evaluation.ts";
import type { PageActions } from "./actions.ts";
import { $, h, type Child } from "./dom.ts";
import { PolicyEditor, type Highlight } from "./editor.ts";
import { AT_LIMIT, MAX_DIAGNOSTICS_SHOWN } from "./limits.ts";
import { sourceLabel } from "./policy-sources.ts";
import type { FocusedStatement, PolicyGroup, PolicyRef, Store } from "./state.ts";

function diagnosticItem(slot: Slot, d: Diagnostic): HTMLElement {
  return h("li", { class: `diag ${d.severity}`, "data-line": d.span?.start.line ?? "" },
    h("button", {
      type: "button", class: "link",
      onclick: () => d.span && slot.editor.reveal(d.span),
    }, d.span ? `line ${d.span.start.line}, column ${d.span.start.column + 1}` : "document"),
    ` ${d.severity} `, h("code", {}, d.code), ` ${d.message}`);
}

/** One editor on the page. */
export interface Slot {
  /** The engine's policyId: `identity-1`, `resource` or `trust`, `boundary`, `session-1`, `scp-1`. */
  id: string;
  kind: PolicyKind;
  label: string;
  /** Where the policy came from, when it was opened from an account (a policyId of that account). */
  source?: string;
  editor: PolicyEditor;
  diagnosticsEl: HTMLElement;
}

interface SlotSpec {
  list: string;
  id: string;
  kind: PolicyKind;
  label: string;
  text: string;
  ref: PolicyRef;
  source?: string;
  tools?: Child[];
  /** Shown in an empty editor. */
  hint?: string;
}

const LISTS = ["list-identity", "list-resource", "list-boundary", "list-session", "list-scp"];
const SINGLE = new Set(["list-resource", "list-boundary"]);
const LABELS = { resource: "Resource policy", trust: "Trust policy", boundary: "Permissions boundary" };
const HINTS = {
  resource: "Empty: no resource-based policy.",
  trust: "Empty: no trust policy. A role's trust policy decides sts:AssumeRole*.",
  boundary: "Empty: no permissions boundary.",
};

export class EditorsPane {
  #slots: Slot[] = [];
  readonly #store: Store;
  readonly #actions: PageActions;
  /** A policy's diagnostics (js/playground/evaluation.ts), for a new editor to show from the start. */
  readonly #diagnose: (input: PolicyInput) => Diagnostic[];

  constructor(store: Store, actions: PageActions, diagnose: (input: PolicyInput) => Diagnostic[]) {
    this.#store = store;
    this.#actions = actions;
    this.#diagnose = diagnose;
  }

  get slots(): readonly Slot[] {
    return this.#slots;
  }

  byId(id: string): Slot | undefined {
    return this.#slots.find((s) => s.id === id);
  }

  /** The buttons above the lists: add an identity policy, a session policy or an SCP; the resource policy's kind. */
  wire(): void {
    $("add-identity").addEventListener("click", () => this.add("identity"));
    $("add-session").addEventListener("click", () => this.add("session"));
    $("add-scp").addEventListener("click", () => this.add("scp"));
    $("resource-kind").addEventListener("change", (e) => {
      this.#store.setResourceKind((e.target as HTMLSelectElement).value);
      this.render();
      this.#actions.schedule(0);
    });
  }

  add(group: PolicyGroup): void {
    const index = this.#store.addPolicy(group);
    if (index === undefined) return this.#actions.status(AT_LIMIT.policies);
    this.render();
    this.byId(`${group}-${index + 1}`)?.editor.view.focus();
    this.#actions.schedule(0);
  }

  /** Rebuilds every editor from the store (after a load, an added or a removed policy). */
  render(): void {
    this.#destroy();
    this.#renderIdentity();
    this.#renderResourceAndBoundary();
    this.#renderSession();
    this.#renderScp();
  }

  #destroy(): void {
    for (const s of this.#slots) s.editor.destroy();
    this.#slots = [];
    for (const id of LISTS) $(id).replaceChildren();
  }

  #removeButton(group: PolicyGroup, index: number, what: string): HTMLElement {
    return h("button", { type: "button", class: "small", "aria-label": `Remove ${what} ${index + 1}`, onclick: () => {
      this.#store.removePolicy(group, index);
      this.render();
      this.#actions.schedule(0);
    } }, "Remove");
  }

  #renderIdentity(): void {
    const doc = this.#store.doc;
    doc.identity.forEach((text, index) => {
      const source = doc.identitySources?.[index] || undefined;
      const label = `Identity policy ${index + 1}${source && sourceLabel(source) ? `: ${sourceLabel(source)}` : ""}`;
      this.#addEditor({
        list: "list-identity", id: `identity-${index + 1}`, kind: "identity", label, text, source,
        ref: { group: "identity", index }, tools: [this.#removeButton("identity", index, "identity policy")],
      });
    });
    if (doc.identity.length === 0) $("list-identity").append(h("p", { class: "hint" }, "No identity policy: only a resource or trust policy can allow."));
  }

  #renderResourceAndBoundary(): void {
    const doc = this.#store.doc;
    const rk = doc.resourceKind;
    ($("resource-kind") as HTMLSelectElement).value = rk;
    this.#addEditor({ list: "list-resource", id: rk, kind: rk, label: LABELS[rk], text: doc.resource, ref: { group: "resource" }, hint: HINTS[rk] });
    const label = doc.boundarySource ? `${LABELS.boundary}: ${sourceLabel(doc.boundarySource)}` : LABELS.boundary;
    this.#addEditor({
      list: "list-boundary", id: "boundary", kind: "boundary", label, text: doc.boundary, source: doc.boundarySource,
      ref: { group: "boundary" }, hint: HINTS.boundary,
    });
  }

  #renderSession(): void {
    this.#store.doc.session.forEach((text, index) => this.#addEditor({
      list: "list-session", id: `session-${index + 1}`, kind: "session", label: `Session policy ${index + 1}`, text,
      ref: { group: "session", index }, tools: [this.#removeButton("session", index, "session policy")],
    }));
  }

  #renderScp(): void {
    this.#store.doc.scp.forEach((scp, index) => {
      const level = h("select", { "aria-label": `Level of SCP ${index + 1}`, onchange: (e: Event) => {
        this.#store.setScpLevel(index, Number((e.target as HTMLSelectElement).value));
        this.#actions.schedule(0);
      } }, ...[1, 2, 3, 4, 5, 6].map((n) => h("option", { value: String(n), selected: n === scp.level }, n === 1 ? "level 1 (root)" : `level ${n}`)));
      this.#addEditor({
        list: "list-scp", id: `scp-${index + 1}`, kind: "scp", label: `SCP ${index + 1}`, text: scp.text,
        ref: { group: "scp", index }, tools: [level, this.#removeButton("scp", index, "SCP")],
      });
    });
  }

  #addEditor(spec: SlotSpec): void {
    const wrap = h("div", { class: "editor", "data-slot": spec.id, id: `editor-${spec.id}` });
    const head = h("div", { class: SINGLE.has(spec.list) ? "editor-head sr" : "editor-head" }, h("h3", {}, spec.label), ...(spec.tools ?? []));
    const host = h("div", { class: "editor-host" });
    const diagnosticsEl = h("ul", { class: "diagnostics", "aria-live": "polite", "aria-label": `${spec.label} diagnostics` });
    wrap.append(head, host, diagnosticsEl);
    $(spec.list).append(wrap);
    const editor = new PolicyEditor(host, spec.text, {
      label: `${spec.label} (JSON)`,
      onChange: (t) => {
        this.#store.setPolicyText(spec.ref, t);
        this.#actions.schedule();
      },
      extra: spec.hint ? [placeholder(spec.hint)] : [],
      diagnostics: this.#diagnose(spec).slice(0, MAX_DIAGNOSTICS_SHOWN),
    });
    this.#slots.push({ id: spec.id, kind: spec.kind, label: spec.label, source: spec.source, editor, diagnosticsEl });
  }

  /**
   * The engine's diagnostics in the editor (marks) and under it (a list; click a line to jump):
   * the first `MAX_DIAGNOSTICS_SHOWN`, then how many more there are.
   */
  showDiagnostics(slot: Slot, diagnostics: Diagnostic[]): void {
    const shown = diagnostics.slice(0, MAX_DIAGNOSTICS_SHOWN);
    const more = diagnostics.length - shown.length;
    slot.editor.showDiagnostics(shown);
    slot.diagnosticsEl.replaceChildren(...shown.map((d) => diagnosticItem(slot, d)),
      ...(more > 0 ? [h("li", { class: "diag more" }, `… and ${more.toLocaleString("en-US")} more: fix the ones above first.`)] : []));
  }

  /** Highlights the deciding statements (green Allow, red Deny) and the picked one; none without a result. */
  highlight(result: AuthorizationResult | undefined, focused: FocusedStatement | undefined): void {
    for (const slot of this.#slots) {
      const list: Highlight[] = [];
      for (const m of result?.matchedStatements ?? []) {
        if (m.policyId === slot.id && m.span) list.push({ span: m.span, tone: m.effect === "Deny" ? "deny" : "allow" });
      }
      if (result && focused && focused.slot === slot.id) list.push({ span: focused.span, tone: "focus" });
      slot.editor.highlight(list);
    }
  }

  /** Scrolls a statement of a policy into view and puts the cursor there. */
  reveal(policyId: string, span: Span | undefined): void {
    const slot = this.byId(policyId);
    if (slot && span) slot.editor.reveal(span);
  }
}
