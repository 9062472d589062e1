/**
 * @module sso/assignments
 * Account assignments and provisioning (SSO Admin API Reference: CreateAccountAssignment,
 * DeleteAccountAssignment, ListAccountAssignments, ProvisionPermissionSet and their status
 * calls):
 * - an assignment is (account, permission set, USER or GROUP principal of the identity store);
 *   the account must be in the organization; the same assignment twice is ConflictException;
 * - CreateAccountAssignment provisions the permission set to the account when it is not there yet
 *   ("the specified permission set will automatically be provisioned to the account in the form
 *   of an IAM policy. That policy is attached to the IAM role created in IAM Identity Center");
 * - ProvisionPermissionSet (to one account, or ALL_PROVISIONED_ACCOUNTS) brings the roles up to
 *   date with the permission set, policies removed from it included;
 * - deleting the last assignment of a permission set in an account removes its role there
 *   ("Remove access": the role is deleted when no user or group is assigned the permission set in
 *   that account), as DeletePermissionSet does in every account it was provisioned to.
 * What the roles need is returned as effects (sso/effects.ts); the edge applies them.
 */
import { SsoError, invalid, notFound } from "./errors.ts";
import { randomHex } from "./ids.ts";
import { findGroup, findUser, groupsOf } from "./identity-store.ts";
import { checkInstance, findPermissionSet } from "./permission-sets.ts";
import { reservedRole, reservedRoleName } from "./reserved-role.ts";
import type { AccountAssignment, IdentityCenterState, OperationStatus, PermissionSet, PrincipalType } from "./shapes.ts";
import type { RoleEffect } from "./effects.ts";
import { required } from "./validate.ts";

type Input = Record<string, unknown>;

export interface AssignmentContext {
  state: IdentityCenterState;
  now: Date;
  /** True when the account is in the instance's organization. */
  isAccount(accountId: string): boolean;
  effects: RoleEffect[];
}

function target(ctx: AssignmentContext, input: Input): string {
  if (input.TargetType !== "AWS_ACCOUNT") throw invalid("TargetType must be AWS_ACCOUNT");
  const id = required(input, "TargetId", { min: 12, max: 12, pattern: /^\d{12}$/ });
  if (!ctx.isAccount(id)) throw invalid(`TargetId ${id} is not an account of the organization`);
  return id;
}

function principal(state: IdentityCenterState, input: Input): { PrincipalType: PrincipalType; PrincipalId: string } {
  const type = input.PrincipalType;
  if (type !== "USER" && type !== "GROUP") throw invalid("PrincipalType must be USER or GROUP");
  const id = required(input, "PrincipalId", { max: 47 });
  if (type === "USER") findUser(state, id);
  else findGroup(state, id);
  return { PrincipalType: type, PrincipalId: id };
}

function status(ctx: AssignmentContext, kind: OperationStatus["kind"], fields: Partial<OperationStatus>): OperationStatus {
  const s: OperationStatus = { RequestId: crypto.randomUUID(), Status: "SUCCEEDED", CreatedDate: ctx.now.toISOString(), kind, ...fields };
  ctx.state.statuses.push(s);
  if (ctx.state.statuses.length > 1000) ctx.state.statuses.shift();
  return s;
}

function provision(ctx: AssignmentContext, ps: PermissionSet, accountId: string, replace: boolean): void {
  const suffix = (ps.Provisioned[accountId] ??= randomHex(16));
  ctx.effects.push({ kind: "provision", accountId, role: reservedRole(ctx.state, ps, accountId, suffix), replace });
}

function unprovision(ctx: AssignmentContext, ps: PermissionSet, accountId: string): void {
  const suffix = ps.Provisioned[accountId];
  if (suffix === undefined) return;
  delete ps.Provisioned[accountId];
  ctx.effects.push({ kind: "remove", accountId, roleName: reservedRoleName(ps.Name, suffix) });
}

/** The status as the API writes it (without the model's own `kind`). */
export function statusOut(s: OperationStatus): Record<string, unknown> {
  const { kind: _kind, CreatedDate, ...rest } = s;
  return { ...rest, CreatedDate: new Date(CreatedDate) };
}

export function createAccountAssignment(ctx: AssignmentContext, input: Input): { AccountAssignmentCreationStatus: Record<string, unknown> } {
  const ps = findPermissionSet(ctx.state, input);
  const accountId = target(ctx, input);
  const who = principal(ctx.state, input);
  const a: AccountAssignment = { AccountId: accountId, PermissionSetArn: ps.PermissionSetArn, ...who };
  if (ctx.state.assignments.some((x) => same(x, a))) throw new SsoError("ConflictException", "The account assignment already exists");
  ctx.state.assignments.push(a);
  if (ps.Provisioned[accountId] === undefined) provision(ctx, ps, accountId, false);
  const s = status(ctx, "create", { TargetId: accountId, TargetType: "AWS_ACCOUNT", PermissionSetArn: ps.PermissionSetArn, ...who });
  return { AccountAssignmentCreationStatus: statusOut(s) };
}

