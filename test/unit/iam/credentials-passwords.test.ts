/**
 * Login profiles and the account password policy (js/iam/ops/login-profiles.ts,
 * js/iam/ops/password-policy.ts, js/iam/password.ts): CreateLoginProfile, UpdateLoginProfile,
 * GetLoginProfile, DeleteLoginProfile, ChangePassword, verifyPassword,
 * Update/Get/DeleteAccountPasswordPolicy; PBKDF2 storage, policy rules, reuse prevention,
 * expiry, errors, and failed operations changing nothing.
 */
import { beforeEach, describe, expect, it } from "vitest";
import type { UserEntity } from "../../../js/iam/store.ts";
import { PASSWORD_SYMBOLS, PBKDF2_ITERATIONS, constantTimeEqual, hashPassword, passwordPolicyViolation, verifyPasswordHash } from "../../../js/iam/password.ts";

import { ACCOUNT, credentialsFixture } from "./credentials-fixture.ts";

const f = credentialsFixture();

const GOOD = "Correct-Horse-9";
const later = (days: number) => { f.clock = new Date(f.clock.getTime() + days * 86_400_000); };

describe("password hashing (password.ts)", () => {
  it("stores PBKDF2-SHA256 with a 16-byte random salt and 100,000 iterations", async () => {
    const a = await hashPassword(GOOD);
    const b = await hashPassword(GOOD);
    expect(a.Iterations).toBe(PBKDF2_ITERATIONS);
    expect(PBKDF2_ITERATIONS).toBe(100_000);
    expect(atob(a.Salt)).toHaveLength(16);
    expect(atob(a.Hash)).toHaveLength(32);
    expect(a.Salt).not.toBe(b.Salt);
    expect(a.Hash).not.toBe(b.Hash);
    expect(await verifyPasswordHash(GOOD, a)).toBe(true);
    expect(await verifyPasswordHash(GOOD + "x", a)).toBe(false);
    expect(await verifyPasswordHash(GOOD, await hashPassword(GOOD, 1000))).toBe(true); // the stored count is used
  });

  it("matches an independent PBKDF2 computation (RFC 8018 with the stored salt)", async () => {
    const h = await hashPassword("pässword", 2);
    const salt = Uint8Array.from(atob(h.Salt), (c) => c.charCodeAt(0));
    const key = await crypto.subtle.importKey("raw", new TextEncoder().encode("pässword"), "PBKDF2", false, ["deriveBits"]);
    const bits = new Uint8Array(await crypto.subtle.deriveBits({ name: "PBKDF2", hash: "SHA-256", salt, iterations: 2 }, key, 256));
    expect(btoa(String.fromCharCode(...bits))).toBe(h.Hash);
  });

  it("constantTimeEqual compares whole arrays", () => {
    expect(constantTimeEqual(new Uint8Array([1, 2, 3]), new Uint8Array([1, 2, 3]))).toBe(true);
    expect(constantTimeEqual(new Uint8Array([1, 2, 3]), new Uint8Array([1, 2, 4]))).toBe(false);
    expect(constantTimeEqual(new Uint8Array([1, 2, 3]), new Uint8Array([1, 2]))).toBe(false);
  });
});

