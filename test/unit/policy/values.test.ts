/** @module test/unit/policy/values — condition value grammars shared with the Wasm core. */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { decodeBase64, parseBool, parseCidr, parseDate, parseNumber } from "../../../js/policy/values.ts";

describe("parseNumber", () => {
  it("accepts sign, digits, fraction and exponent", () => {
    expect(parseNumber("42")).toBe(42);
    expect(parseNumber("-3.5")).toBe(-3.5);
    expect(parseNumber("+1e3")).toBe(1000);
    expect(parseNumber("2.5E-1")).toBe(0.25);
    expect(parseNumber("007")).toBe(7);
  });
  it("rejects everything else", () => {
    for (const s of ["", " 1", "1 ", ".5", "5.", "1e", "0x10", "NaN", "Infinity", "1,000", "--1", "1e+"]) {
      expect(parseNumber(s), s).toBeNull();
    }
  });
});

describe("parseDate", () => {
  const utc = (...a: [number, number, number, number?, number?, number?]) =>
    Date.UTC(a[0], a[1] - 1, a[2], a[3] ?? 0, a[4] ?? 0, a[5] ?? 0) / 1000;
  it("accepts the W3C ISO 8601 profiles", () => {
    expect(parseDate("2024")).toBe(utc(2024, 1, 1));
    expect(parseDate("2024-02")).toBe(utc(2024, 2, 1));
    expect(parseDate("2024-02-29")).toBe(utc(2024, 2, 29));
    expect(parseDate("2024-02-29T10:30Z")).toBe(utc(2024, 2, 29, 10, 30));
    expect(parseDate("2024-02-29T10:30:15Z")).toBe(utc(2024, 2, 29, 10, 30, 15));
    expect(parseDate("2024-02-29T10:30:15.25Z")).toBe(utc(2024, 2, 29, 10, 30, 15) + 0.25);
    expect(parseDate("2024-02-29t10:30:15z")).toBe(utc(2024, 2, 29, 10, 30, 15));
    expect(parseDate("2024-02-29T10:30:15")).toBe(utc(2024, 2, 29, 10, 30, 15));
    expect(parseDate("2024-02-29T10:30:15+01:30")).toBe(utc(2024, 2, 29, 9, 0, 15));
    expect(parseDate("2024-02-29T00:30-02:00")).toBe(utc(2024, 2, 29, 2, 30));
  });
  it("handles years before 100 without Date's 1900 shift", () => {
    const d = new Date(0);
    d.setUTCFullYear(50, 0, 1);
    expect(parseDate("0050-01-01")).toBe(d.getTime() / 1000);
  });
  it("accepts epoch seconds but reads four digits as a year", () => {
    expect(parseDate("1700000000")).toBe(1700000000);
    expect(parseDate("1700000000.5")).toBe(1700000000.5);
    expect(parseDate("0")).toBe(0);
    expect(parseDate("12345")).toBe(12345);
    expect(parseDate("1970")).toBe(0);
    expect(parseDate("2000")).toBe(utc(2000, 1, 1));
  });
  it("validates ranges, leap years included", () => {
    for (const s of [
      "2023-02-29", "1900-02-29", "2024-13-01", "2024-00-10", "2024-04-31", "2024-01-00",
      "2024-01-01T24:00Z", "2024-01-01T10:60Z", "2024-01-01T10:00:60Z", "2024-01-01T10:00+24:00",
      "2024-1-01", "2024-01-01T10Z", "2024-01-01 10:00Z", "", "-1", "1e9", "2024-01-01T10:00:00.Z",
      "Tue, 01 Jan 2024 00:00:00 GMT", "2024-01-01T10:00:00+0100",
    ]) {
      expect(parseDate(s), s).toBeNull();
    }
    expect(parseDate("2000-02-29")).toBe(utc(2000, 2, 29));
  });
  it("agrees with Date.UTC on valid calendar dates", () => {
    fc.assert(fc.property(fc.date({ min: new Date("1000-01-01T00:00:00Z"), max: new Date("9999-12-31T23:59:59Z"), noInvalidDate: true }), (d) => {
      const iso = d.toISOString().replace(/\.\d+Z$/, "Z");
      expect(parseDate(iso)).toBe(Math.floor(d.getTime() / 1000));
    }));
  });
});