export function deleteAccountAssignment(ctx: AssignmentContext, input: Input): { AccountAssignmentDeletionStatus: Record<string, unknown> } {
  const ps = findPermissionSet(ctx.state, input);
  const accountId = target(ctx, input);
  const who = principal(ctx.state, input);
  const a: AccountAssignment = { AccountId: accountId, PermissionSetArn: ps.PermissionSetArn, ...who };
  const at = ctx.state.assignments.findIndex((x) => same(x, a));
  if (at < 0) throw notFound("Account assignment");
  ctx.state.assignments.splice(at, 1);
  if (!ctx.state.assignments.some((x) => x.AccountId === accountId && x.PermissionSetArn === ps.PermissionSetArn)) unprovision(ctx, ps, accountId);
  const s = status(ctx, "delete", { TargetId: accountId, TargetType: "AWS_ACCOUNT", PermissionSetArn: ps.PermissionSetArn, ...who });
  return { AccountAssignmentDeletionStatus: statusOut(s) };
}

export function provisionPermissionSet(ctx: AssignmentContext, input: Input): { PermissionSetProvisioningStatus: Record<string, unknown> } {
  const ps = findPermissionSet(ctx.state, input);
  let accounts: string[];
  if (input.TargetType === "ALL_PROVISIONED_ACCOUNTS") accounts = Object.keys(ps.Provisioned);
  else if (input.TargetType === "AWS_ACCOUNT") accounts = [target(ctx, input)];
  else throw invalid("TargetType must be AWS_ACCOUNT or ALL_PROVISIONED_ACCOUNTS");
  for (const id of accounts) provision(ctx, ps, id, true);
  const s = status(ctx, "provision", { PermissionSetArn: ps.PermissionSetArn, ...(input.TargetType === "AWS_ACCOUNT" ? { AccountId: accounts[0] } : {}) });
  return { PermissionSetProvisioningStatus: statusOut(s) };
}

export function deletePermissionSet(ctx: AssignmentContext, input: Input): Record<string, never> {
  const ps = findPermissionSet(ctx.state, input);
  if (ctx.state.assignments.some((a) => a.PermissionSetArn === ps.PermissionSetArn)) throw new SsoError("ConflictException", "The permission set is assigned to one or more accounts: delete its account assignments first");
  for (const id of Object.keys(ps.Provisioned)) unprovision(ctx, ps, id);
  ctx.state.permissionSets.splice(ctx.state.permissionSets.indexOf(ps), 1);
  return {};
}

export function listAccountAssignments(state: IdentityCenterState, input: Input): { AccountAssignments: AccountAssignment[] } {
  const ps = findPermissionSet(state, input);
  const accountId = required(input, "AccountId", { min: 12, max: 12, pattern: /^\d{12}$/ });
  return { AccountAssignments: state.assignments.filter((a) => a.AccountId === accountId && a.PermissionSetArn === ps.PermissionSetArn) };
}

export function describeStatus(state: IdentityCenterState, input: Input, kind: OperationStatus["kind"], member: string): OperationStatus {
  checkInstance(state, input);
  const id = required(input, member, { max: 36 });
  const s = state.statuses.find((x) => x.RequestId === id && x.kind === kind);
  if (!s) throw notFound(`Request ${id}`);
  return s;
}

/** The (account, permission set) pairs a user may sign in to: assigned to the user or to one of its groups. */
export function accessOf(state: IdentityCenterState, userId: string): { AccountId: string; PermissionSet: PermissionSet }[] {
  findUser(state, userId);
  const groups = new Set(groupsOf(state, userId));
  const seen = new Set<string>();
  const out: { AccountId: string; PermissionSet: PermissionSet }[] = [];
  for (const a of state.assignments) {
    const mine = a.PrincipalType === "USER" ? a.PrincipalId === userId : groups.has(a.PrincipalId);
    const key = `${a.AccountId} ${a.PermissionSetArn}`;
    if (!mine || seen.has(key)) continue;
    seen.add(key);
    const ps = state.permissionSets.find((p) => p.PermissionSetArn === a.PermissionSetArn);
    if (ps) out.push({ AccountId: a.AccountId, PermissionSet: ps });
  }
  return out;
}

function same(x: AccountAssignment, y: AccountAssignment): boolean {
  return x.AccountId === y.AccountId && x.PermissionSetArn === y.PermissionSetArn && x.PrincipalType === y.PrincipalType && x.PrincipalId === y.PrincipalId;
}
