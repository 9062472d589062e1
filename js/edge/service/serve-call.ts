/**
 * @module edge/service/serve-call
 * One IAM, STS or CloudTrail request, in the Worker:
 *
 * 1. find the account (key-directory.ts) from the signature's access key, or for STS's unsigned
 *    calls from the role ARN;
 * 2. bring the isolate's copy of the account up to its object's stamp (replicas.ts: one RPC
 *    answered from the object's memory; the state travels only when it changed);
 * 3. verify SigV4, read the body within its limit, resolve the caller (the wire layer's
 *    `verifyCall`, with the copy as the credentials source);
 * 4. run the call where it belongs (placement.ts): reads on the copy, here, their records sent to
 *    the object after the response (a denial's before it, so its explanation can be fetched at
 *    once); changes in the object, which answers once they and their records are stored.
 *
 * Requests that fail before an account is known (no such key, bad signature) are answered here
 * in the API's shape and leave no record in any account.
 */
import { requestContext } from "../authorize/context.ts";
import type { DecisionRecord } from "../authorize/decision-record.ts";
import type { CallerIdentity } from "../api/call-context.ts";
import { detectApi, signedScope } from "../api/detect.ts";
import { bodyText, readBody } from "../api/read-body.ts";
import { verifyCall } from "../api/verify-caller.ts";
import { handleQueryApi } from "../api/query-handler.ts";
import { QueryError } from "../aws-query/errors.ts";
import { parseForm } from "../aws-query/form.ts";
import { STS_MODEL } from "../aws-query/models/sts.ts";
import { handleCloudTrail } from "../cloudtrail-api/handler.ts";
import { UNSIGNED } from "../sts-api/operations.ts";
import { inScope, newScope, scopedDecisions, type CallScope, type KeyUse } from "./call-scope.ts";
import type { ServiceConfig } from "./config.ts";
import { fallbackRecord } from "./fallback-record.ts";
import { tokenAccountId, type KeyLocator } from "./key-directory.ts";
import { placementOf } from "./placement.ts";
import { refusalResponse } from "./refusals.ts";
import type { ReplicaCache } from "./replicas.ts";
import type { AccountRegistryRpc, AccountRpc, CallAnswer, ForwardedCall, OrganizationRpc } from "./rpc.ts";
import type { OrganizationCache } from "./organizations.ts";
import type { Replica } from "./replicas.ts";
import type { ApiCallContext, ApiService } from "../api/call-context.ts";

/** Largest request body (the wire layer's default: several 131,072-character policies, URL-encoded). */
export const MAX_BODY_BYTES = 2 * 1024 * 1024;
/** A long-term key's use is sent to its account at most this often per isolate (GetAccessKeyLastUsed). */
const KEY_USE_EVERY_MS = 60_000;

export interface ServiceDeps {
  config: ServiceConfig;
  account(accountId: string): AccountRpc;
  locator: KeyLocator;
  replicas: ReplicaCache;
  /** The endpoint's origin (for the first start's banner). */
  origin: string;
  waitUntil(promise: Promise<unknown>): void;
  /**
   * Organizations (organizations.ts; absent: none served): the isolate's organizations, their
   * objects, and the registry of accounts CreateAccount made.
   */
  organizations?: {
    cache: OrganizationCache;
    stub(managementAccountId: string): OrganizationRpc;
    registry: AccountRegistryRpc;
  };
}

/** Accounts CreateAccount made, known to this isolate (an account, once made, stays). */
const registered = new Set<string>();

/** True when the deployment serves `accountId`: configured, or made by Organizations' CreateAccount. */
export async function servesAccount(accountId: string, deps: ServiceDeps): Promise<boolean> {
  if (deps.config.accounts.has(accountId) || registered.has(accountId)) return true;
  if (!deps.organizations || !(await deps.organizations.registry.isRegistered(accountId))) return false;
  if (registered.size < 10_000) registered.add(accountId);
  return true;
}

/** The account's copy, current, with its organization's guardrails on it. */
export async function replicaOf(accountId: string, deps: ServiceDeps): Promise<Replica> {
  const rpc = deps.account(accountId);
  const replica = await deps.replicas.get(accountId, { sync: (known) => rpc.sync(accountId, known, deps.origin) });
  if (deps.organizations) await deps.organizations.cache.apply(replica.account, replica.organization, deps.organizations.stub);
  return replica;
}

const keyUseSent = new Map<string, number>();

function internalFailure(): QueryError {
  return new QueryError("InternalFailure", 500, "We encountered an internal error. Please try again.");
}

/** The session token a request carries (header or presigned query). */
export function sessionTokenOf(request: Request): string | undefined {
  return request.headers.get("x-amz-security-token") ?? new URL(request.url).searchParams.get("X-Amz-Security-Token") ?? undefined;
}

