/**
 * @module edge/worker
 * The iam-edge Worker: one origin (`npm start`: http://127.0.0.1:8787) serving the IAM, STS and
 * CloudTrail APIs to unmodified AWS clients, the decision explanations to an account's
 * administrators, and the policy playground to browsers (route.ts says which request goes
 * where). Each account's state lives in its own Durable Object (service/account-object.ts, SQLite
 * storage), the single writer of its entities, keys, sessions and audit trail; this isolate keeps
 * a copy of each account it serves, stamped with the object's version (service/replicas.ts), so a
 * decision waits on no storage when nothing changed. docs/edge.md has the whole design.
 *
 * The engine is created at module scope, once per isolate (service/runtime.ts), and shared with
 * the Durable Objects that run here.
 */
import { errorResponse } from "./http/responses.ts";
import { ConfigError, configOf } from "./service/config.ts";
import { accountStub, directoryStub, organizationStub, registryStub, type Env } from "./service/env.ts";
import { OrganizationCache } from "./service/organizations.ts";
import { serveOrganizations } from "./service/serve-organizations.ts";
import { serveSso, serveSsoPortal } from "./service/serve-sso.ts";
import { serveExplain } from "./service/explain.ts";
import { health } from "./service/health.ts";
import { KeyLocator } from "./service/key-directory.ts";
import { refusalResponse } from "./service/refusals.ts";
import { ReplicaCache } from "./service/replicas.ts";
import { routeOf } from "./service/route.ts";
import { serveCall, type ServiceDeps } from "./service/serve-call.ts";
import { scopedSink } from "./service/call-scope.ts";
import { engine } from "./service/runtime.ts";
import { routeS3 } from "./s3-service/route-s3.ts";
import type { S3Env } from "./s3-service/env.ts";

export { AccountObject } from "./service/account-object.ts";
export { KeyDirectoryObject } from "./service/key-directory-object.ts";
export { BucketObject, S3AccountObject } from "./s3-service/objects.ts";
export { OrganizationObject } from "./service/organization-object.ts";

/** The isolate's caches, per environment object (one per isolate in practice). */
const isolates = new WeakMap<Env, { locator: KeyLocator; replicas: ReplicaCache; organizations: OrganizationCache }>();

function depsOf(env: Env, ctx: ExecutionContext, origin: string): ServiceDeps {
  const config = configOf(env);
  let shared = isolates.get(env);
  if (!shared) {
    // Records made on a cached copy outside any call (none today) have no call to join: dropped.
    shared = { locator: new KeyLocator(() => directoryStub(env)), replicas: new ReplicaCache({ engine, sink: scopedSink(() => {}), ttlMs: config.stampTtlMs, clock: config.now }), organizations: new OrganizationCache(engine, config.now) };
    isolates.set(env, shared);
  }
  const organizations = { cache: shared.organizations, stub: (m: string) => organizationStub(env, m), registry: registryStub(env) };
  return { config, account: (id) => accountStub(env, id), locator: shared.locator, replicas: shared.replicas, origin, waitUntil: (p) => ctx.waitUntil(p), organizations };
}

export default {
  async fetch(request: Request, env: Env, ctx: ExecutionContext): Promise<Response> {
    const route = routeOf(request);
    const origin = new URL(request.url).origin;
    // S3 (issue 16): signed for s3, virtual-hosted, or anonymous on a bucket path (s3-service/route-s3.ts).
    const s3 = await routeS3(route, request, env as S3Env, () => depsOf(env, ctx, origin));
    if (s3) return s3;
    switch (route.kind) {
      case "health":
        return health(env, engine, origin);
      case "playground":
        // The playground's files (index.html for `/`), or the asset server's 404.
        return env.ASSETS.fetch(request);
      case "method-not-allowed":
        return new Response("method not allowed\n", { status: 405, headers: { allow: "GET, HEAD" } });
      case "s3":
        return errorResponse("s3", { code: "InternalError", status: 500, message: "S3 routing failed" }, crypto.randomUUID());
      case "other-service":
        return errorResponse("query", { code: "NotImplemented", status: 501, message: `This endpoint serves IAM, STS and CloudTrail; the request is signed for ${route.service.slice(0, 64)}` }, crypto.randomUUID());
    }
    let deps: ServiceDeps;
    try {
      deps = depsOf(env, ctx, origin);
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err;
      return refusalResponse(undefined, { code: "ServiceUnavailable", status: 503, message: `iam-edge is misconfigured: ${err.message}` }, crypto.randomUUID());
    }
    if (route.kind === "organizations") return serveOrganizations(request, deps);
    if (route.kind === "sso" || route.kind === "sso-sign-in") return serveSso(request, deps, route.kind === "sso-sign-in");
    if (route.kind === "sso-portal") return serveSsoPortal(request, deps);
    return route.kind === "explain" ? serveExplain(request, deps) : serveCall(request, deps);
  },
};
