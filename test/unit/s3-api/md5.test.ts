/**
 * @module test/unit/s3-api/md5.test
 * The streaming MD5 against RFC 1321's test suite (appendix A.5) and node:crypto over lengths
 * around the block and padding edges, fed whole and in odd-sized pieces; S3's multipart ETag
 * (MD5 of the parts' MD5s, then `-N`).
 */
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { hex, md5, md5Hex, multipartEtag } from "../../../js/edge/s3-api/md5.ts";

const text = (s: string) => new TextEncoder().encode(s);

describe("md5", () => {
  it("matches RFC 1321's test suite", () => {
    expect(md5Hex(text(""))).toBe("d41d8cd98f00b204e9800998ecf8427e");
    expect(md5Hex(text("a"))).toBe("0cc175b9c0f1b6a831c399e269772661");
    expect(md5Hex(text("abc"))).toBe("900150983cd24fb0d6963f7d28e17f72");
    expect(md5Hex(text("message digest"))).toBe("f96b697d7cb7938d525a2f31aaf161d0");
    expect(md5Hex(text("12345678901234567890123456789012345678901234567890123456789012345678901234567890"))).toBe("57edf4a22be3c955ac49da2e2107b67a");
  });

  it("matches node:crypto at the block and padding edges, whole and streamed", () => {
    for (const n of [1, 55, 56, 57, 63, 64, 65, 119, 120, 127, 128, 1000, 70_000]) {
      const bytes = new Uint8Array(n).map((_, i) => (i * 31 + 7) & 255);
      const expected = createHash("md5").update(bytes).digest("hex");
      expect(md5Hex(bytes)).toBe(expected);
      const h = md5();
      for (let i = 0; i < n; i += 17) h.update(bytes.subarray(i, i + 17));
      expect(hex(h.digest())).toBe(expected);
    }
  });

  it("a multipart ETag is the MD5 of the parts' binary MD5s and the part count", () => {
    const parts = [text("part one"), text("part two")].map((p) => createHash("md5").update(p).digest());
    const expected = createHash("md5").update(Buffer.concat(parts)).digest("hex") + "-2";
    expect(multipartEtag(parts.map((p) => p.toString("hex")))).toBe(expected);
  });
});
