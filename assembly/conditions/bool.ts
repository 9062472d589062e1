/**
 * @module conditions/bool
 *
 * Parser for the values of the Bool condition operator.
 *
 * AWS source: "IAM JSON policy elements: Condition operators", Boolean
 * condition operators ("Bool ... Boolean matching"), with values `true` and
 * `false`. AWS matches them case-insensitively (e.g. `"aws:SecureTransport":
 * "False"` works), so we fold ASCII case; anything else, including
 * surrounding whitespace, `1`/`0`, `yes`/`no`, is not a boolean.
 *
 * Never allocates.
 */

/** Lower-case ASCII letters only (non-letters are returned unchanged). */
// @ts-ignore: decorator
@inline
function lower(c: u32): u32 {
  return c - 0x41 < 26 ? c | 0x20 : c;
}

/** 1 for `true`, 0 for `false` (any ASCII case), -1 otherwise. */
export function parseBool(ptr: usize, len: i32): i32 {
  if (len == 4) {
    // INVARIANT: len == 4, offsets 0..3 are in bounds.
    if (
      lower(<u32>load<u8>(ptr)) == 0x74 && // t
      lower(<u32>load<u8>(ptr + 1)) == 0x72 && // r
      lower(<u32>load<u8>(ptr + 2)) == 0x75 && // u
      lower(<u32>load<u8>(ptr + 3)) == 0x65 // e
    ) return 1;
    return -1;
  }
  if (len == 5) {
    // INVARIANT: len == 5, offsets 0..4 are in bounds.
    if (
      lower(<u32>load<u8>(ptr)) == 0x66 && // f
      lower(<u32>load<u8>(ptr + 1)) == 0x61 && // a
      lower(<u32>load<u8>(ptr + 2)) == 0x6c && // l
      lower(<u32>load<u8>(ptr + 3)) == 0x73 && // s
      lower(<u32>load<u8>(ptr + 4)) == 0x65 // e
    ) return 0;
    return -1;
  }
  return -1;
}
