/**
 * Audit records (js/iam/audit.ts): one CloudTrail-shaped record per IAM and STS operation and per
 * direct authorizePrincipal decision; field shapes; AccessDenied texts; validation errors; no
 * secret anywhere in a record; sinks that throw or are async.
 */
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createEngine } from "../../../js/index.ts";
import { Account, IamError } from "../../../js/index.ts";
import { AUDITED_OPERATIONS, HIDDEN, audited, resourceOf, type CloudTrailRecord } from "../../../js/iam/audit.ts";
import type { OperationOptions } from "../../../js/iam/account-state.ts";
import type { Engine } from "../../../js/engine/engine.ts";
import { base32Decode } from "../../../js/iam/base32.ts";
import { hotp, timeStep } from "../../../js/iam/totp.ts";

const A = "111122223333";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
let engine: Engine;
let clock: Date;
let account: Account;
let records: CloudTrailRecord[];

const ADMIN_POLICY = { Version: "2012-10-17", Statement: [{ Sid: "All", Effect: "Allow", Action: "*", Resource: "*" }] };

beforeAll(async () => {
  engine = await createEngine();
});

beforeEach(async () => {
  clock = new Date("2026-03-01T12:00:00.000Z");
  records = [];
  account = await Account.create({ accountId: A, engine, now: () => clock, audit: (r) => void records.push(r) });
});

/** A user with an inline policy, created with the sink detached (so tests count only their own records). */
async function setupUser(name: string, policy?: unknown, path = "/"): Promise<string> {
  const sink = account.audit;
  account.audit = undefined;
  try {
    const { User } = await account.createUser({ UserName: name, Path: path });
    if (policy) await account.putUserPolicy({ UserName: name, PolicyName: "P", PolicyDocument: policy as never });
    return User.Arn;
  } finally {
    account.audit = sink;
  }
}

async function quietly<T>(fn: () => Promise<T>): Promise<T> {
  const sink = account.audit;
  account.audit = undefined;
  try {
    return await fn();
  } finally {
    account.audit = sink;
  }
}

function only(): CloudTrailRecord {
  expect(records).toHaveLength(1);
  return records[0];
}

const has = (name: string) => typeof (Account.prototype as unknown as Record<string, unknown>)[name] === "function";

