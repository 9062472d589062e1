/**
 * @module edge/s3-api/errors
 * S3's REST errors ("Error responses" and "List of error codes", S3 API Reference): each code with
 * the HTTP status S3 sends it with, and a message in S3's words. An `S3Error` becomes S3's XML
 * `<Error><Code/><Message/>...<Resource/><RequestId/></Error>` (response.ts); its `fields` are
 * the extra elements S3 adds (`BucketName`, `Key`, `UploadId`, `ArgumentName`, ...).
 */

export class S3Error extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    /** Extra elements of the error document, in order. */
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
    this.name = "S3Error";
  }
}

const e = (code: string, status: number, message: string, fields?: Record<string, string>) => new S3Error(code, status, message, fields);

export const noSuchBucket = (bucket: string) => e("NoSuchBucket", 404, "The specified bucket does not exist", { BucketName: bucket });
export const noSuchKey = (key: string) => e("NoSuchKey", 404, "The specified key does not exist.", { Key: key });
export const noSuchUpload = (uploadId: string) => e("NoSuchUpload", 404, "The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.", { UploadId: uploadId });
export const bucketAlreadyExists = (bucket: string) => e("BucketAlreadyExists", 409, "The requested bucket name is not available. The bucket namespace is shared by all users of the system. Please select a different name and try again.", { BucketName: bucket });
export const bucketAlreadyOwnedByYou = (bucket: string) => e("BucketAlreadyOwnedByYou", 409, "Your previous request to create the named bucket succeeded and you already own it.", { BucketName: bucket });
export const bucketNotEmpty = (bucket: string) => e("BucketNotEmpty", 409, "The bucket you tried to delete is not empty", { BucketName: bucket });
export const invalidBucketName = (bucket: string) => e("InvalidBucketName", 400, "The specified bucket is not valid.", { BucketName: bucket });
export const malformedXml = () => e("MalformedXML", 400, "The XML you provided was not well-formed or did not validate against our published schema");
export const malformedPolicy = (detail: string) => e("MalformedPolicy", 400, detail);
export const noSuchBucketPolicy = (bucket: string) => e("NoSuchBucketPolicy", 404, "The bucket policy does not exist", { BucketName: bucket });
export const noSuchPublicAccessBlock = (bucket?: string) => e("NoSuchPublicAccessBlockConfiguration", 404, "The public access block configuration was not found", bucket ? { BucketName: bucket } : {});
export const noSuchTagSet = (bucket?: string) => e("NoSuchTagSet", 404, "The TagSet does not exist", bucket ? { BucketName: bucket } : {});
export const invalidTag = (message: string) => e("InvalidTag", 400, message);
export const invalidArgument = (message: string, name?: string, value?: string) =>
  e("InvalidArgument", 400, message, name === undefined ? {} : { ArgumentName: name, ArgumentValue: value ?? "" });
export const invalidRequest = (message: string) => e("InvalidRequest", 400, message);
export const invalidRange = (size: number, range: string) => e("InvalidRange", 416, "The requested range is not satisfiable", { RangeRequested: range, ActualObjectSize: String(size) });
export const preconditionFailed = (condition: string) => e("PreconditionFailed", 412, "At least one of the pre-conditions you specified did not hold", { Condition: condition });
export const invalidPart = () => e("InvalidPart", 400, "One or more of the specified parts could not be found. The part might not have been uploaded, or the specified entity tag might not have matched the part's entity tag.");
export const invalidPartOrder = () => e("InvalidPartOrder", 400, "The list of parts was not in ascending order. The parts list must be specified in order by part number.");
export const entityTooSmall = () => e("EntityTooSmall", 400, "Your proposed upload is smaller than the minimum allowed object size.");
export const entityTooLarge = (max: number) => e("EntityTooLarge", 400, "Your proposed upload exceeds the maximum allowed object size.", { MaxSizeAllowed: String(max) });
export const keyTooLong = (max: number) => e("KeyTooLongError", 400, "Your key is too long", { MaxSizeAllowed: String(max) });
export const metadataTooLarge = (max: number) => e("MetadataTooLarge", 400, "Your metadata headers exceed the maximum allowed metadata size.", { MaxSizeAllowed: String(max) });
export const missingContentLength = () => e("MissingContentLength", 411, "You must provide the Content-Length HTTP header.");
export const invalidDigest = () => e("InvalidDigest", 400, "The Content-MD5 you specified was invalid.");
export const badDigest = (what = "Content-MD5") => e("BadDigest", 400, `The ${what} you specified did not match what we received.`);
export const notImplemented = (what = "A header you provided implies functionality that is not implemented") => e("NotImplemented", 501, what);
export const methodNotAllowed = (method: string, resource: string) => e("MethodNotAllowed", 405, "The specified method is not allowed against this resource.", { Method: method, ResourceType: resource });
export const aclNotSupported = () => e("AccessControlListNotSupported", 400, "The bucket does not allow ACLs");
export const invalidBucketAclWithObjectOwnership = () => e("InvalidBucketAclWithObjectOwnership", 400, "Bucket cannot have ACLs set with ObjectOwnership's BucketOwnerEnforced setting");
export const illegalLocationConstraint = (given: string, region: string) =>
  e("IllegalLocationConstraintException", 400, `The ${given} location constraint is incompatible for the region specific endpoint this request was sent to.`, { LocationConstraint: given, Region: region });
export const invalidLocationConstraint = () => e("InvalidLocationConstraint", 400, "The specified location-constraint is not valid");
export const invalidStorageClass = () => e("InvalidStorageClass", 400, "The storage class you specified is not valid");
export const internalError = () => e("InternalError", 500, "We encountered an internal error. Please try again.");
export const accessDenied = (message = "Access Denied") => e("AccessDenied", 403, message);
