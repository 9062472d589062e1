/**
 * ARN matching through the engine against a reference written from the rules
 * ("IAM JSON policy elements: Resource"; "Amazon Resource Names (ARNs)"; "Condition
 * operators", ARN section): split at the first five colons into six parts; parts 1-5 are
 * glob-matched one by one, so a `*` there never crosses a colon; the sixth (resource) part is
 * matched as a whole, so a `*` there spans `/` and `:`; `*` alone matches everything; an input
 * with fewer than six parts never matches. Case-sensitive.
 * Exercised through `Resource` (identity policy, request resource) and through `ArnLike`
 * (`aws:SourceArn` in the request context).
 */
import { describe, it, expect, beforeAll } from "vitest";
import fc from "fast-check";
import type { Engine } from "../../js/index.ts";
import { PolicyValidationError, RequestError } from "../../js/index.ts";
import { arnParts, arnReference, fcParams, getEngine, over, PRINCIPAL } from "./helpers.ts";

let engine: Engine;
beforeAll(async () => {
  engine = await getEngine();
});

const SEG = ["a", "b", "é", "/"];
const WILD = ["*", "?"];

/**
 * An ARN-shaped input: fixed-ish head, segments over SEG, the resource part may contain `:`.
 * The account is often empty or 12 digits, and the partition and service are never empty, so
 * that most inputs are resources a request may carry (issue 12; the others are refused).
 */
const arnInput = fc
  .tuple(
    fc.constantFrom("arn", "arn", "arn", "a"),
    over(SEG, 3, 1),
    over(SEG, 3, 1),
    over(SEG, 3),
    fc.oneof(fc.constant(""), fc.constant("111122223333"), over(SEG, 3)),
    over([...SEG, ":"], 6),
  )
  .map((p) => p.join(":"));

/** Patterns: mutate an input segment-wise, or draw independent segments, or raw strings. */
const segPattern = (maxLength: number, colon: boolean) => over([...SEG, ...WILD, ...(colon ? [":"] : [])], maxLength);
const arnPattern = fc.oneof(
  fc
    .tuple(fc.constantFrom("arn", "arn", "a*", "*"), segPattern(3, false), segPattern(3, false), segPattern(3, false), segPattern(3, false), segPattern(6, true))
    .map((p) => p.join(":")),
  fc.constant("*"),
);
const mutate = (s: string) =>
  fc.array(fc.tuple(fc.nat({ max: s.length }), fc.constantFrom("*", "?", "del")), { maxLength: 3 }).map((edits) => {
    const cps = [...s];
    for (const [at, op] of edits) {
      const i = Math.min(at, Math.max(0, cps.length - 1));
      if (op === "del") cps.splice(i, 1);
      else cps.splice(i, 1, op);
    }
    return cps.join("");
  });
const pair = fc.oneof(
  { weight: 2, arbitrary: fc.record({ pattern: arnPattern, input: arnInput }) },
  { weight: 3, arbitrary: arnInput.chain((input) => mutate(input).map((pattern) => ({ pattern, input }))) },
  {
    weight: 1,
    arbitrary: fc.record({ pattern: over([...SEG, ...WILD, ":"], 14), input: over([...SEG, ":"], 14) }),
  },
);

/**
 * The decision for a request of `input`, or undefined when the engine refuses `input` as a
 * request's resource (issue 12: `*` or an ARN whose account is empty, 12 digits or `aws`):
 * such inputs never reach the core through `Resource`; ArnLike below still matches them.
 */
function decideResource(input: string, policy: CompiledPolicyLike): string | undefined {
  try {
    return engine.authorize({ principal: PRINCIPAL, action: "s3:GetObject", resource: input }, { identity: [policy as never] }).decision;
  } catch (e) {
    if (e instanceof RequestError && e.code === "INVALID_RESOURCE") return undefined;
    throw e;
  }
}
type CompiledPolicyLike = { dispose(): void };

