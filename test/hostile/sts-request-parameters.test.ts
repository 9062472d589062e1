/**
 * Request parameters come from the request only (issue 13, item 10). `sts:ExternalId` was read
 * from `options.context` when the ExternalId parameter was absent, so a caller without the
 * external id passed a trust policy that requires it. The same held for every key an operation
 * derives from its parameters, its credentials or its principal. Now `options.context` supplies
 * transport keys only (js/iam/resolve/supplied-context.ts): each test puts a derived key in it,
 * leaves the parameter out, and expects the decision the request alone gives.
 */
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { Account, createEngine, IamError } from "../../js/index.ts";
import type { Engine } from "../../js/engine/engine.ts";

const A = "111122223333";
const ALICE = `arn:aws:iam::${A}:user/alice`;
let engine: Engine;
let account: Account;

beforeAll(async () => {
  engine = await createEngine();
});

beforeEach(async () => {
  const clock = new Date("2026-03-01T12:00:00Z");
  account = await Account.create({ accountId: A, engine, now: () => clock });
  await account.createUser({ UserName: "alice" });
  await account.putUserPolicy({ UserName: "alice", PolicyName: "sts", PolicyDocument: doc([{ Effect: "Allow", Action: ["sts:AssumeRole", "sts:TagSession", "sts:SetSourceIdentity"], Resource: "*" }]) });
});

function doc(statements: unknown[]): string {
  return JSON.stringify({ Version: "2012-10-17", Statement: statements });
}

/** A role alice may assume when `condition` holds (the trust allows `actions` on that condition). */
async function roleTrusting(condition: Record<string, unknown>, actions: string[] = ["sts:AssumeRole", "sts:TagSession", "sts:SetSourceIdentity"]): Promise<string> {
  const { Role } = await account.createRole({
    RoleName: "Target", AssumeRolePolicyDocument: doc([{ Effect: "Allow", Principal: { AWS: ALICE }, Action: actions, Condition: condition }]),
  });
  return Role.Arn;
}

async function outcome(p: Promise<unknown>): Promise<string> {
  return p.then(() => "allowed", (e: unknown) => (e instanceof IamError ? e.code : `not an IamError: ${String(e)}`));
}

describe("AssumeRole: derived keys in options.context are ignored", () => {
  it("sts:ExternalId comes from the ExternalId parameter only", async () => {
    const RoleArn = await roleTrusting({ StringEquals: { "sts:ExternalId": "Unicorn-7" } });
    for (const key of ["sts:ExternalId", "STS:EXTERNALID"]) {
      expect(await outcome(account.assumeRole({ RoleArn, RoleSessionName: "s1" }, { caller: ALICE, context: { [key]: "Unicorn-7" } }))).toBe("AccessDenied");
    }
    expect(await outcome(account.assumeRole({ RoleArn, RoleSessionName: "s1", ExternalId: "Unicorn-7" }, { caller: ALICE }))).toBe("allowed");
    // The parameter wins over a context claiming another value, too.
    expect(await outcome(account.assumeRole({ RoleArn, RoleSessionName: "s1", ExternalId: "Wrong-1" }, { caller: ALICE, context: { "sts:ExternalId": "Unicorn-7" } }))).toBe("AccessDenied");
  });

  it("sts:SourceIdentity comes from the SourceIdentity parameter (or the calling session) only", async () => {
    const RoleArn = await roleTrusting({ StringEquals: { "sts:SourceIdentity": "admin" } }, ["sts:AssumeRole"]);
    expect(await outcome(account.assumeRole({ RoleArn, RoleSessionName: "s1" }, { caller: ALICE, context: { "sts:SourceIdentity": "admin" } }))).toBe("AccessDenied");
  });

  it("sts:TransitiveTagKeys, aws:RequestTag/* and aws:TagKeys come from Tags and TransitiveTagKeys only", async () => {
    const RoleArn = await roleTrusting({ StringEquals: { "aws:RequestTag/team": "blue" }, "ForAnyValue:StringEquals": { "aws:TagKeys": "team", "sts:TransitiveTagKeys": "team" } }, ["sts:AssumeRole"]);
    const forged = { "aws:RequestTag/team": "blue", "aws:TagKeys": ["team"], "sts:TransitiveTagKeys": ["team"] };
    expect(await outcome(account.assumeRole({ RoleArn, RoleSessionName: "s1" }, { caller: ALICE, context: forged }))).toBe("AccessDenied");
    const tagged = { RoleArn, RoleSessionName: "s1", Tags: [{ Key: "team", Value: "blue" }], TransitiveTagKeys: ["team"] };
    await account.updateAssumeRolePolicy({ RoleName: "Target", PolicyDocument: doc([{ Effect: "Allow", Principal: { AWS: ALICE }, Action: ["sts:AssumeRole", "sts:TagSession"], Condition: { StringEquals: { "aws:RequestTag/team": "blue" }, "ForAnyValue:StringEquals": { "aws:TagKeys": "team", "sts:TransitiveTagKeys": "team" } } }]) });
    expect(await outcome(account.assumeRole(tagged, { caller: ALICE }))).toBe("allowed");
  });

  it("sts:RoleSessionName comes from RoleSessionName only", async () => {
    const RoleArn = await roleTrusting({ StringEquals: { "sts:RoleSessionName": "alice" } }, ["sts:AssumeRole"]);
    expect(await outcome(account.assumeRole({ RoleArn, RoleSessionName: "mallory" }, { caller: ALICE, context: { "sts:RoleSessionName": "alice" } }))).toBe("AccessDenied");
    expect(await outcome(account.assumeRole({ RoleArn, RoleSessionName: "alice" }, { caller: ALICE }))).toBe("allowed");
  });

  it("aws:MultiFactorAuthPresent comes from SerialNumber and TokenCode (or the credentials) only", async () => {
    const RoleArn = await roleTrusting({ Bool: { "aws:MultiFactorAuthPresent": "true" } }, ["sts:AssumeRole"]);
    const context = { "aws:MultiFactorAuthPresent": true, "aws:MultiFactorAuthAge": 0 };
    expect(await outcome(account.assumeRole({ RoleArn, RoleSessionName: "s1" }, { caller: ALICE, context }))).toBe("AccessDenied");
  });

  it("the principal's keys come from the principal only (a tag it does not have stays absent)", async () => {
    const RoleArn = await roleTrusting({ StringEquals: { "aws:PrincipalTag/clearance": "high" } }, ["sts:AssumeRole"]);
    expect(await outcome(account.assumeRole({ RoleArn, RoleSessionName: "s1" }, { caller: ALICE, context: { "aws:PrincipalTag/clearance": "high" } }))).toBe("AccessDenied");
    await account.tagUser({ UserName: "alice", Tags: [{ Key: "clearance", Value: "high" }] });
    expect(await outcome(account.assumeRole({ RoleArn, RoleSessionName: "s1" }, { caller: ALICE }))).toBe("allowed");
  });

  it("transport keys still come from options.context", async () => {
    const RoleArn = await roleTrusting({ IpAddress: { "aws:SourceIp": "192.0.2.0/24" }, Bool: { "aws:SecureTransport": "true" } }, ["sts:AssumeRole"]);
    const from = (ip: string) => account.assumeRole({ RoleArn, RoleSessionName: "s1" }, { caller: ALICE, context: { "aws:SourceIp": ip, "aws:SecureTransport": true } });
    expect(await outcome(from("192.0.2.7"))).toBe("allowed");
    expect(await outcome(from("198.51.100.1"))).toBe("AccessDenied");
  });

  it("an inherited (prototype) key is not read", async () => {
    const RoleArn = await roleTrusting({ IpAddress: { "aws:SourceIp": "192.0.2.0/24" } }, ["sts:AssumeRole"]);
    const context = Object.create({ "aws:SourceIp": "192.0.2.7" }) as Record<string, string>;
    expect(await outcome(account.assumeRole({ RoleArn, RoleSessionName: "s1" }, { caller: ALICE, context }))).toBe("AccessDenied");
  });
});

