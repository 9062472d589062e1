/**
 * @module conditions/date
 *
 * Parser for the values of the Date condition operators (DateEquals,
 * DateLessThan, ...), returning seconds since the Unix epoch as f64 (the
 * fraction is kept), or NaN when the text is not a date.
 *
 * AWS source: "IAM JSON policy elements: Condition operators", Date condition
 * operators: values use "the W3C implementations of the ISO 8601 date
 * formats" (W3C note "Date and Time Formats", NOTE-datetime), and
 * `aws:EpochTime` / epoch values are seconds since 1970-01-01T00:00:00Z.
 *
 * Accepted forms (T and Z may also be lowercase):
 *   YYYY                         -> YYYY-01-01T00:00:00Z
 *   YYYY-MM                      -> first day of the month, UTC
 *   YYYY-MM-DD                   -> midnight UTC
 *   YYYY-MM-DDThh:mm[TZD]
 *   YYYY-MM-DDThh:mm:ss[TZD]
 *   YYYY-MM-DDThh:mm:ss.s+[TZD]  (any number of fraction digits)
 *   TZD = Z | +hh:mm | -hh:mm; a time without TZD is taken as UTC (W3C
 *   requires a TZD; AWS evaluates such values, and UTC is the only sensible
 *   reading for a signature-time service).
 *   digits[.digits]              -> epoch seconds, EXCEPT exactly four digits,
 *                                   which is a year (the W3C `YYYY` profile
 *                                   wins over epoch second 0-9999).
 *
 * Validation: month 1-12, day 1..days-in-month (Gregorian leap years),
 * hour 0-23 (24:00 is rejected), minute 0-59, second 0-60 (60 = leap second,
 * counted as the first second of the next minute), TZD hour 0-23 and minute
 * 0-59. No whitespace anywhere, no sign on years, no week/ordinal dates.
 *
 * Dates are converted with Howard Hinnant's days_from_civil algorithm
 * (proleptic Gregorian calendar), no Date object, no allocation.
 */

import { parseNumber } from "./numeric";

const SECONDS_PER_DAY: f64 = 86400;

// @ts-ignore: decorator
@inline
function isDigit(c: u32): bool {
  return c - 0x30 < 10;
}

/**
 * Value of `n` ASCII digits at ptr[i..i+n), or -1 if any is not a digit or
 * the field runs past `len`.
 */
function digits(ptr: usize, i: i32, n: i32, len: i32): i32 {
  if (i < 0 || n > len - i) return -1;
  let v: i32 = 0;
  for (let k: i32 = 0; k < n; k++) {
    // INVARIANT: i + k < i + n <= len.
    const c = <u32>load<u8>(ptr + <usize>(i + k));
    if (!isDigit(c)) return -1;
    v = v * 10 + <i32>(c - 0x30);
  }
  return v;
}

/** Byte at i, or 0xffff (matches nothing) when i is out of range. */
// @ts-ignore: decorator
@inline
function byteAt(ptr: usize, i: i32, len: i32): u32 {
  // INVARIANT: the load only happens when 0 <= i < len.
  return i >= 0 && i < len ? <u32>load<u8>(ptr + <usize>i) : 0xffff;
}

// @ts-ignore: decorator
@inline
function isLeap(y: i32): bool {
  return (y & 3) == 0 && (y % 100 != 0 || y % 400 == 0);
}

/** Days in month m (1-12) of year y. */
function daysInMonth(y: i32, m: i32): i32 {
  if (m == 2) return isLeap(y) ? 29 : 28;
  if (m == 4 || m == 6 || m == 9 || m == 11) return 30;
  return 31;
}

/**
 * Days since 1970-01-01 of the proleptic Gregorian date y-m-d
 * (Hinnant, "chrono-Compatible Low-Level Date Algorithms", days_from_civil).
 * All divisors are non-zero constants: no trap.
 */
function daysFromCivil(y: i32, m: i32, d: i32): i64 {
  const yy = <i64>(m <= 2 ? y - 1 : y);
  const era = (yy >= 0 ? yy : yy - 399) / 400;
  const yoe = yy - era * 400; // [0, 399]
  const mp = <i64>(m > 2 ? m - 3 : m + 9); // March = 0
  const doy = (153 * mp + 2) / 5 + <i64>d - 1; // [0, 365]
  const doe = yoe * 365 + yoe / 4 - yoe / 100 + doy; // [0, 146096]
  return era * 146097 + doe - 719468;
}

