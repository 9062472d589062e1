/**
 * @module edge/s3-api/md5
 * Streaming MD5 (RFC 1321), for S3's ETags: a part's ETag is the MD5 of its bytes, and a
 * multipart object's is the MD5 of its parts' MD5s followed by `-<parts>` ("Checking object
 * integrity", S3 User Guide). WebCrypto has no MD5, and the part's bytes stream into R2 without
 * being held, so the digest is computed as they pass, in the block frame SHA-1 and SHA-256 use
 * (checksums/block-hasher.ts), with little-endian words and length.
 */
import { BlockHasher } from "../checksums/block-hasher.ts";
import type { Hasher } from "../checksums/hasher.ts";

const S = [7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21];
/** K[i] = floor(abs(sin(i + 1)) * 2^32). */
const K = Uint32Array.from({ length: 64 }, (_, i) => Math.floor(Math.abs(Math.sin(i + 1)) * 0x100000000));

class Md5 extends BlockHasher {
  protected override readonly littleEndian = true;
  private readonly h = new Uint32Array([0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476]);
  private readonly m = new Uint32Array(16);

  protected compress(data: DataView, offset: number): void {
    const m = this.m;
    for (let i = 0; i < 16; i++) m[i] = data.getUint32(offset + 4 * i, true);
    let a = this.h[0], b = this.h[1], c = this.h[2], d = this.h[3];
    for (let i = 0; i < 64; i++) {
      let f: number, g: number;
      if (i < 16) { f = (b & c) | (~b & d); g = i; }
      else if (i < 32) { f = (d & b) | (~d & c); g = (5 * i + 1) & 15; }
      else if (i < 48) { f = b ^ c ^ d; g = (3 * i + 5) & 15; }
      else { f = c ^ (b | ~d); g = (7 * i) & 15; }
      const s = S[(i >> 4) * 4 + (i & 3)];
      const x = (a + f + K[i] + m[g]) | 0;
      a = d;
      d = c;
      c = b;
      b = (b + ((x << s) | (x >>> (32 - s)))) | 0;
    }
    this.h[0] += a; this.h[1] += b; this.h[2] += c; this.h[3] += d;
  }

  protected output(): Uint8Array {
    const out = new Uint8Array(16);
    const v = new DataView(out.buffer);
    for (let i = 0; i < 4; i++) v.setUint32(4 * i, this.h[i], true);
    return out;
  }
}

/** A streaming MD5 hasher. */
export function md5(): Hasher {
  return new Md5();
}

export function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** The MD5 of bytes, hex. */
export function md5Hex(bytes: Uint8Array): string {
  const h = md5();
  h.update(bytes);
  return hex(h.digest());
}

/** A multipart object's ETag from its parts' MD5s (hex, in part order). */
export function multipartEtag(partMd5s: string[]): string {
  const h = md5();
  for (const p of partMd5s) h.update(Uint8Array.from(p.match(/../g)!, (x) => parseInt(x, 16)));
  return `${hex(h.digest())}-${partMd5s.length}`;
}
