/**
 * @module iam/resolve/policy-cache
 * Compiled policies, cached per account and shared by every principal that uses them, and
 * resolutions cached per principal. Both are dropped when `account.version` moves (every
 * operation calls `account.touch()`): cached policies whose document changed or whose source was
 * removed are disposed then, the others are kept for the next resolution. A resolution taken
 * before a change may hold disposed policies: resolve again after changing the account.
 *
 * Also the managed-policy lookup resolution reads documents through: the store first
 * (customer-managed, and AWS-managed ones imported from GAAD), then the library of AWS-managed
 * policies (aws-managed.ts).
 */
import type { AccountState } from "../account-state.ts";
import { IamError } from "../errors.ts";
import { findManagedPolicy } from "../aws-managed.ts";
import type { GroupEntity, InlinePolicy, ManagedPolicyEntity, RoleEntity, UserEntity } from "../store.ts";
import type { CompiledPolicy } from "../../engine/engine.ts";
import { PolicyValidationError } from "../../engine/errors.ts";
import type { PolicySource, ResolvedTarget } from "./types.ts";

interface CachedPolicy {
  policy: CompiledPolicy;
  source: PolicySource;
  text: string;
}

interface AccountCache {
  version: number;
  /** Keyed by kind, policyId and document text. */
  policies: Map<string, CachedPolicy>;
  principals: Map<string, ResolvedTarget>;
  /** An identity policy allowing everything, for boundary / SCP detail checks. */
  allowAll?: CompiledPolicy;
}

const caches = new WeakMap<AccountState, AccountCache>();
const MAX_CACHED_PRINCIPALS = 1024;
/** Managed policies are not bound by the customer-managed quota here: they were checked when stored, and AWS-managed ones exceed it. */
const RESOLVE_MAX_SIZE = 1 << 20;

function cacheOf(account: AccountState): AccountCache {
  let cache = caches.get(account);
  if (!cache) {
    cache = { version: account.version, policies: new Map(), principals: new Map() };
    caches.set(account, cache);
  } else if (cache.version !== account.version) {
    sweep(account, cache);
  }
  return cache;
}

/** Drops the principals and disposes compiled policies whose source changed or went away. */
function sweep(account: AccountState, cache: AccountCache): void {
  cache.principals.clear();
  for (const [key, entry] of cache.policies) {
    if (currentText(account, entry.source) !== entry.text) {
      entry.policy.dispose();
      cache.policies.delete(key);
    }
  }
  cache.version = account.version;
}

/** The document a source has now, or undefined when it is gone. */
function currentText(account: AccountState, source: PolicySource): string | undefined {
  if (source.policyArn) return managedPolicy(account, source.policyArn)?.text;
  const owner = source.owner;
  if (!owner) return undefined;
  const name = owner.name.toLowerCase();
  const entity = owner.type === "user" ? account.store.users.get(name) : owner.type === "group" ? account.store.groups.get(name) : account.store.roles.get(name);
  if (!entity || entity.Arn !== owner.arn) return undefined;
  return inlineList(entity).find((p) => p.PolicyName === source.policyName)?.PolicyDocument;
}

/** A user's, group's or role's inline policies. */
export function inlineList(entity: UserEntity | GroupEntity | RoleEntity): InlinePolicy[] {
  if ("UserPolicyList" in entity) return entity.UserPolicyList;
  if ("GroupPolicyList" in entity) return entity.GroupPolicyList;
  return entity.RolePolicyList;
}

/** The resolution of `arn` cached at the account's current version, if any. */
export function cachedTarget(account: AccountState, arn: string): ResolvedTarget | undefined {
  return cacheOf(account).principals.get(arn);
}

/** Caches a resolution until the account changes. */
export function rememberTarget(account: AccountState, arn: string, target: ResolvedTarget): void {
  const principals = cacheOf(account).principals;
  // Many distinct session names could grow the map without bound: start over past a limit.
  if (principals.size >= MAX_CACHED_PRINCIPALS) principals.clear();
  principals.set(arn, target);
}

/** @internal the account's allow-everything identity policy (compiled once per account). */
export function allowAllPolicy(account: AccountState): CompiledPolicy {
  const cache = cacheOf(account);
  if (!cache.allowAll || cache.allowAll.disposed) {
    cache.allowAll = account.engine.compile({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] }, { kind: "identity", id: "iam-edge:allow-all" });
  }
  return cache.allowAll;
}

/**
 * @internal A managed policy's name, default document and origin, by ARN: the account's store
 * (customer-managed, and AWS-managed ones imported from GAAD), then the AWS-managed library
 * (`findManagedPolicy` of aws-managed.ts).
 */
export function managedPolicy(account: AccountState, arn: string): { name: string; text: string; awsManaged: boolean; entity: ManagedPolicyEntity } | undefined {
  const entity = findManagedPolicy(account, arn);
  if (!entity) return undefined;
  const version = entity.PolicyVersionList.find((v) => v.VersionId === entity.DefaultVersionId) ?? entity.PolicyVersionList.find((v) => v.IsDefaultVersion);
  if (!version) return undefined;
  return { name: entity.PolicyName, text: version.Document, awsManaged: entity.AwsManaged, entity };
}

/** The compiled policy of a source's document (cached); MalformedPolicyDocument naming the source. */
export function compiledPolicy(account: AccountState, source: PolicySource, text: string): CompiledPolicy {
  const cache = cacheOf(account);
  const key = `${source.kind}\u0000${source.policyId}\u0000${text}`;
  const hit = cache.policies.get(key);
  if (hit && !hit.policy.disposed) return hit.policy;
  let policy: CompiledPolicy;
  try {
    policy = account.engine.compile(text, { kind: source.kind, id: source.policyId, maxSize: RESOLVE_MAX_SIZE });
  } catch (err) {
    if (err instanceof PolicyValidationError) {
      throw new IamError("MalformedPolicyDocument", `${describeSource(source)}: ${err.message}`, err.diagnostics);
    }
    throw err;
  }
  cache.policies.set(key, { policy, source, text });
  return policy;
}

function describeSource(source: PolicySource): string {
  if (source.owner) return `inline policy '${source.policyName}' of ${source.owner.type} '${source.owner.name}'`;
  return `managed policy '${source.policyArn}'`;
}
