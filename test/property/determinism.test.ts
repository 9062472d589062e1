/**
 * Encode stability and bounded matching.
 * - Compiling the same document twice (same engine, a fresh engine, object or JSON text) gives
 *   the same decisions, matched statements and missing context values for many requests.
 * - Wildcard matching is not backtracking-exponential: `*a*a*a*a*a*a*a*a*b` against 100,000
 *   `a` characters decides (no match). Only the result is asserted, never timing.
 */
import { describe, it, expect, beforeAll } from "vitest";
import fc from "fast-check";
import { createEngine, type AuthorizationResult, type CompiledPolicy, type Engine, type PolicyKind } from "../../js/index.ts";
import { fcParams, getEngine, PRINCIPAL } from "./helpers.ts";
import { hostileRequest, policyDoc } from "./arbitraries.ts";

let engine: Engine;
let fresh: Engine;
beforeAll(async () => {
  engine = await getEngine();
  fresh = await createEngine();
});

function summary(e: Engine, request: unknown, p: CompiledPolicy, kind: PolicyKind): unknown {
  const set = kind === "identity" ? { identity: [p] } : kind === "resource" ? { resource: p } : { scp: [[p]] };
  try {
    const r: AuthorizationResult = e.authorize(request as never, set);
    return {
      decision: r.decision,
      reason: r.reason,
      matched: r.matchedStatements.map((m) => [m.statementIndex, m.effect, m.sid]),
      missing: [...r.missingContextValues].map((k) => k.toLowerCase()).sort(),
    };
  } catch (err) {
    return { error: (err as Error).name, code: (err as { code?: string }).code };
  }
}

describe("image determinism", () => {
  it("the same document compiled twice decides alike", () => {
    let compared = 0;
    fc.assert(
      fc.property(
        policyDoc,
        fc.constantFrom<PolicyKind>("identity", "resource", "scp"),
        fc.array(hostileRequest, { minLength: 5, maxLength: 15 }),
        (doc, kind, requests) => {
          if (engine.validate(doc, { kind }).some((d) => d.severity === "error")) return;
          const a = engine.compile(doc, { kind, id: "a" });
          const b = engine.compile(doc, { kind, id: "a" });
          const c = fresh.compile(JSON.stringify(doc), { kind, id: "a" });
          try {
            // Same bytes from the same engine (a smoke check of encode stability).
            expect(Buffer.from(b.image).equals(Buffer.from(a.image))).toBe(true);
            for (const request of requests) {
              const want = summary(engine, request, a, kind);
              expect(summary(engine, request, b, kind)).toEqual(want);
              expect(summary(fresh, request, c, kind)).toEqual(want);
              compared++;
            }
          } finally {
            a.dispose();
            b.dispose();
            c.dispose();
          }
        },
      ),
      fcParams(300),
    );
    expect(compared).toBeGreaterThan(200);
  });

  it("disposing one copy leaves the other deciding the same", () => {
    const doc = { Version: "2012-10-17", Statement: { Effect: "Allow", Action: "s3:*", Resource: "arn:aws:s3:::b/${aws:username}/*" } };
    const a = engine.compile(doc, { kind: "identity" });
    const b = engine.compile(doc, { kind: "identity" });
    const req = { principal: PRINCIPAL, action: "s3:GetObject", resource: "arn:aws:s3:::b/alice/x", context: { "aws:username": "alice" } };
    expect(engine.authorize(req, { identity: [a] }).decision).toBe("Allow");
    a.dispose();
    expect(engine.authorize(req, { identity: [b] }).decision).toBe("Allow");
    b.dispose();
  });
});

describe("matching is linear, not backtracking", () => {
  // The longest texts a request may carry (docs/limits.md, "Engine"): a context value of 4,096,
  // a resource of 2,048 and an action of 128 characters. Before issue 13 set those limits these
  // cases used 100,000 characters, which the engine now refuses (REQUEST_TOO_LARGE).
  const many = "a".repeat(100_000);
  const evil = "*a*a*a*a*a*a*a*a*b";
  const longest = (n: number, prefix: string) => prefix + "a".repeat(n - prefix.length);

  it("StringLike `*a*a*a*a*a*a*a*a*b` against the longest context value", () => {
    const p = engine.compile(
      { Version: "2012-10-17", Statement: { Effect: "Allow", Action: "s3:GetObject", Resource: "*", Condition: { StringLike: { "aws:userid": [evil] } } } },
      { kind: "identity" },
    );
    const value = longest(4096, "");
    const r = engine.authorize({ principal: PRINCIPAL, action: "s3:GetObject", context: { "aws:userid": value } }, { identity: [p] });
    expect(r.decision).toBe("ImplicitDeny");
    expect(r.matchedStatements).toEqual([]);
    // The same shape that does match.
    expect(engine.authorize({ principal: PRINCIPAL, action: "s3:GetObject", context: { "aws:userid": value.slice(1) + "b" } }, { identity: [p] }).decision).toBe("Allow");
    expect(() => engine.authorize({ principal: PRINCIPAL, action: "s3:GetObject", context: { "aws:userid": many } }, { identity: [p] })).toThrow(expect.objectContaining({ code: "REQUEST_TOO_LARGE" }));
    p.dispose();
  });

  it("Resource and Action patterns of the same shape", () => {
    const p = engine.compile(
      { Version: "2012-10-17", Statement: [
        { Effect: "Allow", Action: "s3:GetObject", Resource: `arn:aws:s3:::${evil}` },
        { Effect: "Allow", Action: `s3:${evil}`, Resource: "*" },
      ] },
      { kind: "identity" },
    );
    expect(engine.authorize({ principal: PRINCIPAL, action: "s3:GetObject", resource: longest(2048, "arn:aws:s3:::") }, { identity: [p] }).decision).toBe("ImplicitDeny");
    expect(engine.authorize({ principal: PRINCIPAL, action: longest(128, "s3:"), resource: "arn:aws:s3:::x" }, { identity: [p] }).decision).toBe("ImplicitDeny");
    expect(() => engine.authorize({ principal: PRINCIPAL, action: "s3:GetObject", resource: `arn:aws:s3:::${many}` }, { identity: [p] })).toThrow(expect.objectContaining({ code: "REQUEST_TOO_LARGE" }));
    expect(() => engine.authorize({ principal: PRINCIPAL, action: `s3:${many}`, resource: "arn:aws:s3:::x" }, { identity: [p] })).toThrow(expect.objectContaining({ code: "REQUEST_TOO_LARGE" }));
    p.dispose();
  });
});
