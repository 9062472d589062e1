/**
 * @module edge/s3-api/auth/caller
 * Who sent an S3 request. A signed request is verified (SigV4, with the account model as the
 * credentials source) and resolved to its principal, as the edge authorizer does; a request
 * with no signature at all is anonymous, which S3 decides on the bucket policy, within the
 * owner's RCPs ("How Amazon S3 authorizes a request", S3 User Guide: anonymous requests are made
 * by the principal `*`). Anything else that does not verify is the verifier's error, in S3's dialect.
 *
 * Anonymous callers get the principal keys AWS documents for them ("AWS global condition
 * context keys": `aws:PrincipalType` `Anonymous`, `aws:userid` `anonymous`; the project's
 * reference gives `aws:PrincipalAccount` `anonymous`) and the request keys that need no
 * signature; the `s3:` signature keys are absent, as there is no signature.
 *
 * A signed caller also brings its account's organization (`account.organization`, put there by
 * whoever keeps the account: the Worker's replica cache, or `applyOrganization`): its SCPs bound
 * every decision of the caller and its keys say which organization the caller is in.
 */
import type { Engine, PolicyBundle } from "../../../engine/engine.ts";
import type { ContextValue } from "../../../engine/request.ts";
import type { OrganizationGuardrails } from "../../../iam/resolve/organization.ts";
import { modelCredentials, resolveCaller, type AccountSource, type Caller, type CallerPrincipal, type ModelCredentials } from "../../authorize/account-credentials.ts";
import { requestContext } from "../../authorize/context.ts";
import { expiredToken, invalidAccessKeyId, SigV4Error } from "../../sigv4/errors.ts";
import type { VerifiedRequest, VerifyOptions } from "../../sigv4/types.ts";
import { verifySigV4 } from "../../sigv4/verify.ts";

export const ANONYMOUS = "anonymous";

export interface S3Caller {
  anonymous: boolean;
  /** The caller's ARN, or `anonymous`. */
  principal: string;
  /** The caller's account (undefined for anonymous callers). */
  accountId?: string;
  /** The account's root user. */
  root: boolean;
  /** The engine inputs (an empty set for anonymous callers). */
  resolved: CallerPrincipal;
  /** The request context AWS sets (request keys and the principal's). */
  context: Record<string, ContextValue>;
  /** The body to read: verified as it streams for signed requests, as sent for anonymous ones. */
  body: ReadableStream<Uint8Array> | null;
  verified?: VerifiedRequest<ModelCredentials>;
  caller?: Caller;
  /** The guardrails of the caller's account's organization (absent: in none, or anonymous). */
  organization?: OrganizationGuardrails;
}

export interface CallerOptions {
  accounts: AccountSource;
  engine: Engine;
  now: Date;
  /** The regions accepted in the scope (default any). */
  region?: VerifyOptions["region"];
  /** The raw request target's path, where the server has it (keys with `.` segments). */
  path?: string;
  sourceIp?: string;
  verify?: Pick<VerifyOptions, "maxSkewMs" | "maxChunkSize" | "maxLineLength">;
}

const emptyBundles = new WeakMap<Engine, PolicyBundle>();

/** An anonymous caller's engine inputs: no policy of its own. */
function anonymousPrincipal(engine: Engine): CallerPrincipal {
  let bundle = emptyBundles.get(engine);
  if (!bundle) {
    bundle = engine.link({});
    emptyBundles.set(engine, bundle);
  }
  const context = { "aws:PrincipalType": "Anonymous", "aws:userid": ANONYMOUS, "aws:PrincipalAccount": ANONYMOUS };
  return { arn: ANONYMOUS, requestPrincipal: ANONYMOUS, identity: [], bundle, context } as unknown as CallerPrincipal;
}

function tlsVersionOf(request: Request): string | undefined {
  const cf = (request as { cf?: { tlsVersion?: unknown } }).cf;
  return typeof cf?.tlsVersion === "string" ? cf.tlsVersion : undefined;
}

/** The keys of a request without a signature. */
function anonymousContext(request: Request, options: CallerOptions): Record<string, ContextValue> {
  const region = typeof options.region === "string" ? options.region : options.region?.[0] ?? "us-east-1";
  const context = requestContext({ url: request.url, headers: request.headers, sourceIp: options.sourceIp, tlsVersion: tlsVersionOf(request), now: options.now },
    { region, service: "", presigned: false, signedAt: options.now, payloadHash: "" });
  return context;
}

function resolutionError(err: unknown, accessKeyId: string): SigV4Error {
  const code = (err as { code?: unknown } | null)?.code;
  if (code === "ExpiredToken") return expiredToken("s3");
  if (code === "AccessDenied") return new SigV4Error("AccessDenied", 403, (err as Error).message);
  return invalidAccessKeyId("s3", accessKeyId);
}

/**
 * The caller of a request, or the SigV4 error to answer.
 * @example
 * const who = await identifyCaller(request, { accounts, engine, now: new Date() });
 */
export async function identifyCaller(request: Request, options: CallerOptions): Promise<S3Caller | SigV4Error> {
  const verified = await verifySigV4(request, {
    ...options.verify, credentials: modelCredentials(options.accounts), now: options.now, service: "s3", region: options.region, path: options.path,
  });
  if (!verified.ok) {
    if (!verified.anonymous) return new SigV4Error(verified.code, verified.status, verified.message, verified.details);
    const resolved = anonymousPrincipal(options.engine);
    return { anonymous: true, principal: ANONYMOUS, root: false, resolved, context: { ...anonymousContext(request, options), ...resolved.context }, body: request.body };
  }
  let caller: Caller;
  try {
    caller = await resolveCaller(verified);
  } catch (err) {
    return resolutionError(err, verified.accessKeyId);
  }
  const context = { ...requestContext({ url: request.url, headers: request.headers, sourceIp: options.sourceIp, tlsVersion: tlsVersionOf(request), now: options.now }, verified), ...caller.resolved.context };
  return {
    anonymous: false, principal: caller.principal, accountId: caller.resolved.accountId, root: caller.resolved.type === "Account",
    resolved: caller.resolved, context, body: verified.body, verified, caller, organization: verified.credentials.account.organization,
  };
}
