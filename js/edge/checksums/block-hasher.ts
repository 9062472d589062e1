/**
 * @module edge/checksums/block-hasher
 * The Merkle–Damgård frame SHA-1 and SHA-256 share (FIPS 180-4 §5.1.1): 64-byte blocks, the
 * message padded with 0x80, zeros and its length in bits as a 64-bit big-endian integer. A
 * subclass supplies the compression function and the state it reads out.
 */
import type { Hasher } from "./hasher.ts";

export abstract class BlockHasher implements Hasher {
  private readonly block = new Uint8Array(64);
  private readonly view = new DataView(this.block.buffer);
  private filled = 0;
  private length = 0;

  /** Compresses one 64-byte block (its 16 big-endian words) into the state. */
  protected abstract compress(words: DataView): void;
  /** The state as the digest's bytes. */
  protected abstract output(): Uint8Array;

  update(bytes: Uint8Array): void {
    this.length += bytes.length;
    let i = 0;
    while (i < bytes.length) {
      const take = Math.min(64 - this.filled, bytes.length - i);
      this.block.set(bytes.subarray(i, i + take), this.filled);
      this.filled += take;
      i += take;
      if (this.filled === 64) {
        this.compress(this.view);
        this.filled = 0;
      }
    }
  }

  digest(): Uint8Array {
    const bits = this.length * 8;
    this.block[this.filled++] = 0x80;
    if (this.filled > 56) {
      this.block.fill(0, this.filled);
      this.compress(this.view);
      this.filled = 0;
    }
    this.block.fill(0, this.filled);
    this.view.setUint32(56, Math.floor(bits / 0x100000000));
    this.view.setUint32(60, bits >>> 0);
    this.compress(this.view);
    return this.output();
  }
}

/** Big-endian bytes of 32-bit words. */
export function wordsToBytes(words: Uint32Array | number[]): Uint8Array {
  const out = new Uint8Array(words.length * 4);
  const view = new DataView(out.buffer);
  for (let i = 0; i < words.length; i++) view.setUint32(4 * i, words[i] >>> 0);
  return out;
}
