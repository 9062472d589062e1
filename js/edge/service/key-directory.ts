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
 */
import { DurableObject } from "cloudflare:workers";
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

/** The key directory's Durable Object (one for the whole deployment, named `directory`). */
export class KeyDirectoryObject extends DurableObject implements DirectoryRpc {
  constructor(ctx: DurableObjectState, env: unknown) {
    super(ctx, env);
    ctx.storage.sql.exec("CREATE TABLE IF NOT EXISTS keys (access_key_id TEXT PRIMARY KEY, account_id TEXT NOT NULL)");
    ctx.storage.sql.exec("CREATE INDEX IF NOT EXISTS keys_account ON keys (account_id)");
  }

  async setAccountKeys(accountId: string, keys: string[]): Promise<void> {
    const sql = this.ctx.storage.sql;
    const wanted = new Set(keys);
    this.ctx.storage.transactionSync(() => {
      for (const r of sql.exec<{ access_key_id: string }>("SELECT access_key_id FROM keys WHERE account_id = ?", accountId).toArray()) {
        if (!wanted.has(r.access_key_id)) sql.exec("DELETE FROM keys WHERE access_key_id = ?", r.access_key_id);
      }
      // A key id another account already has keeps its first owner (ids are random: a clash is a bug to see, not to hide).
      for (const k of wanted) sql.exec("INSERT INTO keys (access_key_id, account_id) VALUES (?, ?) ON CONFLICT(access_key_id) DO NOTHING", k, accountId);
    });
  }

  async lookup(accessKeyId: string): Promise<string | undefined> {
    return this.ctx.storage.sql.exec<{ account_id: string }>("SELECT account_id FROM keys WHERE access_key_id = ?", accessKeyId).toArray()[0]?.account_id;
  }
}
