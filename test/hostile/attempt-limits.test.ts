/**
 * Limited password and MFA guessing (issue 13, item 12). Nothing limited attempts: about 3,400
 * MFA guesses a second in process, a valid code in about 97 s. Now failures lock a key out as
 * AWS's Cognito does (js/iam/attempt-limits.ts): five free failures, then 2^(n-5) seconds,
 * doubling to 15 minutes; refused attempts are not checked and do not lengthen the lockout; a
 * success or 15 quiet minutes start over. Time moves on the account's clock, never the real one.
 */
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { Account, createEngine, IamError } from "../../js/index.ts";
import type { Engine } from "../../js/engine/engine.ts";
import { DEFAULT_ATTEMPT_LIMITS } from "../../js/iam/attempt-limits.ts";
import { base32Decode } from "../../js/iam/base32.ts";
import { passwordKeys } from "../../js/iam/ops/attempts.ts";
import { hotp, timeStep } from "../../js/iam/totp.ts";

const A = "111122223333";
const ALICE = `arn:aws:iam::${A}:user/alice`;
const GOOD = "Correct-Horse-9";
const WRONG = "Wrong-Horse-1";
let engine: Engine;
let clock: Date;
let account: Account;

const later = (seconds: number) => { clock = new Date(clock.getTime() + seconds * 1000); };
const iso = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, "Z");

beforeAll(async () => {
  engine = await createEngine();
});

beforeEach(async () => {
  clock = new Date("2026-03-01T12:00:00Z");
  account = await Account.create({ accountId: A, engine, now: () => clock });
  await account.createUser({ UserName: "alice" });
  await account.createUser({ UserName: "bob" });
  await account.createLoginProfile({ UserName: "alice", Password: GOOD });
});

afterEach(() => {
  vi.restoreAllMocks();
});

/** PBKDF2 derivations `run` makes: a refused attempt must make none. */
async function hashes(run: () => Promise<unknown>): Promise<number> {
  const spy = vi.spyOn(crypto.subtle, "deriveBits");
  try {
    await run();
    return spy.mock.calls.length;
  } finally {
    spy.mockRestore();
  }
}

async function failure(p: Promise<unknown>): Promise<IamError> {
  const err = await p.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(IamError);
  return err as IamError;
}

describe("sign-in with a password", () => {
  it("five failures are free; the sixth attempt is refused unchecked, even with the right password", async () => {
    for (let i = 0; i < 5; i++) expect(await account.verifyPassword("alice", WRONG)).toEqual({ valid: false, expired: false, mustChange: false, locked: false });
    let answer: unknown;
    expect(await hashes(async () => { answer = await account.verifyPassword("alice", GOOD); })).toBe(0);
    expect(answer).toEqual({ valid: false, expired: false, mustChange: false, locked: false, throttled: true, retryAfter: "2026-03-01T12:00:01Z" });
    later(1);
    expect(await account.verifyPassword("alice", GOOD)).toMatchObject({ valid: true });
    // A success starts over: five free failures again.
    for (let i = 0; i < 5; i++) expect((await account.verifyPassword("alice", WRONG)).throttled).toBeUndefined();
  });

  it("each further failure doubles the lockout, up to 15 minutes; refused attempts do not lengthen it", async () => {
    for (let i = 0; i < 5; i++) await account.verifyPassword("alice", WRONG);
    const lockouts: number[] = [];
    for (let i = 0; i < 13; i++) {
      const refused = await account.verifyPassword("alice", WRONG);
      expect(refused.throttled).toBe(true);
      const until = Date.parse(refused.retryAfter!);
      lockouts.push((until - clock.getTime()) / 1000);
      // Attempts during the lockout change nothing.
      later((until - clock.getTime()) / 2000);
      expect((await account.verifyPassword("alice", GOOD)).retryAfter).toBe(refused.retryAfter);
      clock = new Date(until);
      expect((await account.verifyPassword("alice", WRONG)).throttled).toBeUndefined(); // checked, and failed
    }
    // The lockout after failures 5, 6, ... (the first is measured from failure 5, at the same instant).
    expect(lockouts).toEqual([1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 900, 900, 900]);
  });

  it("fifteen minutes without an attempt after the lockout ends start the key over", async () => {
    for (let i = 0; i < 7; i++) { await account.verifyPassword("alice", WRONG); later(10); }
    expect((await account.verifyPassword("alice", WRONG)).throttled).toBeUndefined();
    const refused = await account.verifyPassword("alice", WRONG);
    expect(refused.throttled).toBe(true);
    // Fifteen minutes after the last attempt, but the lockout (8 s) is not yet fifteen minutes over.
    later(DEFAULT_ATTEMPT_LIMITS.resetAfterSeconds);
    expect((await account.verifyPassword("alice", WRONG)).throttled).toBeUndefined(); // checked: the lockout is over
    expect((await account.verifyPassword("alice", WRONG)).throttled).toBe(true); // and the count went on (failure 10)
    clock = new Date(Date.parse((await account.verifyPassword("alice", WRONG)).retryAfter!) + DEFAULT_ATTEMPT_LIMITS.resetAfterSeconds * 1000);
    for (let i = 0; i < 5; i++) expect((await account.verifyPassword("alice", WRONG)).throttled).toBeUndefined();
    expect((await account.verifyPassword("alice", WRONG)).throttled).toBe(true);
  });

  it("an unknown user and a user without a password lock out exactly as a known user does", async () => {
    const answers = async (name: string) => {
      const out: unknown[] = [];
      for (let i = 0; i < 7; i++) out.push(await account.verifyPassword(name, WRONG));
      return out;
    };
    const known = await answers("alice");
    expect(known.filter((a) => (a as { throttled?: boolean }).throttled)).toHaveLength(2);
    expect(await answers("mallory")).toEqual(known);
    expect(await answers("bob")).toEqual(known);
  });

  it("a burst of concurrent guesses gets five checks, not twenty", async () => {
    let results: { valid: boolean; throttled?: true }[] = [];
    const n = await hashes(async () => {
      results = await Promise.all(Array.from({ length: 20 }, (_, i) => account.verifyPassword("alice", i === 10 ? GOOD : WRONG)));
    });
    expect(n).toBe(5);
    expect(results.filter((r) => r.throttled)).toHaveLength(15);
    expect(results.some((r) => r.valid)).toBe(false);
  });

  it("ChangePassword's OldPassword counts against the same key", async () => {
    await account.updateAccountPasswordPolicy({ AllowUsersToChangePassword: true });
    for (let i = 0; i < 5; i++) {
      const err = await failure(account.changePassword({ OldPassword: WRONG, NewPassword: "Brand-New-42" }, { caller: ALICE }));
      expect([err.code, err.message]).toEqual(["AccessDenied", "The old password is incorrect."]);
    }
    const err = await failure(account.changePassword({ OldPassword: GOOD, NewPassword: "Brand-New-42" }, { caller: ALICE }));
    expect(err.code).toBe("AccessDenied");
    expect(err.message).toBe("Password attempts exceeded: too many failed attempts; try again after 2026-03-01T12:00:01Z.");
    expect((await account.verifyPassword("alice", GOOD)).throttled).toBe(true);
    later(1);
    await account.changePassword({ OldPassword: GOOD, NewPassword: "Brand-New-42" }, { caller: ALICE });
  });
});

