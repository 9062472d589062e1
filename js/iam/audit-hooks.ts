/**
 * @module iam/audit-hooks
 * How operations that decide with the engine directly (STS AssumeRole checks its trust policy
 * itself) tell the audit which decisions they made, without importing the audit (which wraps
 * them). audit.ts installs the receiver; with no audit installed the note is dropped.
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
