/**
 * @module test/edge-e2e/cases/sts
 * STS through the edge: virtual MFA devices enabled with TOTP codes computed here; AssumeRole with
 * ExternalId and MFA (each condition missing refused, a code replayed refused); GetSessionToken
 * with MFA, whose session then satisfies an MFA trust; role chaining and its one-hour cap;
 * revoked keys and revoked sessions refused.
 */
import assert from "node:assert/strict";
import {
  CreateAccessKeyCommand, CreateRoleCommand, CreateVirtualMFADeviceCommand, DeleteAccessKeyCommand, DeleteRolePolicyCommand,
  EnableMFADeviceCommand, ListRolesCommand, ListUsersCommand, PutRolePolicyCommand, PutUserPolicyCommand, UpdateAccessKeyCommand,
} from "@aws-sdk/client-iam";
import { AssumeRoleCommand, GetCallerIdentityCommand, GetSessionTokenCommand } from "@aws-sdk/client-sts";
import { errorOf, sdk, totp } from "../clients.mjs";

const doc = (statements) => JSON.stringify({ Version: "2012-10-17", Statement: statements });
const creds = (c) => ({ accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken });

async function enableDevice(t, root, name) {
  const { VirtualMFADevice } = await root.iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: name }));
  const seed = new TextDecoder().decode(VirtualMFADevice.Base32StringSeed);
  // The codes of the two steps before now (one step of drift is allowed): now and the next step stay unused.
  const now = new Date();
  await root.iam.send(new EnableMFADeviceCommand({ UserName: "alice", SerialNumber: VirtualMFADevice.SerialNumber, AuthenticationCode1: totp(seed, now, -2), AuthenticationCode2: totp(seed, now, -1) }));
  t.mutations.push({ eventName: "EnableMFADevice" });
  return { serial: VirtualMFADevice.SerialNumber, seed };
}

