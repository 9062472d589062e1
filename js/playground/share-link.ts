/**
 * @module playground/share-link
 * The address bar always holds the whole state (`#s=...`, js/playground/fragment.ts); *Copy share
 * link* copies it. Saves are chained, so the last state written is the last one made. A state
 * over the size limit gets no link: the address bar then holds none, rather than a stale one.
 */
import { $ } from "./dom.ts";
import { decodeState, encodeState, type Decoded } from "./fragment.ts";
import type { PlaygroundState } from "./state.ts";

export class ShareLink {
  #saving: Promise<void> = Promise.resolve();
  /** Why the last state saved has no link (undefined: it has one). */
  #problem: string | undefined;

  /** Writes a snapshot of the state into the address bar (without a history entry). */
  save(snapshot: PlaygroundState): void {
    this.#saving = this.#saving.then(async () => {
      const encoded = await encodeState(snapshot);
      this.#problem = "problem" in encoded ? encoded.problem : undefined;
      const hash = "fragment" in encoded ? `#${encoded.fragment}` : "";
      if (location.hash !== hash) history.replaceState(null, "", hash || location.pathname + location.search);
    }).catch(() => {});
  }

  /** Copies the page's address once the pending saves are written; says how in the status line. */
  async copy(snapshot: PlaygroundState, status: (text: string) => void): Promise<void> {
    this.save(snapshot);
    await this.#saving;
    if (this.#problem) {
      status(`No share link: ${this.#problem}.`);
      return;
    }
    const url = location.href;
    try {
      await navigator.clipboard.writeText(url);
      status(`Share link copied (${url.length} characters).`);
    } catch {
      status(`Share link (copy it from the address bar): ${url.length} characters.`);
    }
    $("share").dataset.url = url;
  }

  /** The state the address bar's fragment holds, or why it was not loaded; undefined without one. */
  read(): Promise<Decoded | undefined> {
    return decodeState(location.hash);
  }
}
