/**
 * @module edge/service/env
 * The Worker's bindings (wrangler.jsonc): the playground's static assets, the account objects'
 * namespace, the key directory's, and the settings of config.ts.
 */
import type { ConfigVars } from "./config.ts";
import type { AccountRpc, DirectoryRpc } from "./rpc.ts";

export interface Env extends ConfigVars {
  ASSETS: { fetch(request: Request): Promise<Response> };
  ACCOUNTS: DurableObjectNamespace<AccountRpc>;
  KEY_DIRECTORY: DurableObjectNamespace<DirectoryRpc>;
}

/** The account's object (one per account id). */
export function accountStub(env: Env, accountId: string): AccountRpc {
  return env.ACCOUNTS.get(env.ACCOUNTS.idFromName(accountId));
}

/** The key directory (one for the deployment). */
export function directoryStub(env: Env): DirectoryRpc {
  return env.KEY_DIRECTORY.get(env.KEY_DIRECTORY.idFromName("directory"));
}
