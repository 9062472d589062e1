/**
 * Access keys (js/iam/ops/access-keys.ts): CreateAccessKey, UpdateAccessKey, DeleteAccessKey,
 * ListAccessKeys, GetAccessKeyLastUsed, root access keys, findAccessKey/recordAccessKeyUse;
 * quotas, errors, secrets shown once, and failed operations changing nothing.
 * Caller authorization is replaced by a recording stub so these tests check what each
 * operation asks for, not the engine.
 */
import { describe, expect, it } from "vitest";

import { ACCOUNT, credentialsFixture } from "./credentials-fixture.ts";

const f = credentialsFixture();

describe("createAccessKey", () => {
  it("creates an Active AKIA key with a 40-character secret, in AWS's shape", async () => {
    const before = f.account.version;
    const { AccessKey } = await f.account.createAccessKey({ UserName: "alice" });
    expect(Object.keys(AccessKey).sort()).toEqual(["AccessKeyId", "CreateDate", "SecretAccessKey", "Status", "UserName"]);
    expect(AccessKey.UserName).toBe("alice");
    expect(AccessKey.AccessKeyId).toMatch(/^AKIA[A-Z2-7]{16}$/);
    expect(AccessKey.AccessKeyId).toHaveLength(20);
    expect(AccessKey.SecretAccessKey).toMatch(/^[A-Za-z0-9+/]{40}$/);
    expect(AccessKey.Status).toBe("Active");
    expect(AccessKey.CreateDate).toBe("2026-03-01T12:00:00Z");
    expect(f.account.version).toBeGreaterThan(before);
  });

  it("finds the user ignoring case and answers with its stored name", async () => {
    const { AccessKey } = await f.account.createAccessKey({ UserName: "ALICE" });
    expect(AccessKey.UserName).toBe("alice");
    expect(f.account.store.users.get("alice")!.AccessKeys).toHaveLength(1);
  });

  it("gives distinct ids and secrets", async () => {
    const a = await f.account.createAccessKey({ UserName: "alice" });
    const b = await f.account.createAccessKey({ UserName: "alice" });
    expect(a.AccessKey.AccessKeyId).not.toBe(b.AccessKey.AccessKeyId);
    expect(a.AccessKey.SecretAccessKey).not.toBe(b.AccessKey.SecretAccessKey);
  });

  it("allows at most 2 keys per user (LimitExceeded), counting inactive ones", async () => {
    const k = await f.account.createAccessKey({ UserName: "alice" });
    await f.account.updateAccessKey({ UserName: "alice", AccessKeyId: k.AccessKey.AccessKeyId, Status: "Inactive" });
    await f.account.createAccessKey({ UserName: "alice" });
    await f.expectUnchanged(() => f.account.createAccessKey({ UserName: "alice" }), "LimitExceeded", /^Cannot exceed quota for AccessKeysPerUser: 2$/);
    // another user's quota is its own
    await f.account.createAccessKey({ UserName: "bob" });
  });

  it("fails with NoSuchEntity for an unknown user", async () => {
    await f.expectUnchanged(() => f.account.createAccessKey({ UserName: "carol" }), "NoSuchEntity", /carol/);
  });

  it("validates UserName as IAM does", async () => {
    await f.expectUnchanged(() => f.account.createAccessKey({ UserName: "bad name" }), "ValidationError", /userName.*regular expression/);
    await f.expectUnchanged(() => f.account.createAccessKey({ UserName: "" }), "ValidationError");
    await f.expectUnchanged(() => f.account.createAccessKey({ UserName: "a".repeat(129) }), "ValidationError", /length less than or equal to 128/);
    await f.expectUnchanged(() => f.account.createAccessKey({ UserName: 7 as unknown as string }), "ValidationError");
  });

  it("without UserName and without a caller is a ValidationError", async () => {
    await f.expectUnchanged(() => f.account.createAccessKey({}), "ValidationError", /UserName is required/);
    await f.expectUnchanged(() => f.account.createAccessKey(), "ValidationError");
  });

  it("without UserName acts on the calling user", async () => {
    const bob = f.account.store.users.get("bob")!;
    const { AccessKey } = await f.account.createAccessKey({}, { caller: bob.Arn });
    expect(AccessKey.UserName).toBe("bob");
    expect(bob.AccessKeys.map((k) => k.AccessKeyId)).toEqual([AccessKey.AccessKeyId]);
    expect(f.calls).toEqual([[bob.Arn, "iam:CreateAccessKey", `arn:aws:iam::${ACCOUNT}:user/eng/bob`]]);
  });

  it("without UserName refuses role sessions, other accounts and unknown callers", async () => {
    await f.expectUnchanged(() => f.account.createAccessKey({}, { caller: `arn:aws:sts::${ACCOUNT}:assumed-role/R/s` }), "ValidationError", /non-User credentials/);
    await f.expectUnchanged(() => f.account.createAccessKey({}, { caller: "arn:aws:iam::444455556666:user/alice" }), "ValidationError", /non-User credentials/);
    await f.expectUnchanged(() => f.account.createAccessKey({}, { caller: `arn:aws:iam::${ACCOUNT}:user/ghost` }), "NoSuchEntity");
    // a user ARN whose path does not match the stored user's is not that user
    await f.expectUnchanged(() => f.account.createAccessKey({}, { caller: `arn:aws:iam::${ACCOUNT}:user/bob` }), "NoSuchEntity");
  });

  it("with the root user as caller and no UserName creates a root access key", async () => {
    const root = `arn:aws:iam::${ACCOUNT}:root`;
    const { AccessKey } = await f.account.createAccessKey({}, { caller: root });
    expect(AccessKey.UserName).toBeUndefined();
    expect(AccessKey.AccessKeyId).toMatch(/^AKIA[A-Z2-7]{16}$/);
    expect(f.account.store.rootAccessKeys.map((k) => k.AccessKeyId)).toEqual([AccessKey.AccessKeyId]);
    expect(f.calls).toEqual([[root, "iam:CreateAccessKey", root]]);
    await f.account.createAccessKey({}, { caller: root });
    await f.expectUnchanged(() => f.account.createAccessKey({}, { caller: root }), "LimitExceeded", /AccessKeysPerUser: 2/);
    const list = await f.account.listAccessKeys({}, { caller: root });
    expect(list.AccessKeyMetadata).toHaveLength(2);
    expect(list.AccessKeyMetadata[0]).not.toHaveProperty("UserName");
  });

  it("is authorized as iam:CreateAccessKey on the user's ARN, and AccessDenied changes nothing", async () => {
    const caller = f.account.store.users.get("alice")!.Arn;
    await f.account.createAccessKey({ UserName: "bob" }, { caller });
    expect(f.calls).toEqual([[caller, "iam:CreateAccessKey", `arn:aws:iam::${ACCOUNT}:user/eng/bob`]]);
    f.denied.add("iam:CreateAccessKey");
    await f.expectUnchanged(() => f.account.createAccessKey({ UserName: "bob" }, { caller }), "AccessDenied");
    // an unknown user is authorized on user/NAME before NoSuchEntity
    f.denied.clear();
    f.calls = [];
    await f.expectUnchanged(() => f.account.createAccessKey({ UserName: "carol" }, { caller }), "NoSuchEntity");
    expect(f.calls).toEqual([[caller, "iam:CreateAccessKey", `arn:aws:iam::${ACCOUNT}:user/carol`]]);
  });
});

