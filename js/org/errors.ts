/**
 * @module org/errors
 * OrganizationsError: a failed Organizations operation, with the error code AWS's Organizations
 * API Reference gives it (each operation's "Errors" section) and, for ConstraintViolationException
 * and InvalidInputException, the `Reason` AWS sends with it. The HTTP status is the AWS model's
 * (the wire layer reads it from the SDK's schema, js/edge/org-api/model.ts).
 */

export type OrganizationsErrorCode =
  | "AccessDeniedException"
  | "AccountNotFoundException"
  | "AlreadyInOrganizationException"
  | "AWSOrganizationsNotInUseException"
  | "ChildNotFoundException"
  | "ConstraintViolationException"
  | "CreateAccountStatusNotFoundException"
  | "DestinationParentNotFoundException"
  | "DuplicateAccountException"
  | "DuplicateOrganizationalUnitException"
  | "DuplicatePolicyAttachmentException"
  | "DuplicatePolicyException"
  | "InvalidInputException"
  | "MalformedPolicyDocumentException"
  | "MasterCannotLeaveOrganizationException"
  | "OrganizationNotEmptyException"
  | "OrganizationalUnitNotEmptyException"
  | "OrganizationalUnitNotFoundException"
  | "ParentNotFoundException"
  | "PolicyInUseException"
  | "PolicyNotAttachedException"
  | "PolicyNotFoundException"
  | "PolicyTypeAlreadyEnabledException"
  | "PolicyTypeNotEnabledException"
  | "RootNotFoundException"
  | "SourceParentNotFoundException"
  | "TargetNotFoundException";

export class OrganizationsError extends Error {
  override name = "OrganizationsError";
  constructor(readonly code: OrganizationsErrorCode, message: string, readonly reason?: string) {
    super(message);
  }
}

/** ConstraintViolationException with its Reason (e.g. `OU_DEPTH_LIMIT_EXCEEDED`). */
export function constraint(reason: string, message: string): OrganizationsError {
  return new OrganizationsError("ConstraintViolationException", message, reason);
}

/** InvalidInputException with its Reason (e.g. `INVALID_PATTERN`). */
export function invalidInput(reason: string, message: string): OrganizationsError {
  return new OrganizationsError("InvalidInputException", message, reason);
}
