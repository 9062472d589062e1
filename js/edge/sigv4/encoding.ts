/**
 * @module edge/sigv4/encoding
 * Byte-level helpers of the canonical request ("Create a canonical request for Signature Version
 * 4", IAM User Guide): UriEncode (every byte but the unreserved characters `A-Z a-z 0-9 - . _ ~`
 * as `%XY` with upper-case hex), percent-decoding to bytes (so invalid UTF-8 survives a round
 * trip unchanged), and hex.
 */

const utf8 = new TextEncoder();
const HEX = "0123456789ABCDEF";

/** True for the bytes UriEncode leaves as they are. */
export function isUnreserved(b: number): boolean {
  return (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a) || (b >= 0x30 && b <= 0x39) || b === 0x2d || b === 0x2e || b === 0x5f || b === 0x7e;
}

/** UriEncode of bytes; `keepSlash` leaves `/` as is (paths). */
export function uriEncodeBytes(bytes: Uint8Array, keepSlash = false): string {
  let out = "";
  for (const b of bytes) {
    if (isUnreserved(b) || (keepSlash && b === 0x2f)) out += String.fromCharCode(b);
    else out += "%" + HEX[b >> 4] + HEX[b & 15];
  }
  return out;
}

/** UriEncode of a string's UTF-8 bytes. */
export function uriEncode(text: string, keepSlash = false): string {
  return uriEncodeBytes(utf8.encode(text), keepSlash);
}

function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  return -1;
}

/**
 * The bytes a percent-encoded string stands for: `%XY` is one byte, every other character its
 * UTF-8. A `%` not followed by two hex digits is a literal `%`. `plusAsSpace` reads `+` as a
 * space, as form-encoded query strings mean it (URLSearchParams writes spaces so).
 */
export function percentDecode(text: string, plusAsSpace = false): Uint8Array {
  const raw = utf8.encode(text);
  const out = new Uint8Array(raw.length);
  let n = 0;
  for (let i = 0; i < raw.length; i++) {
    const b = raw[i];
    if (b === 0x25 && i + 2 < raw.length) {
      const hi = hexValue(raw[i + 1]);
      const lo = hexValue(raw[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out[n++] = (hi << 4) | lo;
        i += 2;
        continue;
      }
    }
    out[n++] = plusAsSpace && b === 0x2b ? 0x20 : b;
  }
  return out.subarray(0, n);
}

/**
 * A path with its percent-encoding made canonical, byte by byte: an encoded unreserved byte
 * is decoded, every other byte is (re-)encoded with upper-case hex, and `/` as sent stays `/`
 * while an encoded `%2F` stays encoded. Used for S3, whose canonical URI is the object key
 * UriEncoded once: what a client chose to escape beyond that does not change it.
 */
export function canonicalPercentEncoding(path: string): string {
  const raw = utf8.encode(path);
  let out = "";
  for (let i = 0; i < raw.length; i++) {
    let b = raw[i];
    let literal = true;
    if (b === 0x25 && i + 2 < raw.length) {
      const hi = hexValue(raw[i + 1]);
      const lo = hexValue(raw[i + 2]);
      if (hi >= 0 && lo >= 0) {
        b = (hi << 4) | lo;
        i += 2;
        literal = false;
      }
    }
    if (isUnreserved(b) || (literal && b === 0x2f)) out += String.fromCharCode(b);
    else out += "%" + HEX[b >> 4] + HEX[b & 15];
  }
  return out;
}

/** Lower-case hex of bytes. */
export function toHex(bytes: Uint8Array): string {
  let out = "";
  for (const b of bytes) out += (b < 16 ? "0" : "") + b.toString(16);
  return out;
}

/** Bytes of a hex string, or undefined when it is not hex of an even length. */
export function fromHex(hex: string): Uint8Array | undefined {
  if (hex.length % 2 !== 0) return undefined;
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) {
    const hi = hexValue(hex.charCodeAt(2 * i));
    const lo = hexValue(hex.charCodeAt(2 * i + 1));
    if (hi < 0 || lo < 0) return undefined;
    out[i] = (hi << 4) | lo;
  }
  return out;
}

/** UTF-8 bytes of a string. */
export function utf8Bytes(text: string): Uint8Array<ArrayBuffer> {
  return utf8.encode(text);
}

/** Standard base64 of bytes (flexible checksums are sent base64-encoded). */
export function toBase64(bytes: Uint8Array): string {
  let bin = "";
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin);
}
