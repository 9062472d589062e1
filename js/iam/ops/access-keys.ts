/**
 * @module iam/ops/access-keys
 * Long-term access keys of IAM users and of the root user: CreateAccessKey, UpdateAccessKey,
 * DeleteAccessKey, ListAccessKeys, GetAccessKeyLastUsed, plus the internal look-ups STS and
 * request signing use (findAccessKey, recordAccessKeyUse). Key ids are `AKIA` + 16 characters
 * (20 in all); the 40-character secret is returned by CreateAccessKey only and is otherwise
 * kept solely in the store, for SigV4 checks. At most 2 keys per user and for root ("IAM and
 * AWS STS quotas").
 *
 * Whose keys a request names (UserName, else the calling user, or root) is credential-target.ts.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateAccessKey.html
 * @see https://docs.aws.amazon.com/IAM/latest/APIReference/API_UpdateAccessKey.html
 * @see https://docs.aws.amazon.com/IAM/latest/APIReference/API_DeleteAccessKey.html
 * @see https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListAccessKeys.html
 * @see https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetAccessKeyLastUsed.html
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html
 */
import type { AccountState, OperationOptions } from "../account-state.ts";
import { IamError } from "../errors.ts";
import { randomId, randomSecret } from "../ids.ts";
import type { AccessKeyEntity, UserEntity } from "../store.ts";
import { checkString, resolveCredentialTarget, targetUser, type CredentialTarget } from "./credential-target.ts";
import { paginateInOrder, type PaginatedResponse, type PaginationRequest } from "./shared.ts";

/** "IAM and AWS STS quotas": access keys per user, and for the root user. */
export const ACCESS_KEYS_PER_USER = 2;

export type AccessKeyStatus = "Active" | "Inactive";

export interface AccessKey {
  /** Absent for a root access key. */
  UserName?: string;
  AccessKeyId: string;
  Status: AccessKeyStatus;
  SecretAccessKey: string;
  CreateDate: string;
}

export interface AccessKeyMetadata {
  UserName?: string;
  AccessKeyId: string;
  Status: AccessKeyStatus;
  CreateDate: string;
}

export interface AccessKeyLastUsed {
  /** Absent until the key is first used, as AWS leaves it. */
  LastUsedDate?: string;
  /** `N/A` until the key is first used. */
  ServiceName: string;
  /** `N/A` until the key is first used. */
  Region: string;
}

export interface CreateAccessKeyRequest { UserName?: string }
export interface CreateAccessKeyResponse { AccessKey: AccessKey }
export interface UpdateAccessKeyRequest { UserName?: string; AccessKeyId: string; Status: AccessKeyStatus }
export interface DeleteAccessKeyRequest { UserName?: string; AccessKeyId: string }
export interface ListAccessKeysRequest extends PaginationRequest { UserName?: string }
export interface ListAccessKeysResponse extends PaginatedResponse { AccessKeyMetadata: AccessKeyMetadata[] }
export interface GetAccessKeyLastUsedRequest { AccessKeyId: string }
export interface GetAccessKeyLastUsedResponse { UserName?: string; AccessKeyLastUsed: AccessKeyLastUsed }

/** Where an access key lives: a user's list, or the root user's. */
export interface AccessKeyOwner {
  /** The IAM user, or undefined for a root access key. */
  user?: UserEntity;
  /** The owner's ARN (the user's, or `arn:aws:iam::ACCOUNT:root`). */
  arn: string;
  key: AccessKeyEntity;
}


const ACCESS_KEY_ID = /^[\w]+$/;

function checkAccessKeyId(value: unknown): string {
  return checkString(value, "AccessKeyId", 16, 128, ACCESS_KEY_ID, "[\\w]+");
}

function keysOf(account: AccountState, target: CredentialTarget): AccessKeyEntity[] {
  return target.kind === "root" ? account.store.rootAccessKeys : targetUser(target).AccessKeys;
}

function noSuchKey(accessKeyId: string): IamError {
  return new IamError("NoSuchEntity", `The Access Key with id ${accessKeyId} cannot be found.`);
}

function idInUse(account: AccountState, id: string): boolean {
  return findAccessKey(account, id) !== undefined;
}

