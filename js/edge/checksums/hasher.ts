/**
 * @module edge/checksums/hasher
 * What the streaming checks need from a digest: bytes in, a few at a time, one digest out.
 * WebCrypto's `digest` hashes a whole buffer only, so the streaming SHA-256 and SHA-1 are
 * written here (FIPS 180-4) next to the CRCs; memory stays one block whatever the body size.
 */
export interface Hasher {
  update(bytes: Uint8Array): void;
  /** The digest of everything given so far (call once). */
  digest(): Uint8Array;
}
