/**
 * @module conditions/numeric
 *
 * Parser for the values of the Numeric condition operators (NumericEquals,
 * NumericLessThan, ...). AWS source: "IAM JSON policy elements: Condition
 * operators", Numeric condition operators ("...restrict access based on
 * comparing a key to an integer or decimal value"). AWS does not publish a
 * grammar, so we accept the common decimal notation:
 *
 *     [+-]? ( digits [ "." digits* ] | "." digits ) [ (e|E) [+-]? digits ]
 *
 * Rejected (NaN): empty input, leading/trailing whitespace, `_` separators,
 * hex/octal/binary prefixes, `Infinity`/`NaN` words, a lone sign or dot, an
 * exponent without digits. Values too large for f64 give +/-Infinity (they are
 * syntactically numbers; comparisons stay well defined), too small give +/-0.
 *
 * Precision: significant digits are accumulated exactly in a u64 (up to 19 of
 * them; further digits only contribute a sticky bit and the decimal exponent).
 * Correctly rounded: integers of up to 19 significant digits, and values
 * whose significand fits in 53 bits (about 15-16 digits) with a decimal
 * exponent in [-22, 22] (Clinger fast path, extended while exact). The other
 * cases use the scaled-integer algorithm of the metallic libc (as in
 * AssemblyScript's own parseFloat), which can be 1 ulp off: fuzzing against
 * JavaScript's Number() found roughly 0.003-0.05% of random values outside
 * the fast path (decimal exponents beyond +/-22, integers longer than 19
 * digits) 1 ulp away.
 * Harmless for IAM policies, whose numeric values are integers or short
 * decimals, but this is not a full strtod.
 *
 * Never allocates; reads only ptr[0..len).
 */

/** Exact powers of ten 1e0..1e22 (all exactly representable in f64). */
// @ts-ignore: decorator
@lazy const POW10: usize = memory.data<f64>([
  1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10,
  1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20,
  1e21, 1e22,
]);

/** 2^53 - 1: largest integer below which every integer is exact in f64. */
const MAX_SAFE: u64 = 9007199254740991;
/** Max significant decimal digits that always fit in a u64 (floor(64*log10 2)). */
const CAPACITY: i32 = 19;
/**
 * Exponent cap: the value already saturates to 0 / Infinity long before this,
 * the cap only keeps the integer arithmetic from overflowing.
 */
const EXP_CAP: i32 = 1000000;

// @ts-ignore: decorator
@inline
function pow10(n: i32): f64 {
  // INVARIANT: callers only pass 0 <= n <= 22, the table's range.
  return load<f64>(POW10 + (<usize>n << 3));
}

/** 5^n for 0 <= n <= 13 (fits in u32). */
// @ts-ignore: decorator
@inline
function pow5(n: i32): u32 {
  let r: u32 = 1;
  for (let i: i32 = 0; i < n; i++) r *= 5;
  return r;
}

/** Extra binary exponent produced by fixmul (module-global scratch, no allocation). */
let fixmulShift: u64 = 0;

/** Fixed-point multiply keeping the 64 high significant bits (from metallic libc). */
// @ts-ignore: decorator
@inline
function fixmul(a: u64, b: u32): u64 {
  const low = (a & 0xffffffff) * <u64>b;
  const high = (a >> 32) * <u64>b + (low >> 32);
  const overflow = <u32>(high >> 32);
  const space = <u64>clz(overflow);
  const revspace: u64 = 32 - space;
  fixmulShift += revspace;
  return ((high << space) | ((low & 0xffffffff) >> revspace)) + (((low << space) >> 31) & 1);
}

/** significand * 10^exp for exp < 0 beyond the fast path (metallic libc). */
function scaledown(significand: u64, exp: i32): f64 {
  const denom: u64 = 6103515625; // 1e14 * 0x1p-14
  const scale = reinterpret<f64>(0x3f06849b86a12b9b); // 1e-14 * 0x1p32
  let shift = <i64>clz(significand);
  significand <<= <u64>shift;
  shift = <i64>exp - shift;
  for (; exp <= -14; exp += 14) {
    // denom is a non-zero constant: no division trap.
    const q = significand / denom;
    const r = significand % denom;
    const s = clz(q);
    significand = (q << s) + <u64>nearest(scale * <f64>(r << (s - 18)));
    shift -= <i64>s;
  }
  const b = <u64>pow5(-exp); // -13 <= exp <= 0 here, so b >= 1
  const q = significand / b;
  const r = significand % b;
  const s = clz(q);
  significand = (q << s) + <u64>(reinterpret<f64>(reinterpret<u64>(<f64>r) + (s << 52)) / <f64>b);
  shift -= <i64>s;
  return NativeMath.scalbn(<f64>significand, <i32>shift);
}

/** significand * 10^exp for exp > 0 beyond the fast path (metallic libc). */
function scaleup(significand: u64, exp: i32): f64 {
  const coeff: u32 = 1220703125; // 1e13 * 0x1p-13
  let shift = ctz(significand); // significand != 0 here
  significand >>= shift;
  shift += <u64>exp;
  fixmulShift = shift;
  for (; exp >= 13; exp -= 13) significand = fixmul(significand, coeff);
  significand = fixmul(significand, pow5(exp));
  return NativeMath.scalbn(<f64>significand, <i32>fixmulShift);
}

