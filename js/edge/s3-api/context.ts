/**
 * @module edge/s3-api/context
 * What an operation handler gets: the request, its bucket and key, the caller, the verified
 * body, the gateway's options, and a way to decide one more authorization (GetObject's 404 needs
 * `s3:ListBucket`: "GetObject", S3 API Reference). Handlers answer a Response or throw an
 * S3Error.
 */
import type { Engine } from "../../engine/engine.ts";
import type { OrganizationGuardrails } from "../../iam/resolve/organization.ts";
import type { AccountSource } from "../authorize/account-credentials.ts";
import type { DecisionSink } from "../authorize/decision-record.ts";
import type { S3Mapping } from "../s3/map-request.ts";
import type { S3Caller } from "./auth/caller.ts";
import type { S3Decision } from "./auth/decide.ts";
import type { BucketPolicyCache } from "./auth/policy-cache.ts";
import type { BucketInfo, BucketRegistry } from "./buckets.ts";
import type { R2Bucket } from "./r2.ts";

export interface S3GatewayOptions {
  /** The R2 bucket that holds every S3 bucket's data (layout.ts). */
  r2: R2Bucket;
  buckets: BucketRegistry;
  engine: Engine;
  /** The account model that holds the callers' keys and policies (and their organizations' guardrails, `account.organization`). */
  accounts: AccountSource;
  /**
   * The guardrails of a bucket owner's account's organization (that account's
   * `account.organization`): its RCPs and `aws:ResourceOrg*` keys for requests of other accounts
   * and anonymous ones (a caller's own buckets use the caller's account). Absent: another
   * account's bucket is decided without its organization.
   */
  organizationOf?: (accountId: string) => OrganizationGuardrails | undefined | Promise<OrganizationGuardrails | undefined>;
  /** The region of anonymous requests and the default of new buckets (default us-east-1). */
  region?: string;
  /** Hosts below which the Host names the bucket (virtual-hosted style). */
  endpoints?: readonly string[];
  now?: () => Date;
  /** Receives one record per request (denials are what an explain endpoint looks up). */
  onDecision?: DecisionSink;
  /** The client's address (default: the `CF-Connecting-IP` header). */
  sourceIp?: (request: Request) => string | undefined;
  /** Compiled bucket policies (default: one cache per options object). */
  policies?: BucketPolicyCache;
  /** The largest object one PutObject takes (default 5 GiB, S3's; a Worker's request limit is lower). */
  maxObjectSize?: number;
  partition?: string;
}

export interface S3Context {
  request: Request;
  url: URL;
  method: string;
  headers: Headers;
  params: URLSearchParams;
  requestId: string;
  now: Date;
  operation: string;
  bucketName?: string;
  key?: string;
  /** The bucket the request names, when it exists. */
  bucket?: BucketInfo;
  /** CopyObject and UploadPartCopy: the source's bucket, when it exists. */
  sourceBucket?: BucketInfo;
  caller: S3Caller;
  /** The body to store: verified as it streams (signed), or as sent (anonymous). */
  body: ReadableStream<Uint8Array> | null;
  mapping: S3Mapping;
  decisions: S3Decision[];
  options: S3GatewayOptions;
  r2: R2Bucket;
  region: string;
  partition: string;
  /** Decides one more authorization (recorded with the request's). */
  decide(action: string, resource: string): S3Decision;
}

export type OperationHandler = (ctx: S3Context) => Promise<Response>;
