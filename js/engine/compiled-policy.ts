/**
 * @module engine/compiled-policy
 * A policy compiled into an engine: its image (kept to reload the core after a trap), its
 * handle in Wasm memory, the frozen records results report for its statements, and what the
 * binding needs to select its statements per action and explain them.
 */
/// <reference lib="esnext.disposable" preserve="true" /> // CompiledPolicy[Symbol.dispose]: declared for consumers whose lib lacks it (ES2022 without @types/node)
import type { Diagnostic, PolicyKind, Span } from "../policy/types.ts";
import type { ActionFilter } from "./action-filter.ts";
import type { MatchedStatement } from "./result.ts";

/** What a compiled statement keeps for results and explanations. */
export interface StatementInfo {
  index: number;
  sid?: string;
  effect: "Allow" | "Deny";
  span?: Span;
  /** Its conditions in image order, for explanations. */
  conditions: { operator: string; key: string; span?: Span }[];
}

/** The engine a policy belongs to, as the policy sees it: it frees the policy's memory. */
export interface PolicyOwner {
  release(policy: CompiledPolicy): void;
}

/**
 * A policy compiled into the engine. It holds Wasm memory until `dispose()` (or `using`).
 * @example
 * using policy = engine.compile(doc, { kind: "identity" });
 */
export class CompiledPolicy {
  /** @internal */ handle = 0;
  /** @internal */ readonly statementsByIndex: Map<number, StatementInfo>;
  /** @internal by statement index, the record results list when it decides */
  readonly matched: MatchedStatement[] = [];
  /** @internal which statements can match a request's action (a superset) */
  readonly #actions: ActionFilter;
  #disposed = false;

  /** @internal */
  constructor(
    /** @internal */ readonly engine: PolicyOwner,
    readonly id: string,
    readonly kind: PolicyKind,
    /** Warnings and suggestions found while compiling. */
    readonly diagnostics: Diagnostic[],
    /** @internal */ readonly image: Uint8Array,
    statements: StatementInfo[],
    actions: ActionFilter,
    /** @internal per statement position, the ids of the context keys it reads */
    readonly statementKeys: readonly (readonly number[])[],
  ) {
    this.statementsByIndex = new Map(statements.map((s) => [s.index, s]));
    for (const info of statements) {
      const m: MatchedStatement = { policyId: id, kind, statementIndex: info.index, effect: info.effect };
      if (info.sid !== undefined) m.sid = info.sid;
      if (info.span) m.span = info.span;
      this.matched[info.index] = Object.freeze(m);
    }
    this.#actions = actions;
  }

  /** @internal positions of the statements that apply to the action (`normalizeAction` form); read only */
  select(text: string): readonly number[] {
    return this.#actions.select(text);
  }

  /** @internal whether `select` remembers its answers (a policy with many action patterns): worth a selection on any call */
  get selectsCheaply(): boolean {
    return this.#actions.remembers;
  }

  /** @internal the ids of every context key the policy reads, each once (keys.ts holds them for it) */
  get keyIds(): number[] {
    return [...new Set(this.statementKeys.flat())];
  }

  /** @internal how many statements the policy has */
  get statementCount(): number {
    return this.#actions.count;
  }

  get disposed(): boolean {
    return this.#disposed;
  }

  /** Frees the policy's Wasm memory. Deciding with a disposed policy is an error. */
  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    this.engine.release(this);
  }

  /** `using policy = engine.compile(...)` disposes at the end of the scope where the runtime has `using` (Node 24+; a SyntaxError on Node 20 and 22). */
  [Symbol.dispose](): void {
    this.dispose();
  }
}
