/**
 * @module analyzer/checks/resource-policy
 * A resource policy checked for the resource it is attached to (`validatePolicyResourceType`):
 * its actions must be the resource's service's ("Unsupported action in policy") and its ARNs
 * the resource's ("Unsupported resource ARN in policy"). The services per resource type follow
 * AWS's pages for each: "Bucket policies" and "Access points" (S3: `s3:*`), "Multi-Region Access
 * Points", "S3 Object Lambda access points" (`s3-object-lambda:*`), "DynamoDB resource-based
 * policies" (`dynamodb:*`).
 */
import type { PolicyContext, StatementView } from "../context.ts";
import { splitArn } from "./resources.ts";

const SERVICES: Record<string, { actions: string[]; arns: string[] }> = {
  "AWS::S3::Bucket": { actions: ["s3"], arns: ["s3"] },
  "AWS::S3::AccessPoint": { actions: ["s3"], arns: ["s3"] },
  "AWS::S3::MultiRegionAccessPoint": { actions: ["s3"], arns: ["s3"] },
  "AWS::S3ObjectLambda::AccessPoint": { actions: ["s3-object-lambda"], arns: ["s3-object-lambda"] },
  "AWS::DynamoDB::Table": { actions: ["dynamodb"], arns: ["dynamodb"] },
};

export function checkResourcePolicyType(ctx: PolicyContext, s: StatementView): void {
  const allowed = ctx.resourceType ? SERVICES[ctx.resourceType] : undefined;
  if (!allowed) return;
  for (const a of s.actions) {
    const service = a.text.split(":")[0].toLowerCase();
    if (a.text !== "*" && !/[*?]/.test(service) && !allowed.actions.includes(service)) {
      ctx.sink.add("UNSUPPORTED_ACTION_IN_POLICY", a.at, { action: a.text, resourceType: ctx.resourceType! });
    }
  }
  for (const r of s.resources) {
    const arn = splitArn(r.text);
    if (arn && !/[*?]/.test(arn.service) && !allowed.arns.includes(arn.service)) {
      ctx.sink.add("UNSUPPORTED_RESOURCE_ARN_IN_POLICY", r.at, { resourceType: ctx.resourceType! });
    }
  }
}
