/**
 * @module edge/org-api/operations
 * The Organizations operations this endpoint serves, by AWS name: the IAM action that authorizes
 * each (`organizations:<Operation>`), the resources it is authorized on and the condition keys
 * it sets (Service Authorization Reference, "Actions, resources, and condition keys for AWS
 * Organizations": e.g. AttachPolicy on the `policy` and on the `account`, `organizationalunit`
 * or `root` target; CreatePolicy on `*` with `organizations:PolicyType`), whether it only reads,
 * and the model's method (js/org). Resources that do not exist (yet) are authorized on the
 * organization's ARN; the operation then answers its not-found error.
 */
import type { ContextValue } from "../../engine/request.ts";
import { Organization } from "../../org/organization.ts";
import { organizationArn } from "../../org/ids.ts";
import { AWS_MANAGED_POLICIES } from "../../org/aws-managed.ts";
import { awsPolicyArn, policyArn } from "../../org/ids.ts";
import { findOu, findAccount, rootTarget, ouTarget, accountTarget } from "../../org/tree.ts";

type Input = Record<string, unknown>;

export interface OrgOperation {
  /** Reads only: served from the isolate's copy of the organization. */
  readOnly: boolean;
  /** The ARNs `organizations:<name>` is authorized on. */
  resources(org: Organization | undefined, input: Input): string[];
  /** Condition keys the request sets. */
  context?(input: Input): Record<string, ContextValue>;
  run(org: Organization, caller: string, input: Input): unknown;
}

function orgArn(org: Organization | undefined): string {
  return org ? organizationArn(org.state.partition, org.managementAccountId, org.id) : "*";
}

/** A root, OU or account's ARN (the organization's when unknown). */
function targetArn(org: Organization | undefined, id: unknown): string {
  if (!org || typeof id !== "string") return orgArn(org);
  const s = org.state;
  if (id === s.root.Id) return rootTarget(s).arn;
  const ou = findOu(s, id);
  if (ou) return ouTarget(s, ou).arn;
  const a = findAccount(s, id);
  return a ? accountTarget(s, a).arn : orgArn(org);
}

function policyArnOf(org: Organization | undefined, id: unknown): string {
  const managed = AWS_MANAGED_POLICIES.find((p) => p.Id === id);
  if (managed) return awsPolicyArn(org?.state.partition ?? "aws", managed.Type, managed.Id);
  const p = org?.state.policies.find((x) => x.Id === id);
  return p && org ? policyArn(org.state.partition, org.managementAccountId, org.id, p.Type, p.Id) : orgArn(org);
}

function policyTypeOf(org: Organization | undefined, id: unknown): string | undefined {
  return (AWS_MANAGED_POLICIES.find((p) => p.Id === id) ?? org?.state.policies.find((p) => p.Id === id))?.Type;
}

const star = () => ["*"];
const typeKey = (field: string) => (input: Input): Record<string, ContextValue> => (typeof input[field] === "string" ? { "organizations:PolicyType": input[field] as string } : {});
const on = (field: string) => (org: Organization | undefined, input: Input) => [targetArn(org, input[field])];
const onPolicy = (org: Organization | undefined, input: Input) => [policyArnOf(org, input.PolicyId)];
const onPolicyAndTarget = (org: Organization | undefined, input: Input) => [policyArnOf(org, input.PolicyId), targetArn(org, input.TargetId)];

type Call = (org: Organization, caller: string, input: never) => unknown;
const read = (resources: OrgOperation["resources"], run: Call, context?: OrgOperation["context"]): OrgOperation => ({ readOnly: true, resources, run: run as OrgOperation["run"], context });
const change = (resources: OrgOperation["resources"], run: Call, context?: OrgOperation["context"]): OrgOperation => ({ readOnly: false, resources, run: run as OrgOperation["run"], context });