describe("IAM operations", () => {
  it("a write without a caller: every CloudTrail field, in CloudTrail's shapes", async () => {
    const { User } = await account.createUser({ UserName: "alice", Path: "/dev/", Tags: [{ Key: "team", Value: "blue" }] });
    const r = only();
    expect(Object.keys(r)).toEqual([
      "eventVersion", "userIdentity", "eventTime", "eventSource", "eventName", "awsRegion", "sourceIPAddress", "userAgent",
      "requestParameters", "responseElements", "requestID", "eventID", "readOnly", "resources", "eventType", "managementEvent",
      "recipientAccountId", "eventCategory",
    ]);
    expect(r).toMatchObject({
      eventVersion: "1.11", userIdentity: { type: "Unknown" }, eventTime: "2026-03-01T12:00:00Z", eventSource: "iam.amazonaws.com",
      eventName: "CreateUser", awsRegion: "us-east-1", sourceIPAddress: "AWS Internal", userAgent: "iam-edge",
      requestParameters: { userName: "alice", path: "/dev/", tags: [{ key: "team", value: "blue" }] },
      responseElements: { user: { path: "/dev/", userName: "alice", userId: User.UserId, arn: User.Arn, createDate: "2026-03-01T12:00:00Z", tags: [{ key: "team", value: "blue" }] } },
      readOnly: false, resources: [{ ARN: User.Arn, accountId: A, type: "AWS::IAM::User" }], eventType: "AwsApiCall",
      managementEvent: true, recipientAccountId: A, eventCategory: "Management",
    });
    expect(r.eventID).toMatch(UUID);
    expect(r.requestID).toMatch(UUID);
    expect(r.eventID).not.toBe(r.requestID);
    expect(r.errorCode).toBeUndefined();
  });

  it("a write with a caller: the IAMUser identity, the request's IP and agent, the decision that allowed it", async () => {
    const admin = await setupUser("admin", ADMIN_POLICY, "/ops/");
    const adminId = account.store.users.get("admin")!.UserId;
    await account.createGroup({ GroupName: "devs" }, { caller: admin, context: { "aws:SourceIp": "192.0.2.10", "aws:UserAgent": "aws-cli/2.15" } });
    const r = only();
    expect(r.userIdentity).toEqual({ type: "IAMUser", principalId: adminId, arn: admin, accountId: A, userName: "admin" });
    expect(r.sourceIPAddress).toBe("192.0.2.10");
    expect(r.userAgent).toBe("aws-cli/2.15");
    expect(r.additionalEventData).toEqual({
      decision: "Allow", reason: "IdentityAllow",
      matchedStatements: [{ policyId: `${admin}#inline/P`, statementIndex: 0, sid: "All", effect: "Allow" }],
    });
    expect(r.resources).toEqual([{ ARN: `arn:aws:iam::${A}:group/devs`, accountId: A, type: "AWS::IAM::Group" }]);
  });

  it("a read: readOnly, no responseElements", async () => {
    await setupUser("alice");
    await account.getUser({ UserName: "alice" });
    await account.listUsers();
    expect(records.map((r) => [r.eventName, r.readOnly, r.responseElements])).toEqual([["GetUser", true, null], ["ListUsers", true, null]]);
    expect(records[0].requestParameters).toEqual({ userName: "alice" });
    expect(records[1].requestParameters).toBeNull();
  });

  it("AccessDenied: AWS's text, the decision and the deciding statement", async () => {
    const bob = await setupUser("bob");
    const err = await account.createUser({ UserName: "x" }, { caller: bob }).catch((e: IamError) => e);
    expect(err).toBeInstanceOf(IamError);
    const r = only();
    expect(r.errorCode).toBe("AccessDenied");
    expect(r.errorMessage).toBe(`User: ${bob} is not authorized to perform: iam:CreateUser on resource: arn:aws:iam::${A}:user/x because no identity-based policy allows the iam:CreateUser action`);
    expect(r.errorMessage).toBe((err as IamError).message);
    expect(r.additionalEventData).toEqual({ decision: "ImplicitDeny", reason: "NoAllow", matchedStatements: [] });
    expect(r.responseElements).toBeNull();
    expect(Object.keys(r).indexOf("errorCode")).toBe(Object.keys(r).indexOf("userAgent") + 1);

    records.length = 0;
    const carol = await setupUser("carol", { Version: "2012-10-17", Statement: [
      { Effect: "Allow", Action: "iam:*", Resource: "*" },
      { Sid: "NoDelete", Effect: "Deny", Action: "iam:DeleteUser", Resource: "*" },
    ] });
    await expect(account.deleteUser({ UserName: "bob" }, { caller: carol })).rejects.toThrow(/explicit deny in an identity-based policy/);
    expect(only().additionalEventData).toMatchObject({ decision: "ExplicitDeny", reason: "ExplicitDeny", matchedStatements: [{ policyId: `${carol}#inline/P`, statementIndex: 1, sid: "NoDelete", effect: "Deny" }] });
  });

  it("GetAccountAuthorizationDetails: one record naming the caller, allowed or denied; the document-free request parameters", async () => {
    const bob = await setupUser("bob");
    records.length = 0;
    const err = await account.getAccountAuthorizationDetails({ Filter: ["User"] }, { caller: bob }).catch((e: IamError) => e);
    expect(err).toMatchObject({ code: "AccessDenied" });
    const denied = only();
    expect([denied.eventName, denied.readOnly, denied.errorCode, denied.userIdentity.arn]).toEqual(["GetAccountAuthorizationDetails", true, "AccessDenied", bob]);
    expect(denied.requestParameters).toEqual({ filter: ["User"] });

    records.length = 0;
    const reader = await setupUser("reader", { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "iam:GetAccountAuthorizationDetails", Resource: "*" }] });
    records.length = 0;
    const page = await account.getAccountAuthorizationDetails({ Filter: ["User"], MaxItems: 1 }, { caller: reader });
    expect(page.UserDetailList).toHaveLength(1);
    expect(page.IsTruncated).toBe(true);
    const allowed = only();
    expect([allowed.eventName, allowed.errorCode, allowed.userIdentity.arn, allowed.responseElements]).toEqual(["GetAccountAuthorizationDetails", undefined, reader, null]);
  });

  it("a validation error: its code and message; a failed operation still gives exactly one record", async () => {
    await expect(account.createUser({ UserName: "bad name!" })).rejects.toThrow(IamError);
    const r = only();
    expect(r.errorCode).toBe("ValidationError");
    expect(r.requestParameters).toEqual({ userName: "bad name!" });
    records.length = 0;
    await expect(account.getUser({ UserName: "nobody" })).rejects.toThrow();
    expect(only()).toMatchObject({ errorCode: "NoSuchEntity", errorMessage: "The user with name nobody cannot be found.", readOnly: true });
  });

  it("exactly one record per call; an operation's own checks emit none; a rename's two checks are both listed", async () => {
    const admin = await setupUser("admin", ADMIN_POLICY);
    const calls: Promise<unknown>[] = [
      account.createUser({ UserName: "u1" }, { caller: admin }),
      account.createUser({ UserName: "u2" }),
      account.createRole({ RoleName: "r1", AssumeRolePolicyDocument: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: admin }, Action: "sts:AssumeRole" }] } }, { caller: admin }),
      account.createPolicy({ PolicyName: "p1", PolicyDocument: ADMIN_POLICY }),
      account.getUser({ UserName: "nope" }).catch(() => undefined),
    ];
    await Promise.all(calls);
    expect(records).toHaveLength(calls.length);
    expect(records.map((r) => r.eventName).sort()).toEqual(["CreatePolicy", "CreateRole", "CreateUser", "CreateUser", "GetUser"]);
    records.length = 0;
    await account.updateUser({ UserName: "u1", NewUserName: "u9" }, { caller: admin });
    const r = only();
    expect(r.additionalEventData?.authorizations?.map((c) => [c.action, c.resource, c.decision])).toEqual([
      ["iam:UpdateUser", `arn:aws:iam::${A}:user/u1`], ["iam:UpdateUser", `arn:aws:iam::${A}:user/u9`],
    ].map(([a, res]) => [a, res, "Allow"]));
  });

  it("policy documents are logged as given (JSON text); resources name the policy", async () => {
    const { Policy } = await account.createPolicy({ PolicyName: "p1", PolicyDocument: ADMIN_POLICY, Description: "d" });
    const r = only();
    expect(r.requestParameters).toEqual({ policyName: "p1", policyDocument: JSON.stringify(ADMIN_POLICY), description: "d" });
    expect(r.resources).toEqual([{ ARN: Policy.Arn, accountId: A, type: "AWS::IAM::Policy" }]);
  });

  it("GAAD export is GetAccountAuthorizationDetails (sync); simulations are read-only", async () => {
    account.toAuthorizationDetails();
    await account.simulateCustomPolicy({ PolicyInputList: [ADMIN_POLICY as never], ActionNames: ["s3:GetObject"] });
    expect(records.map((r) => [r.eventName, r.readOnly])).toEqual([["GetAccountAuthorizationDetails", true], ["SimulateCustomPolicy", true]]);
    expect(records[1].requestParameters).toMatchObject({ policyInputList: [JSON.stringify(ADMIN_POLICY)], actionNames: ["s3:GetObject"] });
  });

  it("internal helpers are not audited; without a sink nothing is recorded", async () => {
    const alice = await setupUser("alice");
    for (const name of ["findAccessKey", "verifyMfaCode", "resolvePrincipal", "timestamp", "touch", "recordAccessKeyUse", "verifyPassword", "resolveCredentials", "authorizeOperation"]) {
      expect(AUDITED_OPERATIONS.has(name)).toBe(false);
    }
    account.findAccessKey("AKIAAAAAAAAAAAAAAAAA");
    await account.verifyMfaCode(`arn:aws:iam::${A}:mfa/none`, "123456");
    account.resolvePrincipal(alice);
    account.timestamp();
    account.touch();
    await account.verifyPassword("alice", "x");
    expect(records).toHaveLength(0);
    account.audit = undefined;
    await account.createUser({ UserName: "silent" });
    account.authorizePrincipal(alice, { action: "s3:GetObject" });
    expect(records).toHaveLength(0);
    expect(account.auditStats().records).toBe(0);
  });
});

