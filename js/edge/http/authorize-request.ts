/**
 * @module edge/http/authorize-request
 * The whole edge decision for one request, the flow of docs/edge.md: verify SigV4 with the
 * account model as the credentials source → resolve the principal → map the request to its
 * authorizations (S3's table, or API Gateway's `execute-api:Invoke`) → add the context AWS sets →
 * decide each with the engine → hand the record to the sink → either the request to forward
 * (credentials removed, body verified as it streams) or AWS's error response.
 */
import type { CompiledPolicy } from "../../engine/engine.ts";
import type { OrganizationGuardrails } from "../../iam/resolve/organization.ts";
import { modelCredentials, resolveCaller, type AccountSource, type ModelCredentials } from "../authorize/account-credentials.ts";
import { requestContext } from "../authorize/context.ts";
import { decideAll, type AuthorizationDecision, type AuthorizationInput } from "../authorize/decide.ts";
import type { DecisionRecord, DecisionSink } from "../authorize/decision-record.ts";
import { denialMessage } from "../authorize/denial-message.ts";
import { newRequestId } from "../authorize/request-id.ts";
import { executeApiAuthorization, type ExecuteApiOptions } from "../execute-api/invoke.ts";
import { mapS3Request, type S3MapOptions } from "../s3/map-request.ts";
import { dialectOf, expiredToken, invalidAccessKeyId, type Dialect } from "../sigv4/errors.ts";
import type { VerifiedRequest, VerifyOptions } from "../sigv4/types.ts";
import { verifySigV4 } from "../sigv4/verify.ts";
import { accessDeniedResponse, errorResponse } from "./responses.ts";
import { forwardRequest } from "./forward.ts";

export interface EdgeAuthorizerOptions {
  /** The account model that holds the keys and policies (one account, or a lookup by access key id). */
  accounts: AccountSource;
  /** What the origin is: S3's API (`s3`) or any HTTP API, authorized as API Gateway does (`execute-api`). */
  service: "s3" | "execute-api";
  /** Regions accepted in the signature's scope (default: any). */
  region?: string | readonly string[];
  s3?: S3MapOptions;
  /** Required for `execute-api`. */
  executeApi?: ExecuteApiOptions;
  /** The resource's policy for a request (e.g. the bucket policy of `mapping.bucket`). */
  resourcePolicy?: (target: { operation: string; bucket?: string; key?: string }) => CompiledPolicy | undefined;
  /**
   * The account that owns the resource (S3 ARNs carry none: the bucket owner's). Another account
   * than the caller's makes the request cross-account: both the caller's policies and the
   * resource's policy must allow it. Default: the account in the resource ARN, else the caller's.
   */
  resourceAccount?: (target: { operation: string; bucket?: string; key?: string }) => string | undefined;
  /**
   * The guardrails of another account's organization (`account.organization` of the account
   * `resourceAccount` names): its RCPs and `aws:ResourceOrg*` keys. The caller's own account's
   * organization (its SCPs, `aws:PrincipalOrg*`, and its RCPs on its own resources) is read from
   * the caller's account without it.
   */
  resourceOrganization?: (accountId: string) => OrganizationGuardrails | undefined;
  /** The client address (default: the `CF-Connecting-IP` header Cloudflare sets). */
  sourceIp?: (request: Request) => string | undefined;
  /** Receives one record per request decided or refused. */
  onDecision?: DecisionSink;
  /** The clock (tests pin it). */
  now?: () => Date;
  /** verifySigV4's limits and path options. */
  verify?: Pick<VerifyOptions, "path" | "maxSkewMs" | "maxChunkSize" | "maxLineLength" | "maxBufferedBody">;
}

export type EdgeOutcome =
  | { allowed: true; requestId: string; principal: string; forward: Request; record: DecisionRecord; verified: VerifiedRequest<ModelCredentials> }
  | { allowed: false; requestId: string; response: Response; record: DecisionRecord };

function tlsVersionOf(request: Request): string | undefined {
  const cf = (request as { cf?: { tlsVersion?: unknown } }).cf;
  return typeof cf?.tlsVersion === "string" ? cf.tlsVersion : undefined;
}

async function emit(sink: DecisionSink | undefined, record: DecisionRecord): Promise<void> {
  if (!sink) return;
  try {
    await sink(record);
  } catch {
    // The sink's failure must not change the answer.
  }
}

function refusal(d: Dialect, record: DecisionRecord, e: { code: string; status: number; message: string; details?: Record<string, string> }, service: string): EdgeOutcome & { allowed: false } {
  record.error = { code: e.code, message: e.message };
  return { allowed: false, requestId: record.requestId, response: errorResponse(d, e, record.requestId, service), record };
}

/** Maps errors of the principal's resolution (a session revoked or expired meanwhile) to the dialect. */
function resolutionError(d: Dialect, err: unknown, accessKeyId: string) {
  // The model's IamError, recognised by its code (no import of the model's runtime here).
  const code = (err as { code?: unknown } | null)?.code;
  if (code === "ExpiredToken") return expiredToken(d);
  if (code === "AccessDenied") return { code: d === "execute-api" ? "AccessDeniedException" : "AccessDenied", status: 403, message: (err as Error).message };
  return invalidAccessKeyId(d, accessKeyId);
}

