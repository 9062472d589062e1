/**
 * @module edge/s3-service/route-s3
 * Which requests of the one origin are S3's (docs/edge.md, "One origin"), on top of the service's
 * routing (service/route.ts):
 * - a SigV4 scope naming `s3` (header or presigned URL);
 * - a Host below an S3 endpoint (`<bucket>.localhost`): virtual-hosted style, signed or not;
 * - an unsigned request on a path below `/` (`/<bucket>[/<key>]`): anonymous S3, except a GET or
 *   HEAD that names one of the playground's files, which the asset server answers (a bucket named
 *   like one of those files is reached anonymously only virtual-hosted).
 * Everything else keeps its route (IAM, STS, CloudTrail, the playground at `/`, health, explain).
 */
import type { Route } from "../service/route.ts";
import type { ServiceDeps } from "../service/serve-call.ts";
import { errorResponse } from "../http/responses.ts";
import { s3Endpoints, type S3Env } from "./env.ts";
import { serveS3 } from "./serve-s3.ts";

function virtualHosted(request: Request, endpoints: string[]): boolean {
  const host = (request.headers.get("host") ?? new URL(request.url).host).replace(/:\d+$/, "").toLowerCase();
  return endpoints.some((e) => host.endsWith(`.${e}`) && host.length > e.length + 1);
}

/** The S3 answer to a request that is S3's, or undefined for the service's other routes. */
export async function routeS3(route: Route, request: Request, env: S3Env, deps: () => ServiceDeps): Promise<Response | undefined> {
  const serve = () => {
    try {
      return serveS3(request, env, deps());
    } catch (err) {
      return errorResponse("s3", { code: "ServiceUnavailable", status: 503, message: `iam-edge is misconfigured: ${(err as Error).message}` }, crypto.randomUUID());
    }
  };
  if (route.kind === "s3") return serve();
  const unsigned = route.kind === "playground" || route.kind === "method-not-allowed";
  if (!unsigned) return undefined;
  if (virtualHosted(request, s3Endpoints(env))) return serve();
  if (new URL(request.url).pathname === "/") return undefined;
  if (route.kind === "method-not-allowed") return serve();
  const asset = await env.ASSETS.fetch(request);
  return asset.status === 404 ? serve() : asset;
}
