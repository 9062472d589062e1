/** @module test/unit/policy/operators — condition operator names. */
import { describe, expect, it } from "vitest";
import { CONDITION_BASES, allowsVariables, canonicalOperator, family, isNegated, parseOperator } from "../../../js/policy/operators.ts";

describe("parseOperator", () => {
  it("parses every base, with and without IfExists and qualifiers", () => {
    expect(CONDITION_BASES).toHaveLength(27);
    for (const base of CONDITION_BASES) {
      expect(parseOperator(base)).toEqual({ base, qualifier: "", ifExists: false });
      expect(parseOperator(base + "IfExists")).toEqual({ base, qualifier: "", ifExists: true });
      expect(parseOperator("ForAllValues:" + base)).toEqual({ base, qualifier: "ForAllValues", ifExists: false });
      expect(parseOperator("ForAnyValue:" + base + "IfExists")).toEqual({ base, qualifier: "ForAnyValue", ifExists: true });
    }
  });
  it("matches case-insensitively; canonicalOperator shows AWS's spelling", () => {
    const p = parseOperator("foranyvalue:stringlikeifexists")!;
    expect(p).toEqual({ base: "StringLike", qualifier: "ForAnyValue", ifExists: true });
    expect(canonicalOperator(p)).toBe("ForAnyValue:StringLikeIfExists");
  });
  it("parses NullIfExists so the caller can report it", () => {
    expect(parseOperator("NullIfExists")).toEqual({ base: "Null", qualifier: "", ifExists: true });
  });
  it("rejects unknown names", () => {
    for (const s of ["", "StringEqual", "IfExists", "ForAllValues:", "ForSomeValues:StringEquals", "StringEqualsIfExistsIfExists", "ForAllValues:ForAnyValue:StringEquals", "x".repeat(100_000)]) {
      expect(parseOperator(s), s.slice(0, 40)).toBeNull();
    }
  });
});

describe("operator properties", () => {
  it("families", () => {
    expect(family("StringNotLike")).toBe("string");
    expect(family("NumericLessThanEquals")).toBe("numeric");
    expect(family("DateGreaterThan")).toBe("date");
    expect(family("Bool")).toBe("bool");
    expect(family("BinaryEquals")).toBe("binary");
    expect(family("NotIpAddress")).toBe("ip");
    expect(family("ArnLike")).toBe("arn");
    expect(family("Null")).toBe("null");
  });
  it("negation", () => {
    expect(CONDITION_BASES.filter(isNegated).sort()).toEqual([
      "ArnNotEquals", "ArnNotLike", "DateNotEquals", "NotIpAddress", "NumericNotEquals",
      "StringNotEquals", "StringNotEqualsIgnoreCase", "StringNotLike",
    ]);
  });
  it("variables are allowed with string, ARN and Bool operators only", () => {
    expect(CONDITION_BASES.filter(allowsVariables).map(family).every((f) => ["string", "arn", "bool"].includes(f))).toBe(true);
    expect(allowsVariables("StringLike")).toBe(true);
    expect(allowsVariables("ArnEquals")).toBe(true);
    expect(allowsVariables("Bool")).toBe(true);
    expect(allowsVariables("NumericEquals")).toBe(false);
    expect(allowsVariables("IpAddress")).toBe(false);
    expect(allowsVariables("Null")).toBe(false);
  });
});
