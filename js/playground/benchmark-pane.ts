/**
 * @module playground/benchmark-pane
 * The Benchmark pane: measures, in this page, what a policy set costs to decide on the three
 * ways of calling the engine (unlinked, linked, batch: js/bench/measure.ts, the same code as
 * `iam-edge bench`), on the editors' current policies (requests sampled from their own
 * statements) or on the project's workloads W1-W4 (`workloads.json`, written by the build from
 * bench/), and draws decisions/s and latency per path. The pane compiles its own copies of the
 * policies, so editing while it runs changes nothing under it.
 */
import type { CompiledPolicy, Engine, PolicyKind, PolicySet } from "../entries/browser.ts";
import type { AuthorizationRequest } from "../entries/browser.ts";
import { measurePaths, type Measurement, type PathFigures } from "../bench/measure.ts";
import { sampleRequests } from "../bench/sample-requests.ts";
import type { PageActions } from "./actions.ts";
import { $, h } from "./dom.ts";
import { Evaluator, type PolicyInput } from "./evaluation.ts";
import type { Store } from "./state.ts";

/** Requests sampled from the current policies; and the time of each path's timed runs. */
const SAMPLE = 1000;
const TIME_MS = 600;
const LABEL: Record<PathFigures["path"], string> = { unlinked: "unlinked authorize", linked: "linked authorize", batch: "linked authorizeBatch" };

/** A workload as bench/page-workloads.ts writes it. */
interface PageWorkload {
  title: string;
  policies: { identity: unknown[]; boundary?: unknown; scp?: unknown[][]; resource?: unknown };
  requests: AuthorizationRequest[];
}

/** What the pane needs of the page beyond PageActions: the editors' policies as they are now. */
export interface BenchmarkActions extends PageActions {
  policyInputs(): PolicyInput[];
}

export class BenchmarkPane {
  readonly #store: Store;
  readonly #engine: Engine;
  readonly #actions: BenchmarkActions;
  readonly #evaluator: Evaluator;
  #workloads: Promise<Record<string, PageWorkload>> | undefined;
  #compiled: CompiledPolicy[] = [];
  #running = false;

  constructor(store: Store, engine: Engine, actions: BenchmarkActions) {
    this.#store = store;
    this.#engine = engine;
    this.#actions = actions;
    this.#evaluator = new Evaluator(engine);
  }

  wire(): void {
    $("bench-run").addEventListener("click", () => void this.run());
  }

  /** Runs the benchmark on the picked source; one run at a time. */
  async run(): Promise<void> {
    if (this.#running) return;
    this.#running = true;
    const button = $("bench-run") as HTMLButtonElement;
    button.disabled = true;
    $("bench-box").dataset.state = "running";
    try {
      const source = ($("bench-source") as HTMLSelectElement).value;
      const input = source === "current" ? this.#current() : await this.#workload(source);
      if ("problem" in input) return this.#say(input.problem, "problem");
      const m = await measurePaths(this.#engine, input.set, input.requests, {
        timeMs: TIME_MS,
        latencyGroup: 100,
        onProgress: (path, run, runs) => this.#say(`Measuring ${LABEL[path]}: run ${run} of ${runs}…`, "running"),
        pause: () => new Promise((resolve) => setTimeout(resolve, 0)),
      });
      this.#render(input.label, m);
    } catch (err) {
      this.#say(`The benchmark stopped: ${(err as Error).message}`, "problem");
    } finally {
      this.#running = false;
      button.disabled = false;
    }
  }

