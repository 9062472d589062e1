/**
 * One small, hand-written case per known difference: both engines' decisions as observed, and
 * the class that explains the disagreement. If iam-simulate changes its reading, the recorded
 * peer decision fails here first, and the class can be dropped from known-differences.ts.
 */
import { describe, it, expect, beforeAll } from "vitest";
import { createEngine, type Engine } from "../../js/index.ts";
import { ACCOUNT, OTHER_ACCOUNT, type DiffCase, type Policy } from "./generator.ts";
import { classify, decide } from "./compare.ts";
import { KNOWN_DIFFERENCES } from "./known-differences.ts";
import type { Decision } from "./engines.ts";

let engine: Engine;
beforeAll(async () => {
  engine = await createEngine();
});

const ALICE = `arn:aws:iam::${ACCOUNT}:user/alice`;
const BOB = `arn:aws:iam::${ACCOUNT}:user/bob`;
const SESSION = `arn:aws:sts::${ACCOUNT}:assumed-role/r1/s1`;
const SERVICE_LINKED_ROLE = `arn:aws:iam::${ACCOUNT}:role/aws-service-role/elasticbeanstalk.amazonaws.com/AWSServiceRoleForElasticBeanstalk`;
const KEY = `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const V = "2012-10-17";
const one = (statement: Policy, version: string | undefined = V): Policy => (version ? { Version: version, Statement: statement } : { Statement: statement });

function base(over: Partial<DiffCase>): DiffCase {
  return { id: -1, principal: ALICE, action: "s3:GetObject", resource: "arn:aws:s3:::bucket1/key1", resourceAccount: ACCOUNT, context: {}, identity: [], scp: [], rcp: [], ...over };
}

const EXAMPLES: Array<{ id: string; c: DiffCase; edge: Decision; peer: Decision }> = [
  {
    id: "unresolved-variable-in-NotResource",
    // aws:username is absent: the NotResource entry matches nothing, so the Deny covers every resource.
    c: base({ principal: SESSION, identity: [one({ Effect: "Deny", Action: "s3:*", NotResource: "arn:aws:s3:::bucket1/home/${aws:username}/*" })] }),
    edge: "ExplicitDeny",
    peer: "ImplicitDeny",
  },
  {
    id: "unresolved-variable-in-negated-condition",
    c: base({
      principal: SESSION,
      context: { "aws:PrincipalTag/team": "red" },
      identity: [one({ Effect: "Allow", Action: "s3:GetObject", Resource: "*", Condition: { StringNotEquals: { "aws:PrincipalTag/team": "${aws:username}" } } })],
    }),
    edge: "Allow",
    peer: "ImplicitDeny",
  },
  {
    id: "version-2008-literal-variables",
    c: base({
      resource: "arn:aws:s3:::bucket1/home/alice/doc",
      context: { "aws:username": "alice" },
      identity: [one({ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::bucket1/home/${aws:username}/*" }, "2008-10-17")],
    }),
    edge: "ImplicitDeny",
    peer: "Allow",
  },
  {
    id: "epoch-dates-are-seconds",
    // 1704067200 s = 2024-01-01T00:00:00Z; as milliseconds it is in January 1970.
    c: base({
      context: { "aws:CurrentTime": "2023-06-01T00:00:00Z" },
      identity: [one({ Effect: "Allow", Action: "s3:GetObject", Resource: "*", Condition: { DateLessThan: { "aws:CurrentTime": "1704067200" } } })],
    }),
    edge: "Allow",
    peer: "ImplicitDeny",
  },
  {
    id: "deny-notprincipal-needs-whole-chain",
    // Listing the account and alice denies everyone but alice: bob is denied.
    c: base({
      principal: BOB,
      identity: [one({ Effect: "Allow", Action: "*", Resource: "*" })],
      resourcePolicy: one({ Effect: "Deny", NotPrincipal: { AWS: [`arn:aws:iam::${ACCOUNT}:root`, ALICE] }, Action: "s3:*", Resource: "*" }),
    }),
    edge: "ExplicitDeny",
    peer: "Allow",
  },
  {
    id: "root-user-allowed-without-identity-policy",
    c: base({ principal: `arn:aws:iam::${ACCOUNT}:root` }),
    edge: "Allow",
    peer: "ImplicitDeny",
  },
  {
    id: "root-user-allowed-without-identity-policy",
    // Cross-account: the other account's bucket policy grants the account; the root user needs no identity policy.
    c: base({
      principal: `arn:aws:iam::${ACCOUNT}:root`,
      resourceAccount: OTHER_ACCOUNT,
      resourcePolicy: one({ Effect: "Allow", Principal: { AWS: ACCOUNT }, Action: "s3:GetObject", Resource: "arn:aws:s3:::bucket1/*" }),
    }),
    edge: "Allow",
    peer: "ImplicitDeny",
  },
  {
    id: "resource-grant-to-star-or-session-not-limited-by-session-policy",
    c: base({
      principal: SESSION,
      session: one({ Effect: "Allow", Action: "ec2:*", Resource: "*" }),
      resourcePolicy: one({ Effect: "Allow", Principal: { AWS: SESSION }, Action: "s3:GetObject", Resource: "arn:aws:s3:::bucket1/*" }),
    }),
    edge: "Allow",
    peer: "ImplicitDeny",
  },
  {
    id: "resource-grant-to-star-or-session-not-limited-by-session-policy",
    c: base({
      principal: SESSION,
      session: one({ Effect: "Allow", Action: "ec2:*", Resource: "*" }),
      resourcePolicy: one({ Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "arn:aws:s3:::bucket1/*" }),
    }),
    edge: "Allow",
    peer: "ImplicitDeny",
  },
  {
    id: "kms-key-without-key-policy-has-the-default",
    c: base({ action: "kms:Decrypt", resource: KEY, identity: [one({ Effect: "Allow", Action: "kms:*", Resource: "*" })] }),
    edge: "Allow",
    peer: "ImplicitDeny",
  },
  {
    id: "federation-token-without-session-policy-allows-nothing",
    c: base({ principal: `arn:aws:sts::${ACCOUNT}:federated-user/carol`, identity: [one({ Effect: "Allow", Action: "s3:*", Resource: "*" })] }),
    edge: "ImplicitDeny",
    peer: "Allow",
  },
  {
    id: "scp-exempt-service-linked-role",
    c: base({
      principal: SERVICE_LINKED_ROLE,
      action: "ec2:DescribeInstances",
      resource: "*",
      identity: [one({ Effect: "Allow", Action: "ec2:*", Resource: "*" })],
      scp: [[one({ Effect: "Allow", Action: "*", Resource: "*" }), one({ Effect: "Deny", Action: "*", Resource: "*" })]],
    }),
    edge: "Allow",
    peer: "ExplicitDeny",
  },
  {
    id: "rcp-exempt-aws-managed-key",
    // The key policy names alice, so both engines allow but for the RCP.
    c: base({
      action: "kms:Decrypt",
      resource: KEY,
      context: { "kms:ResourceAliases": ["alias/aws/s3"] },
      resourcePolicy: one({ Effect: "Allow", Principal: { AWS: ALICE }, Action: "kms:*", Resource: "*" }),
      rcp: [[one({ Effect: "Deny", Principal: "*", Action: "kms:*", Resource: "*" })]],
    }),
    edge: "Allow",
    peer: "ExplicitDeny",
  },
  {
    id: "service-linked-role-unmodifiable",
    c: base({ action: "iam:DeleteRole", resource: SERVICE_LINKED_ROLE, identity: [one({ Effect: "Allow", Action: "iam:*", Resource: "*" })] }),
    edge: "ImplicitDeny",
    peer: "Allow",
  },
  {
    id: "explicit-deny-before-protected-entity",
    c: base({
      action: "iam:DeletePolicy",
      resource: "arn:aws:iam::aws:policy/AdministratorAccess",
      identity: [one({ Effect: "Allow", Action: "iam:*", Resource: "*" }), one({ Effect: "Deny", Action: "iam:DeletePolicy", Resource: "*" })],
    }),
    edge: "ExplicitDeny",
    peer: "ImplicitDeny",
  },
];

describe("known differences, one example each", () => {
  for (const ex of EXAMPLES) {
    it(`${ex.id}: iam-edge ${ex.edge}, iam-simulate ${ex.peer}`, async () => {
      const r = await decide(engine, ex.c);
      expect(r.ok, JSON.stringify(r)).toBe(true);
      if (!r.ok) return;
      expect(r.edge.decision, "iam-edge").toBe(ex.edge);
      expect(r.peer.decision, "iam-simulate").toBe(ex.peer);
      expect(await classify(engine, { c: ex.c, edge: ex.edge, peer: ex.peer })).toBe(ex.id);
    });
  }

  it("every class has an example and cites an AWS page", () => {
    for (const k of KNOWN_DIFFERENCES) {
      expect(EXAMPLES.some((e) => e.id === k.id), k.id).toBe(true);
      expect(k.doc, k.id).toMatch(/User Guide/);
    }
  });

  it("no class explains a disagreement it has nothing to do with", async () => {
    // A made-up disagreement (the peer's real answer is Allow): nothing may claim it.
    const c = base({ identity: [one({ Effect: "Allow", Action: "s3:GetObject", Resource: "*" })] });
    expect(await classify(engine, { c, edge: "Allow", peer: "ImplicitDeny" })).toBeUndefined();
  });
});
