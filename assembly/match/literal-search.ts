/**
 * @module match/literal-search
 * Finds the leftmost occurrence of a literal run (the part of a glob between two `*` when it
 * holds no `?`) in a text, in time linear in both: Knuth-Morris-Pratt, whose failure table says
 * how far a partial match can fall back without reading a text byte twice. The classic
 * two-pointer glob instead restarts the run one byte further on after every mismatch, which is
 * what made `*aaaa…ab*` quadratic. Case folding (actions) compares folded bytes, so the run is
 * stored folded and each text byte is folded as it is read.
 */
import { foldByte } from "./bytes";
import { work } from "./work";

/**
 * Writes the KMP failure table of `run[0..n)` (n >= 1) to `table` (n i32): entry i is the length
 * of the longest proper prefix of run[0..i] that is also its suffix.
 */
function buildTable(run: usize, n: i32, table: usize): void {
  // INVARIANT: table holds n i32 and run n bytes (the caller sized the scratch).
  store<i32>(table, 0);
  let k: i32 = 0;
  for (let i: i32 = 1; i < n; i++) {
    const c = load<u8>(run + <usize>i);
    // INVARIANT: 0 <= k < i < n, so run + k and table + (k - 1) * 4 are inside.
    while (k > 0 && c != load<u8>(run + <usize>k)) {
      k = load<i32>(table + (<usize>(k - 1) << 2));
      work(1);
    }
    if (c == load<u8>(run + <usize>k)) k++;
    store<i32>(table + (<usize>i << 2), k);
    work(1);
  }
}

/**
 * Index of the leftmost occurrence of `run[0..n)` (bytes already folded when `foldCase`) in
 * text[from..len), or -1. `table` is scratch for n i32. O(n + len - from).
 */
export function findLiteral(run: usize, n: i32, table: usize, text: usize, from: i32, len: i32, foldCase: bool): i32 {
  if (n == 0) return from;
  if (len - from < n) return -1;
  buildTable(run, n, table);
  let k: i32 = 0; // bytes of run matched so far
  for (let i = from; i < len; i++) {
    // INVARIANT: from <= i < len.
    const c = <u8>foldByte(<u32>load<u8>(text + <usize>i), foldCase);
    // INVARIANT: 0 <= k < n.
    while (k > 0 && c != load<u8>(run + <usize>k)) {
      k = load<i32>(table + (<usize>(k - 1) << 2));
      work(1);
    }
    if (c == load<u8>(run + <usize>k)) {
      k++;
      if (k == n) return i - n + 1;
    }
    work(1);
  }
  return -1;
}