describe("password policy rules (password.ts)", () => {
  const policy = { MinimumPasswordLength: 6, RequireSymbols: false, RequireNumbers: false, RequireUppercaseCharacters: false, RequireLowercaseCharacters: false, AllowUsersToChangePassword: false, ExpirePasswords: false };
  it("without a policy, applies AWS's default: 8 characters and three character classes", () => {
    expect(passwordPolicyViolation("Abcdef1", undefined)).toMatch(/at least 8 characters/);
    expect(passwordPolicyViolation("abcdefgh1", undefined)).toMatch(/three of/);
    expect(passwordPolicyViolation("ABCDEFGH!", undefined)).toMatch(/three of/);
    expect(passwordPolicyViolation("Abcdefg1", undefined)).toBeUndefined();
    expect(passwordPolicyViolation("abcdefg1!", undefined)).toBeUndefined();
  });
  it("names the rule a password breaks", () => {
    expect(passwordPolicyViolation("Ab1!x", { ...policy })).toMatch(/\(MinimumPasswordLength\)/);
    expect(passwordPolicyViolation("abcdef", { ...policy, RequireUppercaseCharacters: true })).toMatch(/\(RequireUppercaseCharacters\)/);
    expect(passwordPolicyViolation("ABCDEF", { ...policy, RequireLowercaseCharacters: true })).toMatch(/\(RequireLowercaseCharacters\)/);
    expect(passwordPolicyViolation("abcdef", { ...policy, RequireNumbers: true })).toMatch(/\(RequireNumbers\)/);
    expect(passwordPolicyViolation("abcdef", { ...policy, RequireSymbols: true })).toMatch(/\(RequireSymbols\)/);
    expect(passwordPolicyViolation("abcdef", { ...policy })).toBeUndefined();
  });
  it("counts exactly IAM's symbols: ! @ # $ % ^ & * ( ) _ + - = [ ] { } | '", () => {
    expect(PASSWORD_SYMBOLS).toBe("!@#$%^&*()_+-=[]{}|'");
    const strict = { ...policy, RequireSymbols: true };
    for (const s of PASSWORD_SYMBOLS) expect(passwordPolicyViolation(`abcdef${s}`, strict)).toBeUndefined();
    for (const s of ["~", "\"", ";", "<", ">", ",", ".", "?", "/", "\\", "`", ":", " ", "é"]) expect(passwordPolicyViolation(`abcdef${s}`, strict)).toMatch(/RequireSymbols/);
  });
});

describe("updateAccountPasswordPolicy / getAccountPasswordPolicy / deleteAccountPasswordPolicy", () => {
  it("getAccountPasswordPolicy is NoSuchEntity when there is none, as AWS answers", async () => {
    await f.expectIamError(f.account.getAccountPasswordPolicy(), "NoSuchEntity", /^The Password Policy with domain name 111122223333 cannot be found\.$/);
  });

  it("an empty update sets the defaults", async () => {
    expect(await f.account.updateAccountPasswordPolicy({})).toEqual({});
    expect(await f.account.getAccountPasswordPolicy()).toEqual({
      PasswordPolicy: {
        MinimumPasswordLength: 6, RequireSymbols: false, RequireNumbers: false, RequireUppercaseCharacters: false,
        RequireLowercaseCharacters: false, AllowUsersToChangePassword: false, ExpirePasswords: false, HardExpiry: false,
      },
    });
  });

  it("stores every field, reports ExpirePasswords from MaxPasswordAge, and omitted fields revert", async () => {
    await f.account.updateAccountPasswordPolicy({
      MinimumPasswordLength: 14, RequireSymbols: true, RequireNumbers: true, RequireUppercaseCharacters: true, RequireLowercaseCharacters: true,
      AllowUsersToChangePassword: true, MaxPasswordAge: 90, PasswordReusePrevention: 24, HardExpiry: true,
    });
    expect((await f.account.getAccountPasswordPolicy()).PasswordPolicy).toEqual({
      MinimumPasswordLength: 14, RequireSymbols: true, RequireNumbers: true, RequireUppercaseCharacters: true, RequireLowercaseCharacters: true,
      AllowUsersToChangePassword: true, ExpirePasswords: true, MaxPasswordAge: 90, PasswordReusePrevention: 24, HardExpiry: true,
    });
    await f.account.updateAccountPasswordPolicy({ RequireNumbers: true });
    expect((await f.account.getAccountPasswordPolicy()).PasswordPolicy).toEqual({
      MinimumPasswordLength: 6, RequireSymbols: false, RequireNumbers: true, RequireUppercaseCharacters: false, RequireLowercaseCharacters: false,
      AllowUsersToChangePassword: false, ExpirePasswords: false, HardExpiry: false,
    });
  });

  it("accepts the limits and refuses values outside them, changing nothing", async () => {
    await f.account.updateAccountPasswordPolicy({ MinimumPasswordLength: 128, MaxPasswordAge: 1095, PasswordReusePrevention: 1 });
    await f.account.updateAccountPasswordPolicy({ MinimumPasswordLength: 6, MaxPasswordAge: 1, PasswordReusePrevention: 24 });
    const bad: [Record<string, unknown>, RegExp][] = [
      [{ MinimumPasswordLength: 5 }, /minimumPasswordLength.*greater than or equal to 6/],
      [{ MinimumPasswordLength: 129 }, /minimumPasswordLength.*less than or equal to 128/],
      [{ MinimumPasswordLength: 8.5 }, /integer/],
      [{ MinimumPasswordLength: "8" }, /integer/],
      [{ MaxPasswordAge: 0 }, /maxPasswordAge.*greater than or equal to 1/],
      [{ MaxPasswordAge: 1096 }, /maxPasswordAge.*less than or equal to 1095/],
      [{ PasswordReusePrevention: 0 }, /passwordReusePrevention/],
      [{ PasswordReusePrevention: 25 }, /passwordReusePrevention.*24/],
      [{ RequireSymbols: "yes" }, /requireSymbols.*boolean/],
      [{ HardExpiry: 1 }, /hardExpiry/],
    ];
    for (const [input, message] of bad) await f.expectUnchanged(() => f.account.updateAccountPasswordPolicy(input as never), "ValidationError", message);
  });

  it("delete removes it; a second delete is NoSuchEntity", async () => {
    await f.account.updateAccountPasswordPolicy({ MinimumPasswordLength: 10 });
    expect(await f.account.deleteAccountPasswordPolicy()).toEqual({});
    await f.expectIamError(f.account.getAccountPasswordPolicy(), "NoSuchEntity");
    await f.expectUnchanged(() => f.account.deleteAccountPasswordPolicy(), "NoSuchEntity");
  });

  it("is authorized as iam:*AccountPasswordPolicy on *", async () => {
    const caller = f.account.store.users.get("alice")!.Arn;
    await f.account.updateAccountPasswordPolicy({}, { caller });
    await f.account.getAccountPasswordPolicy({}, { caller });
    await f.account.deleteAccountPasswordPolicy({}, { caller });
    expect(f.calls).toEqual([
      [caller, "iam:UpdateAccountPasswordPolicy", "*"], [caller, "iam:GetAccountPasswordPolicy", "*"], [caller, "iam:DeleteAccountPasswordPolicy", "*"],
    ]);
    f.denied.add("iam:UpdateAccountPasswordPolicy");
    await f.expectUnchanged(() => f.account.updateAccountPasswordPolicy({ MinimumPasswordLength: 20 }, { caller }), "AccessDenied");
  });
});

