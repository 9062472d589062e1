/**
 * @module org/ops/accounts
 * Member accounts (Organizations API Reference: CreateAccount, DescribeCreateAccountStatus,
 * ListCreateAccountStatus, DescribeAccount, ListAccounts, ListAccountsForParent, MoveAccount,
 * RemoveAccountFromOrganization, LeaveOrganization).
 *
 * CreateAccount is asynchronous, as in AWS: it answers a CreateAccountStatus `IN_PROGRESS` with
 * the request id (`car-...`); whoever provisions the account (the edge: the account's Durable
 * Object and its OrganizationAccountAccessRole) calls `completeCreateAccount`, after which
 * DescribeCreateAccountStatus answers `SUCCEEDED` with the account id and the account is in the
 * root. An email already used by an account of the organization fails the request with
 * FailureReason `EMAIL_ALREADY_EXISTS`. Quotas ("Quotas for AWS Organizations"): the number of
 * accounts (10 by default, pending creations counted; ConstraintViolationException
 * `ACCOUNT_NUMBER_LIMIT_EXCEEDED`) and 5 creations in progress at once
 * (`ACCOUNT_CREATION_RATE_LIMIT_EXCEEDED`).
 */
import type { Organization } from "../organization.ts";
import { constraint, OrganizationsError } from "../errors.ts";
import { CREATE_ACCOUNT_REQUEST_ID, newCreateAccountRequestId, randomAccountId, accountArn } from "../ids.ts";
import { page } from "../paging.ts";
import type { Account, AccountState, CreateAccountStatus, CreateAccountStatusState, PageInput } from "../shapes.ts";
import { account, findAccount, parent } from "../tree.ts";
import { ACCOUNT_NAME, EMAIL, optionalString, requiredString, ROLE_NAME } from "../validate.ts";
import { attachDefaults } from "./attachments.ts";
import { invalidInput } from "../errors.ts";
import type { ListInput, ParentListInput } from "./units.ts";

export const MAX_CONCURRENT_CREATIONS = 5;
/** The role CreateAccount provisions when RoleName is not given (API_CreateAccount). */
export const DEFAULT_ROLE_NAME = "OrganizationAccountAccessRole";

export interface CreateAccountInput {
  Email: string;
  AccountName: string;
  RoleName?: string;
  IamUserAccessToBilling?: "ALLOW" | "DENY";
}

export interface MoveAccountInput {
  AccountId: string;
  SourceParentId: string;
  DestinationParentId: string;
}

export interface ListCreateAccountStatusInput extends PageInput {
  States?: CreateAccountStatusState["State"][];
}

function statusShape(s: CreateAccountStatusState): CreateAccountStatus {
  const out: CreateAccountStatus = { Id: s.Id, AccountName: s.AccountName, State: s.State, RequestedTimestamp: new Date(s.RequestedTimestamp) };
  if (s.CompletedTimestamp !== undefined) out.CompletedTimestamp = new Date(s.CompletedTimestamp);
  if (s.AccountId !== undefined) out.AccountId = s.AccountId;
  if (s.FailureReason !== undefined) out.FailureReason = s.FailureReason;
  return out;
}

export function accountShape(org: Organization, a: AccountState): Account {
  const s = org.state;
  return {
    Id: a.Id, Arn: accountArn(s.partition, s.MasterAccountId, s.Id, a.Id), Email: a.Email, Name: a.Name,
    Status: a.Status, State: a.Status, JoinedMethod: a.JoinedMethod, JoinedTimestamp: new Date(a.JoinedTimestamp),
  };
}

/** CreateAccount: a new member account, created asynchronously (see the module doc). */
export function createAccount(org: Organization, caller: string, input: CreateAccountInput, newAccountId: () => string = randomAccountId): { CreateAccountStatus: CreateAccountStatus } {
  org.requireManagement(caller);
  const email = requiredString(input?.Email, "Email", 6, 64, EMAIL);
  const name = requiredString(input.AccountName, "AccountName", 1, 50, ACCOUNT_NAME);
  const roleName = optionalString(input.RoleName, "RoleName", 1, 64, ROLE_NAME) ?? DEFAULT_ROLE_NAME;
  if (input.IamUserAccessToBilling !== undefined && input.IamUserAccessToBilling !== "ALLOW" && input.IamUserAccessToBilling !== "DENY") {
    throw invalidInput("INVALID_ENUM", "IamUserAccessToBilling must be ALLOW or DENY.");
  }
  const s = org.state;
  const pending = s.createAccountStatuses.filter((c) => c.State === "IN_PROGRESS");
  if (pending.length >= MAX_CONCURRENT_CREATIONS) throw constraint("ACCOUNT_CREATION_RATE_LIMIT_EXCEEDED", `You attempted to create more than ${MAX_CONCURRENT_CREATIONS} accounts at once.`);
  if (s.accounts.length + pending.length >= org.maxAccounts) throw constraint("ACCOUNT_NUMBER_LIMIT_EXCEEDED", `You attempted to exceed the number of accounts in the organization (${org.maxAccounts}).`);
  const now = org.now().getTime();
  const status: CreateAccountStatusState = { Id: newCreateAccountRequestId(), AccountName: name, Email: email, State: "IN_PROGRESS", RequestedTimestamp: now, RoleName: roleName };
  if (s.accounts.some((a) => a.Email.toLowerCase() === email.toLowerCase()) || pending.some((c) => c.Email.toLowerCase() === email.toLowerCase())) {
    status.State = "FAILED";
    status.FailureReason = "EMAIL_ALREADY_EXISTS";
    status.CompletedTimestamp = now;
  } else {
    let id = newAccountId();
    for (let i = 0; findAccount(s, id) || s.createAccountStatuses.some((c) => c.AccountId === id); i++) {
      if (i > 8) throw new Error("no free account id");
      id = newAccountId();
    }
    status.AccountId = id;
  }
  s.createAccountStatuses.push(status);
  org.touch();
  return { CreateAccountStatus: statusShape(status) };
}