describe("updateAccessKey", () => {
  it("sets Inactive and back to Active", async () => {
    const { AccessKey } = await f.account.createAccessKey({ UserName: "alice" });
    expect(await f.account.updateAccessKey({ UserName: "alice", AccessKeyId: AccessKey.AccessKeyId, Status: "Inactive" })).toEqual({});
    expect(f.account.findAccessKey(AccessKey.AccessKeyId)!.key.Status).toBe("Inactive");
    await f.account.updateAccessKey({ UserName: "alice", AccessKeyId: AccessKey.AccessKeyId, Status: "Active" });
    expect((await f.account.listAccessKeys({ UserName: "alice" })).AccessKeyMetadata[0].Status).toBe("Active");
  });

  it("validates Status and AccessKeyId", async () => {
    const { AccessKey } = await f.account.createAccessKey({ UserName: "alice" });
    await f.expectUnchanged(() => f.account.updateAccessKey({ UserName: "alice", AccessKeyId: AccessKey.AccessKeyId, Status: "Disabled" as "Active" }), "ValidationError", /enum value set: \[Active, Inactive\]/);
    await f.expectUnchanged(() => f.account.updateAccessKey({ UserName: "alice", AccessKeyId: "AKIA", Status: "Inactive" }), "ValidationError", /greater than or equal to 16/);
    await f.expectUnchanged(() => f.account.updateAccessKey({ UserName: "alice", AccessKeyId: "AKIA-NOT-A-VALID-KEY", Status: "Inactive" }), "ValidationError", /\[\\w\]\+/);
  });

  it("fails with NoSuchEntity for another user's key or an unknown key", async () => {
    const { AccessKey } = await f.account.createAccessKey({ UserName: "alice" });
    await f.expectUnchanged(() => f.account.updateAccessKey({ UserName: "bob", AccessKeyId: AccessKey.AccessKeyId, Status: "Inactive" }), "NoSuchEntity", /The Access Key with id AKIA\w+ cannot be found/);
    await f.expectUnchanged(() => f.account.updateAccessKey({ UserName: "alice", AccessKeyId: "AKIAAAAAAAAAAAAAAAAA", Status: "Inactive" }), "NoSuchEntity");
    await f.expectUnchanged(() => f.account.updateAccessKey({ UserName: "carol", AccessKeyId: AccessKey.AccessKeyId, Status: "Inactive" }), "NoSuchEntity", /carol/);
  });

  it("acts on the caller's keys without UserName, authorized as iam:UpdateAccessKey", async () => {
    const alice = f.account.store.users.get("alice")!;
    const { AccessKey } = await f.account.createAccessKey({}, { caller: alice.Arn });
    f.calls = [];
    await f.account.updateAccessKey({ AccessKeyId: AccessKey.AccessKeyId, Status: "Inactive" }, { caller: alice.Arn });
    expect(f.calls).toEqual([[alice.Arn, "iam:UpdateAccessKey", alice.Arn]]);
    expect(alice.AccessKeys[0].Status).toBe("Inactive");
    f.denied.add("iam:UpdateAccessKey");
    await f.expectUnchanged(() => f.account.updateAccessKey({ AccessKeyId: AccessKey.AccessKeyId, Status: "Active" }, { caller: alice.Arn }), "AccessDenied");
  });
});