/** The served account that owns the signing key (unverified: the account then verifies). */
export async function accountOfRequest(request: Request, accessKeyId: string, deps: ServiceDeps): Promise<string | undefined> {
  // A root key from the environment names its account before that account's object ever ran.
  const configured = [...deps.config.accounts.values()].find((a) => a.rootKey?.accessKeyId === accessKeyId);
  const id = accessKeyId.startsWith("ASIA") ? tokenAccountId(sessionTokenOf(request)) : configured?.accountId ?? await deps.locator.accountOf(accessKeyId);
  return id !== undefined && await servesAccount(id, deps) ? id : undefined;
}

export function fromAnswer(answer: CallAnswer): Response {
  return new Response(answer.body, { status: answer.status, headers: answer.headers });
}

/** Serves a request `detectApi` recognises (see the module doc). Never throws for a bad request. */
export async function serveCall(request: Request, deps: ServiceDeps): Promise<Response> {
  const requestId = crypto.randomUUID();
  const api = detectApi(request);
  const scope = signedScope(request);
  const service: ApiService = api === "cloudtrail" || api === "sts" ? api : "iam";
  try {
    const signed = scope || request.headers.has("authorization") || new URL(request.url).searchParams.has("X-Amz-Algorithm");
    if (api === "query" && !signed) return await serveUnsigned(request, deps, requestId);
    return await serveSigned(request, deps, service, requestId);
  } catch (err) {
    return refusalResponse(service, err instanceof QueryError ? err : internalFailure(), requestId);
  }
}

async function serveSigned(request: Request, deps: ServiceDeps, service: ApiService, requestId: string): Promise<Response> {
  const now = deps.config.now();
  const sourceIp = request.headers.get("cf-connecting-ip") ?? undefined;
  const scope = signedScope(request);
  const accountId = scope ? await accountOfRequest(request, scope.accessKeyId, deps) : undefined;
  const rpc = accountId === undefined ? undefined : deps.account(accountId);
  const replica = accountId === undefined ? undefined : await replicaOf(accountId, deps);
  // Without an account the verifier answers as AWS does for an unknown key (or a malformed signature).
  const call = await verifyCall(request, { accounts: replica?.account ?? (() => undefined), service, now, maxBody: MAX_BODY_BYTES, sourceIp });
  if ("error" in call) return refusalResponse(service, call.error, requestId);
  const url = new URL(request.url);
  const text = service !== "cloudtrail" && request.method === "GET" ? url.search.slice(1) : bodyText(call.body);
  const target = request.headers.get("x-amz-target") ?? undefined;
  const ctx: ApiCallContext = { account: call.account, service, region: call.region, caller: call.caller, context: call.context, requestId, onDecision: scopedDecisions };
  if (sourceIp) ctx.sourceIp = sourceIp;
  if (placementOf(service, actionOf(text, service)) === "object") {
    // A cross-account AssumeRole runs in the role's account, which resolves the caller in this one.
    const roleAccount = service === "sts" ? await crossAccountRole(text, accountId!, deps) : undefined;
    if (roleAccount !== undefined) {
      return fromAnswer(await deps.account(roleAccount).execute({ ...forwarded(roleAccount, ctx, text, target, now), origin: deps.origin, callerAccountId: accountId! }));
    }
    return fromAnswer(await rpc!.execute({ ...forwarded(accountId!, ctx, text, target, now), origin: deps.origin }));
  }
  return serveOnReplica(ctx, text, target, { accountId: accountId!, rpc: rpc!, deps });
}

/** The role's account of an STS AssumeRole for another served account (undefined otherwise). */
async function crossAccountRole(text: string, callerAccountId: string, deps: ServiceDeps): Promise<string | undefined> {
  let params;
  try {
    params = parseForm(text);
  } catch {
    return undefined;
  }
  if (params.get("Action") !== "AssumeRole") return undefined;
  const roleAccount = /^arn:[^:]+:iam::(\d{12}):role\//.exec(params.get("RoleArn") ?? "")?.[1];
  return roleAccount !== undefined && roleAccount !== callerAccountId && await servesAccount(roleAccount, deps) ? roleAccount : undefined;
}

function actionOf(text: string, service: ApiService): string | undefined {
  if (service === "cloudtrail") return undefined;
  try {
    return parseForm(text).get("Action");
  } catch {
    return undefined; // the wire layer answers the malformed form
  }
}

function forwarded(accountId: string, ctx: ApiCallContext, body: string, target: string | undefined, now: Date): ForwardedCall {
  const call: ForwardedCall = { accountId, service: ctx.service, body, region: ctx.region, context: ctx.context, requestId: ctx.requestId, time: now.toISOString() };
  if (target !== undefined) call.target = target;
  if (ctx.sourceIp) call.sourceIp = ctx.sourceIp;
  if (ctx.caller) {
    call.caller = { accessKeyId: ctx.caller.accessKeyId };
    if (ctx.caller.sessionToken !== undefined) call.caller.sessionToken = ctx.caller.sessionToken;
  }
  return call;
}

interface Where {
  accountId: string;
  rpc: AccountRpc;
  deps: ServiceDeps;
}

