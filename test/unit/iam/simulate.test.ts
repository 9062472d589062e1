// SimulatePrincipalPolicy / SimulateCustomPolicy (js/iam/simulate.ts): decisions, matched
// statements with positions, missing context values, boundary and organizations details, the
// per-action (2026-07) and per-resource shapes, typed ContextEntries, validation and paging.
import { beforeEach, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { createEngine } from "../../../js/index.ts";
import { Account, IamError } from "../../../js/index.ts";
import { contextFromEntries } from "../../../js/iam/simulate/context-entries.ts";

const engine = await createEngine();
const A = "111122223333";
const now = () => new Date("2025-01-01T00:00:00Z");
const gaad = () => JSON.parse(readFileSync(new URL("../../fixtures/gaad-mini.json", import.meta.url), "utf8"));
const ALICE = `arn:aws:iam::${A}:user/engineering/alice`;
const BOB = `arn:aws:iam::${A}:user/bob`;
const APP = `arn:aws:iam::${A}:role/service/app`;
const DEVS = `arn:aws:iam::${A}:group/Developers`;

let account: Account;
beforeEach(async () => {
  account = await Account.fromAuthorizationDetails(gaad(), { accountId: A, engine, now });
});

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return "ok";
  } catch (e) {
    expect(e).toBeInstanceOf(IamError);
    return (e as IamError).code;
  }
}