function compileOrSkip(doc: unknown) {
  try {
    return engine.compile(doc, { kind: "identity" });
  } catch (e) {
    if (e instanceof PolicyValidationError) return undefined;
    throw e;
  }
}

describe("Resource element matches like the ARN reference", () => {
  it("six-part patterns and inputs of any shape", () => {
    const seen = { Allow: 0, ImplicitDeny: 0, skipped: 0 } as Record<string, number>;
    fc.assert(
      fc.property(pair, ({ pattern, input }) => {
        const expected = arnReference(pattern, input);
        if (expected === undefined) {
          // A pattern that is not a six-part ARN: the rules above only fix the short-input case.
          if (arnParts(input) !== undefined) {
            seen.skipped++;
            return;
          }
        }
        const policy = compileOrSkip({ Version: "2012-10-17", Statement: { Effect: "Allow", Action: "s3:GetObject", Resource: pattern } });
        if (!policy) {
          seen.skipped++;
          return;
        }
        try {
          const decision = decideResource(input, policy);
          if (decision === undefined) {
            seen.skipped++;
            return;
          }
          const want = expected ? "Allow" : "ImplicitDeny";
          expect(decision, `Resource ${JSON.stringify(pattern)} vs ${JSON.stringify(input)}`).toBe(want);
          seen[want]++;
        } finally {
          policy.dispose();
        }
      }),
      // 3,000 runs: about three in four draws are skipped, and at 1,500 the ImplicitDeny count
      // (85 to 123 over ten seeds) fell under the floor below in about one unseeded run in 50.
      fcParams(3000),
    );
    expect(seen.Allow).toBeGreaterThan(80);
    expect(seen.ImplicitDeny).toBeGreaterThan(80);
  });

  it("NotResource is the complement for six-part inputs", () => {
    fc.assert(
      fc.property(pair, ({ pattern, input }) => {
        const expected = arnReference(pattern, input);
        if (expected === undefined || arnParts(input) === undefined) return;
        const policy = compileOrSkip({ Version: "2012-10-17", Statement: { Effect: "Allow", Action: "s3:GetObject", NotResource: pattern } });
        if (!policy) return;
        try {
          const decision = decideResource(input, policy);
          if (decision !== undefined) expect(decision).toBe(expected ? "ImplicitDeny" : "Allow");
        } finally {
          policy.dispose();
        }
      }),
      fcParams(200),
    );
  });

  // Engine bug reported to the lead: the literal fast path (no `*`/`?`) compares bytes and skips
  // the "input with fewer than six parts never matches" rule that the wildcard path applies, so
  // `"Resource": "foo"` matches resource `foo` while `"Resource": "fo?"` does not. Both patterns
  // draw only the INVALID_RESOURCE warning. When fixed, this test fails: turn it into `it`.
  it("a non-ARN literal Resource never matches (wildcard-free and wildcard forms agree)", () => {
    const decide = (pattern: string, input: string) => {
      const p = engine.compile({ Version: "2012-10-17", Statement: { Effect: "Allow", Action: "s3:GetObject", Resource: pattern } }, { kind: "identity" });
      try {
        return engine.authorize({ principal: PRINCIPAL, action: "s3:GetObject", resource: input }, { identity: [p] }).decision;
      } finally {
        p.dispose();
      }
    };
    // Since issue 12 a request's resource must be `*` or an ARN: `foo` no longer reaches the core.
    expect(() => decide("fo?", "foo")).toThrow(expect.objectContaining({ code: "INVALID_RESOURCE" }));
    expect(() => decide("foo", "foo")).toThrow(expect.objectContaining({ code: "INVALID_RESOURCE" }));
  });

  it("documented examples", () => {
    const decide = (pattern: string, input: string) => {
      const p = engine.compile({ Version: "2012-10-17", Statement: { Effect: "Allow", Action: "s3:GetObject", Resource: pattern } }, { kind: "identity" });
      try {
        return engine.authorize({ principal: PRINCIPAL, action: "s3:GetObject", resource: input }, { identity: [p] }).decision;
      } finally {
        p.dispose();
      }
    };
    // "Resource": `*` in the resource part spans `/` and `:`.
    expect(decide("arn:aws:s3:::bkt/*", "arn:aws:s3:::bkt/a/b")).toBe("Allow");
    expect(decide("arn:aws:logs:us-east-1:111122223333:log-group:*", "arn:aws:logs:us-east-1:111122223333:log-group:x:log-stream:y")).toBe("Allow");
    // `*` in the region part does not cross a colon: it would have to take `a:111122223333`. (The
    // input was `arn:aws:s3:a:b:111122223333:x` before issue 12, whose account `b` is now refused.)
    expect(decide("arn:aws:s3:*:111122223333:x", "arn:aws:s3:a:111122223333:111122223333:x")).toBe("ImplicitDeny");
    // Case-sensitive.
    expect(decide("arn:aws:s3:::Bkt/*", "arn:aws:s3:::bkt/a")).toBe("ImplicitDeny");
  });
});

