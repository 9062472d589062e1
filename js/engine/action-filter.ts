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
  /** Lowercased literal action, or null for a glob. */
  literal: string | null;
  glob: RegExp | null;
}

interface StatementActions {
  not: boolean;
  matchers: Matcher[];
}

/** ASCII letters lowercased, lone surrogates as U+FFFD: the text the core compares. */
function normalize(text: string): string {
  return text.replace(/\p{Cs}/gu, "\ufffd").replace(/[A-Z]+/g, (m) => m.toLowerCase());
}

function matcher(pattern: string): Matcher {
  const text = normalize(pattern);
  if (!/[*?]/.test(text)) return { literal: text, glob: null };
  // Every character but letters, digits and the wildcards is written as an escape.
  const source = text.replace(/[^a-z0-9*?]/gu, (c) => `\\u{${c.codePointAt(0)!.toString(16)}}`).replace(/\*/g, "[\\s\\S]*").replace(/\?/g, "[\\s\\S]");
  return { literal: null, glob: new RegExp(`^${source}$`, "u") };
}

export class ActionFilter {
  readonly #statements: StatementActions[];
  /** How many statements the policy has. */
  readonly count: number;

  constructor(statements: readonly { action?: string[]; notAction?: string[] }[]) {
    this.count = statements.length;
    this.#statements = statements.map((s) => ({ not: !!s.notAction, matchers: (s.action ?? s.notAction ?? []).map(matcher) }));
  }

  /** Positions, ascending, of the statements whose Action matches `action` or whose NotAction does not. */
  select(action: string): number[] {
    const text = normalize(action);
    const out: number[] = [];
    this.#statements.forEach((s, at) => {
      const hit = s.matchers.some((m) => (m.literal !== null ? m.literal === text : m.glob!.test(text)));
      if (hit !== s.not) out.push(at);
    });
    return out;
  }
}
