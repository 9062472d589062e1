/**
 * @module edge/s3-service/s3-account-object
 * One account's S3-wide state (a Durable Object per account id, beside the account's IAM object):
 * the list of buckets it owns (ListBuckets) and its account-level Block Public Access settings
 * (S3 Control's PutPublicAccessBlock). Kept apart from the IAM account's object so S3 traffic
 * never queues behind IAM changes, and in memory once read.
 */
import { DurableObject } from "cloudflare:workers";
import type { PublicAccessBlock } from "../s3-api/buckets.ts";

export interface OwnedBucket {
  name: string;
  created: string;
  region: string;
}

export interface S3AccountRpc {
  addBucket(bucket: OwnedBucket): Promise<void>;
  removeBucket(name: string): Promise<void>;
  buckets(): Promise<OwnedBucket[]>;
  publicAccessBlock(): Promise<PublicAccessBlock | undefined>;
  setPublicAccessBlock(settings: PublicAccessBlock | null): Promise<void>;
}

export class S3AccountObject extends DurableObject implements S3AccountRpc {
  #pab?: { value?: PublicAccessBlock };

  constructor(ctx: DurableObjectState, env: unknown) {
    super(ctx, env);
    ctx.storage.sql.exec("CREATE TABLE IF NOT EXISTS buckets (name TEXT PRIMARY KEY, created TEXT NOT NULL, region TEXT NOT NULL)");
    ctx.storage.sql.exec("CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
  }

  async addBucket(b: OwnedBucket): Promise<void> {
    this.ctx.storage.sql.exec("INSERT INTO buckets (name, created, region) VALUES (?, ?, ?) ON CONFLICT(name) DO UPDATE SET created = excluded.created, region = excluded.region", b.name, b.created, b.region);
  }

  async removeBucket(name: string): Promise<void> {
    this.ctx.storage.sql.exec("DELETE FROM buckets WHERE name = ?", name);
  }

  async buckets(): Promise<OwnedBucket[]> {
    return this.ctx.storage.sql.exec<OwnedBucket>("SELECT name, created, region FROM buckets ORDER BY name").toArray();
  }

  async publicAccessBlock(): Promise<PublicAccessBlock | undefined> {
    if (!this.#pab) {
      const row = this.ctx.storage.sql.exec<{ value: string }>("SELECT value FROM settings WHERE key = 'publicAccessBlock'").toArray()[0];
      this.#pab = { value: row ? (JSON.parse(row.value) as PublicAccessBlock) : undefined };
    }
    return this.#pab.value;
  }

  async setPublicAccessBlock(settings: PublicAccessBlock | null): Promise<void> {
    if (settings) this.ctx.storage.sql.exec("INSERT INTO settings (key, value) VALUES ('publicAccessBlock', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value", JSON.stringify(settings));
    else this.ctx.storage.sql.exec("DELETE FROM settings WHERE key = 'publicAccessBlock'");
    this.#pab = { value: settings ?? undefined };
  }
}
