/**
 * Access keys (js/iam/ops/access-keys.ts): CreateAccessKey, UpdateAccessKey, DeleteAccessKey,
 * ListAccessKeys, GetAccessKeyLastUsed, root access keys, findAccessKey/recordAccessKeyUse;
 * quotas, errors, secrets shown once, and failed operations changing nothing.
 * Caller authorization is replaced by a recording stub so these tests check what each
 * operation asks for, not the engine.
 */
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createEngine } from "../../../js/index.ts";
import { Account, IamError } from "../../../js/iam/index.ts";
import { setCallerAuthorizer } from "../../../js/iam/account.ts";
import type { Engine } from "../../../js/engine/engine.ts";
import type { UserEntity } from "../../../js/iam/store.ts";

const ACCOUNT = "111122223333";
let engine: Engine;
let clock: Date;
let account: Account;
let calls: [caller: string, action: string, resource: string][] = [];
const denied = new Set<string>();

beforeAll(async () => {
  engine = await createEngine();
  setCallerAuthorizer(async (_account, caller, action, resource) => {
    calls.push([caller, action, resource]);
    if (denied.has(action)) throw new IamError("AccessDenied", `User: ${caller} is not authorized to perform: ${action} on resource: ${resource}`);
  });
});

beforeEach(async () => {
  clock = new Date("2026-03-01T12:00:00.000Z");
  account = await Account.create({ accountId: ACCOUNT, engine, now: () => clock });
  calls = [];
  denied.clear();
  await addUser("alice");
  await addUser("bob", "/eng/");
});

/** Creates a user with createUser when ops/users.ts provides it, else inserts one. */
async function addUser(name: string, path = "/"): Promise<UserEntity> {
  if (typeof (Account.prototype as { createUser?: unknown }).createUser === "function") {
    await account.createUser({ UserName: name, Path: path });
  } else {
    account.store.users.set(name.toLowerCase(), {
      UserName: name, UserId: `AIDA${name.toUpperCase().padEnd(17, "X")}`, Arn: account.arn(`user${path}${name}`), Path: path,
      CreateDate: account.timestamp(), Tags: [], GroupList: [], AttachedManagedPolicies: [], UserPolicyList: [], AccessKeys: [], MFADevices: [],
    });
  }
  return account.store.users.get(name.toLowerCase())!;
}

/** Everything the store holds (Maps included) and the change counter. */
function snapshot(): string {
  return JSON.stringify({ v: account.version, s: account.store }, (_k, v) => (v instanceof Map ? [...v.entries()] : v));
}

async function expectIamError(p: Promise<unknown>, code: string, message?: RegExp): Promise<IamError> {
  const err = await p.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(IamError);
  expect((err as IamError).code).toBe(code);
  if (message) expect((err as IamError).message).toMatch(message);
  return err as IamError;
}

/** Runs an operation that must fail, and checks it changed nothing. */
async function expectUnchanged(p: () => Promise<unknown>, code: string, message?: RegExp): Promise<IamError> {
  const before = snapshot();
  const err = await expectIamError(p(), code, message);
  expect(snapshot()).toBe(before);
  return err;
}

