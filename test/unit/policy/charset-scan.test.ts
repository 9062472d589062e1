/**
 * @module test/unit/policy/charset-scan
 * The character-set check ("IAM and AWS STS quotas": tab, LF, CR and U+0020 to U+00FF) decides
 * most documents from their text alone and walks the tree only when a character outside the set
 * or a backslash escape could hide one (js/policy/validate/size.ts, issue 17). Each case here is
 * one the shortcut must not skip (an escape, a control character or lone surrogate that
 * JSON.stringify escapes, a key) or must not misreport (a BOM, an escaped quote), given as an
 * object and as the same JSON text: both find the same characters.
 */
import { describe, expect, it } from "vitest";
import { validatePolicy } from "../../../js/policy/validate.ts";

const V = "2012-10-17";
const withSid = (sid: string) => ({ Version: V, Statement: [{ Sid: sid, Effect: "Allow", Action: "s3:GetObject", Resource: "*" }] });
const withTagKey = (key: string) => ({
  Version: V,
  Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "*", Condition: { StringEquals: { [`aws:PrincipalTag/${key}`]: "x" } } }],
});
const charset = (input: unknown) =>
  validatePolicy(input, { kind: "identity" }).diagnostics.filter((d) => d.code === "INVALID_CHARACTER").map((d) => d.message);

/** [title, document, the messages for the object input] */
const CASES: [string, object, string[]][] = [
  ["Latin-1 only", withSid("Caf\u00e9"), []],
  ["a quote and a backslash (escaped by JSON.stringify, both in the set)", withSid('a"b\\c'), []],
  ["a control character (JSON.stringify writes \\u0001)", withSid("a\u0001b"),
    ["character U+0001 is not allowed in identity policies; only tab, line breaks and U+0020 to U+00FF are (in `/Statement/0/Sid`)"]],
  ["a lone surrogate (JSON.stringify writes \\ud800)", withSid("a\ud800b"),
    ["character U+D800 is not allowed in identity policies; only tab, line breaks and U+0020 to U+00FF are (in `/Statement/0/Sid`)"]],
  ["two characters outside the set", withSid("\u0001\u0002"),
    ["character U+0001 is not allowed in identity policies; only tab, line breaks and U+0020 to U+00FF are (in `/Statement/0/Sid`) (and 1 more)"]],
  ["a character outside the set in a key", withTagKey("\u20ac"),
    ["character U+20AC is not allowed in identity policies; only tab, line breaks and U+0020 to U+00FF are (in `/Statement/0/Condition/StringEquals/aws:PrincipalTag~1\u20ac`)"]],
];

describe("the character set, object and text input", () => {
  it.each(CASES)("%s: object input", (_, doc, messages) => {
    expect(charset(doc)).toEqual(messages);
  });

  it.each(CASES)("%s: the same document as JSON text finds the same characters", (_, doc, messages) => {
    // Text gives a span instead of the path, and names the escape that spelled the character.
    const fromText = charset(JSON.stringify(doc)).map((m) => m.replace(/ written as `[^`]*`/, ""));
    expect(fromText).toEqual(messages.map((m) => m.replace(/ \(in `[^`]*`\)/, "")));
  });

  it("text: an escape spelling a character outside the set is found, with its span", () => {
    const d = validatePolicy('{"Version":"2012-10-17","Statement":[{"Sid":"a\\u20acb","Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}', { kind: "identity" })
      .diagnostics.find((x) => x.code === "INVALID_CHARACTER");
    expect(d?.message).toBe("character U+20AC written as `\\u20ac` is not allowed in identity policies; only tab, line breaks and U+0020 to U+00FF are");
    expect(d?.span).toEqual({ start: { line: 1, column: 46, offset: 46 }, end: { line: 1, column: 52, offset: 52 } });
  });

  it("text: a leading byte order mark is outside every string, so it is not reported", () => {
    expect(charset('\ufeff{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}')).toEqual([]);
  });
});
