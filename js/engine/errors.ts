/**
 * @module engine/errors
 * The engine's typed errors. Policies that do not validate raise PolicyValidationError with
 * every diagnostic; malformed requests raise RequestError with a stable code; a broken
 * invariant inside the Wasm core raises EngineInternalError (the instance is replaced).
 */
import type { Diagnostic } from "../policy/types.ts";

/** Thrown by `engine.compile` when the document has error diagnostics. */
export class PolicyValidationError extends Error {
  readonly code = "MalformedPolicyDocument";
  constructor(readonly diagnostics: Diagnostic[]) {
    const first = diagnostics.find((d) => d.severity === "error") ?? diagnostics[0];
    const where = first?.span ? ` at line ${first.span.start.line}, column ${first.span.start.column}` : "";
    super(first ? `${first.message}${where} (${first.code}${first.path ? ` at ${first.path}` : ""})` : "policy is not valid");
    this.name = "PolicyValidationError";
  }
}

/** Thrown by `engine.authorize` for a request or policy set it cannot decide. */
export class RequestError extends Error {
  constructor(readonly code: string, readonly detail: string, readonly path = "") {
    super(path ? `${detail} (at ${path})` : detail);
    this.name = "RequestError";
  }
}

/** The Wasm core trapped or its ABI does not match this binding. */
export class EngineInternalError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "EngineInternalError";
  }
}
