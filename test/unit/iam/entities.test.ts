/**
 * IAM users, groups and roles (js/iam/ops/users.ts, groups.ts, roles.ts): each operation's happy
 * path in AWS's response shape, every quota and error code, failed operations leaving the
 * account unchanged, names unique ignoring case, pagination, and caller authorization.
 */
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createEngine, type Engine } from "../../../js/index.ts";
import { Account, IamError } from "../../../js/index.ts";
import { expectRejection } from "./expect-rejection.ts";

const ACCOUNT = "111122223333";
const NOW = new Date("2026-09-01T12:00:00.000Z");
const TRUST = {
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }],
};
const S3_READ = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "*" }] };

let engine: Engine;
let account: Account;

beforeAll(async () => {
  engine = await createEngine();
});
beforeEach(async () => {
  account = await Account.create({ accountId: ACCOUNT, engine, now: () => NOW });
});

/** Expects the call to reject with this IAM error code and to change nothing. */
const rejects = (call: () => Promise<unknown>, code: string, message?: RegExp | string): Promise<IamError> =>
  expectRejection(account, call, code, message);

describe("users", () => {
  it("createUser returns the User shape with an AIDA id, the ARN with its path and IAM's date format", async () => {
    const { User } = await account.createUser({ UserName: "alice", Path: "/dev/", Tags: [{ Key: "team", Value: "red" }] });
    expect(User).toEqual({
      Path: "/dev/", UserName: "alice", UserId: expect.stringMatching(/^AIDA[A-Z2-7]{17}$/),
      Arn: "arn:aws:iam::111122223333:user/dev/alice", CreateDate: "2026-09-01T12:00:00Z",
      Tags: [{ Key: "team", Value: "red" }],
    });
    expect(account.version).toBe(1);
  });

  it("createUser without tags or path: path `/`, no Tags field", async () => {
    const { User } = await account.createUser({ UserName: "bob" });
    expect(User.Path).toBe("/");
    expect(User.Arn).toBe("arn:aws:iam::111122223333:user/bob");
    expect("Tags" in User).toBe(false);
    expect("PermissionsBoundary" in User).toBe(false);
  });

  it("names are unique ignoring case: EntityAlreadyExists", async () => {
    await account.createUser({ UserName: "alice" });
    await rejects(() => account.createUser({ UserName: "ALICE" }), "EntityAlreadyExists", "User with name ALICE already exists.");
  });

  it("lookups ignore case and return the stored name", async () => {
    await account.createUser({ UserName: "Alice" });
    expect((await account.getUser({ UserName: "alice" })).User.UserName).toBe("Alice");
  });

  it("validates names, paths and tags (ValidationError, InvalidInput, LimitExceeded)", async () => {
    await rejects(() => account.createUser({ UserName: "" }), "ValidationError");
    await rejects(() => account.createUser({ UserName: "a".repeat(65) }), "ValidationError", /64/);
    await rejects(() => account.createUser({ UserName: "bad name" }), "ValidationError", /regular expression/);
    await rejects(() => account.createUser({ UserName: "ok", Path: "dev" }), "ValidationError");
    await rejects(() => account.createUser({ UserName: "ok", Tags: [{ Key: "aws:x", Value: "" }] }), "InvalidInput");
    const tags = Array.from({ length: 51 }, (_, i) => ({ Key: `k${i}`, Value: "v" }));
    await rejects(() => account.createUser({ UserName: "ok", Tags: tags }), "LimitExceeded");
    await rejects(() => account.createUser(undefined as never), "ValidationError");
  });

  it("getUser returns tags and boundary; unknown user is NoSuchEntity", async () => {
    const { Policy } = await account.createPolicy({ PolicyName: "Boundary", PolicyDocument: S3_READ });
    await account.createUser({ UserName: "alice", PermissionsBoundary: Policy.Arn, Tags: [{ Key: "a", Value: "1" }] });
    const { User } = await account.getUser({ UserName: "alice" });
    expect(User.PermissionsBoundary).toEqual({ PermissionsBoundaryType: "Policy", PermissionsBoundaryArn: Policy.Arn });
    expect(User.Tags).toEqual([{ Key: "a", Value: "1" }]);
    await rejects(() => account.getUser({ UserName: "nobody" }), "NoSuchEntity", "The user with name nobody cannot be found.");
  });

  it("createUser with an unknown or malformed boundary fails and creates nothing", async () => {
    await rejects(() => account.createUser({ UserName: "a", PermissionsBoundary: `arn:aws:iam::${ACCOUNT}:policy/Nope` }), "NoSuchEntity", /Scope ARN/);
    await rejects(() => account.createUser({ UserName: "a", PermissionsBoundary: "not-an-arn" }), "InvalidInput");
  });

  it("listUsers filters by PathPrefix, leaves out tags and paginates with IsTruncated/Marker", async () => {
    for (const n of ["carol", "alice", "bob", "dave"]) await account.createUser({ UserName: n, Path: n === "dave" ? "/ops/" : "/", Tags: [{ Key: "k", Value: "v" }] });
    const all = await account.listUsers();
    expect(all.Users.map((u) => u.UserName)).toEqual(["alice", "bob", "carol", "dave"]);
    expect(all.IsTruncated).toBe(false);
    expect("Marker" in all).toBe(false);
    expect(all.Users.every((u) => !("Tags" in u))).toBe(true);
    expect((await account.listUsers({ PathPrefix: "/ops/" })).Users.map((u) => u.UserName)).toEqual(["dave"]);
    const p1 = await account.listUsers({ MaxItems: 3 });
    expect(p1.Users.map((u) => u.UserName)).toEqual(["alice", "bob", "carol"]);
    expect(p1.IsTruncated).toBe(true);
    const p2 = await account.listUsers({ MaxItems: 3, Marker: p1.Marker });
    expect(p2.Users.map((u) => u.UserName)).toEqual(["dave"]);
    expect(p2.IsTruncated).toBe(false);
    await rejects(() => account.listUsers({ MaxItems: 0 }), "ValidationError");
    await rejects(() => account.listUsers({ MaxItems: 1001 }), "ValidationError");
    await rejects(() => account.listUsers({ Marker: "%%%" }), "ValidationError");
    await rejects(() => account.listUsers({ PathPrefix: "ops" }), "ValidationError");
  });

  it("updateUser renames (ARN follows, group membership kept) and moves paths", async () => {
    await account.createGroup({ GroupName: "devs" });
    await account.createUser({ UserName: "alice" });
    await account.addUserToGroup({ GroupName: "devs", UserName: "alice" });
    await account.updateUser({ UserName: "alice", NewUserName: "alicia", NewPath: "/eng/" });
    await rejects(() => account.getUser({ UserName: "alice" }), "NoSuchEntity");
    const { User } = await account.getUser({ UserName: "alicia" });
    expect(User.Arn).toBe("arn:aws:iam::111122223333:user/eng/alicia");
    expect(User.Path).toBe("/eng/");
    expect((await account.getGroup({ GroupName: "devs" })).Users.map((u) => u.UserName)).toEqual(["alicia"]);
    expect((await account.listGroupsForUser({ UserName: "alicia" })).Groups.map((g) => g.GroupName)).toEqual(["devs"]);
  });

  it("updateUser may change only the case of a name; a taken name is EntityAlreadyExists", async () => {
    await account.createUser({ UserName: "alice" });
    await account.createUser({ UserName: "bob" });
    await account.updateUser({ UserName: "alice", NewUserName: "Alice" });
    expect((await account.getUser({ UserName: "alice" })).User.UserName).toBe("Alice");
    await rejects(() => account.updateUser({ UserName: "bob", NewUserName: "ALICE" }), "EntityAlreadyExists");
    await rejects(() => account.updateUser({ UserName: "zed", NewUserName: "zed2" }), "NoSuchEntity");
  });

  it("deleteUser: DeleteConflict while the user has groups, inline or attached policies, keys, MFA or a login profile", async () => {
    await account.createUser({ UserName: "alice" });
    await account.createGroup({ GroupName: "devs" });
    await account.addUserToGroup({ GroupName: "devs", UserName: "alice" });
    await rejects(() => account.deleteUser({ UserName: "alice" }), "DeleteConflict", /groups/);
    await account.removeUserFromGroup({ GroupName: "devs", UserName: "alice" });
    await account.putUserPolicy({ UserName: "alice", PolicyName: "p", PolicyDocument: S3_READ });
    await rejects(() => account.deleteUser({ UserName: "alice" }), "DeleteConflict", /delete policies/);
    await account.deleteUserPolicy({ UserName: "alice", PolicyName: "p" });
    await account.attachUserPolicy({ UserName: "alice", PolicyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess" });
    await rejects(() => account.deleteUser({ UserName: "alice" }), "DeleteConflict", /detach all policies/);
    await account.detachUserPolicy({ UserName: "alice", PolicyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess" });
    // Keys, MFA devices and login profiles belong to other operation families; set them directly.
    const user = account.store.users.get("alice")!;
    user.AccessKeys.push({ AccessKeyId: "AKIAEXAMPLE", SecretAccessKey: "x", Status: "Active", CreateDate: "2026-01-01T00:00:00Z" });
    await rejects(() => account.deleteUser({ UserName: "alice" }), "DeleteConflict", /access keys/);
    user.AccessKeys = [];
    user.MFADevices.push({ SerialNumber: `arn:aws:iam::${ACCOUNT}:mfa/alice`, EnableDate: "2026-01-01T00:00:00Z" });
    await rejects(() => account.deleteUser({ UserName: "alice" }), "DeleteConflict", /MFA/);
    user.MFADevices = [];
    user.LoginProfile = { CreateDate: "x", PasswordResetRequired: false, Salt: "", Hash: "", Iterations: 1, History: [], PasswordLastChanged: "x" };
    await rejects(() => account.deleteUser({ UserName: "alice" }), "DeleteConflict", /login profile/);
    delete user.LoginProfile;
    await account.deleteUser({ UserName: "alice" });
    await rejects(() => account.getUser({ UserName: "alice" }), "NoSuchEntity");
    await rejects(() => account.deleteUser({ UserName: "alice" }), "NoSuchEntity");
  });

  it("tagUser merges (keys ignore case), untagUser removes, listUserTags paginates", async () => {
    await account.createUser({ UserName: "alice", Tags: [{ Key: "Team", Value: "red" }] });
    expect(await account.tagUser({ UserName: "alice", Tags: [{ Key: "team", Value: "blue" }, { Key: "cost", Value: "1" }] })).toEqual({});
    const tags = await account.listUserTags({ UserName: "alice" });
    expect(tags).toEqual({ Tags: [{ Key: "cost", Value: "1" }, { Key: "team", Value: "blue" }], IsTruncated: false });
    const page = await account.listUserTags({ UserName: "alice", MaxItems: 1 });
    expect(page.Tags).toEqual([{ Key: "cost", Value: "1" }]);
    expect(page.IsTruncated).toBe(true);
    expect((await account.listUserTags({ UserName: "alice", Marker: page.Marker })).Tags).toEqual([{ Key: "team", Value: "blue" }]);
    await account.untagUser({ UserName: "alice", TagKeys: ["TEAM"] });
    expect((await account.getUser({ UserName: "alice" })).User.Tags).toEqual([{ Key: "cost", Value: "1" }]);
    const many = Array.from({ length: 50 }, (_, i) => ({ Key: `k${i}`, Value: "v" }));
    await rejects(() => account.tagUser({ UserName: "alice", Tags: many }), "LimitExceeded");
    await rejects(() => account.tagUser({ UserName: "nobody", Tags: [] }), "NoSuchEntity");
    await rejects(() => account.untagUser({ UserName: "alice", TagKeys: "x" as never }), "ValidationError");
  });

  it("put/deleteUserPermissionsBoundary with customer and AWS-managed policies", async () => {
    await account.createUser({ UserName: "alice" });
    await account.putUserPermissionsBoundary({ UserName: "alice", PermissionsBoundary: "arn:aws:iam::aws:policy/PowerUserAccess" });
    expect((await account.getUser({ UserName: "alice" })).User.PermissionsBoundary?.PermissionsBoundaryArn).toBe("arn:aws:iam::aws:policy/PowerUserAccess");
    expect((await account.getPolicy({ PolicyArn: "arn:aws:iam::aws:policy/PowerUserAccess" })).Policy.PermissionsBoundaryUsageCount).toBe(1);
    await rejects(() => account.putUserPermissionsBoundary({ UserName: "alice", PermissionsBoundary: `arn:aws:iam::${ACCOUNT}:policy/Missing` }), "NoSuchEntity");
    await rejects(() => account.putUserPermissionsBoundary({ UserName: "bob", PermissionsBoundary: "arn:aws:iam::aws:policy/PowerUserAccess" }), "NoSuchEntity");
    await account.deleteUserPermissionsBoundary({ UserName: "alice" });
    expect("PermissionsBoundary" in (await account.getUser({ UserName: "alice" })).User).toBe(false);
  });
});

describe("groups", () => {
  it("createGroup returns the Group shape; names unique ignoring case", async () => {
    const { Group } = await account.createGroup({ GroupName: "Developers", Path: "/eng/" });
    expect(Group).toEqual({
      Path: "/eng/", GroupName: "Developers", GroupId: expect.stringMatching(/^AGPA[A-Z2-7]{17}$/),
      Arn: "arn:aws:iam::111122223333:group/eng/Developers", CreateDate: "2026-09-01T12:00:00Z",
    });
    await rejects(() => account.createGroup({ GroupName: "developers" }), "EntityAlreadyExists");
    await rejects(() => account.createGroup({ GroupName: "g".repeat(129) }), "ValidationError");
    await account.createGroup({ GroupName: "g".repeat(128) });
  });

  it("getGroup lists members (paginated); listGroups filters by path", async () => {
    await account.createGroup({ GroupName: "devs" });
    await account.createGroup({ GroupName: "ops", Path: "/ops/" });
    for (const n of ["u1", "u2", "u3"]) {
      await account.createUser({ UserName: n });
      await account.addUserToGroup({ GroupName: "devs", UserName: n });
    }
    const g = await account.getGroup({ GroupName: "DEVS", MaxItems: 2 });
    expect(g.Group.GroupName).toBe("devs");
    expect(g.Users.map((u) => u.UserName)).toEqual(["u1", "u2"]);
    expect(g.IsTruncated).toBe(true);
    expect((await account.getGroup({ GroupName: "devs", Marker: g.Marker })).Users.map((u) => u.UserName)).toEqual(["u3"]);
    expect((await account.listGroups()).Groups.map((x) => x.GroupName)).toEqual(["devs", "ops"]);
    expect((await account.listGroups({ PathPrefix: "/ops" })).Groups.map((x) => x.GroupName)).toEqual(["ops"]);
    await rejects(() => account.getGroup({ GroupName: "nope" }), "NoSuchEntity", "The group with name nope cannot be found.");
  });

  it("addUserToGroup: at most 10 groups per user (LimitExceeded); adding twice changes nothing", async () => {
    await account.createUser({ UserName: "alice" });
    for (let i = 0; i < 11; i++) await account.createGroup({ GroupName: `g${i}` });
    for (let i = 0; i < 10; i++) await account.addUserToGroup({ GroupName: `g${i}`, UserName: "alice" });
    const v = account.version;
    await account.addUserToGroup({ GroupName: "G0", UserName: "alice" });
    expect(account.version).toBe(v);
    await rejects(() => account.addUserToGroup({ GroupName: "g10", UserName: "alice" }), "LimitExceeded", "Cannot exceed quota for GroupsPerUser: 10");
    await rejects(() => account.addUserToGroup({ GroupName: "g0", UserName: "bob" }), "NoSuchEntity");
    await rejects(() => account.addUserToGroup({ GroupName: "zz", UserName: "alice" }), "NoSuchEntity");
    expect((await account.listGroupsForUser({ UserName: "alice" })).Groups).toHaveLength(10);
  });

  it("removeUserFromGroup: NoSuchEntity when not a member", async () => {
    await account.createUser({ UserName: "alice" });
    await account.createGroup({ GroupName: "devs" });
    await rejects(() => account.removeUserFromGroup({ GroupName: "devs", UserName: "alice" }), "NoSuchEntity");
  });

  it("updateGroup renames: members follow, ARN changes; taken names refused", async () => {
    await account.createUser({ UserName: "alice" });
    await account.createGroup({ GroupName: "devs" });
    await account.createGroup({ GroupName: "ops" });
    await account.addUserToGroup({ GroupName: "devs", UserName: "alice" });
    await account.updateGroup({ GroupName: "devs", NewGroupName: "engineers", NewPath: "/eng/" });
    const g = await account.getGroup({ GroupName: "engineers" });
    expect(g.Group.Arn).toBe("arn:aws:iam::111122223333:group/eng/engineers");
    expect(g.Users.map((u) => u.UserName)).toEqual(["alice"]);
    expect(account.store.users.get("alice")!.GroupList).toEqual(["engineers"]);
    await rejects(() => account.updateGroup({ GroupName: "engineers", NewGroupName: "OPS" }), "EntityAlreadyExists");
  });

  it("deleteGroup: DeleteConflict with members, inline or attached policies", async () => {
    await account.createUser({ UserName: "alice" });
    await account.createGroup({ GroupName: "devs" });
    await account.addUserToGroup({ GroupName: "devs", UserName: "alice" });
    await rejects(() => account.deleteGroup({ GroupName: "devs" }), "DeleteConflict", /remove users/);
    await account.removeUserFromGroup({ GroupName: "devs", UserName: "alice" });
    await account.putGroupPolicy({ GroupName: "devs", PolicyName: "p", PolicyDocument: S3_READ });
    await rejects(() => account.deleteGroup({ GroupName: "devs" }), "DeleteConflict", /delete policies/);
    await account.deleteGroupPolicy({ GroupName: "devs", PolicyName: "p" });
    await account.attachGroupPolicy({ GroupName: "devs", PolicyArn: "arn:aws:iam::aws:policy/IAMReadOnlyAccess" });
    await rejects(() => account.deleteGroup({ GroupName: "devs" }), "DeleteConflict", /detach/);
    await account.detachGroupPolicy({ GroupName: "devs", PolicyArn: "arn:aws:iam::aws:policy/IAMReadOnlyAccess" });
    expect(await account.deleteGroup({ GroupName: "devs" })).toEqual({});
    expect((await account.listGroups()).Groups).toEqual([]);
  });
});

describe("roles", () => {
  it("createRole returns the Role shape: AROA id, URL-encoded trust policy, MaxSessionDuration 3600 by default", async () => {
    const { Role } = await account.createRole({ RoleName: "app", Path: "/svc/", AssumeRolePolicyDocument: JSON.stringify(TRUST), Description: "the app" });
    expect(Role).toEqual({
      Path: "/svc/", RoleName: "app", RoleId: expect.stringMatching(/^AROA[A-Z2-7]{17}$/),
      Arn: "arn:aws:iam::111122223333:role/svc/app", CreateDate: "2026-09-01T12:00:00Z",
      AssumeRolePolicyDocument: expect.any(String), Description: "the app", MaxSessionDuration: 3600,
    });
    expect(JSON.parse(decodeURIComponent(Role.AssumeRolePolicyDocument))).toEqual(TRUST);
    expect(account.store.roles.get("app")!.AssumeRolePolicyDocument).toBe(JSON.stringify(TRUST));
  });

  it("accepts the trust policy as an object, JSON text or URL-encoded text", async () => {
    await account.createRole({ RoleName: "a", AssumeRolePolicyDocument: TRUST });
    await account.createRole({ RoleName: "b", AssumeRolePolicyDocument: encodeURIComponent(JSON.stringify(TRUST)) });
    expect(account.store.roles.get("b")!.AssumeRolePolicyDocument).toBe(JSON.stringify(TRUST));
  });

  it("a bad trust policy is MalformedPolicyDocument with the engine's diagnostics; nothing is created", async () => {
    const bad = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "*" }] };
    const e = await rejects(() => account.createRole({ RoleName: "r", AssumeRolePolicyDocument: bad }), "MalformedPolicyDocument");
    expect(e.diagnostics?.map((d) => d.code)).toEqual(expect.arrayContaining(["RESOURCE_NOT_ALLOWED", "MISSING_PRINCIPAL"]));
    await rejects(() => account.createRole({ RoleName: "r", AssumeRolePolicyDocument: "{not json" }), "MalformedPolicyDocument");
    await rejects(() => account.createRole({ RoleName: "r" } as never), "ValidationError");
  });

  it("trust policies may keep Version 2008-10-17, as AWS's own older service roles do", async () => {
    await account.createRole({ RoleName: "old", AssumeRolePolicyDocument: { ...TRUST, Version: "2008-10-17" } });
    expect(account.store.roles.get("old")!.AssumeRolePolicyDocument).toContain("2008-10-17");
  });

  it("trust policy over 2,048 characters without whitespace is LimitExceeded", async () => {
    const principals = Array.from({ length: 60 }, (_, i) => `arn:aws:iam::${String(100000000000 + i)}:root`);
    const big = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: principals }, Action: "sts:AssumeRole" }] };
    await rejects(() => account.createRole({ RoleName: "r", AssumeRolePolicyDocument: big }), "LimitExceeded", "Cannot exceed quota for ACLSizePerRole: 2048");
  });

  it("MaxSessionDuration 3600-43200; Description at most 1,000 characters; names unique ignoring case", async () => {
    await rejects(() => account.createRole({ RoleName: "r", AssumeRolePolicyDocument: TRUST, MaxSessionDuration: 3599 }), "ValidationError");
    await rejects(() => account.createRole({ RoleName: "r", AssumeRolePolicyDocument: TRUST, MaxSessionDuration: 43201 }), "ValidationError");
    await rejects(() => account.createRole({ RoleName: "r", AssumeRolePolicyDocument: TRUST, Description: "x".repeat(1001) }), "ValidationError");
    const { Role } = await account.createRole({ RoleName: "r", AssumeRolePolicyDocument: TRUST, MaxSessionDuration: 43200, Description: "x".repeat(1000) });
    expect(Role.MaxSessionDuration).toBe(43200);
    await rejects(() => account.createRole({ RoleName: "R", AssumeRolePolicyDocument: TRUST }), "EntityAlreadyExists", "Role with name R already exists.");
    await rejects(() => account.createRole({ RoleName: "r".repeat(65), AssumeRolePolicyDocument: TRUST }), "ValidationError");
  });

  it("getRole returns tags, boundary and RoleLastUsed; listRoles leaves them out", async () => {
    await account.createRole({ RoleName: "app", AssumeRolePolicyDocument: TRUST, Tags: [{ Key: "env", Value: "prod" }], PermissionsBoundary: "arn:aws:iam::aws:policy/PowerUserAccess" });
    const { Role } = await account.getRole({ RoleName: "APP" });
    expect(Role.Tags).toEqual([{ Key: "env", Value: "prod" }]);
    expect(Role.PermissionsBoundary).toEqual({ PermissionsBoundaryType: "Policy", PermissionsBoundaryArn: "arn:aws:iam::aws:policy/PowerUserAccess" });
    expect(Role.RoleLastUsed).toEqual({});
    const { Roles, IsTruncated } = await account.listRoles();
    expect(IsTruncated).toBe(false);
    expect(Roles).toHaveLength(1);
    expect(Roles[0]).not.toHaveProperty("Tags");
    expect(Roles[0]).not.toHaveProperty("PermissionsBoundary");
    await rejects(() => account.getRole({ RoleName: "nope" }), "NoSuchEntity", "The role with name nope cannot be found.");
  });

  it("updateRole, updateRoleDescription and updateAssumeRolePolicy", async () => {
    await account.createRole({ RoleName: "app", AssumeRolePolicyDocument: TRUST });
    expect(await account.updateRole({ RoleName: "app", Description: "d", MaxSessionDuration: 7200 })).toEqual({});
    let { Role } = await account.getRole({ RoleName: "app" });
    expect([Role.Description, Role.MaxSessionDuration]).toEqual(["d", 7200]);
    await rejects(() => account.updateRole({ RoleName: "app", MaxSessionDuration: 100 }), "ValidationError");
    expect((await account.updateRoleDescription({ RoleName: "app", Description: "e" })).Role.Description).toBe("e");
    const lambda = { Version: "2012-10-17", Statement: { Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" } };
    expect(await account.updateAssumeRolePolicy({ RoleName: "app", PolicyDocument: lambda })).toEqual({});
    ({ Role } = await account.getRole({ RoleName: "app" }));
    expect(JSON.parse(decodeURIComponent(Role.AssumeRolePolicyDocument))).toEqual(lambda);
    await rejects(() => account.updateAssumeRolePolicy({ RoleName: "app", PolicyDocument: S3_READ }), "MalformedPolicyDocument");
    await rejects(() => account.updateAssumeRolePolicy({ RoleName: "nope", PolicyDocument: lambda }), "NoSuchEntity");
  });

  it("deleteRole: DeleteConflict with inline or attached policies", async () => {
    await account.createRole({ RoleName: "app", AssumeRolePolicyDocument: TRUST });
    await account.putRolePolicy({ RoleName: "app", PolicyName: "p", PolicyDocument: S3_READ });
    await rejects(() => account.deleteRole({ RoleName: "app" }), "DeleteConflict", /delete policies/);
    await account.deleteRolePolicy({ RoleName: "app", PolicyName: "p" });
    await account.attachRolePolicy({ RoleName: "app", PolicyArn: "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess" });
    await rejects(() => account.deleteRole({ RoleName: "app" }), "DeleteConflict", /detach/);
    await account.detachRolePolicy({ RoleName: "app", PolicyArn: "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess" });
    // Instance profiles come only from GAAD import; set one directly.
    const role = account.store.roles.get("app")!;
    role.InstanceProfileList = [{ Path: "/", InstanceProfileName: "app", InstanceProfileId: "AIPAEXAMPLE", Arn: `arn:aws:iam::${ACCOUNT}:instance-profile/app`, CreateDate: "x" }];
    await rejects(() => account.deleteRole({ RoleName: "app" }), "DeleteConflict", /instance profile/);
    role.InstanceProfileList = [];
    expect(await account.deleteRole({ RoleName: "app" })).toEqual({});
    await rejects(() => account.deleteRole({ RoleName: "app" }), "NoSuchEntity");
  });

  it("tagRole, untagRole, listRoleTags; put/deleteRolePermissionsBoundary", async () => {
    await account.createRole({ RoleName: "app", AssumeRolePolicyDocument: TRUST });
    await account.tagRole({ RoleName: "app", Tags: [{ Key: "b", Value: "2" }, { Key: "a", Value: "1" }] });
    expect((await account.listRoleTags({ RoleName: "app" })).Tags).toEqual([{ Key: "a", Value: "1" }, { Key: "b", Value: "2" }]);
    await account.untagRole({ RoleName: "app", TagKeys: ["a"] });
    expect((await account.listRoleTags({ RoleName: "app" })).Tags).toEqual([{ Key: "b", Value: "2" }]);
    await account.putRolePermissionsBoundary({ RoleName: "app", PermissionsBoundary: "arn:aws:iam::aws:policy/ReadOnlyAccess" });
    expect((await account.getRole({ RoleName: "app" })).Role.PermissionsBoundary?.PermissionsBoundaryArn).toBe("arn:aws:iam::aws:policy/ReadOnlyAccess");
    await rejects(() => account.putRolePermissionsBoundary({ RoleName: "app", PermissionsBoundary: "arn:aws:iam::aws:policy/NoSuchThing" }), "NoSuchEntity");
    await account.deleteRolePermissionsBoundary({ RoleName: "app" });
    expect((await account.getRole({ RoleName: "app" })).Role).not.toHaveProperty("PermissionsBoundary");
  });
});

