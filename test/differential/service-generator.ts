/**
 * Seeded generator of differential cases for the rules AWS services add to the policy language
 * (docs/semantics.md "Service rules"): KMS keys with and without key policies, aliases and
 * AWS managed keys under RCPs, sts:GetCallerIdentity under denies, GetFederationToken sessions,
 * service-linked roles under SCPs, and changes to AWS managed policies, service-linked roles
 * and IAM Identity Center roles. Same case shape as generator.ts.
 */
import { Rng, ACCOUNT, OTHER_ACCOUNT, type DiffCase, type Json, type Policy } from "./generator.ts";

const V = "2012-10-17";
const ALICE = `arn:aws:iam::${ACCOUNT}:user/alice`;
const SLR = `arn:aws:iam::${ACCOUNT}:role/aws-service-role/elasticbeanstalk.amazonaws.com/AWSServiceRoleForElasticBeanstalk`;
const FED = `arn:aws:sts::${ACCOUNT}:federated-user/carol`;
const SESSION = `arn:aws:sts::${ACCOUNT}:assumed-role/r1/s1`;

interface Who {
  principal: string;
  context: Record<string, string>;
  session: boolean;
}
const PRINCIPALS: Who[] = [
  { principal: ALICE, context: { "aws:PrincipalArn": ALICE, "aws:username": "alice" }, session: false },
  { principal: SESSION, context: { "aws:PrincipalArn": `arn:aws:iam::${ACCOUNT}:role/r1` }, session: true },
  { principal: `arn:aws:iam::${ACCOUNT}:root`, context: {}, session: false },
  { principal: FED, context: { "aws:PrincipalArn": FED }, session: true },
  { principal: SLR, context: {}, session: false },
  { principal: `arn:aws:sts::${ACCOUNT}:assumed-role/AWSServiceRoleForElasticBeanstalk/eb`, context: { "aws:PrincipalArn": SLR }, session: true },
  { principal: `arn:aws:iam::${OTHER_ACCOUNT}:user/carol`, context: {}, session: false },
];

