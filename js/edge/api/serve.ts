/**
 * @module edge/api/serve
 * `serveAwsApi`: one request of an AWS client to the IAM, STS or CloudTrail API, the whole way:
 * find the API (detect.ts), verify the signature and resolve the caller (verify-caller.ts),
 * read the parameters, serve the call (query-handler.ts, cloudtrail-api/handler.ts), answer in
 * AWS's shape. Signed requests are verified before their body is parsed; an unsigned request is
 * read only to find whether it is one of STS's unsigned operations (AssumeRoleWithWebIdentity),
 * else it is MissingAuthenticationToken. Never throws for a bad request; every request hands
 * `onDecision` one DecisionRecord.
 */
import type { Account } from "./model.ts";
import type { AccountSource } from "../authorize/account-credentials.ts";
import { requestContext } from "../authorize/context.ts";
import type { DecisionRecord, DecisionSink } from "../authorize/decision-record.ts";
import { QueryError, queryErrorResponse } from "../aws-query/errors.ts";
import { DEFAULT_FORM_LIMITS, parseForm, type FormLimits } from "../aws-query/form.ts";
import { STS_MODEL } from "../aws-query/models/sts.ts";
import type { AuditStore } from "../cloudtrail-api/audit-store.ts";
import { handleCloudTrail } from "../cloudtrail-api/handler.ts";
import { jsonErrorFromQuery } from "../cloudtrail-api/sigv4-errors.ts";
import { jsonErrorResponse } from "../cloudtrail-api/json-errors.ts";
import { UNSIGNED } from "../sts-api/operations.ts";
import type { ApiCallContext, ApiService } from "./call-context.ts";
import { detectApi, signedScope } from "./detect.ts";
import { handleQueryApi } from "./query-handler.ts";
import { bodyText, readBody } from "./read-body.ts";
import { verifyCall } from "./verify-caller.ts";

/** An account, or a lookup by the signing access key or (unsigned web identity) the role's account. */
export type AccountLookup = Account | ((query: { accessKeyId?: string; accountId?: string }) => Account | undefined | Promise<Account | undefined>);

export interface ApiLimits extends FormLimits {
  /** Largest request body, bytes (default 2 MiB: several 131,072-character policies, URL-encoded). */
  maxBodyBytes: number;
}

export const DEFAULT_API_LIMITS: ApiLimits = { ...DEFAULT_FORM_LIMITS, maxBodyBytes: 2 * 1024 * 1024 };

export interface AwsApiOptions {
  account: AccountLookup;
  /** What LookupEvents reads; without it LookupEvents finds nothing. */
  auditStore?: AuditStore;
  onDecision?: DecisionSink;
  now?: () => Date;
  /** The client's address (default: the `CF-Connecting-IP` header). */
  sourceIp?: (request: Request) => string | undefined;
  /** The request id (default `crypto.randomUUID()`). */
  requestId?: () => string;
  limits?: Partial<ApiLimits>;
  /** Regions accepted in signatures (default any). */
  region?: string | readonly string[];
  /** The region of unsigned calls (default `us-east-1`). */
  defaultRegion?: string;
  /** The request target's raw path, where the runtime has it (verifySigV4's `path`). */
  path?: string;
}

const EMPTY_STORE: AuditStore = { lookup: () => ({ records: [] }) };

function accountSource(lookup: AccountLookup): AccountSource {
  return typeof lookup === "function" ? (accessKeyId) => lookup({ accessKeyId }) : lookup;
}

async function emit(sink: DecisionSink | undefined, record: DecisionRecord): Promise<void> {
  try {
    await sink?.(record);
  } catch {
    // The sink's failure must not change the answer.
  }
}

interface Served {
  request: Request;
  options: AwsApiOptions;
  limits: ApiLimits;
  requestId: string;
  now: Date;
  sourceIp?: string;
}

/** A request refused before its call was known: the error in the API's shape, and its record. */
async function refuse(s: Served, service: ApiService | undefined, error: QueryError, accessKeyId?: string): Promise<Response> {
  const record: DecisionRecord = { requestId: s.requestId, time: s.now.toISOString(), service: service ?? "query", operation: "Unknown", allowed: false, decisions: [], error: { code: error.code, message: error.message } };
  if (accessKeyId) record.accessKeyId = accessKeyId;
  if (s.sourceIp) record.sourceIp = s.sourceIp;
  await emit(s.options.onDecision, record);
  if (service === "cloudtrail") return jsonErrorResponse(jsonErrorFromQuery(error), s.requestId);
  return queryErrorResponse(service, error, s.requestId);
}

