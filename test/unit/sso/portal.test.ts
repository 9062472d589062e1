/**
 * The access portal's model (js/sso/portal.ts): a session for an identity store user, its 8-hour
 * life ("Configure the AWS access portal session duration"), and what the user may sign in to
 * (ListAccounts, ListAccountRoles, GetRoleCredentials of the Portal API Reference).
 */
import { beforeEach, describe, expect, it } from "vitest";
import { IdentityCenter, SsoError } from "../../../js/sso/index.ts";
import { portalAccounts, portalRole, portalRoles, sessionUser, startSession } from "../../../js/sso/portal.ts";

const MEMBER = "444455556666";
let ic: IdentityCenter;
let userId: string;
const t0 = new Date("2026-03-01T12:00:00Z");

function code(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(SsoError);
    return (e as SsoError).code;
  }
  throw new Error("expected an SsoError");
}

beforeEach(() => {
  ic = IdentityCenter.create("111122223333", "us-east-1");
  const base = { InstanceArn: ic.state.InstanceArn };
  const store = { IdentityStoreId: ic.state.IdentityStoreId };
  userId = (ic.run("identitystore", "CreateUser", { ...store, UserName: "jdoe", DisplayName: "J" }).output as { UserId: string }).UserId;
  const ps = (ic.run("sso", "CreatePermissionSet", { ...base, Name: "Dev" }).output as { PermissionSet: { PermissionSetArn: string } }).PermissionSet.PermissionSetArn;
  ic.run("sso", "CreateAccountAssignment", { ...base, PermissionSetArn: ps, TargetId: MEMBER, TargetType: "AWS_ACCOUNT", PrincipalType: "USER", PrincipalId: userId });
});

describe("access portal", () => {
  it("starts a session for a user of the store, which lasts 8 hours", () => {
    startSession(ic.state, "jdoe", "h1", t0);
    expect(sessionUser(ic.state, "h1", new Date(t0.getTime() + 8 * 3600_000 - 1000))).toBe(userId);
    expect(code(() => sessionUser(ic.state, "h1", new Date(t0.getTime() + 8 * 3600_000)))).toBe("UnauthorizedException");
    expect(code(() => sessionUser(ic.state, "other", t0))).toBe("UnauthorizedException");
    expect(code(() => startSession(ic.state, "nobody", "h2", t0))).toBe("ResourceNotFoundException");
  });
  it("lists the assigned accounts and permission sets, and gives only those", () => {
    expect(portalAccounts(ic.state, userId)).toEqual([{ accountId: MEMBER }]);
    expect(portalRoles(ic.state, userId, MEMBER)).toEqual([{ roleName: "Dev", accountId: MEMBER }]);
    expect(portalRole(ic.state, userId, MEMBER, "Dev").suffix).toMatch(/^[0-9a-f]{16}$/);
    expect(code(() => portalRole(ic.state, userId, MEMBER, "Admin"))).toBe("ResourceNotFoundException");
    expect(code(() => portalRole(ic.state, userId, "777788889999", "Dev"))).toBe("ResourceNotFoundException");
  });
});
