/**
 * @module edge/checksums/crc64nvme
 * CRC-64/NVME (NVM Express NVM Command Set Specification, "Protection Information",
 * 64b Guard): polynomial 0xAD93D23594C93659, reflected 0x9A6C9329AC4BC9B5, init and final XOR
 * all ones; check value of "123456789": 0xAE8B14860A799888. S3's `CRC64NVME` checksum is the
 * base64 of its 8 bytes, big-endian. JavaScript has no fast 64-bit integers, so the 64-bit
 * register and the table are kept as two 32-bit halves (hi, lo).
 */
import type { Hasher } from "./hasher.ts";

const POLY_HI = 0x9a6c9329;
const POLY_LO = 0xac4bc9b5;
const T_HI = new Uint32Array(256);
const T_LO = new Uint32Array(256);
for (let n = 0; n < 256; n++) {
  let hi = 0;
  let lo = n;
  for (let k = 0; k < 8; k++) {
    const carry = lo & 1;
    lo = ((lo >>> 1) | ((hi & 1) << 31)) >>> 0;
    hi = hi >>> 1;
    if (carry) {
      hi = (hi ^ POLY_HI) >>> 0;
      lo = (lo ^ POLY_LO) >>> 0;
    }
  }
  T_HI[n] = hi;
  T_LO[n] = lo;
}

class Crc64NvmeHasher implements Hasher {
  private hi = 0xffffffff;
  private lo = 0xffffffff;

  update(bytes: Uint8Array): void {
    let hi = this.hi;
    let lo = this.lo;
    for (let i = 0; i < bytes.length; i++) {
      const idx = (lo ^ bytes[i]) & 0xff;
      lo = ((lo >>> 8) | (hi << 24)) ^ T_LO[idx];
      hi = (hi >>> 8) ^ T_HI[idx];
    }
    this.hi = hi >>> 0;
    this.lo = lo >>> 0;
  }

  digest(): Uint8Array {
    const hi = (this.hi ^ 0xffffffff) >>> 0;
    const lo = (this.lo ^ 0xffffffff) >>> 0;
    return new Uint8Array([hi >>> 24, (hi >>> 16) & 0xff, (hi >>> 8) & 0xff, hi & 0xff, lo >>> 24, (lo >>> 16) & 0xff, (lo >>> 8) & 0xff, lo & 0xff]);
  }
}

/** A CRC64NVME hasher. */
export function crc64nvme(): Hasher {
  return new Crc64NvmeHasher();
}
