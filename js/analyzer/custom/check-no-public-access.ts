/**
 * @module analyzer/custom/check-no-public-access
 * CheckNoPublicAccess: does a resource policy let anyone outside the account in? The engine
 * decides the policy's actions (for the resource type's service) for a principal of an unrelated
 * account, with no context beyond what the policy's own conditions ask for, except the keys that
 * pin a request to known callers: a statement conditioned on them is not public ("Blocking
 * public access to your Amazon S3 storage", "The meaning of public": fixed values of
 * aws:SourceIp, aws:SourceVpc(e), aws:SourceArn, aws:SourceAccount, aws:SourceOwner,
 * aws:PrincipalAccount, aws:PrincipalOrgID, aws:PrincipalOrgPaths, aws:PrincipalArn, aws:userid).
 */
import type { ConditionEntry, NormalizedPolicy } from "../../policy/types.ts";
import type { AuthorizationResult } from "../../engine/result.ts";
import { AnalyzerError } from "../errors.ts";
import { loadCatalog } from "../catalog/load.ts";
import type { AccessCheckResourceType, CheckNoPublicAccessRequest, CustomCheckResponse } from "../types.ts";
import { concreteActions, concreteResources } from "./candidates.ts";
import { exampleOf, type CustomCheckOptions } from "./check-no-new-access.ts";
import { decider, toText } from "./evaluate.ts";
import { normalize } from "./normalize.ts";
import { reasonsFrom } from "./reasons.ts";
import { satisfyAll } from "./satisfy.ts";

/** The service prefix of each resource type AWS's CheckNoPublicAccess takes. */
export const RESOURCE_SERVICES: Record<AccessCheckResourceType, string> = {
  "AWS::ApiGateway::RestApi": "execute-api", "AWS::Backup::BackupVault": "backup", "AWS::CloudTrail::Dashboard": "cloudtrail",
  "AWS::CloudTrail::EventDataStore": "cloudtrail", "AWS::CodeArtifact::Domain": "codeartifact", "AWS::DynamoDB::Stream": "dynamodb",
  "AWS::DynamoDB::Table": "dynamodb", "AWS::EFS::FileSystem": "elasticfilesystem", "AWS::Kinesis::Stream": "kinesis",
  "AWS::Kinesis::StreamConsumer": "kinesis", "AWS::KMS::Key": "kms", "AWS::Lambda::Function": "lambda",
  "AWS::OpenSearchService::Domain": "es", "AWS::IAM::AssumeRolePolicyDocument": "sts",
  "AWS::S3Express::DirectoryBucket": "s3express", "AWS::S3::AccessPoint": "s3", "AWS::S3::Bucket": "s3",
  "AWS::S3Express::AccessPoint": "s3express", "AWS::S3::Glacier": "glacier", "AWS::S3Outposts::AccessPoint": "s3-outposts",
  "AWS::S3Outposts::Bucket": "s3-outposts", "AWS::S3Tables::Table": "s3tables", "AWS::S3Tables::TableBucket": "s3tables",
  "AWS::SecretsManager::Secret": "secretsmanager", "AWS::SNS::Topic": "sns", "AWS::SQS::Queue": "sqs",
};

const PINNING = new Set([
  "aws:sourceip", "aws:sourcevpc", "aws:sourcevpce", "aws:sourcearn", "aws:sourceaccount", "aws:sourceowner",
  "aws:principalaccount", "aws:principalorgid", "aws:principalorgpaths", "aws:principalarn", "aws:userid", "aws:sourceorgid", "aws:sourceorgpaths",
]);

const OUTSIDER = "arn:aws:iam::210987654321:user/iam-edge-outsider";

/**
 * @example
 * const r = await checkNoPublicAccess({ policyDocument, resourceType: "AWS::S3::Bucket" }, { engine });
 */
export async function checkNoPublicAccess(request: CheckNoPublicAccessRequest, options: CustomCheckOptions): Promise<CustomCheckResponse> {
  const service = Object.hasOwn(RESOURCE_SERVICES, request?.resourceType) ? RESOURCE_SERVICES[request.resourceType] : undefined;
  if (!service) throw new AnalyzerError(`\`resourceType\` must be one of ${Object.keys(RESOURCE_SERVICES).join(", ")}`);
  const trust = request.resourceType === "AWS::IAM::AssumeRolePolicyDocument";
  const kind = trust ? "trust" : "resource";
  const text = toText(request.policyDocument, "policyDocument");
  const policy = normalize(text, kind === "trust" ? "resource" : kind, "policy");
  const catalog = await loadCatalog();
  const decide = decider(options.engine, text, kind, "policy");
  try {
    const found: AuthorizationResult[] = [];
    let example: CustomCheckResponse["exampleRequest"];
    for (const c of publicCandidates(catalog, policy, service, trust)) {
      const r = decide.decide(c);
      if (r.decision !== "Allow") continue;
      found.push(r);
      example ??= exampleOf(decide.request(c));
    }
    if (!example) return { result: "PASS", message: "The resource policy does not grant public access for the given resource type.", reasons: [] };
    return {
      result: "FAIL",
      message: "The resource policy grants public access for the given resource type.",
      reasons: reasonsFrom(found, "policy", (i) => `Public access granted in the following statement with index: ${i}.`),
      exampleRequest: example,
    };
  } finally {
    decide.dispose();
  }
}

function publicCandidates(catalog: Awaited<ReturnType<typeof loadCatalog>>, policy: NormalizedPolicy, service: string, trust: boolean) {
  const names = policy.statements.flatMap((s) => s.resource ?? s.notResource ?? []).filter((r) => r !== "*");
  const out: { action: string; resource: string; principal: string; context: Record<string, string | string[]> }[] = [];
  for (const s of policy.statements) {
    if (s.effect !== "Allow") continue;
    const actions = concreteActions(catalog, s.action ?? s.notAction ?? [], [], s.notAction !== undefined).filter((a) => a.split(":")[0].toLowerCase() === service);
    const resources = trust ? ["arn:aws:iam::999988887777:role/iam-edge-role"] : concreteResources(s.resource ?? s.notResource ?? ["*"], names, s.notResource !== undefined);
    const free: ConditionEntry[] = s.conditions.filter((c) => !PINNING.has(c.key.toLowerCase()));
    for (const action of actions.slice(0, 200)) for (const resource of resources) for (const context of [{}, satisfyAll(free)]) out.push({ action, resource, principal: OUTSIDER, context });
  }
  return out;
}
