/**
 * @module testing/work-count
 * The entry of a test build: the engine's whole ABI (index.ts) plus the wildcard matchers' work
 * counter (match/work.ts). test/hostile/matching-cost.test.ts compiles it with
 * `--use MATCH_STEPS=1`, runs decisions through the binding on that build, and reads how much
 * matching work each took. The release build (asconfig.json) never includes this file.
 */
export * from "../index";
export { workDone, resetWork } from "../match/work";
