/**
 * @module iam/simulate/shapes
 * The request and response shapes of SimulatePrincipalPolicy and SimulateCustomPolicy (IAM API
 * Reference: SimulatePrincipalPolicy, SimulateCustomPolicy, EvaluationResult,
 * ResourceSpecificResult, Statement, ContextEntry), and the options iam-edge adds.
 */
import type { OperationOptions } from "../account-state.ts";

export type ContextKeyType =
  | "string" | "stringList" | "numeric" | "numericList" | "boolean" | "booleanList"
  | "ip" | "ipList" | "binary" | "binaryList" | "date" | "dateList";

export interface ContextEntry {
  ContextKeyName: string;
  ContextKeyValues: string[];
  ContextKeyType: ContextKeyType;
}

export interface PolicyExclusion {
  PolicyType: "inline" | "aws-managed" | "user-managed" | "permission-boundary" | "scp" | "rcp";
  PolicyArn?: string;
  InlinePolicyIdentifier?: { PolicyName: string; AttachmentType: "user" | "group" | "role"; AttachmentName: string };
}

export interface SimulateCommon {
  PolicyInputList?: string[];
  PermissionsBoundaryPolicyInputList?: string[];
  ActionNames: string[];
  ResourceArns?: string[];
  ResourcePolicy?: string;
  ResourceOwner?: string;
  CallerArn?: string;
  ContextEntries?: ContextEntry[];
  ResourceHandlingOption?: string;
  MaxItems?: number;
  Marker?: string;
}

export interface SimulatePrincipalPolicyInput extends SimulateCommon {
  PolicySourceArn: string;
  PolicyExclusionList?: PolicyExclusion[];
}

export interface SimulateCustomPolicyInput extends SimulateCommon {
  PolicyInputList: string[];
  OrderedOrganizationPolicyInputList?: { ServiceControlPolicyInputList: string[] }[];
}

export type EvalDecision = "allowed" | "explicitDeny" | "implicitDeny";

export interface Position {
  Line: number;
  Column: number;
}

export interface SimulatedStatement {
  SourcePolicyId: string;
  SourcePolicyType: string;
  StartPosition?: Position;
  EndPosition?: Position;
}

export interface ResourceSpecificResult {
  EvalResourceName: string;
  EvalResourceDecision: EvalDecision;
  MatchedStatements: SimulatedStatement[];
  MissingContextValues: string[];
  EvalDecisionDetails?: Record<string, EvalDecision>;
  PermissionsBoundaryDecisionDetail?: { AllowedByPermissionsBoundary: boolean };
}

export interface EvaluationResult {
  EvalActionName: string;
  EvalResourceName: string;
  EvalDecision: EvalDecision;
  MatchedStatements: SimulatedStatement[];
  MissingContextValues: string[];
  OrganizationsDecisionDetail?: { AllowedByOrganizations: boolean };
  PermissionsBoundaryDecisionDetail?: { AllowedByPermissionsBoundary: boolean };
  EvalDecisionDetails?: Record<string, EvalDecision>;
  ResourceSpecificResults: ResourceSpecificResult[];
}

export interface SimulatePolicyResponse {
  EvaluationResults: EvaluationResult[];
  IsTruncated: boolean;
  Marker?: string;
}

export interface SimulateOptions extends OperationOptions {
  /** `per-action` (default, AWS since 2026-07-30) or `per-resource` (one result per action and resource, the older shape). */
  resultShape?: "per-action" | "per-resource";
  /** `documented` (default: user, group, role, aws-managed, user-managed, resource, none) or `observed` (`IAM Policy`, as the service answers). */
  sourcePolicyTypes?: "documented" | "observed";
}


/** The principal SimulateCustomPolicy uses when no CallerArn is given (a user name IAM would accept). */
export const SIMULATED_CALLER = "iam-edge-simulated-caller";
