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
import type { GroupEntity, UserEntity } from "../store.ts";
import { authorizedEntity, GROUPS, USERS } from "./families.ts";
import { deleteEntity, listEntities, policiesConflict, updateEntity, type ListRequest } from "./entities.ts";
import { userShape, type User } from "./users.ts";
import {
  checkMaxItems, compare, paginate, randomUnique, requestObject, sortedEntries,
  type EmptyResponse, type PaginatedResponse, type PaginationRequest,
} from "./shared.ts";

/** "IAM and AWS STS quotas": groups per user. */
export const GROUPS_PER_USER = 10;

export interface Group { Path: string; GroupName: string; GroupId: string; Arn: string; CreateDate: string }

export interface CreateGroupRequest { Path?: string; GroupName: string }
export interface CreateGroupResponse { Group: Group }
export interface GetGroupRequest extends PaginationRequest { GroupName: string }
export interface GetGroupResponse extends PaginatedResponse { Group: Group; Users: User[] }
export type ListGroupsRequest = ListRequest;
export interface ListGroupsResponse extends PaginatedResponse { Groups: Group[] }
export interface UpdateGroupRequest { GroupName: string; NewPath?: string; NewGroupName?: string }
export interface DeleteGroupRequest { GroupName: string }
export interface AddUserToGroupRequest { GroupName: string; UserName: string }
export interface RemoveUserFromGroupRequest { GroupName: string; UserName: string }
export interface ListGroupsForUserRequest extends PaginationRequest { UserName: string }

export function groupShape(g: GroupEntity): Group {
  return { Path: g.Path, GroupName: g.GroupName, GroupId: g.GroupId, Arn: g.Arn, CreateDate: g.CreateDate };
}

/** Where the user's group list names this group (group names are compared ignoring case), or -1. */
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

/** GetGroup: the group and its users, paginated over the users. */
export async function getGroup(account: AccountState, input: GetGroupRequest, options?: OperationOptions): Promise<GetGroupResponse> {
  requestObject(input, "GetGroup");
  const name = checkName(input.GroupName, "GroupName", "group");
  checkMaxItems(input.MaxItems);
  const group = await authorizedEntity(account, GROUPS, name, "GetGroup", options);
  const members = sortedEntries(account.store.users).filter(([, u]) => memberIndex(u.GroupList, group.GroupName) >= 0);
  const { page, ...rest } = paginate(members, ([k]) => k, input);
  return { Group: groupShape(group), Users: page.map(([, u]) => userShape(u, false)), ...rest };
}

export const listGroups = listEntities(GROUPS, "Groups", groupShape);

/** UpdateGroup: members' group lists follow a rename. */
export const updateGroup = updateEntity<GroupEntity, UpdateGroupRequest>(GROUPS, (account, group, name) => {
  for (const user of account.store.users.values()) {
    const i = memberIndex(user.GroupList, group.GroupName);
    if (i >= 0) user.GroupList[i] = name;
  }
  group.GroupName = name;
});

/** DeleteGroup: API_DeleteGroup: "The group must not contain any users or have any attached policies." */
export const deleteGroup = deleteEntity<GroupEntity, DeleteGroupRequest>(GROUPS, (account, group) => {
  const hasMembers = [...account.store.users.values()].some((u) => memberIndex(u.GroupList, group.GroupName) >= 0);
  return hasMembers ? "Cannot delete entity, must remove users from group first." : policiesConflict(GROUPS, group);
});

/** The group and the user a membership request names, after the caller check on the group. */
async function membership(account: AccountState, input: AddUserToGroupRequest, action: string, options?: OperationOptions): Promise<{ group: GroupEntity; user: UserEntity }> {
  requestObject(input, action);
  const groupName = checkName(input.GroupName, "GroupName", "group");
  const userName = checkName(input.UserName, "UserName", "user");
  const group = await authorizedEntity(account, GROUPS, groupName, action, options);
  return { group, user: USERS.find(account, userName) };
}

/** AddUserToGroup: adding a member again changes nothing. */
export async function addUserToGroup(account: AccountState, input: AddUserToGroupRequest, options?: OperationOptions): Promise<EmptyResponse> {
  const { group, user } = await membership(account, input, "AddUserToGroup", options);
  if (memberIndex(user.GroupList, group.GroupName) >= 0) return {};
  if (user.GroupList.length >= GROUPS_PER_USER) {
    throw new IamError("LimitExceeded", `Cannot exceed quota for GroupsPerUser: ${GROUPS_PER_USER}`);
  }
  user.GroupList.push(group.GroupName);
  account.touch();
  return {};
}

/** RemoveUserFromGroup: NoSuchEntity when the user is not a member. */
export async function removeUserFromGroup(account: AccountState, input: RemoveUserFromGroupRequest, options?: OperationOptions): Promise<EmptyResponse> {
  const { group, user } = await membership(account, input, "RemoveUserFromGroup", options);
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
  const user = await authorizedEntity(account, USERS, userName, "ListGroupsForUser", options);
  const groups = user.GroupList
    .map((n) => account.store.groups.get(n.toLowerCase()))
    .filter((g): g is GroupEntity => g !== undefined)
    .map((g): [string, GroupEntity] => [g.GroupName.toLowerCase(), g])
    .sort(([a], [b]) => compare(a, b));
  const { page, ...rest } = paginate(groups, ([k]) => k, input);
  return { Groups: page.map(([, g]) => groupShape(g)), ...rest };
}
