/**
 * Workload shapes, the seeded PRNG, W1 and W2 (no Node imports: the workerd Worker imports this).
 * Seeded, reproducible workload generators W1-W4. Policies are plain IAM JSON documents; requests
 * use iam-edge's request shape with every context value a string (adapters convert for peers).
 * The same seed always gives the same workload.
 */

export type Decision = "Allow" | "ExplicitDeny" | "ImplicitDeny";
export type PolicyDoc = { Version: string; Statement: Statement[] };
export interface Statement {
  Sid?: string;
  Effect: "Allow" | "Deny";
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  NotResource?: string | string[];
  Principal?: "*" | { AWS: string | string[] };
  Condition?: Record<string, Record<string, string | string[]>>;
}
export interface Request {
  principal: string;
  action: string;
  resource: string;
  resourceAccount?: string;
  context: Record<string, string>;
}
export interface PolicySetDocs {
  identity: PolicyDoc[];
  boundary?: PolicyDoc;
  scp?: PolicyDoc[][];
  resource?: PolicyDoc;
}
export interface Workload {
  /** W1-W4, or `G<seed>` for the generated family (generated.ts). */
  id: string;
  title: string;
  policies: PolicySetDocs;
  requests: Request[];
  /** Statements over all policies. */
  statements: number;
  /** Size quota for compiling its policies, when not the kind's own (AWS-managed policies are not held to customer quotas). */
  maxSize?: number;
}

