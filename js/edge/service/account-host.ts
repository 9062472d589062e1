/**
 * @module edge/service/account-host
 * What an account's Durable Object does, apart from being one: it holds the account (restored
 * from its SQLite rows when the object starts, bootstrapped on its first start), runs the calls
 * that change it one at a time, and stores each change with its audit records in one transaction
 * before it answers. Then the version stamp moves, and the isolates' cached copies catch up on
 * their next request (replicas.ts).
 *
 * Every commit goes through one queue: a call's changes are the rows that differ after it, so two
 * calls must not interleave between the diff and the write. Reads (sync, lookup, decision) do not
 * wait: they read what is stored.
 */
import { Account } from "../../sts/account.ts";
import type { Engine } from "../../engine/engine.ts";
import type { CloudTrailRecord } from "../../iam/audit.ts";
import { diffRows, restoreRows, snapshotRows, SNAPSHOT_FORMAT, type AccountSnapshot } from "../../iam/snapshot.ts";
import type { DecisionRecord } from "../authorize/decision-record.ts";
import type { CallerIdentity } from "../api/call-context.ts";
import { handleQueryApi } from "../api/query-handler.ts";
import { handleCloudTrail } from "../cloudtrail-api/handler.ts";
import { AuditLog, type AuditLookup } from "./audit-log.ts";
import { ensureRootKey } from "./bootstrap.ts";
import { inScope, newScope, scopedDecisions, scopedSink, type CallScope } from "./call-scope.ts";
import { ChangeLog } from "./change-log.ts";
import type { AccountConfig } from "./config.ts";
import { fallbackRecord } from "./fallback-record.ts";
import { callerRefusal, refusalResponse } from "./refusals.ts";
import type { CallAnswer, DirectoryRpc, ForwardedCall, RecordBatch } from "./rpc.ts";
import type { SyncAnswer } from "./replicas.ts";
import type { SqlStorage } from "./sql.ts";
import { StateStore } from "./state-store.ts";
import type { ApiCallContext } from "../api/call-context.ts";
import type { ProvisionedRole } from "../../org/access-role.ts";
import type { Credentials } from "../../sts/credentials.ts";
import { issueRoleSession, reconcileRole, removeRole, type RoleSessionRequest } from "../../sso/role-account.ts";

export interface HostDeps {
  storage: SqlStorage;
  engine: Engine;
  config: AccountConfig;
  directory: () => DirectoryRpc;
  /** Where the first start's banner goes (the Worker's log: wrangler dev prints it). */
  log: (line: string) => void;
  /** The service's clock (config.ts). */
  now: () => Date;
  /** Organizations: puts the guardrails of the account's organization on an account (organizations.ts). */
  guardrails?: (account: Account, managementAccountId: string | undefined) => Promise<void>;
  /** Another served account, current, with its guardrails: the caller's account of a cross-account AssumeRole. */
  peer?: (accountId: string) => Promise<Account>;
}

const META_STAMP = "stamp";
const META_ENV_KEY = "envRootKeyId";
const META_ORGANIZATION = "organization";

/** The account's long-term access key ids (the key directory's entries for it). */
function keyIdsOf(account: Account): string[] {
  const ids = account.store.rootAccessKeys.map((k) => k.AccessKeyId);
  for (const u of account.store.users.values()) for (const k of u.AccessKeys ?? []) ids.push(k.AccessKeyId);
  return ids.sort();
}

function isDenial(record: DecisionRecord): boolean {
  return !record.allowed && record.decisions.some((d) => d.decision !== "Allow");
}

export async function toAnswer(response: Response): Promise<CallAnswer> {
  const headers: [string, string][] = [];
  response.headers.forEach((value, name) => headers.push([name, value]));
  return { status: response.status, headers, body: await response.text() };
}

export class AccountHost {
  readonly account: Account;
  #stamp: number;
  #rows: Map<string, string>;
  #keys = "";
  #tail: Promise<unknown> = Promise.resolve();
  readonly #log = new ChangeLog();
  readonly #state: StateStore;
  readonly #audit: AuditLog;
  readonly #deps: HostDeps;

  private constructor(account: Account, state: StateStore, audit: AuditLog, rows: Map<string, string>, stamp: number, deps: HostDeps) {
    this.account = account;
    this.#state = state;
    this.#audit = audit;
    this.#rows = rows;
    this.#stamp = stamp;
    this.#deps = deps;
  }