describe("wrapping", () => {
  it("an operation declared on Account through `audited` is recorded; nothing patches the prototype", async () => {
    // The way an operation is added (js/sts/account.ts): a method that calls its plain function through `audited`.
    class WithDecode extends Account {
      decodeAuthorizationMessage(input: { EncodedMessage: string }, options?: OperationOptions): Promise<{ DecodedMessage: string }> {
        return audited(this, "decodeAuthorizationMessage", async (_account, i: { EncodedMessage: string }, _options?: OperationOptions) => ({ DecodedMessage: i.EncodedMessage.toUpperCase() }), input, options);
      }
    }
    const acct = new WithDecode({ accountId: A, engine, now: () => clock, audit: (r) => void records.push(r) });
    await expect(acct.decodeAuthorizationMessage({ EncodedMessage: "abc" })).resolves.toEqual({ DecodedMessage: "ABC" });
    expect(only()).toMatchObject({ eventSource: "sts.amazonaws.com", eventName: "DecodeAuthorizationMessage", readOnly: true, requestParameters: { encodedMessage: "abc" }, responseElements: null });
    // Account's own methods are plain data properties: no setter waits on the prototype for a later install.
    expect(typeof (Account.prototype as unknown as Record<string, unknown>).decodeAuthorizationMessage).toBe("undefined");
    const accessors = Object.getOwnPropertyNames(Account.prototype).filter((name) => {
      const d = Object.getOwnPropertyDescriptor(Account.prototype, name)!;
      return d.get !== undefined || d.set !== undefined;
    });
    expect(accessors).toEqual([]);
  });

  it("every installed IAM and STS operation is in the list, and wrapped once", () => {
    const proto = Account.prototype as unknown as Record<string, unknown>;
    for (const [name, spec] of AUDITED_OPERATIONS) {
      if (typeof proto[name] !== "function") continue;
      expect((proto[name] as { name: string }).name, name).toBe(name);
      expect(spec.eventName).toMatch(/^[A-Z]/);
    }
    for (const name of ["createUser", "attachRolePolicy", "enableMFADevice", "simulatePrincipalPolicy", "createOpenIDConnectProvider"]) {
      expect(AUDITED_OPERATIONS.get(name)?.eventSource).toBe("iam.amazonaws.com");
    }
    for (const name of ["assumeRole", "getSessionToken", "getCallerIdentity", "assumeRoleWithWebIdentity"]) {
      expect(AUDITED_OPERATIONS.get(name)?.eventSource).toBe("sts.amazonaws.com");
    }
    // Methods that are not operations: a new operation missing from the list fails here.
    const internal = new Set([
      "constructor", "timestamp", "arn", "touch", "authorizeOperation", "authorizePrincipal", "resolvePrincipal", "findAccessKey",
      "recordAccessKeyUse", "verifyMfaCode", "verifyPassword", "resolveCredentials", "auditStats", "flushAudit",
    ]);
    const unlisted = Object.getOwnPropertyNames(Account.prototype).filter((name) => {
      const d = Object.getOwnPropertyDescriptor(Account.prototype, name)!;
      return typeof d.value === "function" && !AUDITED_OPERATIONS.has(name) && !internal.has(name);
    });
    expect(unlisted).toEqual([]);
    expect(AUDITED_OPERATIONS.get("enableMFADevice")?.eventName).toBe("EnableMFADevice");
    expect(AUDITED_OPERATIONS.get("getCallerIdentity")?.eventName).toBe("GetCallerIdentity");
  });
});

