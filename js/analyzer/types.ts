/**
 * @module analyzer/types
 * The shapes of IAM Access Analyzer's API as the AWS SDK for JavaScript v3
 * (`@aws-sdk/client-accessanalyzer`) returns them: ValidatePolicy's request and findings, and
 * the custom checks' requests and results. test/unit/analyzer/sdk-shapes.test.ts assigns ours
 * to the SDK's types, so a drift fails the type check.
 */
import type { Position, Span } from "../policy/types.ts";

/** ValidatePolicy's `policyType`. */
export type PolicyType = "IDENTITY_POLICY" | "RESOURCE_POLICY" | "SERVICE_CONTROL_POLICY" | "RESOURCE_CONTROL_POLICY";

export const POLICY_TYPES: readonly PolicyType[] = ["IDENTITY_POLICY", "RESOURCE_POLICY", "SERVICE_CONTROL_POLICY", "RESOURCE_CONTROL_POLICY"];

/** ValidatePolicy's `validatePolicyResourceType`: the resource a resource policy is attached to. */
export type ValidatePolicyResourceType =
  | "AWS::S3::Bucket" | "AWS::S3::AccessPoint" | "AWS::S3::MultiRegionAccessPoint"
  | "AWS::S3ObjectLambda::AccessPoint" | "AWS::IAM::AssumeRolePolicyDocument" | "AWS::DynamoDB::Table";

export const VALIDATE_POLICY_RESOURCE_TYPES: readonly ValidatePolicyResourceType[] = [
  "AWS::S3::Bucket", "AWS::S3::AccessPoint", "AWS::S3::MultiRegionAccessPoint",
  "AWS::S3ObjectLambda::AccessPoint", "AWS::IAM::AssumeRolePolicyDocument", "AWS::DynamoDB::Table",
];

export interface ValidatePolicyRequest {
  /** The policy as JSON text (AWS takes a string; an object is serialized with JSON.stringify first). */
  policyDocument: string | object;
  policyType: PolicyType;
  validatePolicyResourceType?: ValidatePolicyResourceType;
}

export type FindingType = "ERROR" | "SECURITY_WARNING" | "WARNING" | "SUGGESTION";

/** One step of a path into the policy: an array index, an object key, the value of a key, or part of a string. */
export type PathElement =
  | { index: number }
  | { key: string }
  | { value: string }
  | { substring: { start: number; length: number } };

/**
 * Positions and spans are the parser's own (line 1-based; column and offset 0-based in UTF-16
 * code units; `end` exclusive), which already follow Access Analyzer's.
 */
export type { Position, Span };

export interface Location {
  path: PathElement[];
  span: Span;
}

export interface ValidatePolicyFinding {
  findingDetails: string;
  findingType: FindingType;
  issueCode: string;
  learnMoreLink: string;
  locations: Location[];
}

export interface ValidatePolicyResponse {
  findings: ValidatePolicyFinding[];
}

/** The custom checks' `policyType`. */
export type AccessCheckPolicyType = "IDENTITY_POLICY" | "RESOURCE_POLICY";

export interface ReasonSummary {
  description: string;
  statementIndex?: number;
  statementId?: string;
}

/**
 * A request the engine decides differently for the two policies: what iam-edge adds to AWS's
 * answer (AWS gives no example).
 */
export interface ExampleRequest {
  action: string;
  resource: string;
  principal: string;
  context?: Record<string, string | string[]>;
}

export interface CustomCheckResponse {
  result: "PASS" | "FAIL";
  message: string;
  reasons: ReasonSummary[];
  /** On FAIL: a request allowed by the checked policy that the check forbids (iam-edge extension). */
  exampleRequest?: ExampleRequest;
}

export interface CheckNoNewAccessRequest {
  newPolicyDocument: string | object;
  existingPolicyDocument: string | object;
  policyType: AccessCheckPolicyType;
}

/** At most one access item, with actions and/or resources (AWS's limits: 100 actions, 100 resources). */
export interface Access {
  actions?: string[];
  resources?: string[];
}

export interface CheckAccessNotGrantedRequest {
  policyDocument: string | object;
  access: Access[];
  policyType: AccessCheckPolicyType;
}

export type AccessCheckResourceType =
  | "AWS::ApiGateway::RestApi" | "AWS::Backup::BackupVault" | "AWS::CloudTrail::Dashboard"
  | "AWS::CloudTrail::EventDataStore" | "AWS::CodeArtifact::Domain" | "AWS::DynamoDB::Stream"
  | "AWS::DynamoDB::Table" | "AWS::EFS::FileSystem" | "AWS::Kinesis::Stream"
  | "AWS::Kinesis::StreamConsumer" | "AWS::KMS::Key" | "AWS::Lambda::Function"
  | "AWS::OpenSearchService::Domain" | "AWS::IAM::AssumeRolePolicyDocument"
  | "AWS::S3Express::DirectoryBucket" | "AWS::S3::AccessPoint" | "AWS::S3::Bucket"
  | "AWS::S3Express::AccessPoint" | "AWS::S3::Glacier" | "AWS::S3Outposts::AccessPoint"
  | "AWS::S3Outposts::Bucket" | "AWS::S3Tables::Table" | "AWS::S3Tables::TableBucket"
  | "AWS::SecretsManager::Secret" | "AWS::SNS::Topic" | "AWS::SQS::Queue";

export interface CheckNoPublicAccessRequest {
  policyDocument: string | object;
  resourceType: AccessCheckResourceType;
}
