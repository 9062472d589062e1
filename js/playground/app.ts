/**
 * @module playground/app
 * The policy playground: editors for each policy kind, a request form, the decision with the
 * deciding statements highlighted, the per-statement explanation, a test table, an account mode
 * (GAAD + SimulatePrincipalPolicy) and share URLs. Plain DOM, Web APIs only; the engine is the
 * package's browser build (`./browser.js` beside this file, with `engine.wasm`).
 */
import { createEngine, Account } from "../entries/browser.ts";
import type {
  AuthorizationRequest, AuthorizationResult, CompiledPolicy, ContextValue, Decision, Diagnostic, Engine, PolicyKind,
  PolicySet, Span,
} from "../entries/api.ts";
import { PolicyEditor, type Highlight } from "./editor.ts";
import { placeholder } from "@codemirror/view";
import { DEFAULT_SAMPLE, SAMPLES, sampleState } from "./samples.ts";
import {
  CONTEXT_TYPES, decodeState, derivedContext, encodeState, normalizeState, parseRowContext, referencedKeys, rowError,
  rowValue, rowValues, isAwsManagedSource, sourceLabel, type ContextRow, type PlaygroundState, type TestRow,
} from "./state.ts";

// ---------------------------------------------------------------------------------------------
// engine.explain: the shape the binding returns (see the README's API section).

interface ConditionExplanation { operator: string; key: string; result: boolean; missing: boolean; span?: Span }
interface StatementExplanation {
  statementIndex: number; sid?: string; effect: "Allow" | "Deny"; span?: Span;
  applies: boolean; action: boolean; resource: boolean | null; principal: boolean | null;
  conditions: ConditionExplanation[];
}
interface Explanation {
  result: AuthorizationResult;
  policies: { policyId: string; kind: PolicyKind; statements: StatementExplanation[] }[];
}
type Explainer = (request: AuthorizationRequest, set: PolicySet) => Explanation;

// ---------------------------------------------------------------------------------------------
// DOM helpers

type Child = Node | string | null | undefined | false;
function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, any> = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith("on") && typeof v === "function") el.addEventListener(k.slice(2), v);
    else if (k === "class") el.className = v;
    else if (k === "value") (el as any).value = v;
    else if (k === "checked") (el as any).checked = v;
    else el.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children) if (c !== null && c !== undefined && c !== false) el.append(c);
  return el;
}
const $ = <T extends HTMLElement = HTMLElement>(id: string): T => document.getElementById(id) as T;

// ---------------------------------------------------------------------------------------------
// State

let engine: Engine;
let state: PlaygroundState = sampleState(DEFAULT_SAMPLE)!;

interface Slot {
  id: string;
  kind: PolicyKind;
  label: string;
  editor: PolicyEditor;
  diagnosticsEl: HTMLElement;
  /** Error diagnostics of the last evaluation. */
  errors: number;
}
let slots: Slot[] = [];
let compiled: CompiledPolicy[] = [];
let lastResult: AuthorizationResult | undefined;
let lastExplanation: Explanation | undefined;
let focused: { slot: string; span: Span } | undefined;

const LABELS: Record<string, string> = {
  identity: "Identity policy", resource: "Resource policy", trust: "Trust policy", boundary: "Permissions boundary",
  session: "Session policy", scp: "SCP",
};

// ---------------------------------------------------------------------------------------------
// Editors

function destroyEditors(): void {
  for (const s of slots) s.editor.destroy();
  slots = [];
  for (const id of ["list-identity", "list-resource", "list-boundary", "list-session", "list-scp"]) $(id).replaceChildren();
}

function addEditor(listId: string, id: string, kind: PolicyKind, label: string, text: string, onText: (t: string) => void, tools: Child[] = [], hint = ""): Slot {
  const wrap = h("div", { class: "editor", "data-slot": id, id: `editor-${id}` });
  const single = listId === "list-resource" || listId === "list-boundary";
  const head = h("div", { class: single ? "editor-head sr" : "editor-head" }, h("h3", {}, label), ...tools);
  const host = h("div", { class: "editor-host" });
  const diagnosticsEl = h("ul", { class: "diagnostics", "aria-live": "polite", "aria-label": `${label} diagnostics` });
  wrap.append(head, host, diagnosticsEl);
  $(listId).append(wrap);
  const editor = new PolicyEditor(host, text, `${label} (JSON)`, (t) => {
    onText(t);
    schedule();
  }, hint ? [placeholder(hint)] : []);
  const slot: Slot = { id, kind, label, editor, diagnosticsEl, errors: 0 };
  slots.push(slot);
  return slot;
}

const EMPTY_POLICY = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "", Resource: "*" }] }, null, 2);

