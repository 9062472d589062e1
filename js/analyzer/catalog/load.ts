/**
 * @module analyzer/catalog/load
 * The catalog is about 1.5 MB of JSON (240 KB gzip), so nothing loads it until a check needs
 * it: `loadCatalog()` imports data.json on first call (a separate chunk in the package's
 * bundles, fetched or read only then) and keeps the Catalog for the process or isolate. The
 * engine's and the account model's entries never import this module (test/package and
 * `npm run size` show their sizes unchanged).
 */
import { Catalog } from "./catalog.ts";
import type { CatalogData } from "./types.ts";

let loading: Promise<Catalog> | undefined;

/**
 * The action catalog, loaded once.
 * @example
 * const catalog = await loadCatalog();
 * catalog.action("s3", "getobject")?.name // "GetObject"
 */
export function loadCatalog(): Promise<Catalog> {
  loading ??= import("./data.json", { with: { type: "json" } }).then((m) => new Catalog((m.default ?? m) as unknown as CatalogData));
  // A failed load (a chunk that could not be fetched) is not kept, so a later call can retry.
  loading.catch(() => (loading = undefined));
  return loading;
}
