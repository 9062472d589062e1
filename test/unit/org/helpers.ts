/** Shared setup for the organization unit tests: an organization with SCPs and RCPs enabled. */
import { expect } from "vitest";
import { Organization, OrganizationsError } from "../../../js/org/index.ts";

export const MGMT = "111111111111";
export const OUTSIDER = "999999999999";

export function scp(statement: Record<string, unknown> | Record<string, unknown>[]): string {
  return JSON.stringify({ Version: "2012-10-17", Statement: statement });
}

/** An organization with SCPs and RCPs enabled, and `n` member accounts in the root (ids 2222..., 3333..., ...). */
export function organization(members = 1): { org: Organization; rootId: string; accounts: string[] } {
  const org = Organization.create(MGMT, { FeatureSet: "ALL" }, { now: () => new Date("2026-03-01T12:00:00Z") });
  const rootId = org.listRoots(MGMT).Roots[0].Id;
  org.enablePolicyType(MGMT, { RootId: rootId, PolicyType: "SERVICE_CONTROL_POLICY" });
  org.enablePolicyType(MGMT, { RootId: rootId, PolicyType: "RESOURCE_CONTROL_POLICY" });
  const accounts: string[] = [];
  for (let i = 0; i < members; i++) {
    const id = String(i + 2).repeat(12);
    const { CreateAccountStatus } = org.createAccount(MGMT, { Email: `m${i}@example.com`, AccountName: `member-${i}` }, () => id);
    org.completeCreateAccount(CreateAccountStatus.Id, { ok: true });
    accounts.push(id);
  }
  return { org, rootId, accounts };
}

/** Runs `fn` and checks it throws the Organizations error `code` (and `reason`). */
export function expectOrgError(fn: () => unknown, code: string, reason?: string): OrganizationsError {
  let err: unknown;
  try {
    fn();
  } catch (e) {
    err = e;
  }
  expect(err, `expected ${code}`).toBeInstanceOf(OrganizationsError);
  expect((err as OrganizationsError).code).toBe(code);
  if (reason !== undefined) expect((err as OrganizationsError).reason).toBe(reason);
  return err as OrganizationsError;
}
