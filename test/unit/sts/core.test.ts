/**
 * STS core: the session token (format, tampering, expiry, another account's key), credentials
 * (ASIA ids, derived secrets), resolveCredentials (long-term and temporary keys), GetSessionToken
 * (durations, MFA keys and age), GetCallerIdentity (always allowed) and revocation.
 */
import { beforeEach, describe, expect, it } from "vitest";
import type { Account } from "../../../js/index.ts";
import { issueCredentials, verifySessionToken, deriveSecretAccessKey } from "../../../js/sts/credentials.ts";
import type { SessionData } from "../../../js/iam/store.ts";
import { A, B, allow, clock, deny, expectError, makeAccount, mfaDevice, role, trust, user, type Clock } from "./core-helpers.ts";

let c: Clock;
let account: Account;
let alice: string;
let readerArn: string;

beforeEach(async () => {
  c = clock();
  account = await makeAccount(A, c);
  alice = await user(account, "alice", allow(["sts:AssumeRole", "s3:GetObject"]));
  readerArn = await role(account, "Reader", trust({ AWS: alice }), allow("s3:GetObject", "arn:aws:s3:::bucket/*"), { Path: "/app/", Tags: [{ Key: "team", Value: "blue" }] });
});

const base = (over: Partial<SessionData> = {}): Omit<SessionData, "accessKeyId"> => ({
  kind: "AssumeRole", accountId: A, roleArn: `arn:aws:iam::${A}:role/app/Reader`, roleId: "AROAEXAMPLE", sessionName: "s",
  tags: [], transitiveTagKeys: [], mfaAuthenticated: false, issuedAt: 1772366400, expiresAt: 1772366400 + 3600, chained: false, ...over,
});

