/**
 * @module analyzer/custom/reasons
 * The `reasons` of a custom check's answer, as AWS words them: one per statement of the checked
 * policy that grants what the check forbids, with its index and Sid.
 */
import type { AuthorizationResult } from "../../engine/result.ts";
import type { ReasonSummary } from "../types.ts";

/** One reason per statement of policy `id` that allowed one of `results`, in statement order. */
export function reasonsFrom(results: readonly AuthorizationResult[], id: string, describe: (index: number) => string): ReasonSummary[] {
  const byIndex = new Map<number, ReasonSummary>();
  for (const r of results) {
    for (const m of r.matchedStatements) {
      if (m.policyId !== id || m.effect !== "Allow" || byIndex.has(m.statementIndex)) continue;
      const reason: ReasonSummary = { description: describe(m.statementIndex), statementIndex: m.statementIndex };
      if (m.sid !== undefined && m.sid !== "") reason.statementId = m.sid;
      byIndex.set(m.statementIndex, reason);
    }
  }
  return [...byIndex.values()].sort((a, b) => (a.statementIndex ?? 0) - (b.statementIndex ?? 0));
}
