/**
 * @module __tests__/fastpaths
 * The matchers' fast paths give the same answers as the plain algorithms they shortcut:
 * globMatch's literal-tail check after a `*` against the plain two-pointer matcher (exhaustive
 * over short patterns and inputs, malformed UTF-8 included); arnMatchSplit (the request's
 * resource split once, the verified literal prefix skipped) against arnMatch; bytesEqual's
 * eight-byte steps against a byte loop.
 */
import { globMatch, bytesEqual, nextCodePoint } from "../match/wildcard";
import { arnMatch, arnMatchSplit, splitArn } from "../match/arn";
import { utf8, bytes, ptr, len } from "./bytes.include";

/** The plain iterative glob without shortcuts: the oracle. */
function plainGlob(pat: usize, patLen: i32, str: usize, strLen: i32, fold: bool): bool {
  let p = 0, s = 0, starP = -1, starS = 0;
  while (s < strLen) {
    if (p < patLen) {
      const c = <u32>load<u8>(pat + p);
      if (c == 0x2a) { starP = p; starS = s; p++; continue; }
      if (c == 0x3f) { s = nextCodePoint(str, s, strLen); p++; continue; }
      if (c == 0) {
        if (p + 1 < patLen && eq(<u32>load<u8>(pat + p + 1), <u32>load<u8>(str + s), fold)) { p += 2; s++; continue; }
      } else if (eq(c, <u32>load<u8>(str + s), fold)) { p++; s++; continue; }
    }
    if (starP < 0) return false;
    starS = nextCodePoint(str, starS, strLen);
    s = starS;
    p = starP + 1;
  }
  while (p < patLen) {
    if (<u32>load<u8>(pat + p) != 0x2a) return false;
    p++;
  }
  return true;
}

function eq(a: u32, b: u32, fold: bool): bool {
  if (a == b) return true;
  if (!fold) return false;
  const la = a - 0x41 < 26 ? a | 0x20 : a;
  const lb = b - 0x41 < 26 ? b | 0x20 : b;
  return la == lb;
}

/** Every sequence of `alphabet` bytes up to `max` long, written into consecutive buffers. */
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

describe("globMatch fast paths agree with the plain matcher", () => {
  it("on every pattern and input up to 4 bytes (stars, ?, escapes, UTF-8 and stray bytes)", () => {
    const pats = sequences([0x61, 0x41, 0x2a, 0x3f, 0x00, 0xc3, 0xa9], 4);
    const strs = sequences([0x61, 0x62, 0xc3, 0xa9, 0x80], 4);
    let checked = 0;
    let differing = 0;
    for (let i = 0; i < pats.length; i++) {
      const p = pats[i];
      for (let j = 0; j < strs.length; j++) {
        const s = strs[j];
        for (let f = 0; f < 2; f++) {
          const fold = f == 1;
          if (globMatch(ptr(p), len(p), ptr(s), len(s), fold) != plainGlob(ptr(p), len(p), ptr(s), len(s), fold)) differing++;
          checked++;
        }
      }
    }
    expect(differing).toBe(0);
    expect(checked).toBeGreaterThan(1000000);
  });
  it("on longer literal tails", () => {
    const cases: string[] = ["*.csv", "a*b*.csv", "*/index.html", "log-group:*", "*é", "*Éb"];
    const inputs: string[] = ["q1.csv", "a/b/c.csv", "x.csv.bak", "site/index.html", "index.html", "log-group:/a:log-stream:b", "café", "cafÉb", ""];
    for (let i = 0; i < cases.length; i++) {
      for (let j = 0; j < inputs.length; j++) {
        const p = utf8(cases[i]);
        const s = utf8(inputs[j]);
        expect(globMatch(ptr(p), len(p), ptr(s), len(s), true)).toBe(plainGlob(ptr(p), len(p), ptr(s), len(s), true));
      }
    }
  });
});

/** Literal prefix of a pattern as the compiler computes it: bytes before the first `*`, `?` or escape. */
function prefixOf(p: ArrayBuffer): i32 {
  let i = 0;
  while (i < len(p)) {
    const c = load<u8>(ptr(p) + i);
    if (c == 0x2a || c == 0x3f || c == 0) break;
    i++;
  }
  return i;
}