  /** Opens the account stored in `deps.storage` (bootstrapping it on its first start). */
  static async open(accountId: string, origin: string, deps: HostDeps): Promise<AccountHost> {
    const state = new StateStore(deps.storage);
    const audit = new AuditLog(deps.storage);
    const stored = state.rows();
    const account = await Account.create({ accountId, engine: deps.engine, now: deps.now });
    if (stored.size) restoreRows(account, stored);
    const root = ensureRootKey(account, deps.config, stored.size === 0, state.meta(META_ENV_KEY), origin);
    let stamp = Number(state.meta(META_STAMP) ?? "0");
    const rows = snapshotRows(account);
    const { put, remove } = diffRows(stored, rows);
    if (put.length || remove.length) {
      stamp++;
      deps.storage.transactionSync(() => {
        state.write(put, remove);
        state.setMeta(META_STAMP, String(stamp));
        if (root.envKeyId) state.setMeta(META_ENV_KEY, root.envKeyId);
      });
    }
    const host = new AccountHost(account, state, audit, rows, stamp, deps);
    // Records made outside any call (none today) are stored as they come.
    account.audit = scopedSink((record) => host.#store([record], []));
    await host.#syncDirectory();
    for (const line of root.banner ?? []) deps.log(line);
    return host;
  }

  get stamp(): number {
    return this.#stamp;
  }

  /** The stored state, whole. */
  snapshot(): AccountSnapshot {
    return { format: SNAPSHOT_FORMAT, accountId: this.account.accountId, rows: [...this.#rows] };
  }

  sync(known: number | undefined): SyncAnswer {
    const answer = this.#log.answer(known, this.#stamp, () => this.snapshot());
    const organization = this.organization;
    return organization === undefined ? answer : { ...answer, organization };
  }

  /** The management account of the account's organization (organization-object.ts keeps it current). */
  get organization(): string | undefined {
    return this.#state.meta(META_ORGANIZATION) || undefined;
  }

  setOrganization(managementAccountId: string | null): void {
    this.#state.setMeta(META_ORGANIZATION, managementAccountId ?? "");
  }

  /**
   * Creates a role in the account, or replaces its trust policy and adds its policies when it
   * exists: CreateAccount's OrganizationAccountAccessRole, and the roles IAM Identity Center
   * provisions (js/org/access-role.ts). Stored like any change.
   */
  provisionRole(role: ProvisionedRole): Promise<{ arn: string }> {
    return this.#serially(async () => {
      const scope = newScope(crypto.randomUUID());
      const arn = await inScope(scope, async () => {
        const account = this.account;
        const existing = account.store.roles.get(role.RoleName.toLowerCase());
        if (existing) await account.updateAssumeRolePolicy({ RoleName: role.RoleName, PolicyDocument: role.AssumeRolePolicyDocument });
        else {
          const input: Record<string, unknown> = { RoleName: role.RoleName, Path: role.Path, AssumeRolePolicyDocument: role.AssumeRolePolicyDocument };
          if (role.Description !== undefined) input.Description = role.Description;
          if (role.MaxSessionDuration !== undefined) input.MaxSessionDuration = role.MaxSessionDuration;
          if (role.PermissionsBoundary !== undefined) input.PermissionsBoundary = role.PermissionsBoundary;
          await account.createRole(input as never);
        }
        for (const policyArn of role.ManagedPolicyArns) await account.attachRolePolicy({ RoleName: role.RoleName, PolicyArn: policyArn });
        for (const [name, doc] of Object.entries(role.InlinePolicies ?? {})) await account.putRolePolicy({ RoleName: role.RoleName, PolicyName: name, PolicyDocument: doc });
        return account.store.roles.get(role.RoleName.toLowerCase())!.Arn;
      });
      this.#commit(scope, true);
      return { arn };
    });
  }

  /**
   * IAM Identity Center's roles (js/sso/role-account.ts): a provisioned role created or brought exactly to its
   * permission set, a role removed, a portal session issued. Stored like any change.
   */
  reconcileRole(role: ProvisionedRole): Promise<{ arn: string }> {
    return this.#stored(() => reconcileRole(this.account, role));
  }

  removeRole(roleName: string): Promise<void> {
    return this.#stored(() => removeRole(this.account, roleName));
  }

  issueRoleSession(req: RoleSessionRequest): Promise<{ credentials: Credentials; roleArn: string }> {
    return this.#stored(() => issueRoleSession(this.account, req));
  }

  #stored<T>(change: () => Promise<T>): Promise<T> {
    return this.#serially(async () => {
      const scope = newScope(crypto.randomUUID());
      const out = await inScope(scope, change);
      this.#commit(scope, true);
      return out;
    });
  }

  /** Runs a call that may change the account; answers once its changes and records are stored. */
  execute(call: ForwardedCall): Promise<CallAnswer> {
    return this.#serially(async () => {
      const scope = newScope(call.requestId);
      let answer: CallAnswer;
      try {
        answer = await toAnswer(await inScope(scope, () => this.#serve(call, scope)));
      } catch {
        answer = await toAnswer(refusalResponse(call.service, { code: "InternalFailure", status: 500, message: "We encountered an internal error. Please try again." }, call.requestId));
      }
      this.#commit(scope, true);
      await this.#syncDirectory();
      return answer;
    });
  }

  /** Stores what calls served from a cached copy left (records, denials, key uses); the stamp stays. */
  record(batch: RecordBatch): Promise<void> {
    return this.#serially(async () => {
      for (const u of batch.keyUses) this.account.recordAccessKeyUse(u.accessKeyId, u.service, u.region);
      // Only a key use changes the state: without one, no row is compared (a read's batch stays cheap).
      this.#commit({ requestId: "", records: batch.records, decisions: batch.decisions, keyUses: [] }, false, batch.keyUses.length > 0);
    });
  }

  lookup(query: AuditLookup): { records: CloudTrailRecord[]; cursor?: string } {
    return this.#audit.lookup(query);
  }

  decision(requestId: string): DecisionRecord | undefined {
    return this.#audit.decision(requestId);
  }

  auditCount(requestId?: string): number {
    return this.#audit.count(requestId === undefined ? undefined : { requestId });
  }

  async #serve(call: ForwardedCall, scope: CallScope): Promise<Response> {
    const account = this.account;
    await this.#deps.guardrails?.(account, this.organization);
    const ctx: ApiCallContext = { account, service: call.service, region: call.region, context: call.context, requestId: call.requestId, onDecision: scopedDecisions };
    if (call.sourceIp) ctx.sourceIp = call.sourceIp;
    // A cross-account AssumeRole: the caller is resolved in its own account (serve-call.ts).
    const home = call.callerAccountId !== undefined && call.callerAccountId !== account.accountId && this.#deps.peer ? await this.#deps.peer(call.callerAccountId) : account;
    if (home !== account) ctx.callerAccount = home;
    if (call.caller) {
      let caller: CallerIdentity;
      try {
        caller = { ...(await home.resolveCredentials(call.caller, { serviceName: call.service, region: call.region })), accessKeyId: call.caller.accessKeyId };
      } catch (err) {
        // The key was deleted or the session revoked between the Worker's check and this call.
        return refusalResponse(call.service, callerRefusal(err), call.requestId);
      }
      if (call.caller.sessionToken !== undefined) caller.sessionToken = call.caller.sessionToken;
      ctx.caller = caller;
    }
    const response = call.service === "cloudtrail"
      ? await handleCloudTrail(call.target, call.body, { ...ctx, auditStore: { lookup: (q) => this.lookup(q) } })
      : await handleQueryApi(call.body, ctx);
    if (scope.records.length === 0) {
      const record = fallbackRecord(account, ctx, scope.decisions[0], response.status);
      if (record) scope.records.push(record);
    }
    return response;
  }

  #commit(scope: CallScope, bump: boolean, compare = true): void {
    const after = compare ? snapshotRows(this.account) : this.#rows;
    const { put, remove } = compare ? diffRows(this.#rows, after) : { put: [], remove: [] };
    const changed = put.length > 0 || remove.length > 0;
    const stamp = changed && bump ? this.#stamp + 1 : this.#stamp;
    this.#deps.storage.transactionSync(() => {
      if (changed) this.#state.write(put, remove);
      if (stamp !== this.#stamp) this.#state.setMeta(META_STAMP, String(stamp));
      this.#store(scope.records, scope.decisions);
    });
    this.#rows = after;
    if (stamp !== this.#stamp) {
      this.#stamp = stamp;
      this.#log.add(stamp, put, remove);
    }
  }

  #store(records: readonly CloudTrailRecord[], decisions: readonly DecisionRecord[]): void {
    const now = Date.now();
    if (records.length) this.#audit.append(records, now);
    const denials = decisions.filter(isDenial);
    if (denials.length) this.#audit.appendDecisions(denials, now);
  }

  /** Tells the key directory this account's key ids when they changed. */
  async #syncDirectory(): Promise<void> {
    const ids = keyIdsOf(this.account);
    const text = ids.join(",");
    if (text === this.#keys) return;
    await this.#deps.directory().setAccountKeys(this.account.accountId, ids);
    this.#keys = text;
  }

  #serially<T>(fn: () => Promise<T>): Promise<T> {
    const result = this.#tail.then(fn);
    this.#tail = result.then(() => undefined, () => undefined);
    return result;
  }
}