describe("caller authorization", () => {
  it("a caller without permission gets AccessDenied and nothing changes", async () => {
    await account.createUser({ UserName: "bob" });
    const caller = `arn:aws:iam::${ACCOUNT}:user/bob`;
    await rejects(() => account.createUser({ UserName: "eve" }, { caller }), "AccessDenied", /iam:CreateUser/);
    // Existence is not leaked before the check: an unknown user is AccessDenied too.
    await rejects(() => account.getUser({ UserName: "nobody" }, { caller }), "AccessDenied");
    await rejects(() => account.deleteRole({ RoleName: "nope" }, { caller }), "AccessDenied");
  });

  it("the root user may do everything; a user is limited to what its policies allow, on the entity's ARN", async () => {
    await account.createUser({ UserName: "root-ok" }, { caller: account.rootArn });
    await account.createUser({ UserName: "admin" });
    await account.putUserPolicy({
      UserName: "admin", PolicyName: "devs-only",
      PolicyDocument: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "iam:CreateUser", Resource: `arn:aws:iam::${ACCOUNT}:user/dev/*` }] },
    });
    const caller = `arn:aws:iam::${ACCOUNT}:user/admin`;
    await account.createUser({ UserName: "carol", Path: "/dev/" }, { caller });
    await rejects(() => account.createUser({ UserName: "dan" }, { caller }), "AccessDenied");
  });

  it("List{Users,Groups,Roles} are decided on the family's ARN up to the path prefix, as AWS's denials name it", async () => {
    await account.createUser({ UserName: "lister" });
    const caller = `arn:aws:iam::${ACCOUNT}:user/lister`;
    // AWS: "... is not authorized to perform: iam:ListUsers on resource: arn:aws:iam::ACCOUNT:user/ ..."
    const denied = await rejects(() => account.listUsers({}, { caller }), "AccessDenied");
    expect(denied.message).toBe(`User: ${caller} is not authorized to perform: iam:ListUsers on resource: arn:aws:iam::${ACCOUNT}:user/ because no identity-based policy allows the iam:ListUsers action`);
    await rejects(() => account.listRoles({}, { caller }), "AccessDenied", `User: ${caller} is not authorized to perform: iam:ListRoles on resource: arn:aws:iam::${ACCOUNT}:role/ because no identity-based policy allows the iam:ListRoles action`);
    await account.putUserPolicy({
      UserName: "lister", PolicyName: "dev-users",
      PolicyDocument: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["iam:ListUsers", "iam:ListGroups"], Resource: [`arn:aws:iam::${ACCOUNT}:user/dev/*`, `arn:aws:iam::${ACCOUNT}:group/*`] }] },
    });
    await account.createUser({ UserName: "carol", Path: "/dev/" });
    expect((await account.listUsers({ PathPrefix: "/dev/" }, { caller })).Users.map((u) => u.UserName)).toEqual(["carol"]);
    await rejects(() => account.listUsers({}, { caller }), "AccessDenied", /on resource: arn:aws:iam::111122223333:user\/ because/);
    expect((await account.listGroups({}, { caller })).Groups).toEqual([]);
    await rejects(() => account.listVirtualMFADevices({}, { caller }), "AccessDenied", `on resource: arn:aws:iam::${ACCOUNT}:mfa/ because`);
    // ListPolicies is decided on `*`; AWS's denial names "policy path /".
    await rejects(() => account.listPolicies({ PathPrefix: "/team/" }, { caller }), "AccessDenied", `User: ${caller} is not authorized to perform: iam:ListPolicies on resource: policy path /team/ because no identity-based policy allows the iam:ListPolicies action`);
  });

  it("attach is authorized with iam:PolicyARN in the context", async () => {
    await account.createUser({ UserName: "admin" });
    await account.createUser({ UserName: "target" });
    await account.putUserPolicy({
      UserName: "admin", PolicyName: "p",
      PolicyDocument: {
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Action: "iam:AttachUserPolicy", Resource: "*", Condition: { ArnEquals: { "iam:PolicyARN": "arn:aws:iam::aws:policy/ReadOnlyAccess" } } }],
      },
    });
    const caller = `arn:aws:iam::${ACCOUNT}:user/admin`;
    await account.attachUserPolicy({ UserName: "target", PolicyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess" }, { caller });
    await rejects(() => account.attachUserPolicy({ UserName: "target", PolicyArn: "arn:aws:iam::aws:policy/AdministratorAccess" }, { caller }), "AccessDenied");
  });
});
