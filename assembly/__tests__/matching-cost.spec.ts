/**
 * @module __tests__/matching-cost
 * The work of one wildcard match is bounded by the formula in docs/matching.md ("Worst case"):
 * about patLen + strLen for patterns whose segments between `*`s hold no `?`, and
 * patLen + strLen * ceil(s / 64) for a middle segment of s atoms that does. Work is counted,
 * not timed: as-pect builds with MATCH_STEPS, so the matchers add every byte they examine and
 * every machine word they update (match/work.ts). The shapes are those of issue 13 (a long run
 * of one letter then `?` against a long text of that letter, the two-pointer matcher's worst
 * case) and their variants for each kind of segment.
 */
import { globMatch, plainGlob } from "../match/wildcard";
import { arnMatch } from "../match/arn";
import { workDone, resetWork } from "../match/work";
import { utf8, ptr, len } from "./bytes.include";

/** A buffer of `n` copies of the byte `c`. */
function run(c: u8, n: i32): ArrayBuffer {
  const b = new ArrayBuffer(n);
  memory.fill(ptr(b), c, <usize>n);
  return b;
}

/** `parts` laid end to end. */
function concat(parts: ArrayBuffer[]): ArrayBuffer {
  let n = 0;
  for (let i = 0; i < parts.length; i++) n += len(parts[i]);
  const out = new ArrayBuffer(n);
  let at = 0;
  for (let i = 0; i < parts.length; i++) {
    memory.copy(ptr(out) + <usize>at, ptr(parts[i]), <usize>len(parts[i]));
    at += len(parts[i]);
  }
  return out;
}

/** `unit` repeated `n` times. */
function repeat(unit: string, n: i32): ArrayBuffer {
  const u = utf8(unit);
  const parts: ArrayBuffer[] = [];
  for (let i = 0; i < n; i++) parts.push(u);
  return concat(parts);
}

/** Work of globMatch(p, s), and its answer in `lastAnswer`. */
let lastAnswer = false;
function cost(p: ArrayBuffer, s: ArrayBuffer, fold: bool = false): f64 {
  resetWork();
  lastAnswer = globMatch(ptr(p), len(p), ptr(s), len(s), fold);
  return workDone();
}

describe("globMatch work stays linear", () => {
  it("`*` + 20,000 x `a` + `?` against 262,000 x `a` (issue 13's resource policy)", () => {
    const p = concat([utf8("*"), run(0x61, 20000), utf8("?")]);
    const s = run(0x61, 262000);
    const w = cost(p, s);
    expect(lastAnswer).toBe(true);
    expect(w).toBeLessThanOrEqual(6 * (20002 + 262000));
  });

  it("a middle literal run that almost matches everywhere: `*` + 5,900 x `a` + `b*`", () => {
    const p = concat([utf8("*"), run(0x61, 5900), utf8("b*")]);
    const s = run(0x61, 262144);
    const w = cost(p, s);
    expect(lastAnswer).toBe(false);
    expect(w).toBeLessThanOrEqual(6 * (5902 + 262144));
  });

  it("the same run folded for actions: `*` + 5,900 x `A` + `b*` against `a`s", () => {
    const p = concat([utf8("*"), run(0x41, 5900), utf8("b*")]);
    const s = run(0x61, 262144);
    const w = cost(p, s, true);
    expect(lastAnswer).toBe(false);
    expect(w).toBeLessThanOrEqual(6 * (5902 + 262144));
  });

  it("a last segment with `?` and multi-byte code points", () => {
    const p = concat([utf8("*"), repeat("é?", 3000)]);
    const s = repeat("é", 100000);
    const w = cost(p, s);
    expect(lastAnswer).toBe(true);
    expect(w).toBeLessThanOrEqual(6 * (len(p) + len(s)));
  });

  it("a middle segment with `?` costs ceil(atoms / 64) words per text byte", () => {
    const seg = repeat("a?", 3000); // 6,000 atoms: 94 words
    const p = concat([utf8("*"), seg, utf8("b*")]);
    const s = run(0x61, 20000);
    const words: f64 = <f64>((len(seg) + 1 + 63) >> 6);
    const w = cost(p, s);
    expect(lastAnswer).toBe(false);
    expect(w).toBeLessThanOrEqual(4 * (<f64>len(p) + <f64>len(s) * words));
  });

  it("a short middle segment with `?` is one word per byte: `*a?b*` against 262,144 bytes", () => {
    const p = utf8("*a?b*");
    const s = run(0x61, 262144);
    const w = cost(p, s);
    expect(lastAnswer).toBe(false);
    expect(w).toBeLessThanOrEqual(4 * (5 + 262144));
  });

  it("an ARN pattern whose resource part is issue 13's run", () => {
    const p = concat([utf8("arn:aws:s3:::*"), run(0x61, 20000), utf8("?")]);
    const s = concat([utf8("arn:aws:s3:::"), run(0x61, 262000)]);
    resetWork();
    expect(arnMatch(ptr(p), len(p), ptr(s), len(s), true)).toBe(true);
    expect(workDone()).toBeLessThanOrEqual(6 * (<f64>len(p) + <f64>len(s)));
  });
});

describe("the counter tells the two matchers apart", () => {
  it("the two-pointer matcher does about patLen x strLen work on the same shape", () => {
    const p = concat([utf8("*"), run(0x61, 500), utf8("?")]);
    const s = run(0x61, 5000);
    resetWork();
    expect(plainGlob(ptr(p), len(p), ptr(s), len(s), false)).toBe(true);
    const plain = workDone();
    expect(plain).toBeGreaterThan(500.0 * 4000);
    expect(cost(p, s)).toBeLessThan(plain / 100);
  });
});