describe("simulatePrincipalPolicy", () => {
  it("reports allowed, explicitDeny and implicitDeny with matched statements and positions", async () => {
    const { EvaluationResults, IsTruncated } = await account.simulatePrincipalPolicy({
      PolicySourceArn: ALICE,
      ActionNames: ["s3:GetObject", "s3:DeleteObject", "s3:ListBucket"],
      ResourceArns: ["arn:aws:s3:::reports/q1.csv"],
    });
    expect(IsTruncated).toBe(false);
    expect(EvaluationResults.map((r) => [r.EvalActionName, r.EvalDecision])).toEqual([
      ["s3:GetObject", "allowed"], ["s3:DeleteObject", "explicitDeny"], ["s3:ListBucket", "implicitDeny"],
    ]);
    const [get, del, list] = EvaluationResults;
    expect(get).toEqual({
      EvalActionName: "s3:GetObject",
      EvalResourceName: "arn:aws:s3:::reports/q1.csv",
      EvalDecision: "allowed",
      MatchedStatements: [
        { SourcePolicyId: "ReadReports", SourcePolicyType: "user-managed", StartPosition: { Line: 4, Column: 9 }, EndPosition: { Line: 9, Column: 10 } },
        { SourcePolicyId: "DevBoundary", SourcePolicyType: "user-managed", StartPosition: { Line: 4, Column: 9 }, EndPosition: { Line: 13, Column: 10 } },
      ],
      MissingContextValues: [],
      PermissionsBoundaryDecisionDetail: { AllowedByPermissionsBoundary: true },
      EvalDecisionDetails: {},
      ResourceSpecificResults: [{
        EvalResourceName: "arn:aws:s3:::reports/q1.csv", EvalResourceDecision: "allowed",
        MatchedStatements: get.MatchedStatements, MissingContextValues: [], EvalDecisionDetails: {},
        PermissionsBoundaryDecisionDetail: { AllowedByPermissionsBoundary: true },
      }],
    });
    expect(del.MatchedStatements).toEqual([{ SourcePolicyId: "user_alice_NoDeletes", SourcePolicyType: "user", StartPosition: { Line: 4, Column: 9 }, EndPosition: { Line: 9, Column: 10 } }]);
    expect(list.MatchedStatements).toEqual([]);
  });

  it("positions point at the statement in the stored text (1-based columns)", async () => {
    const doc = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sqs:*","Resource":"*"}]}';
    const r = await account.simulatePrincipalPolicy({ PolicySourceArn: BOB, PolicyInputList: [doc], ActionNames: ["sqs:SendMessage"] });
    const [m] = r.EvaluationResults[0].MatchedStatements;
    expect(m).toEqual({ SourcePolicyId: "PolicyInputList.1", SourcePolicyType: "none", StartPosition: { Line: 1, Column: 38 }, EndPosition: { Line: 1, Column: 88 } });
    expect(doc.slice(m.StartPosition!.Column - 1, m.EndPosition!.Column - 1)).toBe('{"Effect":"Allow","Action":"sqs:*","Resource":"*"}');
    // No resource ARN: no EvalDecisionDetails at all.
    expect(r.EvaluationResults[0].EvalResourceName).toBe("*");
    expect(r.EvaluationResults[0].EvalDecisionDetails).toBeUndefined();
  });

  it("reports group policies with their group and AWS-managed ones by name", async () => {
    const r = await account.simulatePrincipalPolicy({ PolicySourceArn: BOB, ActionNames: ["s3:ListAllMyBuckets"] });
    expect(r.EvaluationResults[0].EvalDecision).toBe("allowed");
    expect(r.EvaluationResults[0].MatchedStatements[0]).toMatchObject({ SourcePolicyId: "AmazonS3ReadOnlyAccess", SourcePolicyType: "aws-managed" });
    const alice = await account.simulatePrincipalPolicy({ PolicySourceArn: ALICE, ActionNames: ["s3:PutObject"], ResourceArns: ["arn:aws:s3:::dev-bucket/a"] });
    expect(alice.EvaluationResults[0].MatchedStatements[0]).toMatchObject({ SourcePolicyId: "group_Developers_DevBucket", SourcePolicyType: "group" });
    const observed = await account.simulatePrincipalPolicy({ PolicySourceArn: BOB, ActionNames: ["s3:ListAllMyBuckets"] }, { sourcePolicyTypes: "observed" });
    expect(observed.EvaluationResults[0].MatchedStatements[0].SourcePolicyType).toBe("IAM Policy");
  });

  it("lists missing context values and uses ContextEntries", async () => {
    const input = { PolicySourceArn: ALICE, ActionNames: ["s3:GetObject"], ResourceArns: ["arn:aws:s3:::dev-bucket/a"] };
    const missing = await account.simulatePrincipalPolicy(input);
    expect(missing.EvaluationResults[0]).toMatchObject({ EvalDecision: "implicitDeny", MissingContextValues: ["aws:SourceIp"] });
    const given = await account.simulatePrincipalPolicy({ ...input, ContextEntries: [{ ContextKeyName: "aws:SourceIp", ContextKeyValues: ["203.0.113.7"], ContextKeyType: "ip" }] });
    expect(given.EvaluationResults[0]).toMatchObject({ EvalDecision: "allowed", MissingContextValues: [] });
    const outside = await account.simulatePrincipalPolicy({ ...input, ContextEntries: [{ ContextKeyName: "aws:SourceIp", ContextKeyValues: ["198.51.100.1"], ContextKeyType: "ip" }] });
    expect(outside.EvaluationResults[0].EvalDecision).toBe("implicitDeny");
  });

  it("reports the boundary's verdict", async () => {
    const r = await account.simulatePrincipalPolicy({ PolicySourceArn: ALICE, ActionNames: ["ec2:RunInstances"], ResourceArns: [`arn:aws:ec2:us-east-1:${A}:instance/i-1`] });
    expect(r.EvaluationResults[0]).toMatchObject({ EvalDecision: "implicitDeny", PermissionsBoundaryDecisionDetail: { AllowedByPermissionsBoundary: false } });
    // A boundary in the request replaces alice's.
    const open = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] });
    const replaced = await account.simulatePrincipalPolicy({ PolicySourceArn: ALICE, PermissionsBoundaryPolicyInputList: [open], ActionNames: ["ec2:RunInstances"], ResourceArns: [`arn:aws:ec2:us-east-1:${A}:instance/i-1`] });
    expect(replaced.EvaluationResults[0]).toMatchObject({ EvalDecision: "allowed", PermissionsBoundaryDecisionDetail: { AllowedByPermissionsBoundary: true } });
    expect(replaced.EvaluationResults[0].MatchedStatements.map((m) => m.SourcePolicyId)).toEqual(["group_Developers_DevBucket", "PermissionsBoundaryPolicyInputList.1"]);
    // No boundary, no detail.
    const bob = await account.simulatePrincipalPolicy({ PolicySourceArn: BOB, ActionNames: ["s3:GetObject"] });
    expect(bob.EvaluationResults[0].PermissionsBoundaryDecisionDetail).toBeUndefined();
  });

  it("returns one result per action by default, the most restrictive decision on top", async () => {
    const r = await account.simulatePrincipalPolicy({
      PolicySourceArn: ALICE, ActionNames: ["s3:GetObject", "s3:PutObject"],
      ResourceArns: ["arn:aws:s3:::reports/a.csv", "arn:aws:s3:::dev-bucket/b"],
    });
    expect(r.EvaluationResults).toHaveLength(2);
    const [get, put] = r.EvaluationResults;
    expect(get.EvalResourceName).toBe("arn:aws:s3:::${ResourceName}");
    expect(get.EvalDecision).toBe("implicitDeny");
    expect(get.ResourceSpecificResults.map((x) => [x.EvalResourceName, x.EvalResourceDecision])).toEqual([
      ["arn:aws:s3:::reports/a.csv", "allowed"], ["arn:aws:s3:::dev-bucket/b", "implicitDeny"],
    ]);
    expect(get.MissingContextValues).toEqual(["aws:SourceIp"]);
    expect(get.ResourceSpecificResults[0].MatchedStatements[0].SourcePolicyId).toBe("ReadReports");
    expect(get.MatchedStatements).toEqual([]);
    expect(put.ResourceSpecificResults.map((x) => x.EvalResourceDecision)).toEqual(["implicitDeny", "allowed"]);
    expect(get.PermissionsBoundaryDecisionDetail).toEqual({ AllowedByPermissionsBoundary: true });
  });

  it("returns one result per action and resource with resultShape per-resource", async () => {
    const r = await account.simulatePrincipalPolicy({
      PolicySourceArn: ALICE, ActionNames: ["s3:GetObject", "s3:PutObject"],
      ResourceArns: ["arn:aws:s3:::reports/a.csv", "arn:aws:s3:::dev-bucket/b"],
    }, { resultShape: "per-resource" });
    expect(r.EvaluationResults.map((x) => [x.EvalActionName, x.EvalResourceName, x.EvalDecision])).toEqual([
      ["s3:GetObject", "arn:aws:s3:::reports/a.csv", "allowed"],
      ["s3:GetObject", "arn:aws:s3:::dev-bucket/b", "implicitDeny"],
      ["s3:PutObject", "arn:aws:s3:::reports/a.csv", "implicitDeny"],
      ["s3:PutObject", "arn:aws:s3:::dev-bucket/b", "allowed"],
    ]);
    for (const x of r.EvaluationResults) {
      expect(x.ResourceSpecificResults).toHaveLength(1);
      expect(x.ResourceSpecificResults[0].EvalResourceDecision).toBe(x.EvalDecision);
    }
  });

  it("derives the principal's keys (policy variables, principal tags, userid) but no request keys", async () => {
    const home = await account.simulatePrincipalPolicy({ PolicySourceArn: BOB, ActionNames: ["s3:PutObject"], ResourceArns: ["arn:aws:s3:::home/bob/x", "arn:aws:s3:::home/alice/x"] });
    expect(home.EvaluationResults[0].ResourceSpecificResults.map((x) => x.EvalResourceDecision)).toEqual(["allowed", "implicitDeny"]);
    const table = `arn:aws:dynamodb:us-east-1:${A}:table/t`;
    const role = await account.simulatePrincipalPolicy({ PolicySourceArn: APP, ActionNames: ["dynamodb:GetItem", "dynamodb:PutItem"], ResourceArns: [table] });
    expect(role.EvaluationResults.map((x) => x.EvalDecision)).toEqual(["allowed", "implicitDeny"]);
    expect(role.EvaluationResults[1].MissingContextValues).toEqual(["aws:userid"]);
    // ContextEntries override derived keys.
    const overridden = await account.simulatePrincipalPolicy({
      PolicySourceArn: APP, ActionNames: ["dynamodb:GetItem", "dynamodb:PutItem"], ResourceArns: [table],
      ContextEntries: [
        { ContextKeyName: "aws:PrincipalTag/env", ContextKeyValues: ["dev"], ContextKeyType: "string" },
        { ContextKeyName: "aws:userid", ContextKeyValues: ["AROAEXAMPLEAPPROLE01:worker-3"], ContextKeyType: "string" },
      ],
    });
    expect(overridden.EvaluationResults.map((x) => x.EvalDecision)).toEqual(["implicitDeny", "allowed"]);
    // No aws:CurrentTime is invented.
    const timed = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "*", Condition: { DateLessThan: { "aws:CurrentTime": "2030-01-01T00:00:00Z" } } }] });
    const t = await account.simulateCustomPolicy({ PolicyInputList: [timed], ActionNames: ["s3:GetObject"] });
    expect(t.EvaluationResults[0]).toMatchObject({ EvalDecision: "implicitDeny", MissingContextValues: ["aws:CurrentTime"] });
  });

  it("simulates a group's policies and honours CallerArn and PolicyExclusionList", async () => {
    const g = await account.simulatePrincipalPolicy({ PolicySourceArn: DEVS, ActionNames: ["s3:DeleteObject"], ResourceArns: ["arn:aws:s3:::dev-bucket/x"] });
    expect(g.EvaluationResults[0].EvalDecision).toBe("allowed");
    const asBob = await account.simulatePrincipalPolicy({ PolicySourceArn: DEVS, CallerArn: BOB, PolicyInputList: [JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::x/${aws:username}" }] })], ActionNames: ["s3:GetObject"], ResourceArns: ["arn:aws:s3:::x/bob"] });
    expect(asBob.EvaluationResults[0].EvalDecision).toBe("allowed");
    const without = await account.simulatePrincipalPolicy({
      PolicySourceArn: ALICE, ActionNames: ["s3:DeleteObject"], ResourceArns: ["arn:aws:s3:::dev-bucket/x"],
      PolicyExclusionList: [{ PolicyType: "inline", InlinePolicyIdentifier: { PolicyName: "No*", AttachmentType: "user", AttachmentName: "alice" } }],
    });
    expect(without.EvaluationResults[0].EvalDecision).toBe("allowed");
    const noBoundary = await account.simulatePrincipalPolicy({
      PolicySourceArn: ALICE, ActionNames: ["ec2:RunInstances"], ResourceArns: [`arn:aws:ec2:us-east-1:${A}:instance/i-1`],
      PolicyExclusionList: [{ PolicyType: "permission-boundary" }],
    });
    expect(noBoundary.EvaluationResults[0].EvalDecision).toBe("allowed");
    expect(noBoundary.EvaluationResults[0].PermissionsBoundaryDecisionDetail).toBeUndefined();
  });

  it("pages with MaxItems and Marker", async () => {
    const input = { PolicySourceArn: ALICE, ActionNames: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"] };
    const p1 = await account.simulatePrincipalPolicy({ ...input, MaxItems: 2 });
    expect(p1.EvaluationResults.map((r) => r.EvalActionName)).toEqual(["s3:GetObject", "s3:PutObject"]);
    expect(p1.IsTruncated).toBe(true);
    const p2 = await account.simulatePrincipalPolicy({ ...input, MaxItems: 2, Marker: p1.Marker });
    expect(p2.EvaluationResults.map((r) => r.EvalActionName)).toEqual(["s3:DeleteObject"]);
    expect(p2.IsTruncated).toBe(false);
    expect(p2.Marker).toBeUndefined();
    expect(await code(account.simulatePrincipalPolicy({ ...input, Marker: "bogus" }))).toBe("InvalidInput");
  });

  it("validates the request", async () => {
    const base = { PolicySourceArn: ALICE, ActionNames: ["s3:GetObject"] };
    expect(await code(account.simulatePrincipalPolicy({ ...base, PolicySourceArn: `arn:aws:iam::${A}:user/nobody` }))).toBe("NoSuchEntity");
    expect(await code(account.simulatePrincipalPolicy({ ...base, PolicySourceArn: `arn:aws:sts::${A}:assumed-role/app/s` }))).toBe("InvalidInput");
    expect(await code(account.simulatePrincipalPolicy({ ...base, ActionNames: [] }))).toBe("InvalidInput");
    expect(await code(account.simulatePrincipalPolicy({ ...base, ActionNames: ["s3:*"] }))).toBe("InvalidInput");
    expect(await code(account.simulatePrincipalPolicy({ ...base, CallerArn: `arn:aws:sts::${A}:assumed-role/app/s` }))).toBe("InvalidInput");
    expect(await code(account.simulatePrincipalPolicy({ ...base, MaxItems: 0 }))).toBe("InvalidInput");
    expect(await code(account.simulatePrincipalPolicy({ ...base, ResourceHandlingOption: "EC2-Mars" }))).toBe("InvalidInput");
    expect(await code(account.simulatePrincipalPolicy({ ...base, ResourceHandlingOption: "EC2-VPC-EBS" }))).toBe("ok");
    expect(await code(account.simulatePrincipalPolicy({ ...base, PermissionsBoundaryPolicyInputList: ["{}", "{}"] }))).toBe("InvalidInput");
    expect(await code(account.simulatePrincipalPolicy({ ...base, ContextEntries: [{ ContextKeyName: "aws:SourceIp", ContextKeyValues: ["nope"], ContextKeyType: "ip" }] }))).toBe("InvalidInput");
    // Values the engine could not read are refused as the simulator refuses them, however JavaScript's own parsers read them.
    for (const [type, value] of [["date", "March 7"], ["date", "1 2 3"], ["date", "2020-02-30"], ["ip", "1.2.3.4/33"], ["ip", "::g"], ["ip", "01.2.3.4"]] as const) {
      expect(await code(account.simulatePrincipalPolicy({ ...base, ContextEntries: [{ ContextKeyName: "aws:CurrentTime", ContextKeyValues: [value], ContextKeyType: type }] })), `${type} ${value}`).toBe("InvalidInput");
    }
    for (const [type, value] of [["date", "2020-02-29T12:00:00Z"], ["date", "1700000000"], ["ip", "2001:db8::/32"], ["ip", "10.0.0.1"]] as const) {
      expect(await code(account.simulatePrincipalPolicy({ ...base, ContextEntries: [{ ContextKeyName: "aws:CurrentTime", ContextKeyValues: [value], ContextKeyType: type }] })), `${type} ${value}`).not.toBe("InvalidInput");
    }
    try {
      await account.simulatePrincipalPolicy({ ...base, PolicyInputList: ['{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Resource":"*"}]}'] });
      expect.unreachable();
    } catch (e) {
      expect((e as IamError).code).toBe("MalformedPolicyDocument");
      expect((e as IamError).message).toMatch(/^PolicyInputList\.1: /);
      expect((e as IamError).diagnostics?.[0]).toMatchObject({ path: "/Statement/0", span: { start: { line: 1 } } });
    }
  });

  it("is authorized when a caller is given", async () => {
    expect(await code(account.simulatePrincipalPolicy({ PolicySourceArn: BOB, ActionNames: ["s3:GetObject"] }, { caller: `arn:aws:iam::${A}:user/iam-admin` }))).toBe("ok");
    expect(await code(account.simulatePrincipalPolicy({ PolicySourceArn: ALICE, ActionNames: ["s3:GetObject"] }, { caller: BOB }))).toBe("AccessDenied");
  });
});

describe("simulateCustomPolicy", () => {
  const allowS3 = JSON.stringify({ Version: "2012-10-17", Statement: [{ Sid: "S3", Effect: "Allow", Action: "s3:*", Resource: "*" }] });

  it("evaluates only the given policies", async () => {
    const r = await account.simulateCustomPolicy({ PolicyInputList: [allowS3], ActionNames: ["s3:GetObject", "ec2:RunInstances"] });
    expect(r.EvaluationResults.map((x) => x.EvalDecision)).toEqual(["allowed", "implicitDeny"]);
    expect(r.EvaluationResults[0].MatchedStatements[0].SourcePolicyId).toBe("PolicyInputList.1");
  });

  it("evaluates a resource policy, cross-account with EvalDecisionDetails", async () => {
    const bucketPolicy = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: BOB }, Action: "s3:GetObject", Resource: "arn:aws:s3:::shared/*" }] });
    expect(await code(account.simulateCustomPolicy({ PolicyInputList: [], ResourcePolicy: bucketPolicy, ActionNames: ["s3:GetObject"] }))).toBe("InvalidInput");
    const same = await account.simulateCustomPolicy({ PolicyInputList: [], ResourcePolicy: bucketPolicy, CallerArn: BOB, ActionNames: ["s3:GetObject"], ResourceArns: ["arn:aws:s3:::shared/a"] });
    expect(same.EvaluationResults[0]).toMatchObject({ EvalDecision: "allowed", EvalDecisionDetails: {} });
    expect(same.EvaluationResults[0].MatchedStatements[0]).toMatchObject({ SourcePolicyId: "ResourcePolicy", SourcePolicyType: "resource" });
    const cross = await account.simulateCustomPolicy({
      PolicyInputList: [], ResourcePolicy: bucketPolicy, CallerArn: BOB, ResourceOwner: "arn:aws:iam::444455556666:root",
      ActionNames: ["s3:GetObject"], ResourceArns: ["arn:aws:s3:::shared/a"],
    });
    expect(cross.EvaluationResults[0]).toMatchObject({ EvalDecision: "implicitDeny", EvalDecisionDetails: { "IAM Policy": "implicitDeny", "Resource Policy": "allowed" } });
    const both = await account.simulateCustomPolicy({
      PolicyInputList: [allowS3], ResourcePolicy: bucketPolicy, CallerArn: BOB, ResourceOwner: "arn:aws:iam::444455556666:root",
      ActionNames: ["s3:GetObject"], ResourceArns: ["arn:aws:s3:::shared/a"],
    });
    expect(both.EvaluationResults[0]).toMatchObject({ EvalDecision: "allowed", EvalDecisionDetails: { "IAM Policy": "allowed", "Resource Policy": "allowed" } });
  });

  it("evaluates a trust policy for sts:AssumeRole", async () => {
    const trust = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Deny", Principal: { AWS: BOB }, Action: "sts:AssumeRole" }] });
    const r = await account.simulateCustomPolicy({ PolicyInputList: [JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Resource: "*" }] })], ResourcePolicy: trust, CallerArn: BOB, ActionNames: ["sts:AssumeRole"], ResourceArns: [APP] });
    expect(r.EvaluationResults[0].EvalDecision).toBe("explicitDeny");
  });

  it("reports SCPs in OrganizationsDecisionDetail", async () => {
    const scp = (action: string) => JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: action, Resource: "*" }] });
    const r = await account.simulateCustomPolicy({
      PolicyInputList: [allowS3], ActionNames: ["s3:GetObject", "s3:PutObject"],
      OrderedOrganizationPolicyInputList: [{ ServiceControlPolicyInputList: [scp("*")] }, { ServiceControlPolicyInputList: [scp("s3:Get*")] }],
    });
    expect(r.EvaluationResults.map((x) => [x.EvalDecision, x.OrganizationsDecisionDetail])).toEqual([
      ["allowed", { AllowedByOrganizations: true }], ["implicitDeny", { AllowedByOrganizations: false }],
    ]);
  });

  it("converts every ContextKeyType; lists are multivalued", async () => {
    const doc = JSON.stringify({
      Version: "2012-10-17",
      Statement: [{
        Effect: "Allow", Action: "ec2:CreateTags", Resource: "*",
        Condition: {
          "ForAllValues:StringEquals": { "aws:TagKeys": ["team", "env"] },
          NumericLessThan: { "ec2:Count": "5" },
          Bool: { "aws:MultiFactorAuthPresent": "true" },
          DateGreaterThan: { "aws:CurrentTime": "2024-01-01T00:00:00Z" },
          IpAddress: { "aws:SourceIp": "10.0.0.0/8" },
        },
      }],
    });
    const entries = (tags: string[], count = "3") => [
      { ContextKeyName: "aws:TagKeys", ContextKeyValues: tags, ContextKeyType: "stringList" as const },
      { ContextKeyName: "ec2:Count", ContextKeyValues: [count], ContextKeyType: "numeric" as const },
      { ContextKeyName: "aws:MultiFactorAuthPresent", ContextKeyValues: ["True"], ContextKeyType: "boolean" as const },
      { ContextKeyName: "aws:CurrentTime", ContextKeyValues: ["2025-06-01T00:00:00Z"], ContextKeyType: "date" as const },
      { ContextKeyName: "aws:SourceIp", ContextKeyValues: ["10.1.2.3"], ContextKeyType: "ip" as const },
    ];
    const decide = async (e: ReturnType<typeof entries>) => (await account.simulateCustomPolicy({ PolicyInputList: [doc], ActionNames: ["ec2:CreateTags"], ContextEntries: e })).EvaluationResults[0].EvalDecision;
    expect(await decide(entries(["team"]))).toBe("allowed");
    expect(await decide(entries(["team", "owner"]))).toBe("implicitDeny");
    expect(await decide(entries(["env"], "7"))).toBe("implicitDeny");
    expect(contextFromEntries([
      { ContextKeyName: "s3:max-keys", ContextKeyValues: ["1", "2.5"], ContextKeyType: "numericList" },
      { ContextKeyName: "aws:SecureTransport", ContextKeyValues: ["FALSE"], ContextKeyType: "boolean" },
      { ContextKeyName: "x:flags", ContextKeyValues: ["true", "false"], ContextKeyType: "booleanList" },
      { ContextKeyName: "x:blob", ContextKeyValues: ["aGVsbG8="], ContextKeyType: "binary" },
      { ContextKeyName: "x:ips", ContextKeyValues: ["10.0.0.1", "2001:db8::/32"], ContextKeyType: "ipList" },
      { ContextKeyName: "x:dates", ContextKeyValues: ["1700000000"], ContextKeyType: "dateList" },
      { ContextKeyName: "x:one", ContextKeyValues: ["a"], ContextKeyType: "stringList" },
    ])).toEqual({
      "s3:max-keys": ["1", "2.5"], "aws:SecureTransport": false, "x:flags": [true, false], "x:blob": "aGVsbG8=",
      "x:ips": ["10.0.0.1", "2001:db8::/32"], "x:dates": ["1700000000"], "x:one": ["a"],
    });
    const bad = (type: string, values: string[]) => { try { contextFromEntries([{ ContextKeyName: "x:key", ContextKeyValues: values, ContextKeyType: type }]); return "ok"; } catch (e) { return (e as IamError).code; } };
    expect(bad("numeric", ["ten"])).toBe("InvalidInput");
    expect(bad("boolean", ["yes"])).toBe("InvalidInput");
    expect(bad("date", ["not a date"])).toBe("InvalidInput");
    expect(bad("binary", ["***"])).toBe("InvalidInput");
    expect(bad("string", ["a", "b"])).toBe("InvalidInput");
    expect(bad("text", ["a"])).toBe("InvalidInput");
  });
});