describe("deleteAccessKey", () => {
  it("deletes, frees the quota, and a second delete is NoSuchEntity", async () => {
    const a = await f.account.createAccessKey({ UserName: "alice" });
    await f.account.createAccessKey({ UserName: "alice" });
    expect(await f.account.deleteAccessKey({ UserName: "alice", AccessKeyId: a.AccessKey.AccessKeyId })).toEqual({});
    expect(f.account.findAccessKey(a.AccessKey.AccessKeyId)).toBeUndefined();
    await f.account.createAccessKey({ UserName: "alice" });
    await f.expectUnchanged(() => f.account.deleteAccessKey({ UserName: "alice", AccessKeyId: a.AccessKey.AccessKeyId }), "NoSuchEntity");
  });

  it("does not delete another user's key", async () => {
    const { AccessKey } = await f.account.createAccessKey({ UserName: "alice" });
    await f.expectUnchanged(() => f.account.deleteAccessKey({ UserName: "bob", AccessKeyId: AccessKey.AccessKeyId }), "NoSuchEntity");
  });

  it("deletes a root key with the root caller", async () => {
    const root = f.account.rootArn;
    const { AccessKey } = await f.account.createAccessKey({}, { caller: root });
    f.denied.add("iam:DeleteAccessKey");
    await f.expectUnchanged(() => f.account.deleteAccessKey({ AccessKeyId: AccessKey.AccessKeyId }, { caller: root }), "AccessDenied");
    f.denied.clear();
    await f.account.deleteAccessKey({ AccessKeyId: AccessKey.AccessKeyId }, { caller: root });
    expect(f.account.store.rootAccessKeys).toEqual([]);
  });
});

