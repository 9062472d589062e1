/**
 * @module playground/analyzer/analysis-panes
 * The analyzer's parts of the page, built around the page's store and editors: findings in the
 * editors, the custom-check pane and the visual policy builder. The page calls `wire()` once and
 * `evaluated()` after each evaluation; the analyzer itself loads on first use.
 */
import type { Engine, ExampleRequestLike } from "./page-host.ts";
import type { PageHost } from "./page-host.ts";
import { BuilderPane } from "./builder-pane.ts";
import { CustomCheckPane } from "./custom-check-pane.ts";
import { formOfExample } from "./example-request.ts";
import { FindingsPane } from "./findings-pane.ts";

export class AnalysisPanes {
  readonly findings: FindingsPane;
  readonly checks: CustomCheckPane;
  readonly builder: BuilderPane;
  readonly #page: PageHost;

  constructor(page: PageHost, engine: Engine) {
    this.#page = page;
    this.findings = new FindingsPane((text) => page.status(text));
    this.builder = new BuilderPane(() => page.editors.slots);
    this.checks = new CustomCheckPane(engine, { slots: () => page.editors.slots, loadRequest: (r) => this.loadRequest(r) });
  }

  wire(): void {
    this.checks.wire();
    this.builder.wire();
  }

  /** After each evaluation: the findings and the check's policy pickers follow the editors. */
  evaluated(): void {
    this.checks.refreshPolicies();
    this.builder.sync();
    this.findings.update(this.#page.editors.slots);
  }

  /** A custom check's example request, into the request form as it is, and decided. */
  loadRequest(example: ExampleRequestLike): void {
    const { store } = this.#page;
    const form = formOfExample(example);
    store.setRequestField("principal", form.principal);
    store.setRequestField("action", form.action);
    store.setRequestField("resource", form.resource);
    store.setRequestField("resourceAccount", "");
    // The analyzer decided it without derived keys: the form decides the same request.
    store.setDerive(false);
    while (store.doc.request.context.length) store.removeContextRow(0);
    for (const row of form.context) store.addContextRow(row);
    this.#page.request.render();
    this.#page.evaluate();
    this.#page.status("The custom check's example request is in the request form, decided.");
    document.getElementById("request")?.scrollIntoView({ block: "start" });
  }
}
