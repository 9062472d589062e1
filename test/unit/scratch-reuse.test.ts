/**
 * Requests point at the policy-set words and principal bytes an earlier request left in the
 * scratch instead of copying them again (request.ts ScratchMemo). Whatever order single calls,
 * batches (across chunks), explanations, scratch growth and different sets and principals come
 * in, every result must equal that of a fresh engine deciding the request alone.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { createEngine, type AuthorizationRequest, type CompiledPolicy, type Engine, type PolicyBundle, type PolicySet } from "../../js/index.ts";

const A = "111122223333";
const B = "444455556666";
const principals = [
  `arn:aws:iam::${A}:user/alice`,
  `arn:aws:sts::${A}:assumed-role/Ops/s1`,
  `arn:aws:iam::${A}:root`,
  `arn:aws:iam::${B}:user/bob`,
];
const docs = {
  s3: {
    Version: "2012-10-17",
    Statement: [
      { Effect: "Allow", Action: "s3:Get*", Resource: "arn:aws:s3:::data/${aws:username}/*" },
      { Effect: "Allow", Action: "s3:ListBucket", Resource: "arn:aws:s3:::data", Condition: { StringLike: { "s3:prefix": ["${aws:username}/*"] } } },
      { Effect: "Deny", Action: "s3:*", Resource: "arn:aws:s3:::data/secret/*" },
      { Effect: "Allow", Action: "s3:PutObject", Resource: "*", Condition: { StringEquals: { "aws:PrincipalTag/team": "web" } } },
    ],
  },
  ec2: {
    Version: "2012-10-17",
    Statement: [
      { Effect: "Allow", Action: "ec2:Describe*", Resource: "*" },
      { Effect: "Allow", Action: ["ec2:StartInstances", "ec2:StopInstances"], Resource: `arn:aws:ec2:*:${A}:instance/*`, Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" } } },
      { Effect: "Deny", Action: "ec2:StopInstances", Resource: `arn:aws:ec2:*:${A}:instance/i-prod*` },
    ],
  },
  broad: {
    Version: "2012-10-17",
    Statement: [
      { Effect: "Allow", Action: "sqs:*", Resource: "*" },
      { Effect: "Deny", NotAction: ["s3:*", "ec2:*", "sqs:*"], Resource: "*" },
    ],
  },
  bucket: {
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${B}:user/bob` }, Action: "s3:GetObject", Resource: "arn:aws:s3:::data/*" }],
  },
};

function requests(): AuthorizationRequest[] {
  const actions = ["s3:GetObject", "s3:ListBucket", "s3:PutObject", "ec2:DescribeInstances", "ec2:StopInstances", "sqs:SendMessage", "iam:ListUsers"];
  const resources = ["arn:aws:s3:::data/alice/a.txt", "arn:aws:s3:::data", "arn:aws:s3:::data/secret/x", `arn:aws:ec2:us-east-1:${A}:instance/i-prod1`, `arn:aws:ec2:us-east-1:${A}:instance/i-dev1`, "*"];
  const out: AuthorizationRequest[] = [];
  let k = 0;
  for (const principal of principals) {
    for (const action of actions) {
      for (const resource of resources) {
        k++;
        const context: Record<string, string | string[]> = { "aws:username": principal.endsWith("bob") ? "bob" : "alice" };
        if (k % 2) context["aws:PrincipalTag/team"] = "web";
        if (k % 3) context["aws:MultiFactorAuthPresent"] = k % 5 ? "true" : "false";
        if (k % 4 === 0) context["s3:prefix"] = ["alice/x", "bob/y"][k % 2];
        const req: AuthorizationRequest = { principal, action, resource, context };
        if (principal.includes(B)) req.resourceAccount = A;
        out.push(req);
      }
    }
  }
  // One request larger than the scratch so far: the scratch grows (and moves) mid-sequence.
  // (The longest resource is 2,048 characters, docs/limits.md: that is three times the first scratch's 4 KiB in UTF-8 at most.)
  out.splice(37, 0, { principal: principals[0], action: "s3:GetObject", resource: `arn:aws:s3:::data/alice/${"x".repeat(2_000)}`, context: { "aws:username": "alice" } });
  return out;
}

let engine: Engine;
let sets: (PolicySet | PolicyBundle)[];
beforeAll(async () => {
  engine = await createEngine();
  const c = (d: object, kind: "identity" | "resource", id: string): CompiledPolicy => engine.compile(d, { kind, id });
  const s3 = c(docs.s3, "identity", "s3");
  const ec2 = c(docs.ec2, "identity", "ec2");
  const broad = c(docs.broad, "identity", "broad");
  const bucket = c(docs.bucket, "resource", "bucket");
  sets = [
    engine.link({ identity: [s3, ec2, broad], resource: bucket }), // 10 statements: selected per action
    engine.link({ identity: [s3] }),
    { identity: [s3, ec2, broad] }, // a plain set: its words are built per call
    engine.link({ identity: [ec2, broad] }),
  ];
});

/** Each request decided by a new engine, alone: nothing left over to reuse. */
async function reference(reqs: AuthorizationRequest[], setIndex: number): Promise<unknown[]> {
  const fresh = await createEngine();
  const c = (d: object, kind: "identity" | "resource", id: string) => fresh.compile(d, { kind, id });
  const s3 = c(docs.s3, "identity", "s3");
  const ec2 = c(docs.ec2, "identity", "ec2");
  const broad = c(docs.broad, "identity", "broad");
  const bucket = c(docs.bucket, "resource", "bucket");
  const set: PolicySet = [
    { identity: [s3, ec2, broad], resource: bucket },
    { identity: [s3] },
    { identity: [s3, ec2, broad] },
    { identity: [ec2, broad] },
  ][setIndex];
  return reqs.map((r) => fresh.authorize(r, set));
}

