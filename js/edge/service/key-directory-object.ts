/**
 * @module edge/service/key-directory-object
 * The key directory's Durable Object (one for the whole deployment, named `directory`): each
 * account's long-term access key ids, kept current by the account's own object after every change
 * (account-host.ts), looked up by the Worker on a cache miss (key-directory.ts).
 */
import { DurableObject } from "cloudflare:workers";
import type { AccountRegistryRpc, DirectoryRpc } from "./rpc.ts";

export class KeyDirectoryObject extends DurableObject implements DirectoryRpc, AccountRegistryRpc {
  constructor(ctx: DurableObjectState, env: unknown) {
    super(ctx, env);
    ctx.storage.sql.exec("CREATE TABLE IF NOT EXISTS keys (access_key_id TEXT PRIMARY KEY, account_id TEXT NOT NULL)");
    ctx.storage.sql.exec("CREATE INDEX IF NOT EXISTS keys_account ON keys (account_id)");
    ctx.storage.sql.exec("CREATE TABLE IF NOT EXISTS created_accounts (account_id TEXT PRIMARY KEY)");
  }

  async registerAccount(accountId: string): Promise<void> {
    this.ctx.storage.sql.exec("INSERT INTO created_accounts (account_id) VALUES (?) ON CONFLICT(account_id) DO NOTHING", accountId);
  }

  async isRegistered(accountId: string): Promise<boolean> {
    return this.ctx.storage.sql.exec("SELECT account_id FROM created_accounts WHERE account_id = ?", accountId).toArray().length > 0;
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
