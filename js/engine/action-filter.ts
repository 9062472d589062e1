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
import { MAX_REMEMBERED_ACTIONS, MIN_REMEMBERING_PATTERNS } from "./limits.ts";

interface StatementActions {
  not: boolean;
  patterns: WildcardPattern[];
}

/** A pattern of statement `at`, in a policy's index by service (ActionFilter `#byService`). */
interface Indexed {
  at: number;
  pattern: WildcardPattern;
}

/**
 * The service part (before the first `:`) of action pattern `p` (as prepared: `normalizeAction`'s
 * form, which request actions are in), or undefined when a wildcard or a character outside ASCII is in it (or
 * it has no `:`): such a pattern may match actions of any service. A pattern whose service part
 * is literal matches only actions that start with that part and a `:`, so only actions of that
 * service: an index by service finds every pattern that can match.
 */
function servicePart(p: string): string | undefined {
  const colon = p.indexOf(":");
  if (colon < 0) return undefined;
  for (let i = 0; i < colon; i++) {
    const c = p.charCodeAt(i);
    if (c === 0x2a || c === 0x3f || c >= 0x80) return undefined;
  }
  return p.slice(0, colon);
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
  /**
   * Whether the policy has MIN_REMEMBERING_PATTERNS action patterns or more (AWS-managed
   * policies such as ReadOnlyAccess have thousands): its answers are remembered per action, for
   * every set the policy is in (at most MAX_REMEMBERED_ACTIONS, then it starts over).
   */
  readonly remembers: boolean;
  #remembered: Map<string, readonly number[]> | undefined;

  constructor(statements: readonly { action?: string[]; notAction?: string[] }[]) {
    this.count = statements.length;
    this.#statements = statements.map((s) => ({
      not: !!s.notAction,
      patterns: (s.action ?? s.notAction ?? []).map((p) => new WildcardPattern(p, { ignoreCase: true })),
    }));
    this.remembers = this.#statements.reduce((n, s) => n + s.patterns.length, 0) >= MIN_REMEMBERING_PATTERNS;
  }

  /**
   * For a policy that remembers: its patterns by the service they name, and those that may name
   * any; `#hits` marks the statements matched during one scan.
   */
  #byService: Map<string, Indexed[]> | undefined;
  #anyService: Indexed[] = [];
  #hits: Uint8Array | undefined;

  /** Builds the index on the first selection (a policy compiled and never decided with has none). */
  #index(): void {
    const byService = new Map<string, Indexed[]>();
    const anyService: Indexed[] = [];
    this.#statements.forEach((s, at) => {
      for (const pattern of s.patterns) {
        const service = servicePart(pattern.text);
        if (service === undefined) anyService.push({ at, pattern });
        else {
          let list = byService.get(service);
          if (list === undefined) byService.set(service, (list = []));
          list.push({ at, pattern });
        }
      }
    });
    this.#byService = byService;
    this.#anyService = anyService;
    this.#hits = new Uint8Array(this.count);
  }

  /**
   * Positions, ascending, of the statements whose Action matches the action or whose NotAction
   * does not; `text` is the action as `normalizeAction` returns it. The array is shared: read it only.
   */
  select(text: string): readonly number[] {
    if (!this.remembers) return this.#scan(text);
    const remembered = (this.#remembered ??= new Map());
    let positions = remembered.get(text);
    if (positions === undefined) {
      positions = this.#scanIndexed(text);
      if (remembered.size >= MAX_REMEMBERED_ACTIONS) remembered.clear();
      remembered.set(text, positions);
    }
    return positions;
  }

  /** `#scan`'s answer, from only the patterns of the action's service and those of any service. */
  #scanIndexed(text: string): readonly number[] {
    if (this.#byService === undefined) this.#index();
    const colon = text.indexOf(":");
    const hits = this.#hits!;
    hits.fill(0);
    const own = this.#byService!.get(colon < 0 ? text : text.slice(0, colon));
    if (own !== undefined) mark(own, text, hits);
    mark(this.#anyService, text, hits);
    let out: number[] | undefined;
    const statements = this.#statements;
    for (let at = 0; at < statements.length; at++) if ((hits[at] === 1) !== statements[at].not) (out ??= []).push(at);
    return out ?? NONE;
  }

  #scan(text: string): readonly number[] {
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

/** Marks in `hits` the statements of `list` with a pattern that matches `text`. */
function mark(list: readonly Indexed[], text: string, hits: Uint8Array): void {
  for (let i = 0; i < list.length; i++) {
    const e = list[i];
    if (hits[e.at] === 0 && e.pattern.testPrepared(text)) hits[e.at] = 1;
  }
}
