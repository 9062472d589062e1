/**
 * @module match/shift-and
 * Finds the leftmost match of a glob segment that holds `?` (the part between two `*`), with the
 * bit-parallel Shift-And automaton: bit j of the state says "the segment's first j+1 atoms match
 * the text just read". Every text byte updates all states at once, a machine word of 64 at a
 * time, so a segment of s atoms costs O(ceil(s / 64)) word operations per text byte and no
 * restart ever happens: O(s + n * ceil(s / 64)) for a text of n bytes (docs/matching.md).
 *
 * `?` is one code point (match/bytes.ts), so the text is read code point by code point: at a
 * code point's first byte, states may enter a `?` atom (which then takes the whole code point)
 * or a literal byte; at its continuation bytes only literal states move on. The caller
 * guarantees that the pattern's literal bytes form whole code points (glob-linear.ts,
 * `alignment`), so a literal path always spans whole code points of the text too, and a match
 * can only end where a code point ends: that is where the last state is checked.
 */
import { ESC, QMARK, foldByte, nextCodePoint } from "./bytes";
import { scratch } from "./scratch";
import { work } from "./work";

/** Byte value -> 1 + index of its mask (0: no atom is that byte): 256 u16 at the scratch's start. */
const SLOTS_SIZE: usize = 512;

/**
 * One-word masks for segments of at most 64 atoms, by (folded) byte value. All zero between
 * calls: a call sets its bytes' entries and clears them again before it returns.
 */
const SHORT_MASKS: usize = memory.data(256 * 8, 8);

/**
 * Index just past the leftmost match of the segment pat[from..to) (literal bytes, 0x00 escapes
 * and `?`, no `*`; `atoms` of them, at least one) in text[s..len) starting at a code point
 * boundary, or -1. `s` must be a code point boundary.
 */
export function findWithWildcards(pat: usize, from: i32, to: i32, atoms: i32, text: usize, s: i32, len: i32, foldCase: bool): i32 {
  return atoms <= 64 ? findShort(pat, from, to, atoms, text, s, len, foldCase) : findLong(pat, from, to, atoms, text, s, len, foldCase);
}

/** Sets (or clears, with `set` false) the segment's literal bits in SHORT_MASKS; returns the `?` mask. */
function shortMasks(pat: usize, from: i32, to: i32, foldCase: bool, set: bool): u64 {
  let q: u64 = 0;
  let j: u64 = 0;
  for (let i = from; i < to; j++) {
    // INVARIANT: from <= i < to <= the pattern's length.
    let c = <u32>load<u8>(pat + <usize>i);
    work(1);
    if (c == QMARK) {
      q |= <u64>1 << j;
      i++;
      continue;
    }
    // INVARIANT: an escape inside a segment is followed by its byte (glob-linear.ts checks).
    if (c == ESC) { c = <u32>load<u8>(pat + <usize>(i + 1)); i += 2; } else i++;
    // INVARIANT: a byte value < 256 indexes the 256-entry table.
    const at = SHORT_MASKS + (<usize>foldByte(c, foldCase) << 3);
    store<u64>(at, set ? load<u64>(at) | (<u64>1 << j) : 0);
  }
  return q;
}

/** findWithWildcards for at most 64 atoms: the whole state in one machine word. */
function findShort(pat: usize, from: i32, to: i32, atoms: i32, text: usize, s: i32, len: i32, foldCase: bool): i32 {
  const q = shortMasks(pat, from, to, foldCase, true);
  const last = <u64>1 << <u64>(atoms - 1);
  let state: u64 = 0;
  let found: i32 = -1;
  let i = s;
  while (i < len) {
    // INVARIANT: s <= i < len.
    const b = <u32>load<u8>(text + <usize>i);
    work(1);
    if (b < 0x80) {
      // A one-byte code point: a `?` or an equal literal byte takes it.
      state = ((state << 1) | 1) & (q | load<u64>(SHORT_MASKS + (<usize>foldByte(b, foldCase) << 3)));
      i++;
    } else {
      const next = nextCodePoint(text, i, len);
      const moved = (state << 1) | 1;
      let lits = moved & load<u64>(SHORT_MASKS + (<usize>b << 3));
      for (let k = i + 1; k < next; k++) {
        // INVARIANT: i < k < next <= len.
        lits = (lits << 1) & load<u64>(SHORT_MASKS + (<usize>load<u8>(text + <usize>k) << 3));
        work(1);
      }
      state = (moved & q) | lits;
      i = next;
    }
    if (state & last) {
      found = i;
      break;
    }
  }
  shortMasks(pat, from, to, foldCase, false);
  return found;
}

