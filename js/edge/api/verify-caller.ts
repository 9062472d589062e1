/**
 * @module edge/api/verify-caller
 * The signed part of an API call: SigV4 verified with the account model as the credentials
 * source (`modelCredentials`, js/edge/authorize), the body read through the verifier (so its
 * hash is checked) within the limit, and the caller resolved (`resolveCaller`). A session's
 * token is verified once: the resolution the credentials source makes before it derives the
 * session's secret is kept and used as the caller (a long-term key's is made after the
 * signature verified, so that a forged request records no key use). A refusal is
 * the error AWS answers (the verifier's codes and statuses for the query dialect;
 * ExpiredToken 403, AccessDenied 403 for a revoked session, InvalidClientTokenId otherwise).
 */
import type { Account } from "./model.ts";
import type { ContextValue } from "../../engine/request.ts";
import { modelCredentials, resolveCaller, type AccountSource, type Caller, type ModelCredentials } from "../authorize/account-credentials.ts";
import { deriveSecretAccessKey } from "../../sts/credentials.ts";
import type { CredentialsSource } from "../sigv4/types.ts";
import { requestContext } from "../authorize/context.ts";
import { QueryError } from "../aws-query/errors.ts";
import { SigV4Error } from "../sigv4/errors.ts";
import type { VerifiedRequest, VerifyOptions } from "../sigv4/types.ts";
import { verifySigV4 } from "../sigv4/verify.ts";
import type { CallerIdentity } from "./call-context.ts";
import { readBody } from "./read-body.ts";

export interface VerifiedCall {
  account: Account;
  region: string;
  caller: CallerIdentity;
  context: Record<string, ContextValue>;
  body: Uint8Array;
}

export interface VerifyCallOptions {
  accounts: AccountSource;
  service: string;
  now: Date;
  maxBody: number;
  sourceIp?: string;
  region?: VerifyOptions["region"];
  path?: string;
}

function tlsVersionOf(request: Request): string | undefined {
  const cf = (request as { cf?: { tlsVersion?: unknown } }).cf;
  return typeof cf?.tlsVersion === "string" ? cf.tlsVersion : undefined;
}

/** A failure as a QueryError (SigV4Error and the model's errors carry code and status). */
function refusal(err: unknown): QueryError {
  const e = err as { code?: unknown; status?: unknown; message?: unknown };
  if (err instanceof QueryError) return err;
  if (err instanceof SigV4Error || (typeof e?.code === "string" && typeof e.status === "number")) return new QueryError(String(e.code), Number(e.status), String(e.message));
  return new QueryError("InternalFailure", 500, "We encountered an internal error. Please try again.");
}

/** The model's refusal of a verified key's principal, as IAM and STS answer it. */
function resolutionRefusal(err: unknown): QueryError {
  const code = (err as { code?: unknown } | null)?.code;
  if (code === "ExpiredToken") return new QueryError("ExpiredToken", 403, "The security token included in the request is expired");
  if (code === "AccessDenied") return new QueryError("AccessDenied", 403, (err as Error).message);
  return new QueryError("InvalidClientTokenId", 403, "The security token included in the request is invalid.");
}

type ApiCredentials = ModelCredentials & { caller?: Caller };

/** modelCredentials, keeping a session's resolution (see the module doc). */
function apiCredentials(source: AccountSource): CredentialsSource<ApiCredentials> {
  const base = modelCredentials(source);
  return async (query) => {
    if (!query.accessKeyId.startsWith("ASIA")) return base(query);
    const account = typeof source === "function" ? await source(query.accessKeyId) : source;
    if (!account) return undefined;
    const caller = await account.resolveCredentials({ accessKeyId: query.accessKeyId, sessionToken: query.sessionToken }, { serviceName: query.service, region: query.region });
    return { secretAccessKey: await deriveSecretAccessKey(account, query.accessKeyId), account, caller };
  };
}

/**
 * Verifies, reads and resolves; never throws for a bad request.
 * @returns the call, or `{ error, accessKeyId? }`
 */
export async function verifyCall(request: Request, options: VerifyCallOptions): Promise<VerifiedCall | { error: QueryError; accessKeyId?: string }> {
  let verified;
  try {
    verified = await verifySigV4(request, {
      credentials: apiCredentials(options.accounts), now: options.now, service: options.service, region: options.region,
      path: options.path, maxBufferedBody: options.maxBody,
    });
  } catch (err) {
    return { error: refusal(err) };
  }
  if (!verified.ok) return { error: new QueryError(verified.code, verified.status, verified.message), accessKeyId: verified.accessKeyId };
  let body: Uint8Array;
  try {
    body = await readBody(verified.body, options.maxBody);
  } catch (err) {
    return { error: refusal(err), accessKeyId: verified.accessKeyId };
  }
  let caller;
  try {
    caller = verified.credentials.caller ?? await resolveCaller(verified as VerifiedRequest<ModelCredentials>);
  } catch (err) {
    return { error: resolutionRefusal(err), accessKeyId: verified.accessKeyId };
  }
  const context = requestContext({ url: request.url, headers: request.headers, sourceIp: options.sourceIp, tlsVersion: tlsVersionOf(request), now: options.now }, verified);
  const identity: CallerIdentity = { ...caller, accessKeyId: verified.accessKeyId };
  if (verified.sessionToken !== undefined) identity.sessionToken = verified.sessionToken;
  return { account: verified.credentials.account, region: verified.region, caller: identity, context, body };
}
