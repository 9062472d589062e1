/**
 * @module match/glob-linear
 * The wildcard match of match/wildcard.ts in time linear in the pattern and the text (with a
 * factor ceil(s / 64) for a segment of s atoms that holds `?` between two `*`s). The pattern
 * is read as segments separated by `*`:
 *   - the first segment must match at the start of the text;
 *   - each middle segment is matched at its leftmost place after the previous one (a literal
 *     run by KMP, literal-search.ts; a run with `?` by Shift-And, shift-and.ts);
 *   - the last segment must end at the end of the text.
 * This is what the two-pointer matcher computes (it never goes back past a `*` once it has
 * passed the next one), without its restarts: it restarts a segment one code point further on
 * after each mismatch, O(pattern x text).
 *
 * Exactness needs the pattern's literal bytes to form whole UTF-8 code points (`alignment`): then
 * every literal code point and every `?` covers exactly one code point of the text, as the text
 * is cut from its start (bytes.ts nextCodePoint), even when the text is malformed; every
 * position the match reaches is a code point boundary; and a segment is a fixed number of code
 * points, so its leftmost start is its leftmost end. Patterns compiled from policies always
 * qualify (they are TextEncoder's UTF-8, with escapes before ASCII bytes only). A pattern that
 * does not (only reachable by calling globMatch directly) takes the two-pointer matcher.
 */
import { STAR, QMARK, ESC, byteEq, foldByte, isContinuation, continuationsOf, nextCodePoint } from "./bytes";
import { findLiteral } from "./literal-search";
import { findWithWildcards } from "./shift-and";
import { scratch } from "./scratch";
import { work } from "./work";

/** `alignment` results. */
export const ALIGNED: i32 = 1;
export const NOT_ALIGNED: i32 = 0;
/** The pattern ends with a lone escape byte: it matches nothing. */
export const LONE_ESCAPE: i32 = -1;

/**
 * Whether the pattern's literal bytes (escapes decoded) form whole code points: every lead byte
 * is followed by exactly its number of continuation bytes before the next wildcard, and no
 * continuation byte stands alone. O(pattern).
 */
export function alignment(pat: usize, patLen: i32): i32 {
  let owed: i32 = 0; // continuation bytes the current lead byte still needs
  let i: i32 = 0;
  while (i < patLen) {
    // INVARIANT: 0 <= i < patLen.
    let c = <u32>load<u8>(pat + <usize>i);
    work(1);
    if (c == STAR || c == QMARK) {
      if (owed > 0) return NOT_ALIGNED;
      i++;
      continue;
    }
    if (c == ESC) {
      if (i + 1 >= patLen) return LONE_ESCAPE;
      // INVARIANT: i + 1 < patLen.
      c = <u32>load<u8>(pat + <usize>(i + 1));
      i += 2;
    } else i++;
    if (owed > 0) {
      if (!isContinuation(c)) return NOT_ALIGNED;
      owed--;
    } else {
      if (isContinuation(c)) return NOT_ALIGNED;
      owed = continuationsOf(c);
    }
  }
  return owed > 0 ? NOT_ALIGNED : ALIGNED;
}

/** Index of the next unescaped `*` at or after `from`, or patLen. */
function segmentEnd(pat: usize, from: i32, patLen: i32): i32 {
  let i = from;
  while (i < patLen) {
    // INVARIANT: from <= i < patLen.
    const c = <u32>load<u8>(pat + <usize>i);
    work(1);
    if (c == STAR) return i;
    // An escape is followed by its byte (`alignment` ruled out a lone one).
    i += c == ESC ? 2 : 1;
  }
  return patLen;
}

/** Set by `measure`: the segment's atoms, code points and whether it holds a `?`. */
let atoms: i32 = 0;
let codePoints: i32 = 0;
let hasQuestionMark = false;

/** Counts the atoms (literal bytes and `?`) and code points of pat[from..to). */
function measure(pat: usize, from: i32, to: i32): void {
  atoms = 0;
  codePoints = 0;
  hasQuestionMark = false;
  let i = from;
  while (i < to) {
    // INVARIANT: from <= i < to.
    let c = <u32>load<u8>(pat + <usize>i);
    work(1);
    if (c == QMARK) {
      hasQuestionMark = true;
      codePoints++;
      i++;
    } else {
      if (c == ESC) { c = <u32>load<u8>(pat + <usize>(i + 1)); i += 2; } else i++;
      if (!isContinuation(c)) codePoints++;
    }
    atoms++;
  }
}

/** Index just past pat[from..to) matched at text[s..), or -1 (a mismatch, or the text ran out). */
function matchAt(pat: usize, from: i32, to: i32, text: usize, s: i32, len: i32, foldCase: bool): i32 {
  let i = from;
  while (i < to) {
    if (s >= len) return -1;
    // INVARIANT: from <= i < to, and s < len.
    let c = <u32>load<u8>(pat + <usize>i);
    work(1);
    if (c == QMARK) {
      s = nextCodePoint(text, s, len);
      i++;
      continue;
    }
    if (c == ESC) { c = <u32>load<u8>(pat + <usize>(i + 1)); i += 2; } else i++;
    if (!byteEq(c, <u32>load<u8>(text + <usize>s), foldCase)) return -1;
    s++;
  }
  return s;
}

/**
 * The leftmost match of pat[from..to) (`atoms` atoms) at a code point boundary at or after `s`,
 * tried at each: the index just past it, or -1. O((len - s - atoms + 1) x atoms).
 */
