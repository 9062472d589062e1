/**
 * @module edge/s3-api/operations
 * The operations this gateway serves (issue 16), by the name js/edge/s3's table gives the
 * request; every other operation of that table is answered `NotImplemented` (501) in S3's XML.
 */
import type { OperationHandler } from "./context.ts";
import { createBucket, deleteBucket, getBucketLocation, headBucket, listBuckets } from "./ops/buckets.ts";
import {
  deleteBucketPolicy, deleteBucketTagging, deletePublicAccessBlock, getBucketPolicy, getBucketPolicyStatus, getBucketTagging, getPublicAccessBlock,
  putBucketPolicy, putBucketTagging, putPublicAccessBlock,
} from "./ops/bucket-config.ts";
import { copyObject } from "./ops/copy-object.ts";
import { deleteObject, deleteObjects } from "./ops/delete-objects.ts";
import { getObject, headObject } from "./ops/get-object.ts";
import { listObjects, listObjectsV2 } from "./ops/list-objects.ts";
import { deleteObjectTagging, getObjectTagging, putObjectTagging } from "./ops/object-tagging.ts";
import { putObject } from "./ops/put-object.ts";
import { abortMultipartUpload, completeMultipartUpload } from "./ops/multipart/complete.ts";
import { createMultipartUpload } from "./ops/multipart/create.ts";
import { listMultipartUploads, listPartsOp } from "./ops/multipart/list.ts";
import { uploadPart, uploadPartCopy } from "./ops/multipart/parts.ts";

export const HANDLERS: Record<string, OperationHandler> = {
  ListBuckets: listBuckets, CreateBucket: createBucket, DeleteBucket: deleteBucket, HeadBucket: headBucket, GetBucketLocation: getBucketLocation,
  PutObject: putObject, GetObject: getObject, HeadObject: headObject, DeleteObject: deleteObject, DeleteObjects: deleteObjects, CopyObject: copyObject,
  ListObjectsV2: listObjectsV2, ListObjects: listObjects,
  CreateMultipartUpload: createMultipartUpload, UploadPart: uploadPart, UploadPartCopy: uploadPartCopy, CompleteMultipartUpload: completeMultipartUpload,
  AbortMultipartUpload: abortMultipartUpload, ListParts: listPartsOp, ListMultipartUploads: listMultipartUploads,
  PutBucketPolicy: putBucketPolicy, GetBucketPolicy: getBucketPolicy, DeleteBucketPolicy: deleteBucketPolicy, GetBucketPolicyStatus: getBucketPolicyStatus,
  PutPublicAccessBlock: putPublicAccessBlock, GetPublicAccessBlock: getPublicAccessBlock, DeletePublicAccessBlock: deletePublicAccessBlock,
  GetObjectTagging: getObjectTagging, PutObjectTagging: putObjectTagging, DeleteObjectTagging: deleteObjectTagging,
  GetBucketTagging: getBucketTagging, PutBucketTagging: putBucketTagging, DeleteBucketTagging: deleteBucketTagging,
};

/** Operations on no bucket, or on one that need not exist yet. */
export const NO_BUCKET = new Set(["ListBuckets", "CreateBucket"]);
/** Operations whose source is another object (`x-amz-copy-source`). */
export const COPIES = new Set(["CopyObject", "UploadPartCopy"]);
