/**
 * @module playground/share-link
 * The address bar always holds the whole state (`#s=...`, js/playground/fragment.ts); *Copy share
 * link* copies it. Saves are chained, so the last state written is the last one made.
 */
import { $ } from "./dom.ts";
import { decodeState, encodeState } from "./fragment.ts";
import type { PlaygroundState } from "./state.ts";

export class ShareLink {
  #saving: Promise<void> = Promise.resolve();

  /** Writes a snapshot of the state into the address bar (without a history entry). */
  save(snapshot: PlaygroundState): void {
    this.#saving = this.#saving.then(async () => {
      const fragment = await encodeState(snapshot);
      if (location.hash.slice(1) !== fragment) history.replaceState(null, "", `#${fragment}`);
    }).catch(() => {});
  }

  /** Copies the page's address once the pending saves are written; says how in the status line. */
  async copy(snapshot: PlaygroundState, status: (text: string) => void): Promise<void> {
    this.save(snapshot);
    await this.#saving;
    const url = location.href;
    try {
      await navigator.clipboard.writeText(url);
      status(`Share link copied (${url.length} characters).`);
    } catch {
      status(`Share link (copy it from the address bar): ${url.length} characters.`);
    }
    $("share").dataset.url = url;
  }

  /** The state the address bar's fragment holds, if any. */
  read(): Promise<PlaygroundState | undefined> {
    return decodeState(location.hash);
  }
}
