/**
 * @module __tests__/wildcard
 * Tests for assembly/match/wildcard.ts (AWS `*` / `?` glob, escapes, case folding).
 */
import { globMatch, bytesEqual, isLiteralPattern } from "../match/wildcard";
import { utf8, bytes, ptr, len } from "./bytes.include";

function glob(p: string, s: string, fold: bool = false): bool {
  const pb = utf8(p);
  const sb = utf8(s);
  return globMatch(ptr(pb), len(pb), ptr(sb), len(sb), fold);
}

function globB(pb: ArrayBuffer, sb: ArrayBuffer, fold: bool = false): bool {
  return globMatch(ptr(pb), len(pb), ptr(sb), len(sb), fold);
}

function eq(a: string, b: string, fold: bool = false): bool {
  const ab = utf8(a);
  const bb = utf8(b);
  return bytesEqual(ptr(ab), len(ab), ptr(bb), len(bb), fold);
}

function literal(p: string): bool {
  const pb = utf8(p);
  return isLiteralPattern(ptr(pb), len(pb));
}

describe("globMatch: empty inputs", () => {
  it("empty pattern matches only empty input", () => {
    expect(glob("", "")).toBe(true);
    expect(glob("", "a")).toBe(false);
  });
  it("empty input matches only star-only patterns", () => {
    expect(glob("*", "")).toBe(true);
    expect(glob("***", "")).toBe(true);
    expect(glob("?", "")).toBe(false);
    expect(glob("a", "")).toBe(false);
    expect(glob("*a", "")).toBe(false);
  });
});

describe("globMatch: literals", () => {
  it("matches exact bytes only", () => {
    expect(glob("s3:GetObject", "s3:GetObject")).toBe(true);
    expect(glob("s3:GetObject", "s3:GetObjectAcl")).toBe(false);
    expect(glob("s3:GetObjectAcl", "s3:GetObject")).toBe(false);
    expect(glob("abc", "abd")).toBe(false);
  });
  it("is case-sensitive unless folding", () => {
    expect(glob("s3:getobject", "s3:GetObject")).toBe(false);
    expect(glob("s3:getobject", "s3:GetObject", true)).toBe(true);
    expect(glob("S3:GET*", "s3:getobjecttagging", true)).toBe(true);
  });
  it("folds ASCII only, never non-ASCII letters", () => {
    expect(glob("É", "é", true)).toBe(false);
    expect(glob("é", "é", true)).toBe(true);
    // '[' (0x5B) and '{' (0x7B) differ by 0x20 but are not letters.
    expect(glob("[", "{", true)).toBe(false);
    expect(glob("@", "`", true)).toBe(false);
  });
});

describe("globMatch: star", () => {
  it("`*` alone matches anything, including / and :", () => {
    expect(glob("*", "anything/at:all")).toBe(true);
  });
  it("prefix, suffix and infix stars", () => {
    expect(glob("s3:*", "s3:GetObject")).toBe(true);
    expect(glob("s3:*", "s3:")).toBe(true);
    expect(glob("s3:*", "s3")).toBe(false);
    expect(glob("*Object", "s3:GetObject")).toBe(true);
    expect(glob("*Object", "s3:GetObjects")).toBe(false);
    expect(glob("s3:*Object*", "s3:PutObjectAcl")).toBe(true);
    expect(glob("a*b*c", "abc")).toBe(true);
    expect(glob("a*b*c", "axxbyyc")).toBe(true);
    expect(glob("a*b*c", "axxbyy")).toBe(false);
    expect(glob("a*b*c", "acb")).toBe(false);
  });
  it("star crosses slashes and colons", () => {
    expect(glob("arn:aws:s3:::bkt/*", "arn:aws:s3:::bkt/a/b/c")).toBe(true);
    expect(glob("home/*/x", "home/a/b/x")).toBe(true);
  });
  it("backtracks correctly", () => {
    expect(glob("*aab", "aaab")).toBe(true);
    expect(glob("*ab*ab", "abxabab")).toBe(true);
    expect(glob("*abc", "ababc")).toBe(true);
    expect(glob("*a", "bbbb")).toBe(false);
    expect(glob("a*", "ba")).toBe(false);
  });
});

