/**
 * @module playground/evaluation
 * From editor texts to a decision: validate each policy (`engine.validate`), compile the ones
 * without errors, assemble the policy set (SCPs grouped by level), and decide the request with
 * `engine.explain`. Owns the compiled policies of the last evaluation and disposes them on the
 * next. No DOM.
 */
import type {
  AuthorizationRequest, AuthorizationResult, CompiledPolicy, Diagnostic, Engine, PolicyKind, PolicySet,
} from "../entries/browser.ts";
import { isAwsManagedSource } from "./policy-sources.ts";
import type { Decided, PlaygroundState } from "./state.ts";

/** One editor's policy, as the evaluation needs it. */
export interface PolicyInput {
  id: string;
  kind: PolicyKind;
  label: string;
  text: string;
  source?: string;
}

export interface Built {
  set: PolicySet;
  /** SCP level numbers, in the order of `set.scp`. */
  levels: number[];
  /** Why the set cannot be evaluated (a policy with errors): empty when it can. */
  problems: string[];
  /** Each non-empty policy's diagnostics, by policy id (an empty policy has none). */
  diagnostics: Map<string, Diagnostic[]>;
}

/** Size limit for an AWS-managed policy's document (they are not held to customer quotas). */
const AWS_MANAGED_MAX_SIZE = 1_000_000;

interface Validated {
  text: string;
  kind: PolicyKind;
  maxSize: number | undefined;
  diagnostics: Diagnostic[];
}

const plural = (n: number, word: string) => `${n} ${word}${n > 1 ? "s" : ""}`;

/** Options for `engine.validate` and `engine.compile`: AWS-managed policies opened from an account are larger than a customer policy may be. */
const optionsFor = (input: PolicyInput) => ({ kind: input.kind, maxSize: isAwsManagedSource(input.source) ? AWS_MANAGED_MAX_SIZE : undefined });

export class Evaluator {
  #compiled: CompiledPolicy[] = [];
  /** The last diagnostics of each policy id, with what they were computed from. */
  readonly #validated = new Map<string, Validated>();
  readonly #engine: Engine;

  constructor(engine: Engine) {
    this.#engine = engine;
  }

  /** Validates and compiles every policy; the previous evaluation's policies are disposed. */
  build(doc: PlaygroundState, inputs: PolicyInput[]): Built {
    for (const p of this.#compiled) p.dispose();
    this.#compiled = [];
    const problems: string[] = [];
    const diagnostics = new Map<string, Diagnostic[]>();
    const byId = new Map<string, CompiledPolicy>();
    for (const input of inputs) {
      diagnostics.set(input.id, this.diagnose(input));
      if (input.text.trim()) this.#compile(input, diagnostics.get(input.id)!, byId, problems);
    }
    return { ...assemble(doc, byId), problems, diagnostics };
  }

  /**
   * A policy's diagnostics (`engine.validate`; none for an empty editor). Kept per policy id until
   * its text changes: one edit re-validates one policy, not all of them.
   */
  diagnose(input: PolicyInput): Diagnostic[] {
    if (!input.text.trim()) return [];
    const { kind, maxSize } = optionsFor(input);
    const last = this.#validated.get(input.id);
    if (last && last.text === input.text && last.kind === kind && last.maxSize === maxSize) return last.diagnostics;
    // With IAM's own checks: what IAM would refuse to store is an error here too.
    const diagnostics = this.#engine.validate(input.text, { kind, maxSize, iamChecks: true });
    this.#validated.set(input.id, { text: input.text, kind, maxSize, diagnostics });
    return diagnostics;
  }

  /** Compiles a policy without errors; a policy with errors is a problem, and is left out. */
  #compile(input: PolicyInput, found: Diagnostic[], byId: Map<string, CompiledPolicy>, problems: string[]): void {
    const errors = found.filter((d) => d.severity === "error").length;
    if (errors) {
      problems.push(`${input.label} has ${plural(errors, "error")}`);
      return;
    }
    try {
      const p = this.#engine.compile(input.text, { ...optionsFor(input), id: input.id });
      this.#compiled.push(p);
      byId.set(input.id, p);
    } catch (err) {
      problems.push(`${input.label}: ${(err as Error).message}`);
    }
  }

  /** Decides the request, with the per-statement explanation. Throws `RequestError` on a bad request. */
  decide(request: AuthorizationRequest, set: PolicySet): Decided {
    const explanation = this.#engine.explain(request, set);
    return { result: explanation.result, explanation };
  }

  /** One decision without the explanation (the test table's rows). */
  authorize(request: AuthorizationRequest, set: PolicySet): AuthorizationResult {
    return this.#engine.authorize(request, set);
  }
}

/** The policy set from the compiled policies, in the document's order; SCPs by level. */
function assemble(doc: PlaygroundState, byId: Map<string, CompiledPolicy>): { set: PolicySet; levels: number[] } {
  const some = (ids: string[]) => ids.map((id) => byId.get(id)).filter((p): p is CompiledPolicy => !!p);
  const identity = some(doc.identity.map((_, i) => `identity-${i + 1}`));
  const session = some(doc.session.map((_, i) => `session-${i + 1}`));
  const levels = [...new Set(doc.scp.map((s) => s.level))].sort((a, b) => a - b);
  const scp = levels.map((lv) => some(doc.scp.flatMap((s, i) => (s.level === lv ? [`scp-${i + 1}`] : []))));
  const set: PolicySet = {
    identity,
    session: session.length ? session : undefined,
    boundary: byId.get("boundary"),
    resource: byId.get(doc.resourceKind),
    scp: scp.length ? scp : undefined,
  };
  return { set, levels };
}
