/**
 * @module test/architecture/check-imports.test
 * The checker on small fixture trees: it must catch an import that points up, one that points
 * sideways, a cycle between rows (with every hop's file and line), every form an import takes,
 * and files or targets no row claims; and it must pass a tree whose imports all point down.
 */
import { describe, expect, it } from "vitest";
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { checkImports, formatReport, readTree, type SourceText } from "./check-imports.ts";
import type { Layer } from "./layers.ts";

const layers: Layer[] = [
  { name: "leaf-a", rank: 0, paths: ["src/a"] },
  { name: "leaf-b", rank: 0, paths: ["src/b"] },
  { name: "middle", rank: 1, paths: ["src/m"] },
  { name: "top", rank: 2, paths: ["src/top", "src/main.ts"] },
];
const options = { layers, packageName: "pkg", selfLayer: "top" };
const check = (files: Record<string, string>): string[] =>
  formatReport(checkImports(Object.entries(files).map(([path, text]): SourceText => ({ path, text })), options));

describe("import checker on fixture trees", () => {
  it("passes imports that point down, within a row, to other packages and built-ins", () => {
    expect(check({
      "src/a/x.ts": 'import { y } from "./y.ts";\nimport { readFile } from "node:fs/promises";\nexport const x = y;',
      "src/a/y.ts": 'export const y = 1;',
      "src/m/m.ts": 'import { x } from "../a/x.ts";\nimport { z } from "../b/deep/z";\nimport * as v from "vitest";',
      "src/b/deep/z.ts": 'export const z = 2;',
      "src/top/t.ts": 'import "../m/m.ts";\nexport * from "../a/x.ts";\nimport { main } from "../main.ts";',
      "src/main.ts": 'import { t } from "./top/t.ts";',
    })).toEqual([]);
  });

  it("catches an upward import, naming file, line and both rows", () => {
    expect(check({
      "src/a/x.ts": '// header\n\nimport { m } from "../m/m.ts";',
      "src/m/m.ts": "export const m = 1;",
    })).toEqual([
      'src/a/x.ts:3: import "../m/m.ts" points up: leaf-a (src/a, rank 0) imports middle (src/m, rank 1)',
    ]);
  });

  it("catches a sideways import between two rows of one rank", () => {
    expect(check({ "src/b/q.ts": 'import type { A } from "../a/x.ts";', "src/a/x.ts": "export type A = 1;" })).toEqual([
      'src/b/q.ts:1: import type "../a/x.ts" points sideways: leaf-b (src/b, rank 0) imports leaf-a (src/a, rank 0)',
    ]);
  });

  it("catches a cycle between rows and names the import behind each hop", () => {
    const report = checkImports([
      { path: "src/m/m.ts", text: 'import { x } from "../a/x.ts";' },
      { path: "src/a/x.ts", text: 'export const x = 1;\nexport type M = import("../m/m.ts").M;' },
    ], options);
    expect(report.cycles).toEqual([
      'cycle leaf-a -> middle -> leaf-a: src/a/x.ts:2 imports "../m/m.ts"; src/m/m.ts:1 imports "../a/x.ts"',
    ]);
  });

  it("finds a cycle through three rows", () => {
    const threeRows: Layer[] = [
      { name: "p", rank: 0, paths: ["p"] },
      { name: "q", rank: 1, paths: ["q"] },
      { name: "r", rank: 2, paths: ["r"] },
    ];
    const report = checkImports([
      { path: "r/r.ts", text: 'import "../q/q.ts";' },
      { path: "q/q.ts", text: 'import "../p/p.ts";' },
      { path: "p/p.ts", text: 'import "../r/r.ts";' },
    ], { layers: threeRows, packageName: "pkg", selfLayer: "r" });
    expect(report.cycles).toEqual(['cycle p -> r -> q -> p: p/p.ts:1 imports "../r/r.ts"; r/r.ts:1 imports "../q/q.ts"; q/q.ts:1 imports "../p/p.ts"']);
  });

  it("reads every form an import takes", () => {
    const up = (form: string, file = "src/a/x.ts"): string[] => check({ [file]: form });
    const way = "points up: leaf-a (src/a, rank 0) imports middle (src/m, rank 1)";
    expect(up('export { m } from "../m/m.ts";')).toEqual([`src/a/x.ts:1: export from "../m/m.ts" ${way}`]);
    expect(up('export * as all from "../m/m.ts";')).toEqual([`src/a/x.ts:1: export from "../m/m.ts" ${way}`]);
    expect(up('import "../m/m.ts";')).toEqual([`src/a/x.ts:1: import "../m/m.ts" ${way}`]);
    expect(up('import {\n  type M,\n} from\n  "../m/m.ts";')).toEqual([`src/a/x.ts:4: import "../m/m.ts" ${way}`]);
    expect(up('async function f() {\n  return import("../m/m.ts");\n}')).toEqual([`src/a/x.ts:2: dynamic import "../m/m.ts" ${way}`]);
    expect(up("const m = await import(`../m/m.ts`);")).toEqual([`src/a/x.ts:1: dynamic import "../m/m.ts" ${way}`]);
    expect(up('let s: Map<string, import("../m/m.ts").S>;')).toEqual([`src/a/x.ts:1: import type query "../m/m.ts" ${way}`]);
    expect(up('import m = require("../m/m");')).toEqual([`src/a/x.ts:1: require "../m/m" ${way}`]);
    expect(up('const m = require("../m/m.cjs");', "src/a/x.cjs")).toEqual([`src/a/x.cjs:1: require "../m/m.cjs" ${way}`]);
    expect(up('/** @param {import("../m/m.ts").M} m */\nexport function f(m) {}', "src/a/x.mjs")).toEqual([`src/a/x.mjs:1: import type query "../m/m.ts" ${way}`]);
    expect(up('/** @import { M } from "../m/m.ts" */', "src/a/x.js")).toEqual([`src/a/x.js:1: jsdoc import "../m/m.ts" ${way}`]);
  });

  it("ignores import-like text in strings and comments of TypeScript files", () => {
    expect(check({ "src/a/x.ts": '// import "../m/m.ts";\nconst s = \'import "../m/m.ts"\';\n/* export * from "../m/m.ts" */' })).toEqual([]);
  });

  it("resolves the package's own name to its row", () => {
    expect(check({ "src/m/m.ts": 'import { t } from "pkg/engine";' })).toEqual([
      'src/m/m.ts:1: import "pkg/engine" points up: middle (src/m, rank 1) imports top (src/top, rank 2)',
    ]);
  });

  it("fails a computed dynamic import, a file in no row and a target in no row", () => {
    expect(check({ "src/a/x.ts": "const name = './y.ts';\nawait import(name);" })).toEqual([
      "src/a/x.ts:2: dynamic import of a computed specifier: its direction cannot be checked",
    ]);
    expect(check({ "src/new/n.ts": "export {};" })).toEqual(["src/new/n.ts:1: is in no layer row of test/architecture/layers.ts"]);
    expect(check({ "src/a/x.ts": 'import data from "../../package.json";\nimport "../../../outside.ts";' })).toEqual([
      'src/a/x.ts:1: import "../../package.json" names package.json, which is in no layer row',
      'src/a/x.ts:2: import "../../../outside.ts" names a path outside the repository, which is in no layer row',
    ]);
  });

  it("reads a tree from disk, skipping node_modules and non-source files", () => {
    const root = mkdtempSync(join(tmpdir(), "layers-"));
    try {
      const files: Record<string, string> = {
        "src/a/x.ts": 'import "../m/m.ts";',
        "src/m/m.ts": 'import "../a/x.ts";',
        "src/m/node_modules/dep/index.js": 'import "../../../top/t.ts";',
        "src/m/notes.md": 'import "../top/t.ts";',
      };
      for (const [path, text] of Object.entries(files)) {
        mkdirSync(dirname(join(root, path)), { recursive: true });
        writeFileSync(join(root, path), text);
      }
      const tree = readTree(root, ["src"]);
      expect(tree.map((f) => f.path)).toEqual(["src/a/x.ts", "src/m/m.ts"]);
      expect(formatReport(checkImports(tree, options))).toEqual([
        'src/a/x.ts:1: import "../m/m.ts" points up: leaf-a (src/a, rank 0) imports middle (src/m, rank 1)',
        'cycle leaf-a -> middle -> leaf-a: src/a/x.ts:1 imports "../m/m.ts"; src/m/m.ts:1 imports "../a/x.ts"',
      ]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
