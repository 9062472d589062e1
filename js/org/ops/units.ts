/**
 * @module org/ops/units
 * The root and OUs (Organizations API Reference: ListRoots, CreateOrganizationalUnit,
 * DescribeOrganizationalUnit, UpdateOrganizationalUnit, DeleteOrganizationalUnit,
 * ListOrganizationalUnitsForParent, ListChildren, ListParents).
 *
 * Rules: OUs nest at most five levels below the root ("Quotas for AWS Organizations": "OU
 * maximum nesting in a root: 5 levels of OUs deep under a root"; ConstraintViolationException
 * `OU_DEPTH_LIMIT_EXCEEDED`); at most 2,000 OUs ("Number of OUs in an organization";
 * `OU_NUMBER_LIMIT_EXCEEDED`); two OUs of one parent cannot share a name
 * (DuplicateOrganizationalUnitException); an OU is deleted only once empty of accounts and OUs
 * (OrganizationalUnitNotEmptyException). A new OU gets the default policy of every enabled type
 * (FullAWSAccess, RCPFullAWSAccess), as every new target does ("SCP evaluation").
 */
import type { Organization } from "../organization.ts";
import { constraint, invalidInput, OrganizationsError } from "../errors.ts";
import { newOuId } from "../ids.ts";
import { page } from "../paging.ts";
import type { Child, OrganizationalUnit, PageInput, Parent, Root } from "../shapes.ts";
import { childrenOf, depthOf, ou, ouTarget, parent, rootTarget, account, idKind } from "../tree.ts";
import { NAME, requiredString } from "../validate.ts";
import { attachDefaults } from "./attachments.ts";

export const MAX_OU_DEPTH = 5;
export const MAX_OUS = 2000;

export type ListInput = PageInput;
export interface ParentListInput extends PageInput {
  ParentId: string;
}
export interface ChildrenInput extends ParentListInput {
  ChildType: "ACCOUNT" | "ORGANIZATIONAL_UNIT";
}
export interface ParentsInput extends PageInput {
  ChildId: string;
}
export interface CreateOrganizationalUnitInput {
  ParentId: string;
  Name: string;
}

function ouShape(org: Organization, id: string): OrganizationalUnit {
  const t = ouTarget(org.state, ou(org.state, id));
  return { Id: t.id, Arn: t.arn, Name: t.name };
}

export function listRoots(org: Organization, caller: string, input?: ListInput): { Roots: Root[]; NextToken?: string } {
  org.requireManagement(caller);
  const t = rootTarget(org.state);
  const roots: Root[] = [{ Id: t.id, Arn: t.arn, Name: t.name, PolicyTypes: org.state.root.PolicyTypes.map((p) => ({ ...p })) }];
  const { items, NextToken } = page(roots, input, "ListRoots");
  return NextToken ? { Roots: items, NextToken } : { Roots: items };
}

export function createOrganizationalUnit(org: Organization, caller: string, input: CreateOrganizationalUnitInput): { OrganizationalUnit: OrganizationalUnit } {
  org.requireManagement(caller);
  const s = org.state;
  const p = parent(s, input?.ParentId);
  const name = requiredString(input.Name, "Name", 1, 128, NAME);
  if (depthOf(s, p.id) >= MAX_OU_DEPTH) throw constraint("OU_DEPTH_LIMIT_EXCEEDED", `You attempted to create an OU tree that is too many levels deep: at most ${MAX_OU_DEPTH} levels of OUs below the root.`);
  if (s.ous.length >= MAX_OUS) throw constraint("OU_NUMBER_LIMIT_EXCEEDED", `You attempted to exceed the number of OUs that you can have in an organization (${MAX_OUS}).`);
  if (childrenOf(s, p.id).ous.some((o) => o.Name === name)) throw new OrganizationsError("DuplicateOrganizationalUnitException", "An OU with the same name already exists.");
  const id = newOuId(s.root.Id);
  s.ous.push({ Id: id, Name: name, ParentId: p.id });
  attachDefaults(org, id);
  org.touch();
  return { OrganizationalUnit: ouShape(org, id) };
}