/** significand * 10^exp, rounded to f64 (non-negative result). */
function scientific(significand: u64, exp: i32): f64 {
  if (significand == 0 || exp < -342) return 0;
  if (exp > 308) return Infinity;
  const f = <f64>significand; // u64 -> f64 conversion is correctly rounded
  if (exp == 0) return f;
  if (significand <= MAX_SAFE) {
    if (exp >= -22 && exp <= 22) {
      // Clinger fast path: both operands exact, one correctly rounded operation.
      return exp > 0 ? f * pow10(exp) : f / pow10(-exp);
    }
    if (exp > 22 && exp <= 22 + 15) {
      // Extended fast path: move the extra zeros into the significand, but
      // only while it stays an exact integer (< 2^53). (AssemblyScript's own
      // strtod skips this check and then scales the unshifted integer by the
      // reduced exponent, which is off by orders of magnitude.)
      const g = f * pow10(exp - 22);
      if (g <= <f64>MAX_SAFE) return g * pow10(22);
    }
  }
  return exp < 0 ? scaledown(significand, exp) : scaleup(significand, exp);
}

// @ts-ignore: decorator
@inline
function isDigit(c: u32): bool {
  return c - 0x30 < 10;
}

/**
 * Parse an AWS Numeric condition value (see module header). Returns NaN when
 * the text is not a number.
 */
export function parseNumber(ptr: usize, len: i32): f64 {
  if (len <= 0) return NaN;
  let i: i32 = 0;
  let neg = false;
  // INVARIANT: len >= 1, byte 0 exists.
  let c = <u32>load<u8>(ptr);
  if (c == 0x2b /* + */ || c == 0x2d /* - */) {
    neg = c == 0x2d;
    i = 1;
  }

  let x: u64 = 0; // significant digits (first CAPACITY of them)
  let consumed: i32 = 0; // significant digits seen
  let exp10: i32 = 0; // decimal exponent to apply to x
  let anyDigit = false;

  // Integer part.
  while (i < len) {
    // INVARIANT: i < len.
    c = <u32>load<u8>(ptr + <usize>i);
    if (!isDigit(c)) break;
    anyDigit = true;
    const d = <u64>(c - 0x30);
    if (x == 0 && d == 0 && consumed == 0) {
      // leading zero: no significance
    } else if (consumed < CAPACITY) {
      x = x * 10 + d;
      consumed++;
    } else {
      x |= <u64>(d != 0); // sticky bit for rounding
      exp10++; // dropped integer digit still scales the value
    }
    i++;
  }

  // Fraction part.
  // INVARIANT: i < len checked before the load.
  if (i < len && <u32>load<u8>(ptr + <usize>i) == 0x2e /* . */) {
    i++;
    while (i < len) {
      // INVARIANT: i < len.
      c = <u32>load<u8>(ptr + <usize>i);
      if (!isDigit(c)) break;
      anyDigit = true;
      const d = <u64>(c - 0x30);
      if (consumed == 0 && d == 0) {
        exp10--; // zero right after the point: shifts the scale only
      } else if (consumed < CAPACITY) {
        x = x * 10 + d;
        consumed++;
        exp10--;
      } else {
        x |= <u64>(d != 0);
      }
      i++;
    }
  }
  if (!anyDigit) return NaN;

  // Exponent.
  // INVARIANT: i < len checked before the load.
  if (i < len && (<u32>load<u8>(ptr + <usize>i) | 0x20) == 0x65 /* e */) {
    i++;
    let eneg = false;
    if (i < len) {
      // INVARIANT: i < len.
      c = <u32>load<u8>(ptr + <usize>i);
      if (c == 0x2b || c == 0x2d) {
        eneg = c == 0x2d;
        i++;
      }
    }
    let mag: i32 = 0;
    let eDigits = false;
    while (i < len) {
      // INVARIANT: i < len.
      c = <u32>load<u8>(ptr + <usize>i);
      if (!isDigit(c)) break;
      eDigits = true;
      // Saturate instead of overflowing i32 (mag stays below 10 * EXP_CAP).
      if (mag < EXP_CAP) mag = mag * 10 + <i32>(c - 0x30);
      i++;
    }
    if (!eDigits) return NaN;
    // exp10 is within [-len, len]; add in i64 so the sum cannot overflow,
    // then clamp (scientific() saturates far inside this range anyway).
    let e = <i64>exp10 + <i64>(eneg ? -mag : mag);
    if (e > <i64>EXP_CAP) e = <i64>EXP_CAP;
    if (e < -<i64>EXP_CAP) e = -<i64>EXP_CAP;
    exp10 = <i32>e;
  }
  if (i != len) return NaN; // trailing garbage (including whitespace)

  const v = scientific(x, exp10);
  return neg ? -v : v;
}