describe("decision records (authorizePrincipal)", () => {
  it("an Allow: the service's event, data or management, the matched statement", async () => {
    const alice = await setupUser("alice", { Version: "2012-10-17", Statement: [{ Sid: "Read", Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::reports/*" }] });
    const result = account.authorizePrincipal(alice, { action: "s3:GetObject", resource: "arn:aws:s3:::reports/q1.csv", context: { "aws:SourceIp": "203.0.113.7" } });
    expect(result.decision).toBe("Allow");
    const r = only();
    expect(r).toMatchObject({
      eventSource: "s3.amazonaws.com", eventName: "GetObject", readOnly: true, managementEvent: false, eventCategory: "Data",
      sourceIPAddress: "203.0.113.7", userIdentity: { type: "IAMUser", arn: alice, userName: "alice" },
      resources: [{ ARN: "arn:aws:s3:::reports/q1.csv", type: "AWS::S3::Object" }],
      additionalEventData: { decision: "Allow", reason: "IdentityAllow", matchedStatements: [{ policyId: `${alice}#inline/P`, statementIndex: 0, sid: "Read", effect: "Allow" }] },
      requestParameters: null, responseElements: null,
    });
    expect(r.errorCode).toBeUndefined();
  });

  it("a denial: AccessDenied with AWS's text; a management action; an unknown principal's error", async () => {
    const alice = await setupUser("alice");
    const result = account.authorizePrincipal(alice, { action: "ec2:TerminateInstances", resource: `arn:aws:ec2:us-east-1:${A}:instance/i-1` });
    const r = only();
    expect(r).toMatchObject({
      eventSource: "ec2.amazonaws.com", eventName: "TerminateInstances", readOnly: false, managementEvent: true, eventCategory: "Management",
      errorCode: "AccessDenied", additionalEventData: { decision: result.decision, reason: "NoAllow", matchedStatements: [] },
      resources: [{ ARN: `arn:aws:ec2:us-east-1:${A}:instance/i-1`, accountId: A, type: "AWS::EC2::Instance" }],
    });
    expect(r.errorMessage).toBe(`User: ${alice} is not authorized to perform: ec2:TerminateInstances on resource: arn:aws:ec2:us-east-1:${A}:instance/i-1 because no identity-based policy allows the ec2:TerminateInstances action`);
    records.length = 0;
    expect(() => account.authorizePrincipal(`arn:aws:iam::${A}:user/ghost`, { action: "s3:ListBucket" })).toThrow(IamError);
    expect(only()).toMatchObject({ errorCode: "NoSuchEntity", eventName: "ListBucket" });
    expect(only().additionalEventData).toBeUndefined();
  });

  it("identities: root, a role session, another account, a service", async () => {
    const { Role } = await quietly(() => account.createRole({ RoleName: "App", Path: "/svc/", AssumeRolePolicyDocument: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }] } }));
    account.authorizePrincipal(account.rootArn, { action: "s3:ListAllMyBuckets" });
    account.authorizePrincipal(`arn:aws:sts::${A}:assumed-role/App/i-123`, { action: "s3:ListAllMyBuckets", context: { "aws:MultiFactorAuthPresent": true } });
    expect(records[0].userIdentity).toEqual({ type: "Root", principalId: A, arn: account.rootArn, accountId: A });
    expect(records[1].userIdentity).toEqual({
      type: "AssumedRole", principalId: `${Role.RoleId}:i-123`, arn: `arn:aws:sts::${A}:assumed-role/App/i-123`, accountId: A,
      sessionContext: {
        sessionIssuer: { type: "Role", principalId: Role.RoleId, arn: Role.Arn, accountId: A, userName: "App" },
        webIdFederationData: {}, attributes: { mfaAuthenticated: "true" },
      },
    });
    expect(resourceOf(`arn:aws:sts::${A}:assumed-role/App/i-123`)?.type).toBe("AWS::STS::AssumedRole");
  });
});

describe("secrets never appear", () => {
  it("access keys, MFA seeds and codes, passwords: dropped from requests and responses, and nowhere in any record", async () => {
    const admin = await setupUser("admin", ADMIN_POLICY);
    await account.updateAccountPasswordPolicy({ MinimumPasswordLength: 8, AllowUsersToChangePassword: true });
    const { AccessKey } = await account.createAccessKey({ UserName: "admin" });
    const { VirtualMFADevice } = await account.createVirtualMFADevice({ VirtualMFADeviceName: "admin-mfa" }, { caller: admin });
    const seed = VirtualMFADevice.Base32StringSeed!;
    const key = base32Decode(seed);
    const step = timeStep(clock);
    const code1 = await hotp(key, step - 1);
    const code2 = await hotp(key, step);
    await account.enableMFADevice({ UserName: "admin", SerialNumber: VirtualMFADevice.SerialNumber, AuthenticationCode1: code1, AuthenticationCode2: code2 });
    const passwords = ["First-Pass-11!", "Second-Pass-22!", "Third-Pass-33!"];
    await account.createLoginProfile({ UserName: "admin", Password: passwords[0] });
    await account.updateLoginProfile({ UserName: "admin", Password: passwords[1] });
    await account.changePassword({ OldPassword: passwords[1], NewPassword: passwords[2] }, { caller: admin });
    await account.changePassword({ OldPassword: "Wrong-Pass-99!", NewPassword: "Other-Pass-44!" }, { caller: admin }).catch(() => undefined);
    await account.listAccessKeys({ UserName: "admin" });

    const byName = Object.fromEntries(records.map((r) => [r.eventName, r]));
    expect(byName.CreateAccessKey.responseElements).toEqual({ accessKey: { userName: "admin", accessKeyId: AccessKey.AccessKeyId, status: "Active", createDate: "2026-03-01T12:00:00Z" } });
    expect(byName.CreateVirtualMFADevice.responseElements).toEqual({ virtualMFADevice: { serialNumber: VirtualMFADevice.SerialNumber } });
    expect(byName.EnableMFADevice.requestParameters).toEqual({ userName: "admin", serialNumber: VirtualMFADevice.SerialNumber });
    expect(byName.CreateLoginProfile.requestParameters).toEqual({ userName: "admin" });
    expect(byName.ChangePassword.requestParameters).toBeNull();
    const text = JSON.stringify(records);
    for (const secret of [AccessKey.SecretAccessKey, seed, ...passwords, "Wrong-Pass-99!", "Other-Pass-44!"]) {
      expect(text).not.toContain(secret);
    }
    for (const code of [code1, code2]) expect(text).not.toContain(`"${code}"`);
  });

  it("the last line: a secret that lands anywhere (a tag value, an error message) is replaced", async () => {
    const { AccessKey } = await quietly(async () => {
      await account.createUser({ UserName: "alice" });
      return account.createAccessKey({ UserName: "alice" });
    });
    const secret = AccessKey.SecretAccessKey;
    await account.tagUser({ UserName: "alice", Tags: [{ Key: "oops", Value: secret }] });
    await account.createUser({ UserName: `${secret}!` }).catch(() => undefined);
    await account.createUser({ UserName: "bob", Tags: [{ Key: "note", Value: `key=${secret};` }] }).catch(() => undefined);
    expect(JSON.stringify(records)).not.toContain(secret);
    expect(records[0].requestParameters).toEqual({ userName: "alice", tags: [{ key: "oops", value: HIDDEN }] });
    expect(records[1].requestParameters).toEqual({ userName: `${HIDDEN}!` });
    expect(records[1].errorCode).toBe("ValidationError");
    expect(records[1].errorMessage).toContain(`'${HIDDEN}!'`);
    expect((records[2].requestParameters as { tags: { value: string }[] }).tags[0].value).toBe(`key=${HIDDEN};`);
  });
});

describe("secrets held by the account", () => {
  it("the STS session key (given as text) is replaced wherever it lands", async () => {
    const got: CloudTrailRecord[] = [];
    const sessionKey = "edge-shared-session-key-0123456789";
    const acct = await Account.create({ accountId: A, engine, sessionKey, audit: (r) => void got.push(r) });
    await acct.createUser({ UserName: "alice", Tags: [{ Key: "k", Value: sessionKey }] });
    expect(JSON.stringify(got)).not.toContain(sessionKey);
    expect((got[0].requestParameters as { tags: { value: string }[] }).tags[0].value).toBe(HIDDEN);
  });
});

describe("the sink", () => {
  it("a throwing sink never breaks the operation; errors are counted", async () => {
    let n = 0;
    account.audit = () => {
      n++;
      throw new Error("sink down");
    };
    await expect(account.createUser({ UserName: "alice" })).resolves.toMatchObject({ User: { UserName: "alice" } });
    await expect(account.getUser({ UserName: "nobody" })).rejects.toMatchObject({ code: "NoSuchEntity" });
    expect(n).toBe(2);
    expect(account.auditStats()).toMatchObject({ records: 2, sinkErrors: 2, pending: 0 });
    expect((account.auditStats().lastSinkError as Error).message).toBe("sink down");
  });

  it("an async sink: records handed over before the operation settles; rejections counted; flushAudit waits", async () => {
    const got: CloudTrailRecord[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    account.audit = async (r) => {
      got.push(r);
      await gate;
      if (r.eventName === "GetUser") throw new Error("rejected");
    };
    await account.createUser({ UserName: "alice" });
    await account.getUser({ UserName: "alice" });
    expect(got.map((r) => r.eventName)).toEqual(["CreateUser", "GetUser"]);
    expect(account.auditStats().pending).toBe(2);
    const flushed = account.flushAudit();
    release();
    await flushed;
    expect(account.auditStats()).toMatchObject({ records: 2, sinkErrors: 1, pending: 0 });
  });

  it("options: region for STS and decisions (IAM stays us-east-1), default sourceIPAddress and userAgent", async () => {
    const got: CloudTrailRecord[] = [];
    const acct = await Account.create({ accountId: A, engine, now: () => clock, audit: (r) => void got.push(r), region: "eu-west-1", sourceIpAddress: "198.51.100.1", userAgent: "edge/1" });
    await acct.createUser({ UserName: "alice" });
    acct.authorizePrincipal(`arn:aws:iam::${A}:user/alice`, { action: "s3:GetObject", resource: "arn:aws:s3:::b/k" });
    expect(got.map((r) => [r.awsRegion, r.sourceIPAddress, r.userAgent])).toEqual([["us-east-1", "198.51.100.1", "edge/1"], ["eu-west-1", "198.51.100.1", "edge/1"]]);
  });
});

describe("STS operations", () => {
  const trust = (principal: string) => ({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: principal }, Action: ["sts:AssumeRole", "sts:TagSession"] }] });

  it.skipIf(!has("assumeRole"))("AssumeRole: the caller, the role as resource, the credentials' public parts only", async () => {
    const alice = await setupUser("alice", ADMIN_POLICY);
    const { Role } = await quietly(() => account.createRole({ RoleName: "Deploy", Path: "/ci/", AssumeRolePolicyDocument: trust(alice) }));
    const out = await account.assumeRole({ RoleArn: Role.Arn, RoleSessionName: "build-7", DurationSeconds: 900, Tags: [{ Key: "k", Value: "v" }] }, { caller: alice });
    const r = only();
    expect(r).toMatchObject({
      eventSource: "sts.amazonaws.com", eventName: "AssumeRole", readOnly: true,
      userIdentity: { type: "IAMUser", arn: alice, userName: "alice" },
      requestParameters: { roleArn: Role.Arn, roleSessionName: "build-7", durationSeconds: 900, tags: [{ key: "k", value: "v" }] },
      resources: [{ ARN: Role.Arn, accountId: A, type: "AWS::IAM::Role" }],
    });
    const response = r.responseElements as { credentials: Record<string, unknown>; assumedRoleUser: Record<string, unknown> };
    expect(response.credentials).toEqual({ accessKeyId: out.Credentials.AccessKeyId, expiration: out.Credentials.Expiration });
    expect(response.assumedRoleUser).toEqual({ arn: out.AssumedRoleUser.Arn, assumedRoleId: out.AssumedRoleUser.AssumedRoleId });
    const text = JSON.stringify(records);
    expect(text).not.toContain(out.Credentials.SecretAccessKey);
    expect(text).not.toContain(out.Credentials.SessionToken);
    // The trust-policy decisions (sts:AssumeRole, then sts:TagSession for the tags) join the record.
    expect(r.additionalEventData?.authorizations?.map((c) => [c.action, c.resource, c.decision])).toEqual([
      ["sts:AssumeRole", Role.Arn, "Allow"], ["sts:TagSession", Role.Arn, "Allow"],
    ]);
    expect(r.additionalEventData?.matchedStatements).toEqual(expect.arrayContaining([expect.objectContaining({ policyId: `${Role.Arn}#trust-policy`, statementIndex: 0, effect: "Allow" })]));
  });

  it.skipIf(!has("assumeRole"))("AssumeRole refused: AccessDenied, one record", async () => {
    const bob = await setupUser("bob", ADMIN_POLICY);
    const alice = await setupUser("alice");
    const { Role } = await quietly(() => account.createRole({ RoleName: "Deploy", AssumeRolePolicyDocument: trust(alice) }));
    await expect(account.assumeRole({ RoleArn: Role.Arn, RoleSessionName: "x1" }, { caller: bob })).rejects.toMatchObject({ code: "AccessDenied" });
    expect(only()).toMatchObject({ eventName: "AssumeRole", errorCode: "AccessDenied", responseElements: null, userIdentity: { type: "IAMUser", arn: bob } });
    expect(only().errorMessage).toContain(`User: ${bob} is not authorized to perform: sts:AssumeRole on resource: ${Role.Arn}`);
    expect(only().additionalEventData).toMatchObject({ decision: "ImplicitDeny", reason: "TrustPolicyNoAllow", matchedStatements: [] });
  });

  it.skipIf(!has("assumeRole") || !has("getCallerIdentity"))("GetCallerIdentity with session credentials: AssumedRole with its sessionContext; no secret", async () => {
    const alice = await setupUser("alice", ADMIN_POLICY);
    const { Role } = await quietly(() => account.createRole({ RoleName: "Deploy", AssumeRolePolicyDocument: trust(alice) }));
    const out = await quietly(() => account.assumeRole({ RoleArn: Role.Arn, RoleSessionName: "build-7" }, { caller: alice }));
    clock = new Date("2026-03-01T12:05:00.000Z");
    const creds = { accessKeyId: out.Credentials.AccessKeyId, sessionToken: out.Credentials.SessionToken };
    await account.getCallerIdentity({ caller: creds });
    const r = only();
    expect(r).toMatchObject({ eventSource: "sts.amazonaws.com", eventName: "GetCallerIdentity", readOnly: true, requestParameters: null, responseElements: null, eventTime: "2026-03-01T12:05:00Z" });
    expect(r.userIdentity).toEqual({
      type: "AssumedRole", principalId: `${Role.RoleId}:build-7`, arn: out.AssumedRoleUser.Arn, accountId: A, accessKeyId: creds.accessKeyId,
      sessionContext: {
        sessionIssuer: { type: "Role", principalId: Role.RoleId, arn: Role.Arn, accountId: A, userName: "Deploy" },
        webIdFederationData: {}, attributes: { creationDate: "2026-03-01T12:00:00Z", mfaAuthenticated: "false" },
      },
    });
    expect(JSON.stringify(records)).not.toContain(creds.sessionToken);

    // The session ARN of a live session as a decision's principal: the same identity, from the store.
    records.length = 0;
    account.authorizePrincipal(out.AssumedRoleUser.Arn, { action: "s3:ListAllMyBuckets" });
    expect(only().userIdentity.sessionContext?.attributes.creationDate).toBe("2026-03-01T12:00:00Z");

    // Forged credentials: the call fails, the identity is unknown but keeps the key id.
    records.length = 0;
    await expect(account.getCallerIdentity({ caller: { ...creds, sessionToken: creds.sessionToken.slice(0, -4) + "AAAA" } })).rejects.toThrow();
    expect(only().userIdentity).toEqual({ type: "Unknown", accessKeyId: creds.accessKeyId });
    expect(only().errorCode).toBe("InvalidClientTokenId");
  });

  it.skipIf(!has("getSessionToken"))("GetSessionToken: the user, credentials without secrets, long-term key id in the identity", async () => {
    await setupUser("alice", ADMIN_POLICY);
    const { AccessKey } = await quietly(() => account.createAccessKey({ UserName: "alice" }));
    const out = await account.getSessionToken({ DurationSeconds: 900 }, { caller: { accessKeyId: AccessKey.AccessKeyId } });
    const r = only();
    expect(r).toMatchObject({ eventName: "GetSessionToken", userIdentity: { type: "IAMUser", userName: "alice", accessKeyId: AccessKey.AccessKeyId }, requestParameters: { durationSeconds: 900 } });
    expect((r.responseElements as { credentials: unknown }).credentials).toEqual({ accessKeyId: out.Credentials.AccessKeyId, expiration: out.Credentials.Expiration });
    const text = JSON.stringify(records);
    for (const s of [AccessKey.SecretAccessKey, out.Credentials.SecretAccessKey, out.Credentials.SessionToken]) expect(text).not.toContain(s);
  });

  it.skipIf(!has("assumeRoleWithWebIdentity"))("AssumeRoleWithWebIdentity: the token is never logged; the identity comes from its claims", async () => {
    const b64 = (o: unknown) => btoa(JSON.stringify(o)).replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_");
    const token = `${b64({ alg: "RS256", kid: "k" })}.${b64({ iss: "https://token.example.com", aud: "sts.amazonaws.com", sub: "repo:o/r" })}.c2lnbmF0dXJl`;
    await expect(account.assumeRoleWithWebIdentity({ RoleArn: `arn:aws:iam::${A}:role/Gh`, RoleSessionName: "gh-1", WebIdentityToken: token })).rejects.toThrow();
    const r = only();
    expect(r.eventName).toBe("AssumeRoleWithWebIdentity");
    expect(r.errorCode).toBeTruthy();
    expect(r.userIdentity).toEqual({ type: "WebIdentityUser", principalId: "token.example.com:sts.amazonaws.com:repo:o/r", userName: "repo:o/r", identityProvider: "token.example.com" });
    expect(r.requestParameters).toEqual({ roleArn: `arn:aws:iam::${A}:role/Gh`, roleSessionName: "gh-1" });
    expect(JSON.stringify(records)).not.toContain(token);
  });

  it.skipIf(!has("revokeRoleSessions"))("revoking a role's sessions is logged as AWS logs it: PutRolePolicy AWSRevokeOlderSessions", async () => {
    const { Role } = await quietly(() => account.createRole({ RoleName: "Deploy", AssumeRolePolicyDocument: trust(account.rootArn) }));
    await account.revokeRoleSessions("Deploy");
    expect(only()).toMatchObject({ eventSource: "iam.amazonaws.com", eventName: "PutRolePolicy", requestParameters: { roleName: "Deploy", policyName: "AWSRevokeOlderSessions" }, resources: [{ ARN: Role.Arn }] });
  });
});
