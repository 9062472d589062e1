/**
 * @module __tests__/date
 * Tests for assembly/conditions/date.ts (Date condition values).
 * Expected values were computed with JavaScript's Date.UTC / Date.parse.
 */
import { parseDate } from "../conditions/date";
import { utf8, ptr, len } from "./bytes.include";

function d(s: string): f64 {
  const b = utf8(s);
  return parseDate(ptr(b), len(b));
}

function bad(s: string): bool {
  return isNaN(d(s));
}

describe("parseDate: W3C ISO 8601 profiles", () => {
  it("YYYY is the first instant of the year (not epoch seconds)", () => {
    expect(d("2020")).toBe(1577836800.0);
    expect(d("1970")).toBe(0.0);
    expect(d("0000")).toBe(-62167219200.0);
  });
  it("YYYY-MM", () => {
    expect(d("2020-02")).toBe(1580515200.0);
  });
  it("YYYY-MM-DD", () => {
    expect(d("2020-02-29")).toBe(1582934400.0);
    expect(d("2000-03-01")).toBe(951868800.0);
    expect(d("1900-03-01")).toBe(-2203891200.0);
  });
  it("YYYY-MM-DDThh:mmTZD", () => {
    expect(d("2020-02-29T12:34Z")).toBe(1582979640.0);
    expect(d("2020-02-29T12:34+00:00")).toBe(1582979640.0);
  });
  it("YYYY-MM-DDThh:mm:ssTZD", () => {
    expect(d("2020-02-29T12:34:56Z")).toBe(1582979696.0);
    expect(d("1970-01-01T00:00:00Z")).toBe(0.0);
    expect(d("1969-12-31T23:59:59Z")).toBe(-1.0);
    expect(d("9999-12-31T23:59:59Z")).toBe(253402300799.0);
  });
  it("YYYY-MM-DDThh:mm:ss.sTZD with any number of fraction digits", () => {
    expect(d("2020-02-29T12:34:56.789Z")).toBe(1582979696.789);
    expect(d("2020-02-29T12:34:56.5Z")).toBe(1582979696.5);
    expect(d("2020-02-29T12:34:56.500000000000000000000Z")).toBe(1582979696.5);
    expect(d("2024-01-01T00:00:00.000000000001Z")).toBe(1704067200.0);
  });
  it("time zone offsets", () => {
    expect(d("2020-02-29T12:34:56+02:00")).toBe(1582972496.0);
    expect(d("2020-02-29T12:34:56-05:30")).toBe(1582999496.0);
    expect(d("2020-02-29T12:34:56.5+14:00")).toBe(1582929296.5);
    expect(d("2020-02-29T12:34:56-00:00")).toBe(1582979696.0);
  });
  it("time without TZD is UTC; lowercase t and z are accepted", () => {
    expect(d("2020-02-29T12:34:56")).toBe(1582979696.0);
    expect(d("2020-02-29T12:34")).toBe(1582979640.0);
    expect(d("2020-02-29t12:34:56z")).toBe(1582979696.0);
  });
  it("a leap second counts as the next minute's first second", () => {
    expect(d("2016-12-31T23:59:60Z")).toBe(1483228800.0);
  });
  it("orders chronologically across offsets", () => {
    expect(d("2020-01-01T00:00:00+01:00") < d("2020-01-01T00:00:00Z")).toBe(true);
  });
});

describe("parseDate: epoch seconds", () => {
  it("digits that are not exactly four long are epoch seconds", () => {
    expect(d("0")).toBe(0.0);
    expect(d("1")).toBe(1.0);
    expect(d("202")).toBe(202.0);
    expect(d("20201")).toBe(20201.0);
    expect(d("1582979696")).toBe(1582979696.0);
    expect(d("1582979696.25")).toBe(1582979696.25);
    expect(d("2020.5")).toBe(2020.5);
    expect(d("00000")).toBe(0.0);
  });
  it("rejects signs, exponents and dangling dots in epoch form", () => {
    expect(bad("-1")).toBe(true);
    expect(bad("+1")).toBe(true);
    expect(bad("1e9")).toBe(true);
    expect(bad("12345.")).toBe(true);
    expect(bad(".5")).toBe(true);
    expect(bad("2020.")).toBe(true);
  });
});

describe("parseDate: invalid dates", () => {
  it("rejects impossible calendar dates", () => {
    expect(bad("2020-02-30")).toBe(true);
    expect(bad("2019-02-29")).toBe(true);
    expect(bad("1900-02-29")).toBe(true);
    expect(d("2000-02-29")).toBe(951782400.0);
    expect(bad("2020-04-31")).toBe(true);
    expect(bad("2020-13-01")).toBe(true);
    expect(bad("2020-00-01")).toBe(true);
    expect(bad("2020-01-00")).toBe(true);
    expect(bad("2020-01-32")).toBe(true);
  });
  it("rejects out-of-range times and offsets", () => {
    expect(bad("2020-01-01T24:00:00Z")).toBe(true);
    expect(bad("2020-01-01T23:60:00Z")).toBe(true);
    expect(bad("2020-01-01T23:59:61Z")).toBe(true);
    expect(bad("2020-01-01T00:00:00+24:00")).toBe(true);
    expect(bad("2020-01-01T00:00:00+01:60")).toBe(true);
  });
  it("rejects malformed shapes", () => {
    expect(bad("")).toBe(true);
    expect(bad("20")).toBe(false); // two digits: epoch second 20
    expect(bad("202a")).toBe(true);
    expect(bad("2020-1-01")).toBe(true);
    expect(bad("2020-01-1")).toBe(true);
    expect(bad("2020-01-01T")).toBe(true);
    expect(bad("2020-01-01T1:00Z")).toBe(true);
    expect(bad("2020-01-01T10Z")).toBe(true);
    expect(bad("2020-01-01 10:00:00Z")).toBe(true);
    expect(bad("2020-01-01T10:00:00.Z")).toBe(true);
    expect(bad("2020-01-01T10:00.5Z")).toBe(true);
    expect(bad("2020-01-01T10:00:00+0100")).toBe(true);
    expect(bad("2020-01-01T10:00:00+01")).toBe(true);
    expect(bad("2020-01-01T10:00:00ZZ")).toBe(true);
    expect(bad("2020-01-01Z")).toBe(true);
    expect(bad("2020-01T10:00Z")).toBe(true);
    expect(bad("2020T10:00Z")).toBe(true);
    expect(bad("2020-01-01T10:00:00Z ")).toBe(true);
    expect(bad(" 2020")).toBe(true);
    expect(bad("-2020")).toBe(true);
    expect(bad("+2020-01-01")).toBe(true);
    expect(bad("2020-W01")).toBe(true);
  });
  it("never reads with a negative length", () => {
    const b = utf8("2020");
    expect(isNaN(parseDate(ptr(b), -3))).toBe(true);
  });
});
