/**
 * @module match/work
 * A work counter for tests: the wildcard matchers add the bytes they examine and the machine
 * words they update, so a test can bound the work of a match (docs/matching.md, "Worst case")
 * without timing it. It is compiled in only when the build defines `MATCH_STEPS`
 * (`--use MATCH_STEPS=1`: as-pect's build, and the counting build of
 * test/hostile/matching-cost.test.ts); in the release build `work` is empty and inlined away.
 */

let done: u64 = 0;

/** Adds `n` units of work (compiled out unless MATCH_STEPS is defined). */
// @ts-ignore: decorator
@inline
export function work(n: i32): void {
  // @ts-ignore: MATCH_STEPS exists only in counting builds
  if (isDefined(MATCH_STEPS)) done += <u64>n;
}

/** Work counted since the last reset (0 in builds without MATCH_STEPS). */
export function workDone(): f64 {
  return <f64>done;
}

/** Sets the counter back to 0. */
export function resetWork(): void {
  done = 0;
}
