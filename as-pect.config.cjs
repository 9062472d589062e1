/**
 * as-pect 8.1 configuration for the AssemblyScript unit tests of iam-edge (matchers and
 * condition parsers under assembly/match and assembly/conditions). Compiler options come from
 * ./as-pect.asconfig.json (as-pect's own init template; as-pect 8.1 reads flags only from
 * there). The tests do not extend asconfig.json: the matchers never allocate, and the
 * production abort handler is not needed to test them.
 *
 * Run with: `npx asp --config as-pect.config.cjs` (== `npm run test:as`).
 */
"use strict";

module.exports = {
  /** Test files. */
  entries: ["assembly/__tests__/**/*.spec.ts"],
  /**
   * Files added to every test compilation. The as-pect harness entry is listed
   * here because the shim config above has no `entries` of its own (entries in
   * an asconfig are resolved relative to the asconfig's directory).
   */
  include: [
    "assembly/__tests__/**/*.include.ts",
  ],
  /** Never treat dependencies as test files. */
  disclude: [/node_modules/],
  /** Imports for the test module: only the memory as-pect hands us. */
  async instantiate(memory, createImports, instantiate, binary) {
    return instantiate(binary, createImports({ env: { memory } }));
  },
  /** Keep the working tree clean: do not write .wasm/.wat next to the specs. */
  outputBinary: false,
};
