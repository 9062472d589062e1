/**
 * @module cli/utf8
 * Decoding an input as UTF-8, refusing anything else. JSON exchanged between systems "MUST be
 * encoded using UTF-8" (RFC 8259 section 8.1), and a lenient decoder would turn a Latin-1 `é`
 * into U+FFFD: a different policy from the one in the file, silently. A byte order mark is
 * kept, as before, for the engine to skip.
 */
import { isUtf8 } from "node:buffer";

const decoder = new TextDecoder("utf-8", { ignoreBOM: true });

/** The text of `bytes`, or where (1-based line and column) the first byte that is not UTF-8 is. */
export function decodeUtf8(bytes: Buffer): { text: string } | { line: number; column: number; byte: number; utf16: boolean } {
  if (isUtf8(bytes)) return { text: decoder.decode(bytes) };
  const at = firstInvalidByte(bytes);
  const lines = decoder.decode(bytes.subarray(0, at)).split("\n");
  const utf16 = at === 0 && bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff));
  return { line: lines.length, column: lines[lines.length - 1].length + 1, byte: bytes[at], utf16 };
}

/**
 * The offset of the first byte that does not begin a well-formed UTF-8 sequence (RFC 3629
 * section 4: no overlong forms, no surrogates, nothing above U+10FFFF); the length when all are.
 */
function firstInvalidByte(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    const n = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (n === 0) return i;
    // The second byte's range is what excludes overlong forms, surrogates and code points past U+10FFFF.
    const lo = b === 0xe0 ? 0xa0 : b === 0xf0 ? 0x90 : 0x80;
    const hi = b === 0xed ? 0x9f : b === 0xf4 ? 0x8f : 0xbf;
    for (let k = 1; k < n; k++) {
      const c = bytes[i + k];
      if (c === undefined || c < (k === 1 ? lo : 0x80) || c > (k === 1 ? hi : 0xbf)) return i;
    }
    i += n;
  }
  return i;
}