/** CreateOrganization is the handler's own (it makes the organization); every other operation is here. */
export const ORG_OPERATIONS: Readonly<Record<string, OrgOperation>> = {
  DescribeOrganization: read(star, (o, c) => o.describeOrganization(c)),
  DeleteOrganization: change(star, (o, c) => o.deleteOrganization(c)),
  ListRoots: read(star, (o, c, i) => o.listRoots(c, i)),
  CreateOrganizationalUnit: change(on("ParentId"), (o, c, i) => o.createOrganizationalUnit(c, i)),
  DescribeOrganizationalUnit: read(on("OrganizationalUnitId"), (o, c, i) => o.describeOrganizationalUnit(c, i)),
  UpdateOrganizationalUnit: change(on("OrganizationalUnitId"), (o, c, i) => o.updateOrganizationalUnit(c, i)),
  DeleteOrganizationalUnit: change(on("OrganizationalUnitId"), (o, c, i) => o.deleteOrganizationalUnit(c, i)),
  ListOrganizationalUnitsForParent: read(on("ParentId"), (o, c, i) => o.listOrganizationalUnitsForParent(c, i)),
  ListChildren: read(on("ParentId"), (o, c, i) => o.listChildren(c, i)),
  ListParents: read(on("ChildId"), (o, c, i) => o.listParents(c, i)),
  CreateAccount: change(star, (o, c, i) => o.createAccount(c, i)),
  DescribeCreateAccountStatus: read(star, (o, c, i) => o.describeCreateAccountStatus(c, i)),
  ListCreateAccountStatus: read(star, (o, c, i) => o.listCreateAccountStatus(c, i)),
  DescribeAccount: read(on("AccountId"), (o, c, i) => o.describeAccount(c, i)),
  ListAccounts: read(star, (o, c, i) => o.listAccounts(c, i)),
  ListAccountsForParent: read(on("ParentId"), (o, c, i) => o.listAccountsForParent(c, i)),
  MoveAccount: change((o, i) => [targetArn(o, i.AccountId), targetArn(o, i.SourceParentId), targetArn(o, i.DestinationParentId)], (o, c, i) => o.moveAccount(c, i)),
  RemoveAccountFromOrganization: change(on("AccountId"), (o, c, i) => o.removeAccountFromOrganization(c, i)),
  LeaveOrganization: change(star, (o, c) => o.leaveOrganization(c)),
  CreatePolicy: change(star, (o, c, i) => o.createPolicy(c, i), typeKey("Type")),
  UpdatePolicy: change(onPolicy, (o, c, i) => o.updatePolicy(c, i)),
  DeletePolicy: change(onPolicy, (o, c, i) => o.deletePolicy(c, i)),
  DescribePolicy: read(onPolicy, (o, c, i) => o.describePolicy(c, i)),
  ListPolicies: read(star, (o, c, i) => o.listPolicies(c, i), typeKey("Filter")),
  AttachPolicy: change(onPolicyAndTarget, (o, c, i) => o.attachPolicy(c, i)),
  DetachPolicy: change(onPolicyAndTarget, (o, c, i) => o.detachPolicy(c, i)),
  ListPoliciesForTarget: read(on("TargetId"), (o, c, i) => o.listPoliciesForTarget(c, i), typeKey("Filter")),
  ListTargetsForPolicy: read(onPolicy, (o, c, i) => o.listTargetsForPolicy(c, i)),
  EnablePolicyType: change(on("RootId"), (o, c, i) => o.enablePolicyType(c, i), typeKey("PolicyType")),
  DisablePolicyType: change(on("RootId"), (o, c, i) => o.disablePolicyType(c, i), typeKey("PolicyType")),
};

/** The policy type a request names (AttachPolicy and the like read it from the policy). */
export function requestPolicyType(org: Organization | undefined, input: Input): string | undefined {
  return typeof input.PolicyId === "string" ? policyTypeOf(org, input.PolicyId) : undefined;
}