describe("createAccessKey", () => {
  it("creates an Active AKIA key with a 40-character secret, in AWS's shape", async () => {
    const before = account.version;
    const { AccessKey } = await account.createAccessKey({ UserName: "alice" });
    expect(Object.keys(AccessKey).sort()).toEqual(["AccessKeyId", "CreateDate", "SecretAccessKey", "Status", "UserName"]);
    expect(AccessKey.UserName).toBe("alice");
    expect(AccessKey.AccessKeyId).toMatch(/^AKIA[A-Z2-7]{16}$/);
    expect(AccessKey.AccessKeyId).toHaveLength(20);
    expect(AccessKey.SecretAccessKey).toMatch(/^[A-Za-z0-9+/]{40}$/);
    expect(AccessKey.Status).toBe("Active");
    expect(AccessKey.CreateDate).toBe("2026-03-01T12:00:00Z");
    expect(account.version).toBeGreaterThan(before);
  });

  it("finds the user ignoring case and answers with its stored name", async () => {
    const { AccessKey } = await account.createAccessKey({ UserName: "ALICE" });
    expect(AccessKey.UserName).toBe("alice");
    expect(account.store.users.get("alice")!.AccessKeys).toHaveLength(1);
  });

  it("gives distinct ids and secrets", async () => {
    const a = await account.createAccessKey({ UserName: "alice" });
    const b = await account.createAccessKey({ UserName: "alice" });
    expect(a.AccessKey.AccessKeyId).not.toBe(b.AccessKey.AccessKeyId);
    expect(a.AccessKey.SecretAccessKey).not.toBe(b.AccessKey.SecretAccessKey);
  });

  it("allows at most 2 keys per user (LimitExceeded), counting inactive ones", async () => {
    const k = await account.createAccessKey({ UserName: "alice" });
    await account.updateAccessKey({ UserName: "alice", AccessKeyId: k.AccessKey.AccessKeyId, Status: "Inactive" });
    await account.createAccessKey({ UserName: "alice" });
    await expectUnchanged(() => account.createAccessKey({ UserName: "alice" }), "LimitExceeded", /^Cannot exceed quota for AccessKeysPerUser: 2$/);
    // another user's quota is its own
    await account.createAccessKey({ UserName: "bob" });
  });

  it("fails with NoSuchEntity for an unknown user", async () => {
    await expectUnchanged(() => account.createAccessKey({ UserName: "carol" }), "NoSuchEntity", /carol/);
  });

  it("validates UserName as IAM does", async () => {
    await expectUnchanged(() => account.createAccessKey({ UserName: "bad name" }), "ValidationError", /userName.*regular expression/);
    await expectUnchanged(() => account.createAccessKey({ UserName: "" }), "ValidationError");
    await expectUnchanged(() => account.createAccessKey({ UserName: "a".repeat(129) }), "ValidationError", /length less than or equal to 128/);
    await expectUnchanged(() => account.createAccessKey({ UserName: 7 as unknown as string }), "ValidationError");
  });

  it("without UserName and without a caller is a ValidationError", async () => {
    await expectUnchanged(() => account.createAccessKey({}), "ValidationError", /UserName is required/);
    await expectUnchanged(() => account.createAccessKey(), "ValidationError");
  });

  it("without UserName acts on the calling user", async () => {
    const bob = account.store.users.get("bob")!;
    const { AccessKey } = await account.createAccessKey({}, { caller: bob.Arn });
    expect(AccessKey.UserName).toBe("bob");
    expect(bob.AccessKeys.map((k) => k.AccessKeyId)).toEqual([AccessKey.AccessKeyId]);
    expect(calls).toEqual([[bob.Arn, "iam:CreateAccessKey", `arn:aws:iam::${ACCOUNT}:user/eng/bob`]]);
  });

  it("without UserName refuses role sessions, other accounts and unknown callers", async () => {
    await expectUnchanged(() => account.createAccessKey({}, { caller: `arn:aws:sts::${ACCOUNT}:assumed-role/R/s` }), "ValidationError", /non-User credentials/);
    await expectUnchanged(() => account.createAccessKey({}, { caller: "arn:aws:iam::444455556666:user/alice" }), "ValidationError", /non-User credentials/);
    await expectUnchanged(() => account.createAccessKey({}, { caller: `arn:aws:iam::${ACCOUNT}:user/ghost` }), "NoSuchEntity");
    // a user ARN whose path does not match the stored user's is not that user
    await expectUnchanged(() => account.createAccessKey({}, { caller: `arn:aws:iam::${ACCOUNT}:user/bob` }), "NoSuchEntity");
  });

  it("with the root user as caller and no UserName creates a root access key", async () => {
    const root = `arn:aws:iam::${ACCOUNT}:root`;
    const { AccessKey } = await account.createAccessKey({}, { caller: root });
    expect(AccessKey.UserName).toBeUndefined();
    expect(AccessKey.AccessKeyId).toMatch(/^AKIA[A-Z2-7]{16}$/);
    expect(account.store.rootAccessKeys.map((k) => k.AccessKeyId)).toEqual([AccessKey.AccessKeyId]);
    expect(calls).toEqual([[root, "iam:CreateAccessKey", root]]);
    await account.createAccessKey({}, { caller: root });
    await expectUnchanged(() => account.createAccessKey({}, { caller: root }), "LimitExceeded", /AccessKeysPerUser: 2/);
    const list = await account.listAccessKeys({}, { caller: root });
    expect(list.AccessKeyMetadata).toHaveLength(2);
    expect(list.AccessKeyMetadata[0]).not.toHaveProperty("UserName");
  });

  it("is authorized as iam:CreateAccessKey on the user's ARN, and AccessDenied changes nothing", async () => {
    const caller = account.store.users.get("alice")!.Arn;
    await account.createAccessKey({ UserName: "bob" }, { caller });
    expect(calls).toEqual([[caller, "iam:CreateAccessKey", `arn:aws:iam::${ACCOUNT}:user/eng/bob`]]);
    denied.add("iam:CreateAccessKey");
    await expectUnchanged(() => account.createAccessKey({ UserName: "bob" }, { caller }), "AccessDenied");
    // an unknown user is authorized on user/NAME before NoSuchEntity
    denied.clear();
    calls = [];
    await expectUnchanged(() => account.createAccessKey({ UserName: "carol" }, { caller }), "NoSuchEntity");
    expect(calls).toEqual([[caller, "iam:CreateAccessKey", `arn:aws:iam::${ACCOUNT}:user/carol`]]);
  });
});

