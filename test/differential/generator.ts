/**
 * Seeded generator of differential cases: policies and requests over a small vocabulary of
 * services, actions, ARNs and condition keys that both iam-edge and iam-simulate understand.
 * Engine-neutral: `edge.ts` and `peer.ts` turn a case into each engine's input.
 */

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
export type Policy = { [k: string]: Json };

export interface DiffCase {
  id: number;
  principal: string;
  action: string;
  resource: string;
  /** The account that owns the resource (for S3 buckets the ARN carries none). */
  resourceAccount: string;
  context: Record<string, string | string[]>;
  identity: Policy[];
  boundary?: Policy;
  session?: Policy;
  resourcePolicy?: Policy;
  /** Levels root → OU → account; each level a list of policies. */
  scp: Policy[][];
  rcp: Policy[][];
}

/** mulberry32: small, fast, good enough for test generation, and stable across Node versions. */
export class Rng {
  constructor(private state: number) {}
  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
  some<T>(items: readonly T[], min: number, max: number): T[] {
    const n = this.int(min, Math.min(max, items.length));
    const pool = [...items];
    const out: T[] = [];
    for (let i = 0; i < n; i++) out.push(pool.splice(Math.floor(this.next() * pool.length), 1)[0]);
    return out;
  }
}

export const ACCOUNT = "111111111111";
export const OTHER_ACCOUNT = "222222222222";

interface PrincipalInfo {
  arn: string;
  /** aws:PrincipalArn: the role ARN for a role session ("IAM identifiers"). */
  principalArn: string;
  /** aws:username: IAM users only ("AWS global condition context keys"). */
  username?: string;
  session: boolean;
}

const PRINCIPALS: PrincipalInfo[] = [
  { arn: `arn:aws:iam::${ACCOUNT}:user/alice`, principalArn: `arn:aws:iam::${ACCOUNT}:user/alice`, username: "alice", session: false },
  { arn: `arn:aws:iam::${ACCOUNT}:user/bob`, principalArn: `arn:aws:iam::${ACCOUNT}:user/bob`, username: "bob", session: false },
  { arn: `arn:aws:sts::${ACCOUNT}:assumed-role/r1/s1`, principalArn: `arn:aws:iam::${ACCOUNT}:role/r1`, session: true },
  { arn: `arn:aws:iam::${ACCOUNT}:root`, principalArn: `arn:aws:iam::${ACCOUNT}:root`, session: false },
  { arn: `arn:aws:iam::${OTHER_ACCOUNT}:user/carol`, principalArn: `arn:aws:iam::${OTHER_ACCOUNT}:user/carol`, username: "carol", session: false },
];

interface Target {
  action: string;
  resources: string[];
  /** Whether a resource-based policy exists for this resource type (S3 bucket policies). */
  resourcePolicy: boolean;
}

const TARGETS: Target[] = [
  { action: "s3:GetObject", resources: ["arn:aws:s3:::bucket1/key1", "arn:aws:s3:::bucket1/home/alice/doc", "arn:aws:s3:::bucket2/key1"], resourcePolicy: true },
  { action: "s3:PutObject", resources: ["arn:aws:s3:::bucket1/key1", "arn:aws:s3:::bucket1/home/bob/doc", "arn:aws:s3:::bucket2/key1"], resourcePolicy: true },
  { action: "s3:ListBucket", resources: ["arn:aws:s3:::bucket1", "arn:aws:s3:::bucket2"], resourcePolicy: true },
  { action: "ec2:DescribeInstances", resources: ["*"], resourcePolicy: false },
  { action: "iam:GetUser", resources: [`arn:aws:iam::${ACCOUNT}:user/alice`, `arn:aws:iam::${ACCOUNT}:user/bob`], resourcePolicy: false },
  { action: "dynamodb:GetItem", resources: [`arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/t1`, `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/t2`], resourcePolicy: false },
];

const ACTION_PATTERNS = [
  "s3:GetObject", "s3:PutObject", "s3:ListBucket", "s3:Get*", "s3:*Object", "s3:*", "*", "ec2:DescribeInstances",
  "ec2:Describe*", "iam:GetUser", "iam:Get*", "dynamodb:GetItem", "dynamodb:*", "S3:getobject", "s3:?etObject", "iam:*",
];
const S3_ACTION_PATTERNS = ["s3:GetObject", "s3:PutObject", "s3:ListBucket", "s3:Get*", "s3:*Object", "s3:*"];