describe("createLoginProfile", () => {
  it("creates a profile, answers without the password, and stores only a hash", async () => {
    const before = f.account.version;
    const out = await f.account.createLoginProfile({ UserName: "alice", Password: GOOD, PasswordResetRequired: true });
    expect(out).toEqual({ LoginProfile: { UserName: "alice", CreateDate: "2026-03-01T12:00:00Z", PasswordResetRequired: true } });
    expect(f.account.version).toBeGreaterThan(before);
    const p = f.account.store.users.get("alice")!.LoginProfile!;
    expect(Object.keys(p).sort()).toEqual(["CreateDate", "Hash", "History", "Iterations", "PasswordLastChanged", "PasswordResetRequired", "Salt"]);
    expect(p.Iterations).toBe(100_000);
    expect(f.snapshot()).not.toContain(GOOD);
    expect((await f.account.createLoginProfile({ UserName: "BOB", Password: GOOD })).LoginProfile).toEqual({ UserName: "bob", CreateDate: "2026-03-01T12:00:00Z", PasswordResetRequired: false });
    expect(f.account.store.users.get("bob")!.LoginProfile!.Hash).not.toBe(p.Hash); // salted
  });

  it("fails with EntityAlreadyExists, NoSuchEntity and ValidationError as IAM does, changing nothing", async () => {
    await f.account.createLoginProfile({ UserName: "alice", Password: GOOD });
    await f.expectUnchanged(() => f.account.createLoginProfile({ UserName: "alice", Password: "Other-Pass-1" }), "EntityAlreadyExists", /Login Profile for user alice already exists/);
    await f.expectUnchanged(() => f.account.createLoginProfile({ UserName: "carol", Password: GOOD }), "NoSuchEntity", /carol/);
    await f.expectUnchanged(() => f.account.createLoginProfile({ UserName: "bob", Password: "" }), "ValidationError", /password.*null/);
    await f.expectUnchanged(() => f.account.createLoginProfile({ UserName: "bob", Password: "A1-" + "x".repeat(126) }), "ValidationError", /128/);
    const err = await f.expectUnchanged(() => f.account.createLoginProfile({ UserName: "bob", Password: "Secret-Ā-99" }), "ValidationError", /regular expression/);
    expect(err.message).not.toContain("Secret"); // a password is never echoed
    await f.expectUnchanged(() => f.account.createLoginProfile({ UserName: "bob", Password: GOOD, PasswordResetRequired: "yes" as unknown as boolean }), "ValidationError", /passwordResetRequired/);
    await f.expectUnchanged(() => f.account.createLoginProfile({ Password: GOOD }), "ValidationError");
  });

  it("enforces the default policy without an f.account policy, and the f.account policy with one", async () => {
    await f.expectUnchanged(() => f.account.createLoginProfile({ UserName: "alice", Password: "short1A" }), "PasswordPolicyViolation", /8 characters/);
    await f.account.updateAccountPasswordPolicy({ MinimumPasswordLength: 12, RequireSymbols: true });
    const err = await f.expectUnchanged(() => f.account.createLoginProfile({ UserName: "alice", Password: "Abcdefghijk1" }), "PasswordPolicyViolation", /RequireSymbols/);
    expect(err.status).toBe(400);
    await f.expectUnchanged(() => f.account.createLoginProfile({ UserName: "alice", Password: "Abc-1" }), "PasswordPolicyViolation", /MinimumPasswordLength/);
    await f.account.createLoginProfile({ UserName: "alice", Password: "abcdefghijk!" });
  });

  it("acts on the calling user without UserName; authorized as iam:CreateLoginProfile", async () => {
    const bob = f.account.store.users.get("bob")!;
    f.denied.add("iam:CreateLoginProfile");
    await f.expectUnchanged(() => f.account.createLoginProfile({ Password: GOOD }, { caller: bob.Arn }), "AccessDenied");
    expect(f.calls).toEqual([[bob.Arn, "iam:CreateLoginProfile", bob.Arn]]);
    f.denied.clear();
    expect((await f.account.createLoginProfile({ Password: GOOD }, { caller: bob.Arn })).LoginProfile.UserName).toBe("bob");
    await f.expectUnchanged(() => f.account.createLoginProfile({ Password: GOOD }, { caller: f.account.rootArn }), "ValidationError");
  });
});

