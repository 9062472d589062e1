/**
 * @module test/runtimes/workerd/vitest.config
 * Vitest in workerd through @cloudflare/vitest-pool-workers (pinned 0.14.9: its config API
 * changed between versions). Run after `npm run build`: the tests import the built package.
 * Node reads the conformance corpus and computes the reference decisions with dist/node.js, and
 * hands both to the tests with `provide`, so workerd decides the same inputs as Node.
 */
import { fileURLToPath, pathToFileURL } from "node:url";
import { existsSync } from "node:fs";
import { defineConfig } from "vitest/config";
import { cloudflareTest } from "@cloudflare/vitest-pool-workers";
import { readSuiteInput } from "../../shared/read-cases.node.ts";
import { decisionMatrix } from "../../shared/suite.ts";

const root = fileURLToPath(new URL("../../../", import.meta.url));

export default defineConfig(async () => {
  const node = `${root}dist/node.js`;
  if (!existsSync(node)) throw new Error("dist/ is missing: run `npm run build` before the workerd tests");
  const pkg = await import(pathToFileURL(node).href);
  const input = readSuiteInput(`${root}test/conformance`);
  const reference = decisionMatrix(await pkg.createEngine(), input.cases);
  return {
    root,
    plugins: [cloudflareTest({ wrangler: { configPath: fileURLToPath(new URL("./wrangler.jsonc", import.meta.url)) } })],
    test: {
      name: "workerd",
      include: ["test/runtimes/workerd/**/*.test.mts"],
      provide: { suiteInput: { ...input, reference } },
      testTimeout: 60_000,
      hookTimeout: 60_000,
    },
  };
});
