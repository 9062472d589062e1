/**
 * @module test/unit/iam/expect-rejection
 * The entity tests' check that a failed IAM operation answers with the expected AWS error code
 * and changes nothing ("a failed operation changes nothing": users, groups, roles, policies and
 * the change counter compared before and after).
 */
import { expect } from "vitest";
import { IamError, type Account } from "../../../js/index.ts";

function snapshot(a: Account): string {
  const s = a.store;
  return JSON.stringify({ users: [...s.users], groups: [...s.groups], roles: [...s.roles], policies: [...s.policies], version: a.version });
}

/** Expects `call` to reject with this IAM error code (and message) and to leave `account` unchanged. */
export async function expectRejection(account: Account, call: () => Promise<unknown>, code: string, message?: RegExp | string): Promise<IamError> {
  const before = snapshot(account);
  const err = await call().then(() => undefined, (e: unknown) => e);
  expect(err, `expected ${code}`).toBeInstanceOf(IamError);
  const e = err as IamError;
  expect(e.code).toBe(code);
  if (message) expect(e.message).toMatch(message);
  expect(snapshot(account)).toBe(before);
  return e;
}
