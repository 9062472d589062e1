/**
 * @module edge/s3/operations
 * Which S3 API operation a REST request is, and the IAM action it needs ("Actions, resources,
 * and condition keys for Amazon S3", Service Authorization Reference, and each operation's
 * "Permissions" section in the S3 API Reference). One row per operation: method, level
 * (service, bucket, object), the subresource in the query that selects it, and the action(s).
 * Rows are tried in order; the first match wins, so rows with a subresource come before the
 * plain ones. Object operations on a versionId use the `...Version...` action where S3 has one.
 */

export type Level = "service" | "bucket" | "object";

export interface OperationRow {
  operation: string;
  method: string;
  level: Level;
  /** A query parameter that selects the operation (`acl`, `uploads`, `list-type`, ...). */
  query?: string;
  /** A header that selects it (`x-amz-copy-source`). */
  header?: string;
  /** The action on this request's resource; `version` names the action used with `versionId`. */
  action: string;
  version?: string;
}

const bucketConfig = (sub: string, name: string, get: string, put: string, del?: string): OperationRow[] => [
  { operation: `GetBucket${name}`, method: "GET", level: "bucket" as const, query: sub, action: get },
  { operation: `PutBucket${name}`, method: "PUT", level: "bucket" as const, query: sub, action: put },
  ...(del ? [{ operation: `DeleteBucket${name}`, method: "DELETE", level: "bucket" as const, query: sub, action: del }] : []),
];

