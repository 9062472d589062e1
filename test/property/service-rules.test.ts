/**
 * The rules services add (docs/semantics.md "Service rules") over random policy sets, with the
 * principals, actions and resources those rules are about. Oracles come from the AWS pages,
 * not from the engine's code:
 * - "Policy evaluation logic": a Deny statement that applies in a policy that applies makes the
 *   decision an explicit deny. The special rules never turn it into an Allow, except
 *   sts:GetCallerIdentity ("No permissions are required", STS API Reference), which is allowed
 *   for every authenticated principal whatever the policies say.
 * - Which policies apply: SCPs not to service principals nor to service-linked roles ("SCPs don't
 *   affect service-linked roles"), RCPs not to AWS managed keys ("Resource control policies in
 *   AWS KMS"). An exempt SCP or RCP decides exactly as if it were absent.
 * - A linked bundle decides as the plain set (it must write kms:ResourceAliases, which the core
 *   reads though no policy mentions it).
 */
import { beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import type { AuthorizationRequest, AuthorizationResult, CompiledPolicy, Engine, Explanation, PolicySet } from "../../js/index.ts";
import { fcParams, getEngine } from "./helpers.ts";

let engine: Engine;
beforeAll(async () => {
  engine = await getEngine();
});

const A = "111122223333";
const B = "444455556666";
const SLR = `arn:aws:iam::${A}:role/aws-service-role/elasticbeanstalk.amazonaws.com/AWSServiceRoleForElasticBeanstalk`;
const KEY = `arn:aws:kms:us-east-1:${A}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;

interface Who {
  principal: string;
  context?: Record<string, string>;
  /** A principal of an AWS account: authenticated, and under SCPs. */
  account: boolean;
  serviceLinked: boolean;
}
const PRINCIPALS: Who[] = [
  { principal: `arn:aws:iam::${A}:user/alice`, account: true, serviceLinked: false },
  { principal: `arn:aws:iam::${A}:root`, account: true, serviceLinked: false },
  { principal: `arn:aws:sts::${A}:assumed-role/app-role/s1`, account: true, serviceLinked: false },
  { principal: SLR, account: true, serviceLinked: true },
  { principal: `arn:aws:sts::${A}:assumed-role/AWSServiceRoleForElasticBeanstalk/s`, context: { "aws:PrincipalArn": SLR }, account: true, serviceLinked: true },
  { principal: `arn:aws:sts::${A}:federated-user/carol`, account: true, serviceLinked: false },
  { principal: `arn:aws:iam::${B}:user/dave`, account: true, serviceLinked: false },
  { principal: "ec2.amazonaws.com", account: false, serviceLinked: false },
];
const ACTIONS = [
  "sts:GetCallerIdentity", "STS:getcalleridentity", "sts:GetSessionToken", "kms:Decrypt", "kms:CreateAlias", "iam:DeletePolicy",
  "iam:PutRolePolicy", "iam:UpdateRoleDescription", "s3:GetObject", "ec2:DescribeInstances",
];
const RESOURCES = [
  "*", KEY, `arn:aws:kms:us-east-1:${B}:key/k2`, `arn:aws:kms:us-east-1:${A}:alias/aws/s3`, `arn:aws:kms:us-east-1:${A}:alias/app`,
  "arn:aws:iam::aws:policy/AdministratorAccess", SLR, `arn:aws:iam::${A}:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_x`,
  "arn:aws:s3:::bucket/key",
];
const ALIASES = [undefined, ["alias/aws/s3"], ["alias/app"], ["alias/app", "alias/aws/ebs"]];

const action = fc.constantFrom("*", "kms:*", "iam:*", "sts:*", "s3:*", "ec2:*", ...ACTIONS);
const resource = fc.constantFrom("*", ...RESOURCES.filter((r) => r !== "*"), "arn:aws:kms:*:*:key/*", "arn:aws:iam::*:role/*");
const condition = fc.constantFrom(undefined, { Bool: { "aws:SecureTransport": "true" } }, { "ForAnyValue:StringLike": { "kms:ResourceAliases": "alias/aws/*" } });
const principalElement = fc.constantFrom<unknown>(
  "*", { AWS: A }, { AWS: `arn:aws:iam::${A}:root` }, { AWS: `arn:aws:iam::${A}:user/alice` }, { AWS: `arn:aws:iam::${A}:role/app-role` },
  { AWS: `arn:aws:sts::${A}:federated-user/carol` }, { AWS: `arn:aws:iam::${B}:root` }, { Service: "ec2.amazonaws.com" },
);

type Kind = "identity" | "resource" | "scp" | "rcp";
function statement(kind: Kind) {
  return fc.record({
    Effect: kind === "rcp" ? fc.constant("Deny") : fc.constantFrom("Allow", "Allow", "Deny"),
    Action: kind === "rcp" ? fc.constantFrom("kms:*", "kms:Decrypt", "s3:*", "sts:*") : action,
    Resource: resource,
    Condition: condition,
    Principal: kind === "resource" ? principalElement : kind === "rcp" ? fc.constant("*") : fc.constant(undefined),
  }).map((s) => Object.fromEntries(Object.entries(s).filter(([, v]) => v !== undefined)));
}
const doc = (kind: Kind) => fc.array(statement(kind), { minLength: 1, maxLength: 3 }).map((Statement) => ({ Version: "2012-10-17", Statement }));
const FULL = { Version: "2012-10-17", Statement: { Effect: "Allow", Action: "*", Resource: "*" } };

const scenario = fc.record({
  who: fc.constantFrom(...PRINCIPALS),
  action: fc.constantFrom(...ACTIONS),
  resource: fc.constantFrom(...RESOURCES),
  aliases: fc.constantFrom(...ALIASES),
  secure: fc.boolean(),
  identity: fc.array(doc("identity"), { maxLength: 2 }),
  boundary: fc.option(doc("identity"), { nil: undefined }),
  session: fc.option(doc("identity"), { nil: undefined }),
  resourcePolicy: fc.option(doc("resource"), { nil: undefined }),
  scp: fc.array(fc.tuple(fc.boolean(), doc("scp")).map(([full, p]) => (full ? [FULL, p] : [p])), { maxLength: 2 }),
  rcp: fc.array(doc("rcp").map((p) => [p]), { maxLength: 2 }),
});
type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

function requestOf(s: Scenario): AuthorizationRequest {
  const context: Record<string, string | string[] | boolean> = { ...s.who.context, "aws:SecureTransport": s.secure };
  if (s.aliases) context["kms:ResourceAliases"] = s.aliases;
  const accountOf = /^arn:aws:kms:[^:]*:(\d{12}):/.exec(s.resource)?.[1];
  return { principal: s.who.principal, action: s.action, resource: s.resource, context, ...(accountOf ? { resourceAccount: accountOf } : {}) };
}

/** Compiles the scenario's policies (`drop` leaves out SCPs or RCPs); returns the set and a disposer. */
function compileSet(s: Scenario, drop: "scp" | "rcp" | "" = ""): { set: PolicySet; dispose(): void } {
  const all: CompiledPolicy[] = [];
  const c = (d: unknown, kind: "identity" | "boundary" | "session" | "resource" | "scp" | "rcp") => {
    // Ids count per kind, so that a set without its SCPs names the other policies alike.
    const p = engine.compile(d, { kind, id: `${kind}-${all.filter((x) => x.kind === kind).length}` });
    all.push(p);
    return p;
  };
  const set: PolicySet = {
    identity: s.identity.map((d) => c(d, "identity")),
    boundary: s.boundary && !s.who.principal.endsWith(":root") ? c(s.boundary, "boundary") : undefined,
    session: s.session && /assumed-role|federated-user/.test(s.who.principal) ? [c(s.session, "session")] : undefined,
    resource: s.resourcePolicy ? c(s.resourcePolicy, "resource") : undefined,
    scp: drop === "scp" ? [] : s.scp.map((level) => level.map((d) => c(d, "scp"))),
    rcp: drop === "rcp" ? [] : s.rcp.map((level) => level.map((d) => c(d, "rcp"))),
  };
  return { set, dispose: () => all.forEach((p) => p.dispose()) };
}

const isGetCallerIdentity = (s: Scenario) => s.action.toLowerCase() === "sts:getcalleridentity";
const isAwsManagedKey = (s: Scenario) => s.resource.includes(":key/") && (s.aliases ?? []).some((a) => a.startsWith("alias/aws/"));

/** Whether a Deny statement applies in a policy that applies to the request (AWS's rules, above). */
function explicitDenyApplies(s: Scenario, ex: Explanation): boolean {
  return ex.policies.some((p) => {
    if (p.kind === "scp" && (!s.who.account || s.who.serviceLinked)) return false;
    if (p.kind === "rcp" && isAwsManagedKey(s)) return false;
    return p.statements.some((st) => st.effect === "Deny" && st.action && st.resource !== false && st.principal !== false && st.conditions.every((x) => x.result));
  });
}

const summary = (r: AuthorizationResult) => ({ decision: r.decision, matched: r.matchedStatements.map((m) => `${m.policyId}#${m.statementIndex}`).sort() });

describe("service rules (property)", () => {
  it("never turn an explicit deny into an allow, except sts:GetCallerIdentity, which is always allowed", () => {
    let denies = 0;
    fc.assert(
      fc.property(scenario, (s) => {
        const { set, dispose } = compileSet(s);
        try {
          const ex = engine.explain(requestOf(s), set);
          if (isGetCallerIdentity(s) && s.who.account) {
            expect(ex.result).toMatchObject({ decision: "Allow", reason: { code: "NoPermissionRequired" }, matchedStatements: [] });
            return;
          }
          if (explicitDenyApplies(s, ex)) {
            denies++;
            expect(ex.result.decision).toBe("ExplicitDeny");
          } else expect(ex.result.decision).not.toBe("ExplicitDeny");
        } finally {
          dispose();
        }
      }),
      fcParams(600),
    );
    // About 40 of 600 draws have an applicable Deny; 12 leaves room for any seed.
    expect(denies).toBeGreaterThan(12);
  });

  it("decide with exempt SCPs (service-linked roles) or RCPs (AWS managed keys) as without them", () => {
    let exempt = 0;
    fc.assert(
      fc.property(scenario, (s) => {
        const drop = s.who.serviceLinked && s.scp.length > 0 ? "scp" : isAwsManagedKey(s) && s.rcp.length > 0 ? "rcp" : "";
        if (drop === "") return;
        exempt++;
        const withIt = compileSet(s);
        const without = compileSet(s, drop);
        try {
          expect(summary(engine.authorize(requestOf(s), withIt.set))).toEqual(summary(engine.authorize(requestOf(s), without.set)));
          const skipped = engine.explain(requestOf(s), withIt.set).policies.filter((p) => p.kind === drop);
          for (const p of skipped) expect(p).toMatchObject({ evaluated: false, skippedBecause: isGetCallerIdentity(s) && s.who.account ? "NoPermissionRequired" : drop === "scp" ? "ServiceLinkedRole" : "AwsManagedKey" });
        } finally {
          withIt.dispose();
          without.dispose();
        }
      }),
      fcParams(600),
    );
    expect(exempt).toBeGreaterThan(30);
  });

  it("decide alike through a linked bundle and the plain set", () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { set, dispose } = compileSet(s);
        try {
          const bundle = engine.link(set);
          const request = requestOf(s);
          const plain = engine.authorize(request, set);
          expect(engine.authorize(request, bundle)).toEqual(plain);
          expect(engine.authorizeBatch([request, request], bundle)).toEqual([plain.decision, plain.decision]);
        } finally {
          dispose();
        }
      }),
      fcParams(300),
    );
  });
});
