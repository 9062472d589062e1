/**
 * @module test/runtimes/browser/node-side
 * What the browser runner (run.mjs, plain Node) needs from the TypeScript test sources: reading
 * the corpus and computing the reference decisions. Bundled by esbuild at run time.
 */
export { readSuiteInput } from "../../shared/read-cases.node.ts";
export { decisionMatrix } from "../../shared/suite.ts";
