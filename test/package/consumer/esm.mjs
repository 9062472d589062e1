// An ES module consumer of the installed tarball (test/package/run.mjs runs it on each Node).
import { Account, createEngine } from "iam-edge";
import * as engineOnly from "iam-edge/engine";

const engine = await createEngine();
const policy = engine.compile(
  { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::reports/*" }] },
  { kind: "identity" },
);
const { decision } = engine.authorize(
  { principal: "arn:aws:iam::111122223333:user/alice", action: "s3:GetObject", resource: "arn:aws:s3:::reports/q1.csv" },
  { identity: [policy] },
);
const slim = await engineOnly.createEngine();
console.log(JSON.stringify({ decision, account: typeof Account, engineOnly: typeof slim.authorize, engineOnlyHasAccount: "Account" in engineOnly }));