describe("MFA codes", () => {
  async function enabledDevice(userName: string, name: string): Promise<{ serial: string; code: (offset?: number) => Promise<string> }> {
    const { VirtualMFADevice } = await account.createVirtualMFADevice({ VirtualMFADeviceName: name });
    const seed = base32Decode(VirtualMFADevice.Base32StringSeed!);
    const code = (offset = 0) => hotp(seed, timeStep(clock) + offset);
    await account.enableMFADevice({ UserName: userName, SerialNumber: VirtualMFADevice.SerialNumber, AuthenticationCode1: await code(-1), AuthenticationCode2: await code(0) });
    later(30); // the enabling codes are spent
    return { serial: VirtualMFADevice.SerialNumber, code };
  }

  /** A six-digit code that is none of the device's current ones. */
  async function wrongCode(code: (offset?: number) => Promise<string>): Promise<string> {
    const valid = new Set([await code(-1), await code(0), await code(1)]);
    let guess = 0;
    while (valid.has(String(guess).padStart(6, "0"))) guess++;
    return String(guess).padStart(6, "0");
  }

  it("STS: five wrong codes, then the right one is refused until the lockout ends", async () => {
    const { serial, code } = await enabledDevice("alice", "alice-phone");
    const ask = async (TokenCode: string) => account.getSessionToken({ SerialNumber: serial, TokenCode }, { caller: ALICE });
    for (let i = 0; i < 5; i++) {
      expect((await failure(ask(await wrongCode(code)))).message).toBe("MultiFactorAuthentication failed with invalid MFA one time pass code. ");
    }
    const refused = await failure(ask(await code()));
    expect(refused.code).toBe("AccessDenied");
    expect(refused.message).toBe(`MultiFactorAuthentication failed: too many invalid MFA one time pass codes; try again after ${iso(new Date(clock.getTime() + 1000))}.`);
    later(1);
    await expect(ask(await code())).resolves.toHaveProperty("Credentials");
  });

  it("an accepted code is spent: using it again fails and counts as a failure", async () => {
    const { serial, code } = await enabledDevice("alice", "alice-phone");
    const c = await code();
    expect(await account.verifyMfaCode(serial, c, "alice")).toBe(true);
    for (let i = 0; i < 5; i++) expect(await account.verifyMfaCode(serial, c, "alice")).toBe(false);
    // The next step's code is fresh, but five replays locked the device out for a second.
    expect(await account.verifyMfaCode(serial, await code(1), "alice")).toBe(false);
    later(1);
    expect(await account.verifyMfaCode(serial, await code(1), "alice")).toBe(true);
  });

  it("a user's devices share one limit", async () => {
    const one = await enabledDevice("alice", "alice-phone");
    const two = await enabledDevice("alice", "alice-key");
    for (let i = 0; i < 3; i++) expect(await account.verifyMfaCode(one.serial, await wrongCode(one.code), "alice")).toBe(false);
    for (let i = 0; i < 2; i++) expect(await account.verifyMfaCode(two.serial, await wrongCode(two.code), "alice")).toBe(false);
    expect(await account.verifyMfaCode(two.serial, await two.code(), "alice")).toBe(false);
    later(1);
    expect(await account.verifyMfaCode(two.serial, await two.code(), "alice")).toBe(true);
  });

  it("guesses against another user's device lock the guesser out, not the device's owner", async () => {
    const bobs = await enabledDevice("bob", "bob-phone");
    for (let i = 0; i < 20; i++) await account.verifyMfaCode(bobs.serial, await wrongCode(bobs.code), "alice");
    expect(await account.verifyMfaCode(bobs.serial, await bobs.code(), "alice")).toBe(false);
    expect(await account.verifyMfaCode(bobs.serial, await bobs.code(), "bob")).toBe(true);
  });

  it("EnableMFADevice: five wrong pairs, then InvalidAuthenticationCode saying so", async () => {
    const { VirtualMFADevice } = await account.createVirtualMFADevice({ VirtualMFADeviceName: "new-phone" });
    const seed = base32Decode(VirtualMFADevice.Base32StringSeed!);
    const code = (offset = 0) => hotp(seed, timeStep(clock) + offset);
    const enable = async (c1: string, c2: string) => account.enableMFADevice({ UserName: "alice", SerialNumber: VirtualMFADevice.SerialNumber, AuthenticationCode1: c1, AuthenticationCode2: c2 });
    const bad = await wrongCode(code);
    for (let i = 0; i < 5; i++) expect((await failure(enable(bad, bad))).message).toBe("Authentication code for device is not valid.");
    const err = await failure(enable(await code(-1), await code(0)));
    expect(err.code).toBe("InvalidAuthenticationCode");
    expect(err.message).toMatch(/^Too many invalid authentication codes for this device or user; try again after /);
    later(1);
    await enable(await code(-1), await code(0));
  });
});