export async function stsCases(t, { test }) {
  const A = t.accountId;
  const root = sdk(t.origin, t.root);

  await test("MFA devices are enabled with two consecutive TOTP codes", async () => {
    t.mfa = [await enableDevice(t, root, "alice-phone"), await enableDevice(t, root, "alice-key")];
    assert.match(t.mfa[0].serial, new RegExp(`^arn:aws:iam::${A}:mfa/alice-phone$`));
  });

  await test("AssumeRole needs the ExternalId and MFA the trust policy asks for; a TOTP code works once", async () => {
    await root.iam.send(new CreateRoleCommand({
      RoleName: "deployer",
      AssumeRolePolicyDocument: doc([{ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${A}:root` }, Action: "sts:AssumeRole", Condition: { StringEquals: { "sts:ExternalId": "ext-7" }, Bool: { "aws:MultiFactorAuthPresent": "true" } } }]),
    }));
    await root.iam.send(new PutRolePolicyCommand({ RoleName: "deployer", PolicyName: "work", PolicyDocument: doc([{ Effect: "Allow", Action: ["iam:ListRoles", "sts:AssumeRole"], Resource: "*" }]) }));
    await root.iam.send(new PutUserPolicyCommand({ UserName: "alice", PolicyName: "Assume", PolicyDocument: doc([{ Effect: "Allow", Action: "sts:AssumeRole", Resource: `arn:aws:iam::${A}:role/deployer` }]) }));
    const alice = sdk(t.origin, t.alice);
    const RoleArn = `arn:aws:iam::${A}:role/deployer`;
    const noMfa = await errorOf(alice.sts.send(new AssumeRoleCommand({ RoleArn, RoleSessionName: "e2e", ExternalId: "ext-7" })));
    assert.equal(noMfa?.code, "AccessDenied");
    // STS checks (and uses up) the code before it authorizes: this one is spent.
    const wrongExternal = await errorOf(alice.sts.send(new AssumeRoleCommand({ RoleArn, RoleSessionName: "e2e", ExternalId: "ext-8", SerialNumber: t.mfa[0].serial, TokenCode: totp(t.mfa[0].seed, new Date(), 0) })));
    assert.equal(wrongExternal?.code, "AccessDenied");
    const code = totp(t.mfa[0].seed, new Date(), 1);
    const out = await alice.sts.send(new AssumeRoleCommand({ RoleArn, RoleSessionName: "e2e", ExternalId: "ext-7", SerialNumber: t.mfa[0].serial, TokenCode: code, DurationSeconds: 900 }));
    t.mutations.push({ eventName: "AssumeRole", requestId: out.$metadata.requestId });
    assert.equal(out.AssumedRoleUser.Arn, `arn:aws:sts::${A}:assumed-role/deployer/e2e`);
    assert.match(out.Credentials.AccessKeyId, /^ASIA/);
    t.deployer = creds(out.Credentials);
    const session = sdk(t.origin, t.deployer);
    assert.equal((await session.sts.send(new GetCallerIdentityCommand({}))).Arn, out.AssumedRoleUser.Arn);
    await session.iam.send(new ListRolesCommand({}));
    assert.equal((await errorOf(session.iam.send(new ListUsersCommand({}))))?.code, "AccessDenied");
    const replay = await errorOf(alice.sts.send(new AssumeRoleCommand({ RoleArn, RoleSessionName: "e2e2", ExternalId: "ext-7", SerialNumber: t.mfa[0].serial, TokenCode: code })));
    assert.equal(replay?.code, "AccessDenied");
    t.usedCode = code;
  });

  await test("GetSessionToken with MFA gives a session that satisfies an MFA trust; a role session cannot call it", async () => {
    const alice = sdk(t.origin, t.alice);
    const plain = await alice.sts.send(new GetSessionTokenCommand({ DurationSeconds: 900 }));
    const plainSession = sdk(t.origin, creds(plain.Credentials));
    assert.equal((await plainSession.sts.send(new GetCallerIdentityCommand({}))).Arn, `arn:aws:iam::${A}:user/e2e/alice`);
    const RoleArn = `arn:aws:iam::${A}:role/deployer`;
    assert.equal((await errorOf(plainSession.sts.send(new AssumeRoleCommand({ RoleArn, RoleSessionName: "plain", ExternalId: "ext-7" }))))?.code, "AccessDenied");
    const mfa = await alice.sts.send(new GetSessionTokenCommand({ SerialNumber: t.mfa[1].serial, TokenCode: totp(t.mfa[1].seed, new Date(), 1) }));
    const mfaSession = sdk(t.origin, creds(mfa.Credentials));
    const viaSession = await mfaSession.sts.send(new AssumeRoleCommand({ RoleArn, RoleSessionName: "via-session", ExternalId: "ext-7" }));
    assert.equal(viaSession.AssumedRoleUser.Arn, `arn:aws:sts::${A}:assumed-role/deployer/via-session`);
    const fromRole = await errorOf(sdk(t.origin, t.deployer).sts.send(new GetSessionTokenCommand({})));
    assert.equal(fromRole?.code, "AccessDenied");
  });

  await test("role chaining: a role session assumes another role, at most for one hour", async () => {
    await root.iam.send(new CreateRoleCommand({
      RoleName: "auditor", MaxSessionDuration: 7200,
      AssumeRolePolicyDocument: doc([{ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${A}:role/deployer` }, Action: "sts:AssumeRole" }]),
    }));
    await root.iam.send(new PutRolePolicyCommand({ RoleName: "auditor", PolicyName: "read", PolicyDocument: doc([{ Effect: "Allow", Action: "iam:ListUsers", Resource: "*" }]) }));
    const deployer = sdk(t.origin, t.deployer);
    const RoleArn = `arn:aws:iam::${A}:role/auditor`;
    const tooLong = await errorOf(deployer.sts.send(new AssumeRoleCommand({ RoleArn, RoleSessionName: "chain", DurationSeconds: 7200 })));
    assert.equal(tooLong?.code, "ValidationError");
    const out = await deployer.sts.send(new AssumeRoleCommand({ RoleArn, RoleSessionName: "chain" }));
    assert.equal(out.AssumedRoleUser.Arn, `arn:aws:sts::${A}:assumed-role/auditor/chain`);
    const auditor = sdk(t.origin, creds(out.Credentials));
    await auditor.iam.send(new ListUsersCommand({}));
    assert.equal((await errorOf(auditor.iam.send(new ListRolesCommand({}))))?.code, "AccessDenied");
  });

  await test("a deactivated or deleted access key is refused at once; reactivated, it works again", async () => {
    const { AccessKey } = await root.iam.send(new CreateAccessKeyCommand({ UserName: "alice" }));
    const second = sdk(t.origin, { accessKeyId: AccessKey.AccessKeyId, secretAccessKey: AccessKey.SecretAccessKey });
    await second.sts.send(new GetCallerIdentityCommand({}));
    await root.iam.send(new UpdateAccessKeyCommand({ UserName: "alice", AccessKeyId: AccessKey.AccessKeyId, Status: "Inactive" }));
    assert.equal((await errorOf(second.sts.send(new GetCallerIdentityCommand({}))))?.code, "InvalidClientTokenId");
    await root.iam.send(new UpdateAccessKeyCommand({ UserName: "alice", AccessKeyId: AccessKey.AccessKeyId, Status: "Active" }));
    await second.sts.send(new GetCallerIdentityCommand({}));
    await root.iam.send(new DeleteAccessKeyCommand({ UserName: "alice", AccessKeyId: AccessKey.AccessKeyId }));
    assert.equal((await errorOf(second.iam.send(new ListUsersCommand({}))))?.code, "InvalidClientTokenId");
  });

  await test("sessions issued before a revocation (AWSRevokeOlderSessions) are refused at once; lifting it lets them in again", async () => {
    const revoke = doc([{ Effect: "Deny", Action: ["*"], Resource: ["*"], Condition: { DateLessThan: { "aws:TokenIssueTime": new Date(Date.now() + 1000).toISOString() } } }]);
    await root.iam.send(new PutRolePolicyCommand({ RoleName: "deployer", PolicyName: "AWSRevokeOlderSessions", PolicyDocument: revoke }));
    const refused = await errorOf(sdk(t.origin, t.deployer).iam.send(new ListRolesCommand({})));
    assert.equal(refused?.code, "AccessDenied");
    assert.match(refused.message, /explicit deny/);
    await root.iam.send(new DeleteRolePolicyCommand({ RoleName: "deployer", PolicyName: "AWSRevokeOlderSessions" }));
    await sdk(t.origin, t.deployer).iam.send(new ListRolesCommand({}));
  });
}