describe("verifyPassword (sign-in)", () => {
  it("checks the password, records PasswordLastUsed, and does not bump the version", async () => {
    await f.account.createLoginProfile({ UserName: "alice", Password: GOOD });
    const version = f.account.version;
    f.clock = new Date("2026-03-02T10:00:00.000Z");
    expect(await f.account.verifyPassword("alice", "wrong")).toEqual({ valid: false, expired: false, mustChange: false, locked: false });
    expect(f.account.store.users.get("alice")!.PasswordLastUsed).toBeUndefined();
    expect(await f.account.verifyPassword("Alice", GOOD)).toEqual({ valid: true, expired: false, mustChange: false, locked: false });
    expect(f.account.store.users.get("alice")!.PasswordLastUsed).toBe("2026-03-02T10:00:00Z");
    expect(f.account.version).toBe(version);
    expect((await f.account.verifyPassword("bob", GOOD)).valid).toBe(false); // no login profile
    expect((await f.account.verifyPassword("carol", GOOD)).valid).toBe(false); // no user
  });

  it("reports PasswordResetRequired as mustChange", async () => {
    await f.account.createLoginProfile({ UserName: "alice", Password: GOOD, PasswordResetRequired: true });
    expect(await f.account.verifyPassword("alice", GOOD)).toMatchObject({ valid: true, mustChange: true });
  });
});