export function describeOrganizationalUnit(org: Organization, caller: string, input: { OrganizationalUnitId: string }): { OrganizationalUnit: OrganizationalUnit } {
  org.requireManagement(caller);
  return { OrganizationalUnit: ouShape(org, input?.OrganizationalUnitId) };
}

export function updateOrganizationalUnit(org: Organization, caller: string, input: { OrganizationalUnitId: string; Name?: string }): { OrganizationalUnit: OrganizationalUnit } {
  org.requireManagement(caller);
  const unit = ou(org.state, input?.OrganizationalUnitId);
  if (input.Name !== undefined) {
    const name = requiredString(input.Name, "Name", 1, 128, NAME);
    if (childrenOf(org.state, unit.ParentId).ous.some((o) => o.Name === name && o.Id !== unit.Id)) throw new OrganizationsError("DuplicateOrganizationalUnitException", "An OU with the same name already exists.");
    unit.Name = name;
    org.touch();
  }
  return { OrganizationalUnit: ouShape(org, unit.Id) };
}

export function deleteOrganizationalUnit(org: Organization, caller: string, input: { OrganizationalUnitId: string }): void {
  org.requireManagement(caller);
  const s = org.state;
  const unit = ou(s, input?.OrganizationalUnitId);
  const below = childrenOf(s, unit.Id);
  if (below.ous.length || below.accounts.length) throw new OrganizationsError("OrganizationalUnitNotEmptyException", "The OU is not empty: move its accounts and delete its OUs first.");
  s.ous = s.ous.filter((o) => o.Id !== unit.Id);
  delete s.attachments[unit.Id];
  org.touch();
}

export function listOrganizationalUnitsForParent(org: Organization, caller: string, input: ParentListInput): { OrganizationalUnits: OrganizationalUnit[]; NextToken?: string } {
  org.requireManagement(caller);
  const p = parent(org.state, input?.ParentId);
  const list = childrenOf(org.state, p.id).ous.map((o) => ouShape(org, o.Id));
  const { items, NextToken } = page(list, input, `ListOrganizationalUnitsForParent:${p.id}`);
  return NextToken ? { OrganizationalUnits: items, NextToken } : { OrganizationalUnits: items };
}

export function listChildren(org: Organization, caller: string, input: ChildrenInput): { Children: Child[]; NextToken?: string } {
  org.requireManagement(caller);
  const p = parent(org.state, input?.ParentId);
  if (input.ChildType !== "ACCOUNT" && input.ChildType !== "ORGANIZATIONAL_UNIT") {
    throw invalidInput(input.ChildType === undefined ? "INPUT_REQUIRED" : "INVALID_ENUM", "ChildType must be ACCOUNT or ORGANIZATIONAL_UNIT.");
  }
  const below = childrenOf(org.state, p.id);
  const list: Child[] = input.ChildType === "ACCOUNT" ? below.accounts.map((a) => ({ Id: a.Id, Type: "ACCOUNT" })) : below.ous.map((o) => ({ Id: o.Id, Type: "ORGANIZATIONAL_UNIT" }));
  const { items, NextToken } = page(list, input, `ListChildren:${p.id}:${input.ChildType}`);
  return NextToken ? { Children: items, NextToken } : { Children: items };
}

export function listParents(org: Organization, caller: string, input: ParentsInput): { Parents: Parent[]; NextToken?: string } {
  org.requireManagement(caller);
  const kind = idKind(input?.ChildId);
  let parentId: string;
  if (kind === "ACCOUNT") parentId = account(org.state, input.ChildId, "ChildId").ParentId;
  else if (kind === "ORGANIZATIONAL_UNIT") parentId = ou(org.state, input.ChildId, "ChildId").ParentId;
  else if (kind === "ROOT") throw new OrganizationsError("ChildNotFoundException", "We can't find an organizational unit (OU) or AWS account with the ChildId that you specified.");
  else throw invalidInput("INVALID_PATTERN", "You specified a value for ChildId that is not valid.");
  const list: Parent[] = [{ Id: parentId, Type: parentId === org.state.root.Id ? "ROOT" : "ORGANIZATIONAL_UNIT" }];
  const { items, NextToken } = page(list, input, `ListParents:${input.ChildId}`);
  return NextToken ? { Parents: items, NextToken } : { Parents: items };
}