function startsWith(s: ArrayBuffer, p: ArrayBuffer, n: i32): bool {
  return n <= len(s) && bytesEqual(ptr(s), n, ptr(p), n, false);
}

describe("arnMatchSplit agrees with arnMatch", () => {
  it("over patterns and inputs with wildcards in every segment and short forms", () => {
    const pats: string[] = [
      "*", "arn:aws:s3:::bkt/*", "arn:aws:s3:::bkt", "arn:aws:ec2:*:111122223333:instance/*",
      "arn:aws:logs:*:111122223333:log-group:*", "arn:aws:logs:us-east-1:111122223333:log-group:/app/*",
      "arn:*:sqs:*:*:q-?", "arn:aws:s3*", "arn:aws:iam::*:role/a:b", "arn:aws:s3:::a\0*b/*",
      "ar*:aws:s3:::x", "arn:aws:dynamodb:us-east-1:111122223333:table/app-*", "arn:aws:*", "a:b:c:d:e:*",
    ];
    const strs: string[] = [
      "arn:aws:s3:::bkt/a/b", "arn:aws:s3:::bkt", "arn:aws:s3:::other", "arn:aws:ec2:eu-west-1:111122223333:instance/i-1",
      "arn:aws:ec2:eu-west-1:999999999999:instance/i-1", "arn:aws:logs:us-east-1:111122223333:log-group:/app/x:log-stream:y",
      "arn:aws:sqs:us-east-1:1:q-1", "arn:aws:sqs:us-east-1:1:q-12", "arn:aws:iam::1:role/a:b", "arn:aws:s3:::a*b/c",
      "arn:aws:dynamodb:us-east-1:111122223333:table/app-1", "not-an-arn", "a:b:c:d:e:f", "arn:aws:s3", "*",
    ];
    let compared = 0;
    for (let i = 0; i < pats.length; i++) {
      for (let j = 0; j < strs.length; j++) {
        const p = utf8(pats[i]);
        const s = utf8(strs[j]);
        splitArn(ptr(s), len(s));
        const want = arnMatch(ptr(p), len(p), ptr(s), len(s), true);
        // The caller's contract: `same` bytes are verified equal. Check both with and without.
        expect(arnMatchSplit(ptr(p), len(p), ptr(s), len(s), 0)).toBe(want);
        const n = prefixOf(p);
        if (startsWith(s, p, n)) {
          expect(arnMatchSplit(ptr(p), len(p), ptr(s), len(s), n)).toBe(want);
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(20);
  });
});

describe("bytesEqual in eight-byte steps", () => {
  it("finds a difference at every position of a 40-byte string, with and without folding", () => {
    const a = utf8("arn:aws:s3:::corp-home/alice/report.csv");
    for (let at = 0; at < len(a); at++) {
      const b = new ArrayBuffer(len(a));
      memory.copy(ptr(b), ptr(a), len(a));
      store<u8>(ptr(b) + at, load<u8>(ptr(a) + at) ^ 0x01);
      expect(bytesEqual(ptr(a), len(a), ptr(b), len(b), false)).toBe(false);
    }
    expect(bytesEqual(ptr(a), len(a), ptr(a), len(a), false)).toBe(true);
  });
  it("folds ASCII case inside and after a differing word", () => {
    const a = utf8("S3:GetObjectVersionTagging");
    const b = utf8("s3:getobjectversiontagging");
    expect(bytesEqual(ptr(a), len(a), ptr(b), len(b), true)).toBe(true);
    expect(bytesEqual(ptr(a), len(a), ptr(b), len(b), false)).toBe(false);
    const c = bytes([0xc3, 0x89, 0x41, 0x41, 0x41, 0x41, 0x41, 0x41, 0x41]);
    const d = bytes([0xc3, 0xa9, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61]);
    // Non-ASCII bytes never fold.
    expect(bytesEqual(ptr(c), len(c), ptr(d), len(d), true)).toBe(false);
  });
});
