/**
 * @module test/unit/analyzer/check-cases
 * One case per check iam-edge raises: a policy that triggers it, one that does not (a near miss
 * where one exists), and where the first location of the finding points (its path, written
 * `Statement/0/Action/1`: names are `{ value }` elements, numbers `{ index }`, `key:X` a
 * `{ key }` element). Written from AWS's check reference and the IAM User Guide pages each
 * check cites, not from another project's tests.
 */
import type { PolicyType, ValidatePolicyResourceType } from "../../../js/analyzer/index.ts";

export interface CheckCase {
  code: string;
  policyType?: PolicyType;
  resourceType?: ValidatePolicyResourceType;
  /** Statements (wrapped in a 2012-10-17 policy), or the whole document as text. */
  bad: object[] | string;
  good: object[] | string;
  path: string;
}

const allow = (more: object = {}) => ({ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::bucket/*", ...more });
const res = (resource: string | string[]) => [allow({ Resource: resource })];
const cond = (condition: object, more: object = {}) => [allow({ Condition: condition, ...more })];
const rp = (more: object = {}) => ({ Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:root" }, Action: "s3:GetObject", Resource: "arn:aws:s3:::bucket/*", ...more });
const trust = (more: object = {}) => ({ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole", ...more });
const oidc = (host: string, more: object = {}) => trust({ Principal: { Federated: `arn:aws:iam::123456789012:oidc-provider/${host}` }, Action: "sts:AssumeRoleWithWebIdentity", ...more });
const svc = (more: object = {}) => rp({ Principal: { Service: "cloudtrail.amazonaws.com" }, Action: "s3:PutObject", ...more });
const T = { policyType: "RESOURCE_POLICY", resourceType: "AWS::IAM::AssumeRolePolicyDocument" } as const;
const R = { policyType: "RESOURCE_POLICY" } as const;
const big = (n: number) => Array.from({ length: n }, (_, i) => `s3:GetObject${"x".repeat(20)}${i}`);
const passRole = (action: object, resource: object) => [{ Effect: "Allow", ...action, ...resource }];

export const CASES: CheckCase[] = [
  // ERROR
  { code: "ARN_ACCOUNT_NOT_ALLOWED", bad: res("arn:aws:s3::123456789012:bucket"), good: res("arn:aws:s3:::bucket"), path: "Statement/0/Resource" },
  { code: "ARN_REGION_NOT_ALLOWED", bad: res("arn:aws:iam:us-east-1:123456789012:role/x"), good: res("arn:aws:iam::123456789012:role/x"), path: "Statement/0/Resource" },
  { code: "DATA_TYPE_MISMATCH", bad: [allow({ Effect: 1 })], good: [allow()], path: "Statement/0/Effect" },
  { code: "DUPLICATE_KEYS_WITH_DIFFERENT_CASE", bad: cond({ StringEquals: { "aws:username": "a", "aws:UserName": "b" } }), good: cond({ StringEquals: { "aws:username": ["a", "b"] } }), path: "Statement/0/Condition/StringEquals/key:aws:UserName" },
  { code: "INVALID_ACTION", bad: [allow({ Action: ["s3:GetObject", "s3:GetObjekt"] })], good: [allow({ Action: ["s3:GetObject", "s3:GetObjectAcl"] })], path: "Statement/0/Action/1" },
  { code: "INVALID_ARN_ACCOUNT", bad: res("arn:aws:iam::12345:role/x"), good: res("arn:aws:iam::123456789012:role/x"), path: "Statement/0/Resource" },
  { code: "INVALID_ARN_PREFIX", bad: res("aws:s3:::bucket"), good: res("arn:aws:s3:::bucket"), path: "Statement/0/Resource" },
  { code: "INVALID_ARN_REGION", bad: res("arn:aws:ec2:mars:123456789012:instance/i-1"), good: res("arn:aws:ec2:us-east-1:123456789012:instance/i-1"), path: "Statement/0/Resource" },
  { code: "INVALID_ARN_RESOURCE", bad: res("arn:aws:iam::123456789012:rolex/x"), good: res("arn:aws:iam::123456789012:role/x"), path: "Statement/0/Resource" },
  { code: "INVALID_ARN_SERVICE_CASE", bad: res("arn:aws:S3:::bucket"), good: res("arn:aws:s3:::bucket"), path: "Statement/0/Resource" },
  { code: "INVALID_CONDITION_DATA_TYPE", bad: cond({ StringEquals: { "aws:username": ["a", 1] } }), good: cond({ StringEquals: { "aws:username": ["a", "1"] } }), path: "Statement/0/Condition/StringEquals/aws:username" },
  { code: "INVALID_CONDITION_KEY_FORMAT", bad: cond({ StringEquals: { username: "a" } }), good: cond({ StringEquals: { "aws:username": "a" } }), path: "Statement/0/Condition/StringEquals/key:username" },
  { code: "INVALID_CONDITION_MULTIPLE_BOOLEAN", bad: cond({ Bool: { "aws:SecureTransport": ["true", "false"] } }), good: cond({ Bool: { "aws:SecureTransport": "true" } }), path: "Statement/0/Condition/Bool/aws:SecureTransport" },
  { code: "INVALID_CONDITION_OPERATOR", bad: cond({ StringEqualz: { "aws:username": "a" } }), good: cond({ StringEquals: { "aws:username": "a" } }), path: "Statement/0/Condition/key:StringEqualz" },
  { code: "INVALID_EFFECT", bad: [allow({ Effect: "Permit" })], good: [allow()], path: "Statement/0/Effect" },
  { code: "INVALID_GLOBAL_CONDITION_KEY", bad: cond({ StringEquals: { "aws:NotAKey": "a" } }), good: cond({ StringEquals: { "aws:PrincipalAccount": "123456789012" } }), path: "Statement/0/Condition/StringEquals/key:aws:NotAKey" },
  { code: "INVALID_PARTITION", bad: res("arn:aws-mars:s3:::bucket"), good: res("arn:aws-cn:s3:::bucket"), path: "Statement/0/Resource" },
  { code: "INVALID_POLICY_ELEMENT", bad: [{ ...allow(), Actions: "s3:GetObject" }], good: [allow()], path: "Statement/0/key:Actions" },
  { code: "INVALID_PRINCIPAL_FORMAT", ...R, bad: [rp({ Principal: "someone" })], good: [rp({ Principal: "*" })], path: "Statement/0/Principal" },
  { code: "INVALID_PRINCIPAL_KEY", ...R, bad: [rp({ Principal: { User: "x" } })], good: [rp()], path: "Statement/0/Principal/key:User" },
  { code: "INVALID_REGION", bad: cond({ StringEquals: { "aws:RequestedRegion": "useast1" } }), good: cond({ StringEquals: { "aws:RequestedRegion": "us-east-1" } }), path: "Statement/0/Condition/StringEquals/aws:RequestedRegion" },
  { code: "INVALID_SERVICE", bad: res("arn:aws:notaservice:::x"), good: res("arn:aws:sqs:us-east-1:123456789012:queue"), path: "Statement/0/Resource" },
  { code: "INVALID_SERVICE_CONDITION_KEY", bad: cond({ StringEquals: { "s3:NotAKey": "a" } }), good: cond({ StringEquals: { "s3:ExistingObjectTag/team": "a" } }), path: "Statement/0/Condition/StringEquals/key:s3:NotAKey" },
  { code: "INVALID_SERVICE_IN_ACTION", bad: [allow({ Action: "s4:GetObject" })], good: [allow()], path: "Statement/0/Action" },
  { code: "INVALID_VARIABLE_FOR_OPERATOR", bad: cond({ NumericLessThan: { "s3:max-keys": "${aws:username}" } }, { Action: "s3:ListBucket", Resource: "arn:aws:s3:::bucket" }), good: cond({ NumericLessThan: { "s3:max-keys": "10" } }, { Action: "s3:ListBucket", Resource: "arn:aws:s3:::bucket" }), path: "Statement/0/Condition/NumericLessThan/s3:max-keys" },
  { code: "INVALID_VERSION", bad: '{\n  "Version": "2020-01-01",\n  "Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}\n}', good: '{\n  "Version": "2012-10-17",\n  "Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}\n}', path: "Version" },
  { code: "JSON_SYNTAX_ERROR", bad: '{\n  "Version": "2012-10-17",,\n}', good: '{\n  "Version": "2012-10-17",\n  "Statement": {"Effect": "Allow", "Action": "s3:ListAllMyBuckets", "Resource": "*"}\n}', path: "" },
  { code: "MISSING_ACTION", bad: [{ Effect: "Allow", Resource: "*" }], good: [{ Effect: "Allow", Action: "s3:ListAllMyBuckets", Resource: "*" }], path: "Statement/0" },
  { code: "MISSING_ARN_FIELD", bad: res("arn:aws:s3"), good: res("arn:aws:s3:::b"), path: "Statement/0/Resource" },
  { code: "MISSING_ARN_REGION", bad: res("arn:aws:ec2::123456789012:instance/i-1"), good: res("arn:aws:ec2:us-east-1:123456789012:instance/i-1"), path: "Statement/0/Resource" },
  { code: "MISSING_EFFECT", bad: [{ Action: "s3:GetObject", Resource: "*" }], good: [allow()], path: "Statement/0" },
  { code: "MISSING_PRINCIPAL", ...R, bad: [allow()], good: [rp()], path: "Statement/0" },
  { code: "MISSING_QUALIFIER", bad: cond({ StringEquals: { "aws:TagKeys": "team" } }, { Action: "s3:PutObjectTagging" }), good: cond({ "ForAllValues:StringEquals": { "aws:TagKeys": "team" } }, { Action: "s3:PutObjectTagging" }), path: "Statement/0/Condition/StringEquals/key:aws:TagKeys" },
  { code: "MISSING_RESOURCE", bad: [{ Effect: "Allow", Action: "s3:GetObject" }], good: [allow()], path: "Statement/0" },
  { code: "MISSING_STATEMENT", bad: '{\n  "Version": "2012-10-17"\n}', good: '{\n  "Version": "2012-10-17",\n  "Statement": []\n}'.replace("[]", '{"Effect":"Allow","Action":"s3:ListAllMyBuckets","Resource":"*"}'), path: "" },
  { code: "NULL_WITH_IF_EXISTS", bad: cond({ NullIfExists: { "aws:username": "true" } }), good: cond({ Null: { "aws:username": "true" } }), path: "Statement/0/Condition/key:NullIfExists" },
  { code: "SCP_SYNTAX_ERROR_PRINCIPAL", policyType: "SERVICE_CONTROL_POLICY", bad: [{ Effect: "Deny", Principal: "*", Action: "s3:DeleteBucket", Resource: "*" }], good: [{ Effect: "Deny", Action: "s3:DeleteBucket", Resource: "*" }], path: "Statement/0/key:Principal" },
  { code: "UNIQUE_SIDS_REQUIRED", bad: [allow({ Sid: "A" }), allow({ Sid: "A", Action: "s3:PutObject" })], good: [allow({ Sid: "A" }), allow({ Sid: "B", Action: "s3:PutObject" })], path: "Statement/1/Sid" },
  { code: "UNSUPPORTED_ACTION_IN_POLICY", policyType: "RESOURCE_POLICY", resourceType: "AWS::S3::Bucket", bad: [rp({ Action: ["s3:GetObject", "ec2:RunInstances"] })], good: [rp()], path: "Statement/0/Action/1" },
  { code: "UNSUPPORTED_ELEMENT_COMBINATION", bad: [allow({ NotAction: "s3:PutObject" })], good: [allow()], path: "Statement/0/key:NotAction" },
  { code: "UNSUPPORTED_GLOBAL_CONDITION_KEY", ...R, bad: [rp({ Condition: { ArnEquals: { "aws:ARN": "arn:aws:iam::123456789012:user/a" } } })], good: [rp({ Condition: { ArnEquals: { "aws:PrincipalArn": "arn:aws:iam::123456789012:user/a" } } })], path: "Statement/0/Condition/ArnEquals/key:aws:ARN" },
  { code: "UNSUPPORTED_PRINCIPAL", bad: [allow({ Principal: "*" })], good: [allow()], path: "Statement/0/key:Principal" },
  { code: "UNSUPPORTED_RESOURCE_ARN_IN_POLICY", policyType: "RESOURCE_POLICY", resourceType: "AWS::S3::Bucket", bad: [rp({ Resource: "arn:aws:sqs:us-east-1:123456789012:queue" })], good: [rp()], path: "Statement/0/Resource" },
  { code: "UNSUPPORTED_SID", bad: [allow({ Sid: "read objects" })], good: [allow({ Sid: "ReadObjects" })], path: "Statement/0/Sid" },
  { code: "UNSUPPORTED_WILDCARD_IN_PRINCIPAL", ...R, bad: [rp({ Principal: { AWS: "arn:aws:iam::*:root" } })], good: [rp({ Principal: { AWS: "*" } })], path: "Statement/0/Principal/AWS" },
  { code: "MISSING_BRACE_IN_VARIABLE", bad: res("arn:aws:s3:::bucket/${aws:username"), good: res("arn:aws:s3:::bucket/${aws:username}"), path: "Statement/0/Resource" },
  { code: "MISSING_QUOTE_IN_VARIABLE", bad: res("arn:aws:s3:::bucket/${aws:username, nobody}"), good: res("arn:aws:s3:::bucket/${aws:username, 'nobody'}"), path: "Statement/0/Resource" },
  { code: "UNSUPPORTED_SPACE_IN_VARIABLE", bad: res("arn:aws:s3:::bucket/${aws:user name}"), good: res("arn:aws:s3:::bucket/${aws:username}"), path: "Statement/0/Resource" },
  { code: "EMPTY_VARIABLE", bad: res("arn:aws:s3:::bucket/${}"), good: res("arn:aws:s3:::bucket/${*}"), path: "Statement/0/Resource" },
  { code: "UNSUPPORTED_SYMBOL_IN_VARIABLE", bad: res("arn:aws:s3:::bucket/${aws:user#name}"), good: res("arn:aws:s3:::bucket/${aws:userid}"), path: "Statement/0/Resource" },
  { code: "VARIABLE_UNSUPPORTED_IN_ELEMENT", bad: [allow({ Action: "s3:${aws:username}" })], good: [allow()], path: "Statement/0/Action" },
  { code: "VARIABLE_UNSUPPORTED_IN_VERSION", bad: '{\n  "Version": "2008-10-17",\n  "Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/${aws:username}"}\n}', good: '{\n  "Version": "2012-10-17",\n  "Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/${aws:username}"}\n}', path: "Statement/Resource" },
  { code: "PRIVATE_IP_ADDRESS", bad: cond({ IpAddress: { "aws:SourceIp": "10.0.0.0/8" } }), good: cond({ IpAddress: { "aws:SourceIp": "203.0.113.0/24" } }), path: "Statement/0/Condition/IpAddress/aws:SourceIp" },
  { code: "PRIVATE_NOT_IP_ADDRESS", bad: cond({ NotIpAddress: { "aws:SourceIp": ["192.168.0.0/16"] } }), good: cond({ NotIpAddress: { "aws:SourceIp": ["198.51.100.0/24"] } }), path: "Statement/0/Condition/NotIpAddress/aws:SourceIp/0" },
  { code: "POLICY_SIZE_EXCEEDS_SCP_QUOTA", policyType: "SERVICE_CONTROL_POLICY", bad: [{ Effect: "Deny", Action: big(160), Resource: "*" }], good: [{ Effect: "Deny", Action: big(10), Resource: "*" }], path: "" },
  { code: "INVALID_SERVICE_PRINCIPAL_FORMAT", ...R, bad: [svc({ Principal: { Service: "cloudtrail" }, Condition: { StringEquals: { "aws:SourceAccount": "123456789012" } } })], good: [svc({ Condition: { StringEquals: { "aws:SourceAccount": "123456789012" } } })], path: "Statement/0/Principal/Service" },
  { code: "MISSING_TAG_KEY_IN_CONDITION", bad: cond({ StringEquals: { "aws:ResourceTag": "a" } }), good: cond({ StringEquals: { "aws:ResourceTag/team": "a" } }), path: "Statement/0/Condition/StringEquals/key:aws:ResourceTag" },
  { code: "INVALID_VPC_FORMAT", bad: cond({ StringEquals: { "aws:SourceVpc": "vpc-1" } }), good: cond({ StringEquals: { "aws:SourceVpc": "vpc-1a2b3c4d" } }), path: "Statement/0/Condition/StringEquals/aws:SourceVpc" },
  { code: "INVALID_VPCE_FORMAT", bad: cond({ StringEquals: { "aws:SourceVpce": "vpce-x" } }), good: cond({ StringEquals: { "aws:SourceVpce": "vpce-1a2b3c4d5e6f7a8b9" } }), path: "Statement/0/Condition/StringEquals/aws:SourceVpce" },
  { code: "FEDERATED_PRINCIPAL_NOT_SUPPORTED", ...R, bad: [rp({ Principal: { Federated: "cognito-identity.amazonaws.com" } })], good: [rp()], path: "Statement/0/Principal/Federated" },
  { code: "UNSUPPORTED_ACTION_FOR_CONDITION_KEY", bad: cond({ StringLike: { "s3:prefix": "home/*" } }), good: cond({ StringLike: { "s3:prefix": "home/*" } }, { Action: "s3:ListBucket", Resource: "arn:aws:s3:::bucket" }), path: "Statement/0/Condition/StringLike/key:s3:prefix" },
  { code: "UNSUPPORTED_CONDITION_KEY_FOR_SERVICE_PRINCIPAL", ...R, bad: [svc({ Condition: { StringEquals: { "aws:SourceAccount": "123456789012" }, IpAddress: { "aws:SourceIp": "203.0.113.0/24" } } })], good: [svc({ Condition: { StringEquals: { "aws:SourceAccount": "123456789012" } } })], path: "Statement/0/Condition/IpAddress/key:aws:SourceIp" },
  { code: "ROLE_TRUST_POLICY_SYNTAX_ERROR_NOTPRINCIPAL", ...T, bad: [trust(), { Effect: "Deny", NotPrincipal: { AWS: "arn:aws:iam::123456789012:root" }, Action: "sts:AssumeRole" }], good: [trust()], path: "Statement/1/NotPrincipal" },
  { code: "ROLE_TRUST_POLICY_UNSUPPORTED_WILDCARD_IN_PRINCIPAL", ...T, bad: [trust({ Principal: "*" })], good: [trust()], path: "Statement/0/Principal" },
  { code: "ROLE_TRUST_POLICY_SYNTAX_ERROR_RESOURCE", ...T, bad: [trust({ Resource: "*" })], good: [trust()], path: "Statement/0/Resource" },
  { code: "MISSING_ACTION_FOR_CONDITION_KEY", ...T, bad: [trust({ Principal: { AWS: "arn:aws:iam::123456789012:root" }, Condition: { StringEquals: { "sts:SourceIdentity": "alice" } } })], good: [trust({ Principal: { AWS: "arn:aws:iam::123456789012:root" }, Action: ["sts:AssumeRole", "sts:SetSourceIdentity"], Condition: { StringEquals: { "sts:SourceIdentity": "alice" } } })], path: "Statement/0/Condition/StringEquals/key:sts:SourceIdentity" },
  { code: "INVALID_FEDERATED_PRINCIPAL_SYNTAX_IN_ROLE_TRUST_POLICY", ...T, bad: [trust({ Principal: { Federated: "my provider" }, Action: "sts:AssumeRoleWithWebIdentity" })], good: [trust({ Principal: { Federated: "cognito-identity.amazonaws.com" }, Action: "sts:AssumeRoleWithWebIdentity" })], path: "Statement/0/Principal/Federated" },
  { code: "MISMATCHED_ACTION_FOR_PRINCIPAL", ...T, bad: [trust({ Principal: { Federated: "arn:aws:iam::123456789012:saml-provider/Okta" }, Action: "sts:AssumeRoleWithWebIdentity" })], good: [trust({ Principal: { Federated: "arn:aws:iam::123456789012:saml-provider/Okta" }, Action: "sts:AssumeRoleWithSAML" })], path: "Statement/0/Action" },
  { code: "MISSING_ACTION_FOR_ROLES_ANYWHERE_TRUST_POLICY", ...T, bad: [trust({ Principal: { Service: "rolesanywhere.amazonaws.com" } })], good: [trust({ Principal: { Service: "rolesanywhere.amazonaws.com" }, Action: ["sts:AssumeRole", "sts:SetSourceIdentity", "sts:TagSession"] })], path: "Statement/0/Action" },
  // WARNING
  { code: "CREATE_SLR_WITH_NOT_RESOURCE", bad: passRole({ Action: "iam:CreateServiceLinkedRole" }, { NotResource: "arn:aws:iam::123456789012:role/x" }), good: passRole({ Action: "iam:CreateServiceLinkedRole" }, { Resource: "arn:aws:iam::123456789012:role/aws-service-role/x" }), path: "Statement/0/NotResource" },
  { code: "CREATE_SLR_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE", bad: passRole({ Action: "iam:Create*" }, { NotResource: "arn:aws:iam::123456789012:role/x" }), good: passRole({ Action: "iam:CreateUser" }, { NotResource: "arn:aws:iam::123456789012:role/x" }), path: "Statement/0/NotResource" },
  { code: "CREATE_SLR_WITH_NOT_ACTION_AND_NOT_RESOURCE", bad: passRole({ NotAction: "s3:*" }, { NotResource: "arn:aws:s3:::b" }), good: passRole({ NotAction: "iam:*" }, { NotResource: "arn:aws:s3:::b" }), path: "Statement/0/NotResource" },
  { code: "CREATE_SLR_WITH_STAR_IN_RESOURCE", bad: passRole({ Action: "iam:CreateServiceLinkedRole" }, { Resource: "*" }), good: passRole({ Action: "iam:CreateServiceLinkedRole" }, { Resource: "*", Condition: { StringEquals: { "iam:AWSServiceName": "autoscaling.amazonaws.com" } } }), path: "Statement/0/Resource" },
  { code: "CREATE_SLR_WITH_STAR_IN_ACTION_AND_RESOURCE", bad: passRole({ Action: "iam:*" }, { Resource: "*" }), good: passRole({ Action: "iam:*" }, { Resource: "arn:aws:iam::123456789012:user/x" }), path: "Statement/0/Resource" },
  { code: "CREATE_SLR_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION", bad: passRole({ NotAction: "s3:*" }, { Resource: "*" }), good: passRole({ NotAction: "iam:*" }, { Resource: "*" }), path: "Statement/0/Resource" },
  { code: "DEPRECATED_GLOBAL_CONDITION_KEY", bad: cond({ ArnEquals: { "aws:ARN": "arn:aws:iam::123456789012:user/a" } }), good: cond({ ArnEquals: { "aws:PrincipalArn": "arn:aws:iam::123456789012:user/a" } }), path: "Statement/0/Condition/ArnEquals/key:aws:ARN" },
  { code: "INVALID_DATE_VALUE", bad: cond({ DateGreaterThan: { "aws:CurrentTime": "1700000000000" } }), good: cond({ DateGreaterThan: { "aws:CurrentTime": "2026-01-01" } }), path: "Statement/0/Condition/DateGreaterThan/aws:CurrentTime" },
  { code: "INVALID_ROLE_REFERENCE", ...R, bad: [rp({ Principal: { AWS: "AROAEXAMPLEROLEID1234" } })], good: [rp({ Principal: { AWS: "arn:aws:iam::123456789012:role/r" } })], path: "Statement/0/Principal/AWS" },
  { code: "INVALID_USER_REFERENCE", ...R, bad: [rp({ Principal: { AWS: "AIDAEXAMPLEUSERID1234" } })], good: [rp({ Principal: { AWS: "arn:aws:iam::123456789012:user/u" } })], path: "Statement/0/Principal/AWS" },
  { code: "MISSING_VERSION", bad: '{\n  "Statement": {"Effect": "Allow", "Action": "s3:ListAllMyBuckets", "Resource": "*"}\n}', good: '{\n  "Version": "2012-10-17",\n  "Statement": {"Effect": "Allow", "Action": "s3:ListAllMyBuckets", "Resource": "*"}\n}', path: "" },
  { code: "UNIQUE_SIDS_RECOMMENDED", ...R, bad: [rp({ Sid: "A" }), rp({ Sid: "A", Action: "s3:PutObject" })], good: [rp({ Sid: "A" }), rp({ Sid: "B", Action: "s3:PutObject" })], path: "Statement/1/Sid" },
  { code: "WILDCARD_WITHOUT_LIKE_OPERATOR", bad: cond({ StringEquals: { "aws:username": "admin-*" } }), good: cond({ StringLike: { "aws:username": "admin-*" } }), path: "Statement/0/Condition/StringEquals/aws:username" },
  { code: "POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA", bad: [allow({ Action: big(190) })], good: [allow({ Action: big(10) })], path: "" },
  { code: "POLICY_SIZE_EXCEEDS_RESOURCE_POLICY_QUOTA", ...R, bad: [rp({ Action: big(620) })], good: [rp({ Action: big(10) })], path: "" },
  { code: "TYPE_MISMATCH", bad: cond({ NumericEquals: { "aws:username": "1" } }), good: cond({ StringEquals: { "aws:username": "1" } }), path: "Statement/0/Condition/key:NumericEquals" },
  { code: "TYPE_MISMATCH_BOOLEAN", bad: cond({ Bool: { "aws:SecureTransport": "yes" } }), good: cond({ Bool: { "aws:SecureTransport": "true" } }), path: "Statement/0/Condition/Bool/aws:SecureTransport" },
  { code: "TYPE_MISMATCH_DATE", bad: cond({ DateGreaterThan: { "aws:CurrentTime": "tomorrow" } }), good: cond({ DateGreaterThan: { "aws:CurrentTime": "2026-01-01T00:00:00Z" } }), path: "Statement/0/Condition/DateGreaterThan/aws:CurrentTime" },
  { code: "TYPE_MISMATCH_IP_RANGE", bad: cond({ IpAddress: { "aws:SourceIp": "300.1.1.1" } }), good: cond({ IpAddress: { "aws:SourceIp": "203.0.113.1" } }), path: "Statement/0/Condition/IpAddress/aws:SourceIp" },
  { code: "TYPE_MISMATCH_NUMBER", bad: cond({ NumericLessThan: { "s3:max-keys": "ten" } }, { Action: "s3:ListBucket", Resource: "arn:aws:s3:::bucket" }), good: cond({ NumericLessThan: { "s3:max-keys": "10" } }, { Action: "s3:ListBucket", Resource: "arn:aws:s3:::bucket" }), path: "Statement/0/Condition/NumericLessThan/s3:max-keys" },
  { code: "TYPE_MISMATCH_STRING", bad: cond({ BinaryEquals: { "aws:username": "not base64!" } }), good: cond({ BinaryEquals: { "aws:username": "QmluYXJ5" } }), path: "Statement/0/Condition/BinaryEquals/aws:username" },
  { code: "SPECIFIC_GITHUB_REPO_AND_BRANCH_RECOMMENDED", ...T, bad: [oidc("token.actions.githubusercontent.com", { Condition: { StringLike: { "token.actions.githubusercontent.com:sub": "repo:octo-org/*" } } })], good: [oidc("token.actions.githubusercontent.com", { Condition: { StringLike: { "token.actions.githubusercontent.com:sub": "repo:octo-org/app:ref:refs/heads/main" } } })], path: "Statement/0/Condition/StringLike/token.actions.githubusercontent.com:sub" },
  { code: "POLICY_SIZE_EXCEEDS_ROLE_TRUST_POLICY_QUOTA", ...T, bad: [trust({ Principal: { AWS: Array.from({ length: 50 }, (_, i) => `arn:aws:iam::123456789012:role/role-number-${i}`) } })], good: [trust()], path: "" },
  // SECURITY_WARNING
  { code: "ALLOW_WITH_NOT_PRINCIPAL", ...R, bad: [{ Effect: "Allow", NotPrincipal: { AWS: "arn:aws:iam::123456789012:root" }, Action: "s3:GetObject", Resource: "arn:aws:s3:::bucket/*" }], good: [{ Effect: "Deny", NotPrincipal: { AWS: "arn:aws:iam::123456789012:root" }, Action: "s3:GetObject", Resource: "arn:aws:s3:::bucket/*" }], path: "Statement/0/NotPrincipal" },
  { code: "FORALLVALUES_WITH_SINGLE_VALUED_KEY", bad: cond({ "ForAllValues:StringEquals": { "aws:username": "a" } }), good: cond({ "ForAllValues:StringEquals": { "aws:PrincipalOrgPaths": "o-1/r-1/" } }), path: "Statement/0/Condition/key:ForAllValues:StringEquals" },
  { code: "PASS_ROLE_WITH_NOT_RESOURCE", bad: passRole({ Action: "iam:PassRole" }, { NotResource: "arn:aws:iam::123456789012:role/admin" }), good: passRole({ Action: "iam:PassRole" }, { Resource: "arn:aws:iam::123456789012:role/app" }), path: "Statement/0/NotResource" },
  { code: "PASS_ROLE_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE", bad: passRole({ Action: "iam:Pass*" }, { NotResource: "arn:aws:iam::123456789012:role/admin" }), good: passRole({ Action: "iam:Get*" }, { NotResource: "arn:aws:iam::123456789012:role/admin" }), path: "Statement/0/NotResource" },
  { code: "PASS_ROLE_WITH_NOT_ACTION_AND_NOT_RESOURCE", bad: passRole({ NotAction: "s3:*" }, { NotResource: "arn:aws:s3:::b" }), good: passRole({ NotAction: ["s3:*", "iam:*"] }, { NotResource: "arn:aws:s3:::b" }), path: "Statement/0/NotResource" },
  { code: "PASS_ROLE_WITH_STAR_IN_RESOURCE", bad: passRole({ Action: "iam:PassRole" }, { Resource: "arn:aws:iam::123456789012:role/*" }), good: passRole({ Action: "iam:PassRole" }, { Resource: "arn:aws:iam::123456789012:role/*", Condition: { StringEquals: { "iam:PassedToService": "ec2.amazonaws.com" } } }), path: "Statement/0/Resource" },
  { code: "PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE", bad: passRole({ Action: "iam:*" }, { Resource: "*" }), good: passRole({ Action: "iam:*" }, { Resource: "arn:aws:iam::123456789012:role/app" }), path: "Statement/0/Resource" },
  { code: "PASS_ROLE_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION", bad: passRole({ NotAction: "s3:*" }, { Resource: "*" }), good: passRole({ NotAction: "iam:*" }, { Resource: "*" }), path: "Statement/0/Resource" },
  { code: "DENY_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE", bad: [{ Effect: "Deny", Action: ["ec2:TerminateInstances", "aws-portal:ViewBilling"], Resource: "*", Condition: { StringEquals: { "aws:ResourceTag/env": "prod" } } }], good: [{ Effect: "Deny", Action: "ec2:TerminateInstances", Resource: "*", Condition: { StringEquals: { "aws:ResourceTag/env": "prod" } } }], path: "Statement/0/Condition/StringEquals/key:aws:ResourceTag/env" },
  { code: "DENY_NOTACTION_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE", bad: [{ Effect: "Deny", NotAction: "iam:*", Resource: "*", Condition: { StringEquals: { "aws:ResourceTag/env": "prod" } } }], good: [{ Effect: "Deny", NotAction: "iam:*", Resource: "*" }], path: "Statement/0/Condition/StringEquals/key:aws:ResourceTag/env" },
  { code: "RESTRICT_ACCESS_TO_SERVICE_PRINCIPAL", ...R, bad: [svc()], good: [svc({ Condition: { ArnLike: { "aws:SourceArn": "arn:aws:cloudtrail:us-east-1:123456789012:trail/*" } } })], path: "Statement/0/Principal/Service" },
  { code: "MISSING_CONDITION_KEY_FOR_OIDC_PRINCIPAL", ...T, bad: [oidc("idp.example.com")], good: [oidc("idp.example.com", { Condition: { StringEquals: { "idp.example.com:aud": "my-app" } } })], path: "Statement/0/Principal/Federated" },
  { code: "MISSING_GITHUB_REPO_CONDITION_KEY", ...T, bad: [oidc("token.actions.githubusercontent.com", { Condition: { StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" } } })], good: [oidc("token.actions.githubusercontent.com", { Condition: { StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com", "token.actions.githubusercontent.com:sub": "repo:octo-org/app:ref:refs/heads/main" } } })], path: "Statement/0/Principal/Federated" },
  // SUGGESTION
  { code: "EMPTY_ARRAY_ACTION", bad: [allow({ Action: [] })], good: [allow()], path: "Statement/0/Action" },
  { code: "EMPTY_ARRAY_CONDITION", bad: cond({ StringEquals: { "aws:username": [] } }), good: cond({ StringEquals: { "aws:username": ["a"] } }), path: "Statement/0/Condition/StringEquals/aws:username" },
  { code: "EMPTY_ARRAY_CONDITION_FORALLVALUES", bad: cond({ "ForAllValues:StringEquals": { "aws:TagKeys": [] } }), good: cond({ "ForAllValues:StringEquals": { "aws:TagKeys": ["a"] } }), path: "Statement/0/Condition/ForAllValues:StringEquals/aws:TagKeys" },
  { code: "EMPTY_ARRAY_CONDITION_FORANYVALUE", bad: cond({ "ForAnyValue:StringEquals": { "aws:TagKeys": [] } }), good: cond({ "ForAnyValue:StringEquals": { "aws:TagKeys": ["a"] } }), path: "Statement/0/Condition/ForAnyValue:StringEquals/aws:TagKeys" },
  { code: "EMPTY_ARRAY_CONDITION_IFEXISTS", bad: cond({ StringEqualsIfExists: { "aws:username": [] } }), good: cond({ StringEqualsIfExists: { "aws:username": ["a"] } }), path: "Statement/0/Condition/StringEqualsIfExists/aws:username" },
  { code: "EMPTY_ARRAY_PRINCIPAL", ...R, bad: [rp({ Principal: { AWS: [] } })], good: [rp()], path: "Statement/0/Principal/AWS" },
  { code: "EMPTY_ARRAY_RESOURCE", bad: [allow({ Resource: [] })], good: [allow()], path: "Statement/0/Resource" },
  { code: "EMPTY_OBJECT_CONDITION", bad: [allow({ Condition: {} })], good: [allow()], path: "Statement/0/Condition" },
  { code: "EMPTY_OBJECT_PRINCIPAL", ...R, bad: [rp({ Principal: {} })], good: [rp()], path: "Statement/0/Principal" },
  { code: "EMPTY_SID_VALUE", bad: [allow({ Sid: "" })], good: [allow({ Sid: "Read" })], path: "Statement/0/Sid" },
  { code: "IMPROVE_IP_RANGE", bad: cond({ IpAddress: { "aws:SourceIp": "203.0.113.7/24" } }), good: cond({ IpAddress: { "aws:SourceIp": "203.0.113.0/24" } }), path: "Statement/0/Condition/IpAddress/aws:SourceIp" },
  { code: "NULL_WITH_QUALIFIER", bad: cond({ "ForAllValues:Null": { "aws:TagKeys": "true" } }), good: cond({ Null: { "aws:TagKeys": "true" } }), path: "Statement/0/Condition/key:ForAllValues:Null" },
  { code: "PRIVATE_IP_ADDRESS_SUBSET", bad: cond({ IpAddress: { "aws:SourceIp": ["10.0.0.0/8", "203.0.113.0/24"] } }), good: cond({ IpAddress: { "aws:SourceIp": ["203.0.113.0/24"] } }), path: "Statement/0/Condition/IpAddress/aws:SourceIp/0" },
  { code: "PRIVATE_NOT_IP_ADDRESS_SUBSET", bad: cond({ NotIpAddress: { "aws:SourceIp": ["203.0.113.0/24", "172.16.0.0/12"] } }), good: cond({ NotIpAddress: { "aws:SourceIp": ["203.0.113.0/24"] } }), path: "Statement/0/Condition/NotIpAddress/aws:SourceIp/1" },
  { code: "REDUNDANT_ACTION", bad: [allow({ Action: ["s3:Get*", "s3:GetObject"] })], good: [allow({ Action: ["s3:Get*", "s3:PutObject"] })], path: "Statement/0/Action/1" },
  { code: "REDUNDANT_CONDITION_VALUE_NUM", bad: cond({ NumericLessThan: { "s3:max-keys": ["10", "20"] } }, { Action: "s3:ListBucket", Resource: "arn:aws:s3:::bucket" }), good: cond({ NumericEquals: { "s3:max-keys": ["10", "20"] } }, { Action: "s3:ListBucket", Resource: "arn:aws:s3:::bucket" }), path: "Statement/0/Condition/NumericLessThan/s3:max-keys" },
  { code: "REDUNDANT_RESOURCE", bad: res(["arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket/key"]), good: res(["arn:aws:s3:::bucket/*", "arn:aws:s3:::other/key"]), path: "Statement/0/Resource/1" },
  { code: "REDUNDANT_STATEMENT", bad: [allow({ Sid: "A" }), allow({ Sid: "B", Action: ["s3:GetObject"] })], good: [allow({ Sid: "A" }), allow({ Sid: "B", Action: "s3:PutObject" })], path: "Statement/1" },
  { code: "WILDCARD_IN_SERVICE_NAME", bad: [allow({ Action: "s3*:GetObject" })], good: [allow()], path: "Statement/0/Action" },
  { code: "ALLOW_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE", bad: [allow({ Action: ["ec2:StartInstances", "aws-portal:ViewBilling"], Resource: "*", Condition: { StringEquals: { "aws:ResourceTag/env": "dev" } } })], good: [allow({ Action: "ec2:StartInstances", Resource: "*", Condition: { StringEquals: { "aws:ResourceTag/env": "dev" } } })], path: "Statement/0/Condition/StringEquals/key:aws:ResourceTag/env" },
  { code: "ALLOW_NOTACTION_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE", bad: [{ Effect: "Allow", NotAction: "iam:*", Resource: "*", Condition: { StringEquals: { "aws:ResourceTag/env": "dev" } } }], good: [{ Effect: "Allow", Action: "ec2:StartInstances", Resource: "*", Condition: { StringEquals: { "aws:ResourceTag/env": "dev" } } }], path: "Statement/0/Condition/StringEquals/key:aws:ResourceTag/env" },
  { code: "RECOMMENDED_CONDITION_KEY_FOR_SERVICE_PRINCIPAL", ...R, bad: [svc({ Condition: { StringEquals: { "aws:SourceAccount": "123456789012", "aws:PrincipalAccount": "123456789012" } } })], good: [svc({ Condition: { StringEquals: { "aws:SourceAccount": "123456789012" } } })], path: "Statement/0/Condition/StringEquals/key:aws:PrincipalAccount" },
  { code: "REDUNDANT_PRINCIPAL_IN_ROLE_TRUST_POLICY", ...T, bad: [trust({ Principal: { AWS: ["arn:aws:iam::123456789012:role/ops", "arn:aws:sts::123456789012:assumed-role/ops/alice"] } })], good: [trust({ Principal: { AWS: ["arn:aws:iam::123456789012:role/ops", "arn:aws:sts::123456789012:assumed-role/dev/alice"] } })], path: "Statement/0/Principal/AWS/1" },
  { code: "CONFIRM_AUDIENCE_CLAIM_TYPE", ...T, bad: [oidc("idp.example.com", { Condition: { "ForAnyValue:StringEquals": { "idp.example.com:aud": "my-app" } } })], good: [oidc("idp.example.com", { Condition: { StringEquals: { "idp.example.com:aud": "my-app" } } })], path: "Statement/0/Condition/ForAnyValue:StringEquals/key:idp.example.com:aud" },
  // iam-edge's own
  { code: "IAM_EDGE_FULL_ADMIN", bad: [{ Effect: "Allow", Action: "*", Resource: "*" }], good: [{ Effect: "Allow", Action: "*", Resource: "arn:aws:s3:::bucket" }], path: "Statement/0/Action" },
  { code: "IAM_EDGE_SERVICE_WILDCARD", bad: [{ Effect: "Allow", Action: "dynamodb:*", Resource: "*" }], good: [{ Effect: "Allow", Action: "dynamodb:GetItem", Resource: "*" }], path: "Statement/0/Action" },
  { code: "IAM_EDGE_DATA_EXFILTRATION", bad: [{ Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: "*" }], good: [{ Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: "arn:aws:secretsmanager:us-east-1:123456789012:secret:app-*" }], path: "Statement/0/Action" },
  { code: "IAM_EDGE_CREDENTIALS_EXPOSURE", bad: [{ Effect: "Allow", Action: "ecr:GetAuthorizationToken", Resource: "*" }], good: [{ Effect: "Allow", Action: "ecr:DescribeRepositories", Resource: "*" }], path: "Statement/0/Action" },
  { code: "IAM_EDGE_RESOURCE_EXPOSURE", bad: [{ Effect: "Allow", Action: "s3:PutBucketPolicy", Resource: "*" }], good: [{ Effect: "Allow", Action: "s3:PutBucketPolicy", Resource: "arn:aws:s3:::bucket" }], path: "Statement/0/Action" },
  { code: "IAM_EDGE_PRIVILEGE_ESCALATION", bad: [{ Effect: "Allow", Action: ["iam:PassRole", "lambda:CreateFunction", "lambda:InvokeFunction"], Resource: "*" }], good: [{ Effect: "Allow", Action: ["lambda:CreateFunction", "lambda:InvokeFunction"], Resource: "*" }], path: "Statement/0/Action/0" },
];