const RESOURCE_PATTERNS = [
  "*", "arn:aws:s3:::bucket1/*", "arn:aws:s3:::bucket1", "arn:aws:s3:::bucket*", "arn:aws:s3:::bucket1/home/${aws:username}/*",
  "arn:aws:s3:::*/key1", "arn:aws:s3:::bucket?/*", "arn:aws:s3:::bucket2/*", `arn:aws:iam::${ACCOUNT}:user/*`,
  `arn:aws:iam::${ACCOUNT}:user/\${aws:username}`, "arn:aws:iam::*:user/alice", `arn:aws:dynamodb:*:${ACCOUNT}:table/t1`,
  `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/*`, "arn:aws:dynamodb:us-east-1:*:*",
];
const S3_RESOURCE_PATTERNS = [
  "arn:aws:s3:::bucket1/*", "arn:aws:s3:::bucket1", "arn:aws:s3:::bucket*", "arn:aws:s3:::bucket1/home/${aws:username}/*",
  "arn:aws:s3:::*/key1", "arn:aws:s3:::bucket2/*", "arn:aws:s3:::bucket2", "*",
];

/** Condition entries: [operator, key, values]. Keys and values are chosen to hit the request vocabulary. */
const CONDITIONS: Array<[string, string, string[]]> = [
  ["StringEquals", "aws:PrincipalTag/team", ["red"]],
  ["StringEquals", "aws:PrincipalTag/team", ["red", "blue"]],
  ["StringNotEquals", "aws:PrincipalTag/team", ["red"]],
  ["StringNotEquals", "aws:PrincipalTag/team", ["red", "blue"]],
  ["StringLike", "aws:PrincipalTag/team", ["r*", "bl?e"]],
  ["StringEqualsIgnoreCase", "aws:PrincipalTag/team", ["RED"]],
  ["StringEqualsIfExists", "aws:PrincipalTag/team", ["red"]],
  ["StringNotEqualsIfExists", "aws:PrincipalTag/team", ["blue"]],
  ["StringEquals", "aws:username", ["alice"]],
  ["StringLike", "aws:PrincipalArn", [`arn:aws:iam::${ACCOUNT}:user/*`]],
  ["ArnLike", "aws:PrincipalArn", [`arn:aws:iam::${ACCOUNT}:role/*`]],
  ["ArnNotLike", "aws:PrincipalArn", [`arn:aws:iam::${ACCOUNT}:user/b*`]],
  ["StringLike", "s3:prefix", ["home/${aws:username}/*"]],
  ["StringEquals", "s3:prefix", ["public/", ""]],
  ["StringNotLike", "s3:prefix", ["home/*"]],
  ["StringEquals", "aws:PrincipalTag/team", ["${aws:username}"]],
  ["StringNotEquals", "aws:PrincipalTag/team", ["${aws:username}"]],
  ["StringLike", "aws:PrincipalArn", ["arn:aws:iam::111111111111:user/${aws:username}"]],
  ["NumericLessThan", "aws:MultiFactorAuthAge", ["3600"]],
  ["NumericGreaterThanEquals", "aws:MultiFactorAuthAge", ["100"]],
  ["DateLessThan", "aws:CurrentTime", ["2024-01-01T00:00:00Z"]],
  ["DateGreaterThan", "aws:CurrentTime", ["2024-06-01T00:00:00Z"]],
  ["DateLessThan", "aws:CurrentTime", ["1704067200"]],
  ["DateGreaterThanEquals", "aws:CurrentTime", ["2024-06-01"]],
  ["Bool", "aws:MultiFactorAuthPresent", ["true"]],
  ["Bool", "aws:MultiFactorAuthPresent", ["false"]],
  ["BoolIfExists", "aws:MultiFactorAuthPresent", ["false"]],
  ["IpAddress", "aws:SourceIp", ["10.0.0.0/8", "192.168.1.0/24"]],
  ["IpAddress", "aws:SourceIp", ["2001:db8::/32"]],
  ["NotIpAddress", "aws:SourceIp", ["10.0.0.0/8"]],
  ["Null", "aws:MultiFactorAuthPresent", ["true"]],
  ["Null", "aws:MultiFactorAuthPresent", ["false"]],
  ["Null", "aws:PrincipalTag/team", ["false"]],
  ["ForAnyValue:StringEquals", "aws:TagKeys", ["a", "b"]],
  ["ForAllValues:StringEquals", "aws:TagKeys", ["a", "b"]],
  ["ForAllValues:StringLike", "aws:TagKeys", ["a*"]],
  ["ForAnyValue:StringNotEquals", "aws:TagKeys", ["a"]],
  ["ForAllValues:StringNotLike", "aws:TagKeys", ["c*"]],
  // IfExists under a set operator: the set operator decides a missing key (docs/semantics.md).
  ["ForAnyValue:StringEqualsIfExists", "aws:TagKeys", ["a", "b"]],
  ["ForAllValues:StringLikeIfExists", "aws:TagKeys", ["a*"]],
];