describe("listAccessKeys", () => {
  it("lists metadata in creation order, never secrets", async () => {
    const a = await f.account.createAccessKey({ UserName: "alice" });
    f.clock = new Date("2026-03-02T08:30:00.000Z");
    const b = await f.account.createAccessKey({ UserName: "alice" });
    const list = await f.account.listAccessKeys({ UserName: "alice" });
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
    expect(await f.account.listAccessKeys({ UserName: "bob" })).toEqual({ AccessKeyMetadata: [], IsTruncated: false });
    await f.expectIamError(f.account.listAccessKeys({ UserName: "carol" }), "NoSuchEntity");
  });

  it("pages with MaxItems and Marker", async () => {
    const a = await f.account.createAccessKey({ UserName: "alice" });
    const b = await f.account.createAccessKey({ UserName: "alice" });
    const p1 = await f.account.listAccessKeys({ UserName: "alice", MaxItems: 1 });
    expect(p1.AccessKeyMetadata.map((k) => k.AccessKeyId)).toEqual([a.AccessKey.AccessKeyId]);
    expect(p1.IsTruncated).toBe(true);
    const p2 = await f.account.listAccessKeys({ UserName: "alice", MaxItems: 1, Marker: p1.Marker });
    expect(p2.AccessKeyMetadata.map((k) => k.AccessKeyId)).toEqual([b.AccessKey.AccessKeyId]);
    expect(p2.IsTruncated).toBe(false);
    expect(p2.Marker).toBeUndefined();
    await f.expectIamError(f.account.listAccessKeys({ UserName: "alice", MaxItems: 0 }), "ValidationError", /maxItems/);
    await f.expectIamError(f.account.listAccessKeys({ UserName: "alice", MaxItems: 1001 }), "ValidationError");
    await f.expectIamError(f.account.listAccessKeys({ UserName: "alice", Marker: "bogus" }), "ValidationError", /Marker/);
  });

  it("is authorized as iam:ListAccessKeys on the user", async () => {
    const caller = f.account.store.users.get("alice")!.Arn;
    await f.account.listAccessKeys({ UserName: "bob" }, { caller });
    expect(f.calls).toEqual([[caller, "iam:ListAccessKeys", `arn:aws:iam::${ACCOUNT}:user/eng/bob`]]);
    f.denied.add("iam:ListAccessKeys");
    await f.expectIamError(f.account.listAccessKeys({}, { caller }), "AccessDenied");
  });
});

