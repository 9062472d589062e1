/**
 * @module edge/http/hono
 * The authorizer as Hono middleware. Types only are taken from Hono (a structural context), so
 * this module adds no runtime dependency: `app.use("*", iamAuthorizer(options))`; a refused
 * request gets AWS's error response; an allowed one continues with `c.get("iam")` holding the
 * outcome (`outcome.forward` is the request to hand an origin, its body verified as it streams).
 * @example
 * const app = new Hono<{ Variables: { iam: AllowedOutcome } }>();
 * app.use("*", iamAuthorizer({ accounts: account, service: "s3" }));
 * app.all("*", (c) => fetch(new Request(originFor(c.req.url), c.get("iam").forward)));
 */
import { authorizeEdgeRequest, type EdgeAuthorizerOptions, type EdgeOutcome } from "./authorize-request.ts";

export type AllowedOutcome = EdgeOutcome & { allowed: true };

/** The part of Hono's Context the middleware uses. */
export interface HonoLikeContext {
  req: { raw: Request };
  set(key: "iam", value: AllowedOutcome): void;
}

export type HonoLikeNext = () => Promise<void>;

export function iamAuthorizer(options: EdgeAuthorizerOptions): (c: HonoLikeContext, next: HonoLikeNext) => Promise<Response | void> {
  return async (c, next) => {
    const outcome = await authorizeEdgeRequest(c.req.raw, options);
    if (!outcome.allowed) return outcome.response;
    c.set("iam", outcome);
    await next();
  };
}
