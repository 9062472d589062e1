/**
 * @module test/runtimes/workerd/worker
 * A Worker as a user writes one: the engine and the policy are created at module scope, once per
 * isolate, and each request is one decision. `GET /?action=...&resource=...` answers the
 * decision and the statement that decided, as JSON.
 */
import { createEngine } from "iam-edge";

const engine = await createEngine();
const policy = engine.compile(
  {
    Version: "2012-10-17",
    Statement: [
      { Sid: "ReadReports", Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::reports/*" },
      { Sid: "NoSecrets", Effect: "Deny", Action: "s3:*", Resource: "arn:aws:s3:::reports/secret/*" },
    ],
  },
  { kind: "identity", id: "Reports" },
);
let decisions = 0;

export default {
  async fetch(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const result = engine.authorize(
      {
        principal: "arn:aws:iam::111122223333:user/alice",
        action: url.searchParams.get("action") ?? "s3:GetObject",
        resource: url.searchParams.get("resource") ?? "*",
      },
      { identity: [policy] },
    );
    decisions++;
    return Response.json({ decision: result.decision, sid: result.matchedStatements[0]?.sid ?? null, decisions });
  },
};
