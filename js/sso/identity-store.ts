/**
 * @module sso/identity-store
 * The identity store's users, groups and memberships (Identity Store API Reference: CreateUser,
 * CreateGroup, CreateGroupMembership, ListUsers, ListGroups, DescribeUser). A UserName is unique
 * in the store and so is a group's DisplayName ("ConflictException ... a resource with the same
 * unique attribute"); a user is at most once in a group.
 */
import { SsoError, notFound } from "./errors.ts";
import { newPrincipalId } from "./ids.ts";
import type { IdentityCenterState, IdentityStoreGroup, IdentityStoreUser } from "./shapes.ts";
import { required, str } from "./validate.ts";

type Input = Record<string, unknown>;
const TEXT = /^[\p{L}\p{M}\p{S}\p{N}\p{P}\t\n\r  ]+$/u;

export function checkStore(state: IdentityCenterState, input: Input): void {
  const id = required(input, "IdentityStoreId", { max: 36, pattern: /^d-[0-9a-f]{10}$|^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/ });
  if (id !== state.IdentityStoreId) throw notFound(`Identity store ${id}`);
}

export function createUser(state: IdentityCenterState, input: Input): { UserId: string; IdentityStoreId: string } {
  checkStore(state, input);
  const UserName = required(input, "UserName", { max: 128, pattern: TEXT });
  const DisplayName = required(input, "DisplayName", { max: 1024, pattern: TEXT });
  if (state.users.some((u) => u.UserName.toLowerCase() === UserName.toLowerCase())) throw new SsoError("ConflictException", `Duplicate UserName ${UserName}`);
  const user: IdentityStoreUser = { UserId: newPrincipalId(), UserName, DisplayName };
  const name = input.Name as Record<string, unknown> | undefined;
  if (name && typeof name === "object") user.Name = { GivenName: str(name, "GivenName", { max: 1024, optional: true }), FamilyName: str(name, "FamilyName", { max: 1024, optional: true }) };
  state.users.push(user);
  return { UserId: user.UserId, IdentityStoreId: state.IdentityStoreId };
}

export function createGroup(state: IdentityCenterState, input: Input): { GroupId: string; IdentityStoreId: string } {
  checkStore(state, input);
  const DisplayName = required(input, "DisplayName", { max: 1024, pattern: TEXT });
  if (state.groups.some((g) => g.DisplayName.toLowerCase() === DisplayName.toLowerCase())) throw new SsoError("ConflictException", `Duplicate GroupDisplayName ${DisplayName}`);
  const group: IdentityStoreGroup = { GroupId: newPrincipalId(), DisplayName };
  const Description = str(input, "Description", { max: 1024, optional: true });
  if (Description !== undefined) group.Description = Description;
  state.groups.push(group);
  return { GroupId: group.GroupId, IdentityStoreId: state.IdentityStoreId };
}

export function findUser(state: IdentityCenterState, userId: string): IdentityStoreUser {
  const u = state.users.find((x) => x.UserId === userId);
  if (!u) throw notFound(`User ${userId}`);
  return u;
}

export function findGroup(state: IdentityCenterState, groupId: string): IdentityStoreGroup {
  const g = state.groups.find((x) => x.GroupId === groupId);
  if (!g) throw notFound(`Group ${groupId}`);
  return g;
}

export function createGroupMembership(state: IdentityCenterState, input: Input): { MembershipId: string; IdentityStoreId: string } {
  checkStore(state, input);
  const GroupId = findGroup(state, required(input, "GroupId", { max: 47 })).GroupId;
  const member = input.MemberId as Record<string, unknown> | undefined;
  const UserId = findUser(state, required(member && typeof member === "object" ? member : {}, "UserId", { max: 47 })).UserId;
  if (state.memberships.some((m) => m.GroupId === GroupId && m.MemberId.UserId === UserId)) throw new SsoError("ConflictException", "Member already exists in the group");
  const MembershipId = newPrincipalId();
  state.memberships.push({ MembershipId, GroupId, MemberId: { UserId } });
  return { MembershipId, IdentityStoreId: state.IdentityStoreId };
}

/** ListUsers, with the one filter AWS still takes (`UserName` equality). */
export function listUsers(state: IdentityCenterState, input: Input): { Users: (IdentityStoreUser & { IdentityStoreId: string })[] } {
  checkStore(state, input);
  const filter = (input.Filters as { AttributePath?: string; AttributeValue?: string }[] | undefined)?.[0];
  const users = filter?.AttributePath === "UserName" ? state.users.filter((u) => u.UserName === filter.AttributeValue) : state.users;
  return { Users: users.map((u) => ({ ...u, IdentityStoreId: state.IdentityStoreId })) };
}

export function listGroups(state: IdentityCenterState, input: Input): { Groups: (IdentityStoreGroup & { IdentityStoreId: string })[] } {
  checkStore(state, input);
  const filter = (input.Filters as { AttributePath?: string; AttributeValue?: string }[] | undefined)?.[0];
  const groups = filter?.AttributePath === "DisplayName" ? state.groups.filter((g) => g.DisplayName === filter.AttributeValue) : state.groups;
  return { Groups: groups.map((g) => ({ ...g, IdentityStoreId: state.IdentityStoreId })) };
}

/** The groups a user is a member of. */
export function groupsOf(state: IdentityCenterState, userId: string): string[] {
  return state.memberships.filter((m) => m.MemberId.UserId === userId).map((m) => m.GroupId);
}
