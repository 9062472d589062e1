/**
 * @module edge/s3-service/objects
 * The S3 gateway's Durable Object classes, exported by the Worker's main module for wrangler.
 */
export { BucketObject } from "./bucket-object.ts";
export { S3AccountObject } from "./s3-account-object.ts";
