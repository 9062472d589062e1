/**
 * @module test/runtimes/workerd/edge-example
 * The example Worker (examples/edge-authorizer) in workerd, from the built package: keys made by
 * the account model, requests signed by @smithy/signature-v4, decided as S3 would (allowed,
 * denied by a missing allow, by an explicit deny, by a policy variable on s3:prefix), the
 * request id of a denial fetched back with its explanation, and a forged signature refused.
 */
import { describe, expect, it } from "vitest";
import worker from "../../../examples/edge-authorizer/src/worker.ts";
import { smithySign, toServerRequest, type Spec } from "../../unit/edge/signers.ts";

const env = { ADMIN_TOKEN: "test-admin-token" };
const call = (r: Request) => worker.fetch(r, env);

async function key(user: string) {
  const res = await call(new Request(`https://edge.example.com/_admin/keys?user=${user}`, { method: "POST", headers: { authorization: "Bearer test-admin-token" } }));
  expect(res.status).toBe(200);
  const k = (await res.json()) as { AccessKeyId: string; SecretAccessKey: string };
  return { accessKeyId: k.AccessKeyId, secretAccessKey: k.SecretAccessKey };
}

const spec = (method: string, segments: string[], creds: Spec["creds"], over: Partial<Spec> = {}): Spec => ({
  service: "s3", region: "us-east-1", method, host: "edge.example.com", segments, query: [], headers: {}, date: new Date(), creds, ...over,
});
const send = async (s: Spec) => call(toServerRequest(await smithySign(s)) as Request);

describe("workerd: the edge-authorizer example", () => {
  it("decides S3 requests with the account model's keys and policies", async () => {
    const reader = await key("reader");
    const ok = await send(spec("GET", ["reports", "q1.csv"], reader));
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ principal: "arn:aws:iam::111122223333:user/reader", method: "GET", path: "/reports/q1.csv", bytes: 0 });
    const secret = await send(spec("GET", ["reports", "secret", "pay.csv"], reader));
    expect(secret.status).toBe(403);
    expect(await secret.text()).toContain("with an explicit deny in an identity-based policy");
    expect((await send(spec("GET", ["reports"], reader, { query: [["list-type", "2"], ["prefix", "reports/2026"]] }))).status).toBe(200);
    expect((await send(spec("GET", ["reports"], reader, { query: [["list-type", "2"], ["prefix", "payroll/"]] }))).status).toBe(403);
    const writer = await key("writer");
    const put = await send(spec("PUT", ["reports", "inbox", "new.csv"], writer, { body: new TextEncoder().encode("a,b\n1,2\n") }));
    expect(await put.json()).toMatchObject({ method: "PUT", bytes: 8 });
  });

  it("a denial's request id fetches its decision record with the engine's explanation", async () => {
    const writer = await key("writer");
    const denied = await send(spec("DELETE", ["reports", "q1.csv"], writer));
    expect(denied.status).toBe(403);
    const id = denied.headers.get("x-amz-request-id")!;
    const record = await call(new Request(`https://edge.example.com/_admin/decisions/${id}`, { headers: { authorization: "Bearer test-admin-token" } }));
    expect(record.status).toBe(200);
    const body = (await record.json()) as { allowed: boolean; decisions: { action: string; decision: string; explanation?: unknown }[] };
    expect(body.allowed).toBe(false);
    expect(body.decisions[0]).toMatchObject({ action: "s3:DeleteObject", decision: "ImplicitDeny" });
    expect(body.decisions[0].explanation).toBeDefined();
  });

  it("refuses a forged signature and an unknown key", async () => {
    const reader = await key("reader");
    const forged = await send(spec("GET", ["reports", "q1.csv"], { ...reader, secretAccessKey: "not-the-secret" }));
    expect(forged.status).toBe(403);
    expect(await forged.text()).toContain("<Code>SignatureDoesNotMatch</Code>");
    const unknown = await send(spec("GET", ["reports", "q1.csv"], { accessKeyId: "AKIAUNKNOWNKEY000000", secretAccessKey: "x" }));
    expect(await unknown.text()).toContain("<Code>InvalidAccessKeyId</Code>");
  });
});
