/**
 * @module iam/ids
 * AWS-shaped identifiers ("IAM identifiers", unique IDs): a four-letter prefix naming the
 * entity type (AIDA user, AGPA group, AROA role, ANPA managed policy, AKIA access key, ASIA
 * temporary key) and 17 characters of base32, from WebCrypto's random source.
 */
const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

export function randomId(prefix: string, length = 17): string {
  const bytes = new Uint8Array(length);
  crypto.getRandomValues(bytes);
  let out = prefix;
  for (const b of bytes) out += ALPHABET[b & 31];
  return out;
}

/** A secret access key: 40 characters of base64 alphabet, as AWS issues them. */
export function randomSecret(length = 40): string {
  const chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  const bytes = new Uint8Array(length);
  crypto.getRandomValues(bytes);
  let out = "";
  for (const b of bytes) out += chars[b & 63];
  return out;
}
