// Vitest for the Node side: unit, conformance, property and differential tests.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    exclude: ["test/runtimes/workerd/**", "test/runtimes/browser/**", "node_modules/**"],
    // Vitest's default on a run is one worker fewer than the cores: a single worker on the 2-core
    // machines CI runs on, idle while a test waits on a child process (the AWS CLI, the CLI under
    // test). Two workers use both cores.
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