describe("reusing what earlier requests left in the scratch", () => {
  it("single calls alternating sets and principals match a fresh engine", async () => {
    const reqs = requests();
    const want = await Promise.all(sets.map((_, i) => reference(reqs, i)));
    for (let round = 0; round < 2; round++) {
      reqs.forEach((r, i) => {
        const s = (i + round) % sets.length;
        expect(engine.authorize(r, sets[s])).toEqual(want[s][i]);
      });
    }
  });

  it("a request that grows (and moves) the scratch does not reuse what the old one held", async () => {
    const fresh = await createEngine();
    const c = (d: object, kind: "identity" | "resource", id: string) => fresh.compile(d, { kind, id });
    const bundle = fresh.link({ identity: [c(docs.s3, "identity", "s3"), c(docs.ec2, "identity", "ec2"), c(docs.broad, "identity", "broad")], resource: c(docs.bucket, "resource", "bucket") });
    const bob = { principal: principals[3], action: "s3:GetObject", resourceAccount: A, context: { "aws:username": "bob" } };
    // Same principal and set, then a request too large for the scratch: it must copy both again.
    expect(fresh.authorize({ ...bob, resource: "arn:aws:s3:::data/bob/a" }, bundle).decision).toBe("Allow");
    const big = fresh.authorize({ ...bob, resource: `arn:aws:s3:::data/bob/${"y".repeat(2_000)}` }, bundle);
    expect(big.decision).toBe("Allow");
    expect(big.reason.code).toBe("ResourceAllow");
  });

  it("batches across chunks, interleaved with single calls and explanations, match too", async () => {
    const reqs = requests();
    // Many chunks (engine.ts BATCH_CHUNK).
    const many = [...reqs, ...reqs, ...reqs, ...reqs, ...reqs, ...reqs, ...reqs];
    expect(many.length).toBeGreaterThan(1024);
    for (let s = 0; s < sets.length; s++) {
      const want = (await reference(reqs, s)) as { decision: string }[];
      const got = engine.authorizeBatch(many, sets[s]);
      expect(got).toEqual(many.map((_, i) => want[i % reqs.length].decision));
      // A single call and an explanation between batches see their own request only.
      expect(engine.authorize(reqs[5], sets[(s + 1) % sets.length])).toEqual((await reference([reqs[5]], (s + 1) % sets.length))[0]);
      expect(engine.explain(reqs[9], sets[s]).result).toEqual(want[9]);
      const details = engine.authorizeBatch(reqs, sets[s], { details: true });
      expect(details).toEqual(want);
    }
  });
});
