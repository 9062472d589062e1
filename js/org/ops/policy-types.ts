/**
 * @module org/ops/policy-types
 * EnablePolicyType and DisablePolicyType (Organizations API Reference) for SCPs and RCPs.
 * Enabling attaches the type's AWS managed default (FullAWSAccess, RCPFullAWSAccess) to the
 * root, every OU and every account ("SCP evaluation"; "RCP syntax"); enabling an enabled type is
 * PolicyTypeAlreadyEnabledException. Disabling detaches every policy of the type from every
 * target (API_DisablePolicyType: "policies of that type are detached from all entities");
 * disabling a type that is not enabled is PolicyTypeNotEnabledException.
 */
import type { Organization } from "../organization.ts";
import { OrganizationsError } from "../errors.ts";
import type { Root, PolicyType } from "../shapes.ts";
import { rootTarget, parent } from "../tree.ts";
import { policyType } from "../validate.ts";
import { attachDefaults } from "./attachments.ts";
import { findPolicy } from "./policies.ts";
import { invalidInput } from "../errors.ts";

export interface PolicyTypeInput {
  RootId: string;
  PolicyType: PolicyType;
}

function rootShape(org: Organization): { Root: Root } {
  const t = rootTarget(org.state);
  return { Root: { Id: t.id, Arn: t.arn, Name: t.name, PolicyTypes: org.state.root.PolicyTypes.map((p) => ({ ...p })) } };
}

function checkRoot(org: Organization, id: unknown): void {
  const t = parent(org.state, id, "RootId", "ParentNotFoundException");
  if (t.type !== "ROOT") throw invalidInput("INVALID_PATTERN", "You specified a value for RootId that is not valid.");
}

export function enablePolicyType(org: Organization, caller: string, input: PolicyTypeInput): { Root: Root } {
  org.requireManagement(caller);
  checkRoot(org, input?.RootId);
  const type = policyType(input.PolicyType, "PolicyType");
  const s = org.state;
  if (s.root.PolicyTypes.some((t) => t.Type === type)) throw new OrganizationsError("PolicyTypeAlreadyEnabledException", "The specified policy type is already enabled.");
  s.root.PolicyTypes.push({ Type: type, Status: "ENABLED" });
  for (const id of [s.root.Id, ...s.ous.map((o) => o.Id), ...s.accounts.map((a) => a.Id)]) attachDefaults(org, id);
  org.touch();
  return rootShape(org);
}

export function disablePolicyType(org: Organization, caller: string, input: PolicyTypeInput): { Root: Root } {
  org.requireManagement(caller);
  checkRoot(org, input?.RootId);
  const type = policyType(input.PolicyType, "PolicyType");
  const s = org.state;
  if (!s.root.PolicyTypes.some((t) => t.Type === type)) throw new OrganizationsError("PolicyTypeNotEnabledException", "This operation can be performed only for enabled policy types.");
  s.root.PolicyTypes = s.root.PolicyTypes.filter((t) => t.Type !== type);
  for (const [id, ids] of Object.entries(s.attachments)) s.attachments[id] = ids.filter((p) => findPolicy(org, p).Type !== type);
  org.touch();
  return rootShape(org);
}
