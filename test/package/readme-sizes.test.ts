/**
 * @module test/package/readme-sizes.test
 * The README's size table is generated: it must be present and equal to what `npm run size`
 * measures on the current build (scripts/size-measure.mjs). Needs dist/; skipped without it
 * unless IAM_EDGE_REQUIRE_DIST is set (npm test sets it, after building).
 */
import { describe, expect, it } from "vitest";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { measureSizes, readSizes, renderSizes, writeSizes } from "../../scripts/size-measure.mjs";

const root = fileURLToPath(new URL("../..", import.meta.url));
const haveDist = existsSync(`${root}dist/engine.wasm`);

describe("README size markers", () => {
  it("finds, replaces and reports missing markers", () => {
    const block = renderSizes([{ name: "`engine.wasm`", raw: 2048, gzip: 1024 }]);
    expect(block).toContain("| `engine.wasm` | 2.0 KiB | 1.0 KiB |");
    const text = `intro\n${renderSizes([{ name: "x", raw: 1, gzip: 1 }])}\noutro\n`;
    expect(writeSizes(text, block)).toBe(`intro\n${block}\noutro\n`);
    expect(readSizes("no markers")).toBeNull();
    expect(() => writeSizes("no markers", block)).toThrow(/no size markers/);
  });
});

describe.skipIf(!haveDist && !process.env.IAM_EDGE_REQUIRE_DIST)("README sizes", () => {
  it("quotes the sizes of the current build (run `npm run size` when this fails)", async () => {
    const readme = readFileSync(`${root}README.md`, "utf8");
    expect(readSizes(readme), "README.md has no size markers").not.toBeNull();
    expect(readSizes(readme)).toBe(renderSizes(await measureSizes(root)));
  });
});
