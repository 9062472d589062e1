/**
 * @module org/shapes
 * The organization's state and the Organizations API's shapes (Organizations API Reference, "Data
 * Types": Organization, Root, OrganizationalUnit, Account, Policy, PolicySummary,
 * PolicyTargetSummary, CreateAccountStatus, Child, Parent). The state is plain JSON, so the edge
 * stores it whole and a test builds one by hand. Timestamps are epoch milliseconds in the state
 * and `Date`s in the API shapes (the wire layer writes them as JSON 1.1's epoch seconds).
 */

/** The two authorization policy types this model decides with (others are refused by name). */
export type PolicyType = "SERVICE_CONTROL_POLICY" | "RESOURCE_CONTROL_POLICY";
export const POLICY_TYPES: readonly PolicyType[] = ["SERVICE_CONTROL_POLICY", "RESOURCE_CONTROL_POLICY"];

export type TargetType = "ROOT" | "ORGANIZATIONAL_UNIT" | "ACCOUNT";

export interface PolicyTypeSummary {
  Type: PolicyType;
  Status: "ENABLED" | "PENDING_ENABLE" | "PENDING_DISABLE";
}

export interface RootState {
  Id: string;
  Name: string;
  PolicyTypes: PolicyTypeSummary[];
}

export interface OuState {
  Id: string;
  Name: string;
  ParentId: string;
}

export interface AccountState {
  Id: string;
  Name: string;
  Email: string;
  Status: "ACTIVE" | "SUSPENDED" | "PENDING_CLOSURE";
  JoinedMethod: "CREATED" | "INVITED";
  JoinedTimestamp: number;
  ParentId: string;
}

export interface PolicyState {
  Id: string;
  Name: string;
  Description: string;
  Type: PolicyType;
  Content: string;
  AwsManaged: boolean;
}

export interface CreateAccountStatusState {
  Id: string;
  AccountName: string;
  Email: string;
  State: "IN_PROGRESS" | "SUCCEEDED" | "FAILED";
  RequestedTimestamp: number;
  CompletedTimestamp?: number;
  AccountId?: string;
  FailureReason?: string;
  /** The role CreateAccount provisions in the new account (default OrganizationAccountAccessRole). */
  RoleName: string;
}

/** Everything one organization is, as stored. */
export interface OrganizationState {
  format: 1;
  partition: string;
  Id: string;
  FeatureSet: "ALL";
  MasterAccountId: string;
  MasterAccountEmail: string;
  root: RootState;
  ous: OuState[];
  accounts: AccountState[];
  /** Customer policies (AWS managed ones are aws-managed.ts's). */
  policies: PolicyState[];
  /** Target id → attached policy ids, in attachment order. */
  attachments: Record<string, string[]>;
  createAccountStatuses: CreateAccountStatusState[];
  /** Bumped by every change: the edge's caches of derived levels key on it. */
  version: number;
}

// ---------------------------------------------------------------------------------------------
// API shapes (output)

export interface Organization {
  Id: string;
  Arn: string;
  FeatureSet: "ALL";
  MasterAccountArn: string;
  MasterAccountId: string;
  MasterAccountEmail: string;
  AvailablePolicyTypes: PolicyTypeSummary[];
}

export interface Root {
  Id: string;
  Arn: string;
  Name: string;
  PolicyTypes: PolicyTypeSummary[];
}

export interface OrganizationalUnit {
  Id: string;
  Arn: string;
  Name: string;
}

export interface Account {
  Id: string;
  Arn: string;
  Email: string;
  Name: string;
  Status: AccountState["Status"];
  State: "ACTIVE" | "SUSPENDED" | "PENDING_CLOSURE";
  JoinedMethod: AccountState["JoinedMethod"];
  JoinedTimestamp: Date;
}

export interface PolicySummary {
  Id: string;
  Arn: string;
  Name: string;
  Description: string;
  Type: PolicyType;
  AwsManaged: boolean;
}

export interface Policy {
  PolicySummary: PolicySummary;
  Content: string;
}

export interface PolicyTargetSummary {
  TargetId: string;
  Arn: string;
  Name: string;
  Type: TargetType;
}

export interface CreateAccountStatus {
  Id: string;
  AccountName: string;
  State: CreateAccountStatusState["State"];
  RequestedTimestamp: Date;
  CompletedTimestamp?: Date;
  AccountId?: string;
  FailureReason?: string;
}

export interface Child {
  Id: string;
  Type: "ACCOUNT" | "ORGANIZATIONAL_UNIT";
}

export interface Parent {
  Id: string;
  Type: "ROOT" | "ORGANIZATIONAL_UNIT";
}

/** Paging of every List operation: MaxResults 1-20, NextToken as given back. */
export interface PageInput {
  MaxResults?: number;
  NextToken?: string;
}
