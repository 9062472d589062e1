/**
 * @module edge/service/env
 * The Worker's bindings (wrangler.jsonc): the playground's static assets, the account objects'
 * namespace, the key directory's, and the settings of config.ts.
 */
import type { ConfigVars } from "./config.ts";
import type { AccountRegistryRpc, AccountRpc, DirectoryRpc, OrganizationRpc } from "./rpc.ts";

export interface Env extends ConfigVars {
  ASSETS: { fetch(request: Request): Promise<Response> };
  ACCOUNTS: DurableObjectNamespace<AccountRpc>;
  KEY_DIRECTORY: DurableObjectNamespace<DirectoryRpc>;
  ORGANIZATIONS: DurableObjectNamespace<OrganizationRpc>;
}

/** The registry of created accounts (the key directory's object). */
export function registryStub(env: Env): AccountRegistryRpc {
  return directoryStub(env) as unknown as AccountRegistryRpc;
}

/** The object of the organization whose management account is `managementAccountId`. */
export function organizationStub(env: Env, managementAccountId: string): OrganizationRpc {
  return env.ORGANIZATIONS.get(env.ORGANIZATIONS.idFromName(managementAccountId));
}

/** The account's object (one per account id). */
export function accountStub(env: Env, accountId: string): AccountRpc {
  return env.ACCOUNTS.get(env.ACCOUNTS.idFromName(accountId));
}

/** The key directory (one for the deployment). */
export function directoryStub(env: Env): DirectoryRpc {
  return env.KEY_DIRECTORY.get(env.KEY_DIRECTORY.idFromName("directory"));
}
