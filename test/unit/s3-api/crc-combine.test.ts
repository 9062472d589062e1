/**
 * @module test/unit/s3-api/crc-combine.test
 * A multipart object's full-object CRC from its parts' CRCs equals the CRC of the whole body,
 * for CRC32, CRC32C and CRC64NVME, over part sizes that include 1 byte, odd sizes and an empty
 * last part; other algorithms are not combined.
 */
import { describe, expect, it } from "vitest";
import { checksumByAlgorithm } from "../../../js/edge/checksums/algorithms.ts";
import { combineCrcs } from "../../../js/edge/s3-api/crc-combine.ts";

function digest(algorithm: string, bytes: Uint8Array): Uint8Array {
  const h = checksumByAlgorithm(algorithm)!.create();
  h.update(bytes);
  return h.digest();
}

describe("combineCrcs", () => {
  const body = new Uint8Array(70_001).map((_, i) => (i * 131 + (i >> 7)) & 255);
  for (const algorithm of ["CRC32", "CRC32C", "CRC64NVME"]) {
    it(`${algorithm}: the parts' CRCs combine into the whole body's`, () => {
      for (const sizes of [[1, 70_000], [30_000, 30_000, 10_001], [70_001], [5, 7, 11, 69_978, 0]]) {
        let at = 0;
        const parts = sizes.map((size) => {
          const part = body.subarray(at, at + size);
          at += size;
          return { crc: digest(algorithm, part), size };
        });
        expect(Buffer.from(combineCrcs(algorithm, parts)!).toString("hex")).toBe(Buffer.from(digest(algorithm, body)).toString("hex"));
      }
    });
  }

  it("SHA-256 has no full-object combination", () => {
    expect(combineCrcs("SHA256", [{ crc: new Uint8Array(32), size: 1 }])).toBeUndefined();
  });
});
