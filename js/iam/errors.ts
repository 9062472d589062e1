/**
 * @module iam/errors
 * IamError: a failed IAM operation, with the AWS error code (`EntityAlreadyExists`,
 * `NoSuchEntity`, `LimitExceeded`, `MalformedPolicyDocument`, `ValidationError`,
 * `DeleteConflict`, `PasswordPolicyViolation`, `AccessDenied`, ...) and AWS's HTTP status.
 */
import type { Diagnostic } from "../policy/types.ts";

const STATUS: Record<string, number> = {
  EntityAlreadyExists: 409, NoSuchEntity: 404, LimitExceeded: 409, MalformedPolicyDocument: 400,
  ValidationError: 400, DeleteConflict: 409, PasswordPolicyViolation: 400, AccessDenied: 403,
  InvalidInput: 400, InvalidAuthenticationCode: 403, EntityTemporarilyUnmodifiable: 409,
  UnmodifiableEntity: 400, PolicyNotAttachable: 400, ConcurrentModification: 409,
};

export class IamError extends Error {
  /** HTTP status AWS answers with for this code. */
  readonly status: number;
  constructor(readonly code: string, message: string, readonly diagnostics?: Diagnostic[]) {
    super(message);
    this.name = "IamError";
    this.status = STATUS[code] ?? 400;
  }
}
