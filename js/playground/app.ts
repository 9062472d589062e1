/**
 * @module playground/app
 * The policy playground's entry (bundled into dist/playground/app.js): creates the engine from
 * the package's browser build (`./browser.js` beside this file, with `engine.wasm`), builds the
 * page around one store, and loads the state the link holds or the default sample. Start reading
 * at js/playground/README.md.
 */
import { createEngine, type Engine } from "../entries/browser.ts";
import { $ } from "./dom.ts";
import { Page } from "./page.ts";
import { DEFAULT_SAMPLE, sampleState } from "./samples.ts";
import { normalizeState, Store } from "./state.ts";

async function main(): Promise<void> {
  let engine: Engine;
  try {
    engine = await createEngine();
  } catch (err) {
    $("status").textContent = `The engine did not load: ${(err as Error).message}`;
    document.documentElement.dataset.ready = "error";
    return;
  }
  const defaults = () => normalizeState(sampleState(DEFAULT_SAMPLE));
  const page = new Page(engine, new Store(defaults()));
  page.wire();
  const restored = await page.loadLink("The page shows the default sample instead.");
  if (!restored) page.load(defaults());
  document.documentElement.dataset.ready = "true";
  page.status(restored ? "Restored from the link." : "Ready. Edit a policy or the request: the decision follows.");
}

void main();
