/**
 * @module policy/values
 * Parsers for condition values, used at compile time to check and pre-parse policy values.
 * The Wasm core parses request values with the same grammars, so both sides agree on what
 * a value means; change them together. All are linear-time and never throw.
 *
 * Source: "IAM JSON policy elements: Condition operators" (Numeric, Date, Boolean, Binary and
 * IP address condition operators).
 */

// No nested quantifiers, so these run in linear time on any input.
const NUMBER = /^[+-]?[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?$/;

/**
 * Numeric condition values: optional sign, digits, optional `.digits`, optional exponent; no
 * whitespace. Returns the IEEE double, or null. A number past the double's range (about
 * ±1.8e308, such as `1e400`) is null too: it would become ±Infinity, and every such value would
 * equal every other ("Grammar of the IAM JSON policy language": JSON numbers are RFC 7159's,
 * whose section 6 expects no more range than IEEE 754 binary64 gives; `numberOutOfRange` tells
 * the two kinds of null apart for messages). Underflow rounds to 0, a representable value.
 */
export function parseNumber(s: string): number | null {
  if (!NUMBER.test(s)) return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}

/** Whether `s` is written as a number or epoch seconds but lies past the double's range. */
export function numberOutOfRange(s: string): boolean {
  return (NUMBER.test(s) || EPOCH.test(s)) && !Number.isFinite(Number(s));
}

/** Days from 1970-01-01 to a proleptic Gregorian date (month 1..12), without Date's 0..99 year quirk. */
function daysFromCivil(y: number, m: number, d: number): number {
  // Shifts the year to start in March so the leap day is last; the classic era-based algorithm.
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

// W3C "Date and Time Formats" (the ISO 8601 profile AWS names): YYYY[-MM[-DD[Thh:mm[:ss[.s+]][TZD]]]].
const ISO_DATE =
  /^([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2})(?:[Tt]([0-9]{2}):([0-9]{2})(?::([0-9]{2})(?:\.([0-9]+))?)?([Zz]|[+-][0-9]{2}:[0-9]{2})?)?)?)?$/;
const EPOCH = /^[0-9]+(?:\.[0-9]+)?$/;

/**
 * Date condition values, as seconds since the Unix epoch (may be fractional). Accepts the W3C
 * ISO 8601 profiles `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, `YYYY-MM-DDThh:mm[TZD]`,
 * `YYYY-MM-DDThh:mm:ss[TZD]`, `YYYY-MM-DDThh:mm:ss.s[TZD]` (a missing TZD means UTC), or epoch
 * seconds (digits, optionally with a fraction, but not exactly four digits, which is a year,
 * and within the double's range). Ranges are checked: no month 13, no February 30, no hour 24, no leap second.
 */
export function parseDate(s: string): number | null {
  // Epoch seconds past the double's range are refused as numbers are (parseNumber).
  if (EPOCH.test(s) && !/^[0-9]{4}$/.test(s)) return Number.isFinite(Number(s)) ? Number(s) : null;
  const m = ISO_DATE.exec(s);
  if (!m) return null;
  const year = Number(m[1]);
  const month = m[2] === undefined ? 1 : Number(m[2]);
  const day = m[3] === undefined ? 1 : Number(m[3]);
  if (month < 1 || month > 12) return null;
  const dim = month === 2 && isLeap(year) ? 29 : DAYS_IN_MONTH[month - 1];
  if (day < 1 || day > dim) return null;
  let seconds = daysFromCivil(year, month, day) * 86400;
  if (m[4] !== undefined) {
    const hh = Number(m[4]), mm = Number(m[5]), ss = m[6] === undefined ? 0 : Number(m[6]);
    if (hh > 23 || mm > 59 || ss > 59) return null;
    seconds += hh * 3600 + mm * 60 + ss;
    if (m[7] !== undefined) seconds += Number("0." + m[7]);
    const tz = m[8];
    if (tz !== undefined && tz !== "Z" && tz !== "z") {
      const th = Number(tz.slice(1, 3)), tm = Number(tz.slice(4, 6));
      if (th > 23 || tm > 59) return null;
      const offset = th * 3600 + tm * 60;
      // Local time = UTC + offset, so UTC = local - offset.
      seconds += tz[0] === "+" ? -offset : offset;
    }
  }
  return seconds;
}

export interface Cidr {
  /** 16 bytes; IPv4 is stored IPv4-mapped (`::ffff:a.b.c.d`, RFC 4291 section 2.5.5.2). */
  bytes: Uint8Array;
  /** 0..128; an IPv4 `/n` becomes `96 + n`. Host bits are kept as written (matching masks them). */
  prefix: number;
}

/** A decimal 0..255 octet; leading zeros are refused because some parsers read them as octal. */
function parseOctet(s: string): number {
  if (!/^(?:0|[1-9][0-9]{0,2})$/.test(s)) return -1;
  const n = Number(s);
  return n <= 255 ? n : -1;
}

function parseIpv4(s: string, out: Uint8Array, at: number): boolean {
  const parts = s.split(".");
  if (parts.length !== 4) return false;
  for (let i = 0; i < 4; i++) {
    const n = parseOctet(parts[i]);
    if (n < 0) return false;
    out[at + i] = n;
  }
  return true;
}