describe("the limiter's memory", () => {
  it("keeps at most maxUnknownKeys names that do not exist, however many are tried", () => {
    for (let i = 0; i < 100_000; i++) account.attempts.begin(passwordKeys(account, `guess-${i}`));
    expect(account.attempts.size.unknown).toBe(DEFAULT_ATTEMPT_LIMITS.maxUnknownKeys);
    // The newest names are the ones kept: the last guess is still counted.
    for (let i = 0; i < 4; i++) account.attempts.begin(passwordKeys(account, "guess-99999"));
    expect(account.attempts.begin(passwordKeys(account, "guess-99999")).allowed).toBe(false);
  });

  it("forgets keys that have been quiet for resetAfterSeconds", async () => {
    for (let i = 0; i < 1000; i++) account.attempts.begin(passwordKeys(account, `guess-${i}`));
    await account.verifyPassword("alice", WRONG);
    expect(account.attempts.size).toEqual({ known: 1, unknown: 1000 });
    later(DEFAULT_ATTEMPT_LIMITS.resetAfterSeconds);
    for (let i = 0; i < 600; i++) account.attempts.begin(passwordKeys(account, "bob"));
    expect(account.attempts.size).toEqual({ known: 1, unknown: 0 });
  });

  it("attemptLimits are validated and applied", async () => {
    for (const bad of [{ freeFailures: 0 }, { freeFailures: 2.5 }, { maxLockoutSeconds: Number.NaN }, { resetAfterSeconds: -1 }, { maxUnknownKeys: Infinity }, { firstLockoutSeconds: 10, maxLockoutSeconds: 5 }]) {
      const err = await failure(Account.create({ accountId: A, engine, attemptLimits: bad }));
      expect(err.code).toBe("ValidationError");
    }
    const strict = await Account.create({ accountId: A, engine, now: () => clock, attemptLimits: { freeFailures: 2, firstLockoutSeconds: 60 } });
    await strict.createUser({ UserName: "carol" });
    await strict.verifyPassword("carol", WRONG);
    expect((await strict.verifyPassword("carol", WRONG)).throttled).toBeUndefined();
    expect(await strict.verifyPassword("carol", WRONG)).toMatchObject({ throttled: true, retryAfter: "2026-03-01T12:01:00Z" });
  });
});
