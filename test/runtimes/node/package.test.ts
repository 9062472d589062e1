/**
 * @module test/runtimes/node/package
 * The built package as published: the public types compile in a consumer (tsc --noEmit over
 * test/types under bundler and node16 resolution), and the README's Node example runs and prints
 * a decision with the statement that decided. Needs `npm run build` (skipped without dist/ unless
 * IAM_EDGE_REQUIRE_DIST is set, as `npm test` does).
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { EXAMPLE_OUTPUT } from "../../shared/example.ts";

const root = fileURLToPath(new URL("../../../", import.meta.url));
const haveDist = existsSync(`${root}dist/types/index.d.ts`);
const run = (args: string[]) => spawnSync(process.execPath, args, { cwd: root, encoding: "utf8" });

describe.skipIf(!haveDist && !process.env.IAM_EDGE_REQUIRE_DIST)("node: the built package", () => {
  for (const config of ["test/types/tsconfig.json", "test/types/tsconfig.node16.json"]) {
    it(`public types compile in a consumer (tsc -p ${config})`, () => {
      const r = run([`${root}node_modules/typescript/bin/tsc`, "-p", config]);
      expect(r.stdout + r.stderr).toBe("");
      expect(r.status).toBe(0);
    });
  }

  it("examples/node/decide.mjs prints the decision and the statement that decided", () => {
    const r = run(["examples/node/decide.mjs"]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout.trimEnd().split("\n")).toEqual(EXAMPLE_OUTPUT);
  });
});
