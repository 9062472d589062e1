/**
 * Wildcard matching on long inputs, where the core takes its linear matcher (assembly/match/
 * glob-linear.ts: segments between `*`s found by KMP or Shift-And, issue 13) instead of the
 * two-pointer one: patterns with many `*`s and `?`s against texts of hundreds of characters.
 * Two oracles, both written from the AWS rules:
 * - a regular expression (`*` any run, `?` one code point: "IAM JSON policy elements: Condition
 *   operators", StringLike), on inputs short enough for a backtracking RegExp with few stars;
 * - the JavaScript matcher of the policy layer (js/policy/wildcard.ts, the two-pointer glob on
 *   code points), on all of them.
 * Exercised as StringLike (case-sensitive), Action (ASCII letters fold, "IAM JSON policy
 * elements: Action") and Resource (per ARN segment, "IAM JSON policy elements: Resource").
 */
import { beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import type { Engine } from "../../js/index.ts";
import { actionMatches, resourceMatches, wildcardMatch } from "../../js/policy/wildcard.ts";
import { fcParams, getEngine, globMatches, PRINCIPAL } from "./helpers.ts";

let engine: Engine;
beforeAll(async () => {
  engine = await getEngine();
});

/**
 * A pattern of up to `pieces` letters and `?`s with up to `stars` `*`s among them, and a text:
 * half the time an instance of the pattern (each `*` replaced by up to `stretch` letters, each
 * `?` by one), so that matches are common, with a few letters then overwritten; otherwise
 * independent. Most are long enough that pattern x text bytes pass the core's two-pointer limit
 * (4,096), and take the linear matcher.
 */
function patternAndText(letters: string[], pieces: number, stars: number, stretch: number): fc.Arbitrary<{ pattern: string; text: string }> {
  const pattern = fc
    .tuple(
      fc.array(fc.constantFrom(...letters, "?"), { minLength: 6, maxLength: pieces, size: "max" }),
      fc.array(fc.nat(), { minLength: 1, maxLength: stars, size: "max" }),
    )
    .map(([atoms, at]) => {
      const out = [...atoms];
      for (const k of at) out.splice(k % (out.length + 1), 0, "*");
      return out.join("");
    });
  const filler = (n: number) => fc.array(fc.constantFrom(...letters), { maxLength: n, size: "max" }).map((a) => a.join(""));
  const instance = pattern.chain((p) => {
    const parts = [...p].map((c) => (c === "*" ? filler(stretch) : c === "?" ? fc.constantFrom(...letters) : fc.constant(c)));
    return fc.tuple(fc.tuple(...parts), fc.nat({ max: 3 }), fc.constantFrom(...letters)).map(([filled, edits, letter]) => {
      const cps = [...filled.join("")];
      for (let k = 0; k < edits && cps.length > 0; k++) cps[(k * 7919) % cps.length] = letter;
      return { pattern: p, text: cps.join("") };
    });
  });
  const independent = fc.record({ pattern, text: filler(stretch * stars) });
  return fc.oneof(instance, independent);
}

/** StringLike in a resource policy (identity policies take only Latin-1: the astral letter needs this kind). */
function stringLike(pattern: string, text: string): string {
  const policy = engine.compile(
    {
      Version: "2012-10-17",
      Statement: { Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "*", Condition: { StringLike: { "aws:userid": pattern } } },
    },
    { kind: "resource" },
  );
  try {
    return engine.authorize({ principal: PRINCIPAL, action: "s3:GetObject", resource: "arn:aws:s3:::b/k", context: { "aws:userid": text } }, { resource: policy }).decision;
  } finally {
    policy.dispose();
  }
}

describe("long StringLike patterns and values", () => {
  it("agree with the policy layer's matcher (up to 60 pieces, values of hundreds of characters)", () => {
    const seen = { Allow: 0, ImplicitDeny: 0 } as Record<string, number>;
    fc.assert(
      fc.property(patternAndText(["a", "b", "é", "😀"], 40, 20, 40), ({ pattern, text }) => {
        const expected = wildcardMatch(pattern, text) ? "Allow" : "ImplicitDeny";
        expect(stringLike(pattern, text)).toBe(expected);
        seen[expected]++;
      }),
      fcParams(400),
    );
    expect(seen.Allow).toBeGreaterThan(40);
    expect(seen.ImplicitDeny).toBeGreaterThan(40);
  });

  it("agree with the regular-expression oracle (at most 3 stars)", () => {
    let allowed = 0;
    fc.assert(
      fc.property(patternAndText(["a", "b", "é"], 30, 3, 80), ({ pattern, text }) => {
        const expected = globMatches(pattern, text) ? "Allow" : "ImplicitDeny";
        expect(stringLike(pattern, text)).toBe(expected);
        if (expected === "Allow") allowed++;
      }),
      fcParams(300),
    );
    expect(allowed).toBeGreaterThan(10);
  });
});

describe("long Action and Resource patterns", () => {
  it("Action: ASCII letters fold, as the policy layer's matcher says", () => {
    fc.assert(
      fc.property(patternAndText(["a", "b", "A", "B"], 40, 20, 8), fc.boolean(), ({ pattern, text }, upper) => {
        // A request names an action (`s3:` is refused as INVALID_ACTION, docs/errors.md).
        fc.pre(text !== "");
        // Actions are at most 128 characters (docs/limits.md); patterns have no such limit.
        const action = `s3:${upper ? text.toUpperCase() : text}`.slice(0, 128);
        const policy = engine.compile({ Version: "2012-10-17", Statement: { Effect: "Allow", Action: `s3:${pattern}`, Resource: "*" } }, { kind: "identity" });
        try {
          const expected = actionMatches(`s3:${pattern}`, action) ? "Allow" : "ImplicitDeny";
          expect(engine.authorize({ principal: PRINCIPAL, action, resource: "*" }, { identity: [policy] }).decision).toBe(expected);
        } finally {
          policy.dispose();
        }
      }),
      fcParams(300),
    );
  });

  it("Resource: the resource part of an ARN, as the policy layer's matcher says", () => {
    fc.assert(
      fc.property(patternAndText(["a", "b", "/", ":", "é"], 40, 20, 40), ({ pattern, text }) => {
        // An ARN has a resource part (`arn:aws:s3:::` is refused as INVALID_RESOURCE, docs/errors.md).
        fc.pre(text !== "");
        const resourcePattern = `arn:aws:s3:::${pattern}`;
        // Resources are at most 2,048 characters (docs/limits.md).
        const resource = `arn:aws:s3:::${text}`.slice(0, 2048);
        const policy = engine.compile({ Version: "2012-10-17", Statement: { Effect: "Allow", Action: "s3:GetObject", Resource: resourcePattern } }, { kind: "identity" });
        try {
          const expected = resourceMatches(resourcePattern, resource) ? "Allow" : "ImplicitDeny";
          expect(engine.authorize({ principal: PRINCIPAL, action: "s3:GetObject", resource }, { identity: [policy] }).decision).toBe(expected);
        } finally {
          policy.dispose();
        }
      }),
      fcParams(300),
    );
  });
});
