/**
 * @module playground/samples
 * The sample library: the scenarios of the AWS guides, each as editors, a request and a small
 * test table. The policies are written after the examples of the IAM User Guide ("Example IAM
 * identity-based policies"), the Amazon S3 User Guide and the AWS Organizations User Guide
 * ("Example SCPs"); docs/playground.md names the page each one follows.
 */
import type { PlaygroundState, ContextRow, TestRow } from "./state.ts";

export interface Sample {
  id: string;
  title: string;
  /** One line: what the sample shows. */
  summary: string;
  /** The AWS documentation page the policies follow. */
  source: string;
  state: () => PlaygroundState;
}

const json = (doc: unknown): string => JSON.stringify(doc, null, 2);
const V = "2012-10-17";
const ACCOUNT = "111122223333";
const ALICE = `arn:aws:iam::${ACCOUNT}:user/alice`;

function base(over: Partial<PlaygroundState>): PlaygroundState {
  return {
    v: 1,
    identity: [],
    resourceKind: "resource",
    resource: "",
    boundary: "",
    session: [],
    scp: [],
    request: { principal: ALICE, action: "", resource: "", resourceAccount: "", context: [], derive: true },
    tests: [],
    ...over,
  };
}

const row = (action: string, resource: string, expected: TestRow["expected"], extra: Partial<TestRow> = {}): TestRow => ({
  principal: "", action, resource, context: "", expected, ...extra,
});
const ctx = (key: string, type: ContextRow["type"], value: string): ContextRow => ({ key, type, value });

