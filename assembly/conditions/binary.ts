/**
 * @module conditions/binary
 *
 * Base64 decoding for the BinaryEquals condition operator.
 *
 * AWS source: "IAM JSON policy elements: Condition operators", Binary
 * condition operators: "BinaryEquals ... compare key values that are in
 * binary format. It compares the value of the specified key byte for byte
 * against a base-64 encoded representation of the binary value in the
 * policy." Encoding per RFC 4648 section 4 (standard alphabet); we also
 * accept the section 5 URL-safe alphabet (`-` for `+`, `_` for `/`), even
 * mixed, because AWS does not say which one a policy author used.
 *
 * Padding: either none (length % 4 must then be 0, 2 or 3) or exactly the
 * RFC amount at the very end. Rejected (-1): whitespace/line breaks, `=`
 * anywhere but the end, wrong padding count, a dangling single character.
 * Non-zero leftover bits in the last character are tolerated (RFC 4648 3.5
 * allows decoders to accept them) and dropped.
 *
 * `out` must have room for len*3/4 + 3 bytes. Never allocates.
 */

/** 6-bit value of a base64 character (both alphabets), or -1. */
// @ts-ignore: decorator
@inline
function b64Val(c: u32): i32 {
  if (c - 0x41 < 26) return <i32>(c - 0x41); // A-Z
  if (c - 0x61 < 26) return <i32>(c - 0x61 + 26); // a-z
  if (c - 0x30 < 10) return <i32>(c - 0x30 + 52); // 0-9
  if (c == 0x2b || c == 0x2d) return 62; // + or -
  if (c == 0x2f || c == 0x5f) return 63; // / or _
  return -1;
}

/**
 * Decode base64 ptr[0..len) into `out`. Returns the number of bytes written,
 * or -1 when the text is not valid base64 (empty input decodes to 0 bytes).
 */
export function base64Decode(ptr: usize, len: i32, out: usize): i32 {
  if (len < 0) return -1;
  // Strip RFC padding (at most two `=`, and only if the padded length is a
  // multiple of four).
  let n = len;
  let pad: i32 = 0;
  // INVARIANT: n - 1 >= 0 is checked before each load.
  while (n > 0 && pad < 2 && <u32>load<u8>(ptr + <usize>(n - 1)) == 0x3d /* = */) {
    n--;
    pad++;
  }
  if (pad > 0 && (len & 3) != 0) return -1;
  const rem = n & 3;
  if (rem == 1) return -1; // a lone 6-bit character cannot encode a byte
  if (pad > 0 && pad != 4 - rem) return -1; // e.g. "QQ=" or "QUJD=" (when len%4==0)

  let o: i32 = 0;
  let acc: u32 = 0;
  let bits: i32 = 0;
  for (let i: i32 = 0; i < n; i++) {
    // INVARIANT: 0 <= i < n <= len.
    const v = b64Val(<u32>load<u8>(ptr + <usize>i));
    if (v < 0) return -1; // includes a `=` before the end
    acc = (acc << 6) | <u32>v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      // INVARIANT: o < n*3/4 + 1 <= len*3/4 + 3, the caller's buffer size.
      store<u8>(out + <usize>o, <u8>(acc >> <u32>bits));
      o++;
    }
  }
  return o;
}