function renderEditors(): void {
  destroyEditors();
  const sourceOf = (i: number) => sourceLabel(state.identitySources?.[i]);
  state.identity.forEach((text, i) => {
    const remove = h("button", { type: "button", class: "small", "aria-label": `Remove identity policy ${i + 1}`, onclick: () => {
      state.identity.splice(i, 1);
      state.identitySources?.splice(i, 1);
      renderEditors();
      schedule(0);
    } }, "Remove");
    const label = `Identity policy ${i + 1}${sourceOf(i) ? `: ${sourceOf(i)}` : ""}`;
    addEditor("list-identity", `identity-${i + 1}`, "identity", label, text, (t) => (state.identity[i] = t), [remove]);
  });
  if (state.identity.length === 0) $("list-identity").append(h("p", { class: "hint" }, "No identity policy: only a resource or trust policy can allow."));
  const rk = state.resourceKind;
  ($("resource-kind") as HTMLSelectElement).value = rk;
  addEditor("list-resource", rk, rk, LABELS[rk], state.resource, (t) => (state.resource = t), [],
    rk === "trust" ? "Empty: no trust policy. A role's trust policy decides sts:AssumeRole*." : "Empty: no resource-based policy.");
  const boundaryLabel = state.boundarySource ? `${LABELS.boundary}: ${sourceLabel(state.boundarySource)}` : LABELS.boundary;
  addEditor("list-boundary", "boundary", "boundary", boundaryLabel, state.boundary, (t) => (state.boundary = t), [], "Empty: no permissions boundary.");
  state.session.forEach((text, i) => {
    const remove = h("button", { type: "button", class: "small", "aria-label": `Remove session policy ${i + 1}`, onclick: () => {
      state.session.splice(i, 1);
      renderEditors();
      schedule(0);
    } }, "Remove");
    addEditor("list-session", `session-${i + 1}`, "session", `Session policy ${i + 1}`, text, (t) => (state.session[i] = t), [remove]);
  });
  state.scp.forEach((scp, i) => {
    const level = h("select", { "aria-label": `Level of SCP ${i + 1}`, onchange: (e: Event) => {
      scp.level = Number((e.target as HTMLSelectElement).value);
      schedule(0);
    } }, ...[1, 2, 3, 4, 5, 6].map((n) => h("option", { value: String(n), selected: n === scp.level }, n === 1 ? "level 1 (root)" : `level ${n}`)));
    const remove = h("button", { type: "button", class: "small", "aria-label": `Remove SCP ${i + 1}`, onclick: () => {
      state.scp.splice(i, 1);
      renderEditors();
      schedule(0);
    } }, "Remove");
    addEditor("list-scp", `scp-${i + 1}`, "scp", `SCP ${i + 1}`, scp.text, (t) => (scp.text = t), [level, remove]);
  });
}

function slotText(slot: Slot): string {
  return slot.editor.text;
}

// ---------------------------------------------------------------------------------------------
// Request form

function renderRequest(): void {
  const r = state.request;
  ($("req-principal") as HTMLInputElement).value = r.principal;
  ($("req-action") as HTMLInputElement).value = r.action;
  ($("req-resource") as HTMLInputElement).value = r.resource;
  ($("req-account") as HTMLInputElement).value = r.resourceAccount;
  ($("req-derive") as HTMLInputElement).checked = r.derive;
  renderContextRows();
}

function renderContextRows(): void {
  const rows = $("context-rows");
  rows.replaceChildren();
  state.request.context.forEach((row, i) => {
    const err = rowError(row);
    const errId = `ctx-err-${i}`;
    const value = h("input", {
      class: "ctx-value", value: row.value, spellcheck: "false", "aria-label": `Value of ${row.key || `entry ${i + 1}`}`,
      "aria-invalid": err ? "true" : undefined, "aria-describedby": errId,
      placeholder: row.type.endsWith("List") ? "a, b, c" : "value",
      oninput: (e: Event) => {
        row.value = (e.target as HTMLInputElement).value;
        const msg = rowError(row);
        (e.target as HTMLElement).setAttribute("aria-invalid", msg ? "true" : "false");
        $(errId).textContent = msg;
        schedule();
      },
    });
    const line = h("div", { class: "ctx-row", "data-key": row.key },
      h("input", {
        class: "ctx-key", value: row.key, list: "known-keys", spellcheck: "false", "aria-label": `Key of entry ${i + 1}`, placeholder: "aws:SourceIp",
        oninput: (e: Event) => {
          row.key = (e.target as HTMLInputElement).value;
          (line as HTMLElement).dataset.key = row.key;
          renderOfferedKeys();
          schedule();
        },
      }),
      h("select", {
        class: "ctx-type", "aria-label": `Type of ${row.key || `entry ${i + 1}`}`,
        onchange: (e: Event) => {
          row.type = (e.target as HTMLSelectElement).value as ContextRow["type"];
          renderContextRows();
          schedule();
        },
      }, ...CONTEXT_TYPES.map((t) => h("option", { value: t, selected: t === row.type }, t))),
      value,
      h("button", {
        type: "button", class: "small", "aria-label": `Remove ${row.key || `entry ${i + 1}`}`,
        onclick: () => {
          state.request.context.splice(i, 1);
          renderContextRows();
          renderOfferedKeys();
          schedule(0);
        },
      }, "×"),
      h("span", { class: "ctx-error", id: errId }, err),
    );
    rows.append(line);
  });
}

function policyTexts(): string[] {
  return [...state.identity, state.resource, state.boundary, ...state.session, ...state.scp.map((s) => s.text)];
}

function addContextKey(key: string, type: ContextRow["type"], value = ""): void {
  state.request.context.push({ key, type, value });
  renderContextRows();
  renderOfferedKeys();
  schedule(0);
  const inputs = $("context-rows").querySelectorAll<HTMLInputElement>(".ctx-value");
  inputs[inputs.length - 1]?.focus();
}

