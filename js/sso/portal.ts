/**
 * @module sso/portal
 * The AWS access portal's view of a signed-in user (Portal API Reference, `sso`:
 * ListAccounts, ListAccountRoles, GetRoleCredentials): the accounts the user is assigned to,
 * directly or through a group, and in each the permission sets (the portal's "roles", by
 * permission set name). A portal session lasts 8 hours, the default session duration of the
 * access portal ("Configure the AWS access portal session duration"). The access token is kept as
 * its SHA-256 only (the caller hashes it), so a stored state holds no usable token.
 */
import { SsoError } from "./errors.ts";
import { findUser } from "./identity-store.ts";
import { accessOf } from "./assignments.ts";
import type { IdentityCenterState, PermissionSet } from "./shapes.ts";

export const PORTAL_SESSION_SECONDS = 8 * 3600;
const MAX_SESSIONS = 1000;

export interface PortalSession {
  tokenHash: string;
  userId: string;
  expiresAt: number;
}

type WithSessions = IdentityCenterState & { portalSessions?: PortalSession[] };

/** Starts a portal session for the user named `userName`; answers its user id and expiry (epoch seconds). */
export function startSession(state: WithSessions, userName: string, tokenHash: string, now: Date): { userId: string; expiresAt: number } {
  const user = state.users.find((u) => u.UserName === userName);
  if (!user) throw new SsoError("ResourceNotFoundException", `User ${userName} not found in the identity store`);
  const epoch = Math.floor(now.getTime() / 1000);
  const sessions = (state.portalSessions ??= []).filter((s) => s.expiresAt > epoch);
  sessions.push({ tokenHash, userId: user.UserId, expiresAt: epoch + PORTAL_SESSION_SECONDS });
  state.portalSessions = sessions.slice(-MAX_SESSIONS);
  return { userId: user.UserId, expiresAt: epoch + PORTAL_SESSION_SECONDS };
}

/** The user of a live session, or UnauthorizedException ("Session token not found or invalid"). */
export function sessionUser(state: WithSessions, tokenHash: string, now: Date): string {
  const s = state.portalSessions?.find((x) => x.tokenHash === tokenHash);
  if (!s || s.expiresAt <= Math.floor(now.getTime() / 1000)) throw new SsoError("UnauthorizedException", "Session token not found or invalid");
  findUser(state, s.userId);
  return s.userId;
}

/** ListAccounts: each account the user may sign in to, once. */
export function portalAccounts(state: IdentityCenterState, userId: string): { accountId: string }[] {
  return [...new Set(accessOf(state, userId).map((a) => a.AccountId))].map((accountId) => ({ accountId }));
}

/** ListAccountRoles: the permission sets the user has in the account. */
export function portalRoles(state: IdentityCenterState, userId: string, accountId: string): { roleName: string; accountId: string }[] {
  return accessOf(state, userId).filter((a) => a.AccountId === accountId).map((a) => ({ roleName: a.PermissionSet.Name, accountId }));
}

/** GetRoleCredentials' check: the user has the permission set `roleName` in the account, provisioned there. */
export function portalRole(state: IdentityCenterState, userId: string, accountId: string, roleName: string): { permissionSet: PermissionSet; suffix: string } {
  const hit = accessOf(state, userId).find((a) => a.AccountId === accountId && a.PermissionSet.Name === roleName);
  const suffix = hit?.PermissionSet.Provisioned[accountId];
  if (!hit || suffix === undefined) throw new SsoError("ResourceNotFoundException", "No access");
  return { permissionSet: hit.PermissionSet, suffix };
}