describe("IAM operations: request keys come from the request", () => {
  const BOUNDARY = `arn:aws:iam::${A}:policy/Boundary`;

  beforeEach(async () => {
    await account.createPolicy({ PolicyName: "Boundary", PolicyDocument: doc([{ Effect: "Allow", Action: "s3:*", Resource: "*" }]) });
    await account.putUserPolicy({ UserName: "alice", PolicyName: "iam", PolicyDocument: doc([
      { Effect: "Allow", Action: "iam:CreateUser", Resource: "*", Condition: { StringEquals: { "iam:PermissionsBoundary": BOUNDARY } } },
      { Effect: "Allow", Action: "iam:CreateRole", Resource: "*", Condition: { StringEquals: { "aws:RequestTag/team": "blue" } } },
      { Effect: "Allow", Action: "iam:ListUsers", Resource: "*", Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" } } },
    ]) });
  });

  it("iam:PermissionsBoundary comes from PermissionsBoundary only", async () => {
    expect(await outcome(account.createUser({ UserName: "bob" }, { caller: ALICE, context: { "iam:PermissionsBoundary": BOUNDARY } }))).toBe("AccessDenied");
    expect(await outcome(account.createUser({ UserName: "bob", PermissionsBoundary: BOUNDARY }, { caller: ALICE }))).toBe("allowed");
  });

  it("aws:RequestTag/* comes from Tags only", async () => {
    const trustDoc = doc([{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }]);
    expect(await outcome(account.createRole({ RoleName: "r1", AssumeRolePolicyDocument: trustDoc }, { caller: ALICE, context: { "aws:RequestTag/team": "blue" } }))).toBe("AccessDenied");
    expect(await outcome(account.createRole({ RoleName: "r1", AssumeRolePolicyDocument: trustDoc, Tags: [{ Key: "team", Value: "blue" }] }, { caller: ALICE }))).toBe("allowed");
  });

  it("an ARN-named caller's MFA flag is vouched for by the front end; credentials carry their own", async () => {
    const context = { "aws:MultiFactorAuthPresent": true };
    expect(await outcome(account.listUsers({}, { caller: ALICE, context }))).toBe("allowed");
    expect(await outcome(account.listUsers({}, { caller: ALICE }))).toBe("AccessDenied");
    const { AccessKey } = await account.createAccessKey({ UserName: "alice" });
    const keyCaller = { accessKeyId: AccessKey.AccessKeyId } as unknown as string;
    expect(await outcome(account.listUsers({}, { caller: keyCaller, context }))).toBe("AccessDenied");
  });
});
