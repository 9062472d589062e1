/**
 * @module engine/explain
 * Explanations: for every statement of every policy in a set, whether each element and each
 * condition matched, as the core evaluated them (docs/abi.md, `explain` export). This module
 * sizes the core's output and decodes it into the shapes below.
 */
import * as A from "./abi.ts";
import type { PolicyKind, Span } from "../policy/types.ts";
import type { CompiledPolicy, StatementInfo } from "./compiled-policy.ts";
import type { AuthorizationResult } from "./result.ts";

/** Why one condition did or did not hold. */
export interface ConditionExplanation {
  operator: string;
  key: string;
  result: boolean;
  /** The request lacked the key. */
  missing: boolean;
  span?: Span;
}

/** Why one statement did or did not apply: each element on its own. */
export interface StatementExplanation {
  statementIndex: number;
  sid?: string;
  effect: "Allow" | "Deny";
  span?: Span;
  /** Every element and condition matched. */
  applies: boolean;
  /** Action / NotAction matched the request's action. */
  action: boolean;
  /** Resource / NotResource matched; null when the statement has neither (trust policies). */
  resource: boolean | null;
  /** Principal / NotPrincipal matched; null when the statement has neither. */
  principal: boolean | null;
  conditions: ConditionExplanation[];
}

export interface PolicyExplanation {
  policyId: string;
  kind: PolicyKind;
  /** False when the request does not evaluate the policy (`skippedBecause` says why). */
  evaluated: boolean;
  /**
   * Why the policy was not evaluated: SCPs of a service principal or of a service-linked role,
   * RCPs on an AWS managed KMS key, or any policy for sts:GetCallerIdentity.
   */
  skippedBecause?: SkipReason;
  statements: StatementExplanation[];
}

export interface Explanation {
  result: AuthorizationResult;
  /** In policy-set order: identity, boundary, session, resource, SCP levels, RCP levels. */
  policies: PolicyExplanation[];
}

/** Bytes the core writes for `policies`: per statement its flags, its condition count, one word per condition. */
export function explanationBytes(policies: readonly CompiledPolicy[]): number {
  let words = 0;
  for (const p of policies) for (const s of p.statementsByIndex.values()) words += 2 + s.conditions.length;
  return words * 4;
}

/** Why a policy was not evaluated for a request (PolicyExplanation.skippedBecause). */
export type SkipReason = "ServicePrincipal" | "ServiceLinkedRole" | "AwsManagedKey" | "NoPermissionRequired";
/** By the core's SKIP_* number (abi.ts). */
const SKIP_REASONS: (SkipReason | undefined)[] = [undefined, "ServicePrincipal", "ServiceLinkedRole", "AwsManagedKey", "NoPermissionRequired"];

/** `{ skippedBecause }` when the core skipped the policy (its first statement's flags say why), else nothing. */
function skipped(statementCount: number, flags: number): { skippedBecause?: SkipReason } {
  if (statementCount === 0 || (flags & A.EX_SKIPPED) === 0) return {};
  return { skippedBecause: SKIP_REASONS[(flags >>> A.EX_SKIP_SHIFT) & 15] };
}

/** Decodes the core's explanation of `policies`, which starts at word `w` of `m32`. */
export function readExplanation(m32: Uint32Array, w: number, policies: readonly CompiledPolicy[]): PolicyExplanation[] {
  return policies.map((p) => {
    const w0 = w;
    const evaluated = p.statementsByIndex.size === 0 || (m32[w] & A.EX_SKIPPED) === 0;
    const statements: StatementExplanation[] = [];
    for (const s of p.statementsByIndex.values()) {
      statements.push(readStatement(m32, w, s));
      w += 2 + m32[w + 1];
    }
    return { policyId: p.id, kind: p.kind, evaluated, ...skipped(p.statementsByIndex.size, m32[w0]), statements };
  });
}

function readStatement(m32: Uint32Array, w: number, s: StatementInfo): StatementExplanation {
  const flags = m32[w];
  const count = m32[w + 1];
  const conditions: ConditionExplanation[] = [];
  for (let i = 0; i < count; i++) {
    const c = m32[w + 2 + i];
    const info = s.conditions[i];
    const e: ConditionExplanation = { operator: info.operator, key: info.key, result: (c & A.EXC_RESULT) !== 0, missing: (c & A.EXC_MISSING) !== 0 };
    if (info.span) e.span = info.span;
    conditions.push(e);
  }
  const e: StatementExplanation = {
    statementIndex: s.index, effect: s.effect,
    applies: (flags & A.EX_APPLIES) !== 0,
    action: (flags & A.EX_ACTION) !== 0,
    resource: flags & A.EX_HAS_RESOURCE ? (flags & A.EX_RESOURCE) !== 0 : null,
    principal: flags & A.EX_HAS_PRINCIPAL ? (flags & A.EX_PRINCIPAL) !== 0 : null,
    conditions,
  };
  if (s.sid !== undefined) e.sid = s.sid;
  if (s.span) e.span = s.span;
  return e;
}