describe("updateLoginProfile", () => {
  it("resets the password and the flag", async () => {
    await f.account.createLoginProfile({ UserName: "alice", Password: GOOD });
    f.clock = new Date("2026-03-03T00:00:00.000Z");
    expect(await f.account.updateLoginProfile({ UserName: "alice", Password: "New-Horse-77", PasswordResetRequired: true })).toEqual({});
    expect((await f.account.verifyPassword("alice", GOOD)).valid).toBe(false);
    expect(await f.account.verifyPassword("alice", "New-Horse-77")).toMatchObject({ valid: true, mustChange: true });
    const p = f.account.store.users.get("alice")!.LoginProfile!;
    expect(p.PasswordLastChanged).toBe("2026-03-03T00:00:00Z");
    expect(p.CreateDate).toBe("2026-03-01T12:00:00Z");
    await f.account.updateLoginProfile({ UserName: "alice", PasswordResetRequired: false });
    expect((await f.account.getLoginProfile({ UserName: "alice" })).LoginProfile.PasswordResetRequired).toBe(false);
  });

  it("enforces the policy and reuse prevention against the stored history", async () => {
    await f.account.createLoginProfile({ UserName: "alice", Password: "Pass-One-1" });
    await f.account.updateAccountPasswordPolicy({ PasswordReusePrevention: 2, RequireNumbers: true });
    await f.expectUnchanged(() => f.account.updateLoginProfile({ UserName: "alice", Password: "Pass-One-1" }), "PasswordPolicyViolation", /last 2 passwords \(PasswordReusePrevention\)/);
    await f.account.updateLoginProfile({ UserName: "alice", Password: "Pass-Two-2" });
    await f.expectUnchanged(() => f.account.updateLoginProfile({ UserName: "alice", Password: "Pass-One-1" }), "PasswordPolicyViolation", /PasswordReusePrevention/);
    await f.expectUnchanged(() => f.account.updateLoginProfile({ UserName: "alice", Password: "Pass-Two-2" }), "PasswordPolicyViolation", /PasswordReusePrevention/);
    await f.expectUnchanged(() => f.account.updateLoginProfile({ UserName: "alice", Password: "Pass-Three" }), "PasswordPolicyViolation", /RequireNumbers/);
    await f.account.updateLoginProfile({ UserName: "alice", Password: "Pass-Three-3" });
    // "Pass-One-1" is now the third most recent: allowed again with PasswordReusePrevention 2
    await f.account.updateLoginProfile({ UserName: "alice", Password: "Pass-One-1" });
    expect((await f.account.verifyPassword("alice", "Pass-One-1")).valid).toBe(true);
    expect(f.account.store.users.get("alice")!.LoginProfile!.History).toHaveLength(3);
  });

  it("fails with NoSuchEntity for a user without a profile, or no user", async () => {
    await f.expectUnchanged(() => f.account.updateLoginProfile({ UserName: "bob", Password: GOOD }), "NoSuchEntity", /Login Profile for User bob cannot be found/);
    await f.expectUnchanged(() => f.account.updateLoginProfile({ UserName: "carol", Password: GOOD }), "NoSuchEntity", /carol/);
    await f.expectUnchanged(() => f.account.updateLoginProfile({ UserName: "", Password: GOOD }), "ValidationError");
  });

  it("is authorized as iam:UpdateLoginProfile on the user", async () => {
    await f.account.createLoginProfile({ UserName: "bob", Password: GOOD });
    const caller = f.account.store.users.get("alice")!.Arn;
    f.denied.add("iam:UpdateLoginProfile");
    await f.expectUnchanged(() => f.account.updateLoginProfile({ UserName: "bob", Password: "New-Horse-77" }, { caller }), "AccessDenied");
    expect(f.calls).toEqual([[caller, "iam:UpdateLoginProfile", `arn:aws:iam::${ACCOUNT}:user/eng/bob`]]);
  });
});