/** RFC 4291 section 2.2: full form, `::` compression, and a trailing dotted IPv4 part. */
function parseIpv6(s: string, out: Uint8Array): boolean {
  if (s.length > 45) return false; // the longest text form, keeps split() work bounded
  const dbl = s.indexOf("::");
  if (dbl >= 0 && s.indexOf("::", dbl + 1) >= 0) return false; // at most one `::`
  const parseGroups = (part: string): number[] | null => {
    if (part === "") return [];
    const groups = part.split(":");
    const words: number[] = [];
    for (let i = 0; i < groups.length; i++) {
      const g = groups[i];
      if (i === groups.length - 1 && g.includes(".")) {
        const v4 = new Uint8Array(4);
        if (!parseIpv4(g, v4, 0)) return null;
        words.push((v4[0] << 8) | v4[1], (v4[2] << 8) | v4[3]);
      } else {
        if (!/^[0-9A-Fa-f]{1,4}$/.test(g)) return null;
        words.push(parseInt(g, 16));
      }
    }
    return words;
  };
  let words: number[];
  if (dbl >= 0) {
    const head = parseGroups(s.slice(0, dbl));
    const tail = parseGroups(s.slice(dbl + 2));
    if (!head || !tail) return false;
    // A trailing IPv4 part is only allowed at the very end, never in the head.
    if (s.slice(0, dbl).includes(".")) return false;
    if (head.length + tail.length > 7) return false;
    words = [...head, ...new Array<number>(8 - head.length - tail.length).fill(0), ...tail];
  } else {
    const all = parseGroups(s);
    if (!all || all.length !== 8) return false;
    words = all;
  }
  for (let i = 0; i < 8; i++) {
    out[2 * i] = words[i] >> 8;
    out[2 * i + 1] = words[i] & 0xff;
  }
  return true;
}

/**
 * IP address condition values ("IAM JSON policy elements: Condition operators", IP address
 * condition operators: RFC 4632 CIDR notation). IPv4 `a.b.c.d[/n]` (default /32) is returned
 * IPv4-mapped with prefix `96 + n`; IPv6 in any RFC 4291 text form with optional `/n` (default
 * /128). Zone ids (`%eth0`) are refused.
 */
export function parseCidr(s: string): Cidr | null {
  if (s.length > 49) return null; // longest IPv6 form plus `/128`
  const slash = s.indexOf("/");
  const addr = slash < 0 ? s : s.slice(0, slash);
  let prefix = -1;
  if (slash >= 0) {
    const p = s.slice(slash + 1);
    if (!/^(?:0|[1-9][0-9]{0,2})$/.test(p)) return null;
    prefix = Number(p);
  }
  const bytes = new Uint8Array(16);
  if (!addr.includes(":")) {
    if (prefix > 32) return null;
    if (!parseIpv4(addr, bytes, 12)) return null;
    bytes[10] = 0xff;
    bytes[11] = 0xff;
    return { bytes, prefix: 96 + (prefix < 0 ? 32 : prefix) };
  }
  if (prefix > 128) return null;
  if (!parseIpv6(addr, bytes)) return null;
  return { bytes, prefix: prefix < 0 ? 128 : prefix };
}

function b64Value(c: number, urlSafe: boolean): number {
  if (c >= 0x41 && c <= 0x5a) return c - 0x41; // A-Z
  if (c >= 0x61 && c <= 0x7a) return c - 0x61 + 26; // a-z
  if (c >= 0x30 && c <= 0x39) return c - 0x30 + 52; // 0-9
  if (!urlSafe && c === 0x2b) return 62; // +
  if (!urlSafe && c === 0x2f) return 63; // /
  if (urlSafe && c === 0x2d) return 62; // -
  if (urlSafe && c === 0x5f) return 63; // _
  return -1;
}

/**
 * BinaryEquals values: base64 (RFC 4648 section 4), or its URL-safe alphabet (section 5), not
 * mixed. Padding is optional, but when present it must complete the last quantum. Bits left
 * over in the last character are ignored (RFC 4648 section 3.5 allows decoders to).
 */
export function decodeBase64(s: string): Uint8Array | null {
  let end = s.length;
  if (s.endsWith("==")) end -= 2;
  else if (s.endsWith("=")) end -= 1;
  if (end !== s.length && s.length % 4 !== 0) return null;
  if (end % 4 === 1) return null;
  const body = s.slice(0, end);
  const urlSafe = /[-_]/.test(body);
  if (urlSafe && /[+/]/.test(body)) return null;
  const out = new Uint8Array(Math.floor((end * 3) / 4));
  let acc = 0, bits = 0, o = 0;
  for (let i = 0; i < end; i++) {
    const v = b64Value(body.charCodeAt(i), urlSafe);
    if (v < 0) return null;
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  return out.subarray(0, o);
}

/** Bool and Null condition values: `true` or `false`, any case. */
export function parseBool(s: string): boolean | null {
  const l = s.toLowerCase();
  return l === "true" ? true : l === "false" ? false : null;
}
