/**
 * @module iam-edge/api
 * The public API every runtime entry shares: the engine, compiled policies, results and errors.
 * The entries (node.ts, browser.ts, workerd.ts) add `createEngine`, and differ only in how they
 * obtain the `WebAssembly.Module` when the caller does not pass one.
 */
export { Engine, CompiledPolicy, PolicyBundle } from "../engine/engine.ts";
export type { AuthorizationResult, MatchedStatement, Decision, PolicySet, CompileOptions, ReasonCode, Explanation, PolicyExplanation, StatementExplanation, ConditionExplanation } from "../engine/engine.ts";
export type { AuthorizationRequest, ContextValue } from "../engine/request.ts";
export type { Diagnostic, PolicyKind, Span, Position, Severity } from "../policy/types.ts";
export { PolicyValidationError, RequestError, EngineInternalError } from "../engine/errors.ts";
export { Account, IamError } from "../iam/index.ts";
export type { AccountOptions, OperationOptions } from "../iam/index.ts";
export type { EngineSource } from "../engine/source.ts";