describe("getLoginProfile and deleteLoginProfile", () => {
  it("get never returns the password; delete removes the profile", async () => {
    await f.account.createLoginProfile({ UserName: "alice", Password: GOOD, PasswordResetRequired: true });
    const got = await f.account.getLoginProfile({ UserName: "alice" });
    expect(got).toEqual({ LoginProfile: { UserName: "alice", CreateDate: "2026-03-01T12:00:00Z", PasswordResetRequired: true } });
    expect(JSON.stringify(got)).not.toMatch(/Hash|Salt|Password"|Correct/);
    expect(await f.account.deleteLoginProfile({ UserName: "alice" })).toEqual({});
    expect(f.account.store.users.get("alice")!.LoginProfile).toBeUndefined();
    expect((await f.account.verifyPassword("alice", GOOD)).valid).toBe(false);
    await f.expectIamError(f.account.getLoginProfile({ UserName: "alice" }), "NoSuchEntity", /Login Profile for User alice cannot be found/);
    await f.expectUnchanged(() => f.account.deleteLoginProfile({ UserName: "alice" }), "NoSuchEntity");
    await f.expectUnchanged(() => f.account.deleteLoginProfile({ UserName: "carol" }), "NoSuchEntity");
  });

  it("act on the calling user without UserName, authorized on it", async () => {
    const bob = f.account.store.users.get("bob")!;
    await f.account.createLoginProfile({ UserName: "bob", Password: GOOD });
    expect((await f.account.getLoginProfile({}, { caller: bob.Arn })).LoginProfile.UserName).toBe("bob");
    f.denied.add("iam:DeleteLoginProfile");
    await f.expectUnchanged(() => f.account.deleteLoginProfile({}, { caller: bob.Arn }), "AccessDenied");
    expect(f.calls).toEqual([[bob.Arn, "iam:GetLoginProfile", bob.Arn], [bob.Arn, "iam:DeleteLoginProfile", bob.Arn]]);
    await f.expectIamError(f.account.getLoginProfile(), "ValidationError");
  });
});

describe("changePassword", () => {
  let alice: UserEntity;
  beforeEach(async () => {
    alice = f.account.store.users.get("alice")!;
    await f.account.createLoginProfile({ UserName: "alice", Password: GOOD, PasswordResetRequired: true });
  });

  it("changes the caller's password when OldPassword verifies, and clears PasswordResetRequired", async () => {
    f.clock = new Date("2026-03-04T00:00:00.000Z");
    expect(await f.account.changePassword({ OldPassword: GOOD, NewPassword: "Brand-New-42" }, { caller: alice.Arn })).toEqual({});
    expect(f.calls).toEqual([[alice.Arn, "iam:ChangePassword", alice.Arn]]);
    expect(await f.account.verifyPassword("alice", "Brand-New-42")).toMatchObject({ valid: true, mustChange: false });
    expect((await f.account.verifyPassword("alice", GOOD)).valid).toBe(false);
    expect(alice.LoginProfile!.PasswordLastChanged).toBe("2026-03-04T00:00:00Z");
  });

  it("refuses a wrong OldPassword, a policy violation or reuse, changing nothing", async () => {
    await f.expectUnchanged(() => f.account.changePassword({ OldPassword: "Not-It-1", NewPassword: "Brand-New-42" }, { caller: alice.Arn }), "AccessDenied", /old password is incorrect/);
    await f.expectUnchanged(() => f.account.changePassword({ OldPassword: GOOD, NewPassword: "weak" }, { caller: alice.Arn }), "PasswordPolicyViolation");
    await f.account.updateAccountPasswordPolicy({ PasswordReusePrevention: 1, AllowUsersToChangePassword: true });
    await f.expectUnchanged(() => f.account.changePassword({ OldPassword: GOOD, NewPassword: GOOD }, { caller: alice.Arn }), "PasswordPolicyViolation", /PasswordReusePrevention/);
    await f.expectUnchanged(() => f.account.changePassword({ OldPassword: GOOD, NewPassword: "" }, { caller: alice.Arn }), "ValidationError", /newPassword/);
    await f.expectUnchanged(() => f.account.changePassword({ OldPassword: "", NewPassword: GOOD }, { caller: alice.Arn }), "ValidationError", /oldPassword/);
  });

  it("needs an IAM user as caller", async () => {
    await f.expectUnchanged(() => f.account.changePassword({ OldPassword: GOOD, NewPassword: "Brand-New-42" }), "ValidationError", /options\.caller/);
    await f.expectUnchanged(() => f.account.changePassword({ OldPassword: GOOD, NewPassword: "Brand-New-42" }, { caller: f.account.rootArn }), "InvalidUserType");
    await f.expectUnchanged(() => f.account.changePassword({ OldPassword: GOOD, NewPassword: "Brand-New-42" }, { caller: `arn:aws:sts::${ACCOUNT}:assumed-role/R/s` }), "InvalidUserType");
    await f.expectUnchanged(() => f.account.changePassword({ OldPassword: GOOD, NewPassword: "Brand-New-42" }, { caller: f.account.store.users.get("bob")!.Arn }), "NoSuchEntity", /Login Profile for User bob/);
  });

  it("needs iam:ChangePassword unless the policy sets AllowUsersToChangePassword", async () => {
    f.denied.add("iam:ChangePassword");
    await f.expectUnchanged(() => f.account.changePassword({ OldPassword: GOOD, NewPassword: "Brand-New-42" }, { caller: alice.Arn }), "AccessDenied");
    await f.account.updateAccountPasswordPolicy({ AllowUsersToChangePassword: true });
    f.calls = [];
    await f.account.changePassword({ OldPassword: GOOD, NewPassword: "Brand-New-42" }, { caller: alice.Arn });
    expect(f.calls).toEqual([]);
  });
});

describe("password expiry (MaxPasswordAge, HardExpiry)", () => {
  it("reports the expiry date, then expiry, as PasswordLastChanged + MaxPasswordAge", async () => {
    await f.account.createLoginProfile({ UserName: "alice", Password: GOOD });
    await f.account.updateAccountPasswordPolicy({ MaxPasswordAge: 90 });
    expect((await f.account.getAccountPasswordPolicy()).PasswordPolicy.ExpirePasswords).toBe(true);
    later(89);
    expect(await f.account.verifyPassword("alice", GOOD)).toEqual({ valid: true, expired: false, mustChange: false, locked: false, expiresAt: "2026-05-30T12:00:00Z" });
    later(1);
    expect(await f.account.verifyPassword("alice", GOOD)).toEqual({ valid: true, expired: true, mustChange: true, locked: false, expiresAt: "2026-05-30T12:00:00Z" });
    // without HardExpiry the user may set a new one, which restarts the f.clock
    await f.account.changePassword({ OldPassword: GOOD, NewPassword: "Brand-New-42" }, { caller: f.account.store.users.get("alice")!.Arn });
    expect(await f.account.verifyPassword("alice", "Brand-New-42")).toMatchObject({ valid: true, expired: false, expiresAt: "2026-08-28T12:00:00Z" });
  });

  it("with HardExpiry an expired password locks the user out until an administrator resets it", async () => {
    await f.account.createLoginProfile({ UserName: "alice", Password: GOOD });
    await f.account.updateAccountPasswordPolicy({ MaxPasswordAge: 30, HardExpiry: true });
    later(31);
    expect(await f.account.verifyPassword("alice", GOOD)).toMatchObject({ valid: true, expired: true, locked: true, mustChange: false });
    expect(f.account.store.users.get("alice")!.PasswordLastUsed).toBeUndefined();
    await f.expectUnchanged(() => f.account.changePassword({ OldPassword: GOOD, NewPassword: "Brand-New-42" }, { caller: f.account.store.users.get("alice")!.Arn }), "AccessDenied", /HardExpiry/);
    await f.account.updateLoginProfile({ UserName: "alice", Password: "Admin-Reset-1" });
    expect(await f.account.verifyPassword("alice", "Admin-Reset-1")).toMatchObject({ valid: true, expired: false, locked: false });
  });

  it("passwords never expire without MaxPasswordAge", async () => {
    await f.account.createLoginProfile({ UserName: "alice", Password: GOOD });
    later(5000);
    expect(await f.account.verifyPassword("alice", GOOD)).toEqual({ valid: true, expired: false, mustChange: false, locked: false });
  });
});

describe("secrets stay inside", () => {
  it("no password or hash in any answer or in the GAAD export", async () => {
    await f.account.createLoginProfile({ UserName: "alice", Password: GOOD });
    const p = f.account.store.users.get("alice")!.LoginProfile!;
    const exported = JSON.stringify(f.account.toAuthorizationDetails());
    for (const secret of [GOOD, p.Hash, p.Salt]) expect(exported).not.toContain(secret);
    expect(exported).not.toContain("LoginProfile");
    expect(f.snapshot()).not.toContain(GOOD);
  });
});