describe("ArnLike matches like the ARN reference", () => {
  function arnLike(pattern: string, input: string, op = "ArnLike") {
    const policy = compileOrSkip({
      Version: "2012-10-17",
      Statement: { Effect: "Allow", Action: "s3:GetObject", Resource: "*", Condition: { [op]: { "aws:SourceArn": pattern } } },
    });
    if (!policy) return undefined;
    try {
      return engine.authorize({ principal: PRINCIPAL, action: "s3:GetObject", resource: "*", context: { "aws:SourceArn": input } }, { identity: [policy] }).decision;
    } finally {
      policy.dispose();
    }
  }

  it("per-part matching, and ArnEquals ≡ ArnLike", () => {
    const seen = { Allow: 0, ImplicitDeny: 0, skipped: 0 } as Record<string, number>;
    fc.assert(
      fc.property(pair, fc.constantFrom("ArnLike", "ArnEquals"), ({ pattern, input }, op) => {
        let expected = arnReference(pattern, input);
        // A pattern with fewer than six parts matches nothing under the ARN operators.
        if (expected === undefined) expected = false;
        const d = arnLike(pattern, input, op);
        if (d === undefined) {
          seen.skipped++;
          return;
        }
        const want = expected ? "Allow" : "ImplicitDeny";
        expect(d, `${op} ${JSON.stringify(pattern)} vs ${JSON.stringify(input)}`).toBe(want);
        seen[want]++;
      }),
      fcParams(1500),
    );
    expect(seen.Allow).toBeGreaterThan(80);
    expect(seen.ImplicitDeny).toBeGreaterThan(80);
  });

  it("ArnNotLike is the negation (NOR over one value) when the key is present", () => {
    fc.assert(
      fc.property(pair, ({ pattern, input }) => {
        const expected = arnReference(pattern, input) ?? false;
        const d = arnLike(pattern, input, "ArnNotLike");
        if (d === undefined) return;
        expect(d).toBe(expected ? "ImplicitDeny" : "Allow");
      }),
      fcParams(200),
    );
  });

  it("the documented example: ArnLike differs from StringLike", () => {
    const pattern = "arn:aws:someservice:*:111122223333:finance/*";
    const input = "arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/x";
    expect(arnLike(pattern, input)).toBe("ImplicitDeny");
    const p = engine.compile(
      { Version: "2012-10-17", Statement: { Effect: "Allow", Action: "s3:GetObject", Resource: "*", Condition: { StringLike: { "aws:SourceArn": pattern } } } },
      { kind: "identity" },
    );
    expect(engine.authorize({ principal: PRINCIPAL, action: "s3:GetObject", context: { "aws:SourceArn": input } }, { identity: [p] }).decision).toBe("Allow");
    p.dispose();
  });
});
