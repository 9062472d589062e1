/**
 * @module test/unit/cli/printable
 * The one escaping helper of the CLI's terminal output: which characters it escapes, how, and
 * that it is idempotent and keeps JSON's value.
 */
import { describe, expect, it } from "vitest";
import { printable, printableJson, printableText } from "../../../js/cli/printable.ts";

const hex = (c: number) => `\\u${c.toString(16).padStart(4, "0")}`;
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe("printable", () => {
  it("escapes C0, DEL and C1 as \\uXXXX, with \\n, \\r and \\t by name", () => {
    const named: Record<number, string> = { 0x09: "\\t", 0x0a: "\\n", 0x0d: "\\r" };
    for (const c of [...range(0x00, 0x1f), 0x7f, ...range(0x80, 0x9f)]) {
      expect(printable(`a${String.fromCharCode(c)}b`), hex(c)).toBe(`a${named[c] ?? hex(c)}b`);
    }
  });

  it("escapes bidirectional formatting characters, U+2028/U+2029 and lone surrogates", () => {
    for (const c of [0x061c, 0x200e, 0x200f, ...range(0x2028, 0x202e), ...range(0x2066, 0x2069), 0xd800, 0xdbff, 0xdc00, 0xdfff]) {
      expect(printable(`a${String.fromCharCode(c)}b`), hex(c)).toBe(`a${hex(c)}b`);
    }
    expect(printable("\udc00\ud800")).toBe("\\udc00\\ud800"); // reversed pair: both lone
  });

  it("leaves printable text alone: ASCII, Latin-1, CJK, emoji (surrogate pairs, zero-width joiners), backslashes", () => {
    const text = " ~\u00a0é€漢字😀👩\u200d💻 C:\\policies\\a.json \\u001b";
    expect(printable(text)).toBe(text);
  });

  it("is idempotent, so every layer may apply it", () => {
    const nasty = "\u001b[31m\n\u009b\u202e\ud800";
    expect(printable(printable(nasty))).toBe(printable(nasty));
    expect(printableText(printable(nasty))).toBe(printable(nasty));
  });
});

describe("printableText and printableJson", () => {
  it("printableText keeps the layout's newlines and escapes the rest", () => {
    expect(printableText("one\ntwo\u001b\r\n")).toBe("one\ntwo\\u001b\\r\n");
  });

  it("printableJson escapes what JSON.stringify leaves raw, and parses back to the same value", () => {
    const value = { s: "\u007f\u0085\u009b\u061c\u200f\u2028\u2029\u202e\u2069\ud800\u001b\n", n: [1, "é😀"] };
    const json = printableJson(value);
    expect(json).not.toMatch(/[\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/);
    expect(json).toContain('"\\u007f\\u0085\\u009b\\u061c\\u200f\\u2028\\u2029\\u202e\\u2069\\ud800\\u001b\\n"');
    expect(JSON.parse(json)).toEqual(value);
    expect(json).toBe(JSON.stringify(value, null, 2).replace(/[\u007f-\u009f\u061c\u200f\u2028\u2029\u202e\u2069]/g, (c) => hex(c.charCodeAt(0))));
  });
});
