/**
 * @module edge/s3-service/serve-s3
 * An S3 request in the Worker: the gateway (js/edge/s3-api) with the Worker's pieces. The caller's
 * account is found as the IAM API finds it (the key directory, or the session token's account)
 * and decided on the isolate's copy of that account (replicas.ts: one RPC answered from the
 * account object's memory), with its organization's guardrails on it (serve-call.ts's
 * `replicaOf`: one more RPC, the organization's version, for a member account); a bucket of
 * another account, or an anonymous request's, takes the owner's organization from the owner's
 * copy, brought current the same way (docs/organizations.md, "S3 requests");
 * buckets live in their Durable Objects (registry.ts); bytes in R2.
 * A denial's record is stored in the caller's account object before the answer (for an anonymous
 * caller, the bucket owner's), so `/_iam-edge/explain/<request id>` finds it at once.
 */
import { accountOfRequest, replicaOf, servesAccount, type ServiceDeps } from "../service/serve-call.ts";
import { engine } from "../service/runtime.ts";
import type { DecisionRecord } from "../authorize/decision-record.ts";
import type { Account } from "../../sts/account.ts";
import { handleS3 } from "../s3-api/handler.ts";
import { BucketPolicyCache } from "../s3-api/auth/policy-cache.ts";
import type { BucketRegistry } from "../s3-api/buckets.ts";
import { DurableBucketRegistry } from "./registry.ts";
import { s3Endpoints, type S3Env } from "./env.ts";

const isolates = new WeakMap<S3Env, { registry: DurableBucketRegistry; policies: BucketPolicyCache }>();

function sharedOf(env: S3Env) {
  let shared = isolates.get(env);
  if (!shared) {
    shared = {
      registry: new DurableBucketRegistry({
        bucket: (name) => env.BUCKETS.get(env.BUCKETS.idFromName(name)),
        account: (id) => env.S3_ACCOUNTS.get(env.S3_ACCOUNTS.idFromName(id)),
      }),
      policies: new BucketPolicyCache(engine),
    };
    isolates.set(env, shared);
  }
  return shared;
}

function isDenial(record: DecisionRecord): boolean {
  return !record.allowed && record.decisions.some((d) => d.decision !== "Allow");
}

/** The account whose administrators may read a denial: the caller's, or the bucket owner's for anonymous callers. */
async function denialAccount(record: DecisionRecord, caller: string | undefined, registry: BucketRegistry): Promise<string | undefined> {
  if (caller) return caller;
  const bucket = /^arn:[^:]+:s3:::([^/]+)/.exec(record.decisions[0]?.resource ?? "")?.[1];
  return bucket ? (await registry.get(bucket))?.owner : undefined;
}

export async function serveS3(request: Request, env: S3Env, deps: ServiceDeps): Promise<Response> {
  const { registry, policies } = sharedOf(env);
  let callerAccount: string | undefined;
  const accounts = async (accessKeyId: string): Promise<Account | undefined> => {
    const id = await accountOfRequest(request, accessKeyId, deps);
    if (id === undefined) return undefined;
    callerAccount = id;
    return (await replicaOf(id, deps)).account;
  };
  // Only when the owner is not the caller's account (handler.ts): anonymous and cross-account requests.
  const organizationOf = async (owner: string) => (await servesAccount(owner, deps) ? (await replicaOf(owner, deps)).account.organization : undefined);
  const onDecision = async (record: DecisionRecord) => {
    if (!isDenial(record)) return;
    const id = await denialAccount(record, callerAccount, registry);
    if (id === undefined || !deps.config.accounts.has(id)) return;
    await deps.account(id).record(id, { records: [], decisions: [record], keyUses: [] });
  };
  return handleS3(request, {
    r2: env.S3_DATA, buckets: registry, engine, policies, accounts, organizationOf, onDecision, endpoints: s3Endpoints(env), now: deps.config.now,
    // The Workers request limit caps one PutObject below S3's 5 GiB; larger objects go in parts.
    maxObjectSize: 5 * 1024 ** 3,
  });
}