/** One run of a read on the copy, its records gathered. */
async function runOnReplica(ctx: ApiCallContext, text: string, target: string | undefined, where: Where): Promise<{ response: Response; scope: CallScope }> {
  const scope = newScope(ctx.requestId);
  const response = await inScope(scope, () => ctx.service === "cloudtrail"
    ? handleCloudTrail(target, text, { ...ctx, auditStore: { lookup: (q) => where.rpc.lookupEvents(where.accountId, q) } })
    : handleQueryApi(text, ctx));
  return { response, scope };
}

/**
 * A read, on the isolate's copy; its records go to the account's object. A read that failed
 * (5xx) while another request brought the copy to a newer stamp may have decided with a policy
 * that change replaced (the engine refuses a disposed policy): reads are idempotent, so it runs
 * once more on the current copy, with the caller resolved again there, and only that run's
 * records are kept.
 */
async function serveOnReplica(ctx: ApiCallContext, text: string, target: string | undefined, where: Where): Promise<Response> {
  const version = ctx.account.version;
  let { response, scope } = await runOnReplica(ctx, text, target, where);
  if (response.status >= 500 && ctx.account.version !== version && ctx.caller) {
    const again = { ...ctx };
    const resolved = await ctx.account.resolveCredentials({ accessKeyId: ctx.caller.accessKeyId, sessionToken: ctx.caller.sessionToken }).catch(() => undefined);
    if (resolved) {
      again.caller = { ...resolved, accessKeyId: ctx.caller.accessKeyId, ...(ctx.caller.sessionToken !== undefined ? { sessionToken: ctx.caller.sessionToken } : {}) };
      ({ response, scope } = await runOnReplica(again, text, target, where));
    }
  }
  if (scope.records.length === 0) {
    const record = fallbackRecord(ctx.account, ctx, scope.decisions[0], response.status);
    if (record) scope.records.push(record);
  }
  const denials = scope.decisions.filter((d: DecisionRecord) => !d.allowed && d.decisions.some((x) => x.decision !== "Allow"));
  const keyUses = keyUse(ctx.caller, ctx.service, ctx.region);
  if (scope.records.length || denials.length || keyUses.length) {
    const stored = where.rpc.record(where.accountId, { records: scope.records, decisions: denials, keyUses });
    if (denials.length) await stored;
    else where.deps.waitUntil(stored.catch((err: unknown) => console.error(`iam-edge: audit records of ${ctx.requestId} not stored: ${String(err)}`)));
  }
  return response;
}

/** The caller's long-term key use, once a minute per key and isolate. */
function keyUse(caller: CallerIdentity | undefined, service: string, region: string): KeyUse[] {
  if (!caller || !caller.accessKeyId.startsWith("AKIA")) return [];
  const now = Date.now();
  const last = keyUseSent.get(caller.accessKeyId);
  if (last !== undefined && now - last < KEY_USE_EVERY_MS) return [];
  keyUseSent.set(caller.accessKeyId, now);
  if (keyUseSent.size > 10_000) keyUseSent.delete(keyUseSent.keys().next().value as string);
  return [{ accessKeyId: caller.accessKeyId, service, region, time: new Date(now).toISOString() }];
}

/**
 * An unsigned query request: STS's AssumeRoleWithWebIdentity (its token is the proof; STS API
 * Reference), run in the account that owns the role; anything else is MissingAuthenticationToken.
 */
async function serveUnsigned(request: Request, deps: ServiceDeps, requestId: string): Promise<Response> {
  const now = deps.config.now();
  const text = request.method === "GET" ? new URL(request.url).search.slice(1) : bodyText(await readBody(request.body, MAX_BODY_BYTES, request.headers.get("content-length")));
  const params = parseForm(text);
  const action = params.get("Action") ?? "";
  const service = params.get("Version") === STS_MODEL.version ? "sts" : "iam";
  if (service !== "sts" || !UNSIGNED.has(action)) {
    return refusalResponse(service, new QueryError("MissingAuthenticationToken", 403, "Request is missing Authentication Token"), requestId);
  }
  const accountId = /^arn:[^:]+:iam::(\d{12}):role\//.exec(params.get("RoleArn") ?? "")?.[1];
  if (accountId === undefined || !(await servesAccount(accountId, deps))) {
    return refusalResponse("sts", new QueryError("AccessDenied", 403, `Not authorized to perform sts:${action}`), requestId);
  }
  const sourceIp = request.headers.get("cf-connecting-ip") ?? undefined;
  const region = "us-east-1";
  const context = requestContext({ url: request.url, headers: request.headers, sourceIp, now }, { region, service: "sts", presigned: false, signedAt: now, payloadHash: "UNSIGNED-PAYLOAD" });
  const call: ForwardedCall = { accountId, service: "sts", body: text, region, context, requestId, time: now.toISOString(), origin: deps.origin };
  if (sourceIp) call.sourceIp = sourceIp;
  return fromAnswer(await deps.account(accountId).execute(call));
}
