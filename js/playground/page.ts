/**
 * @module playground/page
 * The page: builds the panes around one store, loads a state into all of them, and runs an
 * evaluation (policies → diagnostics → decision → explanation → highlights → test table) 250 ms
 * after the last edit. Everything a pane asks of the page (`PageActions`) ends here.
 */
import type { AuthorizationRequest, Engine } from "../entries/browser.ts";
import { AccountPane } from "./account-pane.ts";
import { AnalysisPanes } from "./analyzer/analysis-panes.ts";
import { BenchmarkPane } from "./benchmark-pane.ts";
import type { PageActions } from "./actions.ts";
import { formRequest } from "./context.ts";
import { renderBadRequest, renderDecision, renderNotEvaluated, type DecisionLinks } from "./decision-pane.ts";
import { $ } from "./dom.ts";
import { EditorsPane } from "./editors-pane.ts";
import { Evaluator, type Built, type PolicyInput } from "./evaluation.ts";
import { clearExplanation, renderExplanation, type ExplainLinks } from "./explain-pane.ts";
import { wireHeader } from "./header.ts";
import { referencedKeys } from "./referenced-keys.ts";
import { RequestPane } from "./request-pane.ts";
import { SAMPLES } from "./samples.ts";
import { ShareLink } from "./share-link.ts";
import { policyTexts, type Decided, type PlaygroundState, type Store } from "./state.ts";
import { TestsPane } from "./tests-pane.ts";
import { OrgView } from "./org/org-view.ts";
import { SAMPLE_ORGANIZATION_TEXT } from "./org/org-sample.ts";
import { SsoPane } from "./sso/sso-pane.ts";

