/**
 * @module __tests__/numeric
 * Tests for assembly/conditions/numeric.ts (Numeric condition values).
 */
import { parseNumber } from "../conditions/numeric";
import { utf8, ptr, len } from "./bytes.include";

function num(s: string): f64 {
  const b = utf8(s);
  return parseNumber(ptr(b), len(b));
}

describe("parseNumber: integers", () => {
  it("parses plain and signed integers", () => {
    expect(num("0")).toBe(0.0);
    expect(num("7")).toBe(7.0);
    expect(num("42")).toBe(42.0);
    expect(num("+42")).toBe(42.0);
    expect(num("-42")).toBe(-42.0);
    expect(num("007")).toBe(7.0);
    expect(num("3600")).toBe(3600.0);
    expect(num("9007199254740993")).toBe(9007199254740992.0); // ties to even
    expect(num("18446744073709551615")).toBe(18446744073709551615.0);
    expect(num("123456789012345678901234567890")).toBe(1.2345678901234568e29);
  });
  it("keeps the sign of zero", () => {
    expect(1.0 / num("-0")).toBe(-Infinity);
    expect(1.0 / num("0")).toBe(Infinity);
  });
});

describe("parseNumber: decimals", () => {
  it("parses decimals exactly rounded", () => {
    expect(num("0.1")).toBe(0.1);
    expect(num("-2.5")).toBe(-2.5);
    expect(num("3.14159")).toBe(3.14159);
    expect(num("0.30000000000000004")).toBe(0.30000000000000004);
    expect(num("123456.789")).toBe(123456.789);
    expect(num("0.000001")).toBe(0.000001);
    expect(num("1.7976931348623157")).toBe(1.7976931348623157);
    expect(num("2.2250738585072014")).toBe(2.2250738585072014);
    expect(num("12345678901234567.5")).toBe(12345678901234568.0);
  });
  it("accepts a missing integer or fraction part", () => {
    expect(num(".5")).toBe(0.5);
    expect(num("-.5")).toBe(-0.5);
    expect(num("5.")).toBe(5.0);
  });
  it("compares as numbers, not text", () => {
    expect(num("10") > num("9")).toBe(true);
    expect(num("1.0") == num("1")).toBe(true);
    expect(num("1e1") == num("10")).toBe(true);
  });
});

describe("parseNumber: exponents", () => {
  it("parses exponents", () => {
    expect(num("1e3")).toBe(1000.0);
    expect(num("1E3")).toBe(1000.0);
    expect(num("1e+3")).toBe(1000.0);
    expect(num("25e-1")).toBe(2.5);
    expect(num("1.5e2")).toBe(150.0);
    expect(num("1e22")).toBe(1e22);
    expect(num("1e23")).toBe(1e23);
    expect(num("1.7976931348623157e308")).toBe(1.7976931348623157e308);
    expect(num("2.2250738585072014e-308")).toBe(2.2250738585072014e-308);
    expect(num("5e-324")).toBe(5e-324);
    expect(num("1e-320")).toBe(1e-320);
    expect(num("6.02214076e23")).toBe(6.02214076e23);
    expect(num("0.000000000000000000000000000001e30")).toBe(1.0);
    // 17-digit significand with exponent 23..37 (beyond the exact fast path).
    expect(num("81976776777312899e24")).toBe(8.19767767773129e40);
    expect(num("12e30")).toBe(1.2e31);
    expect(num("123456789e30")).toBe(1.23456789e38);
  });
  it("saturates beyond the f64 range", () => {
    expect(num("1e400")).toBe(Infinity);
    expect(num("-1e400")).toBe(-Infinity);
    expect(num("1e-400")).toBe(0.0);
    expect(num("1e99999999999")).toBe(Infinity);
    expect(num("1e-99999999999")).toBe(0.0);
  });
});

describe("parseNumber: invalid", () => {
  it("rejects empty, signs, dots and junk", () => {
    expect(isNaN(num(""))).toBe(true);
    expect(isNaN(num("+"))).toBe(true);
    expect(isNaN(num("-"))).toBe(true);
    expect(isNaN(num("."))).toBe(true);
    expect(isNaN(num("-."))).toBe(true);
    expect(isNaN(num("e5"))).toBe(true);
    expect(isNaN(num("1e"))).toBe(true);
    expect(isNaN(num("1e+"))).toBe(true);
    expect(isNaN(num("1.2.3"))).toBe(true);
    expect(isNaN(num("--1"))).toBe(true);
    expect(isNaN(num("+-1"))).toBe(true);
    expect(isNaN(num("12a"))).toBe(true);
    expect(isNaN(num("0x10"))).toBe(true);
    expect(isNaN(num("1_000"))).toBe(true);
    expect(isNaN(num("Infinity"))).toBe(true);
    expect(isNaN(num("NaN"))).toBe(true);
  });
  it("rejects surrounding whitespace", () => {
    expect(isNaN(num(" 1"))).toBe(true);
    expect(isNaN(num("1 "))).toBe(true);
    expect(isNaN(num("1\n"))).toBe(true);
  });
  it("rejects negative lengths", () => {
    const b = utf8("1");
    expect(isNaN(parseNumber(ptr(b), -1))).toBe(true);
  });
});
