/**
 * @module edge/service/account-object
 * The Durable Object of one account (named by its account id): a thin RPC face over
 * account-host.ts. The host opens on the first call (restoring or bootstrapping the account from
 * the object's SQLite storage) and stays in memory while the object lives; every method names the
 * account it expects, so a call routed to the wrong object fails instead of touching another
 * account's state.
 */
import { DurableObject } from "cloudflare:workers";
import type { AuditLookup } from "./audit-log.ts";
import { AccountHost } from "./account-host.ts";
import { configOf } from "./config.ts";
import { accountStub, directoryStub, organizationStub, registryStub, type Env } from "./env.ts";
import { engine } from "./runtime.ts";
import type { AccountRpc, CallAnswer, ForwardedCall, RecordBatch } from "./rpc.ts";
import type { ProvisionedRole } from "../../org/access-role.ts";
import type { Credentials } from "../../sts/credentials.ts";
import type { RoleSessionRequest } from "../../sso/role-account.ts";
import type { Account } from "../../sts/account.ts";
import { OrganizationCache } from "./organizations.ts";
import { ReplicaCache } from "./replicas.ts";
import { scopedSink } from "./call-scope.ts";

export class AccountObject extends DurableObject<Env> implements AccountRpc {
  #host?: Promise<AccountHost>;

  #organizations?: OrganizationCache;
  #peers?: ReplicaCache;

  /** Organizations (organizations.ts): this account's guardrails, and copies of callers' accounts for cross-account AssumeRole. */
  #organizationDeps(now: () => Date) {
    const organizations = (this.#organizations ??= new OrganizationCache(engine, now));
    const peers = (this.#peers ??= new ReplicaCache({ engine, sink: scopedSink(() => {}), ttlMs: 0, maxAccounts: 8, clock: now }));
    const guardrails = async (account: Account, managementAccountId: string | undefined) => {
      await organizations.apply(account, managementAccountId, (m) => organizationStub(this.env, m));
    };
    const peer = async (accountId: string) => {
      const replica = await peers.get(accountId, { sync: (known) => accountStub(this.env, accountId).sync(accountId, known, "") });
      await guardrails(replica.account, replica.organization);
      return replica.account;
    };
    return { guardrails, peer };
  }

  async #open(accountId: string, origin: string): Promise<AccountHost> {
    if (!this.#host) {
      const settings = configOf(this.env);
      // An account Organizations' CreateAccount made is served like a configured one (no root key generated).
      const config = settings.accounts.get(accountId) ?? (await registryStub(this.env).isRegistered(accountId) ? { accountId, created: true } : undefined);
      if (!config) throw new Error(`account ${accountId} is not served here (IAM_EDGE_ACCOUNT_ID, IAM_EDGE_ACCOUNTS)`);
      const opening = AccountHost.open(accountId, origin, {
        storage: this.ctx.storage, engine, config, directory: () => directoryStub(this.env), log: (line) => console.log(line), now: settings.now,
        ...this.#organizationDeps(settings.now),
      });
      this.#host = opening;
      opening.catch(() => {
        if (this.#host === opening) this.#host = undefined;
      });
    }
    const host = await this.#host;
    if (host.account.accountId !== accountId) throw new Error(`the object of account ${host.account.accountId} was asked for account ${accountId}`);
    return host;
  }

  async sync(accountId: string, known: number | undefined, origin: string) {
    return (await this.#open(accountId, origin)).sync(known);
  }

  async health(accountId: string, origin: string) {
    const host = await this.#open(accountId, origin);
    return { accountId, stamp: host.stamp };
  }

  async execute(call: ForwardedCall): Promise<CallAnswer> {
    return (await this.#open(call.accountId, call.origin ?? "")).execute(call);
  }

  async record(accountId: string, batch: RecordBatch): Promise<void> {
    return (await this.#open(accountId, "")).record(batch);
  }

  async lookupEvents(accountId: string, query: AuditLookup) {
    return (await this.#open(accountId, "")).lookup(query);
  }

  async decision(accountId: string, requestId: string) {
    return (await this.#open(accountId, "")).decision(requestId);
  }

  async auditCount(accountId: string, requestId?: string) {
    return (await this.#open(accountId, "")).auditCount(requestId);
  }

  async setOrganization(accountId: string, managementAccountId: string | null): Promise<void> {
    (await this.#open(accountId, "")).setOrganization(managementAccountId);
  }

  async provisionRole(accountId: string, role: ProvisionedRole): Promise<{ arn: string }> {
    return (await this.#open(accountId, "")).provisionRole(role);
  }

  async reconcileRole(accountId: string, role: ProvisionedRole): Promise<{ arn: string }> {
    return (await this.#open(accountId, "")).reconcileRole(role);
  }

  async removeRole(accountId: string, roleName: string): Promise<void> {
    await (await this.#open(accountId, "")).removeRole(roleName);
  }

  async issueRoleSession(accountId: string, req: RoleSessionRequest): Promise<{ credentials: Credentials; roleArn: string }> {
    return (await this.#open(accountId, "")).issueRoleSession(req);
  }
}
