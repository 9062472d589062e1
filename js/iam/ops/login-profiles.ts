/**
 * @module iam/ops/login-profiles
 * Console passwords of IAM users: CreateLoginProfile, UpdateLoginProfile, GetLoginProfile,
 * DeleteLoginProfile, ChangePassword (sign-in itself is sign-in.ts).
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
import type { AccountState, OperationOptions } from "../account-state.ts";
import { IamError } from "../errors.ts";
import { checkPasswordArgument, hashPassword, passwordPolicyViolation, verifyPasswordHash, type PasswordHash } from "../password.ts";
import type { LoginProfileEntity, UserEntity } from "../store.ts";
import { checkExistingUserName, resolveCredentialTarget, targetUser } from "./credential-target.ts";
import { passwordAttemptsExceeded, passwordKeys } from "./attempts.ts";

/** How many earlier password hashes a login profile keeps (PasswordReusePrevention's maximum). */
export const PASSWORD_HISTORY = 24;

export interface LoginProfile {
  UserName: string;
  CreateDate: string;
  PasswordResetRequired: boolean;
}

export interface CreateLoginProfileRequest { UserName?: string; Password: string; PasswordResetRequired?: boolean }
export interface UpdateLoginProfileRequest { UserName: string; Password?: string; PasswordResetRequired?: boolean }
export interface LoginProfileRequest { UserName?: string }
export interface LoginProfileResponse { LoginProfile: LoginProfile }
export interface ChangePasswordRequest { OldPassword: string; NewPassword: string }



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

/** The profile's current hash. */
export function stored(p: LoginProfileEntity): PasswordHash {
  return { Salt: p.Salt, Hash: p.Hash, Iterations: p.Iterations };
}

/** When the profile's password expires under the policy's MaxPasswordAge, and whether it has. */
export function expiry(account: AccountState, profile: LoginProfileEntity): { expiresAt?: string; expired: boolean } {
  const maxAge = account.store.passwordPolicy?.MaxPasswordAge;
  if (!maxAge) return { expired: false };
  const at = new Date(Date.parse(profile.PasswordLastChanged) + maxAge * 86_400_000);
  return { expiresAt: at.toISOString().replace(/\.\d{3}Z$/, "Z"), expired: account.now().getTime() >= at.getTime() };
}

/**
 * Throws PasswordPolicyViolation when `password` breaks the policy, including reuse of one of
 * the last PasswordReusePrevention passwords (the current one counts).
 */
