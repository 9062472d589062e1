/**
 * @module playground/request-pane
 * The Request form: principal, action, resource, resource account, typed context entries, the
 * keys the policies reference (offered as buttons and as the key field's suggestions) and the
 * keys AWS derives from the principal.
 */
import type { PageActions } from "./actions.ts";
import { derivedContext, rowError } from "./context.ts";
import { $, h, valueOf } from "./dom.ts";
import { AT_LIMIT } from "./limits.ts";
import { referencedKeys } from "./referenced-keys.ts";
import { CONTEXT_TYPES, policyTexts, type ContextRow, type ContextType, type RequestField, type Store } from "./state.ts";

const FIELDS: [string, RequestField][] = [
  ["req-principal", "principal"], ["req-action", "action"], ["req-resource", "resource"], ["req-account", "resourceAccount"],
];

export class RequestPane {
  readonly #store: Store;
  readonly #actions: PageActions;

  constructor(store: Store, actions: PageActions) {
    this.#store = store;
    this.#actions = actions;
  }

  wire(): void {
    for (const [id, field] of FIELDS) {
      $(id).addEventListener("input", (e) => {
        this.#store.setRequestField(field, valueOf(e));
        if (field === "principal") this.renderOfferedKeys();
        this.#actions.schedule();
      });
    }
    $("req-derive").addEventListener("change", (e) => {
      this.#store.setDerive((e.target as HTMLInputElement).checked);
      this.renderOfferedKeys();
      this.#actions.schedule(0);
    });
    $("request").addEventListener("submit", (e) => {
      e.preventDefault();
      this.#actions.evaluate();
    });
    $("add-context").addEventListener("click", () => this.addContextKey("", "string"));
  }

  render(): void {
    const r = this.#store.doc.request;
    for (const [id, field] of FIELDS) ($(id) as HTMLInputElement).value = r[field];
    ($("req-derive") as HTMLInputElement).checked = r.derive;
    this.#renderContextRows();
  }

  /**
   * Marks the field a RequestError names (its `path`: `/principal`, `/action`, `/resource`,
   * `/resourceAccount`) as invalid, with the engine's message as its description; `undefined`
   * clears every mark (the request was decided).
   */
  markRequestError(path: string | undefined, message = ""): void {
    const field = path?.split("/")[1];
    for (const [id, name] of FIELDS) {
      const input = $(id);
      const bad = name === field;
      input.setAttribute("aria-invalid", bad ? "true" : "false");
      if (bad) input.setAttribute("title", message);
      else input.removeAttribute("title");
    }
  }

  /** Adds a context entry and puts the cursor in its value. */
  addContextKey(key: string, type: ContextType, value = ""): void {
    if (!this.#store.addContextRow({ key, type, value })) return this.#actions.status(AT_LIMIT.context);
    this.#renderContextRows();
    this.renderOfferedKeys();
    this.#actions.schedule(0);
    const inputs = $("context-rows").querySelectorAll<HTMLInputElement>(".ctx-value");
    inputs[inputs.length - 1]?.focus();
  }

  #renderContextRows(): void {
    $("context-rows").replaceChildren(...this.#store.doc.request.context.map((row, i) => this.#contextRow(row, i)));
  }

  #contextRow(row: ContextRow, i: number): HTMLElement {
    const err = rowError(row);
    return h("div", { class: "ctx-row", "data-key": row.key },
      this.#keyInput(row, i), this.#typeSelect(row, i), this.#valueInput(row, i, err),
      h("button", {
        type: "button", class: "small", "aria-label": `Remove ${row.key || `entry ${i + 1}`}`,
        onclick: () => {
          this.#store.removeContextRow(i);
          this.#renderContextRows();
          this.renderOfferedKeys();
          this.#actions.schedule(0);
        },
      }, "×"),
      h("span", { class: "ctx-error", id: `ctx-err-${i}` }, err));
  }

  #keyInput(row: ContextRow, i: number): HTMLElement {
    return h("input", {
      class: "ctx-key", value: row.key, list: "known-keys", spellcheck: "false", "aria-label": `Key of entry ${i + 1}`, placeholder: "aws:SourceIp",
      oninput: (e: Event) => {
        this.#store.updateContextRow(i, { key: valueOf(e) });
        ((e.target as HTMLElement).closest(".ctx-row") as HTMLElement).dataset.key = valueOf(e);
        this.renderOfferedKeys();
        this.#actions.schedule();
      },
    });
  }

  #typeSelect(row: ContextRow, i: number): HTMLElement {
    return h("select", {
      class: "ctx-type", "aria-label": `Type of ${row.key || `entry ${i + 1}`}`,
      onchange: (e: Event) => {
        this.#store.updateContextRow(i, { type: valueOf(e) as ContextType });
        this.#renderContextRows();
        this.#actions.schedule();
      },
    }, ...CONTEXT_TYPES.map((t) => h("option", { value: t, selected: t === row.type }, t)));
  }

  #valueInput(row: ContextRow, i: number, err: string): HTMLElement {
    const errId = `ctx-err-${i}`;
    return h("input", {
      class: "ctx-value", value: row.value, spellcheck: "false", "aria-label": `Value of ${row.key || `entry ${i + 1}`}`,
      "aria-invalid": err ? "true" : undefined, "aria-describedby": errId,
      placeholder: row.type.endsWith("List") ? "a, b, c" : "value",
      oninput: (e: Event) => {
        this.#store.updateContextRow(i, { value: valueOf(e) });
        const msg = rowError(this.#store.doc.request.context[i]);
        (e.target as HTMLElement).setAttribute("aria-invalid", msg ? "true" : "false");
        $(errId).textContent = msg;
        this.#actions.schedule();
      },
    });
  }

  /** The keys the policies reference and the request lacks (buttons), and the derived keys (a line). */
  renderOfferedKeys(): void {
    const doc = this.#store.doc;
    const keys = referencedKeys(policyTexts(doc));
    $("known-keys").replaceChildren(...keys.map((k) => h("option", { value: k.key }, `${k.type}: ${k.uses.join(", ")}`)));
    const have = new Set(doc.request.context.map((c) => c.key.toLowerCase()));
    const derived = doc.request.derive ? derivedContext(doc.request.principal) : {};
    const offered = keys.filter((k) => !have.has(k.key.toLowerCase()) && !Object.hasOwn(derived, k.key));
    const box = $("offered-keys");
    box.replaceChildren();
    if (offered.length) {
      box.append(h("span", { class: "hint" }, "The policies reference: "), ...offered.map((k) => h("button", {
        type: "button", class: "chip", "data-key": k.key, title: `${k.uses.join(", ")} — add as ${k.type}`,
        onclick: () => this.addContextKey(k.key, k.type),
      }, `+ ${k.key}`)));
    }
    const d = Object.entries(derived).filter(([key]) => !have.has(key.toLowerCase()));
    $("derived-keys").textContent = d.length ? `Derived from the principal: ${d.map(([k, v]) => `${k}=${v}`).join(", ")}` : "";
  }
}
