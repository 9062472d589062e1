/**
 * @module org/tree
 * The organization's tree: the root, OUs below it (at most five levels deep), accounts in the root
 * or an OU. Lookups by id with AWS's errors for an id that is malformed (InvalidInputException
 * `INVALID_PATTERN`) or unknown (RootNotFoundException, OrganizationalUnitNotFoundException,
 * AccountNotFoundException, ParentNotFoundException, TargetNotFoundException), and the path from
 * the root down to a target, which SCP evaluation and `aws:PrincipalOrgPaths` both walk.
 */
import { invalidInput, OrganizationsError } from "./errors.ts";
import { ACCOUNT_ID, accountArn, OU_ID, ouArn, ROOT_ID, rootArn } from "./ids.ts";
import type { AccountState, OrganizationState, OuState, TargetType } from "./shapes.ts";

export interface Target {
  id: string;
  type: TargetType;
  name: string;
  arn: string;
}

export function rootTarget(s: OrganizationState): Target {
  return { id: s.root.Id, type: "ROOT", name: s.root.Name, arn: rootArn(s.partition, s.MasterAccountId, s.Id, s.root.Id) };
}

export function findOu(s: OrganizationState, id: string): OuState | undefined {
  return s.ous.find((o) => o.Id === id);
}

export function findAccount(s: OrganizationState, id: string): AccountState | undefined {
  return s.accounts.find((a) => a.Id === id);
}

export function ouTarget(s: OrganizationState, ou: OuState): Target {
  return { id: ou.Id, type: "ORGANIZATIONAL_UNIT", name: ou.Name, arn: ouArn(s.partition, s.MasterAccountId, s.Id, ou.Id) };
}

export function accountTarget(s: OrganizationState, a: AccountState): Target {
  return { id: a.Id, type: "ACCOUNT", name: a.Name, arn: accountArn(s.partition, s.MasterAccountId, s.Id, a.Id) };
}

/** The kind of id `id` is by its pattern, or undefined. */
export function idKind(id: unknown): TargetType | undefined {
  if (typeof id !== "string") return undefined;
  if (ROOT_ID.test(id)) return "ROOT";
  if (OU_ID.test(id)) return "ORGANIZATIONAL_UNIT";
  if (ACCOUNT_ID.test(id)) return "ACCOUNT";
  return undefined;
}

function badId(field: string, id: unknown): OrganizationsError {
  return invalidInput("INVALID_PATTERN", `You specified a value for ${field} that is not valid: ${String(id).slice(0, 64)}`);
}

/** A root, OU or account (AttachPolicy's TargetId): TargetNotFoundException when unknown. */
export function target(s: OrganizationState, id: unknown, field = "TargetId"): Target {
  const kind = idKind(id);
  if (!kind) throw badId(field, id);
  const t = lookup(s, id as string, kind);
  if (!t) throw new OrganizationsError("TargetNotFoundException", "We can't find a root, OU, account, or policy with the TargetId that you specified.");
  return t;
}

/** A root or OU (ParentId): ParentNotFoundException when unknown. */
export function parent(s: OrganizationState, id: unknown, field = "ParentId", notFound: "ParentNotFoundException" | "SourceParentNotFoundException" | "DestinationParentNotFoundException" = "ParentNotFoundException"): Target {
  const kind = idKind(id);
  if (kind !== "ROOT" && kind !== "ORGANIZATIONAL_UNIT") throw badId(field, id);
  const t = lookup(s, id as string, kind);
  if (!t) throw new OrganizationsError(notFound, "We can't find a root or OU with the ParentId that you specified.");
  return t;
}

/** An OU by id: OrganizationalUnitNotFoundException when unknown. */
export function ou(s: OrganizationState, id: unknown, field = "OrganizationalUnitId"): OuState {
  if (typeof id !== "string" || !OU_ID.test(id)) throw badId(field, id);
  const found = findOu(s, id);
  if (!found) throw new OrganizationsError("OrganizationalUnitNotFoundException", "We can't find an OU with the OrganizationalUnitId that you specified.");
  return found;
}

/** An account of the organization: AccountNotFoundException when unknown. */
export function account(s: OrganizationState, id: unknown, field = "AccountId"): AccountState {
  if (typeof id !== "string" || !ACCOUNT_ID.test(id)) throw badId(field, id);
  const found = findAccount(s, id);
  if (!found) throw new OrganizationsError("AccountNotFoundException", "You specified an account that doesn't exist.");
  return found;
}

function lookup(s: OrganizationState, id: string, kind: TargetType): Target | undefined {
  if (kind === "ROOT") return id === s.root.Id ? rootTarget(s) : undefined;
  if (kind === "ORGANIZATIONAL_UNIT") {
    const o = findOu(s, id);
    return o ? ouTarget(s, o) : undefined;
  }
  const a = findAccount(s, id);
  return a ? accountTarget(s, a) : undefined;
}

/** The ids from the root down to `parentId` inclusive: `[r-..., ou-..., ou-...]`. */
export function pathTo(s: OrganizationState, parentId: string): string[] {
  const path: string[] = [];
  let id: string | undefined = parentId;
  // The tree is at most 5 OUs deep; the bound guards a corrupted state against looping.
  for (let i = 0; id !== undefined && i < 16; i++) {
    path.unshift(id);
    if (id === s.root.Id) return path;
    id = findOu(s, id)?.ParentId;
  }
  throw new Error(`organization ${s.Id}: ${parentId} does not lead to the root`);
}

/** How many OUs deep `parentId` is (the root is 0). */
export function depthOf(s: OrganizationState, parentId: string): number {
  return pathTo(s, parentId).length - 1;
}

/** The OUs and accounts directly below `parentId`. */
export function childrenOf(s: OrganizationState, parentId: string): { ous: OuState[]; accounts: AccountState[] } {
  return { ous: s.ous.filter((o) => o.ParentId === parentId), accounts: s.accounts.filter((a) => a.ParentId === parentId) };
}
