/**
 * @module policy/validate/iam-resource
 * IAM's own checks of `Resource` and `NotResource` values. IAM applies them to the documents its
 * APIs take (CreatePolicy, CreatePolicyVersion, Put{User,Group,Role}Policy; permissions
 * boundaries are managed policies; STS checks session policies the same way), and answers
 * `MalformedPolicyDocument` when one fails. Other services validate their own resource
 * policies, so these checks run only for the `identity`, `boundary` and `session` kinds.
 *
 * Sources: "IAM identifiers" (ARN format, IAM resources have no region), "AWS JSON policy
 * elements: Resource" ("specify a resource using its ARN" or `*`), the Service Authorization
 * Reference for Amazon S3 (which S3 resource types carry a region) and for IAM (its resource
 * types), and the AWS SDKs' partition list (`partitions.json`). IAM's error texts for these
 * checks are given by the account model (js/iam/malformed-message.ts).
 */
import type { PolicyKind } from "../types.ts";
import { quote } from "../json.ts";

/** The kinds IAM itself validates (the others belong to other services). */
export const IAM_STRICT_KINDS: ReadonlySet<PolicyKind> = new Set(["identity", "boundary", "session"]);

/** AWS partitions, as the AWS SDKs' partitions.json lists them. `*` is also accepted. */
export const PARTITIONS: readonly string[] = ["aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b", "aws-iso-e", "aws-iso-f", "aws-eusc"];

/**
 * S3 resource types whose ARNs carry a region (Service Authorization Reference, Amazon S3:
 * accesspoint, job, storagelensconfiguration, storagelensgroup, accessgrantsinstance and its
 * locations and grants, multi-region access point requests). Buckets and objects have none.
 */
const S3_REGIONAL = ["accesspoint/", "job/", "storage-lens/", "storage-lens-group/", "access-grants/", "async-request/"];

/**
 * IAM resource types (Service Authorization Reference, IAM; "IAM identifiers"): what the
 * resource part of an IAM ARN starts with. `root` is the account's root user, as AWS's own
 * managed policies name it (`arn:aws:iam::*:root`).
 */
export const IAM_RESOURCE_TYPES: readonly string[] = [
  "user/", "federated-user/", "role/", "group/", "instance-profile/", "mfa/", "server-certificate/", "policy/",
  "sms-mfa/", "saml-provider/", "oidc-provider/", "report/", "access-report/",
];

/** The codes of IAM's own checks (docs/diagnostics.md, "IAM's own resource checks"). */
export const IAM_CHECK_CODES = ["RESOURCE_NOT_ARN", "UNKNOWN_PARTITION", "REGION_NOT_ALLOWED", "INVALID_IAM_RESOURCE"] as const;

/** One finding: a diagnostic code and its message. */
export interface ResourceProblem {
  code: (typeof IAM_CHECK_CODES)[number];
  message: string;
}

const FULL_ARN = "`arn:partition:service:region:account:resource`";

/**
 * What IAM refuses in resource `r` of a `kind` policy, or null. Checked in IAM's order:
 * an ARN at all, the partition, the service, the region, the IAM resource type, then the
 * short forms IAM cannot read ("The policy failed legacy parsing").
 */
export function iamResourceProblem(r: string, kind: PolicyKind): ResourceProblem | null {
  if (r === "*") return null;
  const parts = r.split(":");
  if (parts.length < 2) {
    return { code: "RESOURCE_NOT_ARN", message: `${kind} policies need \`*\` or an ARN (${FULL_ARN}), not ${quote(r)}` };
  }
  const partition = parts[1];
  // A variable here is already an error of its own (VARIABLE_NOT_ALLOWED).
  if (partition !== "*" && !PARTITIONS.includes(partition) && !partition.includes("${")) {
    return { code: "UNKNOWN_PARTITION", message: `${quote(partition)} in ${quote(r)} is not an AWS partition (\`aws\`, \`aws-cn\`, \`aws-us-gov\`, ...) or \`*\`` };
  }
  if (parts.length < 3) {
    return { code: "RESOURCE_NOT_ARN", message: `${quote(r)} names no service: ${kind} policies need \`*\` or an ARN (${FULL_ARN})` };
  }
  const service = parts[2], region = parts[3] ?? "", resource = parts.slice(5).join(":");
  if (service === "iam" && region !== "") {
    return { code: "REGION_NOT_ALLOWED", message: `${quote(r)} has a region, but IAM resources are global: leave it empty (\`arn:aws:iam::account:...\`)` };
  }
  if (service === "s3" && region !== "" && !S3_REGIONAL.some((p) => resource.startsWith(p))) {
    return { code: "REGION_NOT_ALLOWED", message: `${quote(r)} has a region, but S3 buckets and objects have none: leave it empty (\`arn:aws:s3:::bucket/key\`)` };
  }
  if (service === "iam" && resource !== "*" && resource !== "root" && !IAM_RESOURCE_TYPES.some((t) => resource.startsWith(t))) {
    return { code: "INVALID_IAM_RESOURCE", message: `${quote(resource)} in ${quote(r)} is not an IAM resource: use \`*\` or start it with \`user/\`, \`role/\`, \`group/\`, \`policy/\` or another IAM resource type` };
  }
  // Fewer than six parts with an empty one (`arn:aws:s3::bucket`): neither a full ARN nor a
  // short form IAM accepts (it accepts `arn:aws:rds:*` as AWS's own policies use it).
  if (parts.length < 6 && r.includes("::")) {
    return { code: "RESOURCE_NOT_ARN", message: `${quote(r)} has fewer than six \`:\`-separated parts and an empty one: ${kind} policies need a full ARN (${FULL_ARN})` };
  }
  return null;
}
