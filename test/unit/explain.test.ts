/**
 * engine.explain: the per-statement explanation must agree with the decision it accompanies.
 * Checked on hand-made cases and, as an invariant, over the whole conformance corpus.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { createEngine, type Engine, type PolicySet } from "../../js/index.ts";
import { readSuiteInput } from "../shared/read-cases.node.ts";
import { isTrustAction } from "../conformance/run-case.ts";

let engine: Engine;
beforeAll(async () => {
  engine = await createEngine();
});

const alice = "arn:aws:iam::111122223333:user/alice";

describe("explain", () => {
  it("says which element of each statement failed", () => {
    const p = engine.compile({
      Version: "2012-10-17",
      Statement: [
        { Sid: "Read", Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" },
        { Sid: "Other", Effect: "Allow", Action: "ec2:*", Resource: "*" },
        { Sid: "Team", Effect: "Deny", Action: "s3:*", Resource: "*", Condition: { StringEquals: { "aws:PrincipalTag/team": "red" }, Bool: { "aws:SecureTransport": "false" } } },
      ],
    }, { kind: "identity", id: "p" });
    const { result, policies } = engine.explain({ principal: alice, action: "s3:GetObject", resource: "arn:aws:s3:::b/k", context: { "aws:PrincipalTag/team": "red" } }, { identity: [p] });
    expect(result.decision).toBe("Allow");
    const [read, other, team] = policies[0].statements;
    expect(read).toMatchObject({ sid: "Read", applies: true, action: true, resource: true, principal: null });
    expect(other).toMatchObject({ sid: "Other", applies: false, action: false, resource: true });
    expect(team).toMatchObject({ sid: "Team", applies: false, action: true, resource: true });
    expect(team.conditions).toEqual([
      expect.objectContaining({ operator: "StringEquals", key: "aws:PrincipalTag/team", result: true, missing: false }),
      expect.objectContaining({ operator: "Bool", key: "aws:SecureTransport", result: false, missing: true }),
    ]);
    p.dispose();
  });

  it("reports principals for resource policies and null elements for trust policies", () => {
    const trust = engine.compile({ Version: "2012-10-17", Statement: { Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" } }, { kind: "trust" });
    const { policies } = engine.explain({ principal: "lambda.amazonaws.com", action: "sts:AssumeRole", resource: "arn:aws:iam::111122223333:role/r" }, { resource: trust });
    expect(policies[0]).toMatchObject({ kind: "trust", statements: [{ applies: false, action: true, resource: null, principal: false }] });
    trust.dispose();
  });

  it("agrees with the decision on every conformance case", () => {
    const { cases } = readSuiteInput();
    let checked = 0;
    for (const c of cases) {
      if (!c.request || !c.policies) continue;
      const compiled: { dispose(): void }[] = [];
      const compile = (doc: unknown, kind: string) => {
        const p = engine.compile(doc, { kind: kind as never, id: `${kind}-${compiled.length}` });
        compiled.push(p);
        return p;
      };
      const set: PolicySet = {};
      const pol = c.policies;
      if (pol.identity) set.identity = pol.identity.map((d) => compile(d, "identity"));
      if (pol.boundary !== undefined) set.boundary = compile(pol.boundary, "boundary");
      if (pol.session) set.session = pol.session.map((d) => compile(d, "session"));
      if (pol.resource !== undefined) set.resource = compile(pol.resource, isTrustAction(c.request.action) ? "trust" : "resource");
      if (pol.scp) set.scp = pol.scp.map((l) => l.map((d) => compile(d, "scp")));
      if (pol.rcp) set.rcp = pol.rcp.map((l) => l.map((d) => compile(d, "rcp")));
      const { result, policies } = engine.explain(c.request as never, set);
      const applying = policies.flatMap((p) => p.statements.filter((s) => s.applies).map((s) => ({ id: p.policyId, s })));
      // Each statement that applies has every element and condition matching, and vice versa;
      // a policy that does not apply to the principal (SCPs for services) has none that apply.
      for (const p of policies) for (const s of p.statements) {
        expect(s.applies).toBe(p.evaluated && s.action && s.resource !== false && s.principal !== false && s.conditions.every((x) => x.result));
      }
      const key = (id: string, i: number) => `${id}#${i}`;
      const matched = new Set(result.matchedStatements.map((m) => key(m.policyId, m.statementIndex)));
      if (result.decision === "ExplicitDeny") {
        // The deciding statements are exactly the Deny statements that apply.
        const denies = new Set(applying.filter((a) => a.s.effect === "Deny").map((a) => key(a.id, a.s.statementIndex)));
        expect([c.id, [...matched].sort()]).toEqual([c.id, [...denies].sort()]);
      } else {
        // No Deny applies, and every matched statement is one that applies.
        expect([c.id, applying.some((a) => a.s.effect === "Deny")]).toEqual([c.id, false]);
        const applies = new Set(applying.map((a) => key(a.id, a.s.statementIndex)));
        for (const m of matched) expect([c.id, m, applies.has(m)]).toEqual([c.id, m, true]);
      }
      compiled.forEach((p) => p.dispose());
      checked++;
    }
    expect(checked).toBeGreaterThan(400);
  });
});
