/**
 * Linked bundles of more than eight policies leave out, per request action, the policies none
 * of whose statements could match it (engine.ts ActionFilter). That must never change a
 * decision: random sets of policies with exact, wildcard, mixed-case and NotAction actions are
 * decided through a bundle and through the plain set, and must agree.
 */
import { beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { createEngine, type Engine } from "../../js/index.ts";

let engine: Engine;
beforeAll(async () => {
  engine = await createEngine();
});

const services = ["s3", "ec2", "sqs", "S3", "dynamodb"];
const names = ["GetObject", "getobject", "PutObject", "Get*", "*Object", "Get?bject", "Describe*", "*", "List*", "g*t*"];
const actionPattern = fc.oneof(
  fc.tuple(fc.constantFrom(...services), fc.constantFrom(...names)).map(([s, n]) => `${s}:${n}`),
  fc.constant("*"),
);
const statement = fc.record({
  Effect: fc.constantFrom("Allow", "Deny"),
  not: fc.boolean(),
  actions: fc.array(actionPattern, { minLength: 1, maxLength: 3 }),
});
const policy = fc.array(statement, { minLength: 1, maxLength: 3 }).map((statements) => ({
  Version: "2012-10-17",
  Statement: statements.map((s) => ({ Effect: s.Effect, [s.not ? "NotAction" : "Action"]: s.actions, Resource: "*" })),
}));
const requestAction = fc.tuple(fc.constantFrom("s3", "S3", "ec2", "sqs", "iam"), fc.constantFrom("GetObject", "GETOBJECT", "PutObject", "DescribeInstances", "ListBuckets", "éclair", "Gxbject")).map(([s, n]) => `${s}:${n}`);

describe("linked-set action filter", () => {
  it("never changes a decision", () => {
    let filteredRuns = 0;
    fc.assert(
      fc.property(fc.array(policy, { minLength: 9, maxLength: 14 }), fc.array(requestAction, { minLength: 1, maxLength: 8 }), (docs, actions) => {
        const identity = docs.map((d, i) => engine.compile(d, { kind: "identity", id: `p${i}` }));
        try {
          const bundle = engine.link({ identity });
          for (const action of actions) {
            const req = { principal: "arn:aws:iam::111122223333:user/alice", action, resource: "arn:aws:s3:::b/k" };
            const plain = engine.authorize(req, { identity });
            const linked = engine.authorize(req, bundle);
            expect(linked).toEqual(plain);
            expect(engine.authorizeBatch([req], bundle)).toEqual([plain.decision]);
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
