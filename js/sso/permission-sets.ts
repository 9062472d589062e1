/**
 * @module sso/permission-sets
 * Permission sets (SSO Admin API Reference: CreatePermissionSet, DescribePermissionSet,
 * ListPermissionSets, AttachManagedPolicyToPermissionSet,
 * AttachCustomerManagedPolicyReferenceToPermissionSet, PutInlinePolicyToPermissionSet,
 * PutPermissionsBoundaryToPermissionSet, DeletePermissionSet). A name is unique in the instance
 * (ConflictException); SessionDuration defaults to PT1H ("Set session duration"); a managed
 * policy must be an AWS managed policy ARN (`arn:aws:iam::aws:policy/...`: customer managed
 * policies are attached by reference, by name and path, since each account has its own); a policy
 * attached twice is ConflictException; DeletePermissionSet while it is assigned is
 * ConflictException. None of these changes the provisioned roles: "If the permission set is
 * subsequently updated, the corresponding IAM policies attached to roles in your accounts will not
 * be updated automatically. In this case, you must call ProvisionPermissionSet"
 * (CreateAccountAssignment).
 */
import { SsoError, invalid, notFound } from "./errors.ts";
import { newPermissionSetId, permissionSetArn, PERMISSION_SET_ARN } from "./ids.ts";
import type { CustomerManagedPolicyReference, IdentityCenterState, PermissionSet } from "./shapes.ts";
import { PERMISSION_SET_NAME, policyJson, required, sessionSeconds, str } from "./validate.ts";

type Input = Record<string, unknown>;
const AWS_MANAGED = /^arn:(aws|aws-cn|aws-us-gov):iam::aws:policy\/([\w+=,.@/-]+\/)?([\w+=,.@-]+)$/;
const PATH = /^\/([\x21-\x7e]+\/)?$/;

export function checkInstance(state: IdentityCenterState, input: Input): void {
  const arn = required(input, "InstanceArn", { min: 10, max: 1224 });
  if (arn !== state.InstanceArn) throw notFound(`Instance ${arn}`);
}

export function findPermissionSet(state: IdentityCenterState, input: Input): PermissionSet {
  checkInstance(state, input);
  const arn = required(input, "PermissionSetArn", { min: 10, max: 1224 });
  if (!PERMISSION_SET_ARN.test(arn)) throw invalid(`PermissionSetArn ${arn} is not a permission set ARN`);
  const ps = state.permissionSets.find((p) => p.PermissionSetArn === arn);
  if (!ps) throw notFound(`PermissionSet ${arn}`);
  return ps;
}

/** A permission set as DescribePermissionSet answers it. */
export function describe(ps: PermissionSet): Record<string, unknown> {
  const { Name, PermissionSetArn, Description, SessionDuration, RelayState, CreatedDate } = ps;
  return { Name, PermissionSetArn, Description, SessionDuration, RelayState, CreatedDate: new Date(CreatedDate) };
}

export function createPermissionSet(state: IdentityCenterState, input: Input, now: Date): { PermissionSet: Record<string, unknown> } {
  checkInstance(state, input);
  const Name = required(input, "Name", { max: 32, pattern: PERMISSION_SET_NAME });
  if (state.permissionSets.some((p) => p.Name.toLowerCase() === Name.toLowerCase())) throw new SsoError("ConflictException", `PermissionSet with name ${Name} already exists`);
  const SessionDuration = str(input, "SessionDuration", { max: 100, optional: true }) ?? "PT1H";
  sessionSeconds(SessionDuration);
  const id = state.InstanceArn.slice(state.InstanceArn.lastIndexOf("/") + 1);
  const ps: PermissionSet = { Name, PermissionSetArn: permissionSetArn(state.partition, id, newPermissionSetId()), SessionDuration, CreatedDate: now.toISOString(), ManagedPolicies: [], CustomerManagedPolicyReferences: [], Provisioned: {} };
  const Description = str(input, "Description", { max: 700, optional: true });
  if (Description !== undefined) ps.Description = Description;
  const RelayState = str(input, "RelayState", { max: 240, optional: true });
  if (RelayState !== undefined) ps.RelayState = RelayState;
  state.permissionSets.push(ps);
  return { PermissionSet: describe(ps) };
}

export function attachManagedPolicy(state: IdentityCenterState, input: Input): Record<string, never> {
  const ps = findPermissionSet(state, input);
  const arn = required(input, "ManagedPolicyArn", { min: 20, max: 2048 });
  const m = AWS_MANAGED.exec(arn);
  if (!m) throw invalid(`ManagedPolicyArn ${arn} is not an AWS managed policy: attach a customer managed policy by reference`);
  if (ps.ManagedPolicies.some((p) => p.Arn === arn)) throw new SsoError("ConflictException", `Policy ${arn} is already attached to the permission set`);
  ps.ManagedPolicies.push({ Arn: arn, Name: m[3] });
  return {};
}

function reference(value: unknown, member: string): CustomerManagedPolicyReference {
  const ref = value !== null && typeof value === "object" ? (value as Input) : {};
  if (value === undefined) throw invalid(`${member} is required`);
  const Name = required(ref, "Name", { max: 128, pattern: /^[\w+=,.@-]+$/ });
  const Path = str(ref, "Path", { max: 512, pattern: PATH, optional: true }) ?? "/";
  return { Name, Path };
}

export function attachCustomerManagedPolicyReference(state: IdentityCenterState, input: Input): Record<string, never> {
  const ps = findPermissionSet(state, input);
  const ref = reference(input.CustomerManagedPolicyReference, "CustomerManagedPolicyReference");
  if (ps.CustomerManagedPolicyReferences.some((r) => r.Name === ref.Name && r.Path === ref.Path)) throw new SsoError("ConflictException", `Policy ${ref.Path}${ref.Name} is already attached to the permission set`);
  ps.CustomerManagedPolicyReferences.push(ref);
  return {};
}

export function putInlinePolicy(state: IdentityCenterState, input: Input): Record<string, never> {
  const ps = findPermissionSet(state, input);
  ps.InlinePolicy = policyJson(required(input, "InlinePolicy", { max: 32768 }), "InlinePolicy");
  return {};
}

export function putPermissionsBoundary(state: IdentityCenterState, input: Input): Record<string, never> {
  const ps = findPermissionSet(state, input);
  const b = input.PermissionsBoundary !== null && typeof input.PermissionsBoundary === "object" ? (input.PermissionsBoundary as Input) : undefined;
  if (!b) throw invalid("PermissionsBoundary is required");
  const arn = typeof b.ManagedPolicyArn === "string" ? b.ManagedPolicyArn : undefined;
  const hasRef = b.CustomerManagedPolicyReference !== undefined;
  if ((arn === undefined) === !hasRef) throw invalid("PermissionsBoundary takes exactly one of ManagedPolicyArn and CustomerManagedPolicyReference");
  if (arn !== undefined && !AWS_MANAGED.test(arn)) throw invalid(`ManagedPolicyArn ${arn} is not an AWS managed policy`);
  ps.PermissionsBoundary = arn !== undefined ? { ManagedPolicyArn: arn } : { CustomerManagedPolicyReference: reference(b.CustomerManagedPolicyReference, "CustomerManagedPolicyReference") };
  return {};
}

export function listPermissionSets(state: IdentityCenterState, input: Input): { PermissionSets: string[] } {
  checkInstance(state, input);
  return { PermissionSets: state.permissionSets.map((p) => p.PermissionSetArn) };
}
