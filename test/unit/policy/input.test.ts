/** @module test/unit/policy/input — accepted input forms. */
import { describe, expect, it } from "vitest";
import { MAX_TEXT_LENGTH, toDocument } from "../../../js/policy/input.ts";

const POLICY = { Version: "2012-10-17", Statement: { Effect: "Allow", Action: "s3:GetObject", Resource: "*" } };

describe("toDocument", () => {
  it("converts a plain object to a tree without spans", () => {
    const d = toDocument({ a: [1, "x", true, null], b: { c: 2.5 } });
    expect(d.diagnostics).toEqual([]);
    expect(d.text).toBeUndefined();
    expect(d.root).toEqual({
      type: "object",
      members: [
        { key: "a", value: { type: "array", items: [{ type: "number", value: 1, raw: "1" }, { type: "string", value: "x" }, { type: "boolean", value: true }, { type: "null" }] } },
        { key: "b", value: { type: "object", members: [{ key: "c", value: { type: "number", value: 2.5, raw: "2.5" } }] } },
      ],
    });
  });

  it("rejects non-JSON values with paths", () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = { back: cyclic };
    const cases: [unknown, string, string][] = [
      [{ f: () => 1 }, "INVALID_JS_VALUE", "/f"],
      [{ u: undefined }, "INVALID_JS_VALUE", "/u"],
      [{ n: [NaN] }, "INVALID_JS_VALUE", "/n/0"],
      [{ d: new Date(0) }, "INVALID_JS_VALUE", "/d"],
      [{ b: 10n }, "INVALID_JS_VALUE", "/b"],
      [cyclic, "INVALID_JS_VALUE", "/self/back"],
    ];
    for (const [input, code, path] of cases) {
      const d = toDocument(input);
      expect(d.root).toBeUndefined();
      expect(d.diagnostics.map((x) => [x.code, x.path])).toEqual([[code, path]]);
    }
  });

  it("rejects objects nested deeper than 64", () => {
    let deep: unknown = 1;
    for (let i = 0; i < 10_000; i++) deep = { a: deep };
    const d = toDocument(deep);
    expect(d.diagnostics.map((x) => x.code)).toEqual(["JSON_TOO_DEEP"]);
    let ok: unknown = 1;
    for (let i = 0; i < 63; i++) ok = { a: ok };
    expect(toDocument({ ok }).diagnostics).toEqual([]);
  });

  it("reports a getter that throws instead of throwing", () => {
    const obj = { get Statement(): unknown { throw new Error("boom"); } };
    const d = toDocument(obj);
    expect(d.diagnostics[0].code).toBe("INVALID_JS_VALUE");
  });

  it("parses JSON text and returns it", () => {
    const text = JSON.stringify(POLICY, null, 2);
    const d = toDocument(text);
    expect(d.diagnostics).toEqual([]);
    expect(d.text).toBe(text);
    expect(d.root!.span!.start.line).toBe(1);
  });

  it("decodes URL-encoded text as IAM returns it; spans refer to the decoded text", () => {
    const json = '{"Version":"2012-10-17",\n"Statement":x}';
    const d = toDocument(encodeURIComponent(json));
    expect(d.text).toBe(json);
    expect(d.diagnostics[0].code).toBe("JSON_SYNTAX");
    expect(d.diagnostics[0].span!.start).toEqual({ line: 2, column: 12, offset: json.indexOf("x") });
    const ok = toDocument(encodeURIComponent(JSON.stringify(POLICY)));
    expect(ok.diagnostics).toEqual([]);
    expect(ok.text).toBe(JSON.stringify(POLICY));
  });

  it("does not decode text that starts with `{`", () => {
    const d = toDocument('  {"a": "100%25"}');
    expect(d.diagnostics).toEqual([]);
    expect(d.root).toMatchObject({ members: [{ value: { value: "100%25" } }] });
  });

  it("reports an invalid URL escape", () => {
    const d = toDocument("%7B%ZZ");
    expect(d.diagnostics.map((x) => x.code)).toEqual(["INVALID_URL_ENCODING"]);
    expect(d.diagnostics[0].span!.start).toEqual({ line: 1, column: 3, offset: 3 });
    expect(d.text).toBe("%7B%ZZ");
    // Well-formed escapes that are not UTF-8: points at the first escape.
    expect(toDocument("x%FF%FE").diagnostics[0].span!.start.offset).toBe(1);
  });

  it("rejects text over 1 MiB without parsing it", () => {
    const d = toDocument("{\n" + " ".repeat(MAX_TEXT_LENGTH));
    expect(d.diagnostics.map((x) => x.code)).toEqual(["POLICY_TOO_LARGE"]);
    expect(d.diagnostics[0].span!.start).toEqual({ line: 2, column: MAX_TEXT_LENGTH - 2, offset: MAX_TEXT_LENGTH });
    expect(toDocument("{" + " ".repeat(MAX_TEXT_LENGTH - 2) + "}").diagnostics).toEqual([]);
  });

  it("rejects values that are not objects", () => {
    for (const input of [42, null, undefined, [POLICY], true, "[1]", "42", "null", new Map()]) {
      const d = toDocument(input);
      expect(d.root, String(input)).toBeUndefined();
      expect(d.diagnostics.map((x) => x.code), String(input)).toEqual(["NOT_AN_OBJECT"]);
    }
    expect(toDocument("[1]").diagnostics[0].message).toBe("a policy must be a JSON object, not an array");
  });
});
