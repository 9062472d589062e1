/**
 * @module playground/analyzer/load-analyzer
 * The analyzer (`iam-edge/analyzer`) and its action catalog, loaded on first use: the page's
 * first paint does not wait for them. The build (js/playground/build.mjs) turns the import of
 * `../../analyzer/index.ts` into the package's own `./analyzer.js`, whose catalog is a chunk of
 * its own (about 240 KiB gzip) fetched by `loadCatalog()`.
 */
import type * as AnalyzerApi from "../../analyzer/index.ts";

export type Analyzer = typeof AnalyzerApi;
export type Catalog = AnalyzerApi.Catalog;

export interface Loaded {
  analyzer: Analyzer;
  catalog: Catalog;
}

let loading: Promise<Loaded> | undefined;

/** The analyzer with its catalog, loaded once; a failed load is forgotten so a later call retries. */
export function loadAnalyzer(): Promise<Loaded> {
  loading ??= import("../../analyzer/index.ts").then(async (analyzer) => ({ analyzer, catalog: await analyzer.loadCatalog() }));
  loading.catch(() => (loading = undefined));
  return loading;
}