function renderOfferedKeys(): void {
  const keys = referencedKeys(policyTexts());
  const list = $("known-keys");
  list.replaceChildren(...keys.map((k) => h("option", { value: k.key }, `${k.type}: ${k.uses.join(", ")}`)));
  const have = new Set(state.request.context.map((c) => c.key.toLowerCase()));
  const derived = state.request.derive ? derivedContext(state.request.principal) : {};
  const offered = keys.filter((k) => !have.has(k.key.toLowerCase()) && !(k.key in derived));
  const box = $("offered-keys");
  box.replaceChildren();
  if (offered.length) {
    box.append(h("span", { class: "hint" }, "The policies reference: "));
    for (const k of offered) {
      box.append(h("button", {
        type: "button", class: "chip", "data-key": k.key, title: `${k.uses.join(", ")} — add as ${k.type}`,
        onclick: () => addContextKey(k.key, k.type),
      }, `+ ${k.key}`));
    }
  }
  const d = Object.entries(derived).filter(([key]) => !have.has(key.toLowerCase()));
  $("derived-keys").textContent = d.length ? `Derived from the principal: ${d.map(([k, v]) => `${k}=${v}`).join(", ")}` : "";
}

function buildContext(rows: { key: string; value: ContextValue }[], principal: string): Record<string, ContextValue> {
  const ctx: Record<string, ContextValue> = {};
  if (state.request.derive) Object.assign(ctx, derivedContext(principal));
  for (const r of rows) if (r.key.trim()) ctx[r.key.trim()] = r.value;
  return ctx;
}

function currentRequest(): AuthorizationRequest {
  const r = state.request;
  const rows = r.context.filter((c) => !rowError(c)).map((c) => ({ key: c.key, value: rowValue(c) }));
  return {
    principal: r.principal.trim(),
    action: r.action.trim(),
    resource: r.resource.trim() || "*",
    resourceAccount: r.resourceAccount.trim() || undefined,
    context: buildContext(rows, r.principal.trim()),
  };
}

function testRequest(t: TestRow): AuthorizationRequest {
  const principal = t.principal.trim() || state.request.principal.trim();
  const rows = Object.entries(parseRowContext(t.context)).map(([key, value]) => ({ key, value }));
  return {
    principal,
    action: t.action.trim(),
    resource: t.resource.trim() || "*",
    resourceAccount: state.request.resourceAccount.trim() || undefined,
    context: buildContext(rows, principal),
  };
}

// ---------------------------------------------------------------------------------------------
// Evaluation

let timer: ReturnType<typeof setTimeout> | undefined;
/** Evaluates after `ms` without further changes (every edit calls this). */
function schedule(ms = 250): void {
  if (timer) clearTimeout(timer);
  timer = setTimeout(() => {
    timer = undefined;
    evaluate();
  }, ms);
}

function status(text: string): void {
  $("status").textContent = text;
}

interface Built {
  set: PolicySet;
  /** SCP level numbers, in the order of `set.scp`. */
  levels: number[];
  problems: string[];
}

/** Size limit for an AWS-managed policy's document (they are not held to customer quotas). */
const AWS_MANAGED_MAX_SIZE = 1_000_000;

/** Where the policy in `slot` came from, when it was opened from an account. */
function slotSource(slot: Slot): string | undefined {
  const m = /^identity-(\d+)$/.exec(slot.id);
  if (m) return state.identitySources?.[Number(m[1]) - 1];
  return slot.id === "boundary" ? state.boundarySource : undefined;
}

function buildPolicySet(): Built {
  for (const p of compiled) p.dispose();
  compiled = [];
  const problems: string[] = [];
  const byId = new Map<string, CompiledPolicy>();
  for (const slot of slots) {
    const text = slotText(slot);
    if (!text.trim()) {
      slot.editor.showDiagnostics([]);
      renderDiagnostics(slot, []);
      continue;
    }
    // AWS-managed policies opened from an account are larger than a customer policy may be.
    const maxSize = isAwsManagedSource(slotSource(slot)) ? AWS_MANAGED_MAX_SIZE : undefined;
    const diagnostics: Diagnostic[] = engine.validate(text, { kind: slot.kind, maxSize });
    slot.editor.showDiagnostics(diagnostics);
    renderDiagnostics(slot, diagnostics);
    slot.errors = diagnostics.filter((d) => d.severity === "error").length;
    if (slot.errors) {
      problems.push(`${slot.label} has ${slot.errors} error${slot.errors > 1 ? "s" : ""}`);
      continue;
    }
    try {
      const p = engine.compile(text, { kind: slot.kind, id: slot.id, maxSize });
      compiled.push(p);
      byId.set(slot.id, p);
    } catch (err) {
      problems.push(`${slot.label}: ${(err as Error).message}`);
    }
  }
  const identity = state.identity.map((_, i) => byId.get(`identity-${i + 1}`)).filter((p): p is CompiledPolicy => !!p);
  const session = state.session.map((_, i) => byId.get(`session-${i + 1}`)).filter((p): p is CompiledPolicy => !!p);
  const levels = [...new Set(state.scp.map((s) => s.level))].sort((a, b) => a - b);
  const scp = levels.map((lv) => state.scp.map((s, i) => (s.level === lv ? byId.get(`scp-${i + 1}`) : undefined)).filter((p): p is CompiledPolicy => !!p));
  const set: PolicySet = {
    identity,
    session: session.length ? session : undefined,
    boundary: byId.get("boundary"),
    resource: byId.get(state.resourceKind),
    scp: scp.length ? scp : undefined,
  };
  return { set, levels, problems };
}

