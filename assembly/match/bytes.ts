/**
 * @module match/bytes
 * The byte-level vocabulary the wildcard matchers share: the pattern's special bytes, ASCII case
 * folding, and what one "character" is on UTF-8 bytes (docs/matching.md). No allocation; every
 * read stays inside the (pointer, length) it is given.
 */

/** ASCII `*`. */
export const STAR: u32 = 0x2a;
/** ASCII `?`. */
export const QMARK: u32 = 0x3f;
/** Pattern escape byte: the next pattern byte is literal (`${*}`, `${?}`, `${$}`, NUL). */
export const ESC: u32 = 0x00;

/**
 * Folds one byte to ASCII lower case when `foldCase` is set. Only A-Z (0x41-0x5A) are folded;
 * bytes >= 0x80 are left untouched so multi-byte sequences are never corrupted ("IAM JSON policy
 * elements: Action": action names are case-insensitive; AWS defines no Unicode folding).
 */
// @ts-ignore: decorator
@inline
export function foldByte(c: u32, foldCase: bool): u32 {
  return foldCase && c - 0x41 < 26 ? c | 0x20 : c;
}

/** Byte equality honouring optional ASCII case folding. */
// @ts-ignore: decorator
@inline
export function byteEq(a: u32, b: u32, foldCase: bool): bool {
  return a == b || (foldCase && foldByte(a, true) == foldByte(b, true));
}

/** Whether `c` is a UTF-8 continuation byte (0x80-0xBF). */
// @ts-ignore: decorator
@inline
export function isContinuation(c: u32): bool {
  return (c & 0xc0) == 0x80;
}

/**
 * How many continuation bytes a lead byte takes: 1 for 0xC0-0xDF, 2 for 0xE0-0xEF, 3 for
 * 0xF0-0xF7, 0 for any other byte (ASCII, a stray continuation byte, 0xF8-0xFF).
 */
// @ts-ignore: decorator
@inline
export function continuationsOf(b: u32): i32 {
  if (b >= 0xf0 && b <= 0xf7) return 3;
  if (b >= 0xe0 && b <= 0xef) return 2;
  if (b >= 0xc0 && b <= 0xdf) return 1;
  return 0;
}

/**
 * Index just past the code point starting at `i` (requires 0 <= i < len): `?` and `*` consume
 * whole code points. A lead byte absorbs up to its number of following continuation bytes, and
 * stops early at the first non-continuation byte or at `len`, so malformed UTF-8 cannot push us
 * out of bounds. Always advances by at least one byte.
 */
// @ts-ignore: decorator
@inline
export function nextCodePoint(ptr: usize, i: i32, len: i32): i32 {
  // INVARIANT: caller guarantees 0 <= i < len, so ptr+i is inside the input.
  let extra = continuationsOf(<u32>load<u8>(ptr + <usize>i));
  let j = i + 1;
  while (extra > 0 && j < len) {
    // INVARIANT: j < len checked in the loop condition.
    if (!isContinuation(<u32>load<u8>(ptr + <usize>j))) break;
    j++;
    extra--;
  }
  return j;
}
