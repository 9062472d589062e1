/**
 * @module iam/audit
 * Audit records in CloudTrail's shape ("CloudTrail record contents", "CloudTrail userIdentity
 * element", "Logging IAM and AWS STS API calls with AWS CloudTrail"). When an account has a sink
 * (`AccountOptions.audit`, or `account.audit = sink` later), every IAM and STS operation and every
 * direct `account.authorizePrincipal` decision hands it exactly one record, success or failure.
 *
 * How: every operation method of Account calls its plain function through `audited(this,
 * "createUser", users.createUser, input, options)` (audit/run.ts), which builds the record when
 * the call settles; methods that are not operations (findAccessKey, verifyMfaCode,
 * resolvePrincipal, resolveCredentials, timestamp, touch, ...) do not, so they are never
 * recorded. Without a sink `audited` calls straight through.
 *
 * An operation's own authorization check (`authorizeOperation`) emits no record of its own: the
 * operation's record carries it (`errorCode` AccessDenied with AWS's message, and the engine's
 * decision, reason and matched statements in `additionalEventData`). Only direct
 * `authorizePrincipal` calls made outside an audited operation emit decision records.
 *
 * Secrets never appear in a record: request and response fields that carry one (passwords, MFA
 * codes, seeds, secret keys, session and identity tokens) are dropped, and a last pass replaces
 * any string equal to (or containing) a secret the account knows (access key secrets, MFA seeds,
 * the STS session key) or the call carried with `HIDDEN_DUE_TO_SECURITY_REASONS`.
 *
 * A sink may be sync or async. Its errors (thrown or rejected) never reach the operation: they
 * are counted in `account.auditStats()`. `account.flushAudit()` waits for pending async sinks.
 *
 * This file is the audit's public face. The parts live in audit/: run (how calls reach the
 * audit), calls (a call in progress), operations (what is audited), shapes (record types),
 * identity (userIdentity), elements (request and response elements), resources, decisions,
 * records (building them), scrub (the last-line secret scrub) and delivery (sink, stats).
 */
export { EVENT_VERSION, HIDDEN } from "./audit/shapes.ts";
export type {
  CloudTrailSessionContext, CloudTrailUserIdentity, CloudTrailResource, AuditMatchedStatement, AuditDecision,
  CloudTrailRecord, AuditSink, AuditStats,
} from "./audit/shapes.ts";
export { AUDITED_OPERATIONS, type AuditedMethod, type OperationSpec } from "./audit/operations.ts";
export { audited, auditedDecision, currentOperation, noteDecision } from "./audit/run.ts";
export { auditStats, flushAudit } from "./audit/delivery.ts";
export { identityOfArn } from "./audit/identity.ts";
export { resourceOf } from "./audit/resources.ts";