const PRINCIPAL_ELEMENTS: Json[] = [
  "*",
  { AWS: `arn:aws:iam::${ACCOUNT}:user/alice` },
  { AWS: `arn:aws:iam::${ACCOUNT}:user/bob` },
  { AWS: ACCOUNT },
  { AWS: `arn:aws:iam::${ACCOUNT}:root` },
  { AWS: `arn:aws:iam::${ACCOUNT}:role/r1` },
  { AWS: `arn:aws:sts::${ACCOUNT}:assumed-role/r1/s1` },
  { AWS: [`arn:aws:iam::${ACCOUNT}:user/alice`, `arn:aws:iam::${ACCOUNT}:role/r1`] },
];

/** NotPrincipal (Deny only): to exclude a caller, its account and its user, or role and session, must be listed. */
const NOT_PRINCIPAL_ELEMENTS: Json[] = [
  { AWS: [`arn:aws:iam::${ACCOUNT}:root`, `arn:aws:iam::${ACCOUNT}:user/alice`] },
  { AWS: [`arn:aws:iam::${ACCOUNT}:root`, `arn:aws:iam::${ACCOUNT}:role/r1`, `arn:aws:sts::${ACCOUNT}:assumed-role/r1/s1`] },
  { AWS: `arn:aws:iam::${ACCOUNT}:user/alice` },
  { AWS: ACCOUNT },
];

function one<T extends Json>(rng: Rng, items: T[]): T | T[] {
  return items.length === 1 && rng.chance(0.7) ? items[0] : items;
}

function condition(rng: Rng): Json {
  const block: Record<string, Record<string, Json>> = {};
  for (const [op, key, values] of rng.some(CONDITIONS, 1, 2)) {
    block[op] ??= {};
    block[op][key] = one(rng, values);
  }
  return block;
}

interface StatementOptions {
  actions: string[];
  resources: string[];
  principal?: boolean;
  /** RCP syntax: the Principal must be "*". */
  principalStar?: boolean;
  denyOnly?: boolean;
  noNotAction?: boolean;
  conditionRate?: number;
}

function statement(rng: Rng, o: StatementOptions): Policy {
  const s: Policy = {};
  s.Effect = o.denyOnly ? "Deny" : rng.chance(0.75) ? "Allow" : "Deny";
  if (o.principalStar) s.Principal = "*";
  else if (o.principal && s.Effect === "Deny" && rng.chance(0.25)) s.NotPrincipal = rng.pick(NOT_PRINCIPAL_ELEMENTS);
  else if (o.principal) s.Principal = rng.pick(PRINCIPAL_ELEMENTS);
  const actions = rng.some(o.actions, 1, 2);
  if (!o.noNotAction && rng.chance(0.12)) s.NotAction = one(rng, actions);
  else s.Action = one(rng, actions);
  const resources = rng.some(o.resources, 1, 2);
  if (rng.chance(0.12)) s.NotResource = one(rng, resources);
  else s.Resource = one(rng, resources);
  if (rng.chance(o.conditionRate ?? 0.45)) s.Condition = condition(rng);
  return s;
}

function policy(rng: Rng, o: StatementOptions, maxStatements = 3, forceVersion = false): Policy {
  const statements = Array.from({ length: rng.int(1, maxStatements) }, () => statement(rng, o));
  const p: Policy = {};
  const v = rng.next();
  // Mostly 2012-10-17; sometimes 2008-10-17 or no Version (variables are then literal text).
  if (forceVersion || v < 0.88) p.Version = "2012-10-17";
  else if (v < 0.95) p.Version = "2008-10-17";
  p.Statement = statements.length === 1 && rng.chance(0.5) ? statements[0] : statements;
  return p;
}

const FULL_ACCESS: Policy = { Version: "2012-10-17", Statement: { Effect: "Allow", Action: "*", Resource: "*" } };

