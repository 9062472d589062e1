/**
 * @module edge/s3-api/crc-combine
 * The CRC of a whole multipart object from its parts' CRCs and sizes, for S3's full-object
 * checksums of multipart uploads ("Checking object integrity": CRC64NVME always, CRC32 and
 * CRC32C when the upload asks for `FULL_OBJECT`). For a CRC with all-ones init and final XOR
 * (all three), crc(A‖B) = crc(A)·x^(8·|B|) mod P ⊕ crc(B): the algebra zlib's crc32_combine
 * uses, here in reflected bit order for any width, with BigInt (at most 10,000 parts, each a
 * few dozen multiplications of 64-bit polynomials).
 */

interface Crc {
  width: number;
  /** The polynomial, reflected. */
  poly: bigint;
}

export const CRCS: Record<string, Crc> = {
  CRC32: { width: 32, poly: 0xedb88320n },
  CRC32C: { width: 32, poly: 0x82f63b78n },
  CRC64NVME: { width: 64, poly: 0x9a6c9329ac4bc9b5n },
};

/** a·b mod P, reflected (the top bit is x^0). */
function multiply(crc: Crc, a: bigint, b: bigint): bigint {
  const top = 1n << BigInt(crc.width - 1);
  let m = top;
  let p = 0n;
  while (m !== 0n) {
    if (a & m) p ^= b;
    m >>= 1n;
    b = b & 1n ? (b >> 1n) ^ crc.poly : b >> 1n;
  }
  return p;
}

/** x^(8·bytes) mod P, by squaring. */
function shiftFor(crc: Crc, bytes: number): bigint {
  let power = 1n << BigInt(crc.width - 1 - 8); // x^8
  let result = 1n << BigInt(crc.width - 1); // x^0
  let n = BigInt(bytes);
  while (n > 0n) {
    if (n & 1n) result = multiply(crc, power, result);
    power = multiply(crc, power, power);
    n >>= 1n;
  }
  return result;
}

function toBig(bytes: Uint8Array): bigint {
  return bytes.reduce((acc, b) => (acc << 8n) | BigInt(b), 0n);
}

function fromBig(value: bigint, width: number): Uint8Array {
  const out = new Uint8Array(width / 8);
  for (let i = out.length - 1; i >= 0; i--) {
    out[i] = Number(value & 0xffn);
    value >>= 8n;
  }
  return out;
}

/** The CRC (big-endian bytes, as S3's base64 carries them) of the parts joined, or undefined for another algorithm. */
export function combineCrcs(algorithm: string, parts: { crc: Uint8Array; size: number }[]): Uint8Array | undefined {
  const crc = CRCS[algorithm];
  if (!crc || parts.length === 0) return undefined;
  let acc = toBig(parts[0].crc);
  for (const part of parts.slice(1)) acc = multiply(crc, shiftFor(crc, part.size), acc) ^ toBig(part.crc);
  return fromBig(acc, crc.width);
}