/** mulberry32, the one the CLI's and the playground's samplers use (js/bench/sample-requests.ts). */
import { prng } from "../js/bench/sample-requests.ts";
export { prng };
export type Rng = () => number;
export const pick = <T>(r: Rng, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
export const chance = (r: Rng, p: number): boolean => r() < p;

export const ACCOUNT = "111122223333";
export const OTHER_ACCOUNT = "444455556666";
export const USER = "alice";
export const PRINCIPAL = `arn:aws:iam::${ACCOUNT}:user/${USER}`;
export const V = "2012-10-17";
const A = ACCOUNT;

// ---------------------------------------------------------------- W1
export function w1(seed: number, count: number): Workload {
  const r = prng(seed);
  const policy: PolicyDoc = {
    Version: V,
    Statement: [
      { Sid: "Reports", Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject"], Resource: ["arn:aws:s3:::w1-reports/2024/q1.csv", "arn:aws:s3:::w1-reports/2024/q2.csv"] },
      { Sid: "Orders", Effect: "Allow", Action: ["dynamodb:GetItem", "dynamodb:Query"], Resource: `arn:aws:dynamodb:us-east-1:${A}:table/orders` },
      { Sid: "NoOverwrite", Effect: "Deny", Action: "s3:PutObject", Resource: "arn:aws:s3:::w1-reports/2024/q1.csv" },
    ],
  };
  const actions = ["s3:GetObject", "s3:GetObject", "s3:PutObject", "s3:DeleteObject", "dynamodb:GetItem", "dynamodb:Query", "dynamodb:PutItem"];
  const requests: Request[] = [];
  for (let i = 0; i < count; i++) {
    const action = pick(r, actions);
    const resource = action.startsWith("s3:")
      ? `arn:aws:s3:::w1-reports/${pick(r, ["2024", "2024", "2024", "2023"])}/${pick(r, ["q1.csv", "q2.csv", "q2.csv", "q3.csv"])}`
      : `arn:aws:dynamodb:us-east-1:${A}:table/${pick(r, ["orders", "orders", "orders", "users"])}`;
    requests.push({ principal: PRINCIPAL, action, resource, context: {} });
  }
  return { id: "W1", title: "simple: 1 policy, 3 statements, exact matches", policies: { identity: [policy] }, requests, statements: 3 };
}

// ---------------------------------------------------------------- W2
export const TEAM = "aws:PrincipalTag/team";
export const IP = "aws:SourceIp";
export const MFA = "aws:MultiFactorAuthPresent";
export const NOW = "aws:CurrentTime";
export const s = (Effect: "Allow" | "Deny", Action: string | string[], Resource: string | string[], Condition?: Statement["Condition"]): Statement =>
  Condition ? { Effect, Action, Resource, Condition } : { Effect, Action, Resource };

/** The ten policies of W2's principal: 60 statements. `acct` is the account in non-S3 ARNs. */
export function w2Policies(acct: string = A): PolicyDoc[] {
  const doc = (...Statement: Statement[]): PolicyDoc => ({ Version: V, Statement });
  return [
    doc( // S3 home
      s("Allow", ["s3:Get*", "s3:PutObject"], "arn:aws:s3:::corp-home/${aws:username}/*"),
      s("Allow", "s3:ListBucket", "arn:aws:s3:::corp-home", { StringLike: { "s3:prefix": ["${aws:username}/*"] } }),
      s("Allow", "s3:DeleteObject", "arn:aws:s3:::corp-home/${aws:username}/*", { Bool: { [MFA]: "true" } }),
      s("Deny", "s3:DeleteObject", "arn:aws:s3:::corp-home/${aws:username}/keep/*"),
      s("Allow", "s3:GetObject", "arn:aws:s3:::corp-shared/public/*"),
      s("Allow", "s3:ListBucket", "arn:aws:s3:::corp-shared", { StringLike: { "s3:prefix": ["public/*"] } }),
    ),
    doc( // S3 team
      s("Allow", ["s3:GetObject", "s3:PutObject"], "arn:aws:s3:::corp-team-data/*", { StringEquals: { [TEAM]: "data" } }),
      s("Allow", "s3:Get*", "arn:aws:s3:::corp-team-web/*", { StringEquals: { [TEAM]: ["web", "platform"] } }),
      s("Deny", "s3:PutObject", "arn:aws:s3:::corp-shared/*"),
      s("Deny", "s3:*", "arn:aws:s3:::corp-audit/*"),
      s("Allow", "s3:ListBucket", ["arn:aws:s3:::corp-team-data", "arn:aws:s3:::corp-team-web"], { StringEquals: { [TEAM]: ["data", "web"] } }),
      s("Deny", "s3:GetObject", "arn:aws:s3:::corp-team-data/secret/*", { NotIpAddress: { [IP]: "203.0.0.0/16" } }),
    ),
    doc( // EC2
      s("Allow", "ec2:Describe*", "*"),
      s("Allow", ["ec2:StartInstances", "ec2:StopInstances", "ec2:RebootInstances"], `arn:aws:ec2:*:${acct}:instance/*`, { StringEquals: { [TEAM]: "platform" } }),
      s("Allow", "ec2:TerminateInstances", `arn:aws:ec2:us-east-1:${acct}:instance/*`, { Bool: { [MFA]: "true" }, IpAddress: { [IP]: "203.0.0.0/16" } }),
      s("Deny", "ec2:TerminateInstances", `arn:aws:ec2:eu-west-1:${acct}:instance/*`),
      s("Deny", "ec2:StopInstances", `arn:aws:ec2:*:${acct}:instance/i-0prod*`),
      s("Allow", "ec2:RebootInstances", `arn:aws:ec2:eu-west-1:${acct}:instance/*`, { DateLessThan: { [NOW]: "2026-07-01T00:00:00Z" } }),
    ),
    doc( // DynamoDB
      s("Allow", ["dynamodb:GetItem", "dynamodb:Query", "dynamodb:Scan"], `arn:aws:dynamodb:*:${acct}:table/app-*`),
      s("Allow", ["dynamodb:PutItem", "dynamodb:UpdateItem"], `arn:aws:dynamodb:us-east-1:${acct}:table/app-*`, { StringEquals: { [TEAM]: ["data", "web"] } }),
      s("Deny", "dynamodb:DeleteItem", `arn:aws:dynamodb:*:${acct}:table/app-*`, { Bool: { [MFA]: "false" } }),
      s("Allow", "dynamodb:DeleteItem", `arn:aws:dynamodb:*:${acct}:table/app-*`),
      s("Allow", "dynamodb:Get*", `arn:aws:dynamodb:us-east-1:${acct}:table/\${aws:username}-*`),
      s("Deny", "dynamodb:Scan", `arn:aws:dynamodb:*:${acct}:table/app-billing`),
    ),
    doc( // Messaging
      s("Allow", ["sqs:SendMessage", "sqs:ReceiveMessage", "sqs:DeleteMessage"], `arn:aws:sqs:us-east-1:${acct}:orders-*`),
      s("Allow", "sqs:GetQueueAttributes", `arn:aws:sqs:*:${acct}:*`),
      s("Deny", "sqs:DeleteMessage", `arn:aws:sqs:*:${acct}:orders-dlq`),
      s("Allow", "sns:Publish", `arn:aws:sns:us-east-1:${acct}:alerts-*`, { DateLessThan: { [NOW]: "2026-07-01T00:00:00Z" } }),
      s("Allow", ["sns:Subscribe", "sns:GetTopicAttributes"], `arn:aws:sns:*:${acct}:*`, { StringEquals: { [TEAM]: "platform" } }),
      s("Deny", "sns:Publish", `arn:aws:sns:*:${acct}:alerts-prod`, { StringNotEquals: { [TEAM]: "platform" } }),
    ),
    doc( // Lambda
      s("Allow", ["lambda:InvokeFunction", "lambda:GetFunction"], `arn:aws:lambda:*:${acct}:function:api-*`),
      s("Allow", "lambda:UpdateFunctionCode", `arn:aws:lambda:us-east-1:${acct}:function:api-*`, { StringEquals: { [TEAM]: ["web", "platform"] }, Bool: { [MFA]: "true" } }),
      s("Deny", "lambda:UpdateFunctionCode", `arn:aws:lambda:*:${acct}:function:api-payments*`),
      s("Allow", "lambda:Get*", `arn:aws:lambda:*:${acct}:function:*`),
      s("Deny", "lambda:InvokeFunction", `arn:aws:lambda:eu-west-1:${acct}:function:*`, { IpAddress: { [IP]: "198.51.0.0/16" } }),
      s("Allow", "lambda:InvokeFunction", `arn:aws:lambda:*:${acct}:function:\${aws:username}-*`),
    ),
    doc( // Logs
      s("Allow", ["logs:CreateLogStream", "logs:PutLogEvents"], `arn:aws:logs:*:${acct}:log-group:/app/*`),
      s("Allow", "logs:GetLogEvents", `arn:aws:logs:*:${acct}:log-group:*`),
      s("Deny", "logs:GetLogEvents", `arn:aws:logs:*:${acct}:log-group:/security/*`, { StringNotEquals: { [TEAM]: "platform" } }),
      s("Allow", "logs:FilterLogEvents", `arn:aws:logs:us-east-1:${acct}:log-group:*`, { DateLessThan: { [NOW]: "2026-07-01T00:00:00Z" } }),
      s("Deny", "logs:PutLogEvents", `arn:aws:logs:*:${acct}:log-group:/app/audit:*`),
      s("Allow", "logs:CreateLogStream", `arn:aws:logs:*:${acct}:log-group:/users/\${aws:username}/*`),
    ),
    doc( // SSM
      s("Allow", ["ssm:GetParameter", "ssm:GetParameters"], `arn:aws:ssm:*:${acct}:parameter/app/*`),
      s("Allow", ["ssm:GetParameter", "ssm:PutParameter"], `arn:aws:ssm:*:${acct}:parameter/users/\${aws:username}/*`),
      s("Deny", "ssm:GetParameter", `arn:aws:ssm:*:${acct}:parameter/app/secrets/*`, { Bool: { [MFA]: "false" } }),
      s("Allow", "ssm:PutParameter", `arn:aws:ssm:us-east-1:${acct}:parameter/app/*`, { StringEquals: { [TEAM]: "platform" } }),
      s("Deny", "ssm:DeleteParameter", "*"),
      s("Allow", "ssm:GetParameter", `arn:aws:ssm:*:${acct}:parameter/app/secrets/*`, { IpAddress: { [IP]: "203.0.0.0/16" } }),
    ),
    doc( // Guardrails
      { Effect: "Deny", NotAction: ["s3:*", "ec2:*", "dynamodb:*", "sqs:*", "sns:*", "lambda:*", "logs:*", "ssm:*"], Resource: "*" },
      s("Deny", ["ec2:TerminateInstances", "dynamodb:DeleteItem", "s3:DeleteObject"], "*", { IpAddress: { [IP]: "198.51.0.0/16" } }),
      s("Deny", "s3:PutObject", "arn:aws:s3:::corp-home/*/readonly/*"),
      s("Deny", ["lambda:UpdateFunctionCode", "ssm:PutParameter"], "*", { DateLessThan: { [NOW]: "2025-09-01T00:00:00Z" } }),
      s("Deny", "dynamodb:Scan", `arn:aws:dynamodb:*:${acct}:table/*`, { StringEquals: { [TEAM]: "web" } }),
      s("Deny", "sqs:*", `arn:aws:sqs:*:${acct}:internal-*`),
    ),
    doc( // Misc
      s("Allow", "rds:DescribeDBInstances", "*"),
      s("Allow", "s3:GetObject", "arn:aws:s3:::corp-logs/*/${aws:username}/*"),
      s("Deny", "s3:GetObject", "arn:aws:s3:::corp-logs/*/root/*"),
      s("Allow", "sqs:*", `arn:aws:sqs:eu-west-1:${acct}:u-*`),
      s("Allow", "ec2:DescribeInstances", "*", { DateLessThan: { [NOW]: "2027-01-01T00:00:00Z" } }),
      s("Allow", "sns:Publish", `arn:aws:sns:eu-west-1:${acct}:u-*`, { StringEquals: { [TEAM]: ["data", "web", "platform"] } }),
    ),
  ];
}

const REGIONS = ["us-east-1", "us-east-1", "eu-west-1", "ap-southeast-2"];
const USERS = ["alice", "alice", "alice", "alice", "alice", "alice", "bob"];

/** One W2-shaped request for account `acct` (the account in non-S3 ARNs). */
export function w2Request(r: Rng, acct: string): Request {
  const region = pick(r, REGIONS);
  const user = pick(r, USERS);
  let service = pick(r, ["s3", "s3", "s3", "ec2", "ec2", "dynamodb", "sqs", "sns", "lambda", "lambda", "logs", "logs", "ssm", "ssm"]);
  if (chance(r, 0.03)) service = "rds";
  let action: string;
  let resource: string;
  const ctx: Record<string, string> = {};
  switch (service) {
    case "s3": {
      const bucket = pick(r, ["corp-home", "corp-home", "corp-home", "corp-shared", "corp-team-data", "corp-team-web", "corp-team-web", "corp-audit", "corp-logs"]);
      if (chance(r, 0.2)) {
        action = pick(r, ["s3:ListBucket", "s3:GetBucketLocation"]);
        resource = `arn:aws:s3:::${bucket}`;
        if (action === "s3:ListBucket") ctx["s3:prefix"] = pick(r, [`${user}/`, `${user}/docs/`, "public/", "private/", "alice/x"]);
      } else {
        action = pick(r, ["s3:GetObject", "s3:GetObject", "s3:GetObjectTagging", "s3:PutObject", "s3:DeleteObject"]);
        const key =
          bucket === "corp-home" ? `${user}/${pick(r, ["docs", "docs", "keep", "readonly", "tmp"])}/file-${Math.floor(r() * 1000)}.txt`
          : bucket === "corp-shared" ? `${pick(r, ["public", "private"])}/doc-${Math.floor(r() * 1000)}.pdf`
          : bucket === "corp-team-data" ? `${pick(r, ["raw", "secret", "curated"])}/part-${Math.floor(r() * 1000)}.parquet`
          : bucket === "corp-logs" ? `2026/${pick(r, ["alice", "bob", "root"])}/app.log`
          : `site/index-${Math.floor(r() * 100)}.html`;
        resource = `arn:aws:s3:::${bucket}/${key}`;
      }
      break;
    }
    case "ec2":
      if (chance(r, 0.35)) {
        action = pick(r, ["ec2:DescribeInstances", "ec2:DescribeVolumes", "ec2:DescribeSubnets"]);
        resource = "*";
      } else {
        action = pick(r, ["ec2:StartInstances", "ec2:StopInstances", "ec2:RebootInstances", "ec2:TerminateInstances"]);
        resource = `arn:aws:ec2:${region}:${acct}:instance/i-0${pick(r, ["prod", "dev", "test"])}${Math.floor(r() * 1e6).toString(16)}`;
      }
      break;
    case "dynamodb":
      action = pick(r, ["dynamodb:GetItem", "dynamodb:Query", "dynamodb:Scan", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem"]);
      resource = `arn:aws:dynamodb:${region}:${acct}:table/${pick(r, ["app-orders", "app-users", "app-billing", `${user}-scratch`, "legacy"])}`;
      break;
    case "sqs":
      action = pick(r, ["sqs:SendMessage", "sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"]);
      resource = `arn:aws:sqs:${region}:${acct}:${pick(r, ["orders-new", "orders-dlq", "internal-jobs", `u-${user}-inbox`, "misc"])}`;
      break;
    case "sns":
      action = pick(r, ["sns:Publish", "sns:Publish", "sns:Subscribe", "sns:GetTopicAttributes"]);
      resource = `arn:aws:sns:${region}:${acct}:${pick(r, ["alerts-dev", "alerts-prod", `u-${user}-notify`, "news"])}`;
      break;
    case "lambda":
      action = pick(r, ["lambda:InvokeFunction", "lambda:InvokeFunction", "lambda:GetFunction", "lambda:UpdateFunctionCode"]);
      resource = `arn:aws:lambda:${region}:${acct}:function:${pick(r, ["api-orders", "api-payments", `${user}-dev`, "batch-job"])}`;
      break;
    case "logs": {
      action = pick(r, ["logs:CreateLogStream", "logs:PutLogEvents", "logs:GetLogEvents", "logs:FilterLogEvents"]);
      const group = pick(r, ["/app/web", "/app/audit", "/security/trail", `/users/${user}/dev`, "/other"]);
      resource = action === "logs:FilterLogEvents"
        ? `arn:aws:logs:${region}:${acct}:log-group:${group}`
        : `arn:aws:logs:${region}:${acct}:log-group:${group}:log-stream:s-${Math.floor(r() * 100)}`;
      break;
    }
    case "ssm":
      action = pick(r, ["ssm:GetParameter", "ssm:GetParameter", "ssm:GetParameters", "ssm:PutParameter", "ssm:DeleteParameter"]);
      resource = `arn:aws:ssm:${region}:${acct}:parameter/${pick(r, ["app/db-host", "app/secrets/db-pass", `users/${user}/token`, "other/x"])}`;
      break;
    default:
      action = pick(r, ["rds:DescribeDBInstances", "rds:DeleteDBInstance"]);
      resource = action === "rds:DeleteDBInstance" ? `arn:aws:rds:${region}:${acct}:db:main` : "*";
  }
  if (!chance(r, 0.05)) ctx[TEAM] = pick(r, ["platform", "platform", "data", "web"]);
  ctx[IP] = pick(r, ["203.0", "203.0", "203.0", "203.0", "198.51", "192.0"]) + `.${Math.floor(r() * 256)}.${1 + Math.floor(r() * 250)}`;
  if (!chance(r, 0.1)) ctx[MFA] = chance(r, 0.75) ? "true" : "false";
  const t = Date.UTC(2025, 5, 1) + Math.floor(r() * 540) * 86_400_000 + Math.floor(r() * 86_400) * 1000;
  ctx[NOW] = new Date(t).toISOString().replace(/\.\d{3}Z$/, "Z");
  ctx["aws:username"] = USER;
  return { principal: PRINCIPAL, action, resource, context: ctx };
}

export function w2(seed: number, count: number): Workload {
  const r = prng(seed);
  const identity = w2Policies();
  const requests: Request[] = [];
  for (let i = 0; i < count; i++) requests.push(w2Request(r, A));
  return { id: "W2", title: "realistic: 10 policies, 60 statements, wildcards, variables, conditions", policies: { identity }, requests, statements: 60 };
}


/** The seed of every workload: W1 uses SEED + 1, W2 SEED + 2, and so on. */
export const SEED = 0x1a3e;
