/** Shared setup for the STS unit tests (core*.test.ts, assume-role*.test.ts). */
import { expect } from "vitest";
import { createEngine } from "../../../js/index.ts";
import { Account, IamError } from "../../../js/index.ts";
import type { Engine } from "../../../js/engine/engine.ts";
import { base32Decode } from "../../../js/iam/base32.ts";
import { hotp, timeStep } from "../../../js/iam/totp.ts";

export const A = "111122223333";
export const B = "444455556666";

let engine: Engine | undefined;
export async function sharedEngine(): Promise<Engine> {
  return (engine ??= await createEngine());
}

export interface Clock {
  now: Date;
  advance(seconds: number): void;
}

export function clock(start = "2026-03-01T12:00:00Z"): Clock {
  const c: Clock = { now: new Date(start), advance: (s) => (c.now = new Date(c.now.getTime() + s * 1000)) };
  return c;
}

export async function makeAccount(id: string, c: Clock, sessionKey?: string): Promise<Account> {
  return await Account.create({ accountId: id, engine: await sharedEngine(), now: () => c.now, sessionKey });
}

export const allow = (action: string | string[], resource: string | string[] = "*", extra: Record<string, unknown> = {}) =>
  JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: action, Resource: resource, ...extra }] });
export const deny = (action: string | string[], resource: string | string[] = "*") =>
  JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Deny", Action: action, Resource: resource }] });
export const trust = (principal: unknown, extra: Record<string, unknown> = {}, action: string | string[] = "sts:AssumeRole") =>
  JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: principal, Action: action, ...extra }] });

export async function user(account: Account, name: string, policy?: string, path = "/"): Promise<string> {
  const { User } = await account.createUser({ UserName: name, Path: path });
  if (policy) await account.putUserPolicy({ UserName: name, PolicyName: "p", PolicyDocument: policy });
  return User.Arn;
}

export async function role(account: Account, name: string, trustDoc: string, policy?: string, extra: Record<string, unknown> = {}): Promise<string> {
  const { Role } = await account.createRole({ RoleName: name, AssumeRolePolicyDocument: trustDoc, ...extra } as never);
  if (policy) await account.putRolePolicy({ RoleName: name, PolicyName: "p", PolicyDocument: policy });
  return Role.Arn;
}

/** Creates and enables a virtual MFA device for the user; returns its serial and a code function. */
export async function mfaDevice(account: Account, userName: string, c: Clock): Promise<{ serial: string; code: (offset?: number) => Promise<string> }> {
  const { VirtualMFADevice } = await account.createVirtualMFADevice({ VirtualMFADeviceName: `${userName}-mfa` });
  const seed = VirtualMFADevice.Base32StringSeed as string;
  const code = (offset = 0) => hotp(base32Decode(seed), timeStep(c.now) + offset);
  await account.enableMFADevice({ UserName: userName, SerialNumber: VirtualMFADevice.SerialNumber, AuthenticationCode1: await code(-1), AuthenticationCode2: await code(0) });
  c.advance(30); // the enabling codes are spent
  return { serial: VirtualMFADevice.SerialNumber, code };
}

export async function expectError(p: Promise<unknown>, code: string, message?: RegExp | string): Promise<IamError> {
  const err = await p.then(() => undefined, (e: unknown) => e);
  expect(err, `expected ${code}`).toBeInstanceOf(IamError);
  expect((err as IamError).code).toBe(code);
  if (message !== undefined) expect((err as IamError).message).toMatch(message);
  return err as IamError;
}
