/**
 * A set's first call (issue 17) selects the statements of members with many action patterns
 * (js/engine/action-filter.ts remembers their selections per action; policy-set.ts FlatWords
 * writes them): the core then skips scanning those patterns. Its decisions must equal the
 * unselected decision (a bundle's first request of an action) and the bundle's selected one.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { createEngine, type CompiledPolicy, type Engine } from "../../js/index.ts";
import { MIN_REMEMBERING_PATTERNS } from "../../js/engine/limits.ts";

const alice = "arn:aws:iam::111122223333:user/alice";
const services = ["s3", "ec2", "iam", "sqs", "sns", "dynamodb", "kms", "lambda"];
const verbs = ["Get", "Put", "Describe", "List", "Delete", "Create", "Update", "Tag"];
const nouns = ["Object", "Bucket", "Instances", "Role", "Queue", "Topic", "Item", "Key", "Function"];

let engine: Engine;
let big: CompiledPolicy;
const fillers: CompiledPolicy[] = [];

beforeAll(async () => {
  engine = await createEngine();
  // Exact actions, `Prefix*` and `service:*` patterns, and a NotAction Deny: well over
  // MIN_REMEMBERING_PATTERNS patterns in all.
  const allow: string[] = [];
  for (const s of services) for (const v of verbs.slice(0, 4)) allow.push(`${s}:${v}${nouns[(s.length + v.length) % nouns.length]}`);
  for (const s of services.slice(0, 4)) allow.push(`${s}:List*`, `${s}:Describe*`);
  allow.push("lambda:*", "kms:Get?eyPolicy");
  const notAction = services.flatMap((s) => [`${s}:Get*`, `${s}:List*`, `${s}:Describe*`]);
  big = engine.compile({
    Version: "2012-10-17",
    Statement: [
      { Sid: "Many", Effect: "Allow", Action: allow, Resource: "*" },
      { Sid: "Guard", Effect: "Deny", NotAction: notAction, Resource: "*", Condition: { BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } } },
      { Sid: "Tags", Effect: "Allow", Action: services.map((s) => `${s}:Tag*`), Resource: "arn:aws:s3:::tagged/*" },
      { Sid: "NoDelete", Effect: "Deny", Action: services.map((s) => `${s}:Delete*`), Resource: "*" },
    ],
  }, { kind: "identity", id: "big" });
  expect(allow.length + notAction.length).toBeGreaterThanOrEqual(MIN_REMEMBERING_PATTERNS);
  for (let i = 0; i < 40; i++) {
    fillers.push(engine.compile({ Version: "2012-10-17", Statement: { Effect: "Allow", Action: `sqs:Send${i}*`, Resource: "*" } }, { kind: "identity", id: `f${i}` }));
  }
});

describe("a first call on a set with a policy of many action patterns", () => {
  it("decides as the unselected and the selected paths do, for every action", () => {
    const actions = services.flatMap((s) => verbs.flatMap((v) => nouns.slice(0, 5).map((n) => `${s}:${v}${n}`)));
    actions.push("KMS:GetKeyPolicy", "Lambda:InvokeFunction", "s3:getobject");
    let fresh = 0;
    const linksBefore = engine.stats.setLinks;
    for (const action of actions) {
      for (const [resource, mfa] of [["arn:aws:s3:::tagged/k", "true"], ["arn:aws:s3:::other/k", "false"], ["*", undefined]] as const) {
        const request = { principal: alice, action, resource, context: mfa === undefined ? {} : { "aws:MultiFactorAuthPresent": mfa } };
        // A bundle of its own: its first request of the action is decided unselected, the next one selected.
        const bundle = engine.link({ identity: [big, fillers[0]] });
        const unselected = engine.authorize(request, bundle);
        engine.authorize(request, bundle);
        const selected = engine.authorize(request, bundle);
        // A set never passed before, each time (another pair of fillers), then the big policy.
        const a = fresh % 40;
        const b = (a + 1 + Math.floor(fresh++ / 40)) % 40;
        const first = engine.authorize(request, { identity: [fillers[a], fillers[b], big] });
        const firstBig = engine.authorize(request, { identity: [big] });
        expect(selected).toEqual(unselected);
        expect({ ...first, matchedStatements: first.matchedStatements.filter((m) => m.policyId === "big") }).toEqual(unselected);
        expect(firstBig.decision).toBe(unselected.decision);
      }
    }
    // Every set of fillers was a first call, never linked: only `{ identity: [big] }` was.
    expect(fresh).toBeLessThan(40 * 39);
    expect(engine.stats.setLinks - linksBefore).toBe(1);
  });
});
