/**
 * @module engine/result
 * What a decision returns, read from the core's result block (docs/abi.md "Result"): the
 * decision, the statements that decided, the context keys that were missing, and the reason.
 * Nothing is allocated per decision beyond the result and its two arrays: matched statements
 * and argument-less reasons are frozen records shared by every result.
 */
import * as A from "./abi.ts";
import type { PolicyKind, Span } from "../policy/types.ts";
import { REASONS, type ReasonCode } from "./reasons.ts";

export type { ReasonCode } from "./reasons.ts";

export type Decision = "Allow" | "ExplicitDeny" | "ImplicitDeny";

/** Decisions by the core's DECISION_* number. */
export const DECISIONS: readonly Decision[] = ["Allow", "ExplicitDeny", "ImplicitDeny"];

/**
 * A statement that decided, pointing back into its policy's text. Results share one frozen
 * record per compiled statement (building one per decision would cost more than the
 * decision's matching).
 */
export interface MatchedStatement {
  policyId: string;
  kind: PolicyKind;
  statementIndex: number;
  sid?: string;
  effect: "Allow" | "Deny";
  span?: Span;
}

export interface AuthorizationResult {
  decision: Decision;
  matchedStatements: MatchedStatement[];
  /** Condition keys that matching statements referenced and the request did not carry. */
  missingContextValues: string[];
  /** Why: a stable code, and the SCP level (0 = root) when a level lacked an Allow. */
  reason: { code: ReasonCode; level?: number };
}

/** Reasons without an argument: one frozen object each, shared by results. */
const SHARED_REASONS = Object.fromEntries(REASONS.map((code) => [code, Object.freeze({ code })])) as Record<ReasonCode, AuthorizationResult["reason"]>;

/**
 * The shared reason of each core REASON_* number, as a dense array: indexed by the number rather
 * than looked up by the code's name (a keyed property load that was 2-3% of a W1 decision).
 */
const SHARED_BY_NUMBER: readonly AuthorizationResult["reason"][] = Array.from(REASONS, (code) => SHARED_REASONS[code ?? "NoAllow"]);
const SCP_NO_ALLOW = REASONS.indexOf("ScpNoAllow");

/** A loaded policy as results see it: its matched-statement records by statement position. */
export interface MatchedRecords {
  readonly matched: readonly MatchedStatement[];
}

/** Where a result is read from: the core's memory and result block, and its loaded policies by handle. */
export interface ResultSource {
  refresh(): void;
  readonly u32: Uint32Array;
  readonly result: number;
  readonly live: ReadonlyMap<number, MatchedRecords>;
}

/** Reads the core's result block; `keyNames` maps key ids to the spellings first compiled. */
export function readResult(core: ResultSource, keyNames: readonly string[]): AuthorizationResult {
  core.refresh();
  const m32 = core.u32;
  const live = core.live;
  const r = core.result >>> 2;
  const decision = DECISIONS[m32[r + A.RES_DECISION / 4]];
  const reasonNumber = m32[r + A.RES_REASON / 4];
  const matchedCount = m32[r + A.RES_MATCHED_COUNT / 4];
  const missingCount = m32[r + A.RES_MISSING_COUNT / 4];
  // Arrays of their exact length: the first `push` on an empty array gives it room for 17, which
  // was most of what a decision allocated.
  const matchedStatements: MatchedStatement[] = new Array(matchedCount);
  let matched = 0;
  for (let i = 0; i < matchedCount; i++) {
    const w = r + A.RES_MATCHED / 4 + i * 2;
    const m = live.get(m32[w])?.matched[m32[w + 1]];
    if (m) matchedStatements[matched++] = m;
  }
  if (matched !== matchedCount) matchedStatements.length = matched;
  const missingContextValues: string[] = new Array(missingCount);
  for (let i = 0; i < missingCount; i++) missingContextValues[i] = keyNames[m32[r + A.RES_MISSING / 4 + i]];
  const reason = reasonNumber === SCP_NO_ALLOW ? { code: "ScpNoAllow" as const, level: m32[r + A.RES_REASON_ARG / 4] }
    : reasonNumber < SHARED_BY_NUMBER.length ? SHARED_BY_NUMBER[reasonNumber] : SHARED_REASONS.NoAllow;
  return { decision, matchedStatements, missingContextValues, reason };
}
