/**
 * Linked bundles select, per request action, exactly the statements whose action applies, and
 * leave out identity, SCP and RCP policies with none (action-filter.ts, decisions/0007).
 * That must never change a result: random sets of policies with exact, wildcard, mixed-case and
 * NotAction actions, in every slot of a policy set, are decided through a bundle and through
 * the plain set, and must agree in full (decision, reason, matched statements).
 */
import { beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { createEngine, RequestError, type Engine } from "../../js/index.ts";

let engine: Engine;
beforeAll(async () => {
  engine = await createEngine();
});

/**
 * What a call gives: its value, or the code of the RequestError it throws. Since issue 12 the
 * engine refuses request actions that are not `service:Action` in ASCII (`s3:éclair`); the
 * linked set must refuse exactly what the plain set refuses.
 */
function outcome<T>(call: () => T): T | string {
  try {
    return call();
  } catch (e) {
    if (e instanceof RequestError) return `RequestError:${e.code}`;
    throw e;
  }
}

const services = ["s3", "ec2", "sqs", "S3", "dynamodb"];
const names = ["GetObject", "getobject", "PutObject", "Get*", "*Object", "Get?bject", "Describe*", "*", "List*", "g*t*", "Key?", "s?t", "*bject"];
const actionPattern = fc.oneof(
  fc.tuple(fc.constantFrom(...services), fc.constantFrom(...names)).map(([s, n]) => `${s}:${n}`),
  fc.constant("*"),
);
// Conditions and variables, so that which context keys a request needs depends on the
// statements selected for its action (engine.ts writes only those).
const condition = fc.constantFrom(
  undefined,
  { StringEquals: { "aws:PrincipalTag/team": "web" } },
  { StringLike: { "s3:prefix": ["${aws:username}/*"] } },
  { Bool: { "aws:MultiFactorAuthPresent": "true" } },
  { StringEqualsIfExists: { "aws:RequestTag/env": "prod" } },
  { Null: { "aws:TokenIssueTime": "true" } },
);
const resource = fc.constantFrom("*", "arn:aws:s3:::b/*", "arn:aws:s3:::b/${aws:username}", "arn:aws:s3:::${aws:PrincipalTag/team}/*");
const statement = fc.record({
  Effect: fc.constantFrom("Allow", "Deny"),
  not: fc.boolean(),
  actions: fc.array(actionPattern, { minLength: 1, maxLength: 3 }),
  resource,
  condition,
});
const policy = fc.array(statement, { minLength: 1, maxLength: 3 }).map((statements) => ({
  Version: "2012-10-17",
  Statement: statements.map((s) => ({
    Effect: s.Effect, [s.not ? "NotAction" : "Action"]: s.actions, Resource: s.resource,
    ...(s.condition ? { Condition: s.condition } : {}),
  })),
}));
// Keys in the spellings callers use, some in other cases (keys are case-insensitive).
const context = fc.record({
  "aws:PrincipalTag/team": fc.constantFrom("web", "b"),
  "aws:username": fc.constantFrom("alice", "k"),
  "AWS:MultiFactorAuthPresent": fc.constantFrom("true", "false"),
  "s3:prefix": fc.constantFrom("alice/x", "k/"),
  "aws:requesttag/env": fc.constantFrom("prod", "dev"),
  "aws:TokenIssueTime": fc.constant("2024-01-01T00:00:00Z"),
}, { requiredKeys: [] });
const requestAction = fc.tuple(fc.constantFrom("s3", "S3", "ec2", "sqs", "iam"), fc.constantFrom(
  "GetObject", "GETOBJECT", "PutObject", "DescribeInstances", "ListBuckets", "éclair", "Gxbject",
  // Request actions are any text: the selection must match them exactly as the core does
  // (ASCII-only case folding: not the Kelvin sign as `k` nor `ſ` as `s`; `?` is one code point,
  // astral or a lone surrogate).
  "KEYX", "\u212Aeyx", "\u017Fet", "SET", "Get\uD800bject", "Get\u{1D4B3}bject", "Get\u{1D4B3}\u{1D4B3}bject",
)).map(([s, n]) => `${s}:${n}`);

describe("linked-set action filter", () => {
  it("never changes a decision", () => {
    let filteredRuns = 0;
    fc.assert(
      fc.property(fc.array(policy, { minLength: 9, maxLength: 14 }), fc.array(fc.tuple(requestAction, context), { minLength: 1, maxLength: 8 }), (docs, requests) => {
        const identity = docs.map((d, i) => engine.compile(d, { kind: "identity", id: `p${i}` }));
        try {
          const bundle = engine.link({ identity });
          for (const [action, ctx] of requests) {
            const req = { principal: "arn:aws:iam::111122223333:user/alice", action, resource: "arn:aws:s3:::b/k", context: ctx };
            const plain = outcome(() => engine.authorize(req, { identity }));
            const linked = outcome(() => engine.authorize(req, bundle));
            expect(linked).toEqual(plain);
            const batch = outcome(() => engine.authorizeBatch([req], bundle));
            expect(batch).toEqual(typeof plain === "string" ? plain : [plain.decision]);
          }
          filteredRuns++;
        } finally {
          identity.forEach((p) => p.dispose());
        }
      }),
      { numRuns: 150 },
    );
    expect(filteredRuns).toBe(150);
  });
});

const withPrincipal = (doc: { Version: string; Statement: object[] }) => ({
  ...doc,
  Statement: doc.Statement.map((st) => ({ ...st, Principal: { AWS: "arn:aws:iam::111122223333:user/alice" } })),
});
// RCPs: Deny only, a Principal, Action without a bare `*` ("Resource control policies (RCPs)").
const rcpPolicy = fc.array(fc.array(actionPattern.filter((a) => a !== "*"), { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 3 })
  .map((statements) => ({
    Version: "2012-10-17",
    Statement: statements.map((actions) => ({ Effect: "Deny", Principal: "*", Action: actions, Resource: "*" })),
  }));
const slots = fc.record({
  identity: fc.array(policy, { minLength: 1, maxLength: 4 }),
  boundary: fc.option(policy, { nil: undefined }),
  session: fc.option(policy, { nil: undefined }),
  resource: fc.option(policy.map(withPrincipal), { nil: undefined }),
  scp: fc.array(fc.array(policy, { minLength: 1, maxLength: 2 }), { maxLength: 2 }),
  rcp: fc.array(fc.array(rcpPolicy, { minLength: 1, maxLength: 2 }), { maxLength: 1 }),
});

describe("statement selection in every slot of a set", () => {
  it("never changes a result", () => {
    let selected = 0;
    fc.assert(
      fc.property(slots, fc.array(fc.tuple(requestAction, context), { minLength: 1, maxLength: 6 }), fc.boolean(), (docs, requests, crossAccount) => {
        const all: { dispose(): void }[] = [];
        const c = <K extends "identity" | "boundary" | "session" | "resource" | "scp" | "rcp">(d: object, kind: K, i: number) => {
          const p = engine.compile(d, { kind, id: `${kind}${i}` });
          all.push(p);
          return p;
        };
        try {
          const set = {
            identity: docs.identity.map((d, i) => c(d, "identity", i)),
            boundary: docs.boundary && c(docs.boundary, "boundary", 0),
            session: docs.session ? [c(docs.session, "session", 0)] : undefined,
            resource: docs.resource && c(docs.resource, "resource", 0),
            scp: docs.scp.map((level, l) => level.map((d, i) => c(d, "scp", 10 * l + i))),
            rcp: docs.rcp.map((level, l) => level.map((d, i) => c(d, "rcp", 10 * l + i))),
          };
          const bundle = engine.link(set);
          for (const [action, ctx] of requests) {
            const req = {
              principal: "arn:aws:iam::111122223333:user/alice", action, resource: "arn:aws:s3:::b/k", context: ctx,
              ...(crossAccount ? { resourceAccount: "444455556666" } : {}),
            };
            expect(outcome(() => engine.authorize(req, bundle))).toEqual(outcome(() => engine.authorize(req, set)));
          }
          if (all.length > 0) selected++;
        } finally {
          all.forEach((p) => p.dispose());
        }
      }),
      { numRuns: 200 },
    );
    expect(selected).toBe(200);
  });
});
