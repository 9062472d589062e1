/**
 * @module __tests__/bytes
 *
 * Test-only helpers to turn AssemblyScript strings / byte lists into
 * (pointer, length) pairs for the allocation-free matchers. Allocation is
 * fine here: the no-allocation rule applies to the library, not the tests.
 * Callers must keep the returned ArrayBuffer in a local while using its
 * pointer so the GC cannot reclaim it.
 */

/** UTF-8 bytes of `s` (no NUL terminator; "\0" in `s` becomes a 0x00 byte). */
export function utf8(s: string): ArrayBuffer {
  return String.UTF8.encode(s, false);
}

/** A buffer holding exactly the given byte values. */
export function bytes(list: u8[]): ArrayBuffer {
  const b = new ArrayBuffer(list.length);
  for (let i = 0; i < list.length; i++) store<u8>(changetype<usize>(b) + <usize>i, list[i]);
  return b;
}

/** Pointer to the first byte of `b`. */
export function ptr(b: ArrayBuffer): usize {
  return changetype<usize>(b);
}

/** Length of `b` in bytes. */
export function len(b: ArrayBuffer): i32 {
  return b.byteLength;
}

/** Lower-case hex of the bytes of `b`, for readable expectations. */
export function hex(b: ArrayBuffer, n: i32 = -1): string {
  const count = n < 0 ? b.byteLength : n;
  let s = "";
  for (let i = 0; i < count; i++) {
    const v = load<u8>(changetype<usize>(b) + <usize>i);
    s += (v < 16 ? "0" : "") + v.toString(16);
  }
  return s;
}
