/**
 * @module edge/service/bootstrap
 * An account's root access key, on the account's first start and on every start after:
 *
 * - first start, no key in the environment: a key pair is generated (`AKIA` + 16, a 40-character
 *   secret, as IAM issues them), kept in the account's state, and printed once with the lines to
 *   use it (`export AWS_...`, `aws --endpoint-url ...`);
 * - a key in the environment (IAM_EDGE_ROOT_ACCESS_KEY_ID / IAM_EDGE_ROOT_SECRET_ACCESS_KEY): it
 *   is the root user's key from then on. When the environment names another key than last time,
 *   the previous environment key is removed and the new one added (a generated key stays; the
 *   root user may have two, "IAM and AWS STS quotas"); its secret is never printed.
 *
 * The root key is in `store.rootAccessKeys`, where the model's CreateAccessKey puts root keys, so
 * it signs requests, shows in ListAccessKeys and can be rotated through the API like any other.
 */
import type { AccountState as Account } from "../../iam/account-state.ts";
import type { AccessKeyEntity } from "../../iam/store.ts";
import { randomId, randomSecret } from "../../iam/ids.ts";
import type { AccountConfig } from "./config.ts";

export interface RootKeyOutcome {
  /** The state changed (a key was added, replaced or its secret updated). */
  changed: boolean;
  /** The key id the environment gave, to remember (meta `envRootKeyId`). */
  envKeyId?: string;
  /** Lines to print once, if any. */
  banner?: string[];
}

function addKey(account: Account, accessKeyId: string, secretAccessKey: string): void {
  const key: AccessKeyEntity = { AccessKeyId: accessKeyId, SecretAccessKey: secretAccessKey, Status: "Active", CreateDate: account.timestamp() };
  account.store.rootAccessKeys.push(key);
  account.touch();
}

/** The lines that tell a user how to call the endpoint with a root key. */
export function rootKeyBanner(accountId: string, accessKeyId: string, secret: string | undefined, origin: string): string[] {
  const how = secret === undefined ? "from IAM_EDGE_ROOT_ACCESS_KEY_ID / IAM_EDGE_ROOT_SECRET_ACCESS_KEY" : "generated on first start, kept with the state; shown once";
  return [
    `iam-edge: account ${accountId}: root access key ${accessKeyId} (${how})`,
    `  export AWS_ACCESS_KEY_ID=${accessKeyId}`,
    `  export AWS_SECRET_ACCESS_KEY=${secret ?? "<the secret you set>"}`,
    // AWS_REGION for the SDKs and the AWS CLI v2; AWS_DEFAULT_REGION for the AWS CLI v1, which
    // reads only that one ("You must specify a region" otherwise).
    "  export AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1",
    `  aws --endpoint-url ${origin} sts get-caller-identity`,
    `  aws --endpoint-url ${origin} iam create-user --user-name alice`,
  ];
}

/**
 * Makes the account's root key what the configuration says (see the module doc). `fresh` is
 * true on the account's first start; `previousEnvKeyId` is the environment key of last time.
 */
export function ensureRootKey(account: Account, config: AccountConfig, fresh: boolean, previousEnvKeyId: string | undefined, origin: string): RootKeyOutcome {
  const keys = account.store.rootAccessKeys;
  const env = config.rootKey;
  if (!env) {
    if (!fresh || config.created) return { changed: false };
    const id = randomId("AKIA", 16);
    const secret = randomSecret(40);
    addKey(account, id, secret);
    return { changed: true, banner: rootKeyBanner(account.accountId, id, secret, origin) };
  }
  const existing = keys.find((k) => k.AccessKeyId === env.accessKeyId);
  if (existing) {
    if (existing.SecretAccessKey === env.secretAccessKey && existing.Status === "Active") return { changed: false, envKeyId: env.accessKeyId };
    existing.SecretAccessKey = env.secretAccessKey;
    existing.Status = "Active";
    account.touch();
    return { changed: true, envKeyId: env.accessKeyId };
  }
  if (previousEnvKeyId !== undefined) {
    const i = keys.findIndex((k) => k.AccessKeyId === previousEnvKeyId);
    if (i >= 0) keys.splice(i, 1);
  }
  addKey(account, env.accessKeyId, env.secretAccessKey);
  return { changed: true, envKeyId: env.accessKeyId, banner: rootKeyBanner(account.accountId, env.accessKeyId, undefined, origin) };
}
