/**
 * @module org/ops/attachments
 * Where policies are attached (Organizations API Reference: AttachPolicy, DetachPolicy,
 * ListPoliciesForTarget, ListTargetsForPolicy).
 *
 * Rules: the policy's type must be enabled in the root (PolicyTypeNotEnabledException); a policy
 * is attached to a target once (DuplicatePolicyAttachmentException); at most 5 policies of a type
 * per root, OU or account ("Quotas for AWS Organizations": "Maximum number of policies attached
 * to a root, OU, or account"; ConstraintViolationException
 * `MAX_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED`); every target keeps at least one SCP
 * (API_DetachPolicy: "Every root, OU, and account must have at least one SCP attached";
 * `MIN_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED`); RCPFullAWSAccess cannot be detached ("RCP
 * syntax"; InvalidInputException `NON_DETACHABLE_POLICY`).
 */
import type { Organization } from "../organization.ts";
import { constraint, invalidInput, OrganizationsError } from "../errors.ts";
import { page } from "../paging.ts";
import type { PageInput, PolicySummary, PolicyTargetSummary, PolicyType } from "../shapes.ts";
import { defaultPolicyOf, RCP_FULL_AWS_ACCESS_ID } from "../aws-managed.ts";
import { target, findOu, findAccount, ouTarget, accountTarget, rootTarget } from "../tree.ts";
import { policyType } from "../validate.ts";
import { findPolicy, summaryOf } from "./policies.ts";

export const MAX_ATTACHMENTS_PER_TYPE = 5;

export interface AttachmentInput {
  PolicyId: string;
  TargetId: string;
}

export interface ListPoliciesForTargetInput extends PageInput {
  TargetId: string;
  Filter: PolicyType;
}

export interface ListTargetsForPolicyInput extends PageInput {
  PolicyId: string;
}

export function typeEnabled(org: Organization, type: PolicyType): boolean {
  return org.state.root.PolicyTypes.some((t) => t.Type === type && t.Status === "ENABLED");
}

/** The ids of the policies of `type` attached to `targetId`, in attachment order. */
export function attachedOf(org: Organization, targetId: string, type: PolicyType): string[] {
  return (org.state.attachments[targetId] ?? []).filter((id) => findPolicy(org, id).Type === type);
}

/** A new target (OU or account) gets the default policy of each enabled type. */
export function attachDefaults(org: Organization, targetId: string): void {
  for (const t of org.state.root.PolicyTypes) {
    if (t.Status !== "ENABLED") continue;
    const list = (org.state.attachments[targetId] ??= []);
    const id = defaultPolicyOf(t.Type).Id;
    if (!list.includes(id)) list.push(id);
  }
}

export function attachPolicy(org: Organization, caller: string, input: AttachmentInput): void {
  org.requireManagement(caller);
  const p = findPolicy(org, input?.PolicyId);
  const t = target(org.state, input.TargetId);
  if (!typeEnabled(org, p.Type)) throw new OrganizationsError("PolicyTypeNotEnabledException", "The specified policy type isn't currently enabled in this root. You can't attach policies of that type to entities in a root until you enable that type in the root.");
  const list = (org.state.attachments[t.id] ??= []);
  if (list.includes(p.Id)) throw new OrganizationsError("DuplicatePolicyAttachmentException", "The selected policy is already attached to the specified target.");
  if (attachedOf(org, t.id, p.Type).length >= MAX_ATTACHMENTS_PER_TYPE) {
    throw constraint("MAX_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED", `You attempted to exceed the number of policies of a certain type that can be attached to an entity (${MAX_ATTACHMENTS_PER_TYPE}).`);
  }
  list.push(p.Id);
  org.touch();
}

export function detachPolicy(org: Organization, caller: string, input: AttachmentInput): void {
  org.requireManagement(caller);
  const p = findPolicy(org, input?.PolicyId);
  const t = target(org.state, input.TargetId);
  const list = org.state.attachments[t.id] ?? [];
  if (!list.includes(p.Id)) throw new OrganizationsError("PolicyNotAttachedException", "The policy isn't attached to the specified target in the specified root.");
  if (p.Id === RCP_FULL_AWS_ACCESS_ID) throw invalidInput("NON_DETACHABLE_POLICY", "You can't detach this AWS Managed Policy.");
  if (p.Type === "SERVICE_CONTROL_POLICY" && attachedOf(org, t.id, p.Type).length <= 1) {
    throw constraint("MIN_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED", "You attempted to detach a policy from an entity that would leave it without any policy of that type: every root, OU, and account must have at least one SCP attached.");
  }
  org.state.attachments[t.id] = list.filter((id) => id !== p.Id);
  org.touch();
}

export function listPoliciesForTarget(org: Organization, caller: string, input: ListPoliciesForTargetInput): { Policies: PolicySummary[]; NextToken?: string } {
  org.requireManagement(caller);
  const t = target(org.state, input?.TargetId);
  const type = policyType(input.Filter, "Filter");
  const list = attachedOf(org, t.id, type).map((id) => summaryOf(org, findPolicy(org, id)));
  const { items, NextToken } = page(list, input, `ListPoliciesForTarget:${t.id}:${type}`);
  return NextToken ? { Policies: items, NextToken } : { Policies: items };
}

export function listTargetsForPolicy(org: Organization, caller: string, input: ListTargetsForPolicyInput): { Targets: PolicyTargetSummary[]; NextToken?: string } {
  org.requireManagement(caller);
  const p = findPolicy(org, input?.PolicyId);
  const s = org.state;
  const targets: PolicyTargetSummary[] = [];
  for (const [id, ids] of Object.entries(s.attachments)) {
    if (!ids.includes(p.Id)) continue;
    const ou = findOu(s, id);
    const acct = findAccount(s, id);
    const t = id === s.root.Id ? rootTarget(s) : ou ? ouTarget(s, ou) : acct ? accountTarget(s, acct) : undefined;
    if (t) targets.push({ TargetId: t.id, Arn: t.arn, Name: t.name, Type: t.type });
  }
  const { items, NextToken } = page(targets, input, `ListTargetsForPolicy:${p.Id}`);
  return NextToken ? { Targets: items, NextToken } : { Targets: items };
}
