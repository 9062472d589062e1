/**
 * @module iam/errors
 * IamError: a failed IAM or STS operation, with AWS's error code and the HTTP status the service
 * answers it with. Every code is listed here and explained in docs/iam-errors.md (what it
 * means, its status, what the caller should do).
 */
import type { Diagnostic } from "../policy/types.ts";

/** The error codes of IAM operations (IAM API Reference, each operation's "Errors"). */
export type IamErrorCode =
  | "AccessDenied"
  | "ConcurrentModification"
  | "DeleteConflict"
  | "EntityAlreadyExists"
  | "InvalidAuthenticationCode"
  | "InvalidInput"
  | "InvalidUserType"
  | "LimitExceeded"
  | "MalformedPolicyDocument"
  | "NoSuchEntity"
  | "PasswordPolicyViolation"
  | "PolicyNotAttachable"
  | "UnmodifiableEntity"
  | "ValidationError";

/** The error codes of STS operations and of credentials (STS API Reference, "Common Errors"). */
export type StsErrorCode =
  | "AccessDenied"
  | "ExpiredToken"
  | "ExpiredTokenException"
  | "IDPCommunicationError"
  | "IDPRejectedClaim"
  | "InvalidClientTokenId"
  | "InvalidIdentityToken"
  | "InvalidParameterValue"
  | "MalformedPolicyDocument"
  | "MissingAuthenticationToken"
  | "PackedPolicyTooLarge"
  | "ValidationError";

/** Every code an IamError carries. */
export type ErrorCode = IamErrorCode | StsErrorCode;

/**
 * The HTTP status of each code, as the API references list it. ExpiredToken answers 400 here
 * while AWS answers 403 (docs/iam-errors.md, "Known differences").
 */
const STATUS: Record<ErrorCode, number> = {
  AccessDenied: 403, ConcurrentModification: 409, DeleteConflict: 409, EntityAlreadyExists: 409,
  InvalidAuthenticationCode: 403, InvalidInput: 400, InvalidUserType: 400, LimitExceeded: 409,
  MalformedPolicyDocument: 400, NoSuchEntity: 404, PasswordPolicyViolation: 400, PolicyNotAttachable: 400,
  UnmodifiableEntity: 400, ValidationError: 400,
  ExpiredToken: 400, ExpiredTokenException: 400, IDPCommunicationError: 400, IDPRejectedClaim: 403,
  InvalidClientTokenId: 403, InvalidIdentityToken: 400, InvalidParameterValue: 400,
  MissingAuthenticationToken: 403, PackedPolicyTooLarge: 400,
};

/**
 * A failed IAM or STS operation.
 * @example
 * try { await account.getUser({ UserName: "nobody" }); }
 * catch (err) { if (err instanceof IamError && err.code === "NoSuchEntity") { ... } }
 */
export class IamError extends Error {
  /** HTTP status AWS answers with for this code. */
  readonly status: number;
  constructor(readonly code: ErrorCode, message: string, readonly diagnostics?: Diagnostic[]) {
    super(message);
    this.name = "IamError";
    this.status = STATUS[code] ?? 400;
  }
}