describe("globMatch: question mark", () => {
  it("matches exactly one character", () => {
    expect(glob("?", "a")).toBe(true);
    expect(glob("?", "ab")).toBe(false);
    expect(glob("a?c", "abc")).toBe(true);
    expect(glob("a?c", "ac")).toBe(false);
    expect(glob("??", "ab")).toBe(true);
    expect(glob("?*", "a")).toBe(true);
    expect(glob("*?", "")).toBe(false);
  });
  it("matches one code point of any UTF-8 length", () => {
    expect(glob("?", "é")).toBe(true); // 2 bytes
    expect(glob("?", "€")).toBe(true); // 3 bytes
    expect(glob("?", "😀")).toBe(true); // 4 bytes
    expect(glob("??", "é")).toBe(false);
    expect(glob("a?c", "a😀c")).toBe(true);
    expect(glob("a??c", "a😀c")).toBe(false);
    expect(glob("*?", "é")).toBe(true);
    expect(glob("*??", "é")).toBe(false);
    expect(glob("x*?y", "x€y")).toBe(true);
  });
  it("survives malformed UTF-8 without reading past the end", () => {
    // Truncated 3-byte lead at the very end counts as one unit with what exists.
    const s1 = bytes([0x61, 0xe2, 0x82]);
    const p1 = utf8("a?");
    expect(globB(p1, s1)).toBe(true);
    // Stray continuation bytes count one each.
    const s2 = bytes([0x80, 0x80]);
    const p2 = utf8("??");
    expect(globB(p2, s2)).toBe(true);
    const p3 = utf8("?");
    expect(globB(p3, s2)).toBe(false);
    // A lead byte followed by ASCII: the ASCII is not swallowed.
    const s4 = bytes([0xc3, 0x41]);
    const p4 = utf8("?A");
    expect(globB(p4, s4)).toBe(true);
  });
});

describe("globMatch: escapes (0x00 = next byte literal)", () => {
  it("escaped star and question mark are literal", () => {
    expect(glob("a\0*", "a*")).toBe(true);
    expect(glob("a\0*", "ab")).toBe(false);
    expect(glob("a\0?", "a?")).toBe(true);
    expect(glob("a\0?", "ab")).toBe(false);
    expect(glob("\0$", "$")).toBe(true);
    expect(glob("*\0*", "xyz*")).toBe(true);
    expect(glob("*\0*", "xyz")).toBe(false);
  });
  it("escaped NUL matches a NUL byte", () => {
    expect(glob("a\0\0b", "a\0b")).toBe(true);
    expect(glob("a\0\0b", "ab")).toBe(false);
  });
  it("a trailing lone escape matches nothing", () => {
    expect(glob("\0", "")).toBe(false);
    expect(glob("\0", "\0")).toBe(false);
    expect(glob("a\0", "a")).toBe(false);
    expect(glob("*\0", "anything")).toBe(false);
  });
  it("escapes combine with folding", () => {
    expect(glob("\0A", "a", true)).toBe(true);
    expect(glob("\0A", "a", false)).toBe(false);
  });
});

describe("globMatch: complexity", () => {
  it("pathological star pattern on 100,000 bytes finishes (no match)", () => {
    const s = utf8("a".repeat(100000));
    const p = utf8("*a*a*a*a*a*a*b");
    expect(globB(p, s)).toBe(false);
  });
  it("pathological star pattern on 100,000 bytes finishes (match)", () => {
    const s = utf8("a".repeat(100000) + "b");
    const p = utf8("*a*a*a*a*a*a*b");
    expect(globB(p, s)).toBe(true);
  });
  it("long literal tail after a star", () => {
    const s = utf8("a".repeat(100000));
    const p = utf8("*" + "a".repeat(50) + "b");
    expect(globB(p, s)).toBe(false);
    const p2 = utf8("*" + "a".repeat(50));
    expect(globB(p2, s)).toBe(true);
  });
  it("question marks and stars mixed", () => {
    const s = utf8("a".repeat(100000));
    const p = utf8("*?*?*?*?*?*?*b");
    expect(globB(p, s)).toBe(false);
  });
});

describe("globMatch: invalid lengths", () => {
  it("negative lengths never match and never read", () => {
    const p = utf8("*");
    expect(globMatch(ptr(p), -1, ptr(p), 1, false)).toBe(false);
    expect(globMatch(ptr(p), 1, ptr(p), -5, false)).toBe(false);
    expect(bytesEqual(ptr(p), -1, ptr(p), -1, false)).toBe(false);
  });
});

describe("bytesEqual", () => {
  it("compares bytes and lengths", () => {
    expect(eq("", "")).toBe(true);
    expect(eq("abc", "abc")).toBe(true);
    expect(eq("abc", "abcd")).toBe(false);
    expect(eq("abc", "abd")).toBe(false);
  });
  it("folds ASCII case on request", () => {
    expect(eq("ABC", "abc")).toBe(false);
    expect(eq("ABC", "abc", true)).toBe(true);
    expect(eq("Ä", "ä", true)).toBe(false);
  });
  it("treats wildcards as plain bytes", () => {
    expect(eq("a*", "ab")).toBe(false);
    expect(eq("a*", "a*")).toBe(true);
  });
});

describe("isLiteralPattern", () => {
  it("detects wildcards and escapes", () => {
    expect(literal("")).toBe(true);
    expect(literal("s3:GetObject")).toBe(true);
    expect(literal("s3:Get*")).toBe(false);
    expect(literal("s3:Get?bject")).toBe(false);
    expect(literal("a\0$")).toBe(false);
    expect(literal("héllo")).toBe(true);
  });
  it("agrees with globMatch/bytesEqual on literal patterns", () => {
    expect(glob("héllo", "héllo")).toBe(eq("héllo", "héllo"));
    expect(glob("héllo", "hello")).toBe(eq("héllo", "hello"));
  });
});
