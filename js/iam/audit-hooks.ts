/**
 * @module iam/audit-hooks
 * How operations that decide with the engine directly (STS AssumeRole checks its trust policy
 * itself) tell the audit which decisions they made, without importing the audit (which wraps
 * them). audit.ts installs the receiver; with no audit installed the note is dropped.
 * Operations without an options argument that decide after an `await` (AssumeRoleWithWebIdentity
 * verifies the token first) take `currentOperation()` at their start and note with it.
 */
import type { Account } from "./account.ts";
import type { AuthorizationResult } from "../engine/engine.ts";

export type DecisionNoter = (account: Account, options: unknown, action: string, resource: string, result: AuthorizationResult) => void;

let noter: DecisionNoter | undefined;

/** @internal audit.ts */
export function setDecisionNoter(fn: DecisionNoter): void {
  noter = fn;
}

/** Records a decision an operation made, for that operation's audit record (additionalEventData). */
export function noteDecision(account: Account, options: unknown, action: string, resource: string, result: AuthorizationResult): void {
  noter?.(account, options, action, resource, result);
}

let reader: (() => unknown) | undefined;

/** @internal audit.ts */
export function setOperationReader(fn: () => unknown): void {
  reader = fn;
}

/**
 * The audited operation whose synchronous part is running, as an options-like value for
 * `noteDecision`; take it before the operation's first `await`. Undefined without an audit.
 */
export function currentOperation(): unknown {
  return reader?.();
}
