/**
 * @module engine/errors
 * The engine's typed errors. Policies that do not validate raise PolicyValidationError with
 * every diagnostic; malformed requests raise RequestError; a load failure, or a broken
 * invariant inside the Wasm core, raises EngineInternalError (after a trap the instance is
 * replaced). Each has a `code` from a closed list, documented in docs/errors.md (what it
 * means, what the caller should do); diagnostic codes are in docs/diagnostics.md.
 */
import type { Diagnostic } from "../policy/types.ts";

/** Codes of RequestError (docs/errors.md). */
export const REQUEST_ERROR_CODES = [
  "INVALID_REQUEST", "REQUEST_TOO_LARGE", "INVALID_PRINCIPAL", "INVALID_ACTION", "INVALID_RESOURCE", "INVALID_ACCOUNT",
  "INVALID_CONTEXT_VALUE", "INVALID_KIND", "INVALID_OPTION",
  "INVALID_POLICY_SET", "WRONG_POLICY_KIND", "POLICY_DISPOSED", "REENTRANT_CALL",
] as const;
export type RequestErrorCode = (typeof REQUEST_ERROR_CODES)[number];

/** Codes of PolicyValidationError: IAM's own error code for the same failure (docs/errors.md). */
export const POLICY_VALIDATION_ERROR_CODES = ["MalformedPolicyDocument"] as const;
export type PolicyValidationErrorCode = (typeof POLICY_VALIDATION_ERROR_CODES)[number];

/** Codes of EngineInternalError (docs/errors.md). */
export const ENGINE_INTERNAL_ERROR_CODES = [
  "LOAD_FAILED", "INVALID_SOURCE", "INVALID_MODULE", "COMPILE_DISALLOWED", "NOT_AN_ENGINE", "ABI_MISMATCH",
  "MEMORY_LIMIT", "TRAP", "IMAGE_REJECTED", "EXPLAIN_OVERFLOW",
] as const;
export type EngineInternalErrorCode = (typeof ENGINE_INTERNAL_ERROR_CODES)[number];

/** Thrown by `engine.compile` when the document has error diagnostics. */
export class PolicyValidationError extends Error {
  readonly code: PolicyValidationErrorCode = "MalformedPolicyDocument";
  constructor(readonly diagnostics: Diagnostic[]) {
    const first = diagnostics.find((d) => d.severity === "error") ?? diagnostics[0];
    const where = first?.span ? ` at line ${first.span.start.line}, column ${first.span.start.column}` : "";
    super(first ? `${first.message}${where} (${first.code}${first.path ? ` at ${first.path}` : ""})` : "policy is not valid");
    this.name = "PolicyValidationError";
  }
}

/**
 * Thrown by `authorize`, `authorizeBatch`, `explain`, `link` and `compile` for a request,
 * policy set or option they cannot use. `path` is a JSON Pointer into the argument.
 */
export class RequestError extends Error {
  constructor(readonly code: RequestErrorCode, readonly detail: string, readonly path = "") {
    super(path ? `${detail} (at ${path})` : detail);
    this.name = "RequestError";
  }
}

/**
 * The engine could not be loaded, ran out of memory (MEMORY_LIMIT), or the Wasm core trapped;
 * after a trap or a full memory the instance was replaced and the engine stays usable.
 */
export class EngineInternalError extends Error {
  constructor(readonly code: EngineInternalErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "EngineInternalError";
  }
}
