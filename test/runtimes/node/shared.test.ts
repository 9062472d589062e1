/**
 * @module test/runtimes/node/shared
 * The shared suite in Node, against the built package imported as users import it
 * (`"iam-edge"`, the `node` export condition, dist/node.js). The reference decisions that
 * workerd and Chromium must also reach are computed here from the source (js/index.ts), so the
 * build is checked against the code it came from. Needs `npm run build`; skipped when dist/ is
 * missing, unless IAM_EDGE_REQUIRE_DIST is set (npm test sets it). The source itself is covered
 * by test/unit and test/conformance.
 */
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import * as source from "../../../js/index.ts";
import { readSuiteInput } from "../../shared/read-cases.node.ts";
import { decisionMatrix, sharedSuite, type Api, type SharedContext, type SharedTest } from "../../shared/suite.ts";

const input = readSuiteInput();
const distWasm = new URL("../../../dist/engine.wasm", import.meta.url);
const haveDist = existsSync(distWasm) && existsSync(new URL("../../../dist/node.js", import.meta.url));

function register(tests: SharedTest[]): void {
  for (const t of tests) {
    if (t.fails) it.fails(`${t.name} (known difference: ${t.fails})`, t.fn);
    else it(t.name, t.fn);
  }
}

function context(api: Api, wasm: URL, reference?: SharedContext["reference"]): SharedContext {
  const bytes = async () => new Uint8Array(await readFile(wasm));
  return { ...input, reference, runtime: "node", api, bytes, module: async () => WebAssembly.compile(await bytes()) };
}

const requireDist = !!process.env.IAM_EDGE_REQUIRE_DIST;
describe.skipIf(!haveDist && !requireDist)("node: built package (import from \"iam-edge\")", async () => {
  // Resolved through package.json `exports` (condition `node`), as a user's project resolves it.
  const pkg = (await import("iam-edge")) as unknown as Api;
  const reference = decisionMatrix(await source.createEngine(), input.cases);

  it("resolves to dist/node.js and loads dist/engine.wasm", async () => {
    expect(haveDist, "dist/ is missing: run `npm run build`").toBe(true);
    expect(pkg.createEngine).not.toBe(source.createEngine);
    expect(await pkg.createEngine()).toBeInstanceOf(pkg.Engine);
  });

  register(sharedSuite(context(pkg, distWasm, reference)));
});
