/**
 * @module edge/checksums/sha1
 * Streaming SHA-1 (FIPS 180-4 §6.1), for S3's `x-amz-checksum-sha1` (an integrity checksum
 * there, not a security one).
 */
import { BlockHasher, wordsToBytes } from "./block-hasher.ts";
import type { Hasher } from "./hasher.ts";

class Sha1 extends BlockHasher {
  private readonly h = new Uint32Array([0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0]);
  private readonly w = new Uint32Array(80);

  protected compress(block: DataView, offset: number): void {
    const w = this.w;
    for (let t = 0; t < 16; t++) w[t] = block.getUint32(offset + 4 * t);
    for (let t = 16; t < 80; t++) {
      const x = w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16];
      w[t] = (x << 1) | (x >>> 31);
    }
    const s = this.h;
    let a = s[0] | 0, b = s[1] | 0, c = s[2] | 0, d = s[3] | 0, e = s[4] | 0;
    for (let t = 0; t < 80; t++) {
      let f: number;
      let k: number;
      if (t < 20) { f = (b & c) | (~b & d); k = 0x5a827999; }
      else if (t < 40) { f = b ^ c ^ d; k = 0x6ed9eba1; }
      else if (t < 60) { f = (b & c) | (b & d) | (c & d); k = 0x8f1bbcdc; }
      else { f = b ^ c ^ d; k = 0xca62c1d6; }
      const temp = (((a << 5) | (a >>> 27)) + f + e + k + w[t]) | 0;
      e = d;
      d = c;
      c = (b << 30) | (b >>> 2);
      b = a;
      a = temp;
    }
    s[0] += a; s[1] += b; s[2] += c; s[3] += d; s[4] += e;
  }

  protected output(): Uint8Array {
    return wordsToBytes(this.h);
  }
}

/** A streaming SHA-1 hasher. */
export function sha1(): Hasher {
  return new Sha1();
}
