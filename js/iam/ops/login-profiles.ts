/**
 * @module iam/ops/login-profiles
 * Console passwords of IAM users: CreateLoginProfile, UpdateLoginProfile, GetLoginProfile,
 * DeleteLoginProfile, ChangePassword, plus the internal verifyPassword (sign-in).
 *
 * Passwords are kept only as salted PBKDF2-HMAC-SHA256 hashes (16-byte random salt, 100,000
 * iterations; password.ts) and compared in constant time; no answer ever carries one. Every
 * new password is checked against the account password policy (or AWS's default policy),
 * including reuse prevention against the last PasswordReusePrevention passwords, on
 * CreateLoginProfile, UpdateLoginProfile and ChangePassword alike; a violation is
 * PasswordPolicyViolation with a message naming the rule.
 *
 * ChangePassword acts on the calling user (options.caller). When the policy sets
 * AllowUsersToChangePassword, every user may call it, as AWS grants it account-wide; otherwise
 * the caller needs `iam:ChangePassword` on its own ARN from its policies.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateLoginProfile.html
 * @see https://docs.aws.amazon.com/IAM/latest/APIReference/API_UpdateLoginProfile.html
 * @see https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetLoginProfile.html
 * @see https://docs.aws.amazon.com/IAM/latest/APIReference/API_DeleteLoginProfile.html
 * @see https://docs.aws.amazon.com/IAM/latest/APIReference/API_ChangePassword.html
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_passwords_admin-change-user.html
 */
import { Account, type OperationOptions } from "../account.ts";
import { IamError } from "../errors.ts";
import { checkPasswordArgument, hashPassword, passwordPolicyViolation, verifyPasswordHash, type PasswordHash } from "../password.ts";
import type { LoginProfileEntity, UserEntity } from "../store.ts";
import { checkExistingUserName, resolveCredentialTarget, targetUser } from "./access-keys.ts";

/** How many earlier password hashes a login profile keeps (PasswordReusePrevention's maximum). */
export const PASSWORD_HISTORY = 24;

export interface LoginProfile {
  UserName: string;
  CreateDate: string;
  PasswordResetRequired: boolean;
}

/** What a sign-in with a password finds (verifyPassword). */
export interface PasswordVerification {
  /** The user has a login profile and the password matches it. */
  valid: boolean;
  /** The password is older than the policy's MaxPasswordAge. */
  expired: boolean;
  /** When the password expires: PasswordLastChanged + MaxPasswordAge days, if the policy expires passwords. */
  expiresAt?: string;
  /** The user must set a new password (ChangePassword) before doing anything else: PasswordResetRequired, or an expired password. */
  mustChange: boolean;
  /** Expired under HardExpiry: the user cannot sign in or change it; an administrator must reset it (UpdateLoginProfile). */
  locked: boolean;
}

declare module "../account.ts" {
  interface Account {
    /**
     * Gives a user a console password.
     * @example
     * await account.createLoginProfile({ UserName: "alice", Password: "Correct-Horse-9", PasswordResetRequired: true });
     */
    createLoginProfile(input: { UserName?: string; Password: string; PasswordResetRequired?: boolean }, options?: OperationOptions): Promise<{ LoginProfile: LoginProfile }>;
    /** An administrator's reset of a user's password and/or PasswordResetRequired. */
    updateLoginProfile(input: { UserName: string; Password?: string; PasswordResetRequired?: boolean }, options?: OperationOptions): Promise<Record<string, never>>;
    /** The login profile's dates and flag (never the password). */
    getLoginProfile(input?: { UserName?: string }, options?: OperationOptions): Promise<{ LoginProfile: LoginProfile }>;
    deleteLoginProfile(input?: { UserName?: string }, options?: OperationOptions): Promise<Record<string, never>>;
    /** The calling user (options.caller) changes its own password; OldPassword must match. */
    changePassword(input: { OldPassword: string; NewPassword: string }, options?: OperationOptions): Promise<Record<string, never>>;
    /**
     * @internal Console sign-in: checks a user's password and reports expiry. A valid password
     * of a user that is not locked out records PasswordLastUsed (not an entity change: no
     * `version` bump).
     */
    verifyPassword(userName: string, password: string): Promise<PasswordVerification>;
  }
}

function noSuchProfile(userName: string): IamError {
  return new IamError("NoSuchEntity", `Login Profile for User ${userName} cannot be found.`);
}

