/**
 * @module test/unit/edge-api/sts-sdk.test
 * STS through the real `@aws-sdk/client-sts` v3 client: GetCallerIdentity; AssumeRole with an
 * ExternalId the trust policy requires, and with MFA (a TOTP code the test computes from the
 * seed CreateVirtualMFADevice returned); role chaining and its one-hour cap; GetSessionToken,
 * whose credentials reach IAM only with MFA; revoked keys, expired and revoked sessions refused;
 * AssumeRoleWithWebIdentity, unsigned, with an OIDC token the test signs.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateKeyPairSync, createSign } from "node:crypto";
import { AssumeRoleCommand, AssumeRoleWithWebIdentityCommand, GetCallerIdentityCommand, GetSessionTokenCommand } from "@aws-sdk/client-sts";
import {
  CreateAccessKeyCommand, CreateOpenIDConnectProviderCommand, CreateRoleCommand, CreateUserCommand, CreateVirtualMFADeviceCommand,
  DeleteAccessKeyCommand, EnableMFADeviceCommand, GetRoleCommand, ListUsersCommand, PutRolePolicyCommand, PutUserPolicyCommand, UpdateAccessKeyCommand,
} from "@aws-sdk/client-iam";
import { ACCOUNT_ID, failure, policy, startHarness, type Credentials, type Harness } from "./harness.ts";
import { totp } from "./totp.ts";

const A = ACCOUNT_ID;
let h: Harness;
let bob: Credentials;
let seed: string;
const serial = `arn:aws:iam::${A}:mfa/bob-phone`;

function creds(c: { AccessKeyId?: string; SecretAccessKey?: string; SessionToken?: string } | undefined): Credentials {
  return { accessKeyId: c!.AccessKeyId!, secretAccessKey: c!.SecretAccessKey!, sessionToken: c!.SessionToken };
}

/** A fresh TOTP code: the clock moves to the next 30-second step first (each code is usable once). */
function nextCode(): string {
  h.advance(30_000);
  return totp(seed, h.now());
}

beforeAll(async () => {
  h = await startHarness();
  const root = h.iam(h.root);
  await root.send(new CreateUserCommand({ UserName: "bob" }));
  const { AccessKey } = await root.send(new CreateAccessKeyCommand({ UserName: "bob" }));
  bob = creds(AccessKey);
  await root.send(new PutUserPolicyCommand({ UserName: "bob", PolicyName: "p", PolicyDocument: policy([
    { Effect: "Allow", Action: "sts:AssumeRole", Resource: `arn:aws:iam::${A}:role/*` },
    { Effect: "Allow", Action: "iam:ListUsers", Resource: "*" },
  ]) }));
  const trustBob = (condition?: object) => policy([{ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${A}:user/bob` }, Action: "sts:AssumeRole", ...(condition ? { Condition: condition } : {}) }]);
  await root.send(new CreateRoleCommand({ RoleName: "Deploy", AssumeRolePolicyDocument: trustBob({ StringEquals: { "sts:ExternalId": "ext-123" } }) }));
  await root.send(new PutRolePolicyCommand({ RoleName: "Deploy", PolicyName: "p", PolicyDocument: policy([
    { Effect: "Allow", Action: ["iam:ListUsers", "sts:AssumeRole"], Resource: "*" },
  ]) }));
  await root.send(new CreateRoleCommand({ RoleName: "Admin", AssumeRolePolicyDocument: trustBob({ Bool: { "aws:MultiFactorAuthPresent": "true" } }) }));
  await root.send(new CreateRoleCommand({ RoleName: "Chain", AssumeRolePolicyDocument: policy([{ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${A}:role/Deploy` }, Action: "sts:AssumeRole" }]) }));
  const device = await root.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: "bob-phone" }));
  seed = new TextDecoder().decode(device.VirtualMFADevice!.Base32StringSeed!);
  expect(seed).toMatch(/^[A-Z2-7]{64}$/);
  const now = h.now();
  await root.send(new EnableMFADeviceCommand({ UserName: "bob", SerialNumber: serial, AuthenticationCode1: totp(seed, new Date(now.getTime() - 30_000)), AuthenticationCode2: totp(seed, now) }));
});

afterAll(() => h.close());

