/**
 * The ABI is defined once in assembly/abi.ts; js/engine/abi.ts mirrors it. This test reads the
 * AssemblyScript source and fails on any constant that differs or is missing on either side.
 */
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import * as js from "../../js/engine/abi.ts";

describe("ABI mirror", () => {
  const src = readFileSync(new URL("../../assembly/abi.ts", import.meta.url), "utf8");
  const asConsts = new Map<string, number>();
  for (const m of src.matchAll(/export const (\w+): u32 = ([^;]+);/g)) {
    // Expressions refer only to earlier constants.
    const expr = m[2].replace(/[A-Z_][A-Z0-9_]*/g, (name) => String(asConsts.get(name)));
    asConsts.set(m[1], Function(`return (${expr})`)() as number);
  }

  it("reads a non-trivial number of constants from assembly/abi.ts", () => {
    expect(asConsts.size).toBeGreaterThan(100);
  });

  it("has every AssemblyScript constant with the same value", () => {
    const jsConsts = js as unknown as Record<string, number>;
    for (const [name, value] of asConsts) expect([name, jsConsts[name]]).toEqual([name, value]);
    expect(Object.keys(jsConsts).sort()).toEqual([...asConsts.keys()].sort());
  });
});
