/**
 * @module edge/service/key-directory
 * Which account a request belongs to, before anything is verified:
 * - temporary credentials (`ASIA...`) carry their account in the session token (js/sts/token.ts:
 *   the token's payload is readable; it is verified later, by that account, under its own key);
 * - long-term keys (`AKIA...`) are looked up in the key directory, one Durable Object that maps
 *   each account's access key ids to the account (each account's object keeps its entry current
 *   after every change). The isolate caches answers (a key never changes account), at most
 *   MAX_CACHED keys, least recently used out; a miss asks the directory every time, so a key
 *   created a moment ago works at once.
 * The directory's object is key-directory-object.ts.
 */
import type { DirectoryRpc } from "./rpc.ts";

const MAX_CACHED = 10_000;

/** The account id a session token names (unverified: for routing only). */
export function tokenAccountId(sessionToken: string | null | undefined): string | undefined {
  if (!sessionToken || sessionToken.length > 32768) return undefined;
  const parts = sessionToken.split(".");
  if (parts.length !== 3 || parts[0] !== "IE1") return undefined;
  try {
    const json = atob(parts[1].replace(/-/g, "+").replace(/_/g, "/"));
    const id = (JSON.parse(json) as { accountId?: unknown }).accountId;
    return typeof id === "string" && /^\d{12}$/.test(id) ? id : undefined;
  } catch {
    return undefined;
  }
}

/** The isolate's view of the directory. */
export class KeyLocator {
  readonly #cache = new Map<string, string>();
  readonly #directory: () => DirectoryRpc;

  constructor(directory: () => DirectoryRpc) {
    this.#directory = directory;
  }

  /** The account of a long-term key, or undefined when no account has it. */
  async accountOf(accessKeyId: string): Promise<string | undefined> {
    const hit = this.#cache.get(accessKeyId);
    if (hit !== undefined) {
      this.#cache.delete(accessKeyId);
      this.#cache.set(accessKeyId, hit);
      return hit;
    }
    if (!/^AKIA[A-Z0-9]{12,124}$/.test(accessKeyId)) return undefined;
    const accountId = await this.#directory().lookup(accessKeyId);
    if (accountId !== undefined) {
      this.#cache.set(accessKeyId, accountId);
      if (this.#cache.size > MAX_CACHED) this.#cache.delete(this.#cache.keys().next().value as string);
    }
    return accountId;
  }
}
