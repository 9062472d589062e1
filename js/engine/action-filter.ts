/**
 * @module engine/action-filter
 * Which statements of a policy apply to a request's action (its Action matches, or its
 * NotAction does not), so that linked sets send the core only those and the core skips
 * matching the action again (assembly/abi.ts, "policy reference").
 *
 * The match must be exactly the core's, so it is the policy layer's matcher
 * (js/policy/wildcard.ts): ASCII-only case folding, `?` one code point, lone surrogates as
 * U+FFFD.
 */
import { prepareText, WildcardPattern } from "../policy/wildcard.ts";

interface StatementActions {
  not: boolean;
  patterns: WildcardPattern[];
}

/**
 * ASCII letters lowercased, lone surrogates as U+FFFD: the text the core compares. `select`
 * takes actions in this form, so a set of many policies normalizes each action once.
 */
export function normalizeAction(text: string): string {
  return prepareText(text, true);
}

const NONE: readonly number[] = Object.freeze([]);

export class ActionFilter {
  readonly #statements: StatementActions[];
  /** How many statements the policy has. */
  readonly count: number;

  constructor(statements: readonly { action?: string[]; notAction?: string[] }[]) {
    this.count = statements.length;
    this.#statements = statements.map((s) => ({
      not: !!s.notAction,
      patterns: (s.action ?? s.notAction ?? []).map((p) => new WildcardPattern(p, { ignoreCase: true })),
    }));
  }

  /**
   * Positions, ascending, of the statements whose Action matches the action or whose NotAction
   * does not; `text` is the action as `normalizeAction` returns it.
   */
  select(text: string): readonly number[] {
    let out: number[] | undefined;
    const statements = this.#statements;
    for (let at = 0; at < statements.length; at++) {
      const s = statements[at];
      let hit = false;
      for (const p of s.patterns) {
        if (p.testPrepared(text)) {
          hit = true;
          break;
        }
      }
      if (hit !== s.not) (out ??= []).push(at);
    }
    // Most policies of a large set have no statement for a given action: no array for them.
    return out ?? NONE;
  }
}
