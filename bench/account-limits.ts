/**
 * `node bench/run.mjs account-limits.ts`: the figures of docs/limits.md "Account
 * model and STS" (issue 13, items 11 and 12). Needs `build/engine.wasm` (`npm run build:wasm`).
 * - sign-in time for a known user (wrong and right password), a user without a password and an
 *   unknown user: 30 interleaved rounds, the median of each (the work is the same; a shared
 *   machine's noise is what differs);
 * - the attempt limiter's memory: bytes per key at 10,000 unknown names, then the heap after
 *   1,000,000 distinct names (bounded at `maxUnknownKeys`);
 * - checked attempts a day on one key under the two best guessing strategies, on a simulated clock.
 */
import { readFileSync } from "node:fs";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { createEngine } from "../js/entries/engine-node.ts";
import { Account } from "../js/sts/account.ts";

const engine = await createEngine(readFileSync(new URL("../../build/engine.wasm", import.meta.url)));
// The heap figures need a full collection before each reading (run.mjs starts the child without --expose-gc).
setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;
const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(2);

async function signInTimes(): Promise<void> {
  const account = await Account.create({ accountId: "111122223333", engine, attemptLimits: { freeFailures: 1e9 } });
  await account.createUser({ UserName: "alice" });
  await account.createUser({ UserName: "bob" });
  await account.createLoginProfile({ UserName: "alice", Password: "Correct-Horse-9" });
  const cases: [string, string, string][] = [
    ["known user, wrong password", "alice", "Wrong-Horse-1"], ["known user, right password", "alice", "Correct-Horse-9"],
    ["user without a password", "bob", "Wrong-Horse-1"], ["unknown user", "mallory", "Wrong-Horse-1"],
  ];
  const times = cases.map(() => [] as number[]);
  for (let round = 0; round < 30; round++) {
    for (const [i, [, user, password]] of cases.entries()) {
      const t = performance.now();
      await account.verifyPassword(user, password);
      times[i].push(performance.now() - t);
    }
  }
  for (const [i, [name]] of cases.entries()) console.log(`sign-in, ${name.padEnd(28)} median ${times[i].sort((a, b) => a - b)[15].toFixed(1)} ms`);
}

async function limiterMemory(): Promise<void> {
  const account = await Account.create({ accountId: "111122223333", engine });
  const guess = (i: number) => account.attempts.begin([{ key: `password:guess-${i}`, known: false }]);
  gc();
  const h0 = process.memoryUsage().heapUsed;
  for (let i = 0; i < 10_000; i++) guess(i);
  gc();
  const h1 = process.memoryUsage().heapUsed;
  console.log(`limiter, 10,000 unknown names: ${mib(h1 - h0)} MiB, ${((h1 - h0) / 10_000).toFixed(0)} bytes a key`);
  for (let i = 10_000; i < 1_000_000; i++) guess(i);
  gc();
  const h2 = process.memoryUsage().heapUsed;
  console.log(`limiter, 1,000,000 distinct names: ${JSON.stringify(account.attempts.size)} keys, heap ${mib(h2 - h1)} MiB above the 10,000-name figure`);
}

/** Checked attempts in one simulated day on one key; `fresh` waits out the longest lockout and the quiet period. */
async function attemptsPerDay(fresh: boolean): Promise<number> {
  let now = Date.parse("2026-03-01T00:00:00Z");
  const end = now + 86_400_000;
  const account = await Account.create({ accountId: "111122223333", engine, now: () => new Date(now) });
  const { maxLockoutSeconds, resetAfterSeconds } = account.attempts.settings;
  let checked = 0;
  while (now < end) {
    const gate = account.attempts.begin([{ key: "password:alice", known: true }]);
    if (gate.allowed) checked++;
    else now = fresh && gate.lockedUntil - now >= maxLockoutSeconds * 1000 ? gate.lockedUntil + resetAfterSeconds * 1000 : gate.lockedUntil;
  }
  return checked;
}

await signInTimes();
await limiterMemory();
console.log(`checked attempts a day on one key: ${await attemptsPerDay(false)} attempting at every unlock, ${await attemptsPerDay(true)} waiting for each fresh start`);