export class Page implements PageActions {
  readonly store: Store;
  readonly editors: EditorsPane;
  readonly request: RequestPane;
  readonly tests: TestsPane;
  readonly account: AccountPane;
  readonly benchmark: BenchmarkPane;
  readonly analysis: AnalysisPanes;
  readonly org: OrgView;
  readonly sso: SsoPane;
  readonly share = new ShareLink();
  readonly #evaluator: Evaluator;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(engine: Engine, store: Store) {
    this.store = store;
    this.#evaluator = new Evaluator(engine);
    this.editors = new EditorsPane(store, this, (input) => this.#evaluator.diagnose(input));
    this.request = new RequestPane(store, this);
    this.tests = new TestsPane(store, this.#evaluator, this);
    this.account = new AccountPane(store, engine, this);
    this.benchmark = new BenchmarkPane(store, engine, this);
    this.analysis = new AnalysisPanes(this, engine);
    this.org = new OrgView(engine, () => this.#request(true), () => this.sso.organizationChanged());
    this.sso = new SsoPane(engine, {
      organization: () => this.org.organization,
      loadSampleOrganization: () => (this.org.load(SAMPLE_ORGANIZATION_TEXT) ? this.org.organization : undefined),
      request: () => this.#request(false),
    });
  }

  /** The request pane's request; without the keys derived from its principal for the Identity Center session (the model derives the session's). */
  #request(derive: boolean): AuthorizationRequest | undefined {
    const doc = this.store.doc;
    if (!doc.request.action.trim()) return undefined;
    return formRequest(derive ? doc : { ...doc, request: { ...doc.request, derive: false } });
  }

  /** The editors' policies as they are now (the Benchmark pane compiles its own copies). */
  policyInputs(): PolicyInput[] {
    return this.editors.slots.map((s) => ({ ...s, text: s.editor.text }));
  }

  wire(): void {
    this.editors.wire();
    this.request.wire();
    this.tests.wire();
    this.account.wire();
    this.benchmark.wire();
    this.analysis.wire();
    this.org.wire();
    this.sso.wire();
    wireHeader(this);
    window.addEventListener("hashchange", () => void this.loadLink("The page keeps its state."));
  }

  /**
   * Loads the state the address bar's link holds; a link over a limit, or unreadable, is not
   * loaded, and the notice says why (`otherwise`: what the page shows instead). False then.
   */
  async loadLink(otherwise: string): Promise<boolean> {
    const link = await this.share.read();
    if (!link) return false;
    if ("state" in link) {
      this.notice("");
      this.load(link.state);
      return true;
    }
    this.notice(`This link was not loaded: ${link.problem}. ${otherwise}`);
    this.save();
    return false;
  }

  /** The header's notice (a link that was not loaded); "" hides it. */
  notice(text: string): void {
    const el = $("notice");
    el.textContent = text;
    el.hidden = !text;
  }

  load(doc: PlaygroundState): void {
    this.store.replace(doc);
    const sample = SAMPLES.find((s) => s.id === doc.sample);
    ($("sample") as HTMLSelectElement).value = sample ? sample.id : "";
    $("sample-summary").textContent = sample?.summary ?? "";
    this.editors.render();
    this.request.render();
    this.tests.render();
    this.account.renderForm();
    this.request.renderOfferedKeys();
    this.setMode(doc.mode ?? "policies");
    this.evaluate();
  }

  schedule(ms = 250): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.evaluate();
    }, ms);
  }

  save(): void {
    this.share.save(this.store.snapshot());
  }

  status(text: string): void {
    $("status").textContent = text;
  }

  /** Shows the Policies or the Account tab. */
  setMode(mode: "policies" | "account", focusTab = false): void {
    this.store.setMode(mode);
    const account = mode === "account";
    $("mode-policies").hidden = account;
    $("mode-account").hidden = !account;
    for (const [id, on] of [["tab-policies", !account], ["tab-account", account]] as const) {
      const tab = $(id);
      tab.setAttribute("aria-selected", String(on));
      tab.tabIndex = on ? 0 : -1;
      if (on && focusTab) tab.focus();
    }
    if (account) this.account.shown();
    this.save();
  }

  copyShareLink(): Promise<void> {
    return this.share.copy(this.store.snapshot(), (text) => this.status(text));
  }

  /** Ctrl+Enter and the Evaluate button: simulate in account mode, evaluate otherwise. */
  run(): void {
    if (this.store.doc.mode === "account") void this.account.simulate();
    else this.evaluate();
  }

  evaluate(): void {
    const started = performance.now();
    const built = this.#evaluator.build(this.store.doc, this.editors.slots.map((s) => ({ ...s, text: s.editor.text })));
    for (const slot of this.editors.slots) this.editors.showDiagnostics(slot, built.diagnostics.get(slot.id) ?? []);
    this.request.renderOfferedKeys();
    this.analysis.evaluated();
    this.org.evaluated();
    this.sso.evaluated();
    if (built.problems.length) {
      renderNotEvaluated(built.problems);
      this.#undecided(undefined);
      return;
    }
    let decided: Decided;
    try {
      decided = this.#evaluator.decide(formRequest(this.store.doc), built.set);
    } catch (err) {
      renderBadRequest((err as Error).message);
      this.request.markRequestError((err as { path?: string }).path ?? "", (err as Error).message);
      this.#undecided(built);
      return;
    }
    this.request.markRequestError(undefined);
    this.#decided(decided, built);
    this.status(`Evaluated in ${(performance.now() - started).toFixed(1)} ms, in this page.`);
    this.save();
  }

  /** Nothing decided: no explanation, no highlights; the test table runs only when the set compiled. */
  #undecided(built: Built | undefined): void {
    this.store.setDecided(undefined);
    clearExplanation();
    this.editors.highlight(undefined, undefined);
    this.tests.renderResults(built?.set);
    this.save();
  }

  #decided(decided: Decided, built: Built): void {
    this.store.setDecided(decided);
    renderDecision(decided.result, built.levels, this.#decisionLinks());
    renderExplanation(decided.explanation, this.#explainLinks());
    this.editors.highlight(decided.result, this.store.focused);
    this.tests.renderResults(built.set);
  }

  #decisionLinks(): DecisionLinks {
    return {
      labelOf: (id) => this.editors.byId(id)?.label,
      reveal: (id, span) => this.editors.reveal(id, span),
      addContextKey: (key, type) => this.request.addContextKey(key, type),
      referencedKeys: () => referencedKeys(policyTexts(this.store.doc)),
    };
  }

  #explainLinks(): ExplainLinks {
    return {
      labelOf: (id) => this.editors.byId(id)?.label,
      pick: (id, span) => {
        if (!this.editors.byId(id)) return;
        this.store.focus({ slot: id, span });
        this.editors.highlight(this.store.decided?.result, this.store.focused);
        this.editors.reveal(id, span);
      },
    };
  }
}
