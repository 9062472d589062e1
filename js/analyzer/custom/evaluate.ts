/**
 * @module analyzer/custom/evaluate
 * Deciding candidate requests with the engine. An identity policy is decided alone, for a user
 * of account 111122223333. A resource policy is decided for a principal of another account
 * with an identity policy that allows everything: cross-account, a request is allowed only when
 * the resource policy allows it too ("Cross-account policy evaluation logic"), so the decision
 * is the resource policy's own, account principals included (within one account an account
 * principal would defer to identity policies).
 */
import type { Engine } from "../../engine/engine.ts";
import type { CompiledPolicy } from "../../engine/compiled-policy.ts";
import type { AuthorizationRequest } from "../../engine/request.ts";
import type { AuthorizationResult } from "../../engine/result.ts";
import type { PolicyValidationError } from "../../engine/errors.ts";
import { AnalyzerError } from "../errors.ts";
import type { Candidate } from "./candidates.ts";

export const IDENTITY_PRINCIPAL = "arn:aws:iam::111122223333:user/iam-edge-analyzer";
/** The account owning the resource a resource policy is attached to. */
export const RESOURCE_ACCOUNT = "999988887777";
const ALLOW_ALL = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}';

const allowAll = new WeakMap<Engine, CompiledPolicy>();

export interface Decider {
  decide(c: Candidate): AuthorizationResult;
  request(c: Candidate): AuthorizationRequest;
  dispose(): void;
}

/** Compiles `document` (`kind` identity or resource) and returns what decides candidates against it. */
export function decider(engine: Engine, document: string, kind: "identity" | "resource" | "trust", id: string): Decider {
  let policy: CompiledPolicy;
  try {
    policy = engine.compile(document, { kind, id });
  } catch (err) {
    if (isValidationError(err)) {
      const first = err.diagnostics.find((d) => d.severity === "error");
      throw new AnalyzerError(`the ${id} is not a valid ${kind} policy: ${first?.message ?? err.message}`);
    }
    throw err;
  }
  if (kind === "identity") {
    const request = (c: Candidate): AuthorizationRequest => ({ principal: IDENTITY_PRINCIPAL, action: c.action, resource: c.resource, context: c.context });
    return { request, decide: (c) => engine.authorize(request(c), { identity: [policy] }), dispose: () => policy.dispose() };
  }
  let everything = allowAll.get(engine);
  if (!everything || everything.disposed) {
    everything = engine.compile(ALLOW_ALL, { kind: "identity", id: "allow-all" });
    allowAll.set(engine, everything);
  }
  const identity = everything;
  const request = (c: Candidate): AuthorizationRequest => ({ principal: c.principal ?? IDENTITY_PRINCIPAL, action: c.action, resource: c.resource, resourceAccount: RESOURCE_ACCOUNT, context: c.context });
  return { request, decide: (c) => engine.authorize(request(c), { identity: [identity], resource: policy }), dispose: () => policy.dispose() };
}

/**
 * A PolicyValidationError, recognized by name and shape: `iam-edge/analyzer` is bundled apart
 * from the engine's entries (so they do not change size), so the engine it is given may come
 * from another copy of the class.
 */
function isValidationError(err: unknown): err is PolicyValidationError {
  return err instanceof Error && err.name === "PolicyValidationError" && Array.isArray((err as { diagnostics?: unknown }).diagnostics);
}

export function toText(document: string | object, what: string): string {
  if (typeof document === "string") return document;
  if (typeof document === "object" && document !== null) return JSON.stringify(document);
  throw new AnalyzerError(`\`${what}\` must be JSON text or an object`);
}
