/**
 * @module __tests__/glob-linear
 * The linear glob matcher (match/glob-linear.ts) against the two-pointer matcher it replaces on
 * long inputs (match/wildcard.ts plainGlob, the code globMatch ran before issue 13): the same
 * answer on every pattern and text up to 4 bytes over an alphabet with stars, `?`, escapes,
 * UTF-8 and stray bytes, and on 60,000 random longer ones (code points of 1 to 4 bytes,
 * escaped wildcards, malformed text), some with segments longer than one machine word. Only patterns whose literal bytes form whole code points
 * take the linear path (`alignment`); the others are checked to be told apart.
 */
import { plainGlob } from "../match/wildcard";
import { linearGlob, alignment, ALIGNED, NOT_ALIGNED, LONE_ESCAPE } from "../match/glob-linear";
import { utf8, bytes, ptr, len } from "./bytes.include";

/** Every sequence of `alphabet` bytes up to `max` long. */
function sequences(alphabet: u8[], max: i32): ArrayBuffer[] {
  const out: ArrayBuffer[] = [new ArrayBuffer(0)];
  let layer: ArrayBuffer[] = [new ArrayBuffer(0)];
  for (let n = 1; n <= max; n++) {
    const next: ArrayBuffer[] = [];
    for (let i = 0; i < layer.length; i++) {
      for (let k = 0; k < alphabet.length; k++) {
        const b = new ArrayBuffer(n);
        memory.copy(changetype<usize>(b), changetype<usize>(layer[i]), n - 1);
        store<u8>(changetype<usize>(b) + n - 1, alphabet[k]);
        next.push(b);
      }
    }
    for (let i = 0; i < next.length; i++) out.push(next[i]);
    layer = next;
  }
  return out;
}

/** xorshift32: a fixed seed, so a failure replays. */
let seed: u32 = 0x1a3e13;
function rand(n: i32): i32 {
  seed ^= seed << 13;
  seed ^= seed >> 17;
  seed ^= seed << 5;
  return <i32>(seed % <u32>n);
}

/** Pattern pieces: literal code points of 1 to 4 bytes, wildcards, escaped wildcards and NUL. */
const PATTERN_TOKENS: ArrayBuffer[] = [
  utf8("a"), utf8("a"), utf8("b"), utf8("A"), utf8("*"), utf8("*"), utf8("?"), utf8("?"),
  utf8("é"), utf8("€"), utf8("😀"), bytes([0, 0x2a]), bytes([0, 0x3f]), bytes([0, 0]),
];
/** Text pieces: the same letters and code points, wildcard characters as data, NUL. */
const TEXT_TOKENS: ArrayBuffer[] = [
  utf8("a"), utf8("a"), utf8("a"), utf8("b"), utf8("B"), utf8("é"), utf8("€"), utf8("😀"),
  utf8("*"), utf8("?"), bytes([0]),
];
const STRAYS: u8[] = [0x80, 0xff, 0xe2, 0xc3];

const patBuf = new ArrayBuffer(1024);
const textBuf = new ArrayBuffer(4096);
let patLen: i32 = 0;
let textLen: i32 = 0;

function put(buf: ArrayBuffer, at: i32, token: ArrayBuffer): i32 {
  memory.copy(ptr(buf) + <usize>at, ptr(token), <usize>len(token));
  return at + len(token);
}

/** Pieces of long segments: no `*`, so that runs of more than 64 atoms between stars are common. */
const SEGMENT_TOKENS: ArrayBuffer[] = [utf8("a"), utf8("a"), utf8("b"), utf8("?"), utf8("?"), utf8("é"), utf8("€"), bytes([0, 0x2a])];

/** A random pattern of up to 24 pieces into patBuf. */
function randomPattern(): void {
  const n = rand(24);
  patLen = 0;
  for (let i = 0; i < n; i++) patLen = put(patBuf, patLen, PATTERN_TOKENS[rand(PATTERN_TOKENS.length)]);
}

/** A random pattern with one to three long segments (up to 90 pieces each) between stars. */
function randomLongSegments(): void {
  patLen = 0;
  const segments = 1 + rand(3);
  for (let k = 0; k < segments; k++) {
    if (k > 0 || rand(2) == 0) patLen = put(patBuf, patLen, utf8("*"));
    const n = 20 + rand(70);
    for (let i = 0; i < n; i++) patLen = put(patBuf, patLen, SEGMENT_TOKENS[rand(SEGMENT_TOKENS.length)]);
  }
  if (rand(2) == 0) patLen = put(patBuf, patLen, utf8("*"));
}

/**
 * A random text into textBuf: half of them an instance of the pattern (each `*` replaced by up
 * to 6 random pieces, each `?` by one, escapes decoded), so that matches are common; one in four
 * then gets stray bytes (0x80, 0xff, a cut lead byte) written over it.
 */
function randomText(): void {
  textLen = 0;
  if (rand(2) == 0) {
    const n = rand(60);
    for (let i = 0; i < n; i++) textLen = put(textBuf, textLen, TEXT_TOKENS[rand(TEXT_TOKENS.length)]);
  } else {
    let i = 0;
    while (i < patLen) {
      const c = load<u8>(ptr(patBuf) + <usize>i);
      if (c == 0x2a || c == 0x3f) {
        const n = c == 0x3f ? 1 : rand(7);
        for (let k = 0; k < n; k++) textLen = put(textBuf, textLen, TEXT_TOKENS[rand(TEXT_TOKENS.length)]);
        i++;
        continue;
      }
      if (c == 0) i++;
      store<u8>(ptr(textBuf) + <usize>textLen, load<u8>(ptr(patBuf) + <usize>i));
      textLen++;
      i++;
    }
  }
  if (rand(4) != 0 || textLen == 0) return;
  for (let k = 0; k < 3; k++) store<u8>(ptr(textBuf) + <usize>rand(textLen), STRAYS[rand(STRAYS.length)]);
}

