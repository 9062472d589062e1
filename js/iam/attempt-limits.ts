/**
 * @module iam/attempt-limits
 * Failed password and MFA attempts, limited as AWS limits sign-in to its own user directory
 * (Amazon Cognito developer guide, "Lockout behavior for failed sign-in attempts"): five failed
 * attempts are free; after the n-th failure (n >= 5) the key is locked out for 2^(n-5) seconds,
 * doubling up to about 15 minutes; attempts during a lockout are refused without being checked
 * and do not lengthen later lockouts; a success, or 15 minutes without any attempt, starts the
 * key over (here counted from the end of the lockout: see `quiet`). Cognito applies the same process to MFA codes ("after five unsuccessful attempts to
 * present an MFA code"). IAM documents no numbers of its own, so these are the defaults
 * (`DEFAULT_ATTEMPT_LIMITS`, each one settable through `AccountOptions.attemptLimits`).
 *
 * Keys are what an attempt is made against: a user's password, an MFA device, a user's MFA
 * devices together (so eight devices do not give eight times the guesses). An attempt names
 * every key it concerns; it is refused while any of them is locked out.
 *
 * **Counted before the check.** `begin` records the attempt as a failure before the caller
 * computes anything, and `succeeded` clears the keys after a match: a burst of concurrent
 * guesses cannot all pass the gate before the first one fails.
 *
 * **Bounded memory.** Keys of entities that exist (users, devices) are at most a few per entity
 * of the store; keys of names that do not exist (a guesser's choice) are tracked too, so a
 * lockout looks the same for both, but at most `maxUnknownKeys` of them, the least recently
 * tried forgotten first. Every key is dropped once it has been quiet for `resetAfterSeconds`
 * (a few of the oldest are swept on each attempt), so idle keys cost nothing.
 *
 * The clock is the account's (`AccountState.now`), so tests move time instead of waiting.
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/authentication.html#authentication-flow-lockout-behavior
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-mfa.html
 */
import { IamError } from "./errors.ts";

export interface AttemptLimitSettings {
  /** Failed attempts before the first lockout (Cognito: 5). */
  freeFailures: number;
  /** The first lockout, in seconds; each further failure doubles it (Cognito: 1, so 2^(n-5)). */
  firstLockoutSeconds: number;
  /** The longest lockout, in seconds (Cognito: "approximately 15 minutes"). */
  maxLockoutSeconds: number;
  /** A key with no attempt for this long after its last attempt and lockout starts over, in seconds (Cognito: 15 minutes). */
  resetAfterSeconds: number;
  /** At most this many keys of users and devices that do not exist are remembered. */
  maxUnknownKeys: number;
}

export const DEFAULT_ATTEMPT_LIMITS: Readonly<AttemptLimitSettings> = Object.freeze({
  freeFailures: 5, firstLockoutSeconds: 1, maxLockoutSeconds: 900, resetAfterSeconds: 900, maxUnknownKeys: 10_000,
});

/** One thing attempts are made against; `known` when the user or device exists. */
export interface AttemptKey {
  key: string;
  known: boolean;
}

/** What `begin` answers: go on (the attempt is counted as failed until `succeeded`), or refused until `lockedUntil` (epoch ms). */
export type AttemptGate = { allowed: true } | { allowed: false; lockedUntil: number };

interface KeyState {
  failures: number;
  /** Epoch ms; 0 when not locked out. */
  lockedUntil: number;
  /** Epoch ms of the last attempt, refused ones included. */
  lastAttempt: number;
}

/** Entries swept from the old end of each map per attempt: enough to keep up with one new key per attempt. */
const SWEEP = 2;

export class AttemptLimiter {
  readonly settings: Readonly<AttemptLimitSettings>;
  private readonly known = new Map<string, KeyState>();
  private readonly unknown = new Map<string, KeyState>();

  constructor(settings: Partial<AttemptLimitSettings> | undefined, private readonly nowMs: () => number) {
    this.settings = Object.freeze(checkSettings(settings));
  }

