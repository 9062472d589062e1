/**
 * @module eval/result
 * The result block the binding reads after each decision: decision, reason, the statements
 * that decided, and the context keys the deciding statements needed but the request lacked
 * (the simulator's MatchedStatements and MissingContextValues). Layout in abi.ts.
 */
import {
  RESULT_SIZE, RES_DECISION, RES_REASON, RES_REASON_ARG, RES_MATCHED_COUNT, RES_MISSING_COUNT,
  RES_MATCHED, MAX_MATCHED, RES_MISSING, MAX_MISSING,
} from "../abi";

/** Static, allocated once: the binding reads it through `resultPtr()`. */
export const result: usize = memory.data(<i32>RESULT_SIZE, 8);

export function resetResult(): void {
  store<u32>(result + RES_MATCHED_COUNT, 0);
  store<u32>(result + RES_MISSING_COUNT, 0);
  store<u32>(result + RES_REASON_ARG, 0);
}

export function setDecision(decision: u32, reason: u32, arg: u32): void {
  store<u32>(result + RES_DECISION, decision);
  store<u32>(result + RES_REASON, reason);
  store<u32>(result + RES_REASON_ARG, arg);
}

export function matchedCount(): u32 {
  return load<u32>(result + RES_MATCHED_COUNT);
}

/** Drops matched statements recorded after `count` (a path that did not decide). */
export function truncateMatched(count: u32): void {
  store<u32>(result + RES_MATCHED_COUNT, count);
}

/** Records statement `index` of the image `handle`; silently capped at MAX_MATCHED. */
export function addMatched(handle: usize, index: u32): void {
  const n = load<u32>(result + RES_MATCHED_COUNT);
  if (n >= MAX_MATCHED) return;
  // INVARIANT: n < MAX_MATCHED, so the pair lies inside the result block.
  const at = result + RES_MATCHED + (n << 3);
  store<u32>(at, <u32>handle);
  store<u32>(at + 4, index);
  store<u32>(result + RES_MATCHED_COUNT, n + 1);
}

/** Records a missing key once; capped at MAX_MISSING. */
export function addMissing(key: u32): void {
  const n = load<u32>(result + RES_MISSING_COUNT);
  for (let i: u32 = 0; i < n; i++) {
    // INVARIANT: i < n <= MAX_MISSING.
    if (load<u32>(result + RES_MISSING + (i << 2)) == key) return;
  }
  if (n >= MAX_MISSING) return;
  store<u32>(result + RES_MISSING + (n << 2), key);
  store<u32>(result + RES_MISSING_COUNT, n + 1);
}
