/**
 * @module edge/s3-api/buckets
 * What the gateway knows about a bucket besides its objects, and where it asks for it. A bucket
 * has an owner (the account that created it: "Bucket ownership", S3 User Guide), a creation date,
 * a region, and its configuration: the bucket policy (kept as sent, with whether it is public,
 * public-access.ts), the Block Public Access settings, and the bucket's tags. Accounts have
 * their own Block Public Access settings (S3 Control's PutPublicAccessBlock).
 *
 * `BucketRegistry` is the store's interface: names are global (one namespace for every account,
 * as S3's), so `create` must claim a name atomically. Workers keep it in Durable Objects
 * (js/edge/s3-service/); tests and single-process servers use MemoryBucketRegistry.
 */

export interface PublicAccessBlock {
  BlockPublicAcls: boolean;
  IgnorePublicAcls: boolean;
  BlockPublicPolicy: boolean;
  RestrictPublicBuckets: boolean;
}

/** "Blocking public access to your Amazon S3 storage": new buckets have all four settings on. */
export const BLOCK_ALL: PublicAccessBlock = { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true };

export interface BucketInfo {
  name: string;
  /** Random, per creation: the R2 key prefix of the bucket's data (layout.ts). */
  id: string;
  /** The owner's account id. */
  owner: string;
  /** ISO 8601. */
  created: string;
  region: string;
  /** The bucket policy as sent (JSON text). */
  policy?: string;
  /** Whether that policy is public ("The meaning of public"). */
  policyPublic?: boolean;
  publicAccessBlock?: PublicAccessBlock;
  tags?: [string, string][];
}

/** A change of configuration; `null` removes the setting. */
export interface BucketChange {
  policy?: { text: string; isPublic: boolean } | null;
  publicAccessBlock?: PublicAccessBlock | null;
  tags?: [string, string][] | null;
}

export type CreateResult = { created: true; bucket: BucketInfo } | { created: false; bucket: BucketInfo };

export interface BucketRegistry {
  get(name: string): Promise<BucketInfo | undefined>;
  /** Claims the name for `bucket.owner`, or answers the bucket that already has it. */
  create(bucket: BucketInfo): Promise<CreateResult>;
  /** Applies a change to the bucket of that id (undefined when the name now holds another). */
  update(name: string, id: string, change: BucketChange): Promise<BucketInfo | undefined>;
  /** Forgets the bucket of that id; false when the name holds another. */
  delete(name: string, id: string): Promise<boolean>;
  /** The account's buckets, by name. */
  list(owner: string): Promise<BucketInfo[]>;
  accountPublicAccessBlock(accountId: string): Promise<PublicAccessBlock | undefined>;
  setAccountPublicAccessBlock(accountId: string, settings: PublicAccessBlock | null): Promise<void>;
}

/** The settings in force: the bucket's and the owner account's, each setting on when either has it. */
export function effectivePublicAccessBlock(bucket?: PublicAccessBlock, account?: PublicAccessBlock): PublicAccessBlock {
  const on = (k: keyof PublicAccessBlock) => Boolean(bucket?.[k] || account?.[k]);
  return { BlockPublicAcls: on("BlockPublicAcls"), IgnorePublicAcls: on("IgnorePublicAcls"), BlockPublicPolicy: on("BlockPublicPolicy"), RestrictPublicBuckets: on("RestrictPublicBuckets") };
}

/** Applies a change to a copy of the bucket. */
export function applyChange(bucket: BucketInfo, change: BucketChange): BucketInfo {
  const next: BucketInfo = { ...bucket };
  if (change.policy === null) {
    delete next.policy;
    delete next.policyPublic;
  } else if (change.policy) {
    next.policy = change.policy.text;
    next.policyPublic = change.policy.isPublic;
  }
  if (change.publicAccessBlock === null) delete next.publicAccessBlock;
  else if (change.publicAccessBlock) next.publicAccessBlock = { ...change.publicAccessBlock };
  if (change.tags === null) delete next.tags;
  else if (change.tags) next.tags = change.tags.map(([k, v]) => [k, v]);
  return next;
}

/** A registry in memory: one process (tests, a Node server). */
export class MemoryBucketRegistry implements BucketRegistry {
  readonly #buckets = new Map<string, BucketInfo>();
  readonly #accounts = new Map<string, PublicAccessBlock>();

  async get(name: string): Promise<BucketInfo | undefined> {
    const b = this.#buckets.get(name);
    return b && structuredClone(b);
  }

  async create(bucket: BucketInfo): Promise<CreateResult> {
    const existing = this.#buckets.get(bucket.name);
    if (existing) return { created: false, bucket: structuredClone(existing) };
    this.#buckets.set(bucket.name, structuredClone(bucket));
    return { created: true, bucket: structuredClone(bucket) };
  }

  async update(name: string, id: string, change: BucketChange): Promise<BucketInfo | undefined> {
    const b = this.#buckets.get(name);
    if (!b || b.id !== id) return undefined;
    const next = applyChange(b, change);
    this.#buckets.set(name, next);
    return structuredClone(next);
  }

  async delete(name: string, id: string): Promise<boolean> {
    if (this.#buckets.get(name)?.id !== id) return false;
    this.#buckets.delete(name);
    return true;
  }

  async list(owner: string): Promise<BucketInfo[]> {
    return [...this.#buckets.values()].filter((b) => b.owner === owner).sort((a, b) => (a.name < b.name ? -1 : 1)).map((b) => structuredClone(b));
  }

  async accountPublicAccessBlock(accountId: string): Promise<PublicAccessBlock | undefined> {
    const s = this.#accounts.get(accountId);
    return s && { ...s };
  }

  async setAccountPublicAccessBlock(accountId: string, settings: PublicAccessBlock | null): Promise<void> {
    if (settings) this.#accounts.set(accountId, { ...settings });
    else this.#accounts.delete(accountId);
  }
}
