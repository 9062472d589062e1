/**
 * @module test/unit/edge/checksums.test
 * The flexible-checksum algorithms against their published check values (the CRC catalogue's
 * "check" of the nine bytes "123456789": CRC-32/ISO-HDLC 0xCBF43926, CRC-32/ISCSI 0xE3069283,
 * CRC-64/NVME 0xAE8B14860A799888; FIPS 180 examples for SHA-1 and SHA-256), against a bitwise
 * oracle for random data split at random places (fast-check), and WebCrypto for the SHAs.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { CHECKSUMS, checksumByAlgorithm, checksumByHeader } from "../../../js/edge/checksums/algorithms.ts";

const hex = (b: Uint8Array) => [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
const digest = (alg: string, data: Uint8Array, splits: number[] = []) => {
  const h = checksumByAlgorithm(alg)!.create();
  let at = 0;
  for (const s of [...splits].sort((a, b) => a - b)) {
    h.update(data.subarray(at, Math.max(at, Math.min(s, data.length))));
    at = Math.max(at, Math.min(s, data.length));
  }
  h.update(data.subarray(at));
  return hex(h.digest());
};
const ascii = (s: string) => new TextEncoder().encode(s);

/** Bit-at-a-time reflected CRC, straight from the definition (an oracle independent of the tables). */
function bitwiseCrc(data: Uint8Array, width: 32 | 64, poly: bigint): string {
  const mask = (1n << BigInt(width)) - 1n;
  let crc = mask;
  for (const b of data) {
    crc ^= BigInt(b);
    for (let k = 0; k < 8; k++) crc = crc & 1n ? (crc >> 1n) ^ poly : crc >> 1n;
  }
  return ((crc ^ mask) & mask).toString(16).padStart(width / 4, "0");
}

describe("flexible checksums", () => {
  it("match the published check values of \"123456789\"", () => {
    const check = ascii("123456789");
    expect(digest("CRC32", check)).toBe("cbf43926");
    expect(digest("CRC32C", check)).toBe("e3069283");
    expect(digest("CRC64NVME", check)).toBe("ae8b14860a799888");
    expect(digest("SHA1", ascii("abc"))).toBe("a9993e364706816aba3e25717850c26c9cd0d89d");
    expect(digest("SHA256", ascii("abc"))).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(digest("SHA256", ascii("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"))).toBe("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  });

  it("equal a bitwise oracle and WebCrypto on random data fed in random pieces", async () => {
    await fc.assert(fc.asyncProperty(fc.uint8Array({ maxLength: 300 }), fc.array(fc.nat(300), { maxLength: 5 }), async (data, splits) => {
      expect(digest("CRC32", data, splits)).toBe(bitwiseCrc(data, 32, 0xedb88320n));
      expect(digest("CRC32C", data, splits)).toBe(bitwiseCrc(data, 32, 0x82f63b78n));
      expect(digest("CRC64NVME", data, splits)).toBe(bitwiseCrc(data, 64, 0x9a6c9329ac4bc9b5n));
      const buf = data as Uint8Array<ArrayBuffer>;
      expect(digest("SHA256", data, splits)).toBe(hex(new Uint8Array(await crypto.subtle.digest("SHA-256", buf))));
      expect(digest("SHA1", data, splits)).toBe(hex(new Uint8Array(await crypto.subtle.digest("SHA-1", buf))));
    }), { numRuns: 200 });
  });

  it("are found by header name and algorithm name, in any case", () => {
    expect(CHECKSUMS.map((c) => c.algorithm)).toEqual(["CRC32", "CRC32C", "CRC64NVME", "SHA1", "SHA256"]);
    expect(checksumByHeader("X-Amz-Checksum-CRC64NVME")?.size).toBe(8);
    expect(checksumByAlgorithm("crc32c")?.header).toBe("x-amz-checksum-crc32c");
    expect(checksumByHeader("x-amz-checksum-md5")).toBeUndefined();
  });
});
