/**
 * @module iam/ops/groups
 * IAM groups and membership: CreateGroup, GetGroup, ListGroups, UpdateGroup, DeleteGroup,
 * AddUserToGroup, RemoveUserFromGroup, ListGroupsForUser, with the request and response fields
 * of the IAM API Reference (API_CreateGroup.html, API_GetGroup.html, API_ListGroups.html,
 * API_UpdateGroup.html, API_DeleteGroup.html, API_AddUserToGroup.html,
 * API_RemoveUserFromGroup.html, API_ListGroupsForUser.html; data type API_Group.html).
 * Membership is kept on the user (GAAD's `GroupList`, group names); a user is in at most 10
 * groups ("IAM and AWS STS quotas": groups an IAM user can be a member of).
 */
import type { AccountState, OperationOptions } from "../account-state.ts";
import { IamError } from "../errors.ts";
import { checkName, checkPath } from "../validate.ts";
import type { GroupEntity } from "../store.ts";
import {
  checkMaxItems, checkPathPrefix, paginate, randomUnique, requestObject, requireUser, sortedEntries, userArn, userShape,
  type EmptyResponse, type PaginatedResponse, type PaginationRequest, type User,
} from "./users.ts";

/** "IAM and AWS STS quotas": groups per user. */
export const GROUPS_PER_USER = 10;

export interface Group { Path: string; GroupName: string; GroupId: string; Arn: string; CreateDate: string }

export interface CreateGroupRequest { Path?: string; GroupName: string }
export interface CreateGroupResponse { Group: Group }
export interface GetGroupRequest extends PaginationRequest { GroupName: string }
export interface GetGroupResponse extends PaginatedResponse { Group: Group; Users: User[] }
export interface ListGroupsRequest extends PaginationRequest { PathPrefix?: string }
export interface ListGroupsResponse extends PaginatedResponse { Groups: Group[] }
export interface UpdateGroupRequest { GroupName: string; NewPath?: string; NewGroupName?: string }
export interface DeleteGroupRequest { GroupName: string }
export interface AddUserToGroupRequest { GroupName: string; UserName: string }
export interface RemoveUserFromGroupRequest { GroupName: string; UserName: string }
export interface ListGroupsForUserRequest extends PaginationRequest { UserName: string }


/** The existing group, or NoSuchEntity as IAM answers. */
export function requireGroup(account: AccountState, name: string): GroupEntity {
  const group = account.store.groups.get(name.toLowerCase());
  if (!group) throw new IamError("NoSuchEntity", `The group with name ${name} cannot be found.`);
  return group;
}

/** The group's ARN for authorization: the existing group's, else the ARN the name would have at `/`. */
export function groupArn(account: AccountState, name: string): string {
  return account.store.groups.get(name.toLowerCase())?.Arn ?? account.arn(`group/${name}`);
}

export function groupShape(g: GroupEntity): Group {
  return { Path: g.Path, GroupName: g.GroupName, GroupId: g.GroupId, Arn: g.Arn, CreateDate: g.CreateDate };
}

/** Whether the user's group list names this group (group names are compared ignoring case). */
function memberIndex(groupList: string[], groupName: string): number {
  const key = groupName.toLowerCase();
  return groupList.findIndex((n) => n.toLowerCase() === key);
}

export async function createGroup(account: AccountState, input: CreateGroupRequest, options?: OperationOptions): Promise<CreateGroupResponse> {
  requestObject(input, "CreateGroup");
  const name = checkName(input.GroupName, "GroupName", "group");
  const path = checkPath(input.Path);
  const arn = account.arn(`group${path}${name}`);
  await account.authorizeOperation(options, "iam:CreateGroup", arn);
  if (account.store.groups.has(name.toLowerCase())) throw new IamError("EntityAlreadyExists", `Group with name ${name} already exists.`);
  const group: GroupEntity = {
    GroupName: name, GroupId: randomUnique(account, "AGPA"), Arn: arn, Path: path, CreateDate: account.timestamp(),
    AttachedManagedPolicies: [], GroupPolicyList: [],
  };
  account.store.groups.set(name.toLowerCase(), group);
  account.touch();
  return { Group: groupShape(group) };
}

export async function getGroup(account: AccountState, input: GetGroupRequest, options?: OperationOptions): Promise<GetGroupResponse> {
  requestObject(input, "GetGroup");
  const name = checkName(input.GroupName, "GroupName", "group");
  checkMaxItems(input.MaxItems);
  await account.authorizeOperation(options, "iam:GetGroup", groupArn(account, name));
  const group = requireGroup(account, name);
  const members = sortedEntries(account.store.users).filter(([, u]) => memberIndex(u.GroupList, group.GroupName) >= 0);
  const { page, ...rest } = paginate(members, ([k]) => k, input);
  return { Group: groupShape(group), Users: page.map(([, u]) => userShape(u, false)), ...rest };
}

export async function listGroups(account: AccountState, input?: ListGroupsRequest, options?: OperationOptions): Promise<ListGroupsResponse> {
  const req = input ?? {};
  requestObject(req, "ListGroups");
  const prefix = checkPathPrefix(req.PathPrefix);
  checkMaxItems(req.MaxItems);
  await account.authorizeOperation(options, "iam:ListGroups", "*");
  const all = sortedEntries(account.store.groups).filter(([, g]) => g.Path.startsWith(prefix));
  const { page, ...rest } = paginate(all, ([k]) => k, req);
  return { Groups: page.map(([, g]) => groupShape(g)), ...rest };
}

