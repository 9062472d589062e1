/**
 * @module iam-edge/api
 * The engine's public API every runtime entry shares: the engine, compiled policies, results and
 * errors (the account model is added by the full entries, through ./iam.ts).
 * The entries (node.ts, browser.ts, workerd.ts) add `createEngine`, and differ only in how they
 * obtain the `WebAssembly.Module` when the caller does not pass one.
 */
export { Engine, CompiledPolicy, PolicyBundle } from "../engine/engine.ts";
export type { AuthorizationResult, MatchedStatement, Decision, PolicySet, CompileOptions, EngineOptions, EngineStats, ReasonCode, Explanation, PolicyExplanation, StatementExplanation, ConditionExplanation } from "../engine/engine.ts";
export type { AuthorizationRequest, ContextValue } from "../engine/request.ts";
export type { Diagnostic, PolicyKind, Span, Position, Severity } from "../policy/types.ts";
export { PolicyValidationError, RequestError, EngineInternalError } from "../engine/errors.ts";
export type { PolicyValidationErrorCode, RequestErrorCode, EngineInternalErrorCode } from "../engine/errors.ts";
export type { EngineSource } from "../engine/source.ts";
