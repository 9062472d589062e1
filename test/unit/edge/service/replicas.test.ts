/**
 * The isolate's account cache (js/edge/service/replicas.ts) against an in-memory stand-in for an
 * account's Durable Object (an Account, its stamp and its ChangeLog, as account-host.ts keeps
 * them): the first use gets the whole state, an unchanged stamp transfers nothing, a change
 * transfers only its rows, a copy older than the log gets the whole state again, the TTL skips
 * the round trip, and the cache is bounded.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { createEngine } from "../../../../js/index.ts";
import { Account } from "../../../../js/index.ts";
import type { Engine } from "../../../../js/engine/engine.ts";
import { diffRows, snapshotAccount, snapshotRows } from "../../../../js/iam/snapshot.ts";
import { ChangeLog } from "../../../../js/edge/service/change-log.ts";
import { ReplicaCache, type ReplicaSource, type SyncAnswer } from "../../../../js/edge/service/replicas.ts";

const A = "111122223333";
const ADMIN = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "iam:*", Resource: "*" }] });
let engine: Engine;

beforeAll(async () => {
  engine = await createEngine();
});

/** An account object: the authoritative Account, its stamp, its change log, and what each sync answered. */
async function object(logSize = 256, accountId = A) {
  const account = await Account.create({ accountId, engine });
  const log = new ChangeLog(logSize);
  let rows = snapshotRows(account);
  const answers: SyncAnswer[] = [];
  const o = {
    account,
    stamp: 0,
    answers,
    /** Runs a change the way the object does: diff, log, bump. */
    async change(fn: (a: Account) => Promise<unknown>) {
      await fn(account);
      const after = snapshotRows(account);
      const { put, remove } = diffRows(rows, after);
      rows = after;
      if (put.length || remove.length) log.add(++o.stamp, put, remove);
    },
    source: {
      async sync(known: number | undefined) {
        const a = log.answer(known, o.stamp, () => snapshotAccount(account));
        answers.push(a);
        return JSON.parse(JSON.stringify(a)) as SyncAnswer; // through the RPC boundary
      },
    } satisfies ReplicaSource,
  };
  return o;
}

const alice = `arn:aws:iam::${A}:user/alice`;

describe("ReplicaCache", () => {
  it("takes the whole state first, then nothing while the stamp stays, then only the changed rows", async () => {
    const o = await object();
    await o.change((a) => a.createUser({ UserName: "alice" }));
    const cache = new ReplicaCache({ engine, sink: () => {}, ttlMs: 0 });
    const r1 = await cache.get(A, o.source);
    expect(o.answers[0].snapshot).toBeDefined();
    expect(r1.account.authorizePrincipal(alice, { action: "iam:ListUsers" }).decision).toBe("ImplicitDeny");

    const r2 = await cache.get(A, o.source);
    expect(r2.account).toBe(r1.account);
    expect(o.answers[1]).toEqual({ stamp: 1 });

    await o.change((a) => a.putUserPolicy({ UserName: "alice", PolicyName: "p", PolicyDocument: ADMIN }));
    await o.change((a) => a.createUser({ UserName: "bob" }));
    const r3 = await cache.get(A, o.source);
    expect(r3.account).toBe(r1.account);
    expect(r3.stamp).toBe(3);
    expect(o.answers[2].snapshot).toBeUndefined();
    expect(o.answers[2].changes?.put.map(([k]) => k).sort()).toEqual(['["users","alice"]', '["users","bob"]']);
    // The copy decides as the account does now.
    expect(r3.account.authorizePrincipal(alice, { action: "iam:ListUsers" }).decision).toBe("Allow");
    expect(JSON.stringify([...snapshotRows(r3.account)])).toBe(JSON.stringify([...snapshotRows(o.account)]));
  });

  it("gets the whole state again when its copy is older than the change log", async () => {
    const o = await object(2);
    const cache = new ReplicaCache({ engine, sink: () => {}, ttlMs: 0 });
    await cache.get(A, o.source);
    for (const name of ["u1", "u2", "u3"]) await o.change((a) => a.createUser({ UserName: name }));
    const r = await cache.get(A, o.source);
    expect(o.answers.at(-1)?.snapshot).toBeDefined();
    expect([...r.account.store.users.keys()].sort()).toEqual(["u1", "u2", "u3"]);
  });

  it("trusts a stamp for ttlMs without asking, and asks again after", async () => {
    const o = await object();
    let now = 1_000;
    const cache = new ReplicaCache({ engine, sink: () => {}, ttlMs: 500, now: () => now });
    await cache.get(A, o.source);
    await o.change((a) => a.createUser({ UserName: "alice" }));
    now += 499;
    expect((await cache.get(A, o.source)).account.store.users.size).toBe(0);
    expect(o.answers).toHaveLength(1);
    now += 1;
    expect((await cache.get(A, o.source)).account.store.users.size).toBe(1);
    expect(o.answers).toHaveLength(2);
  });

  it("keeps at most maxAccounts accounts, least recently used out", async () => {
    const cache = new ReplicaCache({ engine, sink: () => {}, ttlMs: 0, maxAccounts: 2 });
    const ids = ["111122223333", "111122223334", "111122223335"];
    const objects = await Promise.all(ids.map((id) => object(256, id)));
    for (let i = 0; i < 3; i++) await cache.get(ids[i], objects[i].source);
    expect(cache.size).toBe(2);
    // The first one was evicted: using it again takes its whole state again.
    await cache.get(ids[0], objects[0].source);
    expect(objects[0].answers.map((a) => a.snapshot !== undefined)).toEqual([true, true]);
    expect(cache.size).toBe(2);
  });

  it("refuses an answer that moved the stamp without sending the state", async () => {
    const cache = new ReplicaCache({ engine, sink: () => {}, ttlMs: 0 });
    await expect(cache.get(A, { sync: async () => ({ stamp: 4 }) })).rejects.toThrow(/without the state/);
  });
});

describe("ChangeLog", () => {
  it("merges the changes after a stamp, later writes and removals winning", () => {
    const log = new ChangeLog();
    log.add(1, [["a", "1"], ["b", "1"]], []);
    log.add(2, [["a", "2"]], ["b"]);
    log.add(3, [["b", "3"]], ["c"]);
    const sorted = (c: ReturnType<ChangeLog["since"]>) => c && { put: c.put.sort(), remove: c.remove.sort() };
    expect(sorted(log.since(0))).toEqual({ put: [["a", "2"], ["b", "3"]], remove: ["c"] });
    expect(sorted(log.since(1))).toEqual({ put: [["a", "2"], ["b", "3"]], remove: ["c"] });
    expect(log.since(2)).toEqual({ put: [["b", "3"]], remove: ["c"] });
    expect(log.since(3)).toBeUndefined();
  });

  it("forgets the oldest entries past its bounds", () => {
    const log = new ChangeLog(10, 20);
    log.add(1, [["k", "0123456789"]], []);
    log.add(2, [["k", "0123456789"]], []);
    expect(log.since(0)).toBeUndefined();
    expect(log.since(1)).toEqual({ put: [["k", "0123456789"]], remove: [] });
  });
});