export const SAMPLES: Sample[] = [
  {
    id: "s3-read-only",
    title: "S3: read-only access to a bucket",
    summary: "List the bucket and read its objects; writes are implicitly denied.",
    source: "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_examples_s3_rw-bucket.html",
    state: () => base({
      identity: [json({
        Version: V,
        Statement: [
          { Sid: "ListObjectsInBucket", Effect: "Allow", Action: ["s3:ListBucket"], Resource: ["arn:aws:s3:::amzn-s3-demo-bucket"] },
          { Sid: "ReadObjects", Effect: "Allow", Action: ["s3:GetObject", "s3:GetObjectVersion"], Resource: ["arn:aws:s3:::amzn-s3-demo-bucket/*"] },
        ],
      })],
      request: { principal: ALICE, action: "s3:GetObject", resource: "arn:aws:s3:::amzn-s3-demo-bucket/reports/q1.csv", resourceAccount: "", context: [], derive: true },
      tests: [
        row("s3:GetObject", "arn:aws:s3:::amzn-s3-demo-bucket/reports/q1.csv", "Allow"),
        row("s3:ListBucket", "arn:aws:s3:::amzn-s3-demo-bucket", "Allow"),
        row("s3:PutObject", "arn:aws:s3:::amzn-s3-demo-bucket/reports/q1.csv", "ImplicitDeny"),
        row("s3:GetObject", "arn:aws:s3:::another-bucket/q1.csv", "ImplicitDeny"),
      ],
    }),
  },
  {
    id: "s3-full",
    title: "S3: full access to one bucket",
    summary: "Every S3 action on one bucket and its objects, nothing on other buckets.",
    source: "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_examples_s3_rw-bucket.html",
    state: () => base({
      identity: [json({
        Version: V,
        Statement: [
          { Sid: "AllS3OnTheBucket", Effect: "Allow", Action: "s3:*", Resource: ["arn:aws:s3:::amzn-s3-demo-bucket", "arn:aws:s3:::amzn-s3-demo-bucket/*"] },
          { Sid: "ListAllBuckets", Effect: "Allow", Action: "s3:ListAllMyBuckets", Resource: "*" },
        ],
      })],
      request: { principal: ALICE, action: "s3:PutObject", resource: "arn:aws:s3:::amzn-s3-demo-bucket/uploads/photo.jpg", resourceAccount: "", context: [], derive: true },
      tests: [
        row("s3:PutObject", "arn:aws:s3:::amzn-s3-demo-bucket/uploads/photo.jpg", "Allow"),
        row("s3:DeleteBucket", "arn:aws:s3:::amzn-s3-demo-bucket", "Allow"),
        row("s3:ListAllMyBuckets", "*", "Allow"),
        row("s3:GetObject", "arn:aws:s3:::other-bucket/photo.jpg", "ImplicitDeny"),
      ],
    }),
  },
  {
    id: "home-folders",
    title: "S3: home folders with ${aws:username}",
    summary: "Each user lists and uses only home/<their name>/; the variable comes from the principal.",
    source: "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_examples_s3_home-directory-console.html",
    state: () => base({
      identity: [json({
        Version: V,
        Statement: [
          {
            Sid: "AllowListingOfUserFolder",
            Effect: "Allow",
            Action: "s3:ListBucket",
            Resource: "arn:aws:s3:::amzn-s3-demo-bucket",
            Condition: { StringLike: { "s3:prefix": ["", "home/", "home/${aws:username}/*"] } },
          },
          {
            Sid: "AllowAllS3ActionsInUserFolder",
            Effect: "Allow",
            Action: "s3:*Object",
            Resource: "arn:aws:s3:::amzn-s3-demo-bucket/home/${aws:username}/*",
          },
        ],
      })],
      request: { principal: ALICE, action: "s3:GetObject", resource: "arn:aws:s3:::amzn-s3-demo-bucket/home/alice/notes.txt", resourceAccount: "", context: [], derive: true },
      tests: [
        row("s3:GetObject", "arn:aws:s3:::amzn-s3-demo-bucket/home/alice/notes.txt", "Allow"),
        row("s3:PutObject", "arn:aws:s3:::amzn-s3-demo-bucket/home/bob/notes.txt", "ImplicitDeny"),
        row("s3:GetObject", "arn:aws:s3:::amzn-s3-demo-bucket/home/bob/notes.txt", "Allow", { principal: `arn:aws:iam::${ACCOUNT}:user/bob` }),
        row("s3:ListBucket", "arn:aws:s3:::amzn-s3-demo-bucket", "Allow", { context: "s3:prefix=home/alice/" }),
        row("s3:ListBucket", "arn:aws:s3:::amzn-s3-demo-bucket", "ImplicitDeny", { context: "s3:prefix=home/bob/" }),
      ],
    }),
  },
  {
    id: "mfa-required",
    title: "MFA required (BoolIfExists)",
    summary: "EC2 is allowed, but everything except managing your own MFA is denied without MFA.",
    source: "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_examples_aws_my-sec-creds-self-manage-mfa-only.html",
    state: () => base({
      identity: [json({
        Version: V,
        Statement: [
          { Sid: "AllowEc2", Effect: "Allow", Action: "ec2:*", Resource: "*" },
          {
            Sid: "DenyAllExceptListedIfNoMFA",
            Effect: "Deny",
            NotAction: ["iam:CreateVirtualMFADevice", "iam:EnableMFADevice", "iam:GetUser", "iam:ListMFADevices", "iam:ListVirtualMFADevices", "iam:ResyncMFADevice", "sts:GetSessionToken"],
            Resource: "*",
            Condition: { BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } },
          },
        ],
      })],
      request: {
        principal: ALICE, action: "ec2:StopInstances", resource: `arn:aws:ec2:us-east-1:${ACCOUNT}:instance/i-1234567890abcdef0`,
        resourceAccount: "", context: [ctx("aws:MultiFactorAuthPresent", "boolean", "true")], derive: true,
      },
      tests: [
        row("ec2:StopInstances", `arn:aws:ec2:us-east-1:${ACCOUNT}:instance/i-1234567890abcdef0`, "Allow", { context: "aws:MultiFactorAuthPresent=true" }),
        row("ec2:StopInstances", `arn:aws:ec2:us-east-1:${ACCOUNT}:instance/i-1234567890abcdef0`, "ExplicitDeny", { context: "aws:MultiFactorAuthPresent=false" }),
        row("ec2:StopInstances", `arn:aws:ec2:us-east-1:${ACCOUNT}:instance/i-1234567890abcdef0`, "ExplicitDeny"),
        row("sts:GetSessionToken", "*", "ImplicitDeny"),
      ],
    }),
  },
  {
    id: "ip-restriction",
    title: "IP restriction (NotIpAddress)",
    summary: "S3 reads are allowed, and everything is denied from outside two address ranges.",
    source: "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_examples_aws_deny-ip.html",
    state: () => base({
      identity: [json({
        Version: V,
        Statement: [
          { Sid: "AllowS3Read", Effect: "Allow", Action: ["s3:GetObject", "s3:ListBucket"], Resource: "*" },
          {
            Sid: "DenyOutsideOfficeRanges",
            Effect: "Deny",
            Action: "*",
            Resource: "*",
            Condition: {
              NotIpAddress: { "aws:SourceIp": ["192.0.2.0/24", "203.0.113.0/24"] },
              Bool: { "aws:ViaAWSService": "false" },
            },
          },
        ],
      })],
      request: {
        principal: ALICE, action: "s3:GetObject", resource: "arn:aws:s3:::amzn-s3-demo-bucket/report.pdf", resourceAccount: "",
        context: [ctx("aws:SourceIp", "ip", "203.0.113.25"), ctx("aws:ViaAWSService", "boolean", "false")], derive: true,
      },
      tests: [
        row("s3:GetObject", "arn:aws:s3:::amzn-s3-demo-bucket/report.pdf", "Allow", { context: "aws:SourceIp=192.0.2.7; aws:ViaAWSService=false" }),
        row("s3:GetObject", "arn:aws:s3:::amzn-s3-demo-bucket/report.pdf", "ExplicitDeny", { context: "aws:SourceIp=198.51.100.9; aws:ViaAWSService=false" }),
        row("s3:GetObject", "arn:aws:s3:::amzn-s3-demo-bucket/report.pdf", "Allow", { context: "aws:SourceIp=198.51.100.9; aws:ViaAWSService=true" }),
      ],
    }),
  },
  {
    id: "cross-account-external-id",
    title: "Cross-account role with ExternalId",
    summary: "A partner account assumes a role; the trust policy requires sts:ExternalId.",
    source: "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_common-scenarios_third-party.html",
    state: () => base({
      identity: [json({
        Version: V,
        Statement: [
          { Sid: "AssumeTheAuditRole", Effect: "Allow", Action: "sts:AssumeRole", Resource: `arn:aws:iam::${ACCOUNT}:role/PartnerAuditRole` },
        ],
      })],
      resourceKind: "trust",
      resource: json({
        Version: V,
        Statement: [
          {
            Sid: "PartnerWithExternalId",
            Effect: "Allow",
            Principal: { AWS: "arn:aws:iam::444455556666:root" },
            Action: "sts:AssumeRole",
            Condition: { StringEquals: { "sts:ExternalId": "Unique-ID-7a6f3c" } },
          },
        ],
      }),
      request: {
        principal: "arn:aws:iam::444455556666:user/partner-auditor", action: "sts:AssumeRole",
        resource: `arn:aws:iam::${ACCOUNT}:role/PartnerAuditRole`, resourceAccount: ACCOUNT,
        context: [ctx("sts:ExternalId", "string", "Unique-ID-7a6f3c")], derive: true,
      },
      tests: [
        row("sts:AssumeRole", `arn:aws:iam::${ACCOUNT}:role/PartnerAuditRole`, "Allow", { context: "sts:ExternalId=Unique-ID-7a6f3c" }),
        row("sts:AssumeRole", `arn:aws:iam::${ACCOUNT}:role/PartnerAuditRole`, "ImplicitDeny", { context: "sts:ExternalId=guessed" }),
        row("sts:AssumeRole", `arn:aws:iam::${ACCOUNT}:role/PartnerAuditRole`, "ImplicitDeny"),
        row("sts:AssumeRole", `arn:aws:iam::${ACCOUNT}:role/PartnerAuditRole`, "ImplicitDeny", { principal: "arn:aws:iam::777788889999:user/mallory", context: "sts:ExternalId=Unique-ID-7a6f3c" }),
      ],
    }),
  },
  {
    id: "permissions-boundary",
    title: "Permissions boundary",
    summary: "The identity policy allows S3 and IAM; the boundary caps it at S3, CloudWatch and EC2.",
    source: "https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html",
    state: () => base({
      identity: [json({
        Version: V,
        Statement: [
          { Sid: "DevPermissions", Effect: "Allow", Action: ["s3:*", "iam:*"], Resource: "*" },
        ],
      })],
      boundary: json({
        Version: V,
        Statement: [
          { Sid: "BoundaryMaximum", Effect: "Allow", Action: ["s3:*", "cloudwatch:*", "ec2:*"], Resource: "*" },
        ],
      }),
      request: { principal: ALICE, action: "iam:CreateUser", resource: `arn:aws:iam::${ACCOUNT}:user/new-admin`, resourceAccount: "", context: [], derive: true },
      tests: [
        row("iam:CreateUser", `arn:aws:iam::${ACCOUNT}:user/new-admin`, "ImplicitDeny"),
        row("s3:GetObject", "arn:aws:s3:::amzn-s3-demo-bucket/a.txt", "Allow"),
        row("ec2:RunInstances", "*", "ImplicitDeny"),
      ],
    }),
  },
  {
    id: "scp-region-lock",
    title: "SCP: region lock with aws:RequestedRegion",
    summary: "The root allows everything; the OU denies regions other than two EU ones, global services excepted.",
    source: "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_examples_general.html",
    state: () => base({
      identity: [json({
        Version: V,
        Statement: [{ Sid: "Ec2AndIam", Effect: "Allow", Action: ["ec2:*", "iam:*"], Resource: "*" }],
      })],
      scp: [
        { level: 1, text: json({ Version: V, Statement: [{ Sid: "FullAWSAccess", Effect: "Allow", Action: "*", Resource: "*" }] }) },
        {
          level: 2,
          text: json({
            Version: V,
            Statement: [
              { Sid: "FullAWSAccess", Effect: "Allow", Action: "*", Resource: "*" },
              {
                Sid: "DenyAllOutsideEU",
                Effect: "Deny",
                NotAction: ["cloudfront:*", "iam:*", "organizations:*", "route53:*", "sts:*", "support:*"],
                Resource: "*",
                Condition: { StringNotEquals: { "aws:RequestedRegion": ["eu-central-1", "eu-west-1"] } },
              },
            ],
          }),
        },
      ],
      request: {
        principal: ALICE, action: "ec2:RunInstances", resource: `arn:aws:ec2:eu-west-1:${ACCOUNT}:instance/*`, resourceAccount: "",
        context: [ctx("aws:RequestedRegion", "string", "eu-west-1")], derive: true,
      },
      tests: [
        row("ec2:RunInstances", `arn:aws:ec2:eu-west-1:${ACCOUNT}:instance/*`, "Allow", { context: "aws:RequestedRegion=eu-west-1" }),
        row("ec2:RunInstances", `arn:aws:ec2:us-east-1:${ACCOUNT}:instance/*`, "ExplicitDeny", { context: "aws:RequestedRegion=us-east-1" }),
        row("iam:CreateRole", `arn:aws:iam::${ACCOUNT}:role/app`, "Allow", { context: "aws:RequestedRegion=us-east-1" }),
      ],
    }),
  },
  {
    id: "ec2-role-trust",
    title: "EC2 role trust policy",
    summary: "The EC2 service may assume the role (an instance profile); other services may not.",
    source: "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_switch-role-ec2.html",
    state: () => base({
      resourceKind: "trust",
      resource: json({
        Version: V,
        Statement: [
          { Sid: "TrustEC2", Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" },
        ],
      }),
      request: { principal: "ec2.amazonaws.com", action: "sts:AssumeRole", resource: `arn:aws:iam::${ACCOUNT}:role/app-server`, resourceAccount: ACCOUNT, context: [], derive: true },
      tests: [
        row("sts:AssumeRole", `arn:aws:iam::${ACCOUNT}:role/app-server`, "Allow"),
        row("sts:AssumeRole", `arn:aws:iam::${ACCOUNT}:role/app-server`, "ImplicitDeny", { principal: "lambda.amazonaws.com" }),
      ],
    }),
  },
];

export const DEFAULT_SAMPLE = "s3-read-only";

export function sampleState(id: string): PlaygroundState | undefined {
  const s = SAMPLES.find((x) => x.id === id);
  if (!s) return undefined;
  return { ...s.state(), sample: s.id };
}
