/**
 * @module engine/action-filter
 * Which statements of a policy apply to a request's action (its Action matches, or its
 * NotAction does not), so that linked sets send the core only those and the core skips
 * matching the action again (assembly/abi.ts, "policy reference").
 *
 * The match must be exactly the core's (assembly/match/wildcard.ts): actions compare ASCII
 * letters case-insensitively and nothing else ("IAM JSON policy elements: Action"), `*` is any
 * run of characters and `?` one character, a character being a code point of the UTF-8 text.
 * So both sides are made well-formed (a lone surrogate is U+FFFD once encoded), ASCII letters
 * are lowercased, and globs become RegExps with the `u` flag and no `i` flag (which would fold
 * non-ASCII letters, and the Kelvin sign into `k`).
 */
interface Matcher {
  /** Lowercased literal action, or null. */
  literal: string | null;
  /** For `text*` (one trailing star, the usual glob): the text before it, or null. */
  prefix: string | null;
  /** Any other glob. */
  glob: RegExp | null;
}

interface StatementActions {
  not: boolean;
  matchers: Matcher[];
}

/**
 * ASCII letters lowercased, lone surrogates as U+FFFD: the text the core compares. `select`
 * takes actions in this form, so a set of many policies normalizes each action once.
 */
export function normalizeAction(text: string): string {
  return text.replace(/\p{Cs}/gu, "\ufffd").replace(/[A-Z]+/g, (m) => m.toLowerCase());
}

function matcher(pattern: string): Matcher {
  const text = normalizeAction(pattern);
  if (!/[*?]/.test(text)) return { literal: text, prefix: null, glob: null };
  // `s3:Get*`, `ec2:Describe*`, `*`: a prefix test, no RegExp to build and compile.
  const star = text.indexOf("*");
  if (star === text.length - 1 && !text.includes("?")) return { literal: null, prefix: text.slice(0, star), glob: null };
  // Every character but letters, digits and the wildcards is written as an escape.
  const source = text.replace(/[^a-z0-9*?]/gu, (c) => `\\u{${c.codePointAt(0)!.toString(16)}}`).replace(/\*/g, "[\\s\\S]*").replace(/\?/g, "[\\s\\S]");
  return { literal: null, prefix: null, glob: new RegExp(`^${source}$`, "u") };
}

const NONE: readonly number[] = Object.freeze([]);

export class ActionFilter {
  readonly #statements: StatementActions[];
  /** How many statements the policy has. */
  readonly count: number;

  constructor(statements: readonly { action?: string[]; notAction?: string[] }[]) {
    this.count = statements.length;
    this.#statements = statements.map((s) => ({ not: !!s.notAction, matchers: (s.action ?? s.notAction ?? []).map(matcher) }));
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
      for (const m of s.matchers) {
        if (m.literal !== null ? m.literal === text : m.prefix !== null ? text.startsWith(m.prefix) : m.glob!.test(text)) {
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
