/**
 * @module edge/checksums/block-hasher
 * The Merkle–Damgård frame SHA-1 and SHA-256 share (FIPS 180-4 §5.1.1), and MD5 too (RFC 1321
 * §3.1-3.2, with a little-endian length): 64-byte blocks, the message padded with 0x80, zeros and
 * its length in bits as a 64-bit integer. A subclass supplies the compression function, the state
 * it reads out and the length's byte order. Whole blocks of the input are compressed where they
 * lie; only a partial block is copied aside.
 */
import type { Hasher } from "./hasher.ts";

export abstract class BlockHasher implements Hasher {
  private readonly block = new Uint8Array(64);
  private readonly view = new DataView(this.block.buffer);
  private filled = 0;
  private length = 0;

  /** The length is written little-endian (MD5) instead of big-endian (SHA-1, SHA-256). */
  protected readonly littleEndian: boolean = false;

  /** Compresses the 64-byte block at `offset` of `data` (16 words) into the state. */
  protected abstract compress(data: DataView, offset: number): void;
  /** The state as the digest's bytes. */
  protected abstract output(): Uint8Array;

  update(bytes: Uint8Array): void {
    this.length += bytes.length;
    let i = 0;
    if (this.filled > 0) {
      const take = Math.min(64 - this.filled, bytes.length);
      this.block.set(bytes.subarray(0, take), this.filled);
      this.filled += take;
      i = take;
      if (this.filled < 64) return;
      this.compress(this.view, 0);
      this.filled = 0;
    }
    const data = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (; i + 64 <= bytes.length; i += 64) this.compress(data, i);
    if (i < bytes.length) {
      this.block.set(bytes.subarray(i));
      this.filled = bytes.length - i;
    }
  }

  digest(): Uint8Array {
    const bits = this.length * 8;
    this.block[this.filled++] = 0x80;
    if (this.filled > 56) {
      this.block.fill(0, this.filled);
      this.compress(this.view, 0);
      this.filled = 0;
    }
    this.block.fill(0, this.filled);
    const high = Math.floor(bits / 0x100000000), low = bits >>> 0;
    if (this.littleEndian) {
      this.view.setUint32(56, low, true);
      this.view.setUint32(60, high, true);
    } else {
      this.view.setUint32(56, high);
      this.view.setUint32(60, low);
    }
    this.compress(this.view, 0);
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
