/**
 * Numbers past the double's range (issue 13, item 5): `NumericEquals "1e400"` matched a request
 * value `"2e400"`, because both parsed to Infinity. AWS documents numeric condition values as
 * "an integer or decimal value" ("Condition operators", Numeric) and JSON numbers as RFC 7159's
 * ("Grammar of the IAM JSON policy language"), whose section 6 expects no more range than IEEE
 * 754 binary64 gives (about ±1.8e308). So:
 * - a policy value past that range is refused at compile time (INVALID_CONDITION_VALUE, with its
 *   path and, for text input, its line and column), for Numeric and Date operators alike;
 * - a request value past it is no number: the condition does not match, negated operators and
 *   qualifiers included, as for any value not of the operator's type (docs/semantics.md).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { createEngine, PolicyValidationError, type Engine } from "../../js/index.ts";

const PRINCIPAL = "arn:aws:iam::111122223333:user/alice";
let engine: Engine;
beforeAll(async () => {
  engine = await createEngine();
});

const doc = (condition: Record<string, unknown>) => ({
  Version: "2012-10-17",
  Statement: { Effect: "Allow", Action: "s3:GetObject", Resource: "*", Condition: condition },
});

/** The decision for `condition` with the request's context. */
function decide(condition: Record<string, unknown>, context: Record<string, string | string[]>): string {
  const policy = engine.compile(doc(condition), { kind: "identity" });
  try {
    return engine.authorize({ principal: PRINCIPAL, action: "s3:GetObject", resource: "*", context }, { identity: [policy] }).decision;
  } finally {
    policy.dispose();
  }
}

describe("policy values past the range of a number are refused", () => {
  it("refuses `NumericEquals \"1e400\"` (the issue's policy) with the value's path", () => {
    const findings = engine.validate(doc({ NumericEquals: { "s3:max-keys": "1e400" } }), { kind: "identity" });
    expect(findings).toEqual([
      expect.objectContaining({
        severity: "error",
        code: "INVALID_CONDITION_VALUE",
        path: "/Statement/Condition/NumericEquals/s3:max-keys",
        message: expect.stringMatching(/`1e400`.*past the range of a number/),
      }),
    ]);
    expect(() => engine.compile(doc({ NumericEquals: { "s3:max-keys": "1e400" } }), { kind: "identity" })).toThrow(PolicyValidationError);
  });

  it("refuses a JSON number, a negative one and an integer of 400 digits, with line and column", () => {
    for (const value of ["1e400", "-1.5e309", "9".repeat(400)]) {
      const text = `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"*",\n"Condition":{"NumericLessThan":{"s3:max-keys":${value}}}}}`;
      const [finding, ...rest] = engine.validate(text, { kind: "identity" });
      expect(rest).toEqual([]);
      expect(finding).toMatchObject({ code: "INVALID_CONDITION_VALUE", path: "/Statement/Condition/NumericLessThan/s3:max-keys" });
      expect(finding.span?.start).toMatchObject({ line: 2, column: 46 });
    }
  });

  it("refuses epoch seconds past the range in a Date operator", () => {
    const findings = engine.validate(doc({ DateGreaterThan: { "aws:CurrentTime": "1" + "0".repeat(400) } }), { kind: "identity" });
    expect(findings.map((f) => [f.code, /past the range/.test(f.message)])).toEqual([["INVALID_CONDITION_VALUE", true]]);
  });

  it("keeps the largest double and values that round to zero", () => {
    expect(engine.validate(doc({ NumericLessThanEquals: { "s3:max-keys": ["1.7976931348623157e308", "1e-400"] } }), { kind: "identity" })).toEqual([]);
    expect(decide({ NumericEquals: { "s3:max-keys": "1e-400" } }, { "s3:max-keys": "0" })).toBe("Allow");
  });
});

describe("request values past the range of a number do not match", () => {
  it("`2e400` is not at least the largest double (it was: Infinity >= 1.8e308)", () => {
    expect(decide({ NumericGreaterThanEquals: { "s3:max-keys": "1.7976931348623157e308" } }, { "s3:max-keys": "2e400" })).toBe("ImplicitDeny");
    expect(decide({ NumericGreaterThanEquals: { "s3:max-keys": "1.7976931348623157e308" } }, { "s3:max-keys": "1.7976931348623157e308" })).toBe("Allow");
  });

  it("`-2e400` is not below every number, and negated operators do not match it either", () => {
    expect(decide({ NumericLessThan: { "s3:max-keys": "0" } }, { "s3:max-keys": "-2e400" })).toBe("ImplicitDeny");
    expect(decide({ NumericNotEquals: { "s3:max-keys": "5" } }, { "s3:max-keys": "2e400" })).toBe("ImplicitDeny");
    expect(decide({ NumericNotEquals: { "s3:max-keys": "5" } }, { "s3:max-keys": "6" })).toBe("Allow");
  });

  it("in a set, such a value acts as a non-number does: the condition is false", () => {
    for (const odd of ["1e400", "not-a-number"]) {
      expect(decide({ "ForAnyValue:NumericGreaterThan": { "s3:max-keys": "10" } }, { "s3:max-keys": [odd, "11"] })).toBe("ImplicitDeny");
      expect(decide({ "ForAllValues:NumericGreaterThan": { "s3:max-keys": "10" } }, { "s3:max-keys": ["11", odd] })).toBe("ImplicitDeny");
    }
    expect(decide({ "ForAnyValue:NumericGreaterThan": { "s3:max-keys": "10" } }, { "s3:max-keys": ["9", "11"] })).toBe("Allow");
  });

  it("epoch seconds past the range are no date", () => {
    expect(decide({ DateGreaterThan: { "aws:CurrentTime": "2020-01-01T00:00:00Z" } }, { "aws:CurrentTime": "1" + "0".repeat(400) })).toBe("ImplicitDeny");
    expect(decide({ DateGreaterThan: { "aws:CurrentTime": "2020-01-01T00:00:00Z" } }, { "aws:CurrentTime": "1700000000" })).toBe("Allow");
  });
});
