/**
 * @module sts/operations-loader
 * Loads js/sts/account-operations.ts (the code of Account's asynchronous operations) once per
 * process or isolate, and runs an operation through it: directly once it is loaded, which
 * `Account.create` and `Account.fromAuthorizationDetails` make sure of before they return an
 * account; after the load otherwise (an Account built with `new`, or a subclass), so an
 * operation called that early still runs, audited as usual, one microtask turn later.
 */
import type { AccountState } from "../iam/account-state.ts";
import { audited, type AuditedMethod } from "../iam/audit.ts";
import type * as AccountOperations from "./account-operations.ts";

export type Operations = typeof AccountOperations;

let loaded: Operations | undefined;
let loading: Promise<Operations> | undefined;

/** The operations' module: loaded by the first call, the same promise after it. */
export function loadOperations(): Promise<Operations> {
  loading ??= import("./account-operations.ts").then(
    (m) => (loaded = m),
    (err: unknown) => {
      loading = undefined; // a failed load (a chunk missing or unreachable) may be retried
      throw err;
    },
  );
  return loading;
}

/** `audited(account, method, pick(operations), ...args)`, once the operations are loaded. */
export function run<T extends AccountState, A extends unknown[], R extends Promise<unknown>>(
  account: T, method: AuditedMethod, pick: (o: Operations) => (account: T, ...args: A) => R, ...args: A
): R {
  if (loaded !== undefined) return audited(account, method, pick(loaded), ...args);
  return loadOperations().then((o) => audited(account, method, pick(o), ...args)) as R;
}

/** `use(operations)`, once they are loaded (the asynchronous calls that are not audited). */
export function withOperations<R>(use: (o: Operations) => Promise<R>): Promise<R> {
  return loaded !== undefined ? use(loaded) : loadOperations().then(use);
}
