/**
 * @module playground/analyzer/findings-pane
 * The analyzer's findings for each policy editor: marks in the editor (beside the engine's
 * diagnostics, severity by finding type) and a list under it with each check's title, details and
 * learn-more link (click a location to jump to it). Runs after each evaluation, on the texts that
 * changed since the last run; the analyzer loads on the first run, after the page is ready.
 */
import type { ValidatePolicyFinding } from "../../analyzer/index.ts";
import { h } from "../dom.ts";
import type { Slot } from "../editors-pane.ts";
import { MAX_DIAGNOSTICS_SHOWN } from "../limits.ts";
import { FINDING_LABEL, findingClass, findingMarks, findingSummary, validateRequest } from "./finding-marks.ts";
import { loadAnalyzer, type Loaded } from "./load-analyzer.ts";

interface Analyzed {
  /** The kind and text the findings were made for. */
  key: string;
  findings: ValidatePolicyFinding[];
}

export class FindingsPane {
  /** Per editor element: the last analysis and the list drawn (an editor rebuilt starts afresh). */
  readonly #lists = new WeakMap<Slot, { el: HTMLElement; last?: Analyzed }>();
  #generation = 0;
  #started = false;
  readonly #status: (text: string) => void;

  constructor(status: (text: string) => void) {
    this.#status = status;
  }

  /** Analyzes the editors' policies (those changed since last time) once the analyzer is loaded. */
  update(slots: readonly Slot[]): void {
    const generation = ++this.#generation;
    const run = () => loadAnalyzer().then(
      (loaded) => this.#analyzeAll(loaded, slots, generation),
      (err: Error) => this.#status(`The policy analyzer did not load: ${err.message}`),
    );
    if (this.#started) return void run();
    // The first load waits for the page to be idle: the first paint never waits for the catalog.
    this.#started = true;
    const idle = (globalThis as { requestIdleCallback?: (f: () => void, o?: { timeout: number }) => void }).requestIdleCallback;
    if (idle) idle(() => void run(), { timeout: 1000 });
    else setTimeout(() => void run(), 200);
  }

  /**
   * One editor per task: at the limits (50 editors of 8 KB of bad statements) the checks take
   * about 0.85 s in all, which would otherwise be one long task that the page cannot answer during.
   * A newer evaluation stops an older run.
   */
  async #analyzeAll(loaded: Loaded, slots: readonly Slot[], generation: number): Promise<void> {
    for (const [i, slot] of slots.entries()) {
      if (generation !== this.#generation) return;
      if (slot.editor.view.dom.isConnected) this.#analyze(loaded, slot);
      if (i < slots.length - 1) await new Promise((r) => setTimeout(r, 0));
    }
  }

  #analyze({ analyzer, catalog }: Loaded, slot: Slot): void {
    const text = slot.editor.text;
    const key = `${slot.kind}\u0000${text}`;
    const entry = this.#listOf(slot);
    if (entry.last?.key === key) return;
    const findings = text.trim() ? analyzer.validatePolicyWith(catalog, validateRequest(slot.kind, text)).findings : [];
    entry.last = { key, findings };
    const shown = findings.slice(0, MAX_DIAGNOSTICS_SHOWN);
    slot.editor.showFindings(findingMarks(shown));
    this.#render(slot, entry.el, findings, shown, analyzer.CHECKS, analyzer.EXTRA_CHECKS);
  }

  #listOf(slot: Slot): { el: HTMLElement; last?: Analyzed } {
    let entry = this.#lists.get(slot);
    if (!entry) {
      const el = h("div", { class: "findings", "aria-live": "polite", "aria-label": `${slot.label} findings` });
      slot.diagnosticsEl.after(el);
      entry = { el };
      this.#lists.set(slot, entry);
    }
    return entry;
  }

  #render(slot: Slot, el: HTMLElement, all: ValidatePolicyFinding[], shown: ValidatePolicyFinding[], ...tables: Record<string, { title: string }>[]): void {
    el.dataset.count = String(all.length);
    if (all.length === 0) return void el.replaceChildren();
    const title = (code: string) => tables.find((t) => Object.hasOwn(t, code))?.[code].title ?? code;
    const items = shown.map((f) => {
      const span = f.locations[0]?.span;
      return h("li", { class: `finding ${findingClass(f.findingType)}`, "data-code": f.issueCode, "data-line": span?.start.line ?? "" },
        h("button", { type: "button", class: "link", onclick: () => span && slot.editor.reveal(span) },
          span ? `line ${span.start.line}, column ${span.start.column + 1}` : "policy"),
        " ", h("span", { class: "finding-type" }, FINDING_LABEL[f.findingType]), " ",
        h("strong", {}, title(f.issueCode)), ` (${f.issueCode}): ${f.findingDetails} `,
        h("a", { href: f.learnMoreLink, target: "_blank", rel: "noopener noreferrer", class: "learn-more" }, "Learn more"));
    });
    const more = all.length - shown.length;
    el.replaceChildren(
      h("p", { class: "findings-head" }, `Policy checks (Access Analyzer's, offline): ${findingSummary(all)}`),
      h("ul", {}, ...items, ...(more > 0 ? [h("li", { class: "finding more" }, `… and ${more.toLocaleString("en-US")} more.`)] : [])),
    );
  }
}
