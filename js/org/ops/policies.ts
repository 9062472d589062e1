/**
 * @module org/ops/policies
 * SCPs and RCPs as documents (Organizations API Reference: CreatePolicy, UpdatePolicy,
 * DeletePolicy, DescribePolicy, ListPolicies).
 *
 * Rules: the content is at most 5,120 characters for both types, every character counted as
 * saved through the API ("Quotas for AWS Organizations", "Maximum size of a policy document";
 * ConstraintViolationException `POLICY_CONTENT_LIMIT_EXCEEDED`); it must be a valid SCP or RCP
 * ("SCP syntax", "RCP syntax": js/policy's validator with kind `scp` or `rcp`;
 * MalformedPolicyDocumentException with the first error, its JSON path and line:column); at most
 * 1,000 policies of a type ("Number of policies of each type in an organization";
 * `POLICY_NUMBER_LIMIT_EXCEEDED`); names unique per type (DuplicatePolicyException). AWS managed
 * policies cannot be changed or deleted (InvalidInputException `IMMUTABLE_POLICY`); a policy still
 * attached cannot be deleted (PolicyInUseException).
 */
import type { Organization } from "../organization.ts";
import { constraint, invalidInput, OrganizationsError } from "../errors.ts";
import { awsPolicyArn, newPolicyId, policyArn, POLICY_ID } from "../ids.ts";
import { page } from "../paging.ts";
import type { PageInput, Policy, PolicyState, PolicySummary, PolicyType } from "../shapes.ts";
import { AWS_MANAGED_POLICIES } from "../aws-managed.ts";
import { NAME, optionalString, policyType, requiredString } from "../validate.ts";
import { validatePolicy } from "../../policy/validate.ts";

export const MAX_POLICY_SIZE = 5120;
export const MAX_POLICIES_PER_TYPE = 1000;

export interface CreatePolicyInput {
  Content: string;
  Description: string;
  Name: string;
  Type: PolicyType;
}

export interface UpdatePolicyInput {
  PolicyId: string;
  Name?: string;
  Description?: string;
  Content?: string;
}

export interface ListPoliciesInput extends PageInput {
  Filter: PolicyType;
}

/** A policy by id, customer or AWS managed: PolicyNotFoundException when unknown. */
export function findPolicy(org: Organization, id: unknown): PolicyState {
  if (typeof id !== "string" || !POLICY_ID.test(id)) throw invalidInput("INVALID_SYNTAX_POLICY_ID", "You specified a value for PolicyId that is not valid.");
  const p = AWS_MANAGED_POLICIES.find((m) => m.Id === id) ?? org.state.policies.find((c) => c.Id === id);
  if (!p) throw new OrganizationsError("PolicyNotFoundException", "We can't find a policy with the PolicyId that you specified.");
  return p;
}

export function summaryOf(org: Organization, p: PolicyState): PolicySummary {
  const s = org.state;
  const arn = p.AwsManaged ? awsPolicyArn(s.partition, p.Type, p.Id) : policyArn(s.partition, s.MasterAccountId, s.Id, p.Type, p.Id);
  return { Id: p.Id, Arn: arn, Name: p.Name, Description: p.Description, Type: p.Type, AwsManaged: p.AwsManaged };
}

/** The content checked as AWS checks a new policy (see the module doc). */
function checkContent(content: unknown, type: PolicyType): string {
  const text = requiredString(content, "Content", 1, 1_000_000);
  if (text.length > MAX_POLICY_SIZE) throw constraint("POLICY_CONTENT_LIMIT_EXCEEDED", `You attempted to create a policy larger than the maximum size (${MAX_POLICY_SIZE} characters).`);
  const result = validatePolicy(text, { kind: type === "SERVICE_CONTROL_POLICY" ? "scp" : "rcp", maxSize: MAX_POLICY_SIZE });
  const first = result.diagnostics.find((d) => d.severity === "error");
  if (first) {
    const at = first.span ? ` at line ${first.span.start.line}, column ${first.span.start.column}` : "";
    throw new OrganizationsError("MalformedPolicyDocumentException", `The provided policy document does not meet the requirements of the specified policy type: ${first.code}: ${first.message}${first.path ? ` (${first.path})` : ""}${at}.`);
  }
  return text;
}

