/**
 * @module test/unit/policy/json-line-spans
 * `parseJson(text, { lineSpans: true })` gives the same trees and positions as the plain
 * parse: every span, read through its line table, equals the plain span of the same node, for
 * LF, CRLF and CR line breaks, a byte order mark, and text on one line; diagnostics stay plain.
 */
import { describe, expect, it } from "vitest";
import { LineSpan, parseJson, plainSpan, type JsonNode } from "../../../js/policy/json.ts";
import type { Span } from "../../../js/policy/types.ts";

/** Every span of a tree (keys included), in document order, as plain objects. */
function spans(node: JsonNode | undefined, out: Span[] = []): Span[] {
  if (!node) return out;
  if (node.span) out.push(plainSpan(node.span));
  if (node.type === "object") for (const m of node.members) {
    if (m.keySpan) out.push(plainSpan(m.keySpan));
    spans(m.value, out);
  }
  if (node.type === "array") for (const item of node.items) spans(item, out);
  return out;
}

const POLICY = JSON.stringify({
  Version: "2012-10-17",
  Statement: [
    { Sid: "A", Effect: "Allow", Action: ["s3:GetObject", "s3:List*"], Resource: "*", Condition: { NumericLessThan: { "s3:max-keys": 10 }, Bool: { "aws:SecureTransport": true } } },
    { Effect: "Deny", NotAction: "iam:*", Resource: ["arn:aws:s3:::b/*", null, -1.5e3] },
  ],
}, null, 2);

const TEXTS: Record<string, string> = {
  "LF": POLICY,
  "CRLF": POLICY.replace(/\n/g, "\r\n"),
  "CR": POLICY.replace(/\n/g, "\r"),
  "byte order mark": "\ufeff" + POLICY,
  "one line": JSON.stringify(JSON.parse(POLICY)),
  "blank lines and tabs": "\n\n\t{\n\t\"a\" :\n\n [ 1 ,\r\n\"x\\ny\" ]\n}\n\n",
  "duplicate keys among many": `{\n${Array.from({ length: 12 }, (_, i) => `  "k${i % 10}": ${i}`).join(",\n")}\n}`,
};

describe("parseJson with line spans", () => {
  for (const [name, text] of Object.entries(TEXTS)) {
    it(`gives the positions of the plain parse (${name})`, () => {
      const plain = parseJson(text);
      const lazy = parseJson(text, { lineSpans: true });
      expect(lazy.diagnostics).toEqual(plain.diagnostics);
      const expected = spans(plain.root);
      expect(expected.length).toBeGreaterThan(0);
      expect(spans(lazy.root)).toEqual(expected);
      expect(lazy.root?.span).toBeInstanceOf(LineSpan);
    });
  }

  it("reports a duplicate key with a plain span and the line of the first", () => {
    const { diagnostics } = parseJson(TEXTS["duplicate keys among many"], { lineSpans: true });
    expect(diagnostics.map((d) => d.message)).toEqual([
      "duplicate key `k0` (first defined on line 2)",
      "duplicate key `k1` (first defined on line 3)",
    ]);
    expect(diagnostics[0].span).not.toBeInstanceOf(LineSpan);
    expect(diagnostics[0].span).toEqual({ start: { line: 12, column: 2, offset: 114 }, end: { line: 12, column: 6, offset: 118 } });
  });

  it("writes a line span as a plain span in JSON", () => {
    const root = parseJson("[\n  true\n]", { lineSpans: true }).root;
    expect(root?.type).toBe("array");
    const item = root?.type === "array" ? root.items[0] : undefined;
    expect(JSON.parse(JSON.stringify(item?.span))).toEqual({ start: { line: 2, column: 2, offset: 4 }, end: { line: 2, column: 6, offset: 8 } });
  });
});
