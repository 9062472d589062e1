/**
 * @module iam/rfc4648
 * RFC 4648 base64url, base64 and base32, decoded strictly: the one decoder for every token, key,
 * secret and marker the account model and STS read (session tokens, OIDC tokens and their JWK
 * members, MFA seeds, password hashes, pagination markers). Web APIs only.
 *
 * Strict means canonical: a byte string has exactly one text, so a MAC or a signature has one
 * spelling. A lenient decoder (`atob`) reads `YQ`, `YR`, `YS` ... `Yf` all as "a", because the
 * last character's low bits are not used; a token whose MAC ends in such a character then has
 * several spellings that all verify. The rules, each from RFC 4648:
 * - the encoding's own alphabet only (section 4 base64 `A-Za-z0-9+/`, section 5 base64url
 *   `A-Za-z0-9-_`, section 6 base32 `A-Z2-7`): no whitespace, no line breaks, no other case, no
 *   mixing of base64 and base64url (section 3.3: "reject encoded data if it contains characters
 *   outside the base alphabet");
 * - padding as the form says: base64 padded to a multiple of 4 characters; base64url and base32
 *   unpadded, as JWS (RFC 7515 section 2) and this model's MFA seeds write them (section 3.2);
 * - no length that no byte string encodes (base64 4n+1; base32 8n+1, 8n+3, 8n+6);
 * - the pad bits of the last character zero (section 3.5: "decoders MAY chose to reject an
 *   encoding if the pad bits have not been set to zero"): we do.
 *
 * Decoders answer `undefined` for a text that is not canonical; callers turn that into their own
 * error (InvalidClientTokenId, InvalidIdentityToken, ValidationError, ...).
 * @see https://www.rfc-editor.org/rfc/rfc4648
 */

/** One of RFC 4648's encodings, as this module writes and reads it. */
export interface Rfc4648Encoding {
  readonly alphabet: string;
  /** 6 (base64, base64url) or 5 (base32). */
  readonly bitsPerChar: 5 | 6;
  /** Padded to whole groups of `groupChars` with `=` (base64), or never padded. */
  readonly padded: boolean;
  readonly groupChars: 4 | 8;
  /** @internal character code to value, -1 outside the alphabet */
  readonly table: Int8Array;
}

function encoding(alphabet: string, bitsPerChar: 5 | 6, padded: boolean): Rfc4648Encoding {
  const table = new Int8Array(128).fill(-1);
  for (let i = 0; i < alphabet.length; i++) table[alphabet.charCodeAt(i)] = i;
  return { alphabet, bitsPerChar, padded, groupChars: bitsPerChar === 6 ? 4 : 8, table };
}

/** Section 5, unpadded (JWS, session tokens). */
export const BASE64URL = encoding("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_", 6, false);
/** Section 4, padded (password salts and hashes, pagination markers). */
export const BASE64 = encoding("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/", 6, true);
/** Section 6, unpadded (MFA seeds, as `Base32StringSeed` and `otpauth://` URIs carry them). */
export const BASE32 = encoding("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 5, false);

const PAD = 0x3d; // "="

/**
 * The bytes of `text` when it is the canonical encoding of some byte string, else undefined.
 * @example decodeCanonical("YQ", BASE64URL) // Uint8Array [0x61]; "YR" is undefined
 */
export function decodeCanonical(text: unknown, e: Rfc4648Encoding): Uint8Array<ArrayBuffer> | undefined {
  if (typeof text !== "string") return undefined;
  let end = text.length;
  if (e.padded) {
    if (end % e.groupChars !== 0) return undefined;
    while (end > 0 && text.length - end < e.groupChars - 1 && text.charCodeAt(end - 1) === PAD) end--;
  }
  const bits = end * e.bitsPerChar;
  const spare = bits % 8;
  // A whole character of spare bits is a length no byte string has (base64 4n+1, base32 8n+1/3/6).
  if (spare >= e.bitsPerChar) return undefined;
  if (e.padded && text.length - end !== (e.groupChars - (end % e.groupChars)) % e.groupChars) return undefined;
  const out = new Uint8Array((bits - spare) / 8);
  let acc = 0;
  let held = 0;
  let j = 0;
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    const v = c < 128 ? e.table[c] : -1;
    if (v < 0) return undefined;
    acc = (acc << e.bitsPerChar) | v;
    held += e.bitsPerChar;
    if (held >= 8) {
      held -= 8;
      out[j++] = (acc >>> held) & 0xff;
      acc &= (1 << held) - 1;
    }
  }
  // The pad bits of the last character must be zero (section 3.5).
  return acc === 0 ? out : undefined;
}

/**
 * The canonical text of `bytes`.
 * @example encodeCanonical(new TextEncoder().encode("a"), BASE64URL) // "YQ"
 */
export function encodeCanonical(bytes: Uint8Array, e: Rfc4648Encoding): string {
  let out = "";
  let acc = 0;
  let held = 0;
  for (let i = 0; i < bytes.length; i++) {
    acc = (acc << 8) | bytes[i];
    held += 8;
    while (held >= e.bitsPerChar) {
      held -= e.bitsPerChar;
      out += e.alphabet[(acc >>> held) & ((1 << e.bitsPerChar) - 1)];
    }
    acc &= (1 << held) - 1;
  }
  if (held > 0) out += e.alphabet[(acc << (e.bitsPerChar - held)) & ((1 << e.bitsPerChar) - 1)];
  if (e.padded) while (out.length % e.groupChars !== 0) out += "=";
  return out;
}

/** Strict base64url (unpadded): undefined unless canonical. */
export const decodeBase64url = (text: unknown): Uint8Array<ArrayBuffer> | undefined => decodeCanonical(text, BASE64URL);
/** base64url without padding. */
export const encodeBase64url = (bytes: Uint8Array): string => encodeCanonical(bytes, BASE64URL);
/** Strict base64 (padded): undefined unless canonical. */
export const decodeBase64 = (text: unknown): Uint8Array<ArrayBuffer> | undefined => decodeCanonical(text, BASE64);
/** base64 with padding. */
export const encodeBase64 = (bytes: Uint8Array): string => encodeCanonical(bytes, BASE64);
/** Strict base32 (upper case, unpadded): undefined unless canonical. */
export const decodeBase32 = (text: unknown): Uint8Array<ArrayBuffer> | undefined => decodeCanonical(text, BASE32);
