/**
 * @module __tests__/bool
 * Tests for assembly/conditions/bool.ts (Bool condition values).
 */
import { parseBool } from "../conditions/bool";
import { utf8, ptr, len } from "./bytes.include";

function b(s: string): i32 {
  const x = utf8(s);
  return parseBool(ptr(x), len(x));
}

describe("parseBool", () => {
  it("parses true and false in any ASCII case", () => {
    expect(b("true")).toBe(1);
    expect(b("TRUE")).toBe(1);
    expect(b("True")).toBe(1);
    expect(b("false")).toBe(0);
    expect(b("FALSE")).toBe(0);
    expect(b("fAlSe")).toBe(0);
  });
  it("rejects everything else", () => {
    expect(b("")).toBe(-1);
    expect(b("1")).toBe(-1);
    expect(b("0")).toBe(-1);
    expect(b("yes")).toBe(-1);
    expect(b("t")).toBe(-1);
    expect(b("tru")).toBe(-1);
    expect(b("truee")).toBe(-1);
    expect(b(" true")).toBe(-1);
    expect(b("false ")).toBe(-1);
    expect(b("trUe\0")).toBe(-1);
    expect(b("tr\u0155e")).toBe(-1);
  });
  it("never reads with a negative length", () => {
    const x = utf8("true");
    expect(parseBool(ptr(x), -4)).toBe(-1);
  });
});
