/**
 * @module edge/http/fetch-handler
 * IAM in front of any origin as a plain `fetch` handler: `iamFetch(options, origin)` returns
 * `(request) => Promise<Response>` that authorizes each request and calls `origin` with the
 * forwardable request when it is allowed. A body that fails verification while the origin reads
 * it (a bad chunk signature, a checksum mismatch) makes the origin call fail; the handler answers
 * that error in the service's shape (if the origin has not answered yet).
 * @example
 * export default { fetch: iamFetch({ accounts: account, service: "execute-api", executeApi: { accountId, apiId: "orders" } }, (req) => fetch(originUrl(req), req)) };
 */
import { SigV4Error, dialectOf } from "../sigv4/errors.ts";
import { authorizeEdgeRequest, type EdgeAuthorizerOptions, type EdgeOutcome } from "./authorize-request.ts";
import { errorResponse } from "./responses.ts";

export type Origin = (request: Request, outcome: EdgeOutcome & { allowed: true }) => Response | Promise<Response>;

export function iamFetch(options: EdgeAuthorizerOptions, origin: Origin): (request: Request) => Promise<Response> {
  return async (request) => {
    const outcome = await authorizeEdgeRequest(request, options);
    if (!outcome.allowed) return outcome.response;
    try {
      return await origin(outcome.forward, outcome);
    } catch (err) {
      const cause = err instanceof SigV4Error ? err : (err as { cause?: unknown })?.cause;
      if (cause instanceof SigV4Error) return errorResponse(dialectOf(options.service), cause, outcome.requestId, options.service);
      throw err;
    }
  };
}
