/**
 * @module edge/service/call-scope
 * What one API call leaves behind, gathered while it runs: the model's CloudTrail records, the
 * wire layer's decision records (denials with the engine's explanation), and the long-term keys
 * it used. The model hands records to its account's sink from deep inside an operation, and one
 * account (a Durable Object's, or an isolate's cached copy) serves many calls at once, so the
 * sink finds the call it belongs to through AsyncLocalStorage (workerd's `nodejs_als` flag): the
 * record then carries the call's request id, the one in the response, so LookupEvents and the
 * explain endpoint find it by that id.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import type { CloudTrailRecord } from "../../iam/audit.ts";
import type { DecisionRecord } from "../authorize/decision-record.ts";

/** A long-term key's use, as GetAccessKeyLastUsed reports it. */
export interface KeyUse {
  accessKeyId: string;
  service: string;
  region: string;
  /** ISO 8601. */
  time: string;
}

export interface CallScope {
  requestId: string;
  records: CloudTrailRecord[];
  decisions: DecisionRecord[];
  keyUses: KeyUse[];
}

const storage = new AsyncLocalStorage<CallScope>();

export function newScope(requestId: string): CallScope {
  return { requestId, records: [], decisions: [], keyUses: [] };
}

/** Runs `fn` with `scope` as the current call. */
export function inScope<T>(scope: CallScope, fn: () => Promise<T>): Promise<T> {
  return storage.run(scope, fn);
}

export function currentScope(): CallScope | undefined {
  return storage.getStore();
}

/**
 * The account's audit sink: the record joins the current call, with that call's request id;
 * outside any call (setting an account up) it goes to `orphan`.
 */
export function scopedSink(orphan: (record: CloudTrailRecord) => void): (record: CloudTrailRecord) => void {
  return (record) => {
    const scope = storage.getStore();
    if (!scope) return orphan(record);
    scope.records.push({ ...record, requestID: scope.requestId });
  };
}

/** A decision sink that adds to the current call. */
export function scopedDecisions(record: DecisionRecord): void {
  storage.getStore()?.decisions.push(record);
}