function callContext(s: Served, fields: Pick<ApiCallContext, "account" | "service" | "region" | "context" | "caller">): ApiCallContext {
  const ctx: ApiCallContext = { ...fields, requestId: s.requestId, now: s.now };
  if (s.options.onDecision) ctx.onDecision = s.options.onDecision;
  if (s.sourceIp) ctx.sourceIp = s.sourceIp;
  return ctx;
}

async function serveSigned(s: Served, service: ApiService): Promise<Response> {
  const call = await verifyCall(s.request, {
    accounts: accountSource(s.options.account), service, now: s.now, maxBody: s.limits.maxBodyBytes,
    sourceIp: s.sourceIp, region: s.options.region, path: s.options.path,
  });
  if ("error" in call) return refuse(s, service, call.error, call.accessKeyId);
  const ctx = callContext(s, { account: call.account, service, region: call.region, context: call.context, caller: call.caller });
  try {
    if (service === "cloudtrail") {
      return await handleCloudTrail(s.request.headers.get("x-amz-target"), bodyText(call.body), { ...ctx, auditStore: s.options.auditStore ?? EMPTY_STORE });
    }
    const text = s.request.method === "GET" ? new URL(s.request.url).search.slice(1) : bodyText(call.body);
    return await handleQueryApi(parseForm(text, s.limits), ctx);
  } catch (err) {
    return refuse(s, service, err instanceof QueryError ? err : new QueryError("InternalFailure", 500, "We encountered an internal error. Please try again."), call.caller.accessKeyId);
  }
}

/** The account of an unsigned STS call: the one given, or the role ARN's account. */
async function unsignedAccount(lookup: AccountLookup, roleArn: string | undefined): Promise<Account | undefined> {
  if (typeof lookup !== "function") return lookup;
  const accountId = /^arn:[^:]+:iam::(\d{12}):/.exec(roleArn ?? "")?.[1];
  return accountId ? lookup({ accountId }) : undefined;
}

async function serveUnsigned(s: Served): Promise<Response> {
  const text = s.request.method === "GET" ? new URL(s.request.url).search.slice(1) : bodyText(await readBody(s.request.body, s.limits.maxBodyBytes, s.request.headers.get("content-length")));
  const params = parseForm(text, s.limits);
  const action = params.get("Action") ?? "";
  if (params.get("Version") !== STS_MODEL.version || !UNSIGNED.has(action)) {
    throw new QueryError("MissingAuthenticationToken", 403, "Request is missing Authentication Token");
  }
  const account = await unsignedAccount(s.options.account, params.get("RoleArn"));
  if (!account) throw new QueryError("AccessDenied", 403, `Not authorized to perform sts:${action}`);
  const region = s.options.defaultRegion ?? "us-east-1";
  const context = requestContext(
    { url: s.request.url, headers: s.request.headers, sourceIp: s.sourceIp, now: s.now },
    { region, service: "sts", presigned: false, signedAt: s.now, payloadHash: "UNSIGNED-PAYLOAD" },
  );
  return handleQueryApi(params, callContext(s, { account, service: "sts", region, context }));
}

/**
 * Serves one AWS API request (see the module doc and docs/edge.md).
 * @example
 * export default { fetch: (request) => serveAwsApi(request, { account, auditStore }) };
 */
export async function serveAwsApi(request: Request, options: AwsApiOptions): Promise<Response> {
  const s: Served = {
    request, options, limits: { ...DEFAULT_API_LIMITS, ...options.limits },
    requestId: options.requestId?.() ?? crypto.randomUUID(), now: options.now?.() ?? new Date(),
  };
  const ip = options.sourceIp ? options.sourceIp(request) : request.headers.get("cf-connecting-ip") ?? undefined;
  if (ip) s.sourceIp = ip;
  const api = detectApi(request);
  if (api === undefined) return refuse(s, undefined, new QueryError("InvalidAction", 400, "The request is not a call of the IAM, STS or CloudTrail API"));
  if (api !== "query") return serveSigned(s, api);
  const scope = signedScope(request);
  if (scope || request.headers.has("authorization") || new URL(request.url).searchParams.has("X-Amz-Algorithm")) {
    // A signature whose scope does not parse: the verifier answers it (IncompleteSignature).
    return serveSigned(s, "iam");
  }
  try {
    return await serveUnsigned(s);
  } catch (err) {
    return refuse(s, "sts", err instanceof QueryError ? err : new QueryError("InternalFailure", 500, "We encountered an internal error. Please try again."));
  }
}