/** Ends a CreateAccount request: the account joins the root (SUCCEEDED), or FAILED with a reason. */
export function completeCreateAccount(org: Organization, requestId: string, outcome: { ok: true } | { ok: false; reason: string }): CreateAccountStatus {
  const s = org.state;
  const status = s.createAccountStatuses.find((c) => c.Id === requestId);
  if (!status) throw new OrganizationsError("CreateAccountStatusNotFoundException", "We can't find an create account request with the CreateAccountRequestId that you specified.");
  if (status.State !== "IN_PROGRESS") return statusShape(status);
  const now = org.now().getTime();
  status.CompletedTimestamp = now;
  if (outcome.ok) {
    status.State = "SUCCEEDED";
    s.accounts.push({ Id: status.AccountId!, Name: status.AccountName, Email: status.Email, Status: "ACTIVE", JoinedMethod: "CREATED", JoinedTimestamp: now, ParentId: s.root.Id });
    attachDefaults(org, status.AccountId!);
  } else {
    status.State = "FAILED";
    status.FailureReason = outcome.reason;
  }
  org.touch();
  return statusShape(status);
}

export function describeCreateAccountStatus(org: Organization, caller: string, input: { CreateAccountRequestId: string }): { CreateAccountStatus: CreateAccountStatus } {
  org.requireManagement(caller);
  const id = input?.CreateAccountRequestId;
  if (typeof id !== "string" || !CREATE_ACCOUNT_REQUEST_ID.test(id)) throw invalidInput("INVALID_PATTERN", "You specified a value for CreateAccountRequestId that is not valid.");
  const status = org.state.createAccountStatuses.find((c) => c.Id === id);
  if (!status) throw new OrganizationsError("CreateAccountStatusNotFoundException", "We can't find an create account request with the CreateAccountRequestId that you specified.");
  return { CreateAccountStatus: statusShape(status) };
}

export function listCreateAccountStatus(org: Organization, caller: string, input?: ListCreateAccountStatusInput): { CreateAccountStatuses: CreateAccountStatus[]; NextToken?: string } {
  org.requireManagement(caller);
  const states = input?.States;
  const list = org.state.createAccountStatuses.filter((c) => !states || states.includes(c.State)).map(statusShape);
  const { items, NextToken } = page(list, input, `ListCreateAccountStatus:${(states ?? []).join(",")}`);
  return NextToken ? { CreateAccountStatuses: items, NextToken } : { CreateAccountStatuses: items };
}

export function describeAccount(org: Organization, caller: string, input: { AccountId: string }): { Account: Account } {
  org.requireManagement(caller);
  return { Account: accountShape(org, account(org.state, input?.AccountId)) };
}

export function listAccounts(org: Organization, caller: string, input?: ListInput): { Accounts: Account[]; NextToken?: string } {
  org.requireManagement(caller);
  const { items, NextToken } = page(org.state.accounts.map((a) => accountShape(org, a)), input, "ListAccounts");
  return NextToken ? { Accounts: items, NextToken } : { Accounts: items };
}

export function listAccountsForParent(org: Organization, caller: string, input: ParentListInput): { Accounts: Account[]; NextToken?: string } {
  org.requireManagement(caller);
  const p = parent(org.state, input?.ParentId);
  const list = org.state.accounts.filter((a) => a.ParentId === p.id).map((a) => accountShape(org, a));
  const { items, NextToken } = page(list, input, `ListAccountsForParent:${p.id}`);
  return NextToken ? { Accounts: items, NextToken } : { Accounts: items };
}

/** MoveAccount: from its current parent (SourceParentId must be it) to another root or OU. */
export function moveAccount(org: Organization, caller: string, input: MoveAccountInput): void {
  org.requireManagement(caller);
  const s = org.state;
  const a = account(s, input?.AccountId);
  const source = parent(s, input.SourceParentId, "SourceParentId", "SourceParentNotFoundException");
  const destination = parent(s, input.DestinationParentId, "DestinationParentId", "DestinationParentNotFoundException");
  if (a.ParentId !== source.id) throw new OrganizationsError("SourceParentNotFoundException", "We can't find a source root or OU with the ParentId that you specified.");
  if (a.ParentId === destination.id) throw new OrganizationsError("DuplicateAccountException", "That account is already present in the specified destination.");
  a.ParentId = destination.id;
  org.touch();
}

function remove(org: Organization, accountId: string): void {
  const s = org.state;
  s.accounts = s.accounts.filter((a) => a.Id !== accountId);
  delete s.attachments[accountId];
  org.touch();
}

/** RemoveAccountFromOrganization: a member account (never the management account). */
export function removeAccountFromOrganization(org: Organization, caller: string, input: { AccountId: string }): void {
  org.requireManagement(caller);
  const a = account(org.state, input?.AccountId);
  if (a.Id === org.state.MasterAccountId) throw new OrganizationsError("MasterCannotLeaveOrganizationException", "You can't remove the management account from an organization. You must delete the organization instead.");
  remove(org, a.Id);
}

/** LeaveOrganization: a member account leaves; the management account cannot. */
export function leaveOrganization(org: Organization, caller: string): void {
  org.requireMember(caller);
  if (caller === org.state.MasterAccountId) throw new OrganizationsError("MasterCannotLeaveOrganizationException", "You can't remove the management account from an organization. You must delete the organization instead.");
  remove(org, caller);
}
