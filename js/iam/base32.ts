/**
 * @module iam/base32
 * RFC 4648 section 6 base32 (alphabet `A-Z2-7`, `=` padding) as people write it, for virtual MFA
 * seeds: AWS hands out `Base32StringSeed` in this form and authenticator apps read it from the
 * `otpauth://` URI. The model itself reads its stored seeds with the strict decoder
 * (rfc4648.ts `decodeBase32`: upper case, unpadded, canonical); `base32Decode` here is the
 * reader of a seed a person typed or copied (groups of four, lower case, padding), and
 * normalizes those forms before the same strict decoding. Web APIs only.
 * @see https://www.rfc-editor.org/rfc/rfc4648#section-6
 */
import { BASE32, decodeCanonical, encodeCanonical } from "./rfc4648.ts";

/**
 * Encodes bytes as base32.
 * @param padding append `=` to a multiple of 8 characters, as RFC 4648 does (default true)
 * @example base32Encode(new TextEncoder().encode("foobar")) // "MZXW6YTBOI======"
 */
export function base32Encode(bytes: Uint8Array, padding = true): string {
  let out = encodeCanonical(bytes, BASE32);
  if (padding) while (out.length % 8 !== 0) out += "=";
  return out;
}

/**
 * Decodes base32 as a person writes it: case-insensitive, padding optional (authenticator URIs
 * usually drop it), spaces ignored (seeds are often shown in groups of four). Throws a
 * `SyntaxError` on any other character, on padding in the middle, on a length no encoder
 * produces, or on a last character whose unused bits are not zero (not the canonical text).
 */
export function base32Decode(text: string): Uint8Array {
  const clean = text.replace(/\s+/g, "").toUpperCase();
  const body = clean.replace(/=+$/, "");
  if (body.includes("=")) throw new SyntaxError("base32: padding may only appear at the end");
  // Lengths mod 8 that a whole number of bytes produces: 0, 2, 4, 5, 7.
  if ([1, 3, 6].includes(body.length % 8)) throw new SyntaxError(`base32: ${body.length} characters cannot encode whole bytes`);
  const bad = /[^A-Z2-7]/.exec(body);
  if (bad) throw new SyntaxError(`base32: invalid character '${bad[0]}'`);
  const bytes = decodeCanonical(body, BASE32);
  if (!bytes) throw new SyntaxError("base32: the last character has unused bits set (not the canonical encoding)");
  return bytes;
}
