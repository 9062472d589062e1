/**
 * The cheaper first compile (issue 17) changes no finding and no image:
 * - object input is measured for the size quota and the character-set shortcut while it is
 *   converted, or by a walk of its tree (policy/json-size.ts): both must agree with measuring its
 *   JSON.stringify text, the way it was measured before (stringifyNode, then the text's measure);
 * - lone surrogates are found by a per-code-unit regular expression that must agree with
 *   `/\p{Cs}/u`;
 * - object input and its JSON.stringify text give the same diagnostics (codes, messages, paths,
 *   order; spans exist only for text) and the same image;
 * - for a fixed sample of valid, invalid and hostile documents, the diagnostics and images are
 *   those of the engine before this work (fixtures/cold-compile-golden.json, written by
 *   make-cold-compile-golden.ts from commit a0e14cd's build).
 */
import { describe, it, expect, beforeAll } from "vitest";
import fc from "fast-check";
import { readFileSync } from "node:fs";
import { isDeepStrictEqual } from "node:util";
import type { Diagnostic, Engine, PolicyKind } from "../../js/index.ts";
import { parseJson, stringifyNode, type JsonNode } from "../../js/policy/json.ts";
import { toDocument } from "../../js/policy/input.ts";
import { measureNode } from "../../js/policy/json-size.ts";
import { allInCharset, textSize } from "../../js/policy/validate/size.ts";
import { LONE_SURROGATE, prepareText } from "../../js/policy/wildcard.ts";
import { fcParams, getEngine } from "./helpers.ts";
import { KINDS, junkValue } from "./arbitraries.ts";
import { anyDoc, awkwardString, encodable, objectOf } from "./cold-compile-inputs.ts";
import { outcome, type GoldenCase } from "./make-cold-compile-golden.ts";

let engine: Engine;
beforeAll(async () => {
  engine = await getEngine();
});

/**
 * The tree object input becomes, or undefined when it is not a JSON object; the measure taken
 * while converting it must be that of the tree.
 */
function treeOf(value: unknown): JsonNode | undefined {
  const doc = toDocument(value);
  if (doc.root) expect(doc.measure).toEqual(measureNode(doc.root));
  return doc.root;
}

/** How the quota and the shortcut measured object input before: its JSON.stringify text. */
function measuredAsText(node: JsonNode): { size: number; plain: boolean } {
  const text = stringifyNode(node);
  return { size: textSize(text), plain: allInCharset(text) };
}

describe("object input measured without its JSON text", () => {
  it("agrees with measuring the text, for documents with awkward strings, mutations and junk", () => {
    fc.assert(
      fc.property(anyDoc, (d) => {
        const tree = treeOf(d);
        if (tree) expect(measureNode(tree)).toEqual(measuredAsText(tree));
      }),
      fcParams(400),
    );
  });

  it("agrees on any JSON value, and on trees parsed from text (numbers as written)", () => {
    const strings = fc.oneof(awkwardString, fc.string({ unit: "binary" }), fc.string({ unit: "grapheme" }));
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), fc.dictionary(strings, fc.oneof(strings, junkValue)), (v, o) => {
        for (const x of [{ v }, o, { [JSON.stringify(v)]: v }]) {
          const tree = treeOf(x);
          if (tree) expect(measureNode(tree)).toEqual(measuredAsText(tree));
        }
        const parsed = parseJson(`{"a": [1e3, -0.50, 1E-7, 0], "b": ${JSON.stringify(v)}}`).root!;
        expect(measureNode(parsed)).toEqual(measuredAsText(parsed));
      }),
      fcParams(400),
    );
  });

  it("counts escapes and spaces as JSON.stringify writes them", () => {
    // {"a b":"\"\\\n\u0001\ud800😀é"}: braces 2, key 5 - 1 space, colon 1, value 2 + 2+2+2+6+6+2+1.
    const tree = treeOf({ "a b": "\"\\\n\u0001\ud800😀é" })!;
    expect(measureNode(tree)).toEqual({ size: 2 + 4 + 1 + 23, plain: false });
    expect(measureNode(treeOf({ a: "ÿ x", b: [true, null, -0, 1e21] })!)).toEqual({ size: JSON.stringify({ a: "ÿx", b: [true, null, 0, 1e21] }).length, plain: true });
  });
});

describe("lone surrogates", () => {
  it("are found and replaced as /\\p{Cs}/u finds and replaces them", () => {
    const unit = fc.constantFrom("a", "\ud800", "\udbff", "\udc00", "\udfff", "😀", "é", "\ud83d", "\ude00");
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit, maxLength: 12 }), fc.string({ unit: "binary" })), (s) => {
        expect(LONE_SURROGATE.test(s)).toBe(/\p{Cs}/u.test(s));
        expect(prepareText(s)).toBe(s.replace(/\p{Cs}/gu, "\ufffd"));
      }),
      fcParams(500),
    );
  });
});

/** Diagnostics as object input has them: no span; the character-set finding says where instead of quoting the text. */
function comparable(d: Diagnostic): Omit<Diagnostic, "span"> {
  const { span: _span, ...rest } = d;
  return d.code === "INVALID_CHARACTER" ? { ...rest, message: d.message.replace(/ written as `[^`]*`/, "").replace(/ \(in `[^`]*`\)/, "") } : rest;
}

describe("object input and its JSON.stringify text", () => {
  it("give the same diagnostics, in the same order, and the same image", () => {
    const docs = fc.oneof(anyDoc, encodable.map((e) => JSON.parse(e.recipe.text) as unknown));
    fc.assert(
      fc.property(docs, fc.constantFrom(...KINDS), (d, kind: PolicyKind) => {
        // Where the two must agree: a JSON object that its text gives back exactly.
        const text = JSON.stringify(d);
        if (text === undefined || typeof d !== "object" || d === null || Array.isArray(d) || !isDeepStrictEqual(JSON.parse(text), d)) return;
        const asObject = engine.validate(d, { kind });
        const asText = engine.validate(text, { kind });
        expect(asObject.map(comparable)).toEqual(asText.map(comparable));
        if (asObject.some((x) => x.severity === "error")) return;
        const a = engine.compile(d, { kind });
        const b = engine.compile(text, { kind });
        expect(imageOf(a)).toEqual(imageOf(b));
        a.dispose();
        b.dispose();
      }),
      fcParams(300),
    );
  });
});

function imageOf(p: unknown): Uint8Array {
  return (p as { image: Uint8Array }).image;
}

describe("the engine before this work", () => {
  const golden = JSON.parse(readFileSync(new URL("./fixtures/cold-compile-golden.json", import.meta.url), "utf8")) as { cases: GoldenCase[] };

  it("has a sample with valid, invalid and hostile documents", () => {
    expect(golden.cases.length).toBeGreaterThanOrEqual(300);
    expect(golden.cases.filter((c) => c.object.image !== undefined).length).toBeGreaterThan(80);
    expect(golden.cases.filter((c) => c.recipe.hostile !== undefined).length).toBeGreaterThan(80);
  });

  it("gave the diagnostics and images this engine gives, as text and as object input", () => {
    for (const c of golden.cases) {
      const label = `${c.kind} ${c.recipe.text.slice(0, 200)} ${JSON.stringify(c.recipe.hostile)}`;
      expect(outcome(engine, c.recipe.text, c.kind, c.iamChecks), `text: ${label}`).toEqual(c.text);
      expect(outcome(engine, objectOf(c.recipe), c.kind, c.iamChecks), `object: ${label}`).toEqual(c.object);
    }
  });
});
