/**
 * @module edge/sigv4/crypto
 * WebCrypto, the only crypto this module uses (Node, workerd and browsers all have it):
 * SHA-256 of a whole buffer, HMAC-SHA256 with raw or imported keys, and the constant-time
 * comparison of signatures.
 */
import { toHex, utf8Bytes } from "./encoding.ts";

type Bytes = Uint8Array<ArrayBuffer>;

function bytesOf(data: string | Uint8Array): Bytes {
  return typeof data === "string" ? utf8Bytes(data) : (data as Bytes);
}

/** Hex SHA-256 of a string's UTF-8 or of bytes. */
export async function sha256Hex(data: string | Uint8Array): Promise<string> {
  return toHex(new Uint8Array(await crypto.subtle.digest("SHA-256", bytesOf(data))));
}

/** Imports raw key bytes as an HMAC-SHA256 signing key. */
export function hmacKey(raw: Uint8Array): Promise<CryptoKey> {
  return crypto.subtle.importKey("raw", raw as Bytes, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
}

/** HMAC-SHA256(key, data). */
export async function hmac(key: CryptoKey | Uint8Array, data: string | Uint8Array): Promise<Uint8Array> {
  const k = key instanceof Uint8Array ? await hmacKey(key) : key;
  return new Uint8Array(await crypto.subtle.sign("HMAC", k, bytesOf(data)));
}

/**
 * Compares two strings in time that depends only on their lengths (a signature's length is no
 * secret), so a caller cannot learn a correct signature byte by byte from response times.
 */
export function constantTimeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}