describe("linearGlob agrees with the two-pointer matcher", () => {
  it("on every pattern and text up to 4 bytes", () => {
    const pats = sequences([0x61, 0x41, 0x2a, 0x3f, 0x00, 0xc3, 0xa9], 4);
    const strs = sequences([0x61, 0x62, 0xc3, 0xa9, 0x80], 4);
    let checked = 0;
    let differing = 0;
    for (let i = 0; i < pats.length; i++) {
      const p = pats[i];
      if (alignment(ptr(p), len(p)) != ALIGNED) continue;
      for (let j = 0; j < strs.length; j++) {
        const s = strs[j];
        for (let f = 0; f < 2; f++) {
          const fold = f == 1;
          if (linearGlob(ptr(p), len(p), ptr(s), len(s), fold) != plainGlob(ptr(p), len(p), ptr(s), len(s), fold)) differing++;
          checked++;
        }
      }
    }
    expect(differing).toBe(0);
    expect(checked).toBeGreaterThan(500000);
  });

  it("on 60,000 random patterns and texts with multi-byte code points and malformed text", () => {
    let differing = 0;
    let matched = 0;
    const p = ptr(patBuf);
    const s = ptr(textBuf);
    for (let k = 0; k < 60000; k++) {
      randomPattern();
      randomText();
      const fold = rand(2) == 1;
      if (alignment(p, patLen) != ALIGNED) differing++;
      const want = plainGlob(p, patLen, s, textLen, fold);
      if (linearGlob(p, patLen, s, textLen, fold) != want) differing++;
      if (want) matched++;
    }
    expect(differing).toBe(0);
    // Both answers must be well represented, or the comparison says little.
    expect(matched).toBeGreaterThan(10000);
    expect(matched).toBeLessThan(50000);
  });

  it("on 20,000 random patterns with segments of more than 64 atoms (several machine words)", () => {
    let differing = 0;
    let matched = 0;
    const p = ptr(patBuf);
    const s = ptr(textBuf);
    for (let k = 0; k < 20000; k++) {
      randomLongSegments();
      randomText();
      const fold = rand(2) == 1;
      const want = plainGlob(p, patLen, s, textLen, fold);
      if (linearGlob(p, patLen, s, textLen, fold) != want) differing++;
      if (want) matched++;
    }
    expect(differing).toBe(0);
    expect(matched).toBeGreaterThan(2000);
    expect(matched).toBeLessThan(18000);
  });
});

/** The answers of both matchers on (p, s), in that order. */
function both(p: ArrayBuffer, s: ArrayBuffer): bool[] {
  return [linearGlob(ptr(p), len(p), ptr(s), len(s), false), plainGlob(ptr(p), len(p), ptr(s), len(s), false)];
}

/** `?` + 70 x `a` + `b`: 72 atoms, two machine words. */
const SEGMENT = "?" + "a".repeat(70) + "b";

describe("linearGlob's ways of finding a segment with `?`", () => {
  it("tries each start when the segment nearly fills the rest (the second start matches)", () => {
    const r = both(utf8("*" + SEGMENT + "*"), utf8("cd" + "a".repeat(70) + "b"));
    expect(r[0]).toBe(true);
    expect(r[1]).toBe(true);
  });

  it("runs Shift-And over several words when there is room (the match is far in)", () => {
    const r = both(utf8("*" + SEGMENT + "*"), utf8("ab".repeat(200) + "d" + "a".repeat(70) + "b" + "zz"));
    expect(r[0]).toBe(true);
    expect(r[1]).toBe(true);
    const miss = both(utf8("*" + SEGMENT + "*"), utf8("ab".repeat(200) + "d" + "a".repeat(69) + "b" + "zz"));
    expect(miss[0]).toBe(false);
    expect(miss[1]).toBe(false);
  });

  it("takes the leftmost place, which the next segment then follows", () => {
    // The first place leaves `x` for the last segment; a later one would not.
    const r = both(utf8("*a?c*x"), utf8("abcabcx"));
    expect(r[0]).toBe(true);
    expect(r[1]).toBe(true);
  });
});

describe("alignment", () => {
  it("accepts whole code points and escapes, refuses cut or stray ones", () => {
    expect(alignment(ptr(utf8("a*é?€😀\0*")), len(utf8("a*é?€😀\0*")))).toBe(ALIGNED);
    expect(alignment(ptr(bytes([0xc3])), 1)).toBe(NOT_ALIGNED);
    expect(alignment(ptr(bytes([0xa9, 0x61])), 2)).toBe(NOT_ALIGNED);
    expect(alignment(ptr(bytes([0xe2, 0x82, 0x2a, 0xac])), 4)).toBe(NOT_ALIGNED);
    expect(alignment(ptr(bytes([0xc3, 0xa9, 0xa9])), 3)).toBe(NOT_ALIGNED);
    expect(alignment(ptr(bytes([0x61, 0x00])), 2)).toBe(LONE_ESCAPE);
    expect(alignment(ptr(bytes([0x00, 0x00])), 2)).toBe(ALIGNED);
  });
});