function renderDiagnostics(slot: Slot, diagnostics: Diagnostic[]): void {
  slot.diagnosticsEl.replaceChildren(...diagnostics.map((d) => h("li", { class: `diag ${d.severity}`, "data-line": d.span?.start.line ?? "" },
    h("button", {
      type: "button", class: "link",
      onclick: () => d.span && slot.editor.reveal(d.span),
    }, d.span ? `line ${d.span.start.line}, column ${d.span.start.column + 1}` : "document"),
    ` ${d.severity} `, h("code", {}, d.code), ` ${d.message}`)));
}

function evaluate(): void {
  if (!engine) return;
  const started = performance.now();
  const built = buildPolicySet();
  renderOfferedKeys();
  const box = $("decision-box");
  if (built.problems.length) {
    lastResult = undefined;
    lastExplanation = undefined;
    box.replaceChildren(
      h("div", { class: "decision none", id: "decision", "data-decision": "none" }, "Not evaluated"),
      h("p", { class: "reason" }, "Fix the policies first: ", built.problems.join("; "), "."),
    );
    $("explain-body").replaceChildren();
    for (const s of slots) s.editor.highlight([]);
    renderTestResults(undefined);
    saveToUrl();
    return;
  }
  const request = currentRequest();
  let result: AuthorizationResult;
  let explanation: Explanation | undefined;
  try {
    const explain = (engine as unknown as { explain?: Explainer }).explain;
    if (typeof explain === "function") {
      explanation = explain.call(engine, request, built.set);
      result = explanation.result;
    } else {
      result = engine.authorize(request, built.set);
    }
  } catch (err) {
    lastResult = undefined;
    box.replaceChildren(
      h("div", { class: "decision none", id: "decision", "data-decision": "error" }, "Bad request"),
      h("p", { class: "reason" }, (err as Error).message),
    );
    $("explain-body").replaceChildren();
    for (const s of slots) s.editor.highlight([]);
    renderTestResults(built.set);
    saveToUrl();
    return;
  }
  lastResult = result;
  lastExplanation = explanation;
  renderResult(result, built.levels);
  renderExplanation(explanation);
  applyHighlights();
  renderTestResults(built.set);
  status(`Evaluated in ${(performance.now() - started).toFixed(1)} ms, in this page.`);
  saveToUrl();
}

const DECISION_TEXT: Record<Decision, string> = { Allow: "Allow", ExplicitDeny: "Explicit deny", ImplicitDeny: "Implicit deny" };

function reasonText(result: AuthorizationResult, levels: number[]): string {
  const level = result.reason.level !== undefined ? levels[result.reason.level] ?? result.reason.level + 1 : undefined;
  switch (result.reason.code) {
    case "ExplicitDeny": return "A Deny statement matched. An explicit deny in any policy overrides every Allow.";
    case "IdentityAllow": return "An identity-based policy allows it, and no SCP, boundary or session policy stops it.";
    case "ResourceAllow": return "The resource-based (or trust) policy allows it.";
    case "RootUser": return "The account's root user is allowed; only SCPs, RCPs and explicit denies restrict it.";
    case "NoAllow": return "No statement allows it: denied by default.";
    case "ScpNoAllow": return `No SCP at level ${level ?? "?"} allows it: every level from the root to the account must allow.`;
    case "RcpNoAllow": return `No RCP at level ${level ?? "?"} allows it.`;
    case "BoundaryNoAllow": return "The permissions boundary does not allow it: the boundary caps what identity policies grant.";
    case "SessionNoAllow": return "The session policies do not allow it: they cap what the role's policies grant.";
    case "TrustPolicyNoAllow": return "The role's trust policy does not allow this principal to assume the role.";
    case "CrossAccountNoResourceAllow": return "Cross-account: the resource's account must also allow it, in a resource-based policy.";
    case "CrossAccountNoIdentityAllow": return "Cross-account: the principal's own account must also allow it, in an identity policy.";
    case "BadInput": return "The request could not be decided (bad input).";
    default: return result.reason.code;
  }
}

function slotById(id: string): Slot | undefined {
  return slots.find((s) => s.id === id);
}

function renderResult(result: AuthorizationResult, levels: number[]): void {
  const cls = result.decision === "Allow" ? "allow" : result.decision === "ExplicitDeny" ? "deny" : "implicit";
  const children: Child[] = [
    h("div", { class: `decision ${cls}`, id: "decision", "data-decision": result.decision }, DECISION_TEXT[result.decision]),
    h("p", { class: "reason", id: "reason" }, h("code", {}, result.reason.code), " ", reasonText(result, levels)),
  ];
  if (result.matchedStatements.length) {
    children.push(h("h3", {}, "Deciding statements"), h("ul", { class: "matched" }, ...result.matchedStatements.map((m) => {
      const slot = slotById(m.policyId);
      return h("li", {}, h("button", {
        type: "button", class: `link ${m.effect === "Deny" ? "deny" : "allow"}`,
        onclick: () => slot && m.span && slot.editor.reveal(m.span),
      }, `${slot?.label ?? m.policyId}, statement ${m.statementIndex}${m.sid ? ` (${m.sid})` : ""}: ${m.effect}`));
    })));
  }
  if (result.missingContextValues.length) {
    const keys = referencedKeys(policyTexts());
    children.push(h("h3", {}, "Missing context keys"), h("ul", { class: "missing", id: "missing" }, ...result.missingContextValues.map((k) => {
      const known = keys.find((x) => x.key.toLowerCase() === k.toLowerCase());
      return h("li", {}, h("code", {}, k), " ", h("button", { type: "button", class: "small", onclick: () => addContextKey(k, known?.type ?? "string") }, "Add to context"));
    })));
  }
  $("decision-box").replaceChildren(...children.filter((c): c is Node => !!c && typeof c !== "string"));
}

