/**
 * @module edge/authorize/decision-record
 * What the authorizer hands the caller's sink for every request it decides: the request id (the
 * one in the response, so an explain endpoint can look the record up), who asked for what, each
 * authorization's decision with the statements that decided, and, for denials, the engine's
 * explanation. Secrets never enter it: no signature, token or key material.
 */
import type { Decision, Explanation, MatchedStatement, ReasonCode } from "../../engine/engine.ts";

export interface DecisionRecord {
  requestId: string;
  /** ISO 8601. */
  time: string;
  service: string;
  /** The S3 operation, or `Invoke` for execute-api. */
  operation: string;
  /** The caller's ARN, or undefined when the request was refused before it was known. */
  principal?: string;
  accessKeyId?: string;
  sourceIp?: string;
  /** True when every authorization allowed. */
  allowed: boolean;
  /** Set when the request failed before authorization (a SigV4 or mapping error). */
  error?: { code: string; message: string };
  decisions: {
    action: string;
    resource: string;
    decision: Decision;
    reason: ReasonCode;
    matchedStatements: MatchedStatement[];
    missingContextValues: string[];
    explanation?: Explanation;
    /**
     * A service rule that replaced the engine's decision (S3: `RestrictPublicBuckets` ignoring a
     * public bucket policy, `BucketOwnerRoot` allowing the owner's root its bucket policy).
     */
    rule?: string;
  }[];
}

/** Where records go: a log, a Durable Object, a KV namespace. Sync or async; errors are swallowed. */
export type DecisionSink = (record: DecisionRecord) => void | Promise<void>;