function tryEachStart(pat: usize, from: i32, to: i32, text: usize, s: i32, len: i32, foldCase: bool): i32 {
  for (let q = s; q <= len - atoms; q = nextCodePoint(text, q, len)) {
    // INVARIANT: s <= q <= len - atoms < len.
    const end = matchAt(pat, from, to, text, q, len, foldCase);
    if (end >= 0) return end;
  }
  return -1;
}

/** Whether text[from..to) is all ASCII (every byte a code point of its own). */
function isAscii(text: usize, from: i32, to: i32): bool {
  let i = from;
  for (; i + 8 <= to; i += 8) {
    // INVARIANT: from <= i and i + 8 <= to.
    if (load<u64>(text + <usize>i) & 0x8080808080808080) return false;
    work(1);
  }
  for (; i < to; i++) {
    // INVARIANT: from <= i < to.
    if (<u32>load<u8>(text + <usize>i) >= 0x80) return false;
    work(1);
  }
  return true;
}

/** Copies the literal run pat[from..to) (escapes decoded, folded) to `dst`. */
function decodeRun(pat: usize, from: i32, to: i32, dst: usize, foldCase: bool): void {
  let i = from;
  while (i < to) {
    // INVARIANT: from <= i < to; dst has room for the run's atoms (the caller sized it).
    let c = <u32>load<u8>(pat + <usize>i);
    if (c == ESC) { c = <u32>load<u8>(pat + <usize>(i + 1)); i += 2; } else i++;
    store<u8>(dst++, <u8>foldByte(c, foldCase));
    work(1);
  }
}

/**
 * The leftmost match of the middle segment pat[from..to) at a code point boundary at or after
 * `s`: the index just past it, or -1. `measure` has run on the segment.
 */
function findSegment(pat: usize, from: i32, to: i32, text: usize, s: i32, len: i32, foldCase: bool): i32 {
  // Every atom takes at least one byte: a segment longer than the rest of the text never fits.
  const room = len - s;
  if (atoms > room) return -1;
  if (hasQuestionMark) {
    // Shift-And reads the whole rest at ceil(atoms / 64) words a byte; when the segment nearly
    // fills it, trying each of the few places it can start is less work.
    const words = (atoms + 63) >> 6;
    if (<i64>(room - atoms + 1) * <i64>atoms <= <i64>room * <i64>words) return tryEachStart(pat, from, to, text, s, len, foldCase);
    return findWithWildcards(pat, from, to, atoms, text, s, len, foldCase);
  }
  // A run of literal code points starts with a byte that is not a continuation byte, so each of
  // its occurrences starts at a code point boundary.
  const run = scratch(<usize>atoms * 5);
  decodeRun(pat, from, to, run, foldCase);
  const at = findLiteral(run, atoms, run + <usize>atoms, text, s, len, foldCase);
  return at < 0 ? -1 : at + atoms;
}

/**
 * Whether the last segment pat[from..to) ends the text, starting at a code point boundary at or
 * after `s`: it is a fixed number of code points, so it can only start that many code points
 * before the end. `measure` has run on the segment.
 */
function matchesEnd(pat: usize, from: i32, to: i32, text: usize, s: i32, len: i32, foldCase: bool): bool {
  if (!hasQuestionMark) {
    // Literal only: `atoms` bytes. Its first byte is not a continuation byte, so where it
    // matches is a code point boundary.
    const at = len - atoms;
    return at >= s && matchAt(pat, from, to, text, at, len, foldCase) == len;
  }
  // Each code point takes at least one byte; when the last `codePoints` bytes are ASCII they
  // are exactly the last `codePoints` code points, and where they start is a boundary.
  const tail = len - codePoints;
  if (tail < s) return false;
  if (isAscii(text, tail, len)) return matchAt(pat, from, to, text, tail, len, foldCase) == len;
  let count: i32 = 0;
  for (let i = s; i < len; i = nextCodePoint(text, i, len)) {
    count++;
    work(1);
  }
  if (count < codePoints) return false;
  let at = s;
  for (let k = count - codePoints; k > 0; k--) {
    // INVARIANT: k code points remain before the segment's start, so at < len.
    at = nextCodePoint(text, at, len);
    work(1);
  }
  return matchAt(pat, from, to, text, at, len, foldCase) == len;
}

/**
 * globMatch's answer for an aligned pattern (`alignment(pat, patLen) == ALIGNED`); see the
 * module header. O(patLen + strLen), times ceil(s / 64) for each middle segment of s atoms
 * with a `?`.
 */
export function linearGlob(pat: usize, patLen: i32, str: usize, strLen: i32, foldCase: bool): bool {
  let end = segmentEnd(pat, 0, patLen);
  if (end == patLen) return matchAt(pat, 0, patLen, str, 0, strLen, foldCase) == strLen;
  let s = matchAt(pat, 0, end, str, 0, strLen, foldCase);
  if (s < 0) return false;
  let p = end + 1;
  while (true) {
    // Consecutive stars are one star.
    while (p < patLen && <u32>load<u8>(pat + <usize>p) == STAR) {
      p++;
      work(1);
    }
    if (p == patLen) return true;
    end = segmentEnd(pat, p, patLen);
    measure(pat, p, end);
    if (end == patLen) return matchesEnd(pat, p, end, str, s, strLen, foldCase);
    s = findSegment(pat, p, end, str, s, strLen, foldCase);
    if (s < 0) return false;
    p = end + 1;
  }
  return false;
}
