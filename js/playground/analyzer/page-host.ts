/**
 * @module playground/analyzer/page-host
 * What the analyzer's panes use of the page (js/playground/page.ts): its store, editors and
 * request form, evaluation and status line. An interface, so these panes do not import the page.
 */
import type { ExampleRequest } from "../../analyzer/index.ts";
import type { EditorsPane } from "../editors-pane.ts";
import type { RequestPane } from "../request-pane.ts";
import type { Store } from "../state.ts";

export type { Engine } from "../../entries/browser.ts";
export type ExampleRequestLike = ExampleRequest;

export interface PageHost {
  readonly store: Store;
  readonly editors: EditorsPane;
  readonly request: RequestPane;
  evaluate(): void;
  schedule(ms?: number): void;
  status(text: string): void;
}
