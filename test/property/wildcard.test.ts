/**
 * Wildcard matching through the engine against a regular-expression oracle.
 * - StringLike ("IAM JSON policy elements: Condition operators", String): `*` any run, `?` one
 *   character, case-sensitive. Exercised as `Condition: {StringLike: {"aws:userid": pattern}}`
 *   with the request context `{"aws:userid": input}`.
 * - Action ("IAM JSON policy elements: Action"): case-insensitive, `*` and `?` anywhere.
 * The engine counts `?` as one Unicode code point; the oracle uses the `u` flag to agree.
 */
import { describe, it, expect, beforeAll } from "vitest";
import fc from "fast-check";
import type { Engine } from "../../js/index.ts";
import { PolicyValidationError } from "../../js/index.ts";
import { fcParams, getEngine, globMatches, over, patternAndInput, PRINCIPAL } from "./helpers.ts";

let engine: Engine;
beforeAll(async () => {
  engine = await getEngine();
});

const ALPHABET = ["a", "b", "/", ":", "é"];

function stringLikeDecision(pattern: string | string[], input: string | undefined): string {
  const policy = engine.compile(
    {
      Version: "2012-10-17",
      Statement: { Effect: "Allow", Action: "s3:GetObject", Resource: "*", Condition: { StringLike: { "aws:userid": pattern } } },
    },
    { kind: "identity" },
  );
  try {
    const context = input === undefined ? {} : { "aws:userid": input };
    return engine.authorize({ principal: PRINCIPAL, action: "s3:GetObject", resource: "*", context }, { identity: [policy] }).decision;
  } finally {
    policy.dispose();
  }
}

describe("StringLike matches like the regular-expression oracle", () => {
  it("single pattern, alphabet {*, ?, a, b, /, :, é}", () => {
    const seen = { Allow: 0, ImplicitDeny: 0 } as Record<string, number>;
    fc.assert(
      fc.property(patternAndInput(ALPHABET, ["*", "?"], 10), ({ pattern, input }) => {
        const expected = globMatches(pattern, input) ? "Allow" : "ImplicitDeny";
        expect(stringLikeDecision(pattern, input)).toBe(expected);
        seen[expected]++;
      }),
      fcParams(1500),
    );
    // Both outcomes must be well represented, or the property says little.
    expect(seen.Allow).toBeGreaterThan(100);
    expect(seen.ImplicitDeny).toBeGreaterThan(100);
  });

  it("several patterns are ORed", () => {
    fc.assert(
      fc.property(
        fc.array(over([...ALPHABET, "*", "?"], 6), { minLength: 1, maxLength: 4 }),
        over(ALPHABET, 6),
        (patterns, input) => {
          const expected = patterns.some((p) => globMatches(p, input)) ? "Allow" : "ImplicitDeny";
          expect(stringLikeDecision(patterns, input)).toBe(expected);
        },
      ),
      fcParams(200),
    );
  });

  it("is case-sensitive", () => {
    fc.assert(
      fc.property(over(["a", "b", "A", "B", "*", "?"], 8), over(["a", "b", "A", "B"], 8), (pattern, input) => {
        const expected = globMatches(pattern, input) ? "Allow" : "ImplicitDeny";
        expect(stringLikeDecision(pattern, input)).toBe(expected);
      }),
      fcParams(200),
    );
  });

  it("a missing key never matches a positive operator", () => {
    fc.assert(
      fc.property(over([...ALPHABET, "*", "?"], 6), (pattern) => {
        expect(stringLikeDecision(pattern, undefined)).toBe("ImplicitDeny");
      }),
      fcParams(50),
    );
  });

  it("characters outside the BMP count as one character for `?`", () => {
    expect(stringLikeDecision("a?b", "a😀b")).toBe("Allow");
    expect(stringLikeDecision("a??b", "a😀b")).toBe("ImplicitDeny");
    expect(stringLikeDecision("?", "é")).toBe("Allow");
    expect(stringLikeDecision("??", "é")).toBe("ImplicitDeny");
  });
});

describe("Action matching is case-insensitive glob matching", () => {
  const ACTION_CHARS = ["a", "b", "A", "B"];

  it("`s3:<pattern>` against `s3:<input>` like a case-insensitive oracle", () => {
    let checked = 0;
    let allowed = 0;
    fc.assert(
      fc.property(patternAndInput(ACTION_CHARS, ["*", "?"], 8), fc.boolean(), ({ pattern, input }, upperPrefix) => {
        const doc = { Version: "2012-10-17", Statement: { Effect: "Allow", Action: `s3:${pattern}`, Resource: "*" } };
        let policy;
        try {
          policy = engine.compile(doc, { kind: "identity" });
        } catch (e) {
          // Only patterns the validator accepts are compared (e.g. an empty action name is not an action).
          if (e instanceof PolicyValidationError) return;
          throw e;
        }
        try {
          const action = `${upperPrefix ? "S3" : "s3"}:${input}`;
          // Nor is an empty action name a request's action (issue 12: requests are checked too).
          if (input === "") {
            expect(() => engine.authorize({ principal: PRINCIPAL, action, resource: "*" }, { identity: [policy!] })).toThrow(expect.objectContaining({ code: "INVALID_ACTION" }));
            return;
          }
          const r = engine.authorize({ principal: PRINCIPAL, action, resource: "*" }, { identity: [policy] });
          const expected = globMatches(pattern, input, true) ? "Allow" : "ImplicitDeny";
          expect(r.decision).toBe(expected);
          checked++;
          if (expected === "Allow") allowed++;
        } finally {
          policy.dispose();
        }
      }),
      fcParams(1500),
    );
    expect(checked).toBeGreaterThan(300);
    expect(allowed).toBeGreaterThan(60);
    expect(checked - allowed).toBeGreaterThan(60);
  });

  it("`*` in the action spans the colon only when it is the whole action", () => {
    const decide = (pattern: string, action: string) => {
      const p = engine.compile({ Version: "2012-10-17", Statement: { Effect: "Allow", Action: pattern, Resource: "*" } }, { kind: "identity" });
      try {
        return engine.authorize({ principal: PRINCIPAL, action, resource: "*" }, { identity: [p] }).decision;
      } finally {
        p.dispose();
      }
    };
    expect(decide("*", "ec2:DescribeInstances")).toBe("Allow");
    expect(decide("s3:*", "S3:GETOBJECT")).toBe("Allow");
    expect(decide("s3:*", "s3x:GetObject")).toBe("ImplicitDeny");
    expect(decide("S3:Get?bject", "s3:getobject")).toBe("Allow");
  });
});