const mark = (v: boolean | null): Node =>
  v === null ? h("span", { class: "na", title: "not checked for this kind" }, "—")
    : v ? h("span", { class: "yes", "aria-label": "matches" }, "✓") : h("span", { class: "no", "aria-label": "does not match" }, "✗");

function renderExplanation(explanation: Explanation | undefined): void {
  const body = $("explain-body");
  if (!explanation) {
    body.replaceChildren(h("p", { class: "hint" }, "This engine build has no engine.explain(): only the deciding statements are shown."));
    return;
  }
  const blocks = explanation.policies.map((p) => {
    const slot = slotById(p.policyId);
    const rows = p.statements.map((s) => h("tr", {
      class: s.applies ? `applies ${s.effect === "Deny" ? "deny" : "allow"}` : "skipped",
      "data-statement": s.statementIndex,
    },
    h("td", {}, h("button", {
      type: "button", class: "link", "aria-label": `Show statement ${s.statementIndex} in ${slot?.label ?? p.policyId}`,
      onclick: () => {
        if (slot && s.span) {
          focused = { slot: slot.id, span: s.span };
          applyHighlights();
          slot.editor.reveal(s.span);
        }
      },
    }, String(s.statementIndex)), " ", h("span", { class: `effect ${s.effect === "Deny" ? "no" : "yes"}` }, s.effect),
    s.sid ? h("div", { class: "sid" }, s.sid) : null),
    h("td", {}, mark(s.applies)),
    h("td", {}, mark(s.action)),
    h("td", {}, mark(s.resource)),
    h("td", {}, mark(s.principal)),
    h("td", {}, s.conditions.length
      ? h("ul", { class: "conds" }, ...s.conditions.map((c) => h("li", { class: c.missing ? "missing" : c.result ? "yes" : "no" },
        h("code", {}, c.operator), " ", h("code", {}, c.key), " ",
        c.missing ? h("span", { class: "no" }, `missing → ${c.result}`) : mark(c.result))))
      : h("span", { class: "na" }, "none"))));
    return h("div", { class: "explain-policy", "data-policy": p.policyId },
      h("h3", {}, slot?.label ?? p.policyId, h("span", { class: "hint" }, ` (${p.kind})`)),
      h("div", { class: "table-wrap" }, h("table", { class: "explain" },
        h("thead", {}, h("tr", {}, ...["Statement", "Applies", "Action", "Resource", "Principal", "Conditions"].map((t) => h("th", { scope: "col" }, t)))),
        h("tbody", {}, ...rows))));
  });
  body.replaceChildren(...(blocks.length ? blocks : [h("p", { class: "hint" }, "No policies.")]));
}

function applyHighlights(): void {
  for (const slot of slots) {
    const list: Highlight[] = [];
    for (const m of lastResult?.matchedStatements ?? []) {
      if (m.policyId === slot.id && m.span) list.push({ span: m.span, tone: m.effect === "Deny" ? "deny" : "allow" });
    }
    if (focused && focused.slot === slot.id) list.push({ span: focused.span, tone: "focus" });
    slot.editor.highlight(list);
  }
}

// ---------------------------------------------------------------------------------------------
// Test table

const DECISIONS: Decision[] = ["Allow", "ExplicitDeny", "ImplicitDeny"];

function renderTests(): void {
  const body = $("test-table").querySelector("tbody")!;
  body.replaceChildren(...state.tests.map((t, i) => {
    const cell = (field: "principal" | "action" | "resource" | "context", label: string, ph = "") => h("td", {}, h("input", {
      value: t[field], spellcheck: "false", "aria-label": `${label}, row ${i + 1}`, placeholder: ph,
      oninput: (e: Event) => {
        t[field] = (e.target as HTMLInputElement).value;
        schedule();
      },
    }));
    return h("tr", { "data-row": i },
      cell("principal", "Principal", "request's"),
      cell("action", "Action"),
      cell("resource", "Resource", "*"),
      cell("context", "Context"),
      h("td", {}, h("select", {
        "aria-label": `Expected, row ${i + 1}`, class: "expected",
        onchange: (e: Event) => {
          t.expected = (e.target as HTMLSelectElement).value as Decision;
          schedule(0);
        },
      }, ...DECISIONS.map((d) => h("option", { value: d, selected: d === t.expected }, d)))),
      h("td", { class: "actual", "aria-live": "off" }),
      h("td", {}, h("button", {
        type: "button", class: "small", "aria-label": `Remove row ${i + 1}`,
        onclick: () => {
          state.tests.splice(i, 1);
          renderTests();
          schedule(0);
        },
      }, "×")));
  }));
}

