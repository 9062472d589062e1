/**
 * Conformance corpus runner (Node). Loads every `cases/<topic>/*.json`, runs each case through
 * `runCase` and reports one test per case, named `topic/name`. See docs/conformance.md.
 */
import { readdirSync, readFileSync, existsSync, statSync } from "node:fs";
import { join, dirname, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, it, expect, beforeAll } from "vitest";
import { runCase, lintCaseFiles, type CaseFile, type ConformanceCase, type EngineLike } from "./run-case.ts";

const here = dirname(fileURLToPath(import.meta.url));
const casesDir = join(here, "cases");

function listJson(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...listJson(p));
    else if (name.endsWith(".json")) out.push(p);
  }
  return out;
}

const files = listJson(casesDir).map((file) => ({
  file: relative(here, file),
  data: JSON.parse(readFileSync(file, "utf8")) as CaseFile,
}));

const knownPath = join(here, "known-differences.json");
const knownDifferences: Record<string, string> = existsSync(knownPath)
  ? JSON.parse(readFileSync(knownPath, "utf8"))
  : {};

const cases: ConformanceCase[] = files.flatMap(({ data }) =>
  data.cases.map((c) => ({ ...c, topic: data.topic, doc: c.doc ?? data.doc, id: `${data.topic}/${c.name}` })),
);

describe("conformance corpus", () => {
  it("every case cites a doc page and has a unique name", () => {
    expect(lintCaseFiles(files)).toEqual([]);
  });

  it("every known difference names an existing case and gives a reason", () => {
    const names = new Set(cases.map((c) => c.name));
    for (const [name, reason] of Object.entries(knownDifferences)) {
      expect(names.has(name), `known difference "${name}" is not a case`).toBe(true);
      expect(typeof reason === "string" && reason.length > 0, `known difference "${name}" has no reason`).toBe(true);
    }
  });
});

describe("conformance", () => {
  let engine: EngineLike;
  beforeAll(async () => {
    const mod: any = await import("../../js/index.ts");
    engine = await mod.createEngine();
  });

  for (const c of cases) {
    const reason = knownDifferences[c.name];
    const title = `${c.id}`;
    if (reason) {
      it.fails(`${title} (known difference: ${reason})`, () => {
        const r = runCase(engine, c);
        expect(r.ok, r.message).toBe(true);
      });
    } else {
      it(title, () => {
        const r = runCase(engine, c);
        expect(r.ok, `${r.message}\n  doc: ${c.doc}\n  actual: ${JSON.stringify(r.actual)}`).toBe(true);
      });
    }
  }
});
