/**
 * @module sso/errors
 * SsoError: a failed IAM Identity Center (SSO admin or identity store) operation, with the error
 * code of the IAM Identity Center API Reference ("Common Errors" and each operation's "Errors":
 * ValidationException 400, ResourceNotFoundException 404, ConflictException 409,
 * AccessDeniedException 403, ServiceQuotaExceededException 402, InternalServerException 500).
 */
export type SsoErrorCode = "ValidationException" | "ResourceNotFoundException" | "ConflictException" | "AccessDeniedException" | "ServiceQuotaExceededException" | "InternalServerException" | "UnauthorizedException";

/** The HTTP status AWS's model gives each code. */
export const SSO_ERROR_STATUS: Readonly<Record<SsoErrorCode, number>> = {
  ValidationException: 400,
  ResourceNotFoundException: 404,
  ConflictException: 409,
  AccessDeniedException: 403,
  ServiceQuotaExceededException: 402,
  InternalServerException: 500,
  UnauthorizedException: 401,
};

export class SsoError extends Error {
  constructor(readonly code: SsoErrorCode, message: string) {
    super(message);
    this.name = "SsoError";
  }
}

export const notFound = (what: string): SsoError => new SsoError("ResourceNotFoundException", `${what} not found`);
export const invalid = (message: string): SsoError => new SsoError("ValidationException", message);