describe("getAccessKeyLastUsed and recordAccessKeyUse", () => {
  it("answers N/A before first use, then the last use", async () => {
    const { AccessKey } = await f.account.createAccessKey({ UserName: "alice" });
    expect(await f.account.getAccessKeyLastUsed({ AccessKeyId: AccessKey.AccessKeyId })).toEqual({
      UserName: "alice", AccessKeyLastUsed: { ServiceName: "N/A", Region: "N/A" },
    });
    const version = f.account.version;
    f.clock = new Date("2026-03-05T09:15:42.123Z");
    expect(f.account.recordAccessKeyUse(AccessKey.AccessKeyId, "s3", "eu-west-1")).toBe(true);
    expect(f.account.version).toBe(version); // usage is not an entity change: compiled bundles stay valid
    expect(await f.account.getAccessKeyLastUsed({ AccessKeyId: AccessKey.AccessKeyId })).toEqual({
      UserName: "alice", AccessKeyLastUsed: { LastUsedDate: "2026-03-05T09:15:42Z", ServiceName: "s3", Region: "eu-west-1" },
    });
    f.clock = new Date("2026-03-06T00:00:00.000Z");
    f.account.recordAccessKeyUse(AccessKey.AccessKeyId, "sts", "us-east-1");
    expect((await f.account.getAccessKeyLastUsed({ AccessKeyId: AccessKey.AccessKeyId })).AccessKeyLastUsed).toEqual({
      LastUsedDate: "2026-03-06T00:00:00Z", ServiceName: "sts", Region: "us-east-1",
    });
  });

  it("covers root keys (no UserName) and unknown keys", async () => {
    const { AccessKey } = await f.account.createAccessKey({}, { caller: f.account.rootArn });
    expect(await f.account.getAccessKeyLastUsed({ AccessKeyId: AccessKey.AccessKeyId })).toEqual({ AccessKeyLastUsed: { ServiceName: "N/A", Region: "N/A" } });
    expect(f.account.recordAccessKeyUse("AKIAAAAAAAAAAAAAAAAA", "s3", "us-east-1")).toBe(false);
    await f.expectIamError(f.account.getAccessKeyLastUsed({ AccessKeyId: "AKIAAAAAAAAAAAAAAAAA" }), "NoSuchEntity");
    await f.expectIamError(f.account.getAccessKeyLastUsed({ AccessKeyId: "" }), "ValidationError");
  });

  it("is authorized as iam:GetAccessKeyLastUsed on the owner", async () => {
    const { AccessKey } = await f.account.createAccessKey({ UserName: "bob" });
    const caller = f.account.store.users.get("alice")!.Arn;
    await f.account.getAccessKeyLastUsed({ AccessKeyId: AccessKey.AccessKeyId }, { caller });
    expect(f.calls).toEqual([[caller, "iam:GetAccessKeyLastUsed", `arn:aws:iam::${ACCOUNT}:user/eng/bob`]]);
  });
});

describe("findAccessKey", () => {
  it("returns the owner and the key with its secret, for SigV4", async () => {
    const { AccessKey } = await f.account.createAccessKey({ UserName: "bob" });
    const found = f.account.findAccessKey(AccessKey.AccessKeyId)!;
    expect(found.user?.UserName).toBe("bob");
    expect(found.arn).toBe(`arn:aws:iam::${ACCOUNT}:user/eng/bob`);
    expect(found.key.SecretAccessKey).toBe(AccessKey.SecretAccessKey);
    const root = await f.account.createAccessKey({}, { caller: f.account.rootArn });
    const r = f.account.findAccessKey(root.AccessKey.AccessKeyId)!;
    expect(r.user).toBeUndefined();
    expect(r.arn).toBe(f.account.rootArn);
    expect(f.account.findAccessKey("AKIAAAAAAAAAAAAAAAAA")).toBeUndefined();
  });
});

describe("secrets are shown once", () => {
  it("appear in no answer after createAccessKey, nor in the GAAD export", async () => {
    const { AccessKey } = await f.account.createAccessKey({ UserName: "alice" });
    const root = await f.account.createAccessKey({}, { caller: f.account.rootArn });
    const answers = [
      await f.account.listAccessKeys({ UserName: "alice" }),
      await f.account.getAccessKeyLastUsed({ AccessKeyId: AccessKey.AccessKeyId }),
      await f.account.listAccessKeys({}, { caller: f.account.rootArn }),
    ];
    for (const a of answers) {
      expect(JSON.stringify(a)).not.toContain(AccessKey.SecretAccessKey);
      expect(JSON.stringify(a)).not.toContain(root.AccessKey.SecretAccessKey);
    }
    const exported = JSON.stringify(f.account.toAuthorizationDetails());
    expect(exported).not.toContain(AccessKey.SecretAccessKey);
    expect(exported).not.toContain(root.AccessKey.SecretAccessKey);
    expect(exported).not.toContain("SecretAccessKey");
    // The store itself keeps them (the internal key store), for request signing.
    expect(f.account.findAccessKey(AccessKey.AccessKeyId)!.key.SecretAccessKey).toBe(AccessKey.SecretAccessKey);
  });
});
