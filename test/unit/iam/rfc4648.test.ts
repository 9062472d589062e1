/**
 * The strict RFC 4648 decoder (js/iam/rfc4648.ts): the section 10 test vectors, then two
 * properties over random input: every byte string round-trips, and a text decodes only when it
 * is the one text the encoder writes for its bytes (one spelling per value).
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  BASE32, BASE64, BASE64URL, decodeBase32, decodeBase64, decodeBase64url, decodeCanonical, encodeCanonical, type Rfc4648Encoding,
} from "../../../js/iam/rfc4648.ts";

const utf8 = (s: string) => new TextEncoder().encode(s);
const text = (b: Uint8Array | undefined) => (b === undefined ? undefined : new TextDecoder().decode(b));

// RFC 4648 section 10.
const VECTORS: [string, string, string][] = [
  ["", "", ""], ["f", "Zg==", "MY"], ["fo", "Zm8=", "MZXQ"], ["foo", "Zm9v", "MZXW6"],
  ["foob", "Zm9vYg==", "MZXW6YQ"], ["fooba", "Zm9vYmE=", "MZXW6YTB"], ["foobar", "Zm9vYmFy", "MZXW6YTBOI"],
];

describe("RFC 4648 section 10 vectors", () => {
  it("base64 (padded) and base32 (unpadded) decode and encode the vectors", () => {
    for (const [plain, b64, b32] of VECTORS) {
      expect(encodeCanonical(utf8(plain), BASE64)).toBe(b64);
      expect(text(decodeBase64(b64))).toBe(plain);
      expect(encodeCanonical(utf8(plain), BASE32)).toBe(b32);
      expect(text(decodeBase32(b32))).toBe(plain);
      expect(text(decodeBase64url(b64.replace(/=+$/, "")))).toBe(plain);
    }
  });

  it("refuses other alphabets, whitespace, wrong padding, impossible lengths and set pad bits", () => {
    for (const bad of ["Zg", "Zg=", "Zg===", "Z===", "Zh==", "Zm8", "Zm9=", " Zm9v", "Zm9v\n", "Zm-v", "Zm_v", "Z", "Zm9vY", "=Zm9"]) {
      expect(decodeBase64(bad), bad).toBeUndefined();
    }
    for (const bad of ["Zg==", "Zh", "Z", "Zm+v", "Zm/v", "Zm9 v", "é"]) expect(decodeBase64url(bad), bad).toBeUndefined();
    for (const bad of ["MZ", "mzxw6", "MZXW6YTBOJ", "MZXW6YTBOI======", "M", "MZX", "MZXW6Y", "MZXW1"]) expect(decodeBase32(bad), bad).toBeUndefined();
    expect(decodeCanonical(42, BASE64)).toBeUndefined();
  });
});

const encodings: [string, Rfc4648Encoding][] = [["base64", BASE64], ["base64url", BASE64URL], ["base32", BASE32]];

describe("properties", () => {
  for (const [name, e] of encodings) {
    it(`${name}: every byte string round-trips`, () => {
      fc.assert(fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        expect(decodeCanonical(encodeCanonical(bytes, e), e)).toEqual(bytes);
      }), { numRuns: 500 });
    });

    it(`${name}: a text decodes only if it is the encoder's text for its bytes`, () => {
      const chars = fc.constantFrom(...(e.alphabet + "=+/-_ a").split(""));
      fc.assert(fc.property(fc.array(chars, { maxLength: 24 }).map((a) => a.join("")), (s) => {
        const bytes = decodeCanonical(s, e);
        if (bytes !== undefined) expect(encodeCanonical(bytes, e)).toBe(s);
      }), { numRuns: 2000 });
      // Near-canonical texts (a valid text with its last character moved by one) exercise the pad bits.
      fc.assert(fc.property(fc.uint8Array({ minLength: 1, maxLength: 32 }), fc.integer({ min: 1, max: 3 }), (bytes, step) => {
        const good = encodeCanonical(bytes, e);
        const body = good.replace(/=+$/, "");
        const i = e.alphabet.indexOf(body[body.length - 1]);
        const moved = body.slice(0, -1) + e.alphabet[(i + step) % e.alphabet.length] + good.slice(body.length);
        const bytesOfMoved = decodeCanonical(moved, e);
        if (bytesOfMoved !== undefined) expect(encodeCanonical(bytesOfMoved, e)).toBe(moved);
        else expect(moved).not.toBe(good);
      }), { numRuns: 1000 });
    });
  }
});
