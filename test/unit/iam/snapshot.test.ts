/**
 * Snapshot and restore (js/iam/snapshot.ts): an account built through the model's own operations
 * (every kind of entity, keys with secrets, an enabled MFA device, a password, a password
 * policy, an OIDC provider with keys, live and revoked role sessions, root keys) survives a trip
 * through JSON text into a new Account: the store is equal, and what depends on hidden state
 * still works (the old session token verifies, a used MFA code stays used, the password still
 * matches). Rows are stable, diffs find exactly what changed, and bad snapshots are refused.
 */
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createEngine } from "../../../js/index.ts";
import { Account, IamError } from "../../../js/index.ts";
import type { Engine } from "../../../js/engine/engine.ts";
import { base32Decode } from "../../../js/iam/base32.ts";
import { hotp, timeStep } from "../../../js/iam/totp.ts";
import { applyRowChanges, decodeValue, diffRows, encodeValue, restoreAccount, restoreRows, rowKey, snapshotAccount, snapshotRows } from "../../../js/iam/snapshot.ts";

const A = "111122223333";
const ADMIN = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] });
const TRUST = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${A}:root` }, Action: ["sts:AssumeRole", "sts:TagSession"] }] });

let engine: Engine;
let clock: Date;
let account: Account;
let aliceKey: { AccessKeyId: string; SecretAccessKey: string };
let session: { AccessKeyId: string; SessionToken: string };
let mfa: { serial: string; seed: string };

const code = (seed: string, offset = 0) => hotp(base32Decode(seed), timeStep(clock) + offset);
const fresh = () => Account.create({ accountId: A, engine, now: () => clock });
/** The store as comparable JSON (Maps as entry lists, bytes as arrays). */
const storeJson = (a: Account) => JSON.stringify(a.store, (_k, v) => (v instanceof Map ? [...v] : v instanceof Uint8Array ? [...v] : v));

beforeAll(async () => {
  engine = await createEngine();
});

beforeEach(async () => {
  clock = new Date("2026-03-01T12:00:00.000Z");
  account = await fresh();
  await account.createUser({ UserName: "alice", Path: "/eng/", Tags: [{ Key: "team", Value: "core" }] });
  await account.createGroup({ GroupName: "admins" });
  await account.addUserToGroup({ GroupName: "admins", UserName: "alice" });
  await account.putGroupPolicy({ GroupName: "admins", PolicyName: "all", PolicyDocument: ADMIN });
  const { Policy } = await account.createPolicy({ PolicyName: "boundary", PolicyDocument: ADMIN, Tags: [{ Key: "k", Value: "v" }] });
  await account.createPolicyVersion({ PolicyArn: Policy.Arn, PolicyDocument: ADMIN, SetAsDefault: true });
  await account.putUserPermissionsBoundary({ UserName: "alice", PermissionsBoundary: Policy.Arn });
  await account.createRole({ RoleName: "deploy", AssumeRolePolicyDocument: TRUST, Description: "d", MaxSessionDuration: 7200 });
  await account.attachRolePolicy({ RoleName: "deploy", PolicyArn: Policy.Arn });
  await account.createRole({ RoleName: "old", AssumeRolePolicyDocument: TRUST });
  aliceKey = (await account.createAccessKey({ UserName: "alice" })).AccessKey;
  await account.createAccessKey({}, { caller: account.rootArn });
  const { VirtualMFADevice } = await account.createVirtualMFADevice({ VirtualMFADeviceName: "alice-phone" });
  mfa = { serial: VirtualMFADevice.SerialNumber, seed: VirtualMFADevice.Base32StringSeed! };
  await account.enableMFADevice({ UserName: "alice", SerialNumber: mfa.serial, AuthenticationCode1: await code(mfa.seed, -1), AuthenticationCode2: await code(mfa.seed) });
  await account.updateAccountPasswordPolicy({ MinimumPasswordLength: 12, RequireSymbols: true, PasswordReusePrevention: 3 });
  await account.createLoginProfile({ UserName: "alice", Password: "Correct-Horse-9!" });
  await account.createOpenIDConnectProvider({ Url: "https://auth.example.com", ClientIDList: ["sts.amazonaws.com"], Tags: [{ Key: "$odd", Value: "x" }] });
  const key = await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, true, ["sign", "verify"]);
  const jwk = { ...(await crypto.subtle.exportKey("jwk", key.publicKey)), kid: "k1" };
  await account.setOpenIDConnectProviderKeys({ OpenIDConnectProviderArn: `arn:aws:iam::${A}:oidc-provider/auth.example.com`, Jwks: { keys: [jwk] } });
  const assumed = await account.assumeRole({ RoleArn: `arn:aws:iam::${A}:role/deploy`, RoleSessionName: "ci", Policy: ADMIN, Tags: [{ Key: "env", Value: "prod" }] }, { caller: { accessKeyId: aliceKey.AccessKeyId } });
  session = assumed.Credentials;
  await account.assumeRole({ RoleArn: `arn:aws:iam::${A}:role/old`, RoleSessionName: "xy" }, { caller: account.rootArn });
  await account.revokeRoleSessions("old", new Date(clock.getTime() + 1000));
});

describe("snapshot and restore", () => {
  it("copies every field of the store through JSON text", async () => {
    const text = JSON.stringify(snapshotAccount(account));
    const copy = await fresh();
    restoreAccount(copy, JSON.parse(text));
    expect(copy.store).toEqual(account.store);
    expect(storeJson(copy)).toBe(storeJson(account));
    // The pieces GAAD export leaves out are there.
    const alice = copy.store.users.get("alice")!;
    expect(alice.AccessKeys[0].SecretAccessKey).toBe(aliceKey.SecretAccessKey);
    expect(alice.LoginProfile?.Hash).toMatch(/./);
    expect(alice.MFADevices).toHaveLength(1);
    expect(copy.store.mfaDevices.get(mfa.serial)?.Base32StringSeed).toBe(mfa.seed);
    expect(copy.store.rootAccessKeys).toHaveLength(1);
    expect(copy.store.sessionKey).toBeInstanceOf(Uint8Array);
    expect(copy.store.liveSessions.size).toBe(2);
    expect(copy.store.roleSessionCutoffs.has("old")).toBe(true);
    expect(copy.store.oidcProviders.size).toBe(1);
  });

  it("keeps what depends on hidden state working", async () => {
    const copy = await fresh();
    restoreAccount(copy, JSON.parse(JSON.stringify(snapshotAccount(account))));
    // The session token was signed under the account's STS key: the copy verifies it.
    const resolved = await copy.resolveCredentials({ accessKeyId: session.AccessKeyId, sessionToken: session.SessionToken });
    expect(resolved.principal).toBe(`arn:aws:sts::${A}:assumed-role/deploy/ci`);
    expect(resolved.resolved.context["aws:PrincipalTag/env"]).toBe("prod");
    // The revoked role's sessions stay revoked.
    const old = [...copy.store.liveSessions.values()].find((s) => s.roleArn?.endsWith("role/old"))!;
    expect(() => copy.resolvePrincipal(`arn:aws:sts::${A}:assumed-role/old/${old.sessionName}`)).toThrow(IamError);
    // The MFA code used to enable the device stays used (RFC 6238 section 5.2).
    expect(await copy.verifyMfaCode(mfa.serial, await code(mfa.seed), "alice")).toBe(false);
    expect(await copy.verifyMfaCode(mfa.serial, await code(mfa.seed, 1), "alice")).toBe(true);
    expect((await copy.verifyPassword("alice", "Correct-Horse-9!")).valid).toBe(true);
    expect((await copy.verifyPassword("alice", "wrong-Horse-9!")).valid).toBe(false);
    expect(copy.findAccessKey(aliceKey.AccessKeyId)?.arn).toBe(`arn:aws:iam::${A}:user/eng/alice`);
    expect(copy.authorizePrincipal(`arn:aws:iam::${A}:user/eng/alice`, { action: "iam:ListUsers" }).decision).toBe("Allow");
  });

  it("replaces an account's state, and drops what the rows do not have", async () => {
    const empty = await fresh();
    const emptyRows = snapshotRows(empty);
    const target = await fresh();
    restoreRows(target, snapshotRows(account));
    const version = target.version;
    restoreRows(target, emptyRows);
    expect(target.version).toBeGreaterThan(version);
    expect(target.store.users.size).toBe(0);
    expect(target.store.passwordPolicy).toBeUndefined();
    expect(target.findAccessKey(aliceKey.AccessKeyId)).toBeUndefined();
    expect(snapshotRows(target)).toEqual(emptyRows);
  });

  it("gives the same rows for the same state, one row per map entry", () => {
    const rows = snapshotRows(account);
    expect(snapshotRows(account)).toEqual(rows);
    expect(rows.has(rowKey("users", "alice"))).toBe(true);
    expect(rows.has(rowKey("roles", "deploy"))).toBe(true);
    expect(rows.has(rowKey("passwordPolicy"))).toBe(true);
    expect(JSON.parse(rows.get(rowKey("accountId"))!)).toBe(A);
  });

  it("diffs rows to what an operation changed", async () => {
    const before = snapshotRows(account);
    await account.tagUser({ UserName: "alice", Tags: [{ Key: "x", Value: "y" }] });
    await account.deleteRole({ RoleName: "old" }).catch(() => undefined);
    await account.createUser({ UserName: "bob" });
    const { put, remove } = diffRows(before, snapshotRows(account));
    const keys = put.map(([k]) => k);
    expect(keys).toContain(rowKey("users", "alice"));
    expect(keys).toContain(rowKey("users", "bob"));
    expect(keys).not.toContain(rowKey("groups", "admins"));
    expect(remove).toEqual(account.store.roles.has("old") ? [] : [rowKey("roles", "old")]);
    expect(diffRows(before, before)).toEqual({ put: [], remove: [] });
  });

  it("applies a diff to a copy, which then equals the changed account, keeping unchanged entities", async () => {
    const copy = await fresh();
    restoreRows(copy, snapshotRows(account));
    const before = snapshotRows(account);
    const roleBefore = copy.store.roles.get("deploy");
    const aliceBefore = copy.store.users.get("alice");
    await account.deleteUserPolicy({ UserName: "alice", PolicyName: "none" }).catch(() => undefined);
    await account.createUser({ UserName: "carol" });
    await account.removeUserFromGroup({ GroupName: "admins", UserName: "alice" });
    await account.deleteAccountPasswordPolicy();
    await account.deleteRolePolicy({ RoleName: "deploy", PolicyName: "x" }).catch(() => undefined);
    const { put, remove } = diffRows(before, snapshotRows(account));
    expect(remove).toContain(rowKey("passwordPolicy"));
    const version = copy.version;
    applyRowChanges(copy, put, remove);
    expect(copy.version).toBeGreaterThan(version);
    expect(storeJson(copy)).toBe(storeJson(account));
    expect(copy.store.roles.get("deploy")).toBe(roleBefore); // untouched entities stay the same objects
    expect(copy.store.users.get("alice")).not.toBe(aliceBefore); // alice left the group: her row changed
    expect(copy.authorizePrincipal(`arn:aws:iam::${A}:user/eng/alice`, { action: "iam:ListUsers" }).decision).toBe("ImplicitDeny");
    const other = await Account.create({ accountId: "444455556666", engine });
    restoreRows(other, snapshotRows(other));
    expect(() => applyRowChanges(other, [[rowKey("accountId"), JSON.stringify(A)]], [])).toThrow(/another account/);
  });

  it("refuses another account's rows, rows without the STS key, and rows that are not rows", async () => {
    const other = await Account.create({ accountId: "444455556666", engine });
    expect(() => restoreRows(other, snapshotRows(account))).toThrow(/account 111122223333 cannot be restored into account 444455556666/);
    const rows = snapshotRows(account);
    rows.delete(rowKey("sessionKey"));
    const target = await fresh();
    const before = storeJson(target);
    expect(() => restoreRows(target, rows)).toThrow(/session key/);
    expect(() => restoreRows(target, [["users", "{}"]])).toThrow(/row key/);
    expect(() => restoreRows(target, [[rowKey("accountId"), "{"]])).toThrow(/not JSON/);
    expect(() => restoreAccount(target, { format: 9 } as never)).toThrow(/format 9/);
    expect(storeJson(target)).toBe(before);
  });
});

describe("value encoding", () => {
  it("round-trips maps, sets, bytes and keys starting with $", () => {
    const value = { a: new Map([["k", { $x: 1, n: null }]]), s: new Set([1, "2"]), b: new Uint8Array([0, 255, 7]), list: [true, "$"], skip: undefined };
    const back = decodeValue(JSON.parse(JSON.stringify(encodeValue(value))));
    expect(back).toEqual({ a: new Map([["k", { $x: 1, n: null }]]), s: new Set([1, "2"]), b: new Uint8Array([0, 255, 7]), list: [true, "$"] });
  });

  it("refuses what JSON cannot hold, with the path", () => {
    expect(() => encodeValue({ when: new Date(0) })).toThrow(/store\.when is a Date/);
    expect(() => encodeValue({ n: Number.NaN })).toThrow(/store\.n is NaN/);
    expect(() => encodeValue({ f: () => 1 })).toThrow(/store\.f is a function/);
  });
});
