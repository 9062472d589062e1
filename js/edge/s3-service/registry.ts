/**
 * @module edge/s3-service/registry
 * The gateway's BucketRegistry over Durable Objects (docs/edge.md, "The S3 gateway: where state
 * lives"): each bucket's record in its own BucketObject (the name claims the object), each
 * account's list of buckets and account-level settings in its S3AccountObject. CreateBucket
 * claims the name first, then lists it under the owner; a create whose second step failed is
 * completed by the owner's next CreateBucket of the name (the name is already theirs), and
 * DeleteBucket removes the record first, then the listing.
 */
import type { BucketChange, BucketInfo, BucketRegistry, CreateResult, PublicAccessBlock } from "../s3-api/buckets.ts";
import type { BucketRpc } from "./bucket-object.ts";
import type { S3AccountRpc } from "./s3-account-object.ts";

export interface RegistryBindings {
  bucket(name: string): BucketRpc;
  account(accountId: string): S3AccountRpc;
}

export class DurableBucketRegistry implements BucketRegistry {
  constructor(readonly bindings: RegistryBindings) {}

  get(name: string): Promise<BucketInfo | undefined> {
    return this.bindings.bucket(name).get(name);
  }

  async create(bucket: BucketInfo): Promise<CreateResult> {
    const result = await this.bindings.bucket(bucket.name).create(bucket);
    if (result.created || result.bucket.owner === bucket.owner) {
      const b = result.bucket;
      await this.bindings.account(b.owner).addBucket({ name: b.name, created: b.created, region: b.region });
    }
    return result;
  }

  update(name: string, id: string, change: BucketChange): Promise<BucketInfo | undefined> {
    return this.bindings.bucket(name).update(name, id, change);
  }

  async delete(name: string, id: string): Promise<boolean> {
    const owner = (await this.get(name))?.owner;
    const removed = await this.bindings.bucket(name).remove(name, id);
    if (removed && owner) await this.bindings.account(owner).removeBucket(name);
    return removed;
  }

  async list(owner: string): Promise<BucketInfo[]> {
    const owned = await this.bindings.account(owner).buckets();
    return owned.map((b) => ({ ...b, id: "", owner }));
  }

  accountPublicAccessBlock(accountId: string): Promise<PublicAccessBlock | undefined> {
    return this.bindings.account(accountId).publicAccessBlock();
  }

  setAccountPublicAccessBlock(accountId: string, settings: PublicAccessBlock | null): Promise<void> {
    return this.bindings.account(accountId).setPublicAccessBlock(settings);
  }
}
