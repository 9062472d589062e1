/**
 * @module edge/s3-api/handler
 * One S3 request, start to end (docs/edge.md, "The S3 gateway"):
 * 1. the caller (auth/caller.ts): a verified signature resolved to its principal, or anonymous;
 * 2. the operation and the authorizations it needs (js/edge/s3's table: `mapS3Request`);
 *    an operation this gateway does not serve is `NotImplemented`;
 * 3. the bucket (and a copy's source bucket) from the registry: `NoSuchBucket` when missing,
 *    AccessDenied when `x-amz-expected-bucket-owner` names another owner;
 * 4. one decision per authorization, each under its bucket's policy and owner, with the caller's
 *    account's organization and the owner's (auth/decide.ts);
 *    a denial is S3's AccessDenied with the request id, whose record (with the engine's
 *    explanation) goes to `onDecision`; DeleteObjects goes on with the keys allowed;
 * 5. the operation (operations.ts) against R2.
 * Every request, served or refused, produces one DecisionRecord for `onDecision`, and leaves its
 * body settled: a body the operation did not read (CreateMultipartUpload's, a refused request's)
 * is read and dropped, or cancelled when large (streams/discard.ts), before the answer goes.
 */
import type { Authorization } from "../s3/map-request.ts";
import { mapS3Request, parseCopySource } from "../s3/map-request.ts";
import { MalformedXmlError } from "../s3/delete-objects.ts";
import type { DecisionRecord, DecisionSink } from "../authorize/decision-record.ts";
import type { OrganizationGuardrails } from "../../iam/resolve/organization.ts";
import { newRequestId } from "../authorize/request-id.ts";
import { SigV4Error } from "../sigv4/errors.ts";
import { discardUnread } from "../streams/discard.ts";
import { identifyCaller, type S3Caller } from "./auth/caller.ts";
import { decideS3, recordEntry, s3DenialMessage, type BucketFacts, type S3Decision } from "./auth/decide.ts";
import { BucketPolicyCache } from "./auth/policy-cache.ts";
import type { BucketInfo } from "./buckets.ts";
import type { S3Context, S3GatewayOptions } from "./context.ts";
import { controlAction, isControlRequest, serveControl } from "./control.ts";
import { S3Error, accessDenied, internalError, malformedXml, noSuchBucket, notImplemented } from "./errors.ts";
import { COPIES, HANDLERS, NO_BUCKET } from "./operations.ts";
import { errorResponse, withRequestId } from "./response.ts";

const caches = new WeakMap<S3GatewayOptions, BucketPolicyCache>();

function policiesOf(options: S3GatewayOptions): BucketPolicyCache {
  if (options.policies) return options.policies;
  let c = caches.get(options);
  if (!c) {
    c = new BucketPolicyCache(options.engine);
    caches.set(options, c);
  }
  return c;
}

async function emit(sink: DecisionSink | undefined, record: DecisionRecord): Promise<void> {
  try {
    await sink?.(record);
  } catch {
    // The sink's failure does not change the answer.
  }
}

function asS3Error(err: unknown): S3Error | SigV4Error {
  if (err instanceof S3Error || err instanceof SigV4Error) return err;
  if (err instanceof MalformedXmlError) return malformedXml();
  const cause = (err as { cause?: unknown } | null)?.cause;
  if (cause instanceof SigV4Error) return cause;
  console.error(`iam-edge s3: ${(err as Error)?.stack ?? String(err)}`);
  return internalError();
}

/**
 * Serves one S3 request. `raw.path` is the request target's path as received, where the server
 * has it (Node's `req.url`): keys with `.`/`..` segments verify only with it.
 * @example
 * const response = await handleS3(request, { r2: env.BUCKET, buckets, engine, accounts });
 */
export async function handleS3(request: Request, options: S3GatewayOptions, raw: { path?: string } = {}): Promise<Response> {
  const now = options.now?.() ?? new Date();
  const requestId = newRequestId();
  const sourceIp = options.sourceIp ? options.sourceIp(request) : request.headers.get("cf-connecting-ip") ?? undefined;
  const record: DecisionRecord = { requestId, time: now.toISOString(), service: "s3", operation: "Unknown", allowed: false, decisions: [], ...(sourceIp ? { sourceIp } : {}) };
  const path = raw.path ?? new URL(request.url).pathname;
  const run: Run = { now, requestId, record, sourceIp, path, raw };
  let response: Response;
  try {
    response = await serve(request, options, run);
  } catch (err) {
    const e = asS3Error(err);
    record.error ??= { code: e.code, message: e.message };
    response = errorResponse(e, requestId, path, request.method);
  }
  // The caller's body (verified, or as sent), or the raw one when no caller was identified.
  await discardUnread(run.body !== undefined ? run.body : request.body);
  await emit(options.onDecision, record);
  return withRequestId(response, requestId);
}

interface Run {
  now: Date;
  requestId: string;
  record: DecisionRecord;
  sourceIp?: string;
  path: string;
  raw: { path?: string };
  /** The body the operations read, once the caller is known. */
  body?: ReadableStream<Uint8Array> | null;
}