  #say(text: string, state: string): void {
    $("bench-status").textContent = text;
    $("bench-box").dataset.state = state;
  }

  /** The editors' policies, compiled by the pane's own evaluator, and requests sampled from them. */
  #current(): { set: PolicySet; requests: AuthorizationRequest[]; label: string } | { problem: string } {
    const inputs = this.#actions.policyInputs();
    const built = this.#evaluator.build(this.#store.doc, inputs);
    if (built.problems.length) return { problem: `Fix the policies first: ${built.problems.join("; ")}` };
    const documents = inputs.filter((i) => i.kind === "identity" && i.text.trim()).map((i) => parse(i.text));
    const principal = this.#store.doc.request.principal || "arn:aws:iam::111122223333:user/alice";
    const requests = sampleRequests(documents, SAMPLE, 1, principal);
    if (!requests.length) return { problem: "The identity policies name no actions to sample requests from." };
    for (const q of requests) {
      try {
        this.#engine.authorize(q, built.set);
      } catch (err) {
        return { problem: `A sampled request is not valid: ${(err as Error).message}` };
      }
    }
    return { set: built.set, requests, label: `the current policies (${requests.length} sampled requests)` };
  }

  /** Workload `id` from workloads.json (fetched once), compiled into a fresh set. */
  async #workload(id: string): Promise<{ set: PolicySet; requests: AuthorizationRequest[]; label: string } | { problem: string }> {
    this.#workloads ??= fetch("./workloads.json").then((r) => {
      if (!r.ok) throw new Error(`workloads.json: HTTP ${r.status}`);
      return r.json() as Promise<Record<string, PageWorkload>>;
    });
    this.#workloads.catch(() => (this.#workloads = undefined));
    const w = (await this.#workloads)[id];
    if (!w) return { problem: `No workload ${id} in workloads.json.` };
    for (const p of this.#compiled) p.dispose();
    this.#compiled = [];
    const c = (doc: unknown, kind: PolicyKind) => {
      const p = this.#engine.compile(doc, { kind });
      this.#compiled.push(p);
      return p;
    };
    const set: PolicySet = { identity: w.policies.identity.map((d) => c(d, "identity")) };
    if (w.policies.boundary) set.boundary = c(w.policies.boundary, "boundary");
    if (w.policies.scp) set.scp = w.policies.scp.map((level) => level.map((d) => c(d, "scp")));
    if (w.policies.resource) set.resource = c(w.policies.resource, "resource");
    return { set, requests: w.requests, label: `${id} (${w.title}; ${w.requests.length} requests)` };
  }

  #render(label: string, m: Measurement): void {
    const total = m.decisions.Allow + m.decisions.ExplicitDeny + m.decisions.ImplicitDeny;
    this.#say(`${label}: Allow ${pct(m.decisions.Allow, total)}, ExplicitDeny ${pct(m.decisions.ExplicitDeny, total)}, ImplicitDeny ${pct(m.decisions.ImplicitDeny, total)}.`, "done");
    $("bench-results").replaceChildren(
      h("table", { id: "bench-table" },
        h("thead", {}, h("tr", {}, ...["Path", "Decisions/s", "p50", "p99"].map((t) => h("th", { scope: "col" }, t)))),
        h("tbody", {}, ...m.paths.map((p) => h("tr", { "data-path": p.path, "data-rate": String(p.decisionsPerSec) },
          h("th", { scope: "row" }, LABEL[p.path]), h("td", {}, rate(p.decisionsPerSec)), h("td", {}, us(p.p50us)), h("td", {}, us(p.p99us)))))),
      chart("Decisions per second", "bench-chart-rate", m.paths.map((p) => ({ label: LABEL[p.path], values: [p.decisionsPerSec], text: rate(p.decisionsPerSec) }))),
      chart("Latency per decision (p50, p99)", "bench-chart-latency", m.paths.map((p) => ({ label: LABEL[p.path], values: [p.p50us, p.p99us], text: `${us(p.p50us)} / ${us(p.p99us)}` }))),
    );
  }
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null; // compiled fine, so not JSON only when URL-encoded: sampling skips it
  }
}

const pct = (n: number, total: number) => `${((n / total) * 100).toFixed(0)}%`;
const rate = (x: number) => (x >= 1e6 ? `${(x / 1e6).toFixed(2)}M` : x >= 1e3 ? `${(x / 1e3).toFixed(1)}k` : x.toFixed(0));
const us = (x: number) => (x >= 1000 ? `${(x / 1000).toFixed(2)} ms` : `${x.toFixed(2)} µs`);

const SVG = "http://www.w3.org/2000/svg";
function svg(tag: string, attrs: Record<string, string | number>, text?: string): SVGElement {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  if (text !== undefined) el.textContent = text;
  return el;
}

/** A horizontal bar chart: one row per path, one bar per value (scaled to the largest). */
function chart(title: string, id: string, rows: { label: string; values: number[]; text: string }[]): HTMLElement {
  const max = Math.max(...rows.flatMap((r) => r.values), 1e-9);
  const bar = 14, gap = 10, left = 150, width = 220, right = 130;
  const rowHeight = rows[0].values.length * bar + gap;
  const root = svg("svg", { id, role: "img", "aria-label": title, viewBox: `0 0 ${left + width + right} ${rows.length * rowHeight}`, class: "bench-chart" });
  rows.forEach((r, i) => {
    const y = i * rowHeight;
    root.append(svg("text", { x: 0, y: y + bar, class: "bench-label" }, r.label));
    r.values.forEach((v, k) => root.append(svg("rect", { x: left, y: y + k * bar, width: Math.max(1, (v / max) * width), height: bar - 2, class: `bench-bar bench-bar-${k}`, "data-value": v })));
    root.append(svg("text", { x: left + width + 6, y: y + bar, class: "bench-value" }, r.text));
  });
  return h("figure", { class: "bench-figure" }, h("figcaption", {}, title), root as unknown as Node);
}
