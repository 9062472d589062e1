/**
 * @module playground/tests-pane
 * The test table: rows of principal, action, resource, context and the expected decision, run on
 * every evaluation and with *Run all*; failures are marked with the actual decision.
 */
import type { Decision, PolicySet } from "../entries/browser.ts";
import type { PageActions } from "./actions.ts";
import { rowsAsText, testRequest } from "./context.ts";
import { $, h, valueOf } from "./dom.ts";
import type { Evaluator } from "./evaluation.ts";
import { AT_LIMIT } from "./limits.ts";
import type { Store, TestField, TestRow } from "./state.ts";

const DECISIONS: Decision[] = ["Allow", "ExplicitDeny", "ImplicitDeny"];

export class TestsPane {
  readonly #store: Store;
  readonly #evaluator: Evaluator;
  readonly #actions: PageActions;

  constructor(store: Store, evaluator: Evaluator, actions: PageActions) {
    this.#store = store;
    this.#evaluator = evaluator;
    this.#actions = actions;
  }

  wire(): void {
    $("run-tests").addEventListener("click", () => {
      this.#actions.evaluate();
      $("test-summary").focus?.();
    });
    $("add-test").addEventListener("click", () => {
      const r = this.#store.doc.request;
      this.#add({ principal: "", action: r.action, resource: r.resource, context: "", expected: "Allow" });
    });
    $("add-test-current").addEventListener("click", () => {
      const r = this.#store.doc.request;
      const expected = this.#store.decided?.result.decision ?? "Allow";
      this.#add({ principal: "", action: r.action, resource: r.resource, context: rowsAsText(r.context), expected });
    });
  }

  #add(row: TestRow): void {
    if (!this.#store.addTestRow(row)) return this.#actions.status(AT_LIMIT.tests);
    this.render();
    this.#actions.schedule(0);
  }

  render(): void {
    $("test-table").querySelector("tbody")!.replaceChildren(...this.#store.doc.tests.map((t, i) => this.#row(t, i)));
  }

  #row(t: TestRow, i: number): HTMLElement {
    return h("tr", { "data-row": i },
      this.#cell(t, i, "principal", "Principal", "request's"),
      this.#cell(t, i, "action", "Action"),
      this.#cell(t, i, "resource", "Resource", "*"),
      this.#cell(t, i, "context", "Context"),
      h("td", {}, h("select", {
        "aria-label": `Expected, row ${i + 1}`, class: "expected",
        onchange: (e: Event) => {
          this.#store.updateTestRow(i, { expected: valueOf(e) as Decision });
          this.#actions.schedule(0);
        },
      }, ...DECISIONS.map((d) => h("option", { value: d, selected: d === t.expected }, d)))),
      h("td", { class: "actual", "aria-live": "off" }),
      h("td", {}, h("button", {
        type: "button", class: "small", "aria-label": `Remove row ${i + 1}`,
        onclick: () => {
          this.#store.removeTestRow(i);
          this.render();
          this.#actions.schedule(0);
        },
      }, "×")));
  }

  #cell(t: TestRow, i: number, field: TestField, label: string, hint = ""): HTMLElement {
    return h("td", {}, h("input", {
      value: t[field], spellcheck: "false", "aria-label": `${label}, row ${i + 1}`, placeholder: hint,
      oninput: (e: Event) => {
        this.#store.updateTestRow(i, { [field]: valueOf(e) });
        this.#actions.schedule();
      },
    }));
  }

  /** Runs every row against the set (undefined: the policies have errors, nothing runs). */
  renderResults(set: PolicySet | undefined): void {
    const rows = $("test-table").querySelectorAll<HTMLTableRowElement>("tbody tr");
    let passed = 0;
    let failed = 0;
    this.#store.doc.tests.forEach((t, i) => {
      const tr = rows[i];
      if (!tr) return;
      const ok = this.#showRow(tr, t, set);
      if (ok === true) passed++;
      else if (ok === false) failed++;
    });
    const summary = $("test-summary");
    summary.textContent = !set ? "Not run: fix the policies first."
      : this.#store.doc.tests.length ? `${passed} passed, ${failed} failed` : "No rows yet.";
    summary.className = failed ? "fail" : "pass";
  }

  /** Decides one row and marks it; undefined when it was not run. */
  #showRow(tr: HTMLTableRowElement, t: TestRow, set: PolicySet | undefined): boolean | undefined {
    const cell = tr.querySelector<HTMLElement>(".actual")!;
    tr.classList.remove("pass", "fail");
    if (!set) {
      cell.textContent = "—";
      return undefined;
    }
    let actual: string;
    try {
      actual = this.#evaluator.authorize(testRequest(this.#store.doc, t), set).decision;
    } catch (err) {
      actual = `error: ${(err as Error).message}`;
    }
    const ok = actual === t.expected;
    tr.classList.add(ok ? "pass" : "fail");
    tr.dataset.result = ok ? "pass" : "fail";
    cell.replaceChildren(h("span", { class: ok ? "yes" : "no" }, ok ? "✓ " : "✗ "), actual);
    cell.title = ok ? "as expected" : `expected ${t.expected}`;
    return ok;
  }
}
