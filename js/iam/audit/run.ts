/**
 * @module iam/audit/run
 * How calls reach the audit, explicitly: every operation method of Account runs through
 * `audited` (one record per call), `authorizeOperation` reports its check through
 * `noteOperationCheck`, `authorizePrincipal` runs through `auditedDecision`, and STS operations
 * that decide with the engine directly report those decisions with `noteDecision`.
 *
 * A call in progress (calls.ts) is found two ways: through its options (the wrapper passes the
 * operation a copy tagged with the call, and spreads of it keep the tag), and, while the
 * operation's synchronous part runs, as `currentCall` (operations start synchronously, and a
 * check made before the first `await` belongs to the operation that started it).
 */
import type { AccountState, OperationOptions } from "../account-state.ts";
import type { AuthorizePrincipalInput } from "../resolve/types.ts";
import type { AuthorizationResult } from "../../engine/engine.ts";
import { AUDITED_OPERATIONS, type AuditedMethod, type OperationSpec } from "./operations.ts";
import { callOf, tagOptions, type CallState, type Check } from "./calls.ts";
import { emitDecision, finish, finishSync, isThenable } from "./delivery.ts";

/** The operation whose synchronous part is running. */
let currentCall: CallState | undefined;

/** Where the OperationOptions are among the arguments ("auto": the last one given of the first two). */
function optionsIndex(spec: OperationSpec, args: unknown[]): number {
  if (spec.optionsArg === "auto") return args[1] !== undefined ? 1 : 0;
  return spec.optionsArg;
}

/** The call of this account in progress that `options` (or the running synchronous part) belongs to. */
function ownerCall(account: AccountState, options: unknown): CallState | undefined {
  const call = callOf(options) ?? currentCall;
  return call && call.account === account ? call : undefined;
}

/**
 * Runs one operation of `account` and hands the sink one record of it, success or failure.
 * Without a sink, or inside another audited operation of the same account (whose record covers
 * it), it only calls `fn`.
 * @example
 * createUser(input, options) { return audited(this, "createUser", users.createUser, input, options); }
 */
export function audited<T extends AccountState, A extends unknown[], R>(account: T, method: AuditedMethod, fn: (account: T, ...args: A) => R, ...args: A): R {
  if (typeof account.audit !== "function") return fn(account, ...args);
  const spec = AUDITED_OPERATIONS.get(method)!;
  const oi = optionsIndex(spec, args);
  if (ownerCall(account, args[oi])) return fn(account, ...args);
  const call: CallState = { account, spec, eventTime: account.timestamp(), args, checks: [], resources: [] };
  if (oi >= 0) call.options = args[oi] as OperationOptions | undefined;
  const callArgs = args.slice() as A;
  if (oi >= 0 && oi < callArgs.length) callArgs[oi] = tagOptions(callArgs[oi], call);
  const prev = currentCall;
  currentCall = call;
  let result: R;
  try {
    result = fn(account, ...callArgs);
  } catch (err) {
    currentCall = prev;
    finishSync(call, undefined, err, false);
    throw err;
  }
  currentCall = prev;
  if (isThenable(result)) return settle(call, result) as R;
  finishSync(call, result, undefined, true);
  return result;
}

/** The record of an async operation, handed over before its promise settles. */
function settle(call: CallState, result: PromiseLike<unknown>): Promise<unknown> {
  return Promise.resolve(result).then(
    async (value) => {
      await finish(call, value, undefined, true);
      return value;
    },
    async (err) => {
      await finish(call, undefined, err, false);
      throw err;
    },
  );
}

/**
 * An operation's own authorization check (authorizeOperation): the resource joins its
 * operation's record and, when a caller is given, a check whose decision the caller fills in.
 * Undefined outside an audited operation.
 */
export function noteOperationCheck(account: AccountState, options: OperationOptions | undefined, action: string, resource: string): Check | undefined {
  const call = ownerCall(account, options);
  if (!call) return undefined;
  if (typeof resource === "string" && resource !== "*") call.resources.push(resource);
  if (!options?.caller) return undefined;
  const check: Check = { action, resource };
  call.checks.push(check);
  return check;
}

/**
 * A direct `authorizePrincipal` decision: inside an audited operation it joins that operation's
 * record; otherwise it gets a decision record of its own (the service's event: s3 GetObject, ...).
 */
export function auditedDecision(account: AccountState, arn: string, input: AuthorizePrincipalInput, decide: () => AuthorizationResult): AuthorizationResult {
  if (typeof account.audit !== "function") return decide();
  const owner = ownerCall(account, input?.context);
  if (owner) {
    const result = decide();
    owner.checks.push({ action: String(input?.action), resource: input?.resource ?? "*", result });
    return result;
  }
  const eventTime = account.timestamp();
  let result: AuthorizationResult;
  try {
    result = decide();
  } catch (err) {
    emitDecision(account, eventTime, arn, input, undefined, err);
    throw err;
  }
  emitDecision(account, eventTime, arn, input, result, undefined);
  return result;
}

/**
 * Records a decision an operation made with the engine directly (AssumeRole's trust policy) for
 * that operation's record (additionalEventData). `options` are the operation's own (tagged), or
 * what `currentOperation()` gave it.
 */
export function noteDecision(account: AccountState, options: unknown, action: string, resource: string, result: AuthorizationResult): void {
  const call = callOf(options);
  if (call && call.account === account) call.checks.push({ action, resource, result });
}

/**
 * The audited operation whose synchronous part is running, as an options-like value for
 * `noteDecision`: operations without an options argument that decide after an `await`
 * (AssumeRoleWithWebIdentity verifies its token first) take it before their first `await`.
 * Undefined without an audit.
 */
export function currentOperation(): unknown {
  return currentCall ? tagOptions({}, currentCall) : undefined;
}
