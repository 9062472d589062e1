/**
 * @module engine/action-filter
 * Which statements of a policy could match a request's action, so that linked sets send the
 * core only those (assembly/abi.ts, "policy reference"). Matching here is looser than the
 * core's (Unicode case folding, RegExp globs), never stricter: a statement that could match is
 * never left out, and the core still matches every selected statement in full.
 * Actions are case-insensitive ("IAM JSON policy elements: Action").
 */
export class ActionFilter {
  /** Positions of statements with `*`, NotAction, or a wildcard in the service prefix. */
  readonly #always: number[] = [];
  /** Lowercased literal action -> positions of the statements naming it. */
  readonly #exact = new Map<string, number[]>();
  readonly #globs: { re: RegExp; at: number }[] = [];
  /** How many statements the policy has. */
  readonly count: number;

  constructor(statements: readonly { action?: string[]; notAction?: string[] }[]) {
    this.count = statements.length;
    statements.forEach((s, at) => {
      if (s.notAction || !s.action) {
        this.#always.push(at);
        return;
      }
      const globs: RegExp[] = [];
      for (const action of s.action) {
        if (!/[*?]/.test(action)) {
          const key = action.toLowerCase();
          const list = this.#exact.get(key);
          if (!list) this.#exact.set(key, [at]);
          else if (list[list.length - 1] !== at) list.push(at);
        } else if (action === "*" || /[*?]/.test(action.split(":")[0])) {
          this.#always.push(at);
          return;
        } else {
          const source = action.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, "[\\s\\S]*").replace(/\?/g, "[\\s\\S]");
          globs.push(new RegExp(`^${source}$`, "iu"));
        }
      }
      for (const re of globs) this.#globs.push({ re, at });
    });
  }

  /** Positions, ascending and without repeats, of the statements that could match `action`. */
  select(action: string): number[] {
    const hit = new Uint8Array(this.count);
    for (const at of this.#always) hit[at] = 1;
    for (const at of this.#exact.get(action.toLowerCase()) ?? []) hit[at] = 1;
    for (const g of this.#globs) if (hit[g.at] === 0 && g.re.test(action)) hit[g.at] = 1;
    const out: number[] = [];
    for (let at = 0; at < hit.length; at++) if (hit[at]) out.push(at);
    return out;
  }
}
