/**
 * @module edge/s3-service/env
 * The bindings the S3 gateway adds to the Worker's (wrangler.jsonc): the R2 bucket that holds
 * every S3 bucket's data, the bucket objects' namespace, the accounts' S3 objects' namespace; and
 * `IAM_EDGE_S3_ENDPOINTS`, the hosts below which a Host names a bucket (virtual-hosted style;
 * default `localhost`, so `http://<bucket>.localhost:8787` works from a browser or curl).
 */
import type { Env } from "../service/env.ts";
import type { R2Bucket } from "../s3-api/r2.ts";
import type { BucketRpc } from "./bucket-object.ts";
import type { S3AccountRpc } from "./s3-account-object.ts";

export interface S3Env extends Env {
  S3_DATA: R2Bucket;
  BUCKETS: DurableObjectNamespace<BucketRpc>;
  S3_ACCOUNTS: DurableObjectNamespace<S3AccountRpc>;
  IAM_EDGE_S3_ENDPOINTS?: string;
}

export function s3Endpoints(env: S3Env): string[] {
  const raw = env.IAM_EDGE_S3_ENDPOINTS ?? "localhost";
  return raw.split(",").map((s) => s.trim().toLowerCase()).filter(Boolean);
}
