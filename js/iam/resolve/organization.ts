/**
 * @module iam/resolve/organization
 * What an account's organization adds to the decisions of that account (set by js/org on
 * `account.organization`; absent for an account outside any organization): the SCP levels that
 * bound its principals, the RCP levels that bound its resources, and the condition keys AWS sets
 * from the organization ("AWS global condition context keys": `aws:PrincipalOrgID`,
 * `aws:PrincipalOrgPaths` for a principal of the account; `aws:ResourceOrgID`,
 * `aws:ResourceOrgPaths` for a resource of the account). The model only reads it: the rules that
 * derive it (the tree, the management account's exemption) are the organization layer's.
 */
import type { CompiledPolicy } from "../../engine/engine.ts";
import type { ContextValue } from "../../engine/request.ts";

export interface OrganizationGuardrails {
  /** SCP levels from the root to the account, for principals of the account; absent when SCPs do not apply. */
  readonly scp?: CompiledPolicy[][];
  /** RCP levels for a request on a resource of the account; undefined when RCPs do not apply to it. */
  rcp(action: string): CompiledPolicy[][] | undefined;
  /** `aws:PrincipalOrgID`, `aws:PrincipalOrgPaths`. */
  readonly principalContext: Readonly<Record<string, ContextValue>>;
  /** `aws:ResourceOrgID`, `aws:ResourceOrgPaths`. */
  readonly resourceContext: Readonly<Record<string, ContextValue>>;
}
