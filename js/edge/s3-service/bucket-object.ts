/**
 * @module edge/s3-service/bucket-object
 * The Durable Object of one bucket name (named by the name): the single writer of that bucket's
 * record (owner, id, creation date, region, policy, Block Public Access settings, tags), in its
 * SQLite storage. A name has exactly one object, so claiming a name is atomic without any global
 * lock: S3's one namespace for every account. The record is kept in memory once read, so a
 * request's lookup is answered without a storage read.
 */
import { DurableObject } from "cloudflare:workers";
import { applyChange, type BucketChange, type BucketInfo, type CreateResult } from "../s3-api/buckets.ts";

/** A bucket object's RPC methods, as the Worker calls them. */
export interface BucketRpc {
  get(name: string): Promise<BucketInfo | undefined>;
  create(bucket: BucketInfo): Promise<CreateResult>;
  update(name: string, id: string, change: BucketChange): Promise<BucketInfo | undefined>;
  remove(name: string, id: string): Promise<boolean>;
}

export class BucketObject extends DurableObject implements BucketRpc {
  #loaded = false;
  #bucket?: BucketInfo;

  constructor(ctx: DurableObjectState, env: unknown) {
    super(ctx, env);
    ctx.storage.sql.exec("CREATE TABLE IF NOT EXISTS bucket (name TEXT PRIMARY KEY, record TEXT NOT NULL)");
  }

  #read(name: string): BucketInfo | undefined {
    if (!this.#loaded) {
      const row = this.ctx.storage.sql.exec<{ record: string }>("SELECT record FROM bucket").toArray()[0];
      this.#bucket = row ? (JSON.parse(row.record) as BucketInfo) : undefined;
      this.#loaded = true;
    }
    // An object named for one bucket never holds another's record.
    return this.#bucket?.name === name ? this.#bucket : undefined;
  }

  #write(bucket: BucketInfo | undefined): void {
    const sql = this.ctx.storage.sql;
    if (bucket) sql.exec("INSERT INTO bucket (name, record) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET record = excluded.record", bucket.name, JSON.stringify(bucket));
    else sql.exec("DELETE FROM bucket");
    this.#bucket = bucket;
  }

  async get(name: string): Promise<BucketInfo | undefined> {
    return this.#read(name);
  }

  async create(bucket: BucketInfo): Promise<CreateResult> {
    const existing = this.#read(bucket.name);
    if (existing) return { created: false, bucket: existing };
    this.#write(bucket);
    return { created: true, bucket };
  }

  async update(name: string, id: string, change: BucketChange): Promise<BucketInfo | undefined> {
    const b = this.#read(name);
    if (!b || b.id !== id) return undefined;
    const next = applyChange(b, change);
    this.#write(next);
    return next;
  }

  async remove(name: string, id: string): Promise<boolean> {
    if (this.#read(name)?.id !== id) return false;
    this.#write(undefined);
    return true;
  }
}
