/**
 * @module edge/checksums/crc32
 * Table-driven CRC-32 in its reflected form, for the two 32-bit checksums S3 accepts:
 * - CRC32, the ISO-HDLC / IEEE 802.3 CRC (polynomial 0x04C11DB7, reflected 0xEDB88320, init and
 *   final XOR 0xFFFFFFFF; check value of "123456789": 0xCBF43926);
 * - CRC32C, Castagnoli's (RFC 3720 iSCSI, polynomial 0x1EDC6F41, reflected 0x82F63B78, same
 *   init and XOR; check value 0xE3069283).
 * S3 sends each as the base64 of its 4 bytes, big-endian ("Checking object integrity").
 * Slicing by 4 (four tables): four bytes per table round instead of one, no native code.
 */
import type { Hasher } from "./hasher.ts";

function tables(reflectedPoly: number): Uint32Array[] {
  const t0 = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? (reflectedPoly ^ (c >>> 1)) >>> 0 : c >>> 1;
    t0[n] = c >>> 0;
  }
  const out = [t0];
  for (let s = 1; s < 4; s++) {
    const prev = out[s - 1];
    const t = new Uint32Array(256);
    for (let n = 0; n < 256; n++) t[n] = (t0[prev[n] & 0xff] ^ (prev[n] >>> 8)) >>> 0;
    out.push(t);
  }
  return out;
}

const IEEE = tables(0xedb88320);
const CASTAGNOLI = tables(0x82f63b78);

class Crc32Hasher implements Hasher {
  private crc = 0xffffffff;
  constructor(private readonly t: Uint32Array[]) {}

  update(bytes: Uint8Array): void {
    const [t0, t1, t2, t3] = this.t;
    let c = this.crc;
    let i = 0;
    const end4 = bytes.length - (bytes.length % 4);
    for (; i < end4; i += 4) {
      c ^= bytes[i] | (bytes[i + 1] << 8) | (bytes[i + 2] << 16) | (bytes[i + 3] << 24);
      c = t3[c & 0xff] ^ t2[(c >>> 8) & 0xff] ^ t1[(c >>> 16) & 0xff] ^ t0[c >>> 24];
    }
    for (; i < bytes.length; i++) c = t0[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
    this.crc = c >>> 0;
  }

  digest(): Uint8Array {
    const v = (this.crc ^ 0xffffffff) >>> 0;
    return new Uint8Array([v >>> 24, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff]);
  }
}

/** A CRC32 (IEEE) hasher. */
export function crc32(): Hasher {
  return new Crc32Hasher(IEEE);
}

/** A CRC32C (Castagnoli) hasher. */
export function crc32c(): Hasher {
  return new Crc32Hasher(CASTAGNOLI);
}
