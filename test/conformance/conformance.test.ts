/**
 * Conformance corpus runner (Node). Loads every `cases/<topic>/*.json`, runs each case through
 * `runCase` and reports one test per case, named `topic/name`. See docs/conformance.md.
 */
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, it, expect, beforeAll } from "vitest";
import { runCase, lintCaseFiles, type EngineLike } from "./run-case.ts";
import { readCaseFiles, readKnownDifferences } from "../shared/read-cases.node.ts";
import { flattenCases } from "../shared/cases.ts";

const here = dirname(fileURLToPath(import.meta.url));
const files = readCaseFiles(join(here, "cases"), here);
const knownDifferences = readKnownDifferences(here);
const cases = flattenCases(files.map((f) => f.data));

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
