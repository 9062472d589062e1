/** @module test/unit/policy/json — the position-keeping JSON parser. */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { jsonPointer, parseJson, positionAt, type JsonNode } from "../../../js/policy/json.ts";

/** Drops spans so trees can be compared with plain JSON. */
function plain(n: JsonNode): unknown {
  switch (n.type) {
    case "object": return Object.fromEntries(n.members.map((m) => [m.key, plain(m.value)]));
    case "array": return n.items.map(plain);
    case "null": return null;
    default: return n.value;
  }
}

describe("parseJson", () => {
  it("parses every value type and keeps raw number text", () => {
    const r = parseJson('{"a": [1, -2.5e3, 0.10], "b": true, "c": false, "d": null, "e": "x"}');
    expect(r.diagnostics).toEqual([]);
    expect(plain(r.root!)).toEqual({ a: [1, -2500, 0.1], b: true, c: false, d: null, e: "x" });
    const arr = (r.root as Extract<JsonNode, { type: "object" }>).members[0].value as Extract<JsonNode, { type: "array" }>;
    expect(arr.items.map((n) => (n.type === "number" ? n.raw : ""))).toEqual(["1", "-2.5e3", "0.10"]);
  });

  it("records spans with 1-based lines and 0-based columns and offsets", () => {
    const text = '{\n  "Version": "2012-10-17",\n  "Statement": []\n}';
    const r = parseJson(text);
    const root = r.root as Extract<JsonNode, { type: "object" }>;
    expect(root.span).toEqual({ start: { line: 1, column: 0, offset: 0 }, end: { line: 4, column: 1, offset: text.length } });
    const m = root.members[1];
    expect(m.keySpan!.start).toEqual({ line: 3, column: 2, offset: text.indexOf('"Statement"') });
    expect(m.value.span!.start).toEqual({ line: 3, column: 15, offset: text.indexOf("[]") });
    expect(m.value.span!.end.column).toBe(17);
  });

  it("reports the exact line and column of a missing comma", () => {
    const text = '{\n  "Effect": "Allow"\n  "Action": "s3:*"\n}';
    const r = parseJson(text);
    expect(r.root).toBeUndefined();
    expect(r.diagnostics).toHaveLength(1);
    const d = r.diagnostics[0];
    expect(d.code).toBe("JSON_SYNTAX");
    expect(d.message).toBe("expected `,` or `}` after object member but found `\"`");
    expect(d.span!.start).toEqual({ line: 3, column: 2, offset: text.indexOf('"Action"') });
    expect(d.path).toBe(""); // the error is in the root object, after its member
  });

  it("counts CRLF and CR as one line break each", () => {
    const r = parseJson('{\r\n"a":\r1,\r\n x}');
    expect(r.diagnostics[0].span!.start).toMatchObject({ line: 4, column: 1 });
    expect(positionAt('{\r\n"a":\r1,\r\n x}', 13)).toEqual({ line: 4, column: 1, offset: 13 });
  });

  it("reports duplicate keys at the second key and keeps parsing", () => {
    const text = '{"a": 1,\n "b": {"c": 1, "c": 2},\n "a": 3}';
    const r = parseJson(text);
    expect(r.root).toBeDefined();
    const dups = r.diagnostics.filter((d) => d.code === "JSON_DUPLICATE_KEY");
    expect(dups.map((d) => d.path)).toEqual(["/b/c", "/a"]);
    expect(dups[0].span!.start).toEqual({ line: 2, column: 15, offset: text.indexOf('"c": 2') });
    expect(dups[1].span!.start).toMatchObject({ line: 3, column: 1 });
    expect(dups[1].message).toBe("duplicate key `a` (first defined on line 1)");
    expect(dups.every((d) => d.severity === "error")).toBe(true);
  });

  it("rejects trailing content, trailing commas, comments, bad literals and leading zeros", () => {
    const cases: [string, string][] = [
      ["{} x", "unexpected `x` after the end of the JSON document"],
      ['{"a": 1,}', "expected a string key but found `}`"],
      ["[1,]", "expected a JSON value but found `]`"],
      ["{/* c */}", "expected a string key but found `/`"],
      ["tru", "expected `true` but found end of input"],
      ["01", "leading zeros are not allowed in numbers"],
      ["1.", "expected a digit after `.` but found end of input"],
      ["-", "expected a digit but found end of input"],
      ["", "expected a JSON value but found end of input"],
      ['"a\nb"', "control character U+000A must be escaped in a string"],
      ['"\\x"', "invalid escape `\\x` in string"],
      ['"\\u12G4"', "expected 4 hexadecimal digits after `\\u` but found `G`"],
      ['"abc', "unterminated string"],
      ["{'a': 1}", "expected a string key but found `'`"],
    ];
    for (const [text, message] of cases) {
      const r = parseJson(text);
      expect(r.root, text).toBeUndefined();
      expect(r.diagnostics.map((d) => d.message), text).toEqual([message]);
    }
  });

  it("decodes all escapes, including surrogate pairs", () => {
    const r = parseJson('"\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\ud83d\\ude00"');
    expect(r.root).toEqual(expect.objectContaining({ type: "string", value: "\"\\/\b\f\n\r\té😀" }));
  });

  it("skips a byte order mark without shifting columns", () => {
    const r = parseJson("\uFEFF{ x");
    expect(r.diagnostics[0].span!.start).toEqual({ line: 1, column: 2, offset: 3 });
    expect(parseJson('\uFEFF{"a":1}').diagnostics).toEqual([]);
  });

  it("accepts 64 levels of nesting and rejects 65", () => {
    expect(parseJson("[".repeat(64) + "]".repeat(64)).diagnostics).toEqual([]);
    const r = parseJson("[".repeat(65) + "]".repeat(65));
    expect(r.diagnostics.map((d) => d.code)).toEqual(["JSON_TOO_DEEP"]);
    expect(r.diagnostics[0].span!.start.offset).toBe(64);
    expect(r.diagnostics[0].path).toBe("/0".repeat(64));
  });

  it("returns a diagnostic for 10,000-deep input instead of overflowing the stack", () => {
    const r = parseJson('{"a":'.repeat(10_000) + "1" + "}".repeat(10_000));
    expect(r.root).toBeUndefined();
    expect(r.diagnostics[0].code).toBe("JSON_TOO_DEEP");
  });

  it("agrees with JSON.parse on arbitrary JSON", () => {
    fc.assert(
      fc.property(fc.json({ depthSize: "small" }), (text) => {
        const r = parseJson(text);
        expect(r.diagnostics).toEqual([]);
        expect(plain(r.root!)).toEqual(JSON.parse(text));
      }),
      { numRuns: 300 },
    );
  });

  it("never throws on arbitrary text", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: "binary-ascii" }), fc.string()), (text) => {
        const r = parseJson(text);
        let ok = true;
        try { JSON.parse(text); } catch { ok = false; }
        expect(r.root !== undefined).toBe(ok);
      }),
      { numRuns: 500 },
    );
  });

  it("gives every node a span whose text is the node and whose line/column match its offset", () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), fc.constantFrom(0, 2, "\t"), (value, indent) => {
        const text = JSON.stringify(value, null, indent).replace(/\n/g, indent === 2 ? "\r\n" : "\n");
        const r = parseJson(text);
        expect(r.diagnostics).toEqual([]);
        const visit = (n: JsonNode) => {
          const { start, end } = n.span!;
          expect(JSON.parse(text.slice(start.offset, end.offset))).toEqual(plain(n));
          expect(positionAt(text, start.offset)).toEqual(start);
          expect(positionAt(text, end.offset)).toEqual(end);
          if (n.type === "object") n.members.forEach((m) => {
            expect(JSON.parse(text.slice(m.keySpan!.start.offset, m.keySpan!.end.offset))).toBe(m.key);
            visit(m.value);
          });
          if (n.type === "array") n.items.forEach(visit);
        };
        visit(r.root!);
      }),
      { numRuns: 200 },
    );
  });

  it("escapes JSON Pointer tokens", () => {
    expect(jsonPointer(["Condition", "a/b~c", 0])).toBe("/Condition/a~1b~0c/0");
    expect(jsonPointer([])).toBe("");
    // Each escape alone, both together, and an empty key (RFC 6901 section 3).
    expect(jsonPointer(["~", "/", "x~/y", "", "~1"])).toBe("/~0/~1/x~0~1y//~01");
  });
});