export async function createAccessKey(account: AccountState, input: CreateAccessKeyRequest = {}, options?: OperationOptions): Promise<CreateAccessKeyResponse> {
  const target = resolveCredentialTarget(account, input?.UserName, options, true);
  await account.authorizeOperation(options, "iam:CreateAccessKey", target.arn);
  const keys = keysOf(account, target);
  if (keys.length >= ACCESS_KEYS_PER_USER) throw new IamError("LimitExceeded", `Cannot exceed quota for AccessKeysPerUser: ${ACCESS_KEYS_PER_USER}`);
  let id: string;
  do id = randomId("AKIA", 16); while (idInUse(account, id));
  const key: AccessKeyEntity = { AccessKeyId: id, SecretAccessKey: randomSecret(40), Status: "Active", CreateDate: account.timestamp() };
  keys.push(key);
  account.touch();
  const AccessKey: AccessKey = { AccessKeyId: key.AccessKeyId, Status: key.Status, SecretAccessKey: key.SecretAccessKey, CreateDate: key.CreateDate };
  return { AccessKey: target.kind === "user" ? { UserName: target.userName, ...AccessKey } : AccessKey };
}

export async function updateAccessKey(account: AccountState, input: UpdateAccessKeyRequest, options?: OperationOptions): Promise<Record<string, never>> {
  const id = checkAccessKeyId(input?.AccessKeyId);
  const status = input?.Status;
  if (status !== "Active" && status !== "Inactive") {
    throw new IamError("ValidationError", `1 validation error detected: Value '${String(status)}' at 'status' failed to satisfy constraint: Member must satisfy enum value set: [Active, Inactive]`);
  }
  const target = resolveCredentialTarget(account, input?.UserName, options, true);
  await account.authorizeOperation(options, "iam:UpdateAccessKey", target.arn);
  const key = keysOf(account, target).find((k) => k.AccessKeyId === id);
  if (!key) throw noSuchKey(id);
  if (key.Status !== status) {
    key.Status = status;
    account.touch();
  }
  return {};
}

export async function deleteAccessKey(account: AccountState, input: DeleteAccessKeyRequest, options?: OperationOptions): Promise<Record<string, never>> {
  const id = checkAccessKeyId(input?.AccessKeyId);
  const target = resolveCredentialTarget(account, input?.UserName, options, true);
  await account.authorizeOperation(options, "iam:DeleteAccessKey", target.arn);
  const keys = keysOf(account, target);
  const i = keys.findIndex((k) => k.AccessKeyId === id);
  if (i < 0) throw noSuchKey(id);
  keys.splice(i, 1);
  account.touch();
  return {};
}

export async function listAccessKeys(account: AccountState, input: ListAccessKeysRequest = {}, options?: OperationOptions): Promise<ListAccessKeysResponse> {
  const target = resolveCredentialTarget(account, input?.UserName, options, true);
  await account.authorizeOperation(options, "iam:ListAccessKeys", target.arn);
  const metadata = keysOf(account, target).map((k): AccessKeyMetadata => {
    const m: AccessKeyMetadata = { AccessKeyId: k.AccessKeyId, Status: k.Status, CreateDate: k.CreateDate };
    return target.kind === "user" ? { UserName: target.userName, ...m } : m;
  });
  const { page, ...rest } = paginateInOrder(metadata, input);
  return { AccessKeyMetadata: page, ...rest };
}

export async function getAccessKeyLastUsed(account: AccountState, input: GetAccessKeyLastUsedRequest, options?: OperationOptions): Promise<GetAccessKeyLastUsedResponse> {
  const id = checkAccessKeyId(input?.AccessKeyId);
  const owner = findAccessKey(account, id);
  // IAM authorizes on the owning user; an unknown key has no owner to name.
  await account.authorizeOperation(options, "iam:GetAccessKeyLastUsed", owner?.arn ?? account.arn("user/*"));
  if (!owner) throw noSuchKey(id);
  const used = owner.key.LastUsed;
  const AccessKeyLastUsed: AccessKeyLastUsed = used ? { LastUsedDate: used.LastUsedDate, ServiceName: used.ServiceName, Region: used.Region } : { ServiceName: "N/A", Region: "N/A" };
  return owner.user ? { UserName: owner.user.UserName, AccessKeyLastUsed } : { AccessKeyLastUsed };
}

export function findAccessKey(account: AccountState, accessKeyId: string): AccessKeyOwner | undefined {
  for (const key of account.store.rootAccessKeys) if (key.AccessKeyId === accessKeyId) return { arn: account.rootArn, key };
  for (const user of account.store.users.values()) {
    for (const key of user.AccessKeys ?? []) if (key.AccessKeyId === accessKeyId) return { user, arn: user.Arn, key };
  }
  return undefined;
}

export function recordAccessKeyUse(account: AccountState, accessKeyId: string, serviceName: string, region: string): boolean {
  const owner = findAccessKey(account, accessKeyId);
  if (!owner) return false;
  owner.key.LastUsed = { LastUsedDate: account.timestamp(), ServiceName: serviceName, Region: region };
  return true;
}