async function enforcePolicy(account: AccountState, password: string, profile: LoginProfileEntity | undefined): Promise<void> {
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
function setPassword(account: AccountState, profile: LoginProfileEntity, hash: PasswordHash): void {
  profile.History = [stored(profile), ...profile.History].slice(0, PASSWORD_HISTORY);
  profile.Salt = hash.Salt;
  profile.Hash = hash.Hash;
  profile.Iterations = hash.Iterations;
  profile.PasswordLastChanged = account.timestamp();
}

function answer(user: UserEntity, p: LoginProfileEntity): LoginProfileResponse {
  return { LoginProfile: { UserName: user.UserName, CreateDate: p.CreateDate, PasswordResetRequired: p.PasswordResetRequired } };
}

export async function createLoginProfile(account: AccountState, input: CreateLoginProfileRequest, options?: OperationOptions): Promise<LoginProfileResponse> {
  const password = checkPasswordArgument(input?.Password, "Password");
  const reset = optionalFlag(input?.PasswordResetRequired, "PasswordResetRequired") ?? false;
  const target = resolveCredentialTarget(account, input?.UserName, options, false);
  if (target.kind !== "user") throw new IamError("ValidationError", "Must specify userName");
  await account.authorizeOperation(options, "iam:CreateLoginProfile", target.arn);
  const check = () => {
    const user = targetUser({ ...target, user: account.store.users.get(target.userName.toLowerCase()) });
    if (user.LoginProfile) throw new IamError("EntityAlreadyExists", `Login Profile for user ${user.UserName} already exists.`);
    return user;
  };
  check();
  await enforcePolicy(account, password, undefined);
  const hash = await hashPassword(password);
  const user = check(); // again: hashing awaited
  const now = account.timestamp();
  user.LoginProfile = { CreateDate: now, PasswordResetRequired: reset, ...hash, History: [], PasswordLastChanged: now };
  account.touch();
  return answer(user, user.LoginProfile);
}

export async function updateLoginProfile(account: AccountState, input: UpdateLoginProfileRequest, options?: OperationOptions): Promise<Record<string, never>> {
  const userName = checkExistingUserName(input?.UserName);
  const password = input?.Password === undefined ? undefined : checkPasswordArgument(input.Password, "Password");
  const reset = optionalFlag(input?.PasswordResetRequired, "PasswordResetRequired");
  const existing = account.store.users.get(userName.toLowerCase());
  await account.authorizeOperation(options, "iam:UpdateLoginProfile", existing?.Arn ?? account.arn(`user/${userName}`));
  const user = account.store.users.get(userName.toLowerCase());
  if (!user) throw new IamError("NoSuchEntity", `The user with name ${userName} cannot be found.`);
  const profile = profileOf(user);
  let hash: PasswordHash | undefined;
  if (password !== undefined) {
    const before = profile.Hash;
    await enforcePolicy(account, password, profile);
    hash = await hashPassword(password);
    if (user.LoginProfile !== profile || profile.Hash !== before) throw new IamError("ConcurrentModification", `The login profile of ${user.UserName} changed during the update; retry.`);
  }
  if (hash) setPassword(account, profile, hash);
  if (reset !== undefined) profile.PasswordResetRequired = reset;
  if (hash || reset !== undefined) account.touch();
  return {};
}

export async function getLoginProfile(account: AccountState, input: LoginProfileRequest = {}, options?: OperationOptions): Promise<LoginProfileResponse> {
  const target = resolveCredentialTarget(account, input?.UserName, options, false);
  if (target.kind !== "user") throw new IamError("ValidationError", "Must specify userName");
  await account.authorizeOperation(options, "iam:GetLoginProfile", target.arn);
  const user = targetUser(target);
  return answer(user, profileOf(user));
}

export async function deleteLoginProfile(account: AccountState, input: LoginProfileRequest = {}, options?: OperationOptions): Promise<Record<string, never>> {
  const target = resolveCredentialTarget(account, input?.UserName, options, false);
  if (target.kind !== "user") throw new IamError("ValidationError", "Must specify userName");
  await account.authorizeOperation(options, "iam:DeleteLoginProfile", target.arn);
  const user = targetUser(target);
  profileOf(user);
  delete user.LoginProfile;
  account.touch();
  return {};
}

export async function changePassword(account: AccountState, input: ChangePasswordRequest, options?: OperationOptions): Promise<Record<string, never>> {
  const oldPassword = checkPasswordArgument(input?.OldPassword, "OldPassword");
  const newPassword = checkPasswordArgument(input?.NewPassword, "NewPassword");
  const caller = options?.caller;
  if (!caller) throw new IamError("ValidationError", "ChangePassword changes the calling user's password: pass options.caller");
  if (!/^arn:[^:]+:iam::\d{12}:user\//.test(caller)) {
    throw new IamError("InvalidUserType", "Only IAM users can change their own password with ChangePassword (the root user's password is not affected by it).");
  }
  const target = resolveCredentialTarget(account, undefined, options, false);
  if (target.kind !== "user") throw new IamError("InvalidUserType", "Only IAM users can change their own password.");
  // AllowUsersToChangePassword grants every user iam:ChangePassword on itself; otherwise its policies must.
  if (!account.store.passwordPolicy?.AllowUsersToChangePassword) await account.authorizeOperation(options, "iam:ChangePassword", target.arn);
  const user = targetUser(target);
  const profile = profileOf(user);
  const before = profile.Hash;
  // OldPassword is a password guess like a sign-in: it counts against the same key.
  const keys = passwordKeys(account, user.UserName);
  const gate = account.attempts.begin(keys);
  if (!gate.allowed) throw passwordAttemptsExceeded(gate.lockedUntil);
  if (!(await verifyPasswordHash(oldPassword, stored(profile)))) throw new IamError("AccessDenied", "The old password is incorrect.");
  account.attempts.succeeded(keys);
  const { expired } = expiry(account, profile);
  if (expired && account.store.passwordPolicy?.HardExpiry) {
    throw new IamError("AccessDenied", "The password has expired and the password policy sets HardExpiry: an administrator must reset it (UpdateLoginProfile).");
  }
  await enforcePolicy(account, newPassword, profile);
  const hash = await hashPassword(newPassword);
  if (user.LoginProfile !== profile || profile.Hash !== before) throw new IamError("ConcurrentModification", `The login profile of ${user.UserName} changed during the change; retry.`);
  setPassword(account, profile, hash);
  profile.PasswordResetRequired = false;
  account.touch();
  return {};
}