/** findWithWildcards for more than 64 atoms: the state in ceil(atoms / 64) words. */
function findLong(pat: usize, from: i32, to: i32, atoms: i32, text: usize, s: i32, len: i32, foldCase: bool): i32 {
  const words = (atoms + 63) >> 6;
  // Pass 1: one mask per distinct (folded) literal byte.
  let base = scratch(SLOTS_SIZE);
  memory.fill(base, 0, SLOTS_SIZE);
  let masks: i32 = 0;
  for (let i = from; i < to; ) {
    // INVARIANT: from <= i < to <= the pattern's length.
    let c = <u32>load<u8>(pat + <usize>i);
    if (c == QMARK) { i++; continue; }
    // INVARIANT: an escape inside a segment is followed by its byte (glob-linear.ts checks).
    if (c == ESC) { c = <u32>load<u8>(pat + <usize>(i + 1)); i += 2; } else i++;
    const slot = base + (<usize>foldByte(c, foldCase) << 1);
    if (load<u16>(slot) == 0) store<u16>(slot, <u16>++masks);
    work(1);
  }
  const rowBytes = <usize>words << 3;
  base = scratch(SLOTS_SIZE + rowBytes * <usize>(3 + masks));
  const qmask = base + SLOTS_SIZE; // bit j: atom j is `?`
  const state = qmask + rowBytes; // the automaton's state
  const lits = state + rowBytes; // the literal part of the state inside a code point
  const table = lits + rowBytes; // masks[k]: bit j set when atom j is the literal byte of slot k+1
  memory.fill(qmask, 0, rowBytes * <usize>(3 + masks));
  // Pass 2: set each atom's bit.
  let j: i32 = 0;
  for (let i = from; i < to; j++) {
    let c = <u32>load<u8>(pat + <usize>i);
    let row = qmask;
    if (c == QMARK) i++;
    else {
      if (c == ESC) { c = <u32>load<u8>(pat + <usize>(i + 1)); i += 2; } else i++;
      row = table + rowBytes * <usize>(load<u16>(base + (<usize>foldByte(c, foldCase) << 1)) - 1);
    }
    // INVARIANT: j < atoms, so word j >> 6 lies inside the row.
    const at = row + (<usize>(j >> 6) << 3);
    store<u64>(at, load<u64>(at) | (<u64>1 << <u64>(j & 63)));
    work(1);
  }
  const lastWord = state + (<usize>((atoms - 1) >> 6) << 3);
  const lastBit = <u64>1 << <u64>((atoms - 1) & 63);
  let i = s;
  while (i < len) {
    const next = nextCodePoint(text, i, len);
    enterCodePoint(base, qmask, state, lits, table, words, <u32>foldByte(<u32>load<u8>(text + <usize>i), foldCase));
    for (let k = i + 1; k < next; k++) {
      // INVARIANT: i < k < next <= len.
      continueCodePoint(base, lits, table, words, <u32>load<u8>(text + <usize>k));
    }
    for (let w: i32 = 0; w < words; w++) {
      const at = <usize>w << 3;
      store<u64>(state + at, load<u64>(state + at) | load<u64>(lits + at));
    }
    work(words);
    if (load<u64>(lastWord) & lastBit) return next;
    i = next;
  }
  return -1;
}

/** The row of byte `c`'s mask, or 0 when no atom is `c`. */
// @ts-ignore: decorator
@inline
function rowOf(base: usize, table: usize, words: i32, c: u32): usize {
  const slot = <usize>load<u16>(base + (<usize>c << 1));
  return slot == 0 ? 0 : table + ((slot - 1) * <usize>words << 3);
}

/**
 * A code point starts with byte `c`: every state moves one atom on (and a new match may start
 * here), keeping the states whose atom accepts the code point: a `?` (kept in `state` for the
 * whole code point) or the literal byte `c` (kept in `lits`, to follow the continuation bytes).
 */
function enterCodePoint(base: usize, qmask: usize, state: usize, lits: usize, table: usize, words: i32, c: u32): void {
  const row = rowOf(base, table, words, c);
  let carry: u64 = 1;
  for (let w: i32 = 0; w < words; w++) {
    const at = <usize>w << 3;
    // INVARIANT: w < words, the length of every row.
    const d = load<u64>(state + at);
    const moved = (d << 1) | carry;
    carry = d >> 63;
    const q = load<u64>(qmask + at);
    store<u64>(state + at, moved & q);
    store<u64>(lits + at, row == 0 ? 0 : moved & load<u64>(row + at) & ~q);
  }
  work(words);
}

/** A continuation byte `c` of the current code point: only literal states move on. */
function continueCodePoint(base: usize, lits: usize, table: usize, words: i32, c: u32): void {
  const row = rowOf(base, table, words, c);
  let carry: u64 = 0;
  for (let w: i32 = 0; w < words; w++) {
    const at = <usize>w << 3;
    // INVARIANT: w < words, the length of every row.
    const l = load<u64>(lits + at);
    store<u64>(lits + at, row == 0 ? 0 : ((l << 1) | carry) & load<u64>(row + at));
    carry = l >> 63;
  }
  work(words);
}
