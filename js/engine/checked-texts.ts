/**
 * @module engine/checked-texts
 * The request actions and resources whose form an engine has already checked (issue 17): the
 * checks of request-fields.ts stay, but a text seen before in the same field skips them (an
 * action and a resource are kept apart: a valid action is no valid resource). Bounded in entries
 * and in characters (docs/limits.md), started over when either is reached, so a caller who
 * chooses the text (an edge request) cannot grow it.
 */
import { MAX_CHECKED_CHARS, MAX_CHECKED_TEXTS } from "./limits.ts";

export class CheckedTexts {
  readonly actions = new Set<string>();
  readonly resources = new Set<string>();
  #chars = 0;

  /** Remembers a text of `field` that passed its check. */
  add(field: Set<string>, text: string): void {
    if (this.actions.size + this.resources.size >= MAX_CHECKED_TEXTS || this.#chars + text.length > MAX_CHECKED_CHARS) {
      this.actions.clear();
      this.resources.clear();
      this.#chars = 0;
    }
    field.add(text);
    this.#chars += text.length;
  }

  get stats(): { entries: number; chars: number } {
    return { entries: this.actions.size + this.resources.size, chars: this.#chars };
  }
}
