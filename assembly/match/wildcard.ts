/**
 * @module match/wildcard
 *
 * AWS policy wildcard matching on raw UTF-8 bytes in linear memory.
 *
 * Semantics (AWS docs "IAM JSON policy elements: Condition operators", String
 * section, StringLike; "IAM JSON policy elements: Action" and "... Resource"):
 *   - `*` matches any sequence of characters, including the empty one and
 *     including `/` and `:` (a plain glob knows no separators).
 *   - `?` matches exactly one character. We define "character" as one Unicode
 *     code point: a UTF-8 lead byte 0xC0-0xF7 plus its following continuation
 *     bytes 0x80-0xBF (at most 3) count as one; any other byte (ASCII, stray
 *     continuation byte, 0xF8-0xFF) counts as one on its own, so malformed
 *     input never traps and never makes `?` skip more than 4 bytes.
 *   - Every other byte is literal.
 *   - Escape: a 0x00 byte in the PATTERN means "the next byte is literal". The
 *     policy compiler uses it for the policy variables `${*}`, `${?}`, `${$}`
 *     ("IAM policy elements: Variables and tags", special characters) and for
 *     literal NUL bytes. A trailing lone 0x00 matches nothing.
 *   - `foldCase` folds ASCII letters only (A-Z == a-z). Action names are
 *     case-insensitive ("IAM JSON policy elements: Action"); AWS does not say
 *     how non-ASCII letters fold, and action/service names are ASCII, so we do
 *     not attempt Unicode case folding.
 *
 * Two algorithms give the same answers (assembly/__tests__/glob-linear.spec.ts checks them
 * against each other, exhaustively on short inputs):
 *   - `plainGlob`, the classic iterative two-pointer matcher that only remembers the most
 *     recent `*`. For patterns made of literals, `?` and `*` this is exact (a later `*` can
 *     absorb anything an earlier one could). It is quick on short inputs but restarts a segment
 *     after each mismatch: O(patLen x strLen), which a 20,000-byte pattern against a
 *     262,000-byte resource turned into seconds (issue 13).
 *   - `linearGlob` (glob-linear.ts): each segment between `*`s found once, by a linear-time
 *     search. O(patLen + strLen), times ceil(s / 64) for a middle segment of s atoms with `?`.
 * `globMatch` takes the first when patLen x strLen <= PLAIN_LIMIT, else the second. Neither
 * recurses; the linear one works in a grow-only scratch buffer (scratch.ts).
 *
 * All functions treat negative lengths as "invalid input" and return false
 * instead of reading memory.
 */

import { STAR, QMARK, ESC, byteEq, nextCodePoint } from "./bytes";
import { alignment, linearGlob, ALIGNED, LONE_ESCAPE } from "./glob-linear";
import { work } from "./work";

export { nextCodePoint } from "./bytes";

/**
 * Largest patLen * strLen the two-pointer matcher takes on: its work is at most about that
 * product, and below it the matcher is quicker than the linear one (no pass over the pattern
 * first). Larger inputs take the linear matcher (glob-linear.ts).
 */
export const PLAIN_LIMIT: i64 = 4096;

/**
 * Length of pat[from..patLen) when it has no `*`, `?` or escape and does not start with a UTF-8
 * continuation byte; -1 otherwise.
 */
function literalTail(pat: usize, from: i32, patLen: i32): i32 {
  for (let i = from; i < patLen; i++) {
    // INVARIANT: from <= i < patLen.
    const c = <u32>load<u8>(pat + <usize>i);
    work(1);
    if (c == STAR || c == QMARK || c == ESC) return -1;
  }
  // INVARIANT: from < patLen when the tail is not empty.
  if (from < patLen && (<u32>load<u8>(pat + <usize>from) & 0xc0) == 0x80) return -1;
  return patLen - from;
}

/**
 * Whether str[s..strLen) ends with the `n` literal bytes at `tail`, which a `*` at s can
 * reach: the `*` absorbs whole code points (nextCodePoint), and every position holding a byte
 * that is not a continuation byte is a code point start it reaches, as is strLen. The tail's
 * first byte is such a byte (literalTail), so an equal end is reachable.
 */
function endsWith(tail: usize, n: i32, str: usize, s: i32, strLen: i32, foldCase: bool): bool {
  const at = strLen - n;
  if (at < s) return false;
  for (let i: i32 = 0; i < n; i++) {
    // INVARIANT: s <= at, at + i < strLen and i < n.
    work(1);
    if (!byteEq(<u32>load<u8>(tail + <usize>i), <u32>load<u8>(str + <usize>(at + i)), foldCase)) return false;
  }
  return true;
}

/**
 * AWS wildcard match of `str` against `pat` (see module header for rules).
 *
 * @param pat      pattern bytes (may contain `*`, `?`, and 0x00 escapes)
 * @param patLen   pattern length in bytes
 * @param str      input bytes (no escapes: every byte is data)
 * @param strLen   input length in bytes
 * @param foldCase compare ASCII letters case-insensitively
 */