function contextFor(rng: Rng, who: PrincipalInfo, action: string): Record<string, string | string[]> {
  const ctx: Record<string, string | string[]> = {};
  if (who.username && rng.chance(0.9)) ctx["aws:username"] = who.username;
  if (rng.chance(0.7)) ctx["aws:PrincipalArn"] = who.principalArn;
  if (rng.chance(0.6)) ctx["aws:PrincipalTag/team"] = rng.pick(["red", "blue", "green", "RED"]);
  if (rng.chance(0.6)) ctx["aws:SourceIp"] = rng.pick(["10.1.2.3", "192.168.1.5", "203.0.113.9", "2001:db8::1"]);
  if (rng.chance(0.6)) ctx["aws:MultiFactorAuthPresent"] = rng.pick(["true", "false"]);
  if (rng.chance(0.4)) ctx["aws:MultiFactorAuthAge"] = rng.pick(["100", "5000"]);
  if (rng.chance(0.6)) {
    ctx["aws:CurrentTime"] = rng.chance(0.9)
      ? rng.pick(["2023-06-01T00:00:00Z", "2024-03-01T12:00:00Z", "2025-01-01T00:00:00Z"])
      : rng.pick(["1700000000", "1735689600"]);
  }
  if (action === "s3:ListBucket" && rng.chance(0.7)) ctx["s3:prefix"] = rng.pick(["home/alice/x", "home/bob/", "public/", ""]);
  if (rng.chance(0.4)) ctx["aws:TagKeys"] = rng.pick([[], ["a"], ["a", "b"], ["c"], ["a", "c"]]);
  return ctx;
}

export function generateCase(seed: number, id: number): DiffCase {
  const rng = new Rng(seed ^ Math.imul(id + 1, 0x9e3779b1));
  // Users and the role session most of the time; the root user and a user of another account now and then.
  const who = PRINCIPALS[rng.pick([0, 0, 1, 1, 2, 2, 2, 3, 4])];
  const target = rng.pick(TARGETS);
  const resource = rng.pick(target.resources);
  const crossAccount = target.resourcePolicy && rng.chance(0.2);
  const resourceAccount = crossAccount ? OTHER_ACCOUNT : ACCOUNT;

  const identityOptions: StatementOptions = { actions: ACTION_PATTERNS, resources: RESOURCE_PATTERNS };
  const c: DiffCase = {
    id,
    principal: who.arn,
    action: target.action,
    resource,
    resourceAccount,
    context: contextFor(rng, who, target.action),
    identity: Array.from({ length: rng.pick([0, 1, 1, 1, 2, 2]) }, () => policy(rng, identityOptions)),
    scp: [],
    rcp: [],
  };
  // The root user cannot have a permissions boundary.
  if (!c.principal.endsWith(":root") && rng.chance(0.25)) c.boundary = policy(rng, identityOptions, 2);
  if (who.session && rng.chance(0.35)) c.session = policy(rng, identityOptions, 2);
  if (target.resourcePolicy && rng.chance(crossAccount ? 0.85 : 0.45)) {
    c.resourcePolicy = policy(rng, { actions: S3_ACTION_PATTERNS, resources: S3_RESOURCE_PATTERNS, principal: true });
  }
  if (rng.chance(0.4)) {
    const levels = rng.int(1, 3);
    for (let l = 0; l < levels; l++) {
      const level: Policy[] = [];
      if (rng.chance(0.75)) level.push(FULL_ACCESS);
      if (level.length === 0 || rng.chance(0.5)) level.push(policy(rng, { ...identityOptions, conditionRate: 0.3 }, 2));
      c.scp.push(level);
    }
  }
  if (target.action.startsWith("s3:") && rng.chance(0.25)) {
    const levels = rng.int(1, 2);
    for (let l = 0; l < levels; l++) {
      c.rcp.push([policy(rng, { actions: S3_ACTION_PATTERNS, resources: S3_RESOURCE_PATTERNS, principalStar: true, denyOnly: true, noNotAction: true, conditionRate: 0.6 }, 2, true)]);
    }
  }
  return c;
}

/** Every policy of a case, with a label, for rewrites and reporting. */
export function policiesOf(c: DiffCase): Policy[] {
  return [...c.identity, ...(c.boundary ? [c.boundary] : []), ...(c.session ? [c.session] : []), ...(c.resourcePolicy ? [c.resourcePolicy] : []), ...c.scp.flat(), ...c.rcp.flat()];
}

/** A deep copy whose policies went through `fn` (each policy object once). */
export function mapPolicies(c: DiffCase, fn: (p: Policy) => Policy): DiffCase {
  const copy: DiffCase = structuredClone(c);
  copy.identity = copy.identity.map(fn);
  if (copy.boundary) copy.boundary = fn(copy.boundary);
  if (copy.session) copy.session = fn(copy.session);
  if (copy.resourcePolicy) copy.resourcePolicy = fn(copy.resourcePolicy);
  copy.scp = copy.scp.map((l) => l.map(fn));
  copy.rcp = copy.rcp.map((l) => l.map(fn));
  return copy;
}