describe("parseCidr", () => {
  const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
  it("maps IPv4 to ::ffff:a.b.c.d with prefix 96 + n", () => {
    const r = parseCidr("203.0.113.0/24")!;
    expect(hex(r.bytes)).toBe("00000000000000000000ffffcb007100");
    expect(r.prefix).toBe(120);
    expect(parseCidr("10.0.0.1")!.prefix).toBe(128);
    expect(parseCidr("0.0.0.0/0")!.prefix).toBe(96);
  });
  it("parses every RFC 4291 IPv6 form", () => {
    expect(hex(parseCidr("2001:db8:0:0:1:0:0:1")!.bytes)).toBe("20010db8000000000001000000000001");
    expect(hex(parseCidr("2001:DB8::1:0:0:1")!.bytes)).toBe("20010db8000000000001000000000001");
    expect(hex(parseCidr("::")!.bytes)).toBe("0".repeat(32));
    expect(hex(parseCidr("::1")!.bytes)).toBe("0".repeat(31) + "1");
    expect(hex(parseCidr("fe80::")!.bytes)).toBe("fe80" + "0".repeat(28));
    expect(hex(parseCidr("::ffff:192.0.2.1")!.bytes)).toBe("00000000000000000000ffffc0000201");
    expect(hex(parseCidr("64:ff9b::192.0.2.33")!.bytes)).toBe("0064ff9b0000000000000000c0000221");
    expect(parseCidr("2001:db8::/32")!.prefix).toBe(32);
    expect(parseCidr("2001:db8::1")!.prefix).toBe(128);
  });
  it("rejects malformed addresses and prefixes", () => {
    for (const s of [
      "", "1.2.3", "1.2.3.4.5", "256.1.1.1", "01.2.3.4", "1.2.3.4/33", "1.2.3.4/", "1.2.3.4/01", "1.2.3.4/-1",
      "1::2::3", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7", "12345::", "::g", "2001:db8::/129", "fe80::1%eth0",
      "1.2.3.4::", "::1.2.3", ":1::", "1:2:3:4:5:6:7::8", " 1.2.3.4", "1.2.3.4 ",
    ]) {
      expect(parseCidr(s), s).toBeNull();
    }
  });
});

describe("decodeBase64", () => {
  const text = (b: Uint8Array | null) => (b === null ? null : new TextDecoder().decode(b));
  it("decodes standard and URL-safe alphabets, padding optional", () => {
    expect(text(decodeBase64("aGVsbG8="))).toBe("hello");
    expect(text(decodeBase64("aGVsbG8"))).toBe("hello");
    expect(text(decodeBase64("aGk="))).toBe("hi");
    expect(text(decodeBase64(""))).toBe("");
    expect(Array.from(decodeBase64("-_8=")!)).toEqual([0xfb, 0xff]);
    expect(Array.from(decodeBase64("+/8=")!)).toEqual([0xfb, 0xff]);
  });
  it("rejects bad characters, mixed alphabets and bad padding", () => {
    for (const s of ["a", "aGk==", "aG=k", "a===", "+_8=", "aGVs bG8=", "aGVsbG8==", "aGVsbG8*"]) {
      expect(decodeBase64(s), s).toBeNull();
    }
    expect(text(decodeBase64("aGk"))).toBe("hi"); // 3 characters without padding: 2 bytes
  });
  it("round-trips with btoa", () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
      const b64 = btoa(String.fromCharCode(...bytes));
      expect(Array.from(decodeBase64(b64)!)).toEqual(Array.from(bytes));
      expect(Array.from(decodeBase64(b64.replace(/=+$/, ""))!)).toEqual(Array.from(bytes));
    }));
  });
});

describe("parseBool", () => {
  it("is case-insensitive true/false only", () => {
    expect(parseBool("true")).toBe(true);
    expect(parseBool("FALSE")).toBe(false);
    expect(parseBool("True")).toBe(true);
    expect(parseBool("yes")).toBeNull();
    expect(parseBool("1")).toBeNull();
    expect(parseBool(" true")).toBeNull();
  });
});
