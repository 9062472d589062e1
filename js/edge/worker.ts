/**
 * @module edge/worker
 * The iam-edge Worker. For now it serves the policy playground (dist/playground, Workers static
 * assets through the `ASSETS` binding) and `/healthz`; it is where the edge authorizer (SigV4
 * verification, request-to-action mapping, the IAM/STS wire API) will live. The engine is created
 * at module scope, once per isolate, through the package's `workerd` entry, so `/healthz` also
 * proves the Wasm core loads and decides at the edge.
 *
 * Static assets are matched before the Worker runs: a path that names a file in dist/playground
 * never reaches `fetch` below. `engine.wasm` is served as `application/wasm` by the asset server
 * (content type from the extension), so browsers compile it while streaming.
 */
import { createEngine } from "iam-edge";

/** The part of the `Fetcher` binding used here (the assets binding). */
interface AssetsBinding {
  fetch(request: Request): Promise<Response>;
}

export interface Env {
  ASSETS: AssetsBinding;
}

const engine = await createEngine();
const probe = engine.compile(
  { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::healthz/*" }] },
  { kind: "identity", id: "healthz" },
);

function health(): Response {
  const decision = engine.authorize(
    { principal: "arn:aws:iam::111122223333:user/healthz", action: "s3:GetObject", resource: "arn:aws:s3:::healthz/probe" },
    { identity: [probe] },
  ).decision;
  const ok = decision === "Allow";
  return Response.json({ ok, engine: ok ? "ready" : `unexpected decision ${decision}` }, {
    status: ok ? 200 : 500,
    headers: { "cache-control": "no-store" },
  });
}

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    const url = new URL(request.url);
    if (url.pathname === "/healthz") return health();
    if (request.method !== "GET" && request.method !== "HEAD") {
      return new Response("method not allowed\n", { status: 405, headers: { allow: "GET, HEAD" } });
    }
    // Anything else that is not a file: let the asset server answer (index.html for `/`, 404).
    return env.ASSETS.fetch(request);
  },
};
