/**
 * @module iam-edge/edge
 * Edge request authorization: verify AWS Signature Version 4 (`verifySigV4`), map a verified
 * request to the engine's request (S3's action table, API Gateway's model), decide it with the
 * account model, and answer denials in AWS's shapes. Web APIs only: the same code runs in
 * Cloudflare Workers, Node and browsers.
 */
export { verifySigV4 } from "./sigv4/verify.ts";
export type { SigV4Request, CredentialsQuery, SigningCredentials, CredentialsSource, VerifyOptions, VerifiedRequest, SigV4Failure, VerifyResult } from "./sigv4/types.ts";
export { SigV4Error, type Dialect } from "./sigv4/errors.ts";
