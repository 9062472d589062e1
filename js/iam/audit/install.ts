/**
 * @module iam/audit/install
 * Hooking the audit into Account: wraps each audited operation on Account.prototype (or, for
 * operations not installed yet, sets a setter that wraps them when assigned), tracks which
 * operation's synchronous part is running, and routes authorizeOperation and authorizePrincipal
 * decisions to their operation's record or to a decision record of their own.
 */
import { Account, type OperationOptions } from "../account.ts";
import { setDecisionNoter, setOperationReader } from "../audit-hooks.ts";
import type { AuthorizePrincipalInput } from "../resolve.ts";
import type { AuthorizationResult } from "../../engine/engine.ts";
import { AUDITED_OPERATIONS, type OperationSpec } from "./operations.ts";
import { callOf, tagOptions, type CallState, type Check } from "./calls.ts";
import { emitDecision, finish, finishSync, isThenable } from "./delivery.ts";

const WRAPPED = Symbol("iam-edge.audit.wrapped");

/** The operation whose synchronous part is running (operations start synchronously). */
let currentCall: CallState | undefined;
/** The operation check whose synchronous part is running (authorizeOperation -> authorizePrincipal). */
let currentCheck: { call: CallState; check: Check } | undefined;

function optionsIndex(spec: OperationSpec, args: unknown[]): number {
  if (spec.optionsArg === "auto") return args.length >= 2 ? 1 : 0;
  return spec.optionsArg;
}

function wrapOperation(spec: OperationSpec, original: (...args: unknown[]) => unknown): (...args: unknown[]) => unknown {
  const wrapped = function (this: Account, ...args: unknown[]): unknown {
    if (!(this instanceof Account) || typeof this.audit !== "function") return original.apply(this, args);
    const oi = optionsIndex(spec, args);
    const outer = callOf(args[oi]) ?? currentCall;
    // Called from inside an audited operation of this account: that operation's record covers it.
    if (outer && outer.account === this) return original.apply(this, args);
    const call: CallState = { account: this, spec, eventTime: this.timestamp(), args, checks: [], resources: [] };
    if (oi >= 0) call.options = args[oi] as OperationOptions | undefined;
    const callArgs = args.slice();
    if (oi >= 0 && oi < callArgs.length) callArgs[oi] = tagOptions(callArgs[oi], call);
    const prev = currentCall;
    currentCall = call;
    let result: unknown;
    try {
      result = original.apply(this, callArgs);
    } catch (err) {
      currentCall = prev;
      finishSync(call, undefined, err, false);
      throw err;
    }
    currentCall = prev;
    if (isThenable(result)) {
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
    finishSync(call, result, undefined, true);
    return result;
  };
  Object.defineProperty(wrapped, WRAPPED, { value: original });
  Object.defineProperty(wrapped, "name", { value: spec.method });
  return wrapped;
}

type Method = (...args: unknown[]) => unknown;
const proto = Account.prototype as unknown as Record<string | symbol, unknown>;
const INSTALLED = Symbol.for("iam-edge.audit.installed");

function defineMethod(target: object, name: string, fn: unknown): void {
  Object.defineProperty(target, name, { value: fn, writable: true, configurable: true, enumerable: true });
}

function wrapIfNeeded(spec: OperationSpec, fn: unknown): unknown {
  return typeof fn === "function" && !(WRAPPED in fn) ? wrapOperation(spec, fn as Method) : fn;
}

/**
 * Wraps every audited operation on Account.prototype (idempotent). Operations not installed yet
 * get a setter that wraps them when assigned (`Account.prototype.assumeRole = ...`). Run at import;
 * call again after replacing an installed operation.
 */
export function installAudit(): void {
  for (const spec of AUDITED_OPERATIONS.values()) {
    const desc = Object.getOwnPropertyDescriptor(proto, spec.method);
    if (desc && "value" in desc) {
      if (typeof desc.value === "function" && !(WRAPPED in desc.value)) defineMethod(proto, spec.method, wrapIfNeeded(spec, desc.value));
    } else if (!desc) {
      Object.defineProperty(proto, spec.method, {
        configurable: true,
        enumerable: false,
        get: () => undefined,
        set(this: object, fn: unknown) {
          // Assigned on the prototype: install the wrapped method. On an instance: that instance only.
          if (this === proto) defineMethod(proto, spec.method, wrapIfNeeded(spec, fn));
          else defineMethod(this, spec.method, fn);
        },
      });
    }
  }
  if (!proto[INSTALLED]) {
    Object.defineProperty(proto, INSTALLED, { value: true });
    installDecisionHooks();
  }
}

function installDecisionHooks(): void {
  // Decisions an operation makes with the engine directly (assume-role.ts) join its record.
  setDecisionNoter((account, options, action, resource, result) => {
    const call = callOf(options);
    if (call && call.account === account) call.checks.push({ action, resource, result });
  });
  setOperationReader(() => (currentCall ? tagOptions({}, currentCall) : undefined));

  const authorizeOperation = proto.authorizeOperation as (this: Account, options: OperationOptions | undefined, action: string, resource: string) => Promise<void>;
  proto.authorizeOperation = function (this: Account, options: OperationOptions | undefined, action: string, resource: string): Promise<void> {
    const call = callOf(options) ?? currentCall;
    if (!call || call.account !== this) return authorizeOperation.call(this, options, action, resource);
    if (typeof resource === "string" && resource !== "*") call.resources.push(resource);
    if (!options?.caller) return authorizeOperation.call(this, options, action, resource);
    const check: Check = { action, resource };
    call.checks.push(check);
    const prev = currentCheck;
    currentCheck = { call, check };
    try {
      // The caller authorizer decides synchronously (authorizePrincipal) before its first await.
      return authorizeOperation.call(this, options, action, resource);
    } finally {
      currentCheck = prev;
    }
  };

  const authorizePrincipal = proto.authorizePrincipal as (this: Account, arn: string, input: AuthorizePrincipalInput) => AuthorizationResult;
  const audited = function (this: Account, arn: string, input: AuthorizePrincipalInput): AuthorizationResult {
    if (!(this instanceof Account) || typeof this.audit !== "function") return authorizePrincipal.call(this, arn, input);
    // An operation's own check: its record carries the decision.
    if (currentCheck && currentCheck.call.account === this) {
      const { check } = currentCheck;
      const result = authorizePrincipal.call(this, arn, input);
      check.result = result;
      return result;
    }
    const owner = callOf(input?.context) ?? currentCall;
    if (owner && owner.account === this) {
      const result = authorizePrincipal.call(this, arn, input);
      owner.checks.push({ action: String(input?.action), resource: input?.resource ?? "*", result });
      return result;
    }
    const eventTime = this.timestamp();
    let result: AuthorizationResult;
    try {
      result = authorizePrincipal.call(this, arn, input);
    } catch (err) {
      emitDecision(this, eventTime, arn, input, undefined, err);
      throw err;
    }
    emitDecision(this, eventTime, arn, input, result, undefined);
    return result;
  };
  Object.defineProperty(audited, WRAPPED, { value: authorizePrincipal });
  proto.authorizePrincipal = audited;
}