export async function updateGroup(account: AccountState, input: UpdateGroupRequest, options?: OperationOptions): Promise<EmptyResponse> {
  requestObject(input, "UpdateGroup");
  const name = checkName(input.GroupName, "GroupName", "group");
  const newName = input.NewGroupName === undefined ? undefined : checkName(input.NewGroupName, "NewGroupName", "group");
  const newPath = input.NewPath === undefined ? undefined : checkPath(input.NewPath, "NewPath");
  // "UpdateGroup": renaming needs permission on both the source and the target.
  await account.authorizeOperation(options, "iam:UpdateGroup", groupArn(account, name));
  const group = requireGroup(account, name);
  const path = newPath ?? group.Path;
  const finalName = newName ?? group.GroupName;
  const arn = account.arn(`group${path}${finalName}`);
  if (arn !== group.Arn) await account.authorizeOperation(options, "iam:UpdateGroup", arn);
  if (newName !== undefined && newName.toLowerCase() !== group.GroupName.toLowerCase() && account.store.groups.has(newName.toLowerCase())) {
    throw new IamError("EntityAlreadyExists", `Group with name ${newName} already exists.`);
  }
  if (finalName === group.GroupName && path === group.Path) return {};
  for (const user of account.store.users.values()) {
    const i = memberIndex(user.GroupList, group.GroupName);
    if (i >= 0) user.GroupList[i] = finalName;
  }
  account.store.groups.delete(group.GroupName.toLowerCase());
  group.GroupName = finalName;
  group.Path = path;
  group.Arn = arn;
  account.store.groups.set(finalName.toLowerCase(), group);
  account.touch();
  return {};
}

export async function deleteGroup(account: AccountState, input: DeleteGroupRequest, options?: OperationOptions): Promise<EmptyResponse> {
  requestObject(input, "DeleteGroup");
  const name = checkName(input.GroupName, "GroupName", "group");
  await account.authorizeOperation(options, "iam:DeleteGroup", groupArn(account, name));
  const group = requireGroup(account, name);
  // API_DeleteGroup: "The group must not contain any users or have any attached policies."
  const hasMembers = [...account.store.users.values()].some((u) => memberIndex(u.GroupList, group.GroupName) >= 0);
  const conflict =
    hasMembers ? "Cannot delete entity, must remove users from group first." :
    group.GroupPolicyList.length > 0 ? "Cannot delete entity, must delete policies first." :
    group.AttachedManagedPolicies.length > 0 ? "Cannot delete entity, must detach all policies first." :
    undefined;
  if (conflict) throw new IamError("DeleteConflict", conflict);
  account.store.groups.delete(group.GroupName.toLowerCase());
  account.touch();
  return {};
}

export async function addUserToGroup(account: AccountState, input: AddUserToGroupRequest, options?: OperationOptions): Promise<EmptyResponse> {
  requestObject(input, "AddUserToGroup");
  const groupName = checkName(input.GroupName, "GroupName", "group");
  const userName = checkName(input.UserName, "UserName", "user");
  await account.authorizeOperation(options, "iam:AddUserToGroup", groupArn(account, groupName));
  const group = requireGroup(account, groupName);
  const user = requireUser(account, userName);
  if (memberIndex(user.GroupList, group.GroupName) >= 0) return {};
  if (user.GroupList.length >= GROUPS_PER_USER) {
    throw new IamError("LimitExceeded", `Cannot exceed quota for GroupsPerUser: ${GROUPS_PER_USER}`);
  }
  user.GroupList.push(group.GroupName);
  account.touch();
  return {};
}

export async function removeUserFromGroup(account: AccountState, input: RemoveUserFromGroupRequest, options?: OperationOptions): Promise<EmptyResponse> {
  requestObject(input, "RemoveUserFromGroup");
  const groupName = checkName(input.GroupName, "GroupName", "group");
  const userName = checkName(input.UserName, "UserName", "user");
  await account.authorizeOperation(options, "iam:RemoveUserFromGroup", groupArn(account, groupName));
  const group = requireGroup(account, groupName);
  const user = requireUser(account, userName);
  const i = memberIndex(user.GroupList, group.GroupName);
  if (i < 0) throw new IamError("NoSuchEntity", `The user with name ${user.UserName} is not a member of group ${group.GroupName}.`);
  user.GroupList.splice(i, 1);
  account.touch();
  return {};
}

export async function listGroupsForUser(account: AccountState, input: ListGroupsForUserRequest, options?: OperationOptions): Promise<ListGroupsResponse> {
  requestObject(input, "ListGroupsForUser");
  const userName = checkName(input.UserName, "UserName", "user");
  checkMaxItems(input.MaxItems);
  await account.authorizeOperation(options, "iam:ListGroupsForUser", userArn(account, userName));
  const user = requireUser(account, userName);
  const groups = user.GroupList
    .map((n) => account.store.groups.get(n.toLowerCase()))
    .filter((g): g is GroupEntity => g !== undefined)
    .map((g): [string, GroupEntity] => [g.GroupName.toLowerCase(), g])
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const { page, ...rest } = paginate(groups, ([k]) => k, input);
  return { Groups: page.map(([, g]) => groupShape(g)), ...rest };
}