function profileOf(user: UserEntity): LoginProfileEntity {
  if (!user.LoginProfile) throw noSuchProfile(user.UserName);
  return user.LoginProfile;
}

function optionalFlag(value: unknown, field: string): boolean | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "boolean") throw new IamError("ValidationError", `1 validation error detected: Value '${String(value)}' at '${field.charAt(0).toLowerCase() + field.slice(1)}' failed to satisfy constraint: Member must be a boolean`);
  return value;
}

function stored(p: LoginProfileEntity): PasswordHash {
  return { Salt: p.Salt, Hash: p.Hash, Iterations: p.Iterations };
}

function expiry(account: Account, profile: LoginProfileEntity): { expiresAt?: string; expired: boolean } {
  const maxAge = account.store.passwordPolicy?.MaxPasswordAge;
  if (!maxAge) return { expired: false };
  const at = new Date(Date.parse(profile.PasswordLastChanged) + maxAge * 86_400_000);
  return { expiresAt: at.toISOString().replace(/\.\d{3}Z$/, "Z"), expired: account.now().getTime() >= at.getTime() };
}

/**
 * Throws PasswordPolicyViolation when `password` breaks the policy, including reuse of one of
 * the last PasswordReusePrevention passwords (the current one counts).
 */
async function enforcePolicy(account: Account, password: string, profile: LoginProfileEntity | undefined): Promise<void> {
  const policy = account.store.passwordPolicy;
  const violation = passwordPolicyViolation(password, policy);
  if (violation) throw new IamError("PasswordPolicyViolation", violation);
  const n = policy?.PasswordReusePrevention;
  if (!n || !profile) return;
  const earlier = [stored(profile), ...profile.History].slice(0, n);
  const matches = await Promise.all(earlier.map((h) => verifyPasswordHash(password, h)));
  if (matches.some(Boolean)) {
    throw new IamError("PasswordPolicyViolation", `Password does not conform to the account password policy: it must not be one of the last ${n} passwords (PasswordReusePrevention)`);
  }
}

/** Replaces the profile's password, keeping the old hash in its history. */
function setPassword(account: Account, profile: LoginProfileEntity, hash: PasswordHash): void {
  profile.History = [stored(profile), ...profile.History].slice(0, PASSWORD_HISTORY);
  profile.Salt = hash.Salt;
  profile.Hash = hash.Hash;
  profile.Iterations = hash.Iterations;
  profile.PasswordLastChanged = account.timestamp();
}

function answer(user: UserEntity, p: LoginProfileEntity): { LoginProfile: LoginProfile } {
  return { LoginProfile: { UserName: user.UserName, CreateDate: p.CreateDate, PasswordResetRequired: p.PasswordResetRequired } };
}

Account.prototype.createLoginProfile = async function (this: Account, input, options) {
  const password = checkPasswordArgument(input?.Password, "Password");
  const reset = optionalFlag(input?.PasswordResetRequired, "PasswordResetRequired") ?? false;
  const target = resolveCredentialTarget(this, input?.UserName, options, false);
  if (target.kind !== "user") throw new IamError("ValidationError", "Must specify userName");
  await this.authorizeOperation(options, "iam:CreateLoginProfile", target.arn);
  const check = () => {
    const user = targetUser({ ...target, user: this.store.users.get(target.userName.toLowerCase()) });
    if (user.LoginProfile) throw new IamError("EntityAlreadyExists", `Login Profile for user ${user.UserName} already exists.`);
    return user;
  };
  check();
  await enforcePolicy(this, password, undefined);
  const hash = await hashPassword(password);
  const user = check(); // again: hashing awaited
  const now = this.timestamp();
  user.LoginProfile = { CreateDate: now, PasswordResetRequired: reset, ...hash, History: [], PasswordLastChanged: now };
  this.touch();
  return answer(user, user.LoginProfile);
};

