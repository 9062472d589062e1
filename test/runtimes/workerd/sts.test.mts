/**
 * @module test/runtimes/workerd/sts
 * STS inside workerd, from the built package (dist/workerd.js): AssumeRole with a session policy
 * (intersection), the session token verified with WebCrypto (tampering, expiry, another
 * account's key), role chaining's one-hour cap, GetSessionToken and GetCallerIdentity under an
 * explicit deny. Skipped when the STS methods are not installed.
 */
import { describe, expect, it } from "vitest";
import * as api from "iam-edge";

const A = "111122223333";
type Model = api.Account & Record<string, (...args: any[]) => any>;
const has = typeof (api.Account.prototype as unknown as Record<string, unknown>).assumeRole === "function";
const engine = await api.createEngine();

const allow = (action: string | string[], resource = "*") => JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: action, Resource: resource }] });
const trust = (principal: unknown) => JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: principal, Action: "sts:AssumeRole" }] });

async function setup(now: { t: Date }, sessionKey?: string) {
  const account = (await api.Account.create({ accountId: A, engine, now: () => now.t, sessionKey } as api.AccountOptions)) as Model;
  const { User } = await account.createUser({ UserName: "alice" });
  await account.putUserPolicy({ UserName: "alice", PolicyName: "p", PolicyDocument: allow("sts:AssumeRole") });
  const { Role } = await account.createRole({ RoleName: "Reader", Path: "/app/", AssumeRolePolicyDocument: trust({ AWS: User.Arn }) });
  await account.putRolePolicy({ RoleName: "Reader", PolicyName: "p", PolicyDocument: allow(["s3:GetObject", "s3:PutObject", "sts:AssumeRole"]) });
  await account.createRole({ RoleName: "Next", AssumeRolePolicyDocument: trust({ AWS: Role.Arn }), MaxSessionDuration: 7200 });
  return { account, alice: User.Arn as string, roleArn: Role.Arn as string };
}

async function code(p: Promise<unknown>): Promise<string | undefined> {
  return p.then(() => undefined, (e: { code?: string }) => e.code);
}

describe.skipIf(!has)("workerd: STS (built package)", () => {
  it("AssumeRole with a session policy: the session allows only the intersection", async () => {
    const now = { t: new Date("2026-03-01T12:00:00Z") };
    const { account, alice, roleArn } = await setup(now);
    const r = await account.assumeRole({ RoleArn: roleArn, RoleSessionName: "edge", Policy: allow("s3:GetObject", "arn:aws:s3:::b/*") }, { caller: alice });
    expect(r.Credentials.AccessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
    expect(r.Credentials.SecretAccessKey).toHaveLength(40);
    expect(r.AssumedRoleUser.Arn).toBe(`arn:aws:sts::${A}:assumed-role/Reader/edge`);
    const s = await account.resolveCredentials({ accessKeyId: r.Credentials.AccessKeyId, sessionToken: r.Credentials.SessionToken });
    expect(s.resolved.context["aws:PrincipalArn"]).toBe(roleArn);
    expect(account.authorizePrincipal(s.principal, { action: "s3:GetObject", resource: "arn:aws:s3:::b/k" }).decision).toBe("Allow");
    expect(account.authorizePrincipal(s.principal, { action: "s3:PutObject", resource: "arn:aws:s3:::b/k" }).decision).toBe("ImplicitDeny");
  });

  it("tokens: tampering and another account's key are InvalidClientTokenId, expiry ExpiredToken; a shared key verifies", async () => {
    const now = { t: new Date("2026-03-01T12:00:00Z") };
    const key = "workerd shared session key 0123456789";
    const { account, alice, roleArn } = await setup(now, key);
    const r = await account.assumeRole({ RoleArn: roleArn, RoleSessionName: "edge", DurationSeconds: 900 }, { caller: alice });
    const t = r.Credentials.SessionToken as string;
    const i = Math.floor(t.length / 2);
    const flipped = t.slice(0, i) + (t[i] === "A" ? "B" : "A") + t.slice(i + 1);
    expect(await code(account.resolveCredentials({ accessKeyId: r.Credentials.AccessKeyId, sessionToken: flipped }))).toBe("InvalidClientTokenId");
    const other = (await api.Account.create({ accountId: A, engine })) as Model;
    expect(await code(other.resolveCredentials({ accessKeyId: r.Credentials.AccessKeyId, sessionToken: t }))).toBe("InvalidClientTokenId");
    // an edge node: the same account model (GAAD) and the same session key
    const edge = (await api.Account.fromAuthorizationDetails(account.toAuthorizationDetails(), { accountId: A, engine, now: () => now.t, sessionKey: key } as api.AccountOptions)) as Model;
    expect((await edge.getCallerIdentity({ caller: { accessKeyId: r.Credentials.AccessKeyId, sessionToken: t } })).Arn).toBe(r.AssumedRoleUser.Arn);
    now.t = new Date(now.t.getTime() + 900_000);
    expect(await code(account.resolveCredentials({ accessKeyId: r.Credentials.AccessKeyId, sessionToken: t }))).toBe("ExpiredToken");
  });

  it("role chaining is capped at one hour; GetSessionToken refuses role sessions; GetCallerIdentity under a deny", async () => {
    const now = { t: new Date("2026-03-01T12:00:00Z") };
    const { account, alice, roleArn } = await setup(now);
    const r = await account.assumeRole({ RoleArn: roleArn, RoleSessionName: "one" }, { caller: alice });
    const caller = { accessKeyId: r.Credentials.AccessKeyId, sessionToken: r.Credentials.SessionToken };
    const next = `arn:aws:iam::${A}:role/Next`;
    expect(await code(account.assumeRole({ RoleArn: next, RoleSessionName: "two", DurationSeconds: 3601 }, { caller }))).toBe("ValidationError");
    expect((await account.assumeRole({ RoleArn: next, RoleSessionName: "two" }, { caller })).AssumedRoleUser.Arn).toBe(`arn:aws:sts::${A}:assumed-role/Next/two`);
    expect(await code(account.getSessionToken({}, { caller }))).toBe("AccessDenied");
    await account.putUserPolicy({ UserName: "alice", PolicyName: "deny", PolicyDocument: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Deny", Action: "*", Resource: "*" }] }) });
    expect((await account.getCallerIdentity({ caller: alice })).Arn).toBe(alice);
    const g = await account.getSessionToken({}, { caller: `arn:aws:iam::${A}:root` });
    expect(g.Credentials.Expiration).toBe("2026-03-01T13:00:00Z");
  });
});
