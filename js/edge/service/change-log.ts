/**
 * @module edge/service/change-log
 * An account object's recent changes, by version stamp, so an isolate whose cached copy is a few
 * stamps behind gets only the rows that changed since (`sync`), not the whole state. Bounded by
 * entries and by bytes; a copy older than the log gets the whole state.
 */
import type { SyncAnswer } from "./replicas.ts";
import type { AccountSnapshot } from "../../iam/snapshot.ts";

interface Entry {
  stamp: number;
  put: [string, string][];
  remove: string[];
  bytes: number;
}

export class ChangeLog {
  readonly #entries: Entry[] = [];
  readonly #maxEntries: number;
  readonly #maxBytes: number;
  #bytes = 0;

  constructor(maxEntries = 256, maxBytes = 4 << 20) {
    this.#maxEntries = maxEntries;
    this.#maxBytes = maxBytes;
  }

  /** Records the rows the change to `stamp` wrote and removed (stamps increase by one). */
  add(stamp: number, put: [string, string][], remove: string[]): void {
    let bytes = 0;
    for (const [k, v] of put) bytes += k.length + v.length;
    for (const k of remove) bytes += k.length;
    this.#entries.push({ stamp, put, remove, bytes });
    this.#bytes += bytes;
    while (this.#entries.length > this.#maxEntries || (this.#bytes > this.#maxBytes && this.#entries.length > 0)) this.#bytes -= this.#entries.shift()!.bytes;
  }

  /** The rows changed after `known` up to the latest stamp, or undefined when the log does not reach back to it. */
  since(known: number): { put: [string, string][]; remove: string[] } | undefined {
    const first = this.#entries.findIndex((e) => e.stamp === known + 1);
    if (first < 0) return undefined;
    const merged = new Map<string, string | undefined>();
    for (const e of this.#entries.slice(first)) {
      for (const k of e.remove) merged.set(k, undefined);
      for (const [k, v] of e.put) merged.set(k, v);
    }
    const put: [string, string][] = [];
    const remove: string[] = [];
    for (const [k, v] of merged) (v === undefined ? remove.push(k) : put.push([k, v]));
    return { put, remove };
  }

  /** The answer to `sync(known)` for an object at `stamp`. */
  answer(known: number | undefined, stamp: number, snapshot: () => AccountSnapshot): SyncAnswer {
    if (known === stamp) return { stamp };
    const changes = known !== undefined && known < stamp ? this.since(known) : undefined;
    return changes ? { stamp, changes } : { stamp, snapshot: snapshot() };
  }
}
