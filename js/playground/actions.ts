/**
 * @module playground/actions
 * What a pane may ask of the page (js/playground/page.ts implements it): panes never import one
 * another's modules for these, so the import graph stays a tree under page.ts.
 */
import type { PlaygroundState } from "./state.ts";

export interface PageActions {
  /** Evaluates after `ms` without further changes (every edit calls this). */
  schedule(ms?: number): void;
  /** Evaluates now. */
  evaluate(): void;
  /** Writes the state into the address bar. */
  save(): void;
  /** Replaces the whole state (a sample, a link, an account's policies) and redraws every pane. */
  load(doc: PlaygroundState): void;
  /** One line in the header's status area. */
  status(text: string): void;
}
