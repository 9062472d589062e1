/**
 * @module __tests__/binary
 * Tests for assembly/conditions/binary.ts (BinaryEquals base64 values).
 * Vectors from RFC 4648 section 10.
 */
import { base64Decode } from "../conditions/binary";
import { utf8, ptr, len, hex } from "./bytes.include";

/** Hex of the decoded bytes, or "invalid". */
function dec(s: string): string {
  const b = utf8(s);
  const out = new ArrayBuffer(b.byteLength * 3 / 4 + 3);
  const n = base64Decode(ptr(b), len(b), ptr(out));
  return n < 0 ? "invalid" : hex(out, n);
}

describe("base64Decode: RFC 4648 test vectors", () => {
  it("decodes padded input", () => {
    expect(dec("")).toBe("");
    expect(dec("Zg==")).toBe("66");
    expect(dec("Zm8=")).toBe("666f");
    expect(dec("Zm9v")).toBe("666f6f");
    expect(dec("Zm9vYg==")).toBe("666f6f62");
    expect(dec("Zm9vYmE=")).toBe("666f6f6261");
    expect(dec("Zm9vYmFy")).toBe("666f6f626172");
  });
  it("decodes unpadded input", () => {
    expect(dec("Zg")).toBe("66");
    expect(dec("Zm8")).toBe("666f");
    expect(dec("Zm9vYg")).toBe("666f6f62");
  });
  it("decodes both alphabets", () => {
    expect(dec("+/+/")).toBe("fbffbf");
    expect(dec("-_-_")).toBe("fbffbf");
    expect(dec("AAECAwQFBgc=")).toBe("0001020304050607");
  });
});

describe("base64Decode: invalid input", () => {
  it("rejects bad padding and lengths", () => {
    expect(dec("Z")).toBe("invalid");
    expect(dec("Zm9vY")).toBe("invalid");
    expect(dec("Zg=")).toBe("invalid");
    expect(dec("Zg===")).toBe("invalid");
    expect(dec("Zm9v=")).toBe("invalid");
    expect(dec("Zm8==")).toBe("invalid");
    expect(dec("Zm9vY===")).toBe("invalid");
    expect(dec("====")).toBe("invalid");
    expect(dec("=")).toBe("invalid");
    expect(dec("Zg==Zg==")).toBe("invalid");
    expect(dec("Z=g=")).toBe("invalid");
  });
  it("rejects characters outside the alphabets", () => {
    expect(dec("Zm9v YmFy")).toBe("invalid");
    expect(dec("Zm9v\nYmFy")).toBe("invalid");
    expect(dec("Zm9v*mFy")).toBe("invalid");
    expect(dec("Zm9vYmF\0")).toBe("invalid");
  });
  it("rejects a negative length", () => {
    const b = utf8("Zg==");
    const out = new ArrayBuffer(8);
    expect(base64Decode(ptr(b), -1, ptr(out))).toBe(-1);
  });
});
