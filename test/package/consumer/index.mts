/**
 * @module test/package/consumer/index
 * A TypeScript consumer of the installed tarball, type-checked (never run) by test/package/run.mjs
 * under `tsc --init`'s defaults, with `"lib": ["ES2022"]` and no @types/node, and with library
 * declarations checked (`skipLibCheck: false`).
 */
import { Account, createEngine, type AuthorizationResult, type CompiledPolicy, type Decision } from "iam-edge";
import { createEngine as createDecider } from "iam-edge/engine";

const engine = await createEngine();
const policy: CompiledPolicy = engine.compile(
  { Version: "2012-10-17", Statement: [{ Sid: "ReadReports", Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::reports/*" }] },
  { kind: "identity", id: "Reports" },
);
const result: AuthorizationResult = engine.authorize(
  { principal: "arn:aws:iam::111122223333:user/alice", action: "s3:GetObject", resource: "arn:aws:s3:::reports/q1.csv" },
  { identity: [policy] },
);
export const decision: Decision = result.decision;
export const sid: string | undefined = result.matchedStatements[0]?.sid;
export const account: Account = await Account.create({ accountId: "111122223333", engine });
export const decider = await createDecider();
policy.dispose();
