/**
 * @module iam/base32
 * RFC 4648 section 6 base32 (alphabet `A-Z2-7`, `=` padding), used for virtual MFA seeds: AWS
 * hands out `Base32StringSeed` in this form and authenticator apps read it from the
 * `otpauth://` URI. Web APIs only.
 * @see https://www.rfc-editor.org/rfc/rfc4648#section-6
 */
const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/**
 * Encodes bytes as base32.
 * @param padding append `=` to a multiple of 8 characters, as RFC 4648 does (default true)
 * @example base32Encode(new TextEncoder().encode("foobar")) // "MZXW6YTBOI======"
 */
export function base32Encode(bytes: Uint8Array, padding = true): string {
  let out = "";
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += ALPHABET[(buffer >>> bits) & 31];
    }
    buffer &= (1 << bits) - 1; // keep only the bits not yet written, so the number stays small
  }
  if (bits > 0) out += ALPHABET[(buffer << (5 - bits)) & 31];
  if (padding) while (out.length % 8 !== 0) out += "=";
  return out;
}

/**
 * Decodes base32. Case-insensitive; padding is optional (authenticator URIs usually drop it);
 * spaces are ignored (seeds are often shown in groups of four). Throws a `SyntaxError` on any
 * other character, on padding in the middle, or on a length no encoder produces.
 */
export function base32Decode(text: string): Uint8Array {
  const clean = text.replace(/\s+/g, "").toUpperCase();
  const body = clean.replace(/=+$/, "");
  if (body.includes("=")) throw new SyntaxError("base32: padding may only appear at the end");
  // Lengths mod 8 that a whole number of bytes produces: 0, 2, 4, 5, 7.
  if ([1, 3, 6].includes(body.length % 8)) throw new SyntaxError(`base32: ${body.length} characters cannot encode whole bytes`);
  const out = new Uint8Array(Math.floor((body.length * 5) / 8));
  let buffer = 0;
  let bits = 0;
  let i = 0;
  for (const ch of body) {
    const v = ALPHABET.indexOf(ch);
    if (v < 0) throw new SyntaxError(`base32: invalid character '${ch}'`);
    buffer = (buffer << 5) | v;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out[i++] = (buffer >>> bits) & 0xff;
      buffer &= (1 << bits) - 1;
    }
  }
  return out;
}