function renderTestResults(set: PolicySet | undefined): { passed: number; failed: number } {
  const rows = $("test-table").querySelectorAll<HTMLTableRowElement>("tbody tr");
  let passed = 0;
  let failed = 0;
  state.tests.forEach((t, i) => {
    const tr = rows[i];
    if (!tr) return;
    const cell = tr.querySelector<HTMLElement>(".actual")!;
    tr.classList.remove("pass", "fail");
    if (!set) {
      cell.textContent = "—";
      return;
    }
    let actual: string;
    try {
      actual = engine.authorize(testRequest(t), set).decision;
    } catch (err) {
      actual = `error: ${(err as Error).message}`;
    }
    const ok = actual === t.expected;
    if (ok) passed++;
    else failed++;
    tr.classList.add(ok ? "pass" : "fail");
    tr.dataset.result = ok ? "pass" : "fail";
    cell.replaceChildren(h("span", { class: ok ? "yes" : "no" }, ok ? "✓ " : "✗ "), actual);
    cell.title = ok ? "as expected" : `expected ${t.expected}`;
  });
  const summary = $("test-summary");
  summary.textContent = !set ? "Not run: fix the policies first."
    : state.tests.length ? `${passed} passed, ${failed} failed` : "No rows yet.";
  summary.className = failed ? "fail" : "pass";
  return { passed, failed };
}

// ---------------------------------------------------------------------------------------------
// Account mode

let gaadText: string | undefined;
let account: Account | undefined;

async function loadAccount(text: string, source: "sample" | "file"): Promise<void> {
  const st = $("account-status");
  try {
    const gaad = JSON.parse(text);
    const arns: string[] = [
      ...(gaad.UserDetailList ?? []).map((u: any) => u.Arn),
      ...(gaad.RoleDetailList ?? []).map((r: any) => r.Arn),
    ].filter((a: unknown): a is string => typeof a === "string");
    const idInput = $("acct-id") as HTMLInputElement;
    const fromArn = /^arn:aws[\w-]*:iam::(\d{12}):/.exec(arns[0] ?? "")?.[1];
    if (fromArn) idInput.value = fromArn;
    account = await Account.fromAuthorizationDetails(text, { accountId: idInput.value || "111122223333", engine });
    gaadText = text;
    const users = (gaad.UserDetailList ?? []) as any[];
    const roles = (gaad.RoleDetailList ?? []) as any[];
    const select = $("acct-principal") as HTMLSelectElement;
    const prev = state.account?.principal ?? "";
    select.replaceChildren(
      h("optgroup", { label: "Users" }, ...users.map((u) => h("option", { value: u.Arn }, `${u.UserName} (${u.Arn})`))),
      h("optgroup", { label: "Roles" }, ...roles.map((r) => h("option", { value: r.Arn }, `${r.RoleName} (${r.Arn})`))),
    );
    if (prev && arns.includes(prev)) select.value = prev;
    state.account = { ...(state.account ?? { principal: "", actions: "", resources: "" }), source, principal: select.value };
    st.textContent = `Loaded ${users.length} users, ${roles.length} roles, ${(gaad.GroupDetailList ?? []).length} groups, ${(gaad.Policies ?? []).length} managed policies.`;
    saveToUrl();
  } catch (err) {
    st.textContent = `Could not load the account: ${(err as Error).message}`;
  }
}

async function loadSampleAccount(): Promise<void> {
  const res = await fetch(new URL("./sample-account.json", import.meta.url));
  await loadAccount(await res.text(), "sample");
}

const split = (text: string): string[] => text.split(/[\s,]+/).map((s) => s.trim()).filter(Boolean);

async function simulate(): Promise<void> {
  const out = $("sim-results");
  if (!account) {
    out.replaceChildren(h("p", { class: "hint" }, "Load an account first."));
    return;
  }
  const a = state.account!;
  a.principal = ($("acct-principal") as HTMLSelectElement).value;
  try {
    const ContextEntries = state.request.context.filter((c) => c.key.trim() && !rowError(c)).map((c) => ({
      ContextKeyName: c.key.trim(), ContextKeyValues: rowValues(c).map((v) => v.trim()), ContextKeyType: c.type,
    }));
    const resources = split(a.resources);
    const response = await account.simulatePrincipalPolicy({
      PolicySourceArn: a.principal,
      ActionNames: split(a.actions),
      ResourceArns: resources.length ? resources : undefined,
      ContextEntries,
    } as any);
    const results: any[] = response.EvaluationResults ?? [];
    const pos = (p: any) => (p ? `${p.Line}:${p.Column}` : "");
    out.replaceChildren(
      h("div", { class: "table-wrap" }, h("table", { id: "sim-table" },
        h("thead", {}, h("tr", {}, ...["Action", "Resource", "Decision", "Matched statements", "Missing context"].map((t) => h("th", { scope: "col" }, t)))),
        h("tbody", {}, ...results.map((r) => h("tr", { "data-decision": r.EvalDecision },
          h("td", {}, h("code", {}, r.EvalActionName)),
          h("td", {}, h("code", {}, r.EvalResourceName ?? "*")),
          h("td", { class: `sim-decision ${r.EvalDecision}` }, r.EvalDecision),
          h("td", {}, h("ul", {}, ...(r.MatchedStatements ?? []).map((m: any) =>
            h("li", {}, `${m.SourcePolicyId} (${m.SourcePolicyType}) ${pos(m.StartPosition)}–${pos(m.EndPosition)}`)))),
          h("td", {}, (r.MissingContextValues ?? []).join(", ") || "—")))))),
      h("details", {}, h("summary", {}, "Response JSON"), h("pre", {}, JSON.stringify(response, null, 2))),
    );
    status(`Simulated ${results.length} action${results.length === 1 ? "" : "s"} for ${a.principal}.`);
  } catch (err) {
    out.replaceChildren(h("p", { class: "error" }, `${(err as any).code ? `${(err as any).code}: ` : ""}${(err as Error).message}`));
  }
  saveToUrl();
}

