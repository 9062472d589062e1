/**
 * @module edge/sigv4/signing-key
 * The SigV4 signing key ("Calculate the signature for AWS Signature Version 4"):
 * kDate = HMAC("AWS4" + secret, date), kRegion = HMAC(kDate, region), kService =
 * HMAC(kRegion, service), kSigning = HMAC(kService, "aws4_request"). Four HMACs per derivation,
 * so the imported kSigning is cached per (secret, date, region, service). The cache is bounded
 * (least recently used entries go first): many keys or dates cannot grow it without limit.
 */
import { hmac, hmacKey } from "./crypto.ts";
import { utf8Bytes } from "./encoding.ts";

/** Entries kept; each is one CryptoKey. */
export const SIGNING_KEY_CACHE_SIZE = 1024;

const cache = new Map<string, Promise<CryptoKey>>();

async function derive(secret: string, date: string, region: string, service: string): Promise<CryptoKey> {
  const kDate = await hmac(utf8Bytes("AWS4" + secret), date);
  const kRegion = await hmac(kDate, region);
  const kService = await hmac(kRegion, service);
  return hmacKey(await hmac(kService, "aws4_request"));
}

/** The signing key for a credential scope, from the cache or derived. */
export function signingKey(secret: string, date: string, region: string, service: string): Promise<CryptoKey> {
  const id = `${date}\n${region}\n${service}\n${secret}`;
  const hit = cache.get(id);
  if (hit) {
    // Refresh its place: Map keeps insertion order, the oldest entry is evicted first.
    cache.delete(id);
    cache.set(id, hit);
    return hit;
  }
  const key = derive(secret, date, region, service);
  key.catch(() => cache.delete(id));
  cache.set(id, key);
  if (cache.size > SIGNING_KEY_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  return key;
}

/** Entries in the cache (tests check the bound). */
export function signingKeyCacheSize(): number {
  return cache.size;
}