describe("session token", () => {
  it("round-trips the session and shapes credentials as STS does", async () => {
    const { credentials, session } = await issueCredentials(account, base());
    expect(credentials.AccessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
    expect(credentials.SecretAccessKey).toMatch(/^[A-Za-z0-9+/]{40}$/);
    expect(credentials.Expiration).toBe("2026-03-01T13:00:00Z");
    expect(credentials.SessionToken.startsWith("IE1.")).toBe(true);
    expect(session.accessKeyId).toBe(credentials.AccessKeyId);
    expect(await verifySessionToken(account, credentials.AccessKeyId, credentials.SessionToken)).toEqual(session);
    // the edge recomputes the secret from the key id, no storage
    expect(await deriveSecretAccessKey(account, credentials.AccessKeyId)).toBe(credentials.SecretAccessKey);
  });

  it("refuses a token with any byte flipped", async () => {
    const { credentials } = await issueCredentials(account, base());
    const t = credentials.SessionToken;
    for (const i of [5, Math.floor(t.length / 2), t.length - 3]) {
      const flipped = t.slice(0, i) + (t[i] === "A" ? "B" : "A") + t.slice(i + 1);
      await expectError(verifySessionToken(account, credentials.AccessKeyId, flipped), "InvalidClientTokenId", "The security token included in the request is invalid.");
    }
    // a payload edited to widen the session, re-encoded without the key
    const [v, body, mac] = t.split(".");
    const json = JSON.parse(Buffer.from(body, "base64url").toString());
    json.expiresAt += 100000;
    const forged = `${v}.${Buffer.from(JSON.stringify(json)).toString("base64url")}.${mac}`;
    await expectError(verifySessionToken(account, credentials.AccessKeyId, forged), "InvalidClientTokenId");
  });

  it("refuses malformed tokens, another key id, and another account's key", async () => {
    const { credentials } = await issueCredentials(account, base());
    for (const bad of ["", "x", "IE1..", "IE2." + credentials.SessionToken.slice(4), credentials.SessionToken + ".x", "IE1.%%%.abc"]) {
      await expectError(verifySessionToken(account, credentials.AccessKeyId, bad), "InvalidClientTokenId");
    }
    await expectError(verifySessionToken(account, "ASIAAAAAAAAAAAAAAAAA", credentials.SessionToken), "InvalidClientTokenId");
    const other = await makeAccount(A, c); // same id, its own random key
    await expectError(verifySessionToken(other, credentials.AccessKeyId, credentials.SessionToken), "InvalidClientTokenId");
    const b = await makeAccount(B, c);
    await expectError(verifySessionToken(b, credentials.AccessKeyId, credentials.SessionToken), "InvalidClientTokenId");
  });

  it("an edge node with the same sessionKey verifies; the key never leaves in GAAD", async () => {
    const k = "an edge-shared session key of enough bytes";
    const issuer = await makeAccount(A, c, k);
    const edge = await makeAccount(A, c, k);
    const { credentials } = await issueCredentials(issuer, base());
    expect((await verifySessionToken(edge, credentials.AccessKeyId, credentials.SessionToken)).sessionName).toBe("s");
    expect(await deriveSecretAccessKey(edge, credentials.AccessKeyId)).toBe(credentials.SecretAccessKey);
    const gaad = JSON.stringify(issuer.toAuthorizationDetails());
    expect(gaad).not.toMatch(/sessionKey|edge-shared/);
    await expectError(makeAccount(A, c, "short"), "ValidationError");
  });

  it("expires at expiresAt against account.now()", async () => {
    const now = Math.floor(c.now.getTime() / 1000);
    const { credentials } = await issueCredentials(account, base({ issuedAt: now, expiresAt: now + 900 }));
    c.advance(899);
    await verifySessionToken(account, credentials.AccessKeyId, credentials.SessionToken);
    c.advance(1);
    const err = await expectError(verifySessionToken(account, credentials.AccessKeyId, credentials.SessionToken), "ExpiredToken", "The security token included in the request is expired");
    expect(err.status).toBe(400);
  });
});

describe("resolveCredentials", () => {
  it("long-term keys resolve to their user and record the use; Inactive or unknown are refused", async () => {
    const { AccessKey } = await account.createAccessKey({ UserName: "alice" });
    const r = await account.resolveCredentials({ accessKeyId: AccessKey.AccessKeyId }, { serviceName: "s3", region: "eu-west-1" });
    expect(r.principal).toBe(alice);
    expect(r.session).toBeUndefined();
    expect(r.resolved.context["aws:MultiFactorAuthPresent"]).toBeUndefined();
    const used = await account.getAccessKeyLastUsed({ AccessKeyId: AccessKey.AccessKeyId });
    expect(used.AccessKeyLastUsed).toEqual({ LastUsedDate: "2026-03-01T12:00:00Z", ServiceName: "s3", Region: "eu-west-1" });
    await account.updateAccessKey({ UserName: "alice", AccessKeyId: AccessKey.AccessKeyId, Status: "Inactive" });
    const err = await expectError(account.resolveCredentials({ accessKeyId: AccessKey.AccessKeyId }), "InvalidClientTokenId");
    expect(err.status).toBe(403);
    await expectError(account.resolveCredentials({ accessKeyId: "AKIAAAAAAAAAAAAAAAAA" }), "InvalidClientTokenId");
    await expectError(account.resolveCredentials({ accessKeyId: "ASIAAAAAAAAAAAAAAAAA" }), "InvalidClientTokenId");
  });

  it("a role session resolves with the session's keys (aws:PrincipalArn with path, no username, tags overlaid)", async () => {
    const { Credentials, AssumedRoleUser } = await account.assumeRole(
      { RoleArn: readerArn, RoleSessionName: "alice-s", Tags: [{ Key: "TEAM", Value: "red" }, { Key: "cc", Value: "42" }] },
      { caller: alice },
    ).catch(() => ({ Credentials: undefined, AssumedRoleUser: undefined }));
    // TagSession is not in the trust policy: refused; grant it and retry
    expect(Credentials).toBeUndefined();
    await account.updateAssumeRolePolicy({ RoleName: "Reader", PolicyDocument: trust({ AWS: alice }, {}, ["sts:AssumeRole", "sts:TagSession"]) });
    const ok = await account.assumeRole({ RoleArn: readerArn, RoleSessionName: "alice-s", Tags: [{ Key: "TEAM", Value: "red" }, { Key: "cc", Value: "42" }] }, { caller: alice });
    expect(AssumedRoleUser).toBeUndefined();
    const r = await account.resolveCredentials({ accessKeyId: ok.Credentials.AccessKeyId, sessionToken: ok.Credentials.SessionToken });
    expect(r.principal).toBe(`arn:aws:sts::${A}:assumed-role/Reader/alice-s`);
    const ctx = r.resolved.context;
    expect(ctx["aws:PrincipalArn"]).toBe(readerArn);
    expect(readerArn).toBe(`arn:aws:iam::${A}:role/app/Reader`);
    expect(ctx["aws:PrincipalType"]).toBe("AssumedRole");
    expect(ctx["aws:userid"]).toBe(ok.AssumedRoleUser.AssumedRoleId);
    expect(ctx["aws:username"]).toBeUndefined();
    expect(ctx["aws:TokenIssueTime"]).toBe("2026-03-01T12:00:00Z");
    expect(ctx["aws:MultiFactorAuthPresent"]).toBe(false);
    expect(ctx["aws:MultiFactorAuthAge"]).toBeUndefined();
    expect(ctx["aws:PrincipalTag/TEAM"]).toBe("red");
    expect(ctx["aws:PrincipalTag/team"]).toBeUndefined();
    expect(ctx["aws:PrincipalTag/cc"]).toBe("42");
    // the session ARN names the live session too, with the same keys
    const byArn = account.resolvePrincipal(r.principal);
    expect(byArn.context["aws:PrincipalTag/TEAM"]).toBe("red");
    expect(account.authorizePrincipal(r.principal, { action: "s3:GetObject", resource: "arn:aws:s3:::bucket/k" }).decision).toBe("Allow");
  });
});

describe("getSessionToken", () => {
  it("durations: users 900..129600 default 43200, root 900..3600", async () => {
    const { Credentials } = await account.getSessionToken({}, { caller: alice });
    expect(Credentials.Expiration).toBe("2026-03-02T00:00:00Z");
    expect((await account.getSessionToken({ DurationSeconds: 129600 }, { caller: alice })).Credentials.Expiration).toBe("2026-03-03T00:00:00Z");
    await expectError(account.getSessionToken({ DurationSeconds: 899 }, { caller: alice }), "ValidationError");
    await expectError(account.getSessionToken({ DurationSeconds: 129601 }, { caller: alice }), "ValidationError");
    const root = await account.getSessionToken({}, { caller: account.rootArn });
    expect(root.Credentials.Expiration).toBe("2026-03-01T13:00:00Z");
    await expectError(account.getSessionToken({ DurationSeconds: 3601 }, { caller: account.rootArn }), "ValidationError");
    const r = await account.resolveCredentials({ accessKeyId: root.Credentials.AccessKeyId, sessionToken: root.Credentials.SessionToken });
    expect(r.principal).toBe(account.rootArn);
    await expectError(account.getSessionToken({}), "MissingAuthenticationToken");
  });

  it("with MFA: aws:MultiFactorAuthPresent true and the age grows; a replayed code is refused", async () => {
    const { serial, code } = await mfaDevice(account, "alice", c);
    const t = await code();
    const { Credentials } = await account.getSessionToken({ SerialNumber: serial, TokenCode: t }, { caller: alice });
    await expectError(account.getSessionToken({ SerialNumber: serial, TokenCode: t }, { caller: alice }), "AccessDenied", "MultiFactorAuthentication failed with invalid MFA one time pass code.");
    await expectError(account.getSessionToken({ SerialNumber: serial, TokenCode: "12345" }, { caller: alice }), "ValidationError");
    const creds = { accessKeyId: Credentials.AccessKeyId, sessionToken: Credentials.SessionToken };
    let r = await account.resolveCredentials(creds);
    expect(r.principal).toBe(alice);
    expect(r.resolved.context["aws:MultiFactorAuthPresent"]).toBe(true);
    expect(r.resolved.context["aws:MultiFactorAuthAge"]).toBe(0);
    expect(r.resolved.context["aws:username"]).toBe("alice");
    c.advance(600);
    r = await account.resolveCredentials(creds);
    expect(r.resolved.context["aws:MultiFactorAuthAge"]).toBe(600);
    const plain = await account.getSessionToken({}, { caller: alice });
    r = await account.resolveCredentials({ accessKeyId: plain.Credentials.AccessKeyId, sessionToken: plain.Credentials.SessionToken });
    expect(r.resolved.context["aws:MultiFactorAuthPresent"]).toBe(false);
  });

  it("role sessions and session credentials cannot call it", async () => {
    const { Credentials } = await account.assumeRole({ RoleArn: readerArn, RoleSessionName: "s1" }, { caller: alice });
    await expectError(account.getSessionToken({}, { caller: { accessKeyId: Credentials.AccessKeyId, sessionToken: Credentials.SessionToken } }), "AccessDenied");
    await expectError(account.getSessionToken({}, { caller: `arn:aws:sts::${A}:assumed-role/Reader/s1` }), "AccessDenied");
    const g = await account.getSessionToken({}, { caller: alice });
    await expectError(account.getSessionToken({}, { caller: { accessKeyId: g.Credentials.AccessKeyId, sessionToken: g.Credentials.SessionToken } }), "AccessDenied");
  });
});

describe("getCallerIdentity", () => {
  it("answers per principal type, even under an explicit deny", async () => {
    await account.putUserPolicy({ UserName: "alice", PolicyName: "deny-all", PolicyDocument: deny("*") });
    expect(await account.getCallerIdentity({ caller: alice })).toEqual({ UserId: account.store.users.get("alice")!.UserId, Account: A, Arn: alice });
    expect(await account.getCallerIdentity({ caller: account.rootArn })).toEqual({ UserId: A, Account: A, Arn: account.rootArn });
    await account.deleteUserPolicy({ UserName: "alice", PolicyName: "deny-all" });
    const { Credentials, AssumedRoleUser } = await account.assumeRole({ RoleArn: readerArn, RoleSessionName: "who" }, { caller: alice });
    await account.putRolePolicy({ RoleName: "Reader", PolicyName: "deny-all", PolicyDocument: deny("*") });
    const creds = { accessKeyId: Credentials.AccessKeyId, sessionToken: Credentials.SessionToken };
    // The engine allows it too, even under the explicit deny (docs/semantics.md "Service rules").
    expect(account.authorizePrincipal(AssumedRoleUser.Arn, { action: "sts:GetCallerIdentity" })).toMatchObject({ decision: "Allow", reason: { code: "NoPermissionRequired" } });
    expect(await account.getCallerIdentity({ caller: creds })).toEqual({ UserId: AssumedRoleUser.AssumedRoleId, Account: A, Arn: AssumedRoleUser.Arn });
    expect((await account.getCallerIdentity({ caller: AssumedRoleUser.Arn })).Arn).toBe(AssumedRoleUser.Arn);
    const { AccessKey } = await account.createAccessKey({ UserName: "alice" });
    expect((await account.getCallerIdentity({ caller: { accessKeyId: AccessKey.AccessKeyId } })).Arn).toBe(alice);
    c.advance(3600);
    await expectError(account.getCallerIdentity({ caller: creds }), "ExpiredToken");
  });
});

describe("revocation", () => {
  it("sessions issued before the role's cut-off are refused; later ones work", async () => {
    const first = await account.assumeRole({ RoleArn: readerArn, RoleSessionName: "old" }, { caller: alice });
    c.advance(60);
    const res = await account.revokeRoleSessions("Reader");
    expect(res).toEqual({ RoleName: "Reader", RevokedBefore: "2026-03-01T12:01:00Z" });
    const creds = { accessKeyId: first.Credentials.AccessKeyId, sessionToken: first.Credentials.SessionToken };
    await expectError(account.resolveCredentials(creds), "AccessDenied");
    expect(() => account.resolvePrincipal(first.AssumedRoleUser.Arn)).toThrow(/revoked/);
    const second = await account.assumeRole({ RoleArn: readerArn, RoleSessionName: "new" }, { caller: alice });
    expect((await account.resolveCredentials({ accessKeyId: second.Credentials.AccessKeyId, sessionToken: second.Credentials.SessionToken })).principal).toMatch(/Reader\/new$/);
    await expectError(account.revokeRoleSessions("Nope"), "NoSuchEntity");
  });

  it("a deleted and recreated role does not inherit old sessions", async () => {
    const first = await account.assumeRole({ RoleArn: readerArn, RoleSessionName: "old" }, { caller: alice });
    await account.deleteRolePolicy({ RoleName: "Reader", PolicyName: "p" });
    await account.deleteRole({ RoleName: "Reader" });
    await role(account, "Reader", trust({ AWS: alice }), undefined, { Path: "/app/" });
    await expectError(account.resolveCredentials({ accessKeyId: first.Credentials.AccessKeyId, sessionToken: first.Credentials.SessionToken }), "AccessDenied");
  });
});