/** A policy document as an editor shows it: pretty JSON, or the text as stored when it is not JSON. */
function prettyDocument(text: string): string {
  for (const candidate of [text, (() => { try { return decodeURIComponent(text); } catch { return text; } })()]) {
    try {
      return JSON.stringify(JSON.parse(candidate), null, 2);
    } catch {
      // try the next form
    }
  }
  return text;
}

/**
 * The selected principal's identity policies (its own, its groups', managed and inline) and
 * permissions boundary in the policy editors, with the first action and resource and its tags
 * as the request: to edit what the simulation used and see the decision change.
 */
function openInEditors(): void {
  if (!account || !state.account) {
    $("sim-results").replaceChildren(h("p", { class: "hint" }, "Load an account first."));
    return;
  }
  const a = state.account;
  a.principal = ($("acct-principal") as HTMLSelectElement).value;
  try {
    const p = account.resolvePrincipal(a.principal);
    const doc = (id: string) => prettyDocument(p.sources.get(id)?.document ?? "{}");
    const tags = Object.entries(p.context).filter(([k]) => /^aws:PrincipalTag\//i.test(k));
    const kept = state.request.context.filter((row) => !tags.some(([k]) => k.toLowerCase() === row.key.trim().toLowerCase()));
    loadState({
      ...state,
      sample: undefined,
      mode: "policies",
      identity: p.identity.length ? p.identity.map((x) => doc(x.id)) : [""],
      identitySources: p.identity.length ? p.identity.map((x) => x.id) : [""],
      boundary: p.boundary ? doc(p.boundary.id) : "",
      boundarySource: p.boundary?.id,
      session: [],
      resource: "",
      scp: [],
      tests: [],
      request: {
        ...state.request,
        principal: a.principal,
        action: split(a.actions)[0] ?? state.request.action,
        resource: split(a.resources)[0] ?? "*",
        resourceAccount: "",
        context: [...kept, ...tags.map(([key, value]) => ({ key, type: "string" as const, value: String(value) }))],
        derive: true,
      },
    });
    status(`Opened the ${p.identity.length} identity polic${p.identity.length === 1 ? "y" : "ies"}${p.boundary ? " and the boundary" : ""} of ${a.principal}.`);
  } catch (err) {
    $("sim-results").replaceChildren(h("p", { class: "error" }, `${(err as any).code ? `${(err as any).code}: ` : ""}${(err as Error).message}`));
  }
}

function renderAccountForm(): void {
  const a = state.account ?? { source: "", principal: "", actions: "s3:GetObject, iam:ListUsers", resources: "*" };
  state.account = a;
  ($("acct-actions") as HTMLTextAreaElement).value = a.actions;
  ($("acct-resources") as HTMLTextAreaElement).value = a.resources;
  if (a.source === "file" && !gaadText) $("account-status").textContent = "This link used a GAAD file: load it again to simulate.";
}

function setMode(mode: "policies" | "account", focusTab = false): void {
  state.mode = mode;
  const account = mode === "account";
  $("mode-policies").hidden = account;
  $("mode-account").hidden = !account;
  for (const [id, on] of [["tab-policies", !account], ["tab-account", account]] as const) {
    const tab = $(id);
    tab.setAttribute("aria-selected", String(on));
    tab.tabIndex = on ? 0 : -1;
    if (on && focusTab) tab.focus();
  }
  if (account && !gaadText && state.account?.source === "sample") void loadSampleAccount().then(simulate);
  saveToUrl();
}

// ---------------------------------------------------------------------------------------------
// Share URL

let saving = Promise.resolve();
function saveToUrl(): void {
  const snapshot = JSON.parse(JSON.stringify(state)) as PlaygroundState;
  saving = saving.then(async () => {
    const fragment = await encodeState(snapshot);
    if (location.hash.slice(1) !== fragment) history.replaceState(null, "", `#${fragment}`);
  }).catch(() => {});
}

async function copyShareLink(): Promise<void> {
  saveToUrl();
  await saving;
  const url = location.href;
  try {
    await navigator.clipboard.writeText(url);
    status(`Share link copied (${url.length} characters).`);
  } catch {
    status(`Share link (copy it from the address bar): ${url.length} characters.`);
  }
  $("share").dataset.url = url;
}

// ---------------------------------------------------------------------------------------------
// Setup

function loadState(next: PlaygroundState): void {
  state = next;
  focused = undefined;
  ($("sample") as HTMLSelectElement).value = state.sample && SAMPLES.some((s) => s.id === state.sample) ? state.sample : "";
  $("sample-summary").textContent = SAMPLES.find((s) => s.id === state.sample)?.summary ?? "";
  renderEditors();
  renderRequest();
  renderTests();
  renderAccountForm();
  renderOfferedKeys();
  setMode(state.mode ?? "policies");
  evaluate();
}

function wire(): void {
  const sample = $("sample") as HTMLSelectElement;
  sample.replaceChildren(h("option", { value: "" }, "(your own)"), ...SAMPLES.map((s) => h("option", { value: s.id }, s.title)));
  sample.addEventListener("change", () => {
    const next = sampleState(sample.value);
    if (next) loadState({ ...next, mode: "policies", account: state.account });
  });
  const field = (id: string, key: "principal" | "action" | "resource" | "resourceAccount") =>
    $(id).addEventListener("input", (e) => {
      state.request[key] = (e.target as HTMLInputElement).value;
      if (key === "principal") renderOfferedKeys();
      schedule();
    });
  field("req-principal", "principal");
  field("req-action", "action");
  field("req-resource", "resource");
  field("req-account", "resourceAccount");
  $("req-derive").addEventListener("change", (e) => {
    state.request.derive = (e.target as HTMLInputElement).checked;
    renderOfferedKeys();
    schedule(0);
  });
  $("request").addEventListener("submit", (e) => {
    e.preventDefault();
    evaluate();
  });
  $("add-context").addEventListener("click", () => addContextKey("", "string"));
  $("add-identity").addEventListener("click", () => {
    state.identity.push(EMPTY_POLICY);
    state.identitySources?.push("");
    renderEditors();
    slots.find((s) => s.id === `identity-${state.identity.length}`)?.editor.view.focus();
    schedule(0);
  });
  $("add-session").addEventListener("click", () => {
    state.session.push(EMPTY_POLICY);
    renderEditors();
    slots.find((s) => s.id === `session-${state.session.length}`)?.editor.view.focus();
    schedule(0);
  });
  $("add-scp").addEventListener("click", () => {
    const level = Math.max(0, ...state.scp.map((s) => s.level)) + 1;
    state.scp.push({ level: Math.min(level, 6), text: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] }, null, 2) });
    renderEditors();
    slots.find((s) => s.id === `scp-${state.scp.length}`)?.editor.view.focus();
    schedule(0);
  });
  $("resource-kind").addEventListener("change", (e) => {
    state.resourceKind = (e.target as HTMLSelectElement).value === "trust" ? "trust" : "resource";
    renderEditors();
    schedule(0);
  });
  $("evaluate").addEventListener("click", () => (state.mode === "account" ? void simulate() : evaluate()));
  $("share").addEventListener("click", () => void copyShareLink());
  $("run-tests").addEventListener("click", () => {
    evaluate();
    $("test-summary").focus?.();
  });
  $("add-test").addEventListener("click", () => {
    state.tests.push({ principal: "", action: state.request.action, resource: state.request.resource, context: "", expected: "Allow" });
    renderTests();
    schedule(0);
  });
  $("add-test-current").addEventListener("click", () => {
    const r = state.request;
    const context = r.context.filter((c) => c.key.trim()).map((c) => `${c.key}=${c.type.endsWith("List") ? `[${rowValues(c).join(",")}]` : c.value}`).join("; ");
    state.tests.push({ principal: "", action: r.action, resource: r.resource, context, expected: lastResult?.decision ?? "Allow" });
    renderTests();
    schedule(0);
  });
  $("tab-policies").addEventListener("click", () => setMode("policies"));
  $("tab-account").addEventListener("click", () => setMode("account"));
  for (const id of ["tab-policies", "tab-account"]) {
    $(id).addEventListener("keydown", (e) => {
      if (e.key === "ArrowRight" || e.key === "ArrowLeft") {
        e.preventDefault();
        setMode(state.mode === "account" ? "policies" : "account", true);
      }
    });
  }
  $("load-sample-account").addEventListener("click", () => void loadSampleAccount().then(simulate));
  $("open-in-editors").addEventListener("click", () => openInEditors());
  $("gaad-file").addEventListener("change", async (e) => {
    const file = (e.target as HTMLInputElement).files?.[0];
    if (file) {
      await loadAccount(await file.text(), "file");
      await simulate();
    }
  });
  $("acct-principal").addEventListener("change", (e) => {
    if (state.account) state.account.principal = (e.target as HTMLSelectElement).value;
    void simulate();
  });
  $("acct-actions").addEventListener("input", (e) => {
    if (state.account) state.account.actions = (e.target as HTMLTextAreaElement).value;
    saveToUrl();
  });
  $("acct-resources").addEventListener("input", (e) => {
    if (state.account) state.account.resources = (e.target as HTMLTextAreaElement).value;
    saveToUrl();
  });
  $("simulate").addEventListener("click", () => void simulate());
  document.addEventListener("keydown", (e) => {
    const mod = e.ctrlKey || e.metaKey;
    if (mod && e.key === "Enter") {
      // Before CodeMirror's own Mod-Enter (insert a blank line).
      e.preventDefault();
      e.stopPropagation();
      if (state.mode === "account") void simulate();
      else evaluate();
    } else if (mod && e.shiftKey && (e.key === "S" || e.key === "s")) {
      e.preventDefault();
      void copyShareLink();
    } else if (e.altKey && (e.key === "1" || e.key === "2")) {
      e.preventDefault();
      setMode(e.key === "1" ? "policies" : "account", true);
    }
  }, { capture: true });
  window.addEventListener("hashchange", async () => {
    const next = await decodeState(location.hash);
    if (next) loadState(next);
  });
}

async function main(): Promise<void> {
  wire();
  try {
    engine = await createEngine();
  } catch (err) {
    status(`The engine did not load: ${(err as Error).message}`);
    document.documentElement.dataset.ready = "error";
    return;
  }
  const fromUrl = await decodeState(location.hash);
  loadState(fromUrl ?? normalizeState(sampleState(DEFAULT_SAMPLE)));
  document.documentElement.dataset.ready = "true";
  status(fromUrl ? "Restored from the link." : "Ready. Edit a policy or the request: the decision follows.");
}

void main();