describe("updateAccessKey", () => {
  it("sets Inactive and back to Active", async () => {
    const { AccessKey } = await account.createAccessKey({ UserName: "alice" });
    expect(await account.updateAccessKey({ UserName: "alice", AccessKeyId: AccessKey.AccessKeyId, Status: "Inactive" })).toEqual({});
    expect(account.findAccessKey(AccessKey.AccessKeyId)!.key.Status).toBe("Inactive");
    await account.updateAccessKey({ UserName: "alice", AccessKeyId: AccessKey.AccessKeyId, Status: "Active" });
    expect((await account.listAccessKeys({ UserName: "alice" })).AccessKeyMetadata[0].Status).toBe("Active");
  });

  it("validates Status and AccessKeyId", async () => {
    const { AccessKey } = await account.createAccessKey({ UserName: "alice" });
    await expectUnchanged(() => account.updateAccessKey({ UserName: "alice", AccessKeyId: AccessKey.AccessKeyId, Status: "Disabled" as "Active" }), "ValidationError", /enum value set: \[Active, Inactive\]/);
    await expectUnchanged(() => account.updateAccessKey({ UserName: "alice", AccessKeyId: "AKIA", Status: "Inactive" }), "ValidationError", /greater than or equal to 16/);
    await expectUnchanged(() => account.updateAccessKey({ UserName: "alice", AccessKeyId: "AKIA-NOT-A-VALID-KEY", Status: "Inactive" }), "ValidationError", /\[\\w\]\+/);
  });

  it("fails with NoSuchEntity for another user's key or an unknown key", async () => {
    const { AccessKey } = await account.createAccessKey({ UserName: "alice" });
    await expectUnchanged(() => account.updateAccessKey({ UserName: "bob", AccessKeyId: AccessKey.AccessKeyId, Status: "Inactive" }), "NoSuchEntity", /The Access Key with id AKIA\w+ cannot be found/);
    await expectUnchanged(() => account.updateAccessKey({ UserName: "alice", AccessKeyId: "AKIAAAAAAAAAAAAAAAAA", Status: "Inactive" }), "NoSuchEntity");
    await expectUnchanged(() => account.updateAccessKey({ UserName: "carol", AccessKeyId: AccessKey.AccessKeyId, Status: "Inactive" }), "NoSuchEntity", /carol/);
  });

  it("acts on the caller's keys without UserName, authorized as iam:UpdateAccessKey", async () => {
    const alice = account.store.users.get("alice")!;
    const { AccessKey } = await account.createAccessKey({}, { caller: alice.Arn });
    calls = [];
    await account.updateAccessKey({ AccessKeyId: AccessKey.AccessKeyId, Status: "Inactive" }, { caller: alice.Arn });
    expect(calls).toEqual([[alice.Arn, "iam:UpdateAccessKey", alice.Arn]]);
    expect(alice.AccessKeys[0].Status).toBe("Inactive");
    denied.add("iam:UpdateAccessKey");
    await expectUnchanged(() => account.updateAccessKey({ AccessKeyId: AccessKey.AccessKeyId, Status: "Active" }, { caller: alice.Arn }), "AccessDenied");
  });
});