export function globMatch(pat: usize, patLen: i32, str: usize, strLen: i32, foldCase: bool): bool {
  if (patLen < 0 || strLen < 0) return false;
  if (<i64>patLen * <i64>strLen <= PLAIN_LIMIT) return plainGlob(pat, patLen, str, strLen, foldCase);
  const shape = alignment(pat, patLen);
  if (shape == LONE_ESCAPE) return false;
  if (shape == ALIGNED) return linearGlob(pat, patLen, str, strLen, foldCase);
  return plainGlob(pat, patLen, str, strLen, foldCase);
}

/**
 * The two-pointer matcher (module header): exact on any bytes, O(patLen x strLen). Exported for
 * the tests that hold the linear matcher to it.
 */
export function plainGlob(pat: usize, patLen: i32, str: usize, strLen: i32, foldCase: bool): bool {
  if (patLen < 0 || strLen < 0) return false;
  let p: i32 = 0; // next pattern byte
  let s: i32 = 0; // next input byte
  let starP: i32 = -1; // pattern index of the last `*` seen, -1 if none
  let starS: i32 = 0; // input index where that `*` currently stops absorbing

  while (s < strLen) {
    work(1);
    if (p < patLen) {
      // INVARIANT: 0 <= p < patLen.
      const c = <u32>load<u8>(pat + <usize>p);
      if (c == STAR) {
        // A literal tail after this `*` (no wildcard or escape up to the end, the common
        // `prefix*` and `*suffix`) matches exactly when the input ends with it: decided here.
        const tail = literalTail(pat, p + 1, patLen);
        if (tail >= 0) return endsWith(pat + <usize>(p + 1), tail, str, s, strLen, foldCase);
        // Try the empty match first; remember where to resume on mismatch.
        starP = p;
        starS = s;
        p++;
        continue;
      }
      if (c == QMARK) {
        // `?` = exactly one code point (s < strLen holds, so one exists).
        s = nextCodePoint(str, s, strLen);
        p++;
        continue;
      }
      if (c == ESC) {
        if (p + 1 < patLen) {
          // INVARIANT: p + 1 < patLen and s < strLen.
          const lit = <u32>load<u8>(pat + <usize>(p + 1));
          // INVARIANT: s < strLen (loop condition).
          if (byteEq(lit, <u32>load<u8>(str + <usize>s), foldCase)) {
            p += 2;
            s++;
            continue;
          }
        }
        // A trailing lone escape, or an escaped byte that differs: mismatch.
      } else {
        // INVARIANT: s < strLen (loop condition).
        if (byteEq(c, <u32>load<u8>(str + <usize>s), foldCase)) {
          p++;
          s++;
          continue;
        }
      }
    }
    // Mismatch (or pattern exhausted with input left): let the last `*`
    // absorb one more code point and retry the rest of the pattern from there.
    if (starP < 0) return false;
    // starS < strLen here because starS <= s < strLen.
    starS = nextCodePoint(str, starS, strLen);
    s = starS;
    p = starP + 1;
  }

  // Input consumed: only `*`s may remain in the pattern.
  while (p < patLen) {
    // INVARIANT: p < patLen.
    work(1);
    if (<u32>load<u8>(pat + <usize>p) != STAR) return false;
    p++;
  }
  return true;
}

/**
 * Plain byte equality, with optional ASCII case folding. Used for literal
 * patterns (see isLiteralPattern) and StringEquals/StringEqualsIgnoreCase.
 */
export function bytesEqual(a: usize, aLen: i32, b: usize, bLen: i32, foldCase: bool): bool {
  if (aLen < 0 || aLen != bLen) return false;
  // Eight bytes at a time while they are equal; the first differing word (which may still be
  // equal under case folding) and the tail go byte by byte.
  let i: i32 = 0;
  for (; i + 8 <= aLen; i += 8) {
    // INVARIANT: i + 8 <= aLen == bLen, in bounds for both buffers.
    if (load<u64>(a + <usize>i) != load<u64>(b + <usize>i)) break;
  }
  for (; i < aLen; i++) {
    // INVARIANT: 0 <= i < aLen == bLen, in bounds for both buffers.
    const x = <u32>load<u8>(a + <usize>i);
    // INVARIANT: same index, bLen == aLen.
    const y = <u32>load<u8>(b + <usize>i);
    if (!byteEq(x, y, foldCase)) return false;
  }
  return true;
}

/**
 * True when `pat` contains no `*`, no `?` and no escape byte, so that
 * globMatch(pat, s) == bytesEqual(pat, s) and callers may take the fast path.
 * A negative length is not a pattern at all: returns false (globMatch then
 * rejects it too).
 */
export function isLiteralPattern(pat: usize, patLen: i32): bool {
  if (patLen < 0) return false;
  for (let i: i32 = 0; i < patLen; i++) {
    // INVARIANT: 0 <= i < patLen.
    const c = <u32>load<u8>(pat + <usize>i);
    if (c == STAR || c == QMARK || c == ESC) return false;
  }
  return true;
}
