/**
 * @module edge/s3-api/policy-check
 * A bucket policy as PutBucketPolicy accepts it, or S3's `MalformedPolicy` (400) with the
 * reason ("PutBucketPolicy", S3 API Reference; "Bucket policy examples", S3 User Guide):
 * - a JSON policy the engine's validator accepts as a resource policy (20 KB at most, every
 *   statement with a `Principal` or `NotPrincipal`): its first error is the message;
 * - every action an `s3:` action or `*` ("Policy has invalid action");
 * - every resource this bucket or an object in it, or a pattern that matches one ("Policy has
 *   invalid resource"): S3 refuses a bucket policy about other buckets.
 * The policy is stored as sent and compiled for decisions (kind `resource`).
 */
import { validatePolicy } from "../../policy/validate.ts";
import { resourceMatches } from "../../policy/wildcard.ts";
import type { NormalizedPolicy } from "../../policy/types.ts";
import { malformedPolicy } from "./errors.ts";
import { isPublicPolicy } from "./public-policy.ts";

export interface CheckedPolicy {
  text: string;
  policy: NormalizedPolicy;
  isPublic: boolean;
}

function coversBucket(pattern: string, bucket: string, partition: string): boolean {
  const arn = `arn:${partition}:s3:::${bucket}`;
  // A pattern that matches the bucket, or some object in it (`.../*`, `.../home/*`, `arn:aws:s3:::b*`).
  return resourceMatches(pattern, arn) || pattern.startsWith(`${arn}/`) || resourceMatches(pattern, `${arn}/x`);
}

/** @throws S3Error MalformedPolicy */
export function checkBucketPolicy(text: string, bucket: string, partition = "aws"): CheckedPolicy {
  if (!text.trimStart().startsWith("{")) throw malformedPolicy("Policies must be valid JSON and the first byte must be '{'");
  const result = validatePolicy(text, { kind: "resource" });
  const error = result.diagnostics.find((d) => d.severity === "error");
  if (error || !result.policy) throw malformedPolicy(error ? `${error.message} (${error.path || "/"})` : "Policies must be valid JSON");
  for (const s of result.policy.statements) {
    const actions = s.action ?? s.notAction ?? [];
    if (actions.some((a) => a !== "*" && !a.toLowerCase().startsWith("s3:"))) throw malformedPolicy("Policy has invalid action");
    const resources = s.resource ?? s.notResource ?? [];
    if (resources.length === 0 || resources.some((r) => !coversBucket(r, bucket, partition))) throw malformedPolicy("Policy has invalid resource");
  }
  return { text, policy: result.policy, isPublic: isPublicPolicy(result.policy) };
}