/** Decides one request; never throws for a bad request. */
export async function authorizeEdgeRequest(request: Request, options: EdgeAuthorizerOptions): Promise<EdgeOutcome> {
  const now = options.now?.() ?? new Date();
  const d = dialectOf(options.service);
  const requestId = newRequestId();
  const sourceIp = options.sourceIp ? options.sourceIp(request) : request.headers.get("cf-connecting-ip") ?? undefined;
  const record: DecisionRecord = { requestId, time: now.toISOString(), service: options.service, operation: "Unknown", allowed: false, decisions: [], ...(sourceIp ? { sourceIp } : {}) };
  const outcome = await decideRequest(request, options, d, now, record, sourceIp);
  await emit(options.onDecision, record);
  return outcome;
}

type Target = { operation: string; bucket?: string; key?: string };
type ErrorLike = { code: string; status: number; message: string; details?: Record<string, string> };
interface Mapped {
  target: Target;
  authorizations: AuthorizationInput[];
  body: ReadableStream<Uint8Array> | Uint8Array | null;
}

/** The request's authorizations for the service, or the error that ends it. */
async function mapForService(request: Request, verified: VerifiedRequest<ModelCredentials>, options: EdgeAuthorizerOptions): Promise<Mapped | ErrorLike> {
  const path = options.verify?.path;
  if (options.service === "execute-api") {
    if (!options.executeApi) throw new TypeError("executeApi options are required for the execute-api service");
    const invoke = executeApiAuthorization(request.method, path ?? new URL(request.url).pathname, verified.region, options.executeApi);
    return { target: { operation: "Invoke" }, authorizations: [invoke], body: verified.body };
  }
  try {
    const mapping = await mapS3Request({ method: request.method, url: request.url, headers: request.headers, body: verified.body }, { ...options.s3, path: path ?? options.s3?.path });
    if (mapping.operation === "Unknown") return { code: "NotImplemented", status: 501, message: "A header you provided implies functionality that is not implemented" };
    return { target: mapping, authorizations: mapping.authorizations, body: mapping.body ?? verified.body };
  } catch (err) {
    // MalformedXML, or the verified body's own error while DeleteObjects' keys were read.
    const e = err as Partial<ErrorLike>;
    if (typeof e?.code === "string" && typeof e.status === "number") return err as ErrorLike;
    throw err;
  }
}

async function decideRequest(request: Request, options: EdgeAuthorizerOptions, d: Dialect, now: Date, record: DecisionRecord, sourceIp: string | undefined): Promise<EdgeOutcome> {
  const verified = await verifySigV4(request, { ...options.verify, credentials: modelCredentials(options.accounts), now, service: options.service, region: options.region });
  if (!verified.ok) return refusal(d, record, verified, options.service);
  record.accessKeyId = verified.accessKeyId;
  let caller;
  try {
    caller = await resolveCaller(verified);
  } catch (err) {
    return refusal(d, record, resolutionError(d, err, verified.accessKeyId), options.service);
  }
  record.principal = caller.principal;
  const mapped = await mapForService(request, verified, options);
  if (!("target" in mapped)) return refusal(d, record, mapped, options.service);
  record.operation = mapped.target.operation;
  const context = requestContext({ url: request.url, headers: request.headers, sourceIp, tlsVersion: tlsVersionOf(request), now }, verified);
  // The organizations (js/edge/authorize/decide.ts): the caller's account's bounds the caller; the
  // resource's account's bounds the resource, the caller's own when no other account owns it.
  const own = verified.credentials.account;
  const resourceAccount = options.resourceAccount?.(mapped.target);
  const resourceOrganization = resourceAccount === undefined || resourceAccount === own.accountId ? own.organization : options.resourceOrganization?.(resourceAccount);
  const decisions = decideAll(own.engine, caller.resolved, mapped.authorizations, context, {
    resourcePolicy: options.resourcePolicy?.(mapped.target), resourceAccount, callerOrganization: own.organization, resourceOrganization,
  });
  record.decisions = decisions.map(toRecord);
  const denied = decisions.find((x) => x.result.decision !== "Allow");
  if (denied) {
    const message = denialMessage(caller.principal, denied.action, denied.resource, denied.result, d === "s3");
    return { allowed: false, requestId: record.requestId, response: accessDeniedResponse(d, message, record.requestId, options.service), record };
  }
  record.allowed = true;
  const forward = forwardRequest({ request, body: mapped.body, decodedContentLength: verified.decodedContentLength, principal: caller.principal, requestId: record.requestId });
  return { allowed: true, requestId: record.requestId, principal: caller.principal, forward, record, verified };
}

function toRecord(x: AuthorizationDecision): DecisionRecord["decisions"][number] {
  const out: DecisionRecord["decisions"][number] = {
    action: x.action, resource: x.resource, decision: x.result.decision, reason: x.result.reason.code,
    matchedStatements: x.result.matchedStatements, missingContextValues: x.result.missingContextValues,
  };
  if (x.explanation) out.explanation = x.explanation;
  return out;
}
