/**
 * @module iam/audit/delivery
 * Handing records to the account's sink: each finished call or decision becomes one scrubbed
 * record; sink errors (thrown or rejected) and build errors are counted, never passed on
 * (`auditStats`); `flushAudit` waits for pending async sinks.
 */
import type { AccountState } from "../account-state.ts";
import type { AuthorizePrincipalInput } from "../resolve/types.ts";
import type { AuthorizationResult } from "../../engine/engine.ts";
import type { AuditStats, CloudTrailRecord } from "./shapes.ts";
import { callerOf, inputOf, type CallState } from "./calls.ts";
import { identityOfCall, identityOfSync } from "./identity.ts";
import { collectSecretValues } from "./elements.ts";
import { decisionRecord, operationRecord } from "./records.ts";
import { scrubRecord } from "./scrub.ts";

export function isThenable(value: unknown): value is PromiseLike<unknown> {
  return value !== null && (typeof value === "object" || typeof value === "function") && typeof (value as { then?: unknown }).then === "function";
}

interface StatsState {
  records: number;
  sinkErrors: number;
  lastSinkError?: unknown;
  buildErrors: number;
  pending: Set<Promise<unknown>>;
}
const statsByAccount = new WeakMap<AccountState, StatsState>();

function statsOf(account: AccountState): StatsState {
  let s = statsByAccount.get(account);
  if (!s) statsByAccount.set(account, (s = { records: 0, sinkErrors: 0, buildErrors: 0, pending: new Set() }));
  return s;
}

function deliver(account: AccountState, record: CloudTrailRecord, extraSecrets: string[]): void {
  const sink = account.audit;
  if (typeof sink !== "function") return;
  const stats = statsOf(account);
  const clean = scrubRecord(account, record, extraSecrets);
  stats.records++;
  let returned: unknown;
  try {
    returned = sink(clean);
  } catch (err) {
    stats.sinkErrors++;
    stats.lastSinkError = err;
    return;
  }
  if (isThenable(returned)) {
    const p: Promise<unknown> = Promise.resolve(returned).then(undefined, (err) => {
      stats.sinkErrors++;
      stats.lastSinkError = err;
    });
    stats.pending.add(p);
    void p.then(() => stats.pending.delete(p));
  }
}

function callSecrets(call: CallState, value: unknown): string[] {
  const extra: string[] = [];
  collectSecretValues(inputOf(call), extra);
  collectSecretValues(value, extra);
  const caller = callerOf(call);
  if (caller !== null && typeof caller === "object") collectSecretValues({ caller }, extra);
  return extra;
}

export async function finish(call: CallState, value: unknown, error: unknown, ok: boolean): Promise<void> {
  try {
    const identity = await identityOfCall(call);
    deliver(call.account, operationRecord(call, identity, value, error, ok), callSecrets(call, value));
  } catch {
    statsOf(call.account).buildErrors++;
  }
}

export function finishSync(call: CallState, value: unknown, error: unknown, ok: boolean): void {
  try {
    deliver(call.account, operationRecord(call, identityOfSync(call), value, error, ok), callSecrets(call, value));
  } catch {
    statsOf(call.account).buildErrors++;
  }
}

export function emitDecision(account: AccountState, eventTime: string, arn: string, input: AuthorizePrincipalInput, result: AuthorizationResult | undefined, error: unknown): void {
  try {
    deliver(account, decisionRecord(account, eventTime, arn, input, result, error), []);
  } catch {
    statsOf(account).buildErrors++;
  }
}

/** Counts of audit records and sink failures. */
export function auditStats(account: AccountState): AuditStats {
  const s = statsOf(account);
  const out: AuditStats = { records: s.records, sinkErrors: s.sinkErrors, buildErrors: s.buildErrors, pending: s.pending.size };
  if (s.lastSinkError !== undefined) out.lastSinkError = s.lastSinkError;
  return out;
}

/** Resolves when every async sink call made so far has settled (e.g. for a Worker's waitUntil). */
export async function flushAudit(account: AccountState): Promise<void> {
  const s = statsOf(account);
  while (s.pending.size) await Promise.allSettled([...s.pending]);
}
