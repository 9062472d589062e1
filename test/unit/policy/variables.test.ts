/** @module test/unit/policy/variables — policy variable templates. */
import { describe, expect, it } from "vitest";
import { parseTemplate } from "../../../js/policy/variables.ts";

describe("parseTemplate", () => {
  it("returns plain text as one literal", () => {
    expect(parseTemplate("arn:aws:s3:::bucket/*")).toEqual({ parts: [{ literal: "arn:aws:s3:::bucket/*" }], hasVariables: false });
    expect(parseTemplate("")).toEqual({ parts: [], hasVariables: false });
    expect(parseTemplate("cost $5 and $")).toEqual({ parts: [{ literal: "cost $5 and $" }], hasVariables: false });
  });
  it("lowercases keys", () => {
    expect(parseTemplate("home/${AWS:UserName}/*")).toEqual({
      parts: [{ literal: "home/" }, { key: "aws:username" }, { literal: "/*" }],
      hasVariables: true,
    });
  });
  it("reads defaults", () => {
    expect(parseTemplate("${aws:PrincipalTag/team, 'none'}")).toEqual({
      parts: [{ key: "aws:principaltag/team", default: "none" }],
      hasVariables: true,
    });
    expect(parseTemplate("${a,'x y}'}")).toEqual({ parts: [{ key: "a", default: "x y}" }], hasVariables: true });
    expect(parseTemplate("${a,  ''  }")).toEqual({ parts: [{ key: "a", default: "" }], hasVariables: true });
  });
  it("turns ${*}, ${?} and ${$} into escaped literals and merges plain text", () => {
    expect(parseTemplate("a${*}b${?}${$}c")).toEqual({
      parts: [{ literal: "a" }, { literal: "*", escaped: true }, { literal: "b" }, { literal: "?", escaped: true }, { literal: "$", escaped: true }, { literal: "c" }],
      hasVariables: false,
    });
  });
  it("keeps multiple variables apart", () => {
    const r = parseTemplate("${aws:username}-${aws:userid}");
    expect(r).toEqual({ parts: [{ key: "aws:username" }, { literal: "-" }, { key: "aws:userid" }], hasVariables: true });
  });
  it("reports malformed variables with offsets", () => {
    expect(parseTemplate("x${aws:username")).toEqual({ error: "unclosed policy variable `${`", offset: 1 });
    expect(parseTemplate("${}")).toEqual({ error: "empty policy variable", offset: 0 });
    expect(parseTemplate("${ }")).toEqual({ error: "empty policy variable", offset: 0 });
    expect(parseTemplate("${a#b}")).toEqual({ error: "invalid character `#` in policy variable", offset: 3 });
    expect(parseTemplate("${a${b}}")).toMatchObject({ offset: 3 });
    expect(parseTemplate("${a, x}")).toMatchObject({ error: "expected a single-quoted default value after `,` in policy variable" });
    expect(parseTemplate("${a, 'x")).toMatchObject({ error: "unclosed default value in policy variable" });
    expect(parseTemplate("${a, 'x' y}")).toMatchObject({ error: "expected `}` after the default value in policy variable" });
  });
});
