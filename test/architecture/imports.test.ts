/**
 * @module test/architecture/imports.test
 * The real tree: every import under js/ and assembly/ points down the layer table
 * (test/architecture/layers.ts, from DESIGN.md), and no two rows import each other through any
 * chain. No exception list: a failure prints every offending file and line.
 */
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { checkImports, formatReport, readTree } from "./check-imports.ts";
import { CHECKED_ROOTS, LAYERS } from "./layers.ts";

const root = fileURLToPath(new URL("../..", import.meta.url));
const { name: packageName } = JSON.parse(readFileSync(`${root}package.json`, "utf8")) as { name: string };

describe("import direction", () => {
  const files = readTree(root, CHECKED_ROOTS);

  it("reads the whole tree", () => {
    // A guard against a reader that silently finds nothing: the tree has well over 100 files.
    expect(files.length).toBeGreaterThan(100);
    expect(files.some((f) => f.path.startsWith("assembly/"))).toBe(true);
  });

  it("has no import that points up or sideways, and no cycle between layers", () => {
    const report = checkImports(files, { layers: LAYERS, packageName, selfLayer: "entries" });
    expect(formatReport(report)).toEqual([]);
  });
});
