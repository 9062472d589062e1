/**
 * @module iam/audit/calls
 * An audited call in progress: its state (operation, arguments, the authorization checks it
 * made, the resources it touched), the symbol that tags its options so checks made with them
 * find it, and its request and caller.
 */
import type { AccountState, OperationOptions } from "../account-state.ts";
import type { AuthorizationResult } from "../../engine/engine.ts";
import type { OperationSpec } from "./operations.ts";

const AUDIT = Symbol("iam-edge.audit.call");

export interface Check {
  action: string;
  resource: string;
  result?: AuthorizationResult;
}

export interface CallState {
  account: AccountState;
  spec: OperationSpec;
  eventTime: string;
  args: unknown[];
  options?: OperationOptions;
  checks: Check[];
  resources: string[];
}

export function callOf(value: unknown): CallState | undefined {
  return value !== null && typeof value === "object" ? ((value as Record<symbol, unknown>)[AUDIT] as CallState | undefined) : undefined;
}

/**
 * A copy of the options that names the call: spreads (`{ ...options, context }`) keep the symbol,
 * so checks made with derived options still find their operation. Symbol keys are invisible to
 * Object.entries, JSON and the engine.
 */
export function tagOptions(options: unknown, call: CallState): unknown {
  if (options === null || typeof options !== "object" || Array.isArray(options)) return options;
  const out: Record<string | symbol, unknown> = { ...(options as object), [AUDIT]: call };
  const context = (options as OperationOptions).context;
  if (context !== null && typeof context === "object") out.context = { ...context, [AUDIT]: call };
  return out;
}

/** The request object of a call (or what `params` builds). */
export function inputOf(call: CallState): unknown {
  return call.spec.params ? call.spec.params(call.args) : call.spec.inputArg >= 0 ? call.args[call.spec.inputArg] : undefined;
}

/** The caller: `options.caller`; GetCallerIdentity also takes it in its first argument. */
export function callerOf(call: CallState): unknown {
  const caller = call.options?.caller as unknown;
  if (caller !== undefined || call.spec.method !== "getCallerIdentity") return caller;
  const first = call.args[0];
  return first !== null && typeof first === "object" ? (first as { caller?: unknown }).caller : undefined;
}