async function serve(request: Request, options: S3GatewayOptions, run: Run): Promise<Response> {
  const caller = await identifyCaller(request, { accounts: options.accounts, engine: options.engine, now: run.now, path: run.raw.path, sourceIp: run.sourceIp, region: undefined });
  if (caller instanceof SigV4Error) throw caller;
  run.body = caller.body;
  run.record.principal = caller.principal;
  if (caller.verified) run.record.accessKeyId = caller.verified.accessKeyId;
  if (isControlRequest(request, run.path)) return control(request, options, run, caller);
  const url = new URL(request.url);
  const mapping = await mapS3Request({ method: request.method, url: request.url, headers: request.headers, body: caller.body },
    { endpoints: options.endpoints, path: run.raw.path, partition: options.partition });
  run.record.operation = mapping.operation;
  const handler = HANDLERS[mapping.operation];
  if (!handler) throw notImplemented();
  const bucket = NO_BUCKET.has(mapping.operation) ? undefined : await existingBucket(options, mapping.bucket ?? "", request.headers.get("x-amz-expected-bucket-owner"));
  const sourceName = COPIES.has(mapping.operation) ? parseCopySource(request.headers.get("x-amz-copy-source") ?? "")?.bucket : undefined;
  const sourceBucket = sourceName === undefined ? undefined : await options.buckets.get(sourceName);
  if (sourceBucket) checkOwner(sourceBucket, request.headers.get("x-amz-source-expected-bucket-owner"));
  const facts = await bucketFacts(options, [bucket, sourceBucket], caller);
  const decide = (auths: Authorization[]) => decideGrouped(options, caller, mapping.operation, auths, facts);
  const decisions = decide(mapping.authorizations);
  run.record.decisions = decisions.map(recordEntry);
  const denied = decisions.find((d) => !d.allowed);
  if (denied && !mapping.perKey) throw accessDenied(s3DenialMessage(caller, denied, facts.get(bucketNameOf(denied.resource) ?? "")?.owner));
  const ctx: S3Context = {
    request, url, method: request.method, headers: request.headers, params: url.searchParams, requestId: run.requestId, now: run.now,
    operation: mapping.operation, bucketName: mapping.bucket, key: mapping.key, bucket, sourceBucket, caller, body: mapping.body ? null : caller.body,
    mapping, decisions, options, r2: options.r2, region: options.region ?? "us-east-1", partition: options.partition ?? "aws",
    decide(action, resource) {
      const [d] = decide([{ action, resource, context: {} }]);
      run.record.decisions.push(recordEntry(d));
      return d;
    },
  };
  const response = await handler(ctx);
  run.record.allowed = run.record.decisions.every((d) => d.decision === "Allow");
  return response;
}

function checkOwner(bucket: BucketInfo, expected: string | null): void {
  if (expected !== null && expected !== bucket.owner) throw accessDenied();
}

async function existingBucket(options: S3GatewayOptions, name: string, expectedOwner: string | null): Promise<BucketInfo> {
  const bucket = name === "" ? undefined : await options.buckets.get(name);
  if (!bucket) throw noSuchBucket(name);
  checkOwner(bucket, expectedOwner);
  return bucket;
}

/** The bucket's name in an S3 ARN (`arn:aws:s3:::name[/key]`). */
function bucketNameOf(resource: string): string | undefined {
  const m = /^arn:[^:]+:s3:::([^/]+)/.exec(resource);
  return m?.[1];
}

type Facts = BucketInfo & { restrictPublic: boolean; organization?: OrganizationGuardrails };

/** What each bucket adds to the decisions: owner, public flag, RestrictPublicBuckets in force, the owner's organization. */
async function bucketFacts(options: S3GatewayOptions, buckets: (BucketInfo | undefined)[], caller: S3Caller): Promise<Map<string, Facts>> {
  const out = new Map<string, Facts>();
  for (const b of buckets) {
    if (!b || out.has(b.name)) continue;
    let restrict = Boolean(b.publicAccessBlock?.RestrictPublicBuckets);
    // The account's setting matters only where it could change the answer: a public policy.
    if (b.policyPublic && !restrict) restrict = Boolean((await options.buckets.accountPublicAccessBlock(b.owner))?.RestrictPublicBuckets);
    // The caller's own bucket: its account's copy is already at hand, guardrails included.
    const organization = !caller.anonymous && b.owner === caller.accountId ? caller.organization : await options.organizationOf?.(b.owner);
    out.set(b.name, { ...b, restrictPublic: restrict, organization });
  }
  return out;
}

/** Decides the authorizations, each under the bucket its resource names; in their order. */
function decideGrouped(options: S3GatewayOptions, caller: S3Caller, operation: string, auths: Authorization[], facts: Map<string, Facts>): S3Decision[] {
  const cache = policiesOf(options);
  return auths.map((a) => {
    const b = facts.get(bucketNameOf(a.resource) ?? "");
    const bucket: BucketFacts | undefined = b && {
      owner: b.owner, policy: cache.get(b, options.partition), policyPublic: Boolean(b.policyPublic), restrictPublic: b.restrictPublic, organization: b.organization,
    };
    return decideS3(options.engine, caller, operation, [a], bucket)[0];
  });
}

async function control(request: Request, options: S3GatewayOptions, run: Run, caller: S3Caller): Promise<Response> {
  const { operation, action } = controlAction(request.method);
  run.record.operation = operation;
  const [d] = decideS3(options.engine, caller, operation, [{ action, resource: "*", context: {} }], undefined);
  run.record.decisions = [recordEntry(d)];
  if (!d.allowed) throw accessDenied(s3DenialMessage(caller, d, caller.accountId));
  const response = await serveControl(request, run.path, caller, d, options);
  run.record.allowed = true;
  return response;
}