Account.prototype.updateLoginProfile = async function (this: Account, input, options) {
  const userName = checkExistingUserName(input?.UserName);
  const password = input?.Password === undefined ? undefined : checkPasswordArgument(input.Password, "Password");
  const reset = optionalFlag(input?.PasswordResetRequired, "PasswordResetRequired");
  const existing = this.store.users.get(userName.toLowerCase());
  await this.authorizeOperation(options, "iam:UpdateLoginProfile", existing?.Arn ?? this.arn(`user/${userName}`));
  const user = this.store.users.get(userName.toLowerCase());
  if (!user) throw new IamError("NoSuchEntity", `The user with name ${userName} cannot be found.`);
  const profile = profileOf(user);
  let hash: PasswordHash | undefined;
  if (password !== undefined) {
    const before = profile.Hash;
    await enforcePolicy(this, password, profile);
    hash = await hashPassword(password);
    if (user.LoginProfile !== profile || profile.Hash !== before) throw new IamError("ConcurrentModification", `The login profile of ${user.UserName} changed during the update; retry.`);
  }
  if (hash) setPassword(this, profile, hash);
  if (reset !== undefined) profile.PasswordResetRequired = reset;
  if (hash || reset !== undefined) this.touch();
  return {};
};

Account.prototype.getLoginProfile = async function (this: Account, input = {}, options) {
  const target = resolveCredentialTarget(this, input?.UserName, options, false);
  if (target.kind !== "user") throw new IamError("ValidationError", "Must specify userName");
  await this.authorizeOperation(options, "iam:GetLoginProfile", target.arn);
  const user = targetUser(target);
  return answer(user, profileOf(user));
};

Account.prototype.deleteLoginProfile = async function (this: Account, input = {}, options) {
  const target = resolveCredentialTarget(this, input?.UserName, options, false);
  if (target.kind !== "user") throw new IamError("ValidationError", "Must specify userName");
  await this.authorizeOperation(options, "iam:DeleteLoginProfile", target.arn);
  const user = targetUser(target);
  profileOf(user);
  delete user.LoginProfile;
  this.touch();
  return {};
};

Account.prototype.changePassword = async function (this: Account, input, options) {
  const oldPassword = checkPasswordArgument(input?.OldPassword, "OldPassword");
  const newPassword = checkPasswordArgument(input?.NewPassword, "NewPassword");
  const caller = options?.caller;
  if (!caller) throw new IamError("ValidationError", "ChangePassword changes the calling user's password: pass options.caller");
  if (!/^arn:[^:]+:iam::\d{12}:user\//.test(caller)) {
    throw new IamError("InvalidUserType", "Only IAM users can change their own password with ChangePassword (the root user's password is not affected by it).");
  }
  const target = resolveCredentialTarget(this, undefined, options, false);
  if (target.kind !== "user") throw new IamError("InvalidUserType", "Only IAM users can change their own password.");
  // AllowUsersToChangePassword grants every user iam:ChangePassword on itself; otherwise its policies must.
  if (!this.store.passwordPolicy?.AllowUsersToChangePassword) await this.authorizeOperation(options, "iam:ChangePassword", target.arn);
  const user = targetUser(target);
  const profile = profileOf(user);
  const before = profile.Hash;
  if (!(await verifyPasswordHash(oldPassword, stored(profile)))) throw new IamError("AccessDenied", "The old password is incorrect.");
  const { expired } = expiry(this, profile);
  if (expired && this.store.passwordPolicy?.HardExpiry) {
    throw new IamError("AccessDenied", "The password has expired and the password policy sets HardExpiry: an administrator must reset it (UpdateLoginProfile).");
  }
  await enforcePolicy(this, newPassword, profile);
  const hash = await hashPassword(newPassword);
  if (user.LoginProfile !== profile || profile.Hash !== before) throw new IamError("ConcurrentModification", `The login profile of ${user.UserName} changed during the change; retry.`);
  setPassword(this, profile, hash);
  profile.PasswordResetRequired = false;
  this.touch();
  return {};
};

Account.prototype.verifyPassword = async function (this: Account, userName: string, password: string) {
  const user = typeof userName === "string" ? this.store.users.get(userName.toLowerCase()) : undefined;
  const profile = user?.LoginProfile;
  if (!user || !profile || typeof password !== "string") return { valid: false, expired: false, mustChange: false, locked: false };
  const valid = await verifyPasswordHash(password, stored(profile));
  const { expired, expiresAt } = expiry(this, profile);
  const locked = valid && expired && !!this.store.passwordPolicy?.HardExpiry;
  const result: PasswordVerification = { valid, expired, mustChange: valid && !locked && (profile.PasswordResetRequired || expired), locked };
  if (expiresAt) result.expiresAt = expiresAt;
  if (valid && !locked) user.PasswordLastUsed = this.timestamp();
  return result;
};