function checkName(org: Organization, name: string, type: PolicyType, except?: string): void {
  if (org.state.policies.some((p) => p.Type === type && p.Name === name && p.Id !== except) || AWS_MANAGED_POLICIES.some((p) => p.Name === name)) {
    throw new OrganizationsError("DuplicatePolicyException", "A policy with the same name already exists.");
  }
}

export function createPolicy(org: Organization, caller: string, input: CreatePolicyInput): { Policy: Policy } {
  org.requireManagement(caller);
  const type = policyType(input?.Type);
  const name = requiredString(input.Name, "Name", 1, 128, NAME);
  const description = requiredString(input.Description ?? "", "Description", 0, 512);
  const content = checkContent(input.Content, type);
  checkName(org, name, type);
  if (org.state.policies.filter((p) => p.Type === type).length >= MAX_POLICIES_PER_TYPE) {
    throw constraint("POLICY_NUMBER_LIMIT_EXCEEDED", `You attempted to exceed the number of policies of this type (${MAX_POLICIES_PER_TYPE}).`);
  }
  const p: PolicyState = { Id: newPolicyId(), Name: name, Description: description, Type: type, Content: content, AwsManaged: false };
  org.state.policies.push(p);
  org.touch();
  return { Policy: { PolicySummary: summaryOf(org, p), Content: p.Content } };
}

export function updatePolicy(org: Organization, caller: string, input: UpdatePolicyInput): { Policy: Policy } {
  org.requireManagement(caller);
  const p = findPolicy(org, input?.PolicyId);
  if (p.AwsManaged) throw invalidInput("IMMUTABLE_POLICY", "You specified a policy that is managed by AWS and can't be modified.");
  const name = optionalString(input.Name, "Name", 1, 128, NAME);
  const description = optionalString(input.Description, "Description", 0, 512);
  const content = input.Content === undefined || input.Content === null ? undefined : checkContent(input.Content, p.Type);
  if (name !== undefined) checkName(org, name, p.Type, p.Id);
  if (name !== undefined) p.Name = name;
  if (description !== undefined) p.Description = description;
  if (content !== undefined) p.Content = content;
  org.touch();
  return { Policy: { PolicySummary: summaryOf(org, p), Content: p.Content } };
}

export function deletePolicy(org: Organization, caller: string, input: { PolicyId: string }): void {
  org.requireManagement(caller);
  const p = findPolicy(org, input?.PolicyId);
  if (p.AwsManaged) throw invalidInput("IMMUTABLE_POLICY", "You specified a policy that is managed by AWS and can't be modified.");
  if (Object.values(org.state.attachments).some((ids) => ids.includes(p.Id))) {
    throw new OrganizationsError("PolicyInUseException", "The policy is attached to one or more entities. You must detach it from all roots, OUs, and accounts before performing this operation.");
  }
  org.state.policies = org.state.policies.filter((x) => x.Id !== p.Id);
  org.touch();
}

export function describePolicy(org: Organization, caller: string, input: { PolicyId: string }): { Policy: Policy } {
  org.requireManagement(caller);
  const p = findPolicy(org, input?.PolicyId);
  return { Policy: { PolicySummary: summaryOf(org, p), Content: p.Content } };
}

export function listPolicies(org: Organization, caller: string, input: ListPoliciesInput): { Policies: PolicySummary[]; NextToken?: string } {
  org.requireManagement(caller);
  const type = policyType(input?.Filter, "Filter");
  const list = [...AWS_MANAGED_POLICIES, ...org.state.policies].filter((p) => p.Type === type).map((p) => summaryOf(org, p));
  const { items, NextToken } = page(list, input, `ListPolicies:${type}`);
  return NextToken ? { Policies: items, NextToken } : { Policies: items };
}