/** Is ptr[0..len) of the form digits[.digits] (the epoch-seconds shape)? */
function isEpochShape(ptr: usize, len: i32): bool {
  let i: i32 = 0;
  let intDigits: i32 = 0;
  while (i < len && isDigit(byteAt(ptr, i, len))) {
    i++;
    intDigits++;
  }
  if (intDigits == 0) return false;
  if (i == len) return true;
  if (byteAt(ptr, i, len) != 0x2e /* . */) return false;
  i++;
  let fracDigits: i32 = 0;
  while (i < len && isDigit(byteAt(ptr, i, len))) {
    i++;
    fracDigits++;
  }
  return fracDigits > 0 && i == len;
}

/**
 * Parse an AWS Date condition value (see module header). Returns epoch
 * seconds, or NaN when invalid.
 */
export function parseDate(ptr: usize, len: i32): f64 {
  if (len <= 0) return NaN;

  // Epoch seconds: digits with optional fraction, but not a bare 4-digit year.
  if (len != 4 && isEpochShape(ptr, len)) return parseNumber(ptr, len);

  // YYYY
  const year = digits(ptr, 0, 4, len);
  if (year < 0) return NaN;
  let month: i32 = 1;
  let day: i32 = 1;
  let i: i32 = 4;
  if (i < len) {
    // -MM
    if (byteAt(ptr, i, len) != 0x2d /* - */) return NaN;
    month = digits(ptr, i + 1, 2, len);
    if (month < 1 || month > 12) return NaN;
    i += 3;
    if (i < len) {
      // -DD
      if (byteAt(ptr, i, len) != 0x2d) return NaN;
      day = digits(ptr, i + 1, 2, len);
      i += 3;
    }
  }
  if (day < 1 || day > daysInMonth(year, month)) return NaN;

  let secs: f64 = 0; // whole seconds into the day
  let fraction: f64 = 0; // sub-second part, added last (one rounding step)
  let offset: i32 = 0; // TZD offset in seconds east of UTC
  if (i < len) {
    // A time part is only allowed after a full date (W3C profiles).
    if (i != 10) return NaN;
    if ((byteAt(ptr, i, len) | 0x20) != 0x74 /* t */) return NaN;
    const hh = digits(ptr, i + 1, 2, len);
    if (hh < 0 || hh > 23) return NaN;
    if (byteAt(ptr, i + 3, len) != 0x3a /* : */) return NaN;
    const mi = digits(ptr, i + 4, 2, len);
    if (mi < 0 || mi > 59) return NaN;
    i += 6;
    let ss: i32 = 0;
    let frac: f64 = 0;
    if (byteAt(ptr, i, len) == 0x3a) {
      ss = digits(ptr, i + 1, 2, len);
      if (ss < 0 || ss > 60) return NaN;
      i += 3;
      if (byteAt(ptr, i, len) == 0x2e /* . */) {
        i++;
        // Fraction: keep the first 15 digits (beyond f64 precision for a
        // sub-second value); later digits are validated but ignored.
        let n: f64 = 0;
        let scale: f64 = 1;
        let count: i32 = 0;
        while (i < len && isDigit(byteAt(ptr, i, len))) {
          if (count < 15) {
            n = n * 10 + <f64>(byteAt(ptr, i, len) - 0x30);
            scale *= 10;
          }
          count++;
          i++;
        }
        if (count == 0) return NaN;
        frac = n / scale; // scale >= 10: no division by zero
      }
    }
    secs = <f64>(hh * 3600 + mi * 60 + ss);
    fraction = frac;

    if (i < len) {
      const z = byteAt(ptr, i, len);
      if ((z | 0x20) == 0x7a /* z */) {
        i++;
      } else if (z == 0x2b /* + */ || z == 0x2d /* - */) {
        const oh = digits(ptr, i + 1, 2, len);
        if (oh < 0 || oh > 23) return NaN;
        if (byteAt(ptr, i + 3, len) != 0x3a) return NaN;
        const om = digits(ptr, i + 4, 2, len);
        if (om < 0 || om > 59) return NaN;
        offset = (oh * 3600 + om * 60) * (z == 0x2d ? -1 : 1);
        i += 6;
      } else {
        return NaN;
      }
    }
  }
  if (i != len) return NaN;

  const days = daysFromCivil(year, month, day);
  // Local time minus the offset east of UTC gives UTC.
  // Whole seconds are exact integers in f64 (|value| < 2^53); the fraction is
  // added last so the result is rounded only once more.
  return (<f64>days * SECONDS_PER_DAY + secs - <f64>offset) + fraction;
}
