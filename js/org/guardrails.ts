/**
 * @module org/guardrails
 * For one account, what the organization imposes on its requests, as documents:
 *
 * - **SCP levels** (AWS Organizations User Guide, "SCP evaluation": "For a permission to be
 *   allowed for a specific account, there must be an explicit Allow statement at every level from
 *   the root through each OU in the direct path to the account (including the target account
 *   itself)"; "any SCP from the root through each OU in the direct path to the account ... can deny
 *   that permission"): one level per target on the path, root first, each the SCPs attached there.
 *   The engine requires an Allow in every level and lets any Deny win.
 * - **RCP levels**, the same path with the RCPs attached ("RCP evaluation").
 * - **Exemptions.** Neither applies to the management account ("Service control policies
 *   (SCPs)": "SCPs don't affect users or roles in the management account"; "Resource control
 *   policies (RCPs)": "RCPs don't affect resources in the management account"). A type not
 *   enabled in the root imposes nothing. Service-linked roles are exempt from SCPs by the engine
 *   (docs/semantics.md, "Where SCPs and RCPs do not apply").
 * - **Paths** for `aws:PrincipalOrgPaths` / `aws:ResourceOrgPaths` ("AWS global condition
 *   context keys"): `o-.../r-.../ou-.../` down to the account's parent, ending in `/`.
 */
import type { Organization } from "./organization.ts";
import type { OrganizationState, PolicyState, PolicyType, TargetType } from "./shapes.ts";
import { AWS_MANAGED_POLICIES } from "./aws-managed.ts";
import { findAccount, pathTo } from "./tree.ts";

export interface GuardrailLevel {
  targetId: string;
  targetType: TargetType;
  policies: PolicyState[];
}

export interface AccountGuardrailDocs {
  organizationId: string;
  managementAccountId: string;
  accountId: string;
  /** The management account: SCPs and RCPs do not apply. */
  management: boolean;
  /** The organization path of the account (`o-.../r-.../ou-.../`). */
  orgPath: string;
  /** The organization's version these were derived at. */
  version: number;
  /** Root first, the account last; absent when SCPs do not apply. */
  scp?: GuardrailLevel[];
  rcp?: GuardrailLevel[];
}

function enabled(s: OrganizationState, type: PolicyType): boolean {
  return s.root.PolicyTypes.some((t) => t.Type === type && t.Status === "ENABLED");
}

function policyOf(s: OrganizationState, id: string): PolicyState | undefined {
  return AWS_MANAGED_POLICIES.find((p) => p.Id === id) ?? s.policies.find((p) => p.Id === id);
}

function levels(s: OrganizationState, ids: string[], type: PolicyType): GuardrailLevel[] {
  return ids.map((id, i) => ({
    targetId: id,
    targetType: i === 0 ? "ROOT" : i === ids.length - 1 ? "ACCOUNT" : "ORGANIZATIONAL_UNIT",
    policies: (s.attachments[id] ?? []).map((p) => policyOf(s, p)).filter((p): p is PolicyState => p !== undefined && p.Type === type),
  }));
}

/** The account's guardrails, or undefined when it is not in the organization. */
export function guardrailsOf(org: Organization, accountId: string): AccountGuardrailDocs | undefined {
  const s = org.state;
  const account = findAccount(s, accountId);
  if (!account) return undefined;
  const parents = pathTo(s, account.ParentId);
  const management = accountId === s.MasterAccountId;
  const docs: AccountGuardrailDocs = {
    organizationId: s.Id, managementAccountId: s.MasterAccountId, accountId, management,
    orgPath: `${s.Id}/${parents.join("/")}/`, version: s.version,
  };
  if (management) return docs;
  const ids = [...parents, accountId];
  if (enabled(s, "SERVICE_CONTROL_POLICY")) docs.scp = levels(s, ids, "SERVICE_CONTROL_POLICY");
  if (enabled(s, "RESOURCE_CONTROL_POLICY")) docs.rcp = levels(s, ids, "RESOURCE_CONTROL_POLICY");
  return docs;
}
