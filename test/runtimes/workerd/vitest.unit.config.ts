/**
 * @module test/runtimes/workerd/vitest.unit.config
 * The account model's, STS's and the edge module's unit tests, run unchanged inside workerd: the same files as in
 * Node, importing the source, with `js/index.ts` resolved to the Workers entry (which imports
 * engine.wasm as a module, the Workers way). Files that read fixtures with `node:fs` stay
 * Node-only.
 */
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";
import { cloudflareTest } from "@cloudflare/vitest-pool-workers";

const root = fileURLToPath(new URL("../../../", import.meta.url));

export default defineConfig({
  root,
  plugins: [cloudflareTest({ wrangler: { configPath: fileURLToPath(new URL("./wrangler.jsonc", import.meta.url)) } })],
  resolve: {
    alias: [
      { find: /^(\.\.\/)+js\/index\.ts$/, replacement: `${root}js/entries/workerd.ts` },
      { find: /^\.\/engine\.wasm$/, replacement: `${root}build/engine.wasm` },
    ],
  },
  test: {
    name: "workerd-unit",
    // test/unit/edge: SigV4 (the AWS test suite, signer and streaming tests) and the edge authorizer.
    // test/unit/edge-api/in-process and lookup-events-organization: the IAM, STS and CloudTrail wire APIs (the other edge-api files need Node's http).
    // test/unit/org: the organization model, its SCP/RCP derivation and the Organizations wire layer.
    // Excluded: tests that need Node itself (esbuild and a child process: lazy-aws-managed; fs fixtures: gaad, resolve, simulate, model-fresh).
    include: ["test/unit/sts/**/*.test.ts", "test/unit/iam/**/*.test.ts", "test/unit/edge/**/*.test.ts", "test/unit/edge-api/in-process.test.ts", "test/unit/edge-api/lookup-events-organization.test.ts", "test/unit/org/**/*.test.ts"],
    exclude: ["test/unit/iam/lazy-aws-managed.test.ts", "test/unit/iam/gaad.test.ts", "test/unit/iam/resolve.test.ts", "test/unit/iam/simulate.test.ts", "test/unit/org/model-fresh.test.ts"],
    // Two workers on the 2-core CI machines (the default on a run is one fewer than the cores).
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