const key = (account: string) => `arn:aws:kms:us-east-1:${account}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const SSO_ROLE = `arn:aws:iam::${ACCOUNT}:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Admin_0123456789abcdef`;

interface Target {
  actions: string[];
  resources: string[];
  /** A KMS key: a key policy is passed as the resource policy, aliases as kms:ResourceAliases. */
  kmsKey?: boolean;
  /** An S3 object: a bucket policy may be passed. */
  bucket?: boolean;
}
const TARGETS: Target[] = [
  { actions: ["kms:Decrypt", "kms:Encrypt", "kms:DescribeKey"], resources: [key(ACCOUNT)], kmsKey: true },
  { actions: ["sts:GetCallerIdentity", "sts:GetSessionToken"], resources: ["*"] },
  { actions: ["s3:GetObject"], resources: ["arn:aws:s3:::bucket1/key1"], bucket: true },
  { actions: ["ec2:DescribeInstances"], resources: ["*"] },
  { actions: ["iam:DeleteRole", "iam:PutRolePolicy", "iam:AttachRolePolicy", "iam:UpdateAssumeRolePolicy", "iam:UpdateRoleDescription", "iam:GetRole"], resources: [SLR, SSO_ROLE, `arn:aws:iam::${ACCOUNT}:role/r1`] },
  { actions: ["iam:DeletePolicy", "iam:CreatePolicyVersion", "iam:TagPolicy", "iam:GetPolicy"], resources: ["arn:aws:iam::aws:policy/AdministratorAccess", `arn:aws:iam::${ACCOUNT}:policy/p1`] },
  { actions: ["kms:CreateAlias", "kms:DeleteAlias"], resources: [`arn:aws:kms:us-east-1:${ACCOUNT}:alias/aws/s3`, `arn:aws:kms:us-east-1:${ACCOUNT}:alias/app`] },
];

const ACTION_PATTERNS = ["*", "kms:*", "kms:Decrypt", "kms:*Crypt", "sts:*", "sts:GetCallerIdentity", "s3:*", "ec2:*", "iam:*", "iam:*Role*", "iam:*Policy*", "kms:*Alias"];
const RESOURCE_PATTERNS = ["*", "arn:aws:kms:*:*:key/*", `arn:aws:kms:us-east-1:${ACCOUNT}:alias/*`, "arn:aws:iam::*:role/*", "arn:aws:iam::*:policy/*", "arn:aws:s3:::bucket1/*"];
const KEY_POLICY_PRINCIPALS: Json[] = [
  { AWS: `arn:aws:iam::${ACCOUNT}:root` }, { AWS: ACCOUNT }, { AWS: ALICE }, { AWS: `arn:aws:iam::${ACCOUNT}:role/r1` }, { AWS: SESSION },
  { AWS: FED }, { AWS: `arn:aws:iam::${OTHER_ACCOUNT}:root` }, { AWS: `arn:aws:iam::${ACCOUNT}:user/bob` }, "*",
];

function statement(rng: Rng, principal: boolean, denyOnly = false): Policy {
  const s: Policy = { Effect: denyOnly || rng.chance(0.2) ? "Deny" : "Allow" };
  if (principal) s.Principal = rng.pick(KEY_POLICY_PRINCIPALS);
  s.Action = rng.pick(ACTION_PATTERNS);
  s.Resource = rng.pick(RESOURCE_PATTERNS);
  return s;
}

function policy(rng: Rng, principal = false): Policy {
  const n = rng.int(1, 2);
  const statements = Array.from({ length: n }, () => statement(rng, principal));
  return { Version: V, Statement: n === 1 ? statements[0] : statements };
}

const FULL: Policy = { Version: V, Statement: { Effect: "Allow", Action: "*", Resource: "*" } };

/** RCP syntax: Deny, Principal "*", no `"Action": "*"` ("RCP syntax"). */
function rcp(rng: Rng): Policy {
  return { Version: V, Statement: { Effect: "Deny", Principal: "*", Action: rng.pick(["kms:*", "s3:*", "kms:Decrypt"]), Resource: "*" } };
}

export function generateServiceCase(seed: number, id: number): DiffCase {
  const rng = new Rng((seed ^ 0x5eed) ^ Math.imul(id + 1, 0x85ebca6b));
  const who = rng.pick(PRINCIPALS);
  const target = rng.pick(TARGETS);
  const crossAccount = target.kmsKey === true && rng.chance(0.2);
  const resourceAccount = crossAccount ? OTHER_ACCOUNT : ACCOUNT;
  const resource = target.kmsKey ? key(resourceAccount) : rng.pick(target.resources);
  const c: DiffCase = {
    id,
    principal: who.principal,
    action: rng.pick(target.actions),
    resource,
    resourceAccount,
    context: { ...who.context },
    identity: Array.from({ length: rng.pick([0, 1, 1, 2]) }, () => (rng.chance(0.3) ? FULL : policy(rng))),
    scp: [],
    rcp: [],
  };
  if (who.session && rng.chance(0.5)) c.session = rng.chance(0.5) ? FULL : policy(rng);
  if ((target.kmsKey || target.bucket) && rng.chance(0.7)) c.resourcePolicy = policy(rng, true);
  if (target.kmsKey && rng.chance(0.5)) c.context["kms:ResourceAliases"] = rng.pick([["alias/aws/s3"], ["alias/app"]]);
  if (rng.chance(0.4)) c.scp = Array.from({ length: rng.int(1, 2) }, () => (rng.chance(0.6) ? [FULL, policy(rng)] : [policy(rng)]));
  if ((target.kmsKey || target.bucket) && rng.chance(0.4)) c.rcp = [[rcp(rng)]];
  return c;
}
