/**
 * AssumeRole: parameter rules, trust and identity authorization (same account, cross-account
 * walkthrough, service principals), durations and role chaining, MFA-gated roles, session
 * policies, session tags and transitive tags, SourceIdentity, RoleLastUsed.
 */
import { beforeEach, describe, expect, it } from "vitest";
import type { Account } from "../../../js/index.ts";
import { A, B, allow, clock, expectError, makeAccount, mfaDevice, role, trust, user, type Clock } from "./core-helpers.ts";

let c: Clock;
let account: Account;
let alice: string;

beforeEach(async () => {
  c = clock();
  account = await makeAccount(A, c);
  alice = await user(account, "alice", allow(["sts:AssumeRole", "sts:TagSession", "sts:SetSourceIdentity"]));
});

const creds = (r: { Credentials: { AccessKeyId: string; SessionToken: string } }) => ({ accessKeyId: r.Credentials.AccessKeyId, sessionToken: r.Credentials.SessionToken });

describe("parameters", () => {
  it("RoleSessionName, ExternalId, DurationSeconds, SerialNumber/TokenCode, SourceIdentity syntax", async () => {
    const arn = await role(account, "R", trust({ AWS: alice }));
    const call = (over: Record<string, unknown>) => account.assumeRole({ RoleArn: arn, RoleSessionName: "ok", ...over } as never, { caller: alice });
    for (const name of ["a", "x".repeat(65), "has space", "no/slash"]) await expectError(call({ RoleSessionName: name }), "ValidationError");
    await call({ RoleSessionName: "a_b+c=d,e.f@g-h" });
    await expectError(call({ ExternalId: "x" }), "ValidationError");
    await expectError(call({ ExternalId: "x".repeat(1225) }), "ValidationError");
    await expectError(call({ ExternalId: "bad id" }), "ValidationError");
    await call({ ExternalId: "arn:aws:x/y@z" });
    await expectError(call({ DurationSeconds: 899 }), "ValidationError");
    await expectError(call({ DurationSeconds: 3601 }), "ValidationError", "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
    await expectError(call({ TokenCode: "123456" }), "ValidationError");
    await expectError(call({ SerialNumber: "arn:aws:iam::111122223333:mfa/x", TokenCode: "12ab56" }), "ValidationError");
    await expectError(call({ SourceIdentity: "aws:me" }), "ValidationError");
    await expectError(call({ RoleArn: "not-an-arn" }), "ValidationError");
  });

  it("DurationSeconds up to MaxSessionDuration; default 3600; response shape with the path dropped", async () => {
    const arn = await role(account, "Long", trust({ AWS: alice }), undefined, { Path: "/team/x/", MaxSessionDuration: 43200 });
    const r = await account.assumeRole({ RoleArn: arn, RoleSessionName: "ss", DurationSeconds: 43200 }, { caller: alice });
    expect(r.Credentials.Expiration).toBe("2026-03-02T00:00:00Z");
    const roleId = account.store.roles.get("long")!.RoleId;
    expect(r.AssumedRoleUser).toEqual({ Arn: `arn:aws:sts::${A}:assumed-role/Long/ss`, AssumedRoleId: `${roleId}:ss` });
    expect(r.PackedPolicySize).toBeUndefined();
    expect((await account.assumeRole({ RoleArn: arn, RoleSessionName: "dd" }, { caller: alice })).Credentials.Expiration).toBe("2026-03-01T13:00:00Z");
    expect((await account.getRole({ RoleName: "Long" })).Role.RoleLastUsed).toEqual({ LastUsedDate: "2026-03-01T12:00:00Z", Region: "us-east-1" });
    await account.assumeRole({ RoleArn: arn, RoleSessionName: "dd" }, { caller: alice, region: "eu-central-1" });
    expect(account.store.roles.get("long")!.RoleLastUsed!.Region).toBe("eu-central-1");
  });
});

describe("authorization", () => {
  it("the trust policy must allow; an unknown role is AccessDenied", async () => {
    const bob = await user(account, "bob", allow("sts:AssumeRole"));
    const arn = await role(account, "R", trust({ AWS: alice }));
    await expectError(account.assumeRole({ RoleArn: arn, RoleSessionName: "ss" }, { caller: bob }), "AccessDenied", `User: ${bob} is not authorized to perform: sts:AssumeRole on resource: ${arn}`);
    await expectError(account.assumeRole({ RoleArn: `arn:aws:iam::${A}:role/Nope`, RoleSessionName: "ss" }, { caller: alice }), "AccessDenied");
    await expectError(account.assumeRole({ RoleArn: `arn:aws:iam::${A}:role/wrong/R`, RoleSessionName: "ss" }, { caller: alice }), "AccessDenied");
  });

  it("a trust naming the account needs an identity Allow, in the same account too; naming the user does not", async () => {
    const carol = await user(account, "carol");
    const byAccount = await role(account, "ByAccount", trust({ AWS: `arn:aws:iam::${A}:root` }));
    const byUser = await role(account, "ByUser", trust({ AWS: carol }));
    await expectError(account.assumeRole({ RoleArn: byAccount, RoleSessionName: "ss" }, { caller: carol }), "AccessDenied");
    await account.assumeRole({ RoleArn: byAccount, RoleSessionName: "ss" }, { caller: alice });
    await account.assumeRole({ RoleArn: byUser, RoleSessionName: "ss" }, { caller: carol });
    await account.assumeRole({ RoleArn: byAccount, RoleSessionName: "ss" }, { caller: account.rootArn });
  });

  it("the AWS guide's cross-account walkthrough: a role in A trusted by B with ExternalId, a user in B allowed sts:AssumeRole", async () => {
    const b = await makeAccount(B, c);
    const arn = await role(account, "UpdateApp", trust({ AWS: B }, { Condition: { StringEquals: { "sts:ExternalId": "Unique-2026" } } }), allow("s3:*", "arn:aws:s3:::productionapp/*"));
    const david = await user(b, "david", allow("sts:AssumeRole", arn));
    const eve = await user(b, "eve");
    // without the caller's account modelled: refused
    await expectError(account.assumeRole({ RoleArn: arn, RoleSessionName: "dd", ExternalId: "Unique-2026" }, { caller: david }), "AccessDenied");
    const opts = { caller: david, callerAccount: b };
    await expectError(account.assumeRole({ RoleArn: arn, RoleSessionName: "dd" }, opts), "AccessDenied");
    await expectError(account.assumeRole({ RoleArn: arn, RoleSessionName: "dd", ExternalId: "wrong-id" }, opts), "AccessDenied");
    await expectError(account.assumeRole({ RoleArn: arn, RoleSessionName: "ee", ExternalId: "Unique-2026" }, { caller: eve, callerAccount: b }), "AccessDenied", "because no identity-based policy allows the sts:AssumeRole action");
    const r = await account.assumeRole({ RoleArn: arn, RoleSessionName: "dd", ExternalId: "Unique-2026" }, opts);
    expect(r.AssumedRoleUser.Arn).toBe(`arn:aws:sts::${A}:assumed-role/UpdateApp/dd`);
    const session = await account.resolveCredentials(creds(r));
    expect(account.authorizePrincipal(session.principal, { action: "s3:PutObject", resource: "arn:aws:s3:::productionapp/x" }).decision).toBe("Allow");
    // B's long-term key as the caller
    const { AccessKey } = await b.createAccessKey({ UserName: "david" });
    await account.assumeRole({ RoleArn: arn, RoleSessionName: "kk", ExternalId: "Unique-2026" }, { caller: { accessKeyId: AccessKey.AccessKeyId }, callerAccount: b });
  });

  it("service principals (ec2, lambda) assume roles that trust them", async () => {
    const arn = await role(account, "Ec2", trust({ Service: "ec2.amazonaws.com" }));
    await account.assumeRole({ RoleArn: arn, RoleSessionName: "i-0123456789" }, { caller: "ec2.amazonaws.com" });
    await expectError(account.assumeRole({ RoleArn: arn, RoleSessionName: "ff" }, { caller: "lambda.amazonaws.com" }), "AccessDenied");
  });
});

describe("role chaining", () => {
  it("is capped at one hour and keeps transitive tags, which cannot be overridden", async () => {
    const first = await role(account, "First", trust({ AWS: alice }, {}, ["sts:AssumeRole", "sts:TagSession"]), allow(["sts:AssumeRole", "sts:TagSession"]), { MaxSessionDuration: 43200 });
    const second = await role(account, "Second", trust({ AWS: first }, {}, ["sts:AssumeRole", "sts:TagSession"]), allow("s3:GetObject"), { MaxSessionDuration: 43200 });
    const r1 = await account.assumeRole(
      { RoleArn: first, RoleSessionName: "one", DurationSeconds: 7200, Tags: [{ Key: "Project", Value: "x" }, { Key: "Temp", Value: "y" }], TransitiveTagKeys: ["Project"] },
      { caller: alice },
    );
    expect(r1.PackedPolicySize).toBeGreaterThan(0);
    await expectError(account.assumeRole({ RoleArn: second, RoleSessionName: "two", DurationSeconds: 3601 }, { caller: creds(r1) }), "ValidationError", "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.");
    await expectError(account.assumeRole({ RoleArn: second, RoleSessionName: "two", Tags: [{ Key: "project", Value: "z" }] }, { caller: creds(r1) }), "InvalidParameterValue");
    const r2 = await account.assumeRole({ RoleArn: second, RoleSessionName: "two", Tags: [{ Key: "Temp", Value: "z" }] }, { caller: creds(r1) });
    const s2 = await account.resolveCredentials(creds(r2));
    expect(s2.session!.chained).toBe(true);
    expect(s2.session!.transitiveTagKeys).toEqual(["Project"]);
    expect(s2.resolved.context["aws:PrincipalTag/Project"]).toBe("x");
    expect(s2.resolved.context["aws:PrincipalTag/Temp"]).toBe("z");
    // by the live session's ARN as well
    await account.assumeRole({ RoleArn: second, RoleSessionName: "three" }, { caller: r1.AssumedRoleUser.Arn });
    await expectError(account.assumeRole({ RoleArn: second, RoleSessionName: "four" }, { caller: `arn:aws:sts::${A}:assumed-role/First/never` }), "InvalidClientTokenId");
    await expectError(account.assumeRole({ RoleArn: first, RoleSessionName: "tt", Tags: [{ Key: "a", Value: "b" }], TransitiveTagKeys: ["c"] }, { caller: alice }), "InvalidParameterValue");
  });
});

describe("MFA-gated role", () => {
  it("requires a code when the trust says Bool aws:MultiFactorAuthPresent; a code is usable once", async () => {
    const arn = await role(account, "Admin", trust({ AWS: `arn:aws:iam::${A}:root` }, { Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" } } }));
    const { serial, code } = await mfaDevice(account, "alice", c);
    await expectError(account.assumeRole({ RoleArn: arn, RoleSessionName: "ss" }, { caller: alice }), "AccessDenied");
    const t = await code();
    const r = await account.assumeRole({ RoleArn: arn, RoleSessionName: "ss", SerialNumber: serial, TokenCode: t }, { caller: alice });
    await expectError(account.assumeRole({ RoleArn: arn, RoleSessionName: "ss", SerialNumber: serial, TokenCode: t }, { caller: alice }), "AccessDenied", "MultiFactorAuthentication failed with invalid MFA one time pass code.");
    c.advance(30);
    await expectError(account.assumeRole({ RoleArn: arn, RoleSessionName: "ss", SerialNumber: serial, TokenCode: "000000" }, { caller: alice }), "AccessDenied");
    const s = await account.resolveCredentials(creds(r));
    expect(s.resolved.context["aws:MultiFactorAuthPresent"]).toBe(true);
    expect(s.resolved.context["aws:MultiFactorAuthAge"]).toBe(30);
    // GetSessionToken with MFA, then AssumeRole with those credentials: MFA carried
    const g = await account.getSessionToken({ SerialNumber: serial, TokenCode: await code() }, { caller: alice });
    await account.assumeRole({ RoleArn: arn, RoleSessionName: "via-gst" }, { caller: creds(g) });
  });
});

describe("session policies", () => {
  it("a session policy narrower than the role denies the rest", async () => {
    const arn = await role(account, "S3", trust({ AWS: alice }), allow(["s3:GetObject", "s3:PutObject"], "*"));
    const r = await account.assumeRole({ RoleArn: arn, RoleSessionName: "narrow", Policy: allow("s3:GetObject", "arn:aws:s3:::b/*") }, { caller: alice });
    expect(r.PackedPolicySize).toBeGreaterThan(0);
    const s = await account.resolveCredentials(creds(r));
    const decide = (action: string, resource: string) => account.authorizePrincipal(s.principal, { action, resource }).decision;
    expect(decide("s3:GetObject", "arn:aws:s3:::b/k")).toBe("Allow");
    expect(decide("s3:GetObject", "arn:aws:s3:::other/k")).toBe("ImplicitDeny");
    expect(decide("s3:PutObject", "arn:aws:s3:::b/k")).toBe("ImplicitDeny");
    // a managed policy as session policy
    const { Policy } = await account.createPolicy({ PolicyName: "PutOnly", PolicyDocument: allow("s3:PutObject") });
    const r2 = await account.assumeRole({ RoleArn: arn, RoleSessionName: "mm", PolicyArns: [{ arn: Policy.Arn }] }, { caller: alice });
    const s2 = await account.resolveCredentials(creds(r2));
    expect(account.authorizePrincipal(s2.principal, { action: "s3:PutObject", resource: "arn:aws:s3:::b/k" }).decision).toBe("Allow");
    expect(account.authorizePrincipal(s2.principal, { action: "s3:GetObject", resource: "arn:aws:s3:::b/k" }).decision).toBe("ImplicitDeny");
  });

  it("limits: malformed, too large, too many ARNs, unknown ARN", async () => {
    const arn = await role(account, "S3", trust({ AWS: alice }));
    const call = (over: Record<string, unknown>) => account.assumeRole({ RoleArn: arn, RoleSessionName: "ss", ...over } as never, { caller: alice });
    await expectError(call({ Policy: "{not json" }), "MalformedPolicyDocument");
    await expectError(call({ Policy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:*", Resource: "*", Principal: "*" }] } }), "MalformedPolicyDocument");
    const big = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: Array.from({ length: 60 }, (_, i) => `arn:aws:s3:::bucket-number-${i}/*`) }] };
    await expectError(call({ Policy: big }), "PackedPolicyTooLarge", /Packed policy consumes \d+% of allotted space/);
    await expectError(call({ PolicyArns: Array.from({ length: 11 }, () => ({ arn: "arn:aws:iam::aws:policy/ReadOnlyAccess" })) }), "ValidationError");
    await expectError(call({ PolicyArns: [{ arn: `arn:aws:iam::${A}:policy/Nope` }] }), "InvalidParameterValue");
  });
});

describe("session tags and SourceIdentity", () => {
  it("tags need sts:TagSession; at most 50", async () => {
    const noTag = await role(account, "NoTag", trust({ AWS: alice }));
    await expectError(account.assumeRole({ RoleArn: noTag, RoleSessionName: "ss", Tags: [{ Key: "k", Value: "v" }] }, { caller: alice }), "AccessDenied", "sts:TagSession");
    const withTag = await role(account, "WithTag", trust({ AWS: alice }, { Condition: { StringEquals: { "aws:RequestTag/team": "blue" } } }, ["sts:AssumeRole", "sts:TagSession"]));
    await expectError(account.assumeRole({ RoleArn: withTag, RoleSessionName: "ss", Tags: [{ Key: "team", Value: "red" }] }, { caller: alice }), "AccessDenied");
    await account.assumeRole({ RoleArn: withTag, RoleSessionName: "ss", Tags: [{ Key: "team", Value: "blue" }] }, { caller: alice });
    const many = Array.from({ length: 51 }, (_, i) => ({ Key: `k${i}`, Value: "v" }));
    await expectError(account.assumeRole({ RoleArn: withTag, RoleSessionName: "ss", Tags: many }, { caller: alice }), "PackedPolicyTooLarge");
    await expectError(account.assumeRole({ RoleArn: withTag, RoleSessionName: "ss", Tags: [{ Key: "k".repeat(129), Value: "v" }] }, { caller: alice }), "ValidationError");
    await expectError(account.assumeRole({ RoleArn: withTag, RoleSessionName: "ss", Tags: [{ Key: "k", Value: "v".repeat(257) }] }, { caller: alice }), "ValidationError");
  });

  it("SourceIdentity needs sts:SetSourceIdentity, persists through chaining and cannot change", async () => {
    const first = await role(account, "First", trust({ AWS: alice }, {}, ["sts:AssumeRole", "sts:SetSourceIdentity"]), allow(["sts:AssumeRole", "sts:SetSourceIdentity"]));
    const second = await role(account, "Second", trust({ AWS: first }, {}, ["sts:AssumeRole", "sts:SetSourceIdentity"]));
    const plain = await role(account, "Plain", trust({ AWS: alice }));
    await expectError(account.assumeRole({ RoleArn: plain, RoleSessionName: "ss", SourceIdentity: "alice" }, { caller: alice }), "AccessDenied", "sts:SetSourceIdentity");
    const r1 = await account.assumeRole({ RoleArn: first, RoleSessionName: "ss", SourceIdentity: "alice" }, { caller: alice });
    expect(r1.SourceIdentity).toBe("alice");
    await expectError(account.assumeRole({ RoleArn: second, RoleSessionName: "ss", SourceIdentity: "mallory" }, { caller: creds(r1) }), "AccessDenied");
    const r2 = await account.assumeRole({ RoleArn: second, RoleSessionName: "ss" }, { caller: creds(r1) });
    expect(r2.SourceIdentity).toBe("alice");
    expect((await account.resolveCredentials(creds(r2))).resolved.context["aws:SourceIdentity"]).toBe("alice");
  });
});
