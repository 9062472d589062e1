/**
 * @module engine/checked-texts
 * The request actions and resources whose form an engine has already checked (issue 17): the
 * checks of request-fields.ts stay, but a text seen before in the same field skips them (an
 * action and a resource are kept apart: a valid action is no valid resource). A checked ASCII
 * resource also keeps a copy of its bytes in Wasm memory, which requests point at instead of
 * copying the resource again (the copy was a fifth of a W1 decision). Bounded in entries and
 * in characters (docs/limits.md): once either is reached, texts are still checked but no more
 * are remembered, and everything starts over at the next safe point (`startCall`), when no
 * request refers to a kept copy. A caller who chooses the text (an edge request) cannot grow it.
 */
import { MAX_CHECKED_CHARS, MAX_CHECKED_TEXTS, MAX_KEPT_RESOURCE_LENGTH } from "./limits.ts";

/**
 * A checked action, and the selection a bundle last made for it (bundle.ts `selectionFor`): a
 * request finds both with the one lookup that skips its check, instead of a second lookup in
 * the bundle's map. The bundle clears `selection` when it forgets it.
 */
export interface CheckedAction {
  selection: { readonly bundle: object | undefined } | undefined;
}

/** Where kept copies live: the engine's core (core.ts `keepAscii`, `free`, `instance`). */
export interface TextKeeper {
  /** The address of a copy of ASCII `text`, or 0 when it is not kept. */
  keepAscii(text: string): number;
  free(at: number, size: number): void;
  /** Bumped when the memory was replaced: copies made before are gone without a `free`. */
  readonly instance: number;
}

export class CheckedTexts {
  readonly actions = new Map<string, CheckedAction>();
  /** Each resource that passed, and the address of its kept copy (0: none, copied per request). */
  readonly resources = new Map<string, number>();
  #chars = 0;
  /** A bound was reached: nothing more is remembered until the next `startCall`. */
  #full = false;
  readonly #keeper: TextKeeper | undefined;
  #instance: number;

  constructor(keeper?: TextKeeper) {
    this.#keeper = keeper;
    this.#instance = keeper?.instance ?? 0;
  }

  /** Whether `text` may be remembered now (and counts it when so). */
  #room(text: string): boolean {
    if (this.#full) return false;
    if (this.actions.size + this.resources.size >= MAX_CHECKED_TEXTS || this.#chars + text.length > MAX_CHECKED_CHARS) {
      this.#full = true;
      return false;
    }
    this.#chars += text.length;
    return true;
  }

  /** Remembers an action that passed its check; returns its entry, or undefined when it is not kept. */
  addAction(text: string): CheckedAction | undefined {
    if (!this.#room(text)) return undefined;
    const entry: CheckedAction = { selection: undefined };
    this.actions.set(text, entry);
    return entry;
  }

  /** Remembers a resource that passed its check; returns the address of its kept copy, or 0. */
  addResource(text: string): number {
    if (!this.#room(text)) return 0;
    const at = this.#keeper !== undefined && text.length <= MAX_KEPT_RESOURCE_LENGTH ? this.#keeper.keepAscii(text) : 0;
    this.resources.set(text, at);
    return at;
  }

  /**
   * A safe point, before a call reads its requests: no request refers to a kept copy. Starts
   * over when a bound was reached, and forgets the copies of a memory that was replaced.
   */
  startCall(): void {
    const keeper = this.#keeper;
    if (keeper !== undefined && keeper.instance !== this.#instance) {
      this.#instance = keeper.instance;
      this.#clear(false);
    } else if (this.#full) {
      this.#clear(true);
    }
  }

  #clear(free: boolean): void {
    const keeper = this.#keeper;
    if (free && keeper !== undefined) for (const [text, at] of this.resources) if (at !== 0) keeper.free(at, Math.max(1, text.length));
    this.actions.clear();
    this.resources.clear();
    this.#chars = 0;
    this.#full = false;
  }

  get stats(): { entries: number; chars: number } {
    return { entries: this.actions.size + this.resources.size, chars: this.#chars };
  }
}
