/**
 * @module playground/header
 * The header's controls and the page's shortcuts: the sample picker, the Policies/Account tabs
 * (arrow keys move between them), *Evaluate*, *Copy share link*; Ctrl/Cmd+Enter evaluates (or
 * simulates), Ctrl+Shift+S copies the share link, Alt+1/Alt+2 switch tabs.
 */
import { $, h } from "./dom.ts";
import { SAMPLES, sampleState } from "./samples.ts";
import type { PlaygroundState, Store } from "./state.ts";

/** What the header drives (js/playground/page.ts). */
export interface HeaderTarget {
  readonly store: Store;
  load(doc: PlaygroundState): void;
  setMode(mode: "policies" | "account", focusTab?: boolean): void;
  /** Evaluate, or simulate in account mode. */
  run(): void;
  copyShareLink(): Promise<void>;
}

export function wireHeader(page: HeaderTarget): void {
  wireSamples(page);
  $("evaluate").addEventListener("click", () => page.run());
  $("share").addEventListener("click", () => void page.copyShareLink());
  $("tab-policies").addEventListener("click", () => page.setMode("policies"));
  $("tab-account").addEventListener("click", () => page.setMode("account"));
  for (const id of ["tab-policies", "tab-account"]) {
    $(id).addEventListener("keydown", (e) => {
      if (e.key !== "ArrowRight" && e.key !== "ArrowLeft") return;
      e.preventDefault();
      page.setMode(page.store.doc.mode === "account" ? "policies" : "account", true);
    });
  }
  document.addEventListener("keydown", (e) => shortcut(page, e), { capture: true });
}

function wireSamples(page: HeaderTarget): void {
  const sample = $("sample") as HTMLSelectElement;
  sample.replaceChildren(h("option", { value: "" }, "(your own)"), ...SAMPLES.map((s) => h("option", { value: s.id }, s.title)));
  sample.addEventListener("change", () => {
    const next = sampleState(sample.value);
    if (next) page.load({ ...next, mode: "policies", account: page.store.doc.account });
  });
}

function shortcut(page: HeaderTarget, e: KeyboardEvent): void {
  const mod = e.ctrlKey || e.metaKey;
  if (mod && e.key === "Enter") {
    // Before CodeMirror's own Mod-Enter (insert a blank line).
    e.preventDefault();
    e.stopPropagation();
    page.run();
  } else if (mod && e.shiftKey && (e.key === "S" || e.key === "s")) {
    e.preventDefault();
    void page.copyShareLink();
  } else if (e.altKey && (e.key === "1" || e.key === "2")) {
    e.preventDefault();
    page.setMode(e.key === "1" ? "policies" : "account", true);
  }
}
