/**
 * @module iam/audit
 * Audit records in CloudTrail's shape ("CloudTrail record contents", "CloudTrail userIdentity
 * element", "Logging IAM and AWS STS API calls with AWS CloudTrail"). When an account has a sink
 * (`AccountOptions.audit`, or `account.audit = sink` later), every IAM and STS operation and every
 * direct `account.authorizePrincipal` decision hands it exactly one record, success or failure.
 *
 * How: at import, each operation method of Account.prototype named in `AUDITED_OPERATIONS` is
 * wrapped once (internal helpers such as findAccessKey, verifyMfaCode, resolvePrincipal,
 * resolveCredentials, timestamp or touch are not in the list, so they are never wrapped).
 * Operations that are not installed yet (STS, imported later) get a setter on the prototype that
 * wraps them when they are assigned, so import order does not matter. Without a sink the
 * wrappers call straight through.
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
 * This file is the entry: importing it installs the audit. The parts live in audit/: shapes
 * (record types), operations (what is audited), calls (a call in progress), identity
 * (userIdentity), elements (request and response elements), resources, decisions, records
 * (building them), scrub (the last-line secret scrub), delivery (sink, stats) and install
 * (wrapping Account).
 */
import { installAudit } from "./audit/install.ts";

export { EVENT_VERSION, HIDDEN } from "./audit/shapes.ts";
export type {
  CloudTrailSessionContext, CloudTrailUserIdentity, CloudTrailResource, AuditMatchedStatement, AuditDecision,
  CloudTrailRecord, AuditSink, AuditStats,
} from "./audit/shapes.ts";
export { AUDITED_OPERATIONS, type OperationSpec } from "./audit/operations.ts";
export { identityOfArn } from "./audit/identity.ts";
export { resourceOf } from "./audit/resources.ts";
export { installAudit };

installAudit();