  /** How many keys are remembered (for tests and figures). */
  get size(): { known: number; unknown: number } {
    return { known: this.known.size, unknown: this.unknown.size };
  }

  /** Before an attempt: refused while a key is locked out; otherwise counted as a failure in advance. */
  begin(keys: readonly AttemptKey[]): AttemptGate {
    const now = this.nowMs();
    this.sweep(now);
    const states = keys.map((k) => this.stateOf(k, now));
    const lockedUntil = Math.max(0, ...states.map((s) => s.lockedUntil));
    for (const s of states) s.lastAttempt = now;
    if (lockedUntil > now) return { allowed: false, lockedUntil };
    for (const s of states) this.fail(s, now);
    return { allowed: true };
  }

  /** After a matching attempt: its keys start over. */
  succeeded(keys: readonly AttemptKey[]): void {
    for (const k of keys) (k.known ? this.known : this.unknown).delete(k.key);
  }

  private fail(s: KeyState, now: number): void {
    s.failures++;
    const { freeFailures, firstLockoutSeconds, maxLockoutSeconds } = this.settings;
    if (s.failures < freeFailures) return;
    const seconds = Math.min(maxLockoutSeconds, firstLockoutSeconds * 2 ** Math.min(s.failures - freeFailures, 40));
    s.lockedUntil = now + seconds * 1000;
  }

  /** The key's state (a fresh one when it is new or has been quiet long enough), moved to the young end of its map. */
  private stateOf(k: AttemptKey, now: number): KeyState {
    const map = k.known ? this.known : this.unknown;
    let s = map.get(k.key);
    map.delete(k.key);
    if (!s || this.quiet(s, now)) s = { failures: 0, lockedUntil: 0, lastAttempt: now };
    map.set(k.key, s);
    if (!k.known) while (this.unknown.size > this.settings.maxUnknownKeys) this.unknown.delete(this.unknown.keys().next().value!);
    return s;
  }

  /**
   * No attempt for `resetAfterSeconds` after the last attempt and after the lockout's end.
   * Counted from the end of the lockout so that the longest lockout does not double as the
   * reset: otherwise a guesser who waits out each 15-minute lockout would start over every time.
   */
  private quiet(s: KeyState, now: number): boolean {
    return now - Math.max(s.lastAttempt, s.lockedUntil) >= this.settings.resetAfterSeconds * 1000;
  }

  /** Drops a few of the least recently tried keys once they are quiet. */
  private sweep(now: number): void {
    for (const map of [this.known, this.unknown]) {
      for (let i = 0; i < SWEEP; i++) {
        const first = map.entries().next();
        if (first.done || !this.quiet(first.value[1], now)) break;
        map.delete(first.value[0]);
      }
    }
  }
}

/** `AccountOptions.attemptLimits` over the defaults; ValidationError for a value that is not a positive number (an integer where it counts). */
function checkSettings(given: Partial<AttemptLimitSettings> | undefined): AttemptLimitSettings {
  if (given !== undefined && (given === null || typeof given !== "object")) throw new IamError("ValidationError", "`attemptLimits` must be an object");
  const out = { ...DEFAULT_ATTEMPT_LIMITS };
  for (const name of Object.keys(DEFAULT_ATTEMPT_LIMITS) as (keyof AttemptLimitSettings)[]) {
    const v = given?.[name];
    if (v === undefined) continue;
    const integer = name === "freeFailures" || name === "maxUnknownKeys";
    if (typeof v !== "number" || !Number.isFinite(v) || v <= 0 || (integer && !Number.isInteger(v))) {
      throw new IamError("ValidationError", `\`attemptLimits.${name}\` must be a positive ${integer ? "integer" : "number"}, not ${String(v)}`);
    }
    out[name] = v;
  }
  if (out.maxLockoutSeconds < out.firstLockoutSeconds) throw new IamError("ValidationError", "`attemptLimits.maxLockoutSeconds` must be at least `firstLockoutSeconds`");
  return out;
}
