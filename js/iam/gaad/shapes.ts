/**
 * @module iam/gaad/shapes
 * The JSON of `aws iam get-account-authorization-details` (GAAD) as the IAM API and the AWS CLI
 * write it: UserDetailList, GroupDetailList, RoleDetailList and Policies, with the few fields
 * iam-edge adds so that export then import gives the same model.
 */
import type { AttachedPolicy, Tag } from "../store.ts";

/** A policy document as GAAD may carry it. */
export type GaadDocument = string | Record<string, unknown>;

export interface GaadInlinePolicy {
  PolicyName: string;
  PolicyDocument: GaadDocument;
}

export interface GaadUser {
  Path: string;
  UserName: string;
  UserId: string;
  Arn: string;
  CreateDate: string;
  UserPolicyList?: GaadInlinePolicy[];
  GroupList?: string[];
  AttachedManagedPolicies?: AttachedPolicy[];
  PermissionsBoundary?: { PermissionsBoundaryType: string; PermissionsBoundaryArn: string };
  Tags?: Tag[];
}

export interface GaadGroup {
  Path: string;
  GroupName: string;
  GroupId: string;
  Arn: string;
  CreateDate: string;
  GroupPolicyList?: GaadInlinePolicy[];
  AttachedManagedPolicies?: AttachedPolicy[];
}

export interface GaadInstanceProfile {
  Path: string;
  InstanceProfileName: string;
  InstanceProfileId: string;
  Arn: string;
  CreateDate: string;
  Roles: Record<string, unknown>[];
  Tags?: Tag[];
}

export interface GaadRole {
  Path: string;
  RoleName: string;
  RoleId: string;
  Arn: string;
  CreateDate: string;
  AssumeRolePolicyDocument: GaadDocument;
  InstanceProfileList?: GaadInstanceProfile[];
  RolePolicyList?: GaadInlinePolicy[];
  AttachedManagedPolicies?: AttachedPolicy[];
  PermissionsBoundary?: { PermissionsBoundaryType: string; PermissionsBoundaryArn: string };
  Tags?: Tag[];
  RoleLastUsed?: { LastUsedDate?: string; Region?: string };
  /** iam-edge extension (not in GAAD's RoleDetail). */
  Description?: string;
  /** iam-edge extension (not in GAAD's RoleDetail). */
  MaxSessionDuration?: number;
}

export interface GaadPolicyVersion {
  Document: GaadDocument;
  VersionId: string;
  IsDefaultVersion: boolean;
  CreateDate: string;
}

export interface GaadPolicy {
  PolicyName: string;
  PolicyId: string;
  Arn: string;
  Path: string;
  DefaultVersionId: string;
  AttachmentCount?: number;
  PermissionsBoundaryUsageCount?: number;
  IsAttachable?: boolean;
  Description?: string;
  CreateDate: string;
  UpdateDate: string;
  PolicyVersionList: GaadPolicyVersion[];
  /** iam-edge extension (not in GAAD's ManagedPolicyDetail). */
  Tags?: Tag[];
}

/** The JSON of `aws iam get-account-authorization-details`. */
export interface AuthorizationDetails {
  UserDetailList: GaadUser[];
  GroupDetailList: GaadGroup[];
  RoleDetailList: GaadRole[];
  Policies: GaadPolicy[];
  IsTruncated?: boolean;
  Marker?: string;
}

export interface ExportOptions {
  /** How policy documents are written: objects (default, as the AWS CLI prints), the stored JSON text, or URL-encoded text (as the raw API returns). */
  documents?: "object" | "json" | "url";
  /** Include the fields GAAD lacks (role Description and MaxSessionDuration, policy Tags). Default true. */
  extensions?: boolean;
}
