/**
 * Escaped characters (issue 13, item 4). "IAM and AWS STS quotas": policy documents "can
 * contain only" tab, LF, CR and U+0020 to U+00FF. The rule is about the characters a document
 * holds, not how its JSON spells them: `"\u20ac"` is the euro sign as much as a raw `€` is, and
 * an object's lone surrogate is no Latin-1 character. The check once read the raw text (and an
 * object's JSON.stringify form, where such characters are escapes), so every escape passed.
 */
import { describe, expect, it } from "vitest";
import { validatePolicy } from "../../js/policy/validate.ts";
import type { PolicyKind } from "../../js/policy/types.ts";

const CHARSET_KINDS: PolicyKind[] = ["identity", "boundary", "trust", "session"];
const base = (kind: PolicyKind) =>
  kind === "trust"
    ? { Effect: "Allow", Principal: { AWS: "111122223333" }, Action: "sts:AssumeRole" }
    : { Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::bucket/*" };

/** A policy of `kind` whose statement's Sid-free string `field` is `value`, as JSON text with `value` spelt `raw`. */
function textWith(kind: PolicyKind, raw: string): string {
  const doc = { Version: "2012-10-17", Statement: { ...base(kind), Condition: { StringEquals: { "aws:PrincipalTag/team": "PLACEHOLDER" } } } };
  return JSON.stringify(doc).replace("PLACEHOLDER", raw);
}

const invalidCharacters = (input: unknown, kind: PolicyKind) =>
  validatePolicy(input, { kind }).diagnostics.filter((d) => d.code === "INVALID_CHARACTER");

describe("a character outside the policy character set is refused however it is written", () => {
  it.each(CHARSET_KINDS)("%s policies: JSON escapes are read as the characters they spell", (kind) => {
    for (const [escape, name] of [["\\u20ac", "U+20AC"], ["\\u0001", "U+0001"], ["\\u0000", "U+0000"], ["\\ud800", "U+D800"], ["\\ud83d\\ude00", "U+1F600"], ["\\u4E2D", "U+4E2D"]]) {
      const text = textWith(kind, `a${escape}b`);
      const found = invalidCharacters(text, kind);
      expect(found, `${kind} ${escape}`).toHaveLength(1);
      expect(found[0].message).toContain(name);
      expect(found[0].message).toContain(`written as \`${escape}\``);
      // The span is the escape itself, so an editor underlines what to change.
      const { start, end } = found[0].span!;
      expect(text.slice(start.offset, end.offset)).toBe(escape);
      expect(start.line).toBe(1);
    }
  });

  it("the same characters written raw are refused as before, with the character's span", () => {
    const text = textWith("identity", "a€b");
    const [d] = invalidCharacters(text, "identity");
    expect(d.message).toBe("character U+20AC is not allowed in identity policies; only tab, line breaks and U+0020 to U+00FF are");
    expect(text.slice(d.span!.start.offset, d.span!.end.offset)).toBe("€");
  });

  it("escapes of allowed characters stay allowed: Latin-1, tab, line breaks, quotes", () => {
    for (const escape of ["\\u00e9", "\\u00ff", "\\u007f", "\\u0020", "\\t", "\\n", "\\r", "\\\"", "\\\\", "\\/", "\\u0009"]) {
      expect(invalidCharacters(textWith("identity", `x${escape}y`), "identity"), escape).toEqual([]);
    }
  });

  it("object input: control characters, lone surrogates and non-Latin-1 characters in values and keys", () => {
    const policy = (value: string, key = "aws:PrincipalTag/team") => ({
      Version: "2012-10-17",
      Statement: { Effect: "Allow", Action: "s3:GetObject", Resource: "*", Condition: { StringEquals: { [key]: value } } },
    });
    for (const [value, name] of [["a\u0001", "U+0001"], ["a\u0000", "U+0000"], ["a\uD800", "U+D800"], ["\uDFFFa", "U+DFFF"], ["€", "U+20AC"], ["a\u{1F600}", "U+1F600"]]) {
      const found = invalidCharacters(policy(value), "identity");
      expect(found, JSON.stringify(value)).toHaveLength(1);
      expect(found[0].message).toContain(name);
      // No text, so no span: the message says where.
      expect(found[0].message).toContain("/Statement/Condition/StringEquals/aws:PrincipalTag~1team");
    }
    const inKey = invalidCharacters(policy("red", "aws:PrincipalTag/t\u0001eam"), "identity");
    expect(inKey).toHaveLength(1);
    expect(inKey[0].message).toContain("U+0001");
  });

  it("URL-encoded text (as IAM's Get* APIs return it) is checked once decoded, escapes included", () => {
    for (const raw of ["a\\u20acb", "a€b", "a\\u0000b"]) {
      const encoded = encodeURIComponent(textWith("identity", raw));
      expect(invalidCharacters(encoded, "identity"), raw).toHaveLength(1);
    }
  });

  it("counts every character outside the set, one per code point", () => {
    const [d] = invalidCharacters(textWith("identity", "\\u20ac€\\ud83d\\ude00\\u0001"), "identity");
    expect(d.message).toMatch(/\(and 3 more\)$/);
  });

  it("resource policies, SCPs and RCPs have no such character set: escapes and raw characters pass", () => {
    const doc = (value: string) => ({
      Version: "2012-10-17",
      Statement: { Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "*", Condition: { StringEquals: { "aws:PrincipalTag/team": value } } },
    });
    expect(invalidCharacters(JSON.stringify(doc("PLACEHOLDER")).replace("PLACEHOLDER", "\\u20ac\\u0001"), "resource")).toEqual([]);
    expect(invalidCharacters(doc("€\u0001\uD800"), "resource")).toEqual([]);
  });
});
