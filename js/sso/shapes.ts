/**
 * @module sso/shapes
 * The stored state of one IAM Identity Center instance (JSON: the edge keeps it in the
 * organization's Durable Object), in the API's own member names.
 */
export interface IdentityStoreUser {
  UserId: string;
  UserName: string;
  DisplayName?: string;
  Name?: { GivenName?: string; FamilyName?: string; Formatted?: string };
  Emails?: { Value: string; Type?: string; Primary?: boolean }[];
}

export interface IdentityStoreGroup {
  GroupId: string;
  DisplayName: string;
  Description?: string;
}

export interface GroupMembership {
  MembershipId: string;
  GroupId: string;
  MemberId: { UserId: string };
}

export interface CustomerManagedPolicyReference {
  Name: string;
  Path: string;
}

export interface PermissionsBoundary {
  CustomerManagedPolicyReference?: CustomerManagedPolicyReference;
  ManagedPolicyArn?: string;
}

export interface PermissionSet {
  Name: string;
  PermissionSetArn: string;
  Description?: string;
  /** ISO-8601, `PT1H` to `PT12H`. */
  SessionDuration: string;
  RelayState?: string;
  CreatedDate: string;
  ManagedPolicies: { Arn: string; Name: string }[];
  CustomerManagedPolicyReferences: CustomerManagedPolicyReference[];
  InlinePolicy?: string;
  PermissionsBoundary?: PermissionsBoundary;
  /** Accounts the permission set's role is provisioned in, with the role's 16-hex suffix there. */
  Provisioned: Record<string, string>;
}

export type PrincipalType = "USER" | "GROUP";

export interface AccountAssignment {
  AccountId: string;
  PermissionSetArn: string;
  PrincipalType: PrincipalType;
  PrincipalId: string;
}

export interface OperationStatus {
  RequestId: string;
  Status: "IN_PROGRESS" | "FAILED" | "SUCCEEDED";
  FailureReason?: string;
  CreatedDate: string;
  /** Account assignment requests. */
  TargetId?: string;
  TargetType?: "AWS_ACCOUNT";
  PermissionSetArn?: string;
  PrincipalType?: PrincipalType;
  PrincipalId?: string;
  /** Provisioning requests. */
  AccountId?: string;
  kind: "create" | "delete" | "provision";
}

export interface IdentityCenterState {
  partition: string;
  /** The organization's management account, which owns the instance. */
  ownerAccountId: string;
  /** The Region the instance lives in (the reserved roles' path names it outside us-east-1). */
  region: string;
  InstanceArn: string;
  IdentityStoreId: string;
  Name?: string;
  CreatedDate: string;
  users: IdentityStoreUser[];
  groups: IdentityStoreGroup[];
  memberships: GroupMembership[];
  permissionSets: PermissionSet[];
  assignments: AccountAssignment[];
  statuses: OperationStatus[];
}
