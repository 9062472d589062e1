/**
 * @module iam/audit/decisions
 * Authorization decisions in a record: the engine's decision, reason and matched statements as
 * `additionalEventData` holds them, and how a decided action is classed (read-only, data event).
 */
import type { AuthorizationResult, MatchedStatement } from "../../engine/engine.ts";
import type { AuditDecision, AuditMatchedStatement } from "./shapes.ts";

export function decisionOf(result: AuthorizationResult): AuditDecision {
  const out: AuditDecision = {
    decision: result.decision,
    reason: result.reason.code,
    matchedStatements: result.matchedStatements.map((s: MatchedStatement) => {
      const m: AuditMatchedStatement = { policyId: s.policyId, statementIndex: s.statementIndex, effect: s.effect };
      if (s.sid !== undefined) m.sid = s.sid;
      return m;
    }),
  };
  if (result.reason.level !== undefined) out.reasonLevel = result.reason.level;
  if (result.missingContextValues.length) out.missingContextValues = [...result.missingContextValues];
  return out;
}

export const READ_PREFIX = /^(Get|List|Describe|Head|Lookup|Search|Query|Scan|BatchGet|Simulate|View|Select|Check|Verify)/;

/** Data events (CloudTrail logs them apart from management events): object, item, invoke and message level actions. */
export function isDataEvent(service: string, name: string): boolean {
  switch (service) {
    case "s3": return /Object|Multipart|^ListBucket/.test(name);
    case "lambda": return /^Invoke/.test(name);
    case "dynamodb": return /Item|^Query$|^Scan$|^PartiQL|^ExecuteStatement$|^BatchExecuteStatement$|^ExecuteTransaction$/.test(name);
    case "sqs": return /Message/.test(name);
    case "sns": return name === "Publish" || name === "PublishBatch";
    default: return false;
  }
}
