/**
 * @module edge/service/replicas
 * The isolate's cache of accounts: for each account recently used, an Account restored from its
 * Durable Object's rows, stamped with the version it was taken at. A request asks the object for
 * its stamp (`sync`, answered from memory, no storage read); when the stamp is the cached one the
 * request verifies, resolves and decides with the cached Account, whose compiled policy bundles
 * the model keeps per principal; when it moved, the object sends the rows changed since (or the
 * whole state when the change log does not reach back that far) and they are applied to the same
 * Account, so policies whose documents did not change stay compiled.
 *
 * Bounded: at most `maxAccounts` accounts (least recently used out; an evicted account's compiled
 * policies are disposed). With `ttlMs` > 0 a stamp is trusted that long without asking: fewer
 * round trips, and changes seen up to `ttlMs` late (docs/edge.md, "Consistency").
 */
import { Account } from "../../sts/account.ts";
import type { Engine } from "../../engine/engine.ts";
import type { CloudTrailRecord } from "../../iam/audit.ts";
import { applyRowChanges, restoreAccount, restoreRows, rowKey, snapshotRows, type AccountSnapshot } from "../../iam/snapshot.ts";

/** What an account's object answers to `sync(known)`. */
export interface SyncAnswer {
  stamp: number;
  /** The whole state, when the caller knew no stamp or one older than the change log. */
  snapshot?: AccountSnapshot;
  /** The rows changed since `known`, when the log reaches back to it. */
  changes?: { put: [string, string][]; remove: string[] };
  /** The management account of the account's organization (absent: in none; organizations.ts). */
  organization?: string;
}

export interface ReplicaSource {
  sync(known: number | undefined): Promise<SyncAnswer>;
}

export interface Replica {
  account: Account;
  stamp: number;
  /** When the stamp was last confirmed (epoch ms). */
  checkedAt: number;
  /** The management account of its organization, as of the last sync. */
  organization?: string;
}

export interface ReplicaOptions {
  engine: Engine;
  /** The audit sink each cached Account gets (call-scope.ts's scopedSink). */
  sink: (record: CloudTrailRecord) => void;
  ttlMs: number;
  maxAccounts?: number;
  /** The cache's clock for the TTL (epoch ms). */
  now?: () => number;
  /** The accounts' clock (the service's). */
  clock?: () => Date;
}

export class ReplicaCache {
  readonly #entries = new Map<string, Replica>();
  readonly #options: ReplicaOptions;
  readonly #max: number;

  constructor(options: ReplicaOptions) {
    this.#options = options;
    this.#max = options.maxAccounts ?? 32;
  }

  get size(): number {
    return this.#entries.size;
  }

  /** The account as of its object's current stamp (or within `ttlMs` of it). */
  async get(accountId: string, source: ReplicaSource): Promise<Replica> {
    const now = this.#options.now ?? Date.now;
    const hit = this.#entries.get(accountId);
    if (hit && this.#options.ttlMs > 0 && now() - hit.checkedAt < this.#options.ttlMs) return this.#use(accountId, hit);
    const known = hit?.stamp;
    let answer = await source.sync(known);
    const current = this.#entries.get(accountId);
    if (current && current.stamp >= answer.stamp) {
      // Up to date, or another request of this isolate applied a newer state meanwhile.
      if (current.stamp === answer.stamp) current.checkedAt = now();
      current.organization = answer.organization;
      return this.#use(accountId, current);
    }
    if (answer.changes && (!current || current.stamp !== known)) answer = await source.sync(undefined);
    const replica = current ?? { account: await this.#newAccount(accountId), stamp: -1, checkedAt: 0 };
    if (answer.snapshot) restoreAccount(replica.account, answer.snapshot);
    else if (answer.changes) applyRowChanges(replica.account, answer.changes.put, answer.changes.remove);
    else throw new Error(`account ${accountId}: its object answered stamp ${answer.stamp} without the state`);
    replica.stamp = answer.stamp;
    replica.checkedAt = now();
    replica.organization = answer.organization;
    return this.#use(accountId, replica);
  }

  /** Forgets an account (its compiled policies are disposed). */
  evict(accountId: string): void {
    const r = this.#entries.get(accountId);
    if (!r) return;
    this.#entries.delete(accountId);
    release(r.account);
  }

  async #newAccount(accountId: string): Promise<Account> {
    const account = await Account.create({ accountId, engine: this.#options.engine, now: this.#options.clock });
    account.audit = this.#options.sink;
    return account;
  }

  #use(accountId: string, replica: Replica): Replica {
    this.#entries.delete(accountId);
    this.#entries.set(accountId, replica);
    while (this.#entries.size > this.#max) this.evict(this.#entries.keys().next().value as string);
    return replica;
  }
}

/**
 * Empties an account and resolves its root once: the model then sweeps its cache, disposing
 * every compiled policy whose source is gone (all of them), which frees their Wasm memory.
 */
function release(account: Account): void {
  const rows = snapshotRows(account);
  restoreRows(account, [[rowKey("accountId"), rows.get(rowKey("accountId"))!], [rowKey("sessionKey"), rows.get(rowKey("sessionKey"))!]]);
  try {
    account.resolvePrincipal(account.rootArn);
  } catch {
    // Nothing to free then.
  }
}
