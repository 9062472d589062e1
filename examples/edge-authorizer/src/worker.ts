/**
 * @module examples/edge-authorizer/worker
 * IAM in front of an origin, in a Cloudflare Worker. The account (users and their policies) is
 * the GAAD JSON in ../account.json, loaded once per isolate; every request must be signed with
 * SigV4 by one of its users' access keys (any AWS SDK or the AWS CLI, pointed at this Worker with
 * `--endpoint-url`), and is decided as S3 would decide it. Allowed requests go to `ORIGIN_URL`
 * (or, without one, to a demo origin that echoes who asked for what); denied ones get S3's
 * AccessDenied XML with a request id, whose decision record (`GET /_admin/decisions/<id>`)
 * explains it.
 *
 * Keys: the account model makes them (`CreateAccessKey`); here `POST /_admin/keys?user=reader`
 * with `Authorization: Bearer <ADMIN_TOKEN>` returns one. The account lives in the isolate's
 * memory: a new isolate starts from account.json again (the IAM endpoint of issue 15 keeps it in
 * a Durable Object).
 */
import { createEngine, Account } from "iam-edge";
import { iamFetch, type DecisionRecord } from "iam-edge/edge";
import gaad from "../account.json";

export interface Env {
  /** Bearer token of the admin routes (a Worker secret). */
  ADMIN_TOKEN?: string;
  /** Where allowed requests go (e.g. an R2 public bucket or any HTTP origin); default: the demo origin. */
  ORIGIN_URL?: string;
}

const engine = await createEngine();
const account = await Account.fromAuthorizationDetails(gaad, { accountId: "111122223333", engine });

/** The last decisions, by request id (bounded: an example's stand-in for a durable audit log). */
const decisions = new Map<string, DecisionRecord>();
function remember(record: DecisionRecord): void {
  decisions.set(record.requestId, record);
  if (decisions.size > 1000) decisions.delete(decisions.keys().next().value as string);
}

async function demoOrigin(request: Request, principal: string): Promise<Response> {
  const bytes = request.body ? (await request.arrayBuffer()).byteLength : 0;
  return Response.json({ principal, method: request.method, path: new URL(request.url).pathname, bytes });
}

const protectedFetch = (env: Env) => iamFetch({ accounts: account, service: "s3", onDecision: remember }, (req, outcome) => {
  if (!env.ORIGIN_URL) return demoOrigin(req, outcome.principal);
  const url = new URL(req.url);
  return fetch(new Request(env.ORIGIN_URL.replace(/\/$/, "") + url.pathname + url.search, req));
});

async function admin(request: Request, env: Env): Promise<Response> {
  if (!env.ADMIN_TOKEN || request.headers.get("authorization") !== `Bearer ${env.ADMIN_TOKEN}`) return new Response("forbidden\n", { status: 403 });
  const url = new URL(request.url);
  if (request.method === "POST" && url.pathname === "/_admin/keys") {
    const { AccessKey } = await account.createAccessKey({ UserName: url.searchParams.get("user") ?? "" });
    return Response.json({ AccessKeyId: AccessKey.AccessKeyId, SecretAccessKey: AccessKey.SecretAccessKey });
  }
  const m = /^\/_admin\/decisions\/([0-9A-F]{16})$/.exec(url.pathname);
  if (request.method === "GET" && m) {
    const record = decisions.get(m[1]);
    return record ? Response.json(record) : new Response("no such request id\n", { status: 404 });
  }
  return new Response("not found\n", { status: 404 });
}

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    if (new URL(request.url).pathname.startsWith("/_admin/")) {
      try {
        return await admin(request, env);
      } catch (err) {
        return Response.json({ error: (err as { code?: string }).code ?? "Error", message: (err as Error).message }, { status: 400 });
      }
    }
    return protectedFetch(env)(request);
  },
};
