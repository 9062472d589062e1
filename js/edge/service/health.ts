/**
 * @module edge/service/health
 * `/healthz`: 200 when the service can take requests: its settings parse, the engine loads and
 * decides at the edge, and the local account's Durable Object answers (which opens it, so on the
 * very first start this is when the root key is generated and its banner printed). 503 otherwise,
 * with the reason.
 */
import type { Engine } from "../../engine/engine.ts";
import { configOf } from "./config.ts";
import type { Env } from "./env.ts";
import { accountStub } from "./env.ts";

function answer(status: number, body: Record<string, unknown>): Response {
  return Response.json(body, { status, headers: { "cache-control": "no-store" } });
}

/** One decision with a compiled policy: proves the Wasm core loads and decides in this isolate. */
function engineReady(engine: Engine): boolean {
  const probe = engine.compile(
    { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::healthz/*" }] },
    { kind: "identity", id: "healthz" },
  );
  try {
    const request = { principal: "arn:aws:iam::111122223333:user/healthz", action: "s3:GetObject", resource: "arn:aws:s3:::healthz/probe" };
    return engine.authorize(request, { identity: [probe] }).decision === "Allow";
  } finally {
    probe.dispose();
  }
}

export async function health(env: Env, engine: Engine, origin: string): Promise<Response> {
  let accountId: string;
  try {
    accountId = configOf(env).localAccountId;
  } catch (err) {
    return answer(503, { ok: false, error: (err as Error).message });
  }
  if (!engineReady(engine)) return answer(503, { ok: false, error: "the engine did not decide as expected" });
  try {
    const { stamp } = await accountStub(env, accountId).health(accountId, origin);
    return answer(200, { ok: true, engine: "ready", accountId, stamp });
  } catch (err) {
    return answer(503, { ok: false, error: `account ${accountId}: ${(err as Error).message}` });
  }
}
