/**
 * @module playground/org/org-tree
 * The organization as the view draws it: the root, its OUs and accounts in a tree, each with the
 * SCPs and RCPs attached to it (attachment order, as ListPoliciesForTarget lists them). Read off
 * the organization's state; no DOM.
 */
import type { Organization, PolicyType, TargetType } from "../../org/index.ts";
import { FULL_AWS_ACCESS_ID, RCP_FULL_AWS_ACCESS_ID } from "../../org/index.ts";

export interface AttachedPolicy {
  id: string;
  name: string;
  type: PolicyType;
}

export interface TreeNode {
  id: string;
  type: TargetType;
  name: string;
  /** The management account (SCPs and RCPs do not apply to it). */
  management?: boolean;
  scps: AttachedPolicy[];
  rcps: AttachedPolicy[];
  children: TreeNode[];
}

const MANAGED: Record<string, AttachedPolicy> = {
  [FULL_AWS_ACCESS_ID]: { id: FULL_AWS_ACCESS_ID, name: "FullAWSAccess", type: "SERVICE_CONTROL_POLICY" },
  [RCP_FULL_AWS_ACCESS_ID]: { id: RCP_FULL_AWS_ACCESS_ID, name: "RCPFullAWSAccess", type: "RESOURCE_CONTROL_POLICY" },
};

/** A policy's name and type by id (AWS managed or the organization's). */
export function policyById(org: Organization, id: string): AttachedPolicy | undefined {
  const p = org.state.policies.find((x) => x.Id === id);
  return p ? { id, name: p.Name, type: p.Type } : MANAGED[id];
}

function attached(org: Organization, targetId: string): { scps: AttachedPolicy[]; rcps: AttachedPolicy[] } {
  const all = (org.state.attachments[targetId] ?? []).map((id) => policyById(org, id)).filter((p): p is AttachedPolicy => !!p);
  return { scps: all.filter((p) => p.type === "SERVICE_CONTROL_POLICY"), rcps: all.filter((p) => p.type === "RESOURCE_CONTROL_POLICY") };
}

function below(org: Organization, parentId: string): TreeNode[] {
  const s = org.state;
  const ous: TreeNode[] = s.ous.filter((o) => o.ParentId === parentId).map((o) => ({ id: o.Id, type: "ORGANIZATIONAL_UNIT", name: o.Name, ...attached(org, o.Id), children: below(org, o.Id) }));
  const accounts: TreeNode[] = s.accounts.filter((a) => a.ParentId === parentId).map((a) => ({
    id: a.Id, type: "ACCOUNT", name: a.Name, ...(a.Id === s.MasterAccountId ? { management: true } : {}), ...attached(org, a.Id), children: [],
  }));
  return [...accounts, ...ous];
}

/** The whole tree from the root. */
export function orgTree(org: Organization): TreeNode {
  const r = org.state.root;
  return { id: r.Id, type: "ROOT", name: r.Name, ...attached(org, r.Id), children: below(org, r.Id) };
}