describe("STS through @aws-sdk/client-sts", () => {
  it("GetCallerIdentity answers the user", async () => {
    const out = await h.sts(bob).send(new GetCallerIdentityCommand({}));
    expect(out).toMatchObject({ Account: A, Arn: `arn:aws:iam::${A}:user/bob` });
    expect(out.UserId).toMatch(/^AIDA/);
  });

  it("AssumeRole needs the ExternalId the trust policy names", async () => {
    const denied = await failure(h.sts(bob).send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${A}:role/Deploy`, RoleSessionName: "ci" })));
    expect(denied.name).toBe("AccessDenied");
    expect(denied.$metadata?.httpStatusCode).toBe(403);
    expect(denied.message).toBe(`User: arn:aws:iam::${A}:user/bob is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::${A}:role/Deploy because no resource-based policy allows the sts:AssumeRole action`);
    const record = h.decisions.find((d) => d.requestId === denied.$metadata?.requestId);
    expect(record?.decisions[0]).toMatchObject({ action: "sts:AssumeRole", resource: `arn:aws:iam::${A}:role/Deploy` });
    expect(record?.decisions[0].decision).not.toBe("Allow");
    const out = await h.sts(bob).send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${A}:role/Deploy`, RoleSessionName: "ci", ExternalId: "ext-123" }));
    expect(out.AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${A}:assumed-role/Deploy/ci`);
    expect(out.AssumedRoleUser?.AssumedRoleId).toMatch(/^AROA[A-Z2-7]+:ci$/);
    expect(out.Credentials?.AccessKeyId).toMatch(/^ASIA/);
    expect(out.Credentials?.Expiration).toBeInstanceOf(Date);
    const session = creds(out.Credentials);
    expect((await h.sts(session).send(new GetCallerIdentityCommand({}))).Arn).toBe(`arn:aws:sts::${A}:assumed-role/Deploy/ci`);
    expect((await h.iam(session).send(new ListUsersCommand({}))).Users?.map((u) => u.UserName)).toEqual(["bob"]);
    const { Role } = await h.iam(h.root).send(new GetRoleCommand({ RoleName: "Deploy" }));
    expect(Role?.RoleLastUsed?.LastUsedDate).toBeInstanceOf(Date);
    expect(Role?.RoleLastUsed?.Region).toBe("us-east-1");
  });

  it("AssumeRole with MFA: the trust policy's MultiFactorAuthPresent, from a TOTP code", async () => {
    const denied = await failure(h.sts(bob).send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${A}:role/Admin`, RoleSessionName: "admin" })));
    expect(denied.name).toBe("AccessDenied");
    const wrong = await failure(h.sts(bob).send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${A}:role/Admin`, RoleSessionName: "admin", SerialNumber: serial, TokenCode: "000000" === totp(seed, h.now()) ? "111111" : "000000" })));
    expect(wrong.name).toBe("AccessDenied");
    expect(wrong.message).toContain("MultiFactorAuthentication failed");
    const out = await h.sts(bob).send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${A}:role/Admin`, RoleSessionName: "admin", SerialNumber: serial, TokenCode: nextCode() }));
    expect(out.AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${A}:assumed-role/Admin/admin`);
  });

  it("role chaining works, capped at one hour", async () => {
    const first = await h.sts(bob).send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${A}:role/Deploy`, RoleSessionName: "hop1", ExternalId: "ext-123" }));
    const session = creds(first.Credentials);
    const tooLong = await failure(h.sts(session).send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${A}:role/Chain`, RoleSessionName: "hop2", DurationSeconds: 7200 })));
    expect(tooLong.name).toBe("ValidationError");
    expect(tooLong.message).toContain("1 hour session limit for roles assumed by role chaining");
    const second = await h.sts(session).send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${A}:role/Chain`, RoleSessionName: "hop2" }));
    expect((await h.sts(creds(second.Credentials)).send(new GetCallerIdentityCommand({}))).Arn).toBe(`arn:aws:sts::${A}:assumed-role/Chain/hop2`);
    const byBob = await failure(h.sts(bob).send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${A}:role/Chain`, RoleSessionName: "direct" })));
    expect(byBob.name).toBe("AccessDenied");
  });

  it("GetSessionToken credentials call IAM only with MFA", async () => {
    const plain = creds((await h.sts(bob).send(new GetSessionTokenCommand({}))).Credentials);
    expect((await h.sts(plain).send(new GetCallerIdentityCommand({}))).Arn).toBe(`arn:aws:iam::${A}:user/bob`);
    const refused = await failure(h.iam(plain).send(new ListUsersCommand({})));
    expect(refused.name).toBe("InvalidClientTokenId");
    expect(refused.$metadata?.httpStatusCode).toBe(403);
    const again = await failure(h.sts(plain).send(new GetSessionTokenCommand({})));
    expect(again.name).toBe("AccessDenied");
    const mfa = creds((await h.sts(bob).send(new GetSessionTokenCommand({ SerialNumber: serial, TokenCode: nextCode(), DurationSeconds: 900 }))).Credentials);
    expect((await h.iam(mfa).send(new ListUsersCommand({}))).Users?.map((u) => u.UserName)).toEqual(["bob"]);
  });

  it("expired sessions are refused", async () => {
    const out = await h.sts(bob).send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${A}:role/Deploy`, RoleSessionName: "short", ExternalId: "ext-123", DurationSeconds: 900 }));
    const session = creds(out.Credentials);
    await h.iam(session).send(new ListUsersCommand({}));
    h.advance(901_000);
    const err = await failure(h.iam(session).send(new ListUsersCommand({})));
    expect(err.name).toBe("ExpiredToken");
    expect(err.$metadata?.httpStatusCode).toBe(403);
    expect(err.message).toBe("The security token included in the request is expired");
  });

  it("revoked sessions are refused", async () => {
    const out = await h.sts(bob).send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${A}:role/Deploy`, RoleSessionName: "revoked", ExternalId: "ext-123" }));
    const session = creds(out.Credentials);
    h.advance(2000);
    await h.account.revokeRoleSessions("Deploy");
    const err = await failure(h.sts(session).send(new GetCallerIdentityCommand({})));
    expect(err.name).toBe("AccessDenied");
    expect(err.$metadata?.httpStatusCode).toBe(403);
  });

  it("inactive and deleted access keys are refused", async () => {
    const root = h.iam(h.root);
    await root.send(new UpdateAccessKeyCommand({ UserName: "bob", AccessKeyId: bob.accessKeyId, Status: "Inactive" }));
    const inactive = await failure(h.sts(bob).send(new GetCallerIdentityCommand({})));
    expect(inactive.name).toBe("InvalidClientTokenId");
    expect(inactive.$metadata?.httpStatusCode).toBe(403);
    await root.send(new UpdateAccessKeyCommand({ UserName: "bob", AccessKeyId: bob.accessKeyId, Status: "Active" }));
    expect((await h.sts(bob).send(new GetCallerIdentityCommand({}))).Account).toBe(A);
    await root.send(new DeleteAccessKeyCommand({ UserName: "bob", AccessKeyId: bob.accessKeyId }));
    expect((await failure(h.iam(bob).send(new ListUsersCommand({})))).name).toBe("InvalidClientTokenId");
  });

  it("AssumeRoleWithWebIdentity is served unsigned, with an OIDC token", async () => {
    const { publicKey, privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const jwk = { ...publicKey.export({ format: "jwk" }), kid: "k1", alg: "RS256", use: "sig" };
    const issuer = "https://token.example.com";
    const { OpenIDConnectProviderArn } = await h.iam(h.root).send(new CreateOpenIDConnectProviderCommand({ Url: issuer, ClientIDList: ["sts.amazonaws.com"] }));
    await h.account.setOpenIDConnectProviderKeys({ OpenIDConnectProviderArn: OpenIDConnectProviderArn!, Jwks: { keys: [jwk] } });
    await h.iam(h.root).send(new CreateRoleCommand({ RoleName: "Workload", AssumeRolePolicyDocument: policy([{
      Effect: "Allow", Principal: { Federated: OpenIDConnectProviderArn }, Action: "sts:AssumeRoleWithWebIdentity",
      Condition: { StringEquals: { "token.example.com:sub": "repo:main" } },
    }]) }));
    const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString("base64url");
    const nowS = Math.floor(h.now().getTime() / 1000);
    const unsigned = `${b64({ alg: "RS256", kid: "k1", typ: "JWT" })}.${b64({ iss: issuer, aud: "sts.amazonaws.com", sub: "repo:main", iat: nowS, exp: nowS + 600 })}`;
    const token = `${unsigned}.${createSign("RSA-SHA256").update(unsigned).sign(privateKey).toString("base64url")}`;
    const anonymous = h.sts({ accessKeyId: "", secretAccessKey: "" });
    const out = await anonymous.send(new AssumeRoleWithWebIdentityCommand({ RoleArn: `arn:aws:iam::${A}:role/Workload`, RoleSessionName: "run-1", WebIdentityToken: token }));
    expect(out.SubjectFromWebIdentityToken).toBe("repo:main");
    expect(out.AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${A}:assumed-role/Workload/run-1`);
    expect((await h.sts(creds(out.Credentials)).send(new GetCallerIdentityCommand({}))).Arn).toBe(`arn:aws:sts::${A}:assumed-role/Workload/run-1`);
    const forged = await failure(anonymous.send(new AssumeRoleWithWebIdentityCommand({ RoleArn: `arn:aws:iam::${A}:role/Workload`, RoleSessionName: "run-2", WebIdentityToken: `${unsigned}.AAAA` })));
    expect(forged.name).toBe("InvalidIdentityTokenException");
  });
});