describe("deleteAccessKey", () => {
  it("deletes, frees the quota, and a second delete is NoSuchEntity", async () => {
    const a = await account.createAccessKey({ UserName: "alice" });
    await account.createAccessKey({ UserName: "alice" });
    expect(await account.deleteAccessKey({ UserName: "alice", AccessKeyId: a.AccessKey.AccessKeyId })).toEqual({});
    expect(account.findAccessKey(a.AccessKey.AccessKeyId)).toBeUndefined();
    await account.createAccessKey({ UserName: "alice" });
    await expectUnchanged(() => account.deleteAccessKey({ UserName: "alice", AccessKeyId: a.AccessKey.AccessKeyId }), "NoSuchEntity");
  });

  it("does not delete another user's key", async () => {
    const { AccessKey } = await account.createAccessKey({ UserName: "alice" });
    await expectUnchanged(() => account.deleteAccessKey({ UserName: "bob", AccessKeyId: AccessKey.AccessKeyId }), "NoSuchEntity");
  });

  it("deletes a root key with the root caller", async () => {
    const root = account.rootArn;
    const { AccessKey } = await account.createAccessKey({}, { caller: root });
    denied.add("iam:DeleteAccessKey");
    await expectUnchanged(() => account.deleteAccessKey({ AccessKeyId: AccessKey.AccessKeyId }, { caller: root }), "AccessDenied");
    denied.clear();
    await account.deleteAccessKey({ AccessKeyId: AccessKey.AccessKeyId }, { caller: root });
    expect(account.store.rootAccessKeys).toEqual([]);
  });
});

describe("listAccessKeys", () => {
  it("lists metadata in creation order, never secrets", async () => {
    const a = await account.createAccessKey({ UserName: "alice" });
    clock = new Date("2026-03-02T08:30:00.000Z");
    const b = await account.createAccessKey({ UserName: "alice" });
    const list = await account.listAccessKeys({ UserName: "alice" });
    expect(list).toEqual({
      AccessKeyMetadata: [
        { UserName: "alice", AccessKeyId: a.AccessKey.AccessKeyId, Status: "Active", CreateDate: "2026-03-01T12:00:00Z" },
        { UserName: "alice", AccessKeyId: b.AccessKey.AccessKeyId, Status: "Active", CreateDate: "2026-03-02T08:30:00Z" },
      ],
      IsTruncated: false,
    });
    const text = JSON.stringify(list);
    expect(text).not.toContain(a.AccessKey.SecretAccessKey);
    expect(text).not.toContain(b.AccessKey.SecretAccessKey);
    expect(text).not.toContain("SecretAccessKey");
  });

  it("an empty list for a user without keys; NoSuchEntity for an unknown user", async () => {
    expect(await account.listAccessKeys({ UserName: "bob" })).toEqual({ AccessKeyMetadata: [], IsTruncated: false });
    await expectIamError(account.listAccessKeys({ UserName: "carol" }), "NoSuchEntity");
  });

  it("pages with MaxItems and Marker", async () => {
    const a = await account.createAccessKey({ UserName: "alice" });
    const b = await account.createAccessKey({ UserName: "alice" });
    const p1 = await account.listAccessKeys({ UserName: "alice", MaxItems: 1 });
    expect(p1.AccessKeyMetadata.map((k) => k.AccessKeyId)).toEqual([a.AccessKey.AccessKeyId]);
    expect(p1.IsTruncated).toBe(true);
    const p2 = await account.listAccessKeys({ UserName: "alice", MaxItems: 1, Marker: p1.Marker });
    expect(p2.AccessKeyMetadata.map((k) => k.AccessKeyId)).toEqual([b.AccessKey.AccessKeyId]);
    expect(p2.IsTruncated).toBe(false);
    expect(p2.Marker).toBeUndefined();
    await expectIamError(account.listAccessKeys({ UserName: "alice", MaxItems: 0 }), "ValidationError", /maxItems/);
    await expectIamError(account.listAccessKeys({ UserName: "alice", MaxItems: 1001 }), "ValidationError");
    await expectIamError(account.listAccessKeys({ UserName: "alice", Marker: "bogus" }), "ValidationError", /Marker/);
  });

  it("is authorized as iam:ListAccessKeys on the user", async () => {
    const caller = account.store.users.get("alice")!.Arn;
    await account.listAccessKeys({ UserName: "bob" }, { caller });
    expect(calls).toEqual([[caller, "iam:ListAccessKeys", `arn:aws:iam::${ACCOUNT}:user/eng/bob`]]);
    denied.add("iam:ListAccessKeys");
    await expectIamError(account.listAccessKeys({}, { caller }), "AccessDenied");
  });
});