/** Every S3 REST operation this table knows, in match order. */
export const OPERATIONS: readonly OperationRow[] = [
  { operation: "ListBuckets", method: "GET", level: "service", action: "s3:ListAllMyBuckets" },

  // Object level, selected by subresource or header first.
  { operation: "ListParts", method: "GET", level: "object", query: "uploadId", action: "s3:ListMultipartUploadParts" },
  { operation: "UploadPartCopy", method: "PUT", level: "object", query: "partNumber", header: "x-amz-copy-source", action: "s3:PutObject" },
  { operation: "UploadPart", method: "PUT", level: "object", query: "partNumber", action: "s3:PutObject" },
  { operation: "CompleteMultipartUpload", method: "POST", level: "object", query: "uploadId", action: "s3:PutObject" },
  { operation: "AbortMultipartUpload", method: "DELETE", level: "object", query: "uploadId", action: "s3:AbortMultipartUpload" },
  { operation: "CreateMultipartUpload", method: "POST", level: "object", query: "uploads", action: "s3:PutObject" },
  { operation: "GetObjectTagging", method: "GET", level: "object", query: "tagging", action: "s3:GetObjectTagging", version: "s3:GetObjectVersionTagging" },
  { operation: "PutObjectTagging", method: "PUT", level: "object", query: "tagging", action: "s3:PutObjectTagging", version: "s3:PutObjectVersionTagging" },
  { operation: "DeleteObjectTagging", method: "DELETE", level: "object", query: "tagging", action: "s3:DeleteObjectTagging", version: "s3:DeleteObjectVersionTagging" },
  { operation: "GetObjectAcl", method: "GET", level: "object", query: "acl", action: "s3:GetObjectAcl", version: "s3:GetObjectVersionAcl" },
  { operation: "PutObjectAcl", method: "PUT", level: "object", query: "acl", action: "s3:PutObjectAcl", version: "s3:PutObjectVersionAcl" },
  { operation: "GetObjectAttributes", method: "GET", level: "object", query: "attributes", action: "s3:GetObjectAttributes", version: "s3:GetObjectVersionAttributes" },
  { operation: "GetObjectRetention", method: "GET", level: "object", query: "retention", action: "s3:GetObjectRetention" },
  { operation: "PutObjectRetention", method: "PUT", level: "object", query: "retention", action: "s3:PutObjectRetention" },
  { operation: "GetObjectLegalHold", method: "GET", level: "object", query: "legal-hold", action: "s3:GetObjectLegalHold" },
  { operation: "PutObjectLegalHold", method: "PUT", level: "object", query: "legal-hold", action: "s3:PutObjectLegalHold" },
  { operation: "RestoreObject", method: "POST", level: "object", query: "restore", action: "s3:RestoreObject" },
  { operation: "SelectObjectContent", method: "POST", level: "object", query: "select", action: "s3:GetObject" },
  { operation: "GetObjectTorrent", method: "GET", level: "object", query: "torrent", action: "s3:GetObjectTorrent" },
  { operation: "CopyObject", method: "PUT", level: "object", header: "x-amz-copy-source", action: "s3:PutObject" },
  { operation: "GetObject", method: "GET", level: "object", action: "s3:GetObject", version: "s3:GetObjectVersion" },
  { operation: "HeadObject", method: "HEAD", level: "object", action: "s3:GetObject", version: "s3:GetObjectVersion" },
  { operation: "PutObject", method: "PUT", level: "object", action: "s3:PutObject" },
  { operation: "DeleteObject", method: "DELETE", level: "object", action: "s3:DeleteObject", version: "s3:DeleteObjectVersion" },

  // Bucket level.
  { operation: "DeleteObjects", method: "POST", level: "bucket", query: "delete", action: "s3:DeleteObject", version: "s3:DeleteObjectVersion" },
  { operation: "GetBucketLocation", method: "GET", level: "bucket", query: "location", action: "s3:GetBucketLocation" },
  { operation: "GetBucketPolicyStatus", method: "GET", level: "bucket", query: "policyStatus", action: "s3:GetBucketPolicyStatus" },
  { operation: "GetPublicAccessBlock", method: "GET", level: "bucket", query: "publicAccessBlock", action: "s3:GetBucketPublicAccessBlock" },
  { operation: "PutPublicAccessBlock", method: "PUT", level: "bucket", query: "publicAccessBlock", action: "s3:PutBucketPublicAccessBlock" },
  // "DeletePublicAccessBlock ... requires s3:PutBucketPublicAccessBlock" (S3 API Reference).
  { operation: "DeletePublicAccessBlock", method: "DELETE", level: "bucket", query: "publicAccessBlock", action: "s3:PutBucketPublicAccessBlock" },
  ...bucketConfig("policy", "Policy", "s3:GetBucketPolicy", "s3:PutBucketPolicy", "s3:DeleteBucketPolicy"),
  // Deleting tagging, CORS, lifecycle, encryption or replication needs the Put action (each operation's Permissions section).
  ...bucketConfig("tagging", "Tagging", "s3:GetBucketTagging", "s3:PutBucketTagging", "s3:PutBucketTagging"),
  ...bucketConfig("acl", "Acl", "s3:GetBucketAcl", "s3:PutBucketAcl"),
  ...bucketConfig("cors", "Cors", "s3:GetBucketCORS", "s3:PutBucketCORS", "s3:PutBucketCORS"),
  ...bucketConfig("lifecycle", "LifecycleConfiguration", "s3:GetLifecycleConfiguration", "s3:PutLifecycleConfiguration", "s3:PutLifecycleConfiguration"),
  ...bucketConfig("versioning", "Versioning", "s3:GetBucketVersioning", "s3:PutBucketVersioning"),
  ...bucketConfig("website", "Website", "s3:GetBucketWebsite", "s3:PutBucketWebsite", "s3:DeleteBucketWebsite"),
  ...bucketConfig("encryption", "Encryption", "s3:GetEncryptionConfiguration", "s3:PutEncryptionConfiguration", "s3:PutEncryptionConfiguration"),
  ...bucketConfig("logging", "Logging", "s3:GetBucketLogging", "s3:PutBucketLogging"),
  ...bucketConfig("notification", "NotificationConfiguration", "s3:GetBucketNotification", "s3:PutBucketNotification"),
  ...bucketConfig("replication", "Replication", "s3:GetReplicationConfiguration", "s3:PutReplicationConfiguration", "s3:PutReplicationConfiguration"),
  ...bucketConfig("requestPayment", "RequestPayment", "s3:GetBucketRequestPayment", "s3:PutBucketRequestPayment"),
  ...bucketConfig("object-lock", "ObjectLockConfiguration", "s3:GetBucketObjectLockConfiguration", "s3:PutBucketObjectLockConfiguration"),
  ...bucketConfig("ownershipControls", "OwnershipControls", "s3:GetBucketOwnershipControls", "s3:PutBucketOwnershipControls", "s3:PutBucketOwnershipControls"),
  ...bucketConfig("accelerate", "AccelerateConfiguration", "s3:GetAccelerateConfiguration", "s3:PutAccelerateConfiguration"),
  ...bucketConfig("analytics", "AnalyticsConfiguration", "s3:GetAnalyticsConfiguration", "s3:PutAnalyticsConfiguration", "s3:PutAnalyticsConfiguration"),
  ...bucketConfig("inventory", "InventoryConfiguration", "s3:GetInventoryConfiguration", "s3:PutInventoryConfiguration", "s3:PutInventoryConfiguration"),
  ...bucketConfig("metrics", "MetricsConfiguration", "s3:GetMetricsConfiguration", "s3:PutMetricsConfiguration", "s3:PutMetricsConfiguration"),
  ...bucketConfig("intelligent-tiering", "IntelligentTieringConfiguration", "s3:GetIntelligentTieringConfiguration", "s3:PutIntelligentTieringConfiguration", "s3:PutIntelligentTieringConfiguration"),
  { operation: "ListMultipartUploads", method: "GET", level: "bucket", query: "uploads", action: "s3:ListBucketMultipartUploads" },
  { operation: "ListObjectVersions", method: "GET", level: "bucket", query: "versions", action: "s3:ListBucketVersions" },
  { operation: "ListObjectsV2", method: "GET", level: "bucket", query: "list-type", action: "s3:ListBucket" },
  { operation: "ListObjects", method: "GET", level: "bucket", action: "s3:ListBucket" },
  // "HeadBucket ... you must have permissions to perform the s3:ListBucket action".
  { operation: "HeadBucket", method: "HEAD", level: "bucket", action: "s3:ListBucket" },
  { operation: "CreateBucket", method: "PUT", level: "bucket", action: "s3:CreateBucket" },
  { operation: "DeleteBucket", method: "DELETE", level: "bucket", action: "s3:DeleteBucket" },
];

/** The row for a request, or undefined for an operation this table does not know. */
export function findOperation(method: string, level: Level, query: (name: string) => boolean, header: (name: string) => boolean): OperationRow | undefined {
  return OPERATIONS.find((row) => row.method === method && row.level === level
    && (row.query === undefined || query(row.query)) && (row.header === undefined || header(row.header))
    // A plain row must not swallow a request that names a subresource it does not handle.
    && (row.query !== undefined || !OPERATIONS.some((o) => o.level === level && o.method === method && o.query !== undefined && query(o.query) && (o.header === undefined || header(o.header)))));
}
