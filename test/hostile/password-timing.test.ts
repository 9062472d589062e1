/**
 * No user enumeration by timing (issue 13, item 11). `verifyPassword` answered at once for an
 * unknown user and after a PBKDF2 computation (tens of milliseconds) for a known user with a
 * wrong password; MFA checks likewise skipped the TOTP computations for unknown devices. Now
 * every path does the same work. Time is not asserted (tests do not time): the work is counted,
 * by recording each WebCrypto call (which function, with which algorithm and cost) that one
 * check makes, and comparing the lists.
 */
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { Account, createEngine, IamError } from "../../js/index.ts";
import type { Engine } from "../../js/engine/engine.ts";
import { base32Decode } from "../../js/iam/base32.ts";
import { PBKDF2_ITERATIONS } from "../../js/iam/password.ts";
import { hotp, timeStep } from "../../js/iam/totp.ts";

const A = "111122223333";
const GOOD = "Correct-Horse-9";
let engine: Engine;
let clock: Date;
let account: Account;

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

type Call = (string | number | undefined)[];

/** The WebCrypto calls `run` makes: PBKDF2 derivations with their cost, HMAC key imports and signatures. */
async function work(run: () => Promise<unknown>): Promise<Call[]> {
  const calls: Call[] = [];
  const subtle = crypto.subtle;
  const deriveBits = subtle.deriveBits.bind(subtle);
  const importKey = subtle.importKey.bind(subtle) as (...a: unknown[]) => Promise<CryptoKey>;
  const sign = subtle.sign.bind(subtle);
  vi.spyOn(subtle, "deriveBits").mockImplementation(async (alg, key, length) => {
    const a = alg as Pbkdf2Params;
    calls.push(["deriveBits", a.name, String(a.hash), a.iterations, (a.salt as Uint8Array).byteLength, length ?? undefined]);
    return deriveBits(alg, key, length);
  });
  vi.spyOn(subtle, "importKey").mockImplementation((async (...args: unknown[]) => {
    const [format, data, alg] = args as [string, ArrayBufferView, { name: string; hash?: string }];
    calls.push(["importKey", format, alg.name, alg.hash, alg.name === "HMAC" ? data.byteLength : undefined]);
    return importKey(...args);
  }) as typeof subtle.importKey);
  vi.spyOn(subtle, "sign").mockImplementation(async (alg, key, data) => {
    calls.push(["sign", typeof alg === "string" ? alg : alg.name]);
    return sign(alg, key, data);
  });
  await run();
  vi.restoreAllMocks();
  return calls;
}

describe("verifyPassword: the same work for every user", () => {
  it("an unknown user, a user without a password and a wrong password cost one PBKDF2 of the stored cost", async () => {
    const known = await work(() => account.verifyPassword("alice", "Wrong-Horse-1"));
    expect(known).toContainEqual(["deriveBits", "PBKDF2", "SHA-256", PBKDF2_ITERATIONS, 16, 256]);
    expect(known.filter((c) => c[0] === "deriveBits")).toHaveLength(1);
    expect(await work(() => account.verifyPassword("mallory", "Wrong-Horse-1"))).toEqual(known);
    expect(await work(() => account.verifyPassword("bob", "Wrong-Horse-1"))).toEqual(known);
    expect(await work(() => account.verifyPassword("alice", GOOD))).toEqual(known);
    expect(await work(() => account.verifyPassword("alice", 42 as unknown as string))).toEqual(known);
    expect(await work(() => account.verifyPassword("alice", "x".repeat(100_000)))).toEqual(known);
    expect(await work(() => account.verifyPassword(undefined as unknown as string, "x"))).toEqual(known);
  });

  it("a wrong password tells nothing about the profile: expiry is reported for a valid password only", async () => {
    await account.updateAccountPasswordPolicy({ MaxPasswordAge: 1 });
    clock = new Date("2026-03-05T12:00:00Z");
    const unknown = await account.verifyPassword("mallory", "Wrong-Horse-1");
    expect(await account.verifyPassword("alice", "Wrong-Horse-1")).toEqual(unknown);
    expect(await account.verifyPassword("alice", GOOD)).toMatchObject({ valid: true, expired: true, mustChange: true });
  });
});

describe("MFA codes: the same work for every device", () => {
  async function device(name: string, owner?: string): Promise<{ serial: string; seed: string }> {
    const { VirtualMFADevice } = await account.createVirtualMFADevice({ VirtualMFADeviceName: name });
    const d = { serial: VirtualMFADevice.SerialNumber, seed: VirtualMFADevice.Base32StringSeed! };
    if (owner) {
      const code = (o: number) => hotp(base32Decode(d.seed), timeStep(clock) + o);
      await account.enableMFADevice({ UserName: owner, SerialNumber: d.serial, AuthenticationCode1: await code(-1), AuthenticationCode2: await code(0) });
    }
    return d;
  }

  it("an unknown, unassigned or other user's device costs what the user's own device costs", async () => {
    const own = await device("alice-phone", "alice");
    const bobs = await device("bob-phone", "bob");
    const spare = await device("spare");
    clock = new Date(clock.getTime() + 60_000);
    const wrong = "000000";
    const baseline = await work(() => account.verifyMfaCode(own.serial, wrong, "alice"));
    expect(baseline.filter((c) => c[0] === "sign")).toHaveLength(3); // the current step and one either side
    expect(baseline).toContainEqual(["importKey", "raw", "HMAC", "SHA-1", 40]);
    expect(await work(() => account.verifyMfaCode(`arn:aws:iam::${A}:mfa/nothing`, wrong, "alice"))).toEqual(baseline);
    expect(await work(() => account.verifyMfaCode(bobs.serial, wrong, "alice"))).toEqual(baseline);
    expect(await work(() => account.verifyMfaCode(spare.serial, wrong, "alice"))).toEqual(baseline);
  });

  it("STS answers a code for another user's device after the same work as a wrong code", async () => {
    const own = await device("alice-phone", "alice");
    const bobs = await device("bob-phone", "bob");
    clock = new Date(clock.getTime() + 60_000);
    const caller = { caller: `arn:aws:iam::${A}:user/alice` };
    const refused = (serial: string) => work(() => account.getSessionToken({ SerialNumber: serial, TokenCode: "000000" }, caller).catch((e: unknown) => {
      expect(e).toBeInstanceOf(IamError);
      expect((e as IamError).code).toBe("AccessDenied");
    }));
    const baseline = await refused(own.serial);
    expect(baseline.filter((c) => c[0] === "sign")).toHaveLength(3);
    expect(await refused(bobs.serial)).toEqual(baseline);
    expect(await refused(`arn:aws:iam::${A}:mfa/nothing`)).toEqual(baseline);
  });
});