describe("getAccessKeyLastUsed and recordAccessKeyUse", () => {
  it("answers N/A before first use, then the last use", async () => {
    const { AccessKey } = await account.createAccessKey({ UserName: "alice" });
    expect(await account.getAccessKeyLastUsed({ AccessKeyId: AccessKey.AccessKeyId })).toEqual({
      UserName: "alice", AccessKeyLastUsed: { ServiceName: "N/A", Region: "N/A" },
    });
    const version = account.version;
    clock = new Date("2026-03-05T09:15:42.123Z");
    expect(account.recordAccessKeyUse(AccessKey.AccessKeyId, "s3", "eu-west-1")).toBe(true);
    expect(account.version).toBe(version); // usage is not an entity change: compiled bundles stay valid
    expect(await account.getAccessKeyLastUsed({ AccessKeyId: AccessKey.AccessKeyId })).toEqual({
      UserName: "alice", AccessKeyLastUsed: { LastUsedDate: "2026-03-05T09:15:42Z", ServiceName: "s3", Region: "eu-west-1" },
    });
    clock = new Date("2026-03-06T00:00:00.000Z");
    account.recordAccessKeyUse(AccessKey.AccessKeyId, "sts", "us-east-1");
    expect((await account.getAccessKeyLastUsed({ AccessKeyId: AccessKey.AccessKeyId })).AccessKeyLastUsed).toEqual({
      LastUsedDate: "2026-03-06T00:00:00Z", ServiceName: "sts", Region: "us-east-1",
    });
  });

  it("covers root keys (no UserName) and unknown keys", async () => {
    const { AccessKey } = await account.createAccessKey({}, { caller: account.rootArn });
    expect(await account.getAccessKeyLastUsed({ AccessKeyId: AccessKey.AccessKeyId })).toEqual({ AccessKeyLastUsed: { ServiceName: "N/A", Region: "N/A" } });
    expect(account.recordAccessKeyUse("AKIAAAAAAAAAAAAAAAAA", "s3", "us-east-1")).toBe(false);
    await expectIamError(account.getAccessKeyLastUsed({ AccessKeyId: "AKIAAAAAAAAAAAAAAAAA" }), "NoSuchEntity");
    await expectIamError(account.getAccessKeyLastUsed({ AccessKeyId: "" }), "ValidationError");
  });

  it("is authorized as iam:GetAccessKeyLastUsed on the owner", async () => {
    const { AccessKey } = await account.createAccessKey({ UserName: "bob" });
    const caller = account.store.users.get("alice")!.Arn;
    await account.getAccessKeyLastUsed({ AccessKeyId: AccessKey.AccessKeyId }, { caller });
    expect(calls).toEqual([[caller, "iam:GetAccessKeyLastUsed", `arn:aws:iam::${ACCOUNT}:user/eng/bob`]]);
  });
});

describe("findAccessKey", () => {
  it("returns the owner and the key with its secret, for SigV4", async () => {
    const { AccessKey } = await account.createAccessKey({ UserName: "bob" });
    const found = account.findAccessKey(AccessKey.AccessKeyId)!;
    expect(found.user?.UserName).toBe("bob");
    expect(found.arn).toBe(`arn:aws:iam::${ACCOUNT}:user/eng/bob`);
    expect(found.key.SecretAccessKey).toBe(AccessKey.SecretAccessKey);
    const root = await account.createAccessKey({}, { caller: account.rootArn });
    const r = account.findAccessKey(root.AccessKey.AccessKeyId)!;
    expect(r.user).toBeUndefined();
    expect(r.arn).toBe(account.rootArn);
    expect(account.findAccessKey("AKIAAAAAAAAAAAAAAAAA")).toBeUndefined();
  });
});

describe("secrets are shown once", () => {
  it("appear in no answer after createAccessKey, nor in the GAAD export", async () => {
    const { AccessKey } = await account.createAccessKey({ UserName: "alice" });
    const root = await account.createAccessKey({}, { caller: account.rootArn });
    const answers = [
      await account.listAccessKeys({ UserName: "alice" }),
      await account.getAccessKeyLastUsed({ AccessKeyId: AccessKey.AccessKeyId }),
      await account.listAccessKeys({}, { caller: account.rootArn }),
    ];
    for (const a of answers) {
      expect(JSON.stringify(a)).not.toContain(AccessKey.SecretAccessKey);
      expect(JSON.stringify(a)).not.toContain(root.AccessKey.SecretAccessKey);
    }
    const exported = JSON.stringify(account.toAuthorizationDetails());
    expect(exported).not.toContain(AccessKey.SecretAccessKey);
    expect(exported).not.toContain(root.AccessKey.SecretAccessKey);
    expect(exported).not.toContain("SecretAccessKey");
    // The store itself keeps them (the internal key store), for request signing.
    expect(account.findAccessKey(AccessKey.AccessKeyId)!.key.SecretAccessKey).toBe(AccessKey.SecretAccessKey);
  });
});
