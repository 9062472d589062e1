/**
 * @module playground/package-types
 * Names for the account-mode shapes the package uses but does not export by name, read off the
 * public `Account` API so they follow it: nothing here is declared a second time.
 */
import type { Account } from "../entries/browser.ts";

/** `account.simulatePrincipalPolicy`'s request (the IAM API's SimulatePrincipalPolicy). */
export type SimulatePrincipalPolicyInput = Parameters<Account["simulatePrincipalPolicy"]>[0];
export type SimulatePolicyResponse = Awaited<ReturnType<Account["simulatePrincipalPolicy"]>>;
export type EvaluationResult = SimulatePolicyResponse["EvaluationResults"][number];
export type SimulatedStatement = EvaluationResult["MatchedStatements"][number];
export type ContextEntry = NonNullable<SimulatePrincipalPolicyInput["ContextEntries"]>[number];
/** IAM's `ContextKeyType`: `string`, `numeric`, ... and their `...List` forms. */
export type ContextKeyType = ContextEntry["ContextKeyType"];
/** `account.resolvePrincipal`'s answer: a principal's policies, boundary and derived context. */
export type ResolvedPrincipal = ReturnType<Account["resolvePrincipal"]>;
