/**
 * @module iam/ops/password-policy
 * The account password policy: UpdateAccountPasswordPolicy, GetAccountPasswordPolicy,
 * DeleteAccountPasswordPolicy. The policy is enforced by the login-profile operations
 * (CreateLoginProfile, UpdateLoginProfile, ChangePassword): length, character classes, reuse
 * prevention against the stored password hashes, and expiry (PasswordLastChanged +
 * MaxPasswordAge). Without a policy, AWS's default policy applies: at least 8 characters and
 * three of uppercase, lowercase, numbers and symbols (password.ts).
 *
 * As in the API, every field left out of UpdateAccountPasswordPolicy reverts to its default
 * (MinimumPasswordLength 6, the rest off). Limits: MinimumPasswordLength 6-128, MaxPasswordAge
 * 1-1095 days, PasswordReusePrevention 1-24.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/APIReference/API_UpdateAccountPasswordPolicy.html
 * @see https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetAccountPasswordPolicy.html
 * @see https://docs.aws.amazon.com/IAM/latest/APIReference/API_DeleteAccountPasswordPolicy.html
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_passwords_account-policy.html
 */
import type { AccountState, OperationOptions } from "../account-state.ts";
import { IamError } from "../errors.ts";
import type { PasswordPolicy } from "../store.ts";

export interface GetAccountPasswordPolicyResponse { PasswordPolicy: PasswordPolicy }

export interface UpdateAccountPasswordPolicyInput {
  MinimumPasswordLength?: number;
  RequireSymbols?: boolean;
  RequireNumbers?: boolean;
  RequireUppercaseCharacters?: boolean;
  RequireLowercaseCharacters?: boolean;
  AllowUsersToChangePassword?: boolean;
  MaxPasswordAge?: number;
  PasswordReusePrevention?: number;
  HardExpiry?: boolean;
}


function lcFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

function integerIn(input: UpdateAccountPasswordPolicyInput, field: keyof UpdateAccountPasswordPolicyInput, min: number, max: number): number | undefined {
  const value = input[field];
  if (value === undefined) return undefined;
  if (typeof value !== "number" || !Number.isInteger(value)) {
    throw new IamError("ValidationError", `1 validation error detected: Value '${String(value)}' at '${lcFirst(field)}' failed to satisfy constraint: Member must be an integer`);
  }
  if (value < min) throw new IamError("ValidationError", `1 validation error detected: Value '${value}' at '${lcFirst(field)}' failed to satisfy constraint: Member must have value greater than or equal to ${min}`);
  if (value > max) throw new IamError("ValidationError", `1 validation error detected: Value '${value}' at '${lcFirst(field)}' failed to satisfy constraint: Member must have value less than or equal to ${max}`);
  return value;
}

function flag(input: UpdateAccountPasswordPolicyInput, field: keyof UpdateAccountPasswordPolicyInput): boolean {
  const value = input[field];
  if (value === undefined) return false;
  if (typeof value !== "boolean") throw new IamError("ValidationError", `1 validation error detected: Value '${String(value)}' at '${lcFirst(field)}' failed to satisfy constraint: Member must be a boolean`);
  return value;
}

export async function updateAccountPasswordPolicy(account: AccountState, input: UpdateAccountPasswordPolicyInput = {}, options?: OperationOptions): Promise<Record<string, never>> {
  const given = input ?? {};
  const policy: PasswordPolicy = {
    MinimumPasswordLength: integerIn(given, "MinimumPasswordLength", 6, 128) ?? 6,
    RequireSymbols: flag(given, "RequireSymbols"),
    RequireNumbers: flag(given, "RequireNumbers"),
    RequireUppercaseCharacters: flag(given, "RequireUppercaseCharacters"),
    RequireLowercaseCharacters: flag(given, "RequireLowercaseCharacters"),
    AllowUsersToChangePassword: flag(given, "AllowUsersToChangePassword"),
    ExpirePasswords: false,
  };
  const maxAge = integerIn(given, "MaxPasswordAge", 1, 1095);
  const reuse = integerIn(given, "PasswordReusePrevention", 1, 24);
  const hardExpiry = flag(given, "HardExpiry");
  if (maxAge !== undefined) {
    policy.ExpirePasswords = true;
    policy.MaxPasswordAge = maxAge;
  }
  if (reuse !== undefined) policy.PasswordReusePrevention = reuse;
  policy.HardExpiry = hardExpiry;
  await account.authorizeOperation(options, "iam:UpdateAccountPasswordPolicy", "*");
  account.store.passwordPolicy = policy;
  account.touch();
  return {};
}

export async function getAccountPasswordPolicy(account: AccountState, _input?: Record<string, never>, options?: OperationOptions): Promise<GetAccountPasswordPolicyResponse> {
  await account.authorizeOperation(options, "iam:GetAccountPasswordPolicy", "*");
  const policy = account.store.passwordPolicy;
  if (!policy) throw new IamError("NoSuchEntity", `The Password Policy with domain name ${account.accountId} cannot be found.`);
  return { PasswordPolicy: { ...policy } };
}

export async function deleteAccountPasswordPolicy(account: AccountState, _input?: Record<string, never>, options?: OperationOptions): Promise<Record<string, never>> {
  await account.authorizeOperation(options, "iam:DeleteAccountPasswordPolicy", "*");
  if (!account.store.passwordPolicy) throw new IamError("NoSuchEntity", `The Password Policy with domain name ${account.accountId} cannot be found.`);
  delete account.store.passwordPolicy;
  account.touch();
  return {};
}
