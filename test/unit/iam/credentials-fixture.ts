/**
 * @module test/unit/iam/credentials-fixture
 * The setup the credential tests share: a fresh account per test on a pinned clock, users alice
 * and bob, and a recording caller authorizer (each check is logged; actions in `denied` fail
 * with AccessDenied) so tests can see exactly which action and ARN an operation authorizes.
 */
import { beforeAll, beforeEach, expect } from "vitest";
import { createEngine } from "../../../js/index.ts";
import { Account, IamError } from "../../../js/index.ts";
import type { Engine } from "../../../js/engine/engine.ts";
import type { UserEntity } from "../../../js/iam/store.ts";

export const ACCOUNT = "111122223333";

export interface CredentialsFixture {
  engine: Engine;
  account: Account;
  /** The account's clock: assign to move time. */
  clock: Date;
  calls: [caller: string, action: string, resource: string][];
  denied: Set<string>;
  addUser(name: string, path?: string): Promise<UserEntity>;
  /** Everything the store holds (Maps included) and the change counter. */
  snapshot(): string;
  expectIamError(p: Promise<unknown>, code: string, message?: RegExp): Promise<IamError>;
  /** Runs an operation that must fail, and checks it changed nothing. */
  expectUnchanged(p: () => Promise<unknown>, code: string, message?: RegExp): Promise<IamError>;
}

/** Registers the hooks in the calling test file and returns the fixture they keep current. */
export function credentialsFixture(): CredentialsFixture {
  const f = {
    calls: [],
    denied: new Set<string>(),
    async addUser(name: string, path = "/") {
      await f.account.createUser({ UserName: name, Path: path });
      return f.account.store.users.get(name.toLowerCase())!;
    },
    snapshot() {
      return JSON.stringify({ v: f.account.version, s: f.account.store }, (_k, v) => (v instanceof Map ? [...v.entries()] : v));
    },
    async expectIamError(p: Promise<unknown>, code: string, message?: RegExp) {
      const err = await p.then(() => undefined, (e: unknown) => e);
      expect(err).toBeInstanceOf(IamError);
      expect((err as IamError).code).toBe(code);
      if (message) expect((err as IamError).message).toMatch(message);
      return err as IamError;
    },
    async expectUnchanged(p: () => Promise<unknown>, code: string, message?: RegExp) {
      const before = f.snapshot();
      const err = await f.expectIamError(p(), code, message);
      expect(f.snapshot()).toBe(before);
      return err;
    },
  } as unknown as CredentialsFixture;

  beforeAll(async () => {
    f.engine = await createEngine();
  });

  beforeEach(async () => {
    f.clock = new Date("2026-03-01T12:00:00.000Z");
    f.account = await Account.create({ accountId: ACCOUNT, engine: f.engine, now: () => f.clock });
    // The recording authorizer stands in for this account's caller check (run only with a caller).
    f.account.authorizeOperation = async (options, action, resource) => {
      if (!options?.caller) return;
      f.calls.push([options.caller, action, resource]);
      if (f.denied.has(action)) throw new IamError("AccessDenied", `User: ${options.caller} is not authorized to perform: ${action} on resource: ${resource}`);
    };
    f.calls = [];
    f.denied.clear();
    await f.addUser("alice");
    await f.addUser("bob", "/eng/");
  });
  return f;
}
