/**
 * @module iam/audit/resources
 * The record's `resources[]`: CloudTrail's entry (ARN, account, `AWS::Service::Type`) for each
 * ARN an operation or decision touched.
 */
import { ucFirst } from "./names.ts";
import type { CloudTrailResource } from "./shapes.ts";
import { inputOf, type CallState } from "./calls.ts";

const SERVICE_NAMES: Record<string, string> = {
  iam: "IAM", sts: "STS", s3: "S3", ec2: "EC2", dynamodb: "DynamoDB", lambda: "Lambda", kms: "KMS", sqs: "SQS", sns: "SNS",
  secretsmanager: "SecretsManager", cloudtrail: "CloudTrail", logs: "Logs", ssm: "SSM",
};
const IAM_TYPES: Record<string, string> = { user: "User", group: "Group", role: "Role", policy: "Policy", mfa: "MFADevice", "oidc-provider": "OIDCProvider", "saml-provider": "SAMLProvider", "instance-profile": "InstanceProfile", "assumed-role": "AssumedRole" };

/** CloudTrail's `resources[]` entry for an ARN: `AWS::IAM::Role`, `AWS::S3::Object` and so on. */
export function resourceOf(arn: string): CloudTrailResource | undefined {
  const parts = arn.split(":");
  if (parts.length < 6 || parts[0] !== "arn") return undefined;
  const [, , service, , accountId] = parts;
  const rest = parts.slice(5).join(":");
  const head = rest.split(/[/:]/)[0];
  let type: string;
  if (service === "s3") type = rest.includes("/") ? "Object" : "Bucket";
  else if (service === "iam" || service === "sts") type = IAM_TYPES[head] ?? (head === "root" ? "AccountState" : ucFirst(head));
  else type = head.split("-").map(ucFirst).join("");
  const out: CloudTrailResource = { ARN: arn };
  if (/^\d{12}$/.test(accountId)) out.accountId = accountId;
  out.type = `AWS::${SERVICE_NAMES[service] ?? ucFirst(service)}::${type}`;
  return out;
}

export function resourcesOf(arns: Iterable<string>): CloudTrailResource[] | undefined {
  const seen = new Set<string>();
  const out: CloudTrailResource[] = [];
  for (const arn of arns) {
    if (typeof arn !== "string" || seen.has(arn)) continue;
    seen.add(arn);
    const r = resourceOf(arn);
    if (r) out.push(r);
  }
  return out.length ? out : undefined;
}

/** ARNs an operation touched: what it was authorized on, the ARNs it was given, the entity it answered with. */
export function operationArns(call: CallState, response: unknown): string[] {
  const arns = [...call.resources];
  const input = inputOf(call);
  if (input && typeof input === "object") {
    for (const key of ["PolicyArn", "RoleArn", "SerialNumber", "OpenIDConnectProviderArn", "SAMLProviderArn", "PolicySourceArn"]) {
      const v = (input as Record<string, unknown>)[key];
      if (typeof v === "string") arns.push(v);
    }
  }
  if (!call.spec.readOnly && response && typeof response === "object") {
    for (const v of Object.values(response)) {
      if (v && typeof v === "object" && !Array.isArray(v)) {
        const arn = (v as Record<string, unknown>).Arn ?? (v as Record<string, unknown>).SerialNumber;
        if (typeof arn === "string" && !arn.startsWith(`arn:${call.account.partition}:sts:`)) arns.push(arn);
      }
    }
    for (const key of ["OpenIDConnectProviderArn", "SAMLProviderArn"]) {
      const top = (response as Record<string, unknown>)[key];
      if (typeof top === "string") arns.push(top);
    }
  }
  return arns;
}
