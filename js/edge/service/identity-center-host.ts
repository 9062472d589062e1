/**
 * @module edge/service/identity-center-host
 * The organization's IAM Identity Center instance, kept by the organization's Durable Object
 * (organization-object.ts) beside the organization, in the same SQLite table: the instance is
 * the organization's ("Organization instances"), created on its first call with the Region the
 * caller signed for, and every SSO admin and identity store call runs here, one at a time.
 *
 * A change is stored, then its role effects (js/sso/effects.ts) are carried out by the member
 * accounts' objects (reserved roles created, brought up to date, deleted) before the call
 * answers; when one fails, the request's status becomes FAILED with the reason.
 */
import { IdentityCenter } from "../../sso/instance.ts";
import { SsoError } from "../../sso/errors.ts";
import type { RoleEffect } from "../../sso/effects.ts";
import type { IdentityCenterState } from "../../sso/shapes.ts";
import type { Organization } from "../../org/organization.ts";
import type { SsoAnswer, SsoService } from "../sso-api/handler.ts";
import type { AccountRpc } from "./rpc.ts";
import { portalAccounts, portalRole, portalRoles, sessionUser, startSession } from "../../sso/portal.ts";
import { reservedRoleName, ssoProviderArn } from "../../sso/reserved-role.ts";
import { sessionSeconds } from "../../sso/validate.ts";
import type { PortalCall } from "../sso-api/portal.ts";

const KEY = "identity-center";

interface Sql {
  exec<T extends Record<string, unknown>>(query: string, ...bindings: unknown[]): { toArray(): T[] };
}

export interface IdentityCenterHostDeps {
  sql: Sql;
  organization(): Organization | undefined;
  account(accountId: string): AccountRpc;
  now(): Date;
}

export class IdentityCenterHost {
  constructor(private readonly deps: IdentityCenterHostDeps) {}

  #load(org: Organization): IdentityCenter | undefined {
    const row = this.deps.sql.exec<{ v: string }>("SELECT v FROM org WHERE k = ?", KEY).toArray()[0];
    return row ? new IdentityCenter(JSON.parse(row.v) as IdentityCenterState, { now: this.deps.now, isAccount: (id) => org.has(id) }) : undefined;
  }

  #store(ic: IdentityCenter): void {
    this.deps.sql.exec("INSERT INTO org (k, v) VALUES (?, ?) ON CONFLICT(k) DO UPDATE SET v = excluded.v", KEY, JSON.stringify(ic.state));
  }

  /** The instance (created on first use), or undefined outside an organization. */
  instance(region: string): IdentityCenter | undefined {
    const org = this.deps.organization();
    if (!org) return undefined;
    let ic = this.#load(org);
    if (!ic) {
      ic = IdentityCenter.create(org.managementAccountId, region, { now: this.deps.now, isAccount: (id) => org.has(id), partition: org.state.partition });
      this.#store(ic);
    }
    return ic;
  }

  async execute(service: SsoService, operation: string, input: Record<string, unknown>, region: string): Promise<SsoAnswer> {
    const ic = this.instance(region);
    if (!ic) return { ok: false, code: "AccessDeniedException", message: "The account is not in an organization: IAM Identity Center has no instance" };
    let result: ReturnType<IdentityCenter["run"]>;
    try {
      result = ic.run(service, operation, input);
    } catch (err) {
      if (err instanceof SsoError) return { ok: false, code: err.code, message: err.message };
      console.error(`iam-edge identity center: ${String(err)}`);
      return { ok: false, code: "InternalServerException", message: "The request processing has failed because of an unknown error." };
    }
    this.#store(ic);
    const failure = await this.#apply(result.effects);
    if (failure !== undefined) {
      const last = ic.state.statuses[ic.state.statuses.length - 1];
      if (last) Object.assign(last, { Status: "FAILED", FailureReason: failure });
      this.#store(ic);
      markFailed(result.output, failure);
    }
    return { ok: true, output: result.output };
  }

  /** Starts a portal session for an identity store user: the access token (see sso-api/portal.ts). */
  async signIn(userName: string, region: string): Promise<SsoAnswer> {
    const ic = this.instance(region);
    if (!ic) return { ok: false, code: "AccessDeniedException", message: "The account is not in an organization: IAM Identity Center has no instance" };
    const token = `iesso.${ic.state.ownerAccountId}.${randomToken()}`;
    try {
      const { expiresAt } = startSession(ic.state, userName, await sha256(token), this.deps.now());
      this.#store(ic);
      return { ok: true, output: { accessToken: token, expiresIn: expiresAt - Math.floor(this.deps.now().getTime() / 1000), tokenType: "Bearer" } };
    } catch (err) {
      if (err instanceof SsoError) return { ok: false, code: err.code, message: err.message };
      throw err;
    }
  }

  /** The portal's calls for the holder of `token`. */
  async portal(token: string, call: PortalCall): Promise<SsoAnswer> {
    const org = this.deps.organization();
    const ic = org ? this.#load(org) : undefined;
    if (!ic) return { ok: false, code: "UnauthorizedException", message: "Session token not found or invalid" };
    try {
      const userId = sessionUser(ic.state, await sha256(token), this.deps.now());
      if (call.operation === "ListAccounts") return { ok: true, output: { accountList: portalAccounts(ic.state, userId) } };
      if (call.operation === "ListAccountRoles") return { ok: true, output: { roleList: portalRoles(ic.state, userId, call.accountId) } };
      const { permissionSet, suffix } = portalRole(ic.state, userId, call.accountId, call.roleName);
      const user = ic.state.users.find((u) => u.UserId === userId)!;
      const { credentials } = await this.deps.account(call.accountId).issueRoleSession(call.accountId, {
        roleName: reservedRoleName(permissionSet.Name, suffix), sessionName: user.UserName,
        providerArn: ssoProviderArn(ic.state, call.accountId), durationSeconds: sessionSeconds(permissionSet.SessionDuration),
      });
      return { ok: true, output: { roleCredentials: { accessKeyId: credentials.AccessKeyId, secretAccessKey: credentials.SecretAccessKey, sessionToken: credentials.SessionToken, expiration: Date.parse(credentials.Expiration) } } };
    } catch (err) {
      if (err instanceof SsoError) return { ok: false, code: err.code, message: err.message };
      throw err;
    }
  }

  /** Carries the effects out; answers the first failure's reason. */
  async #apply(effects: RoleEffect[]): Promise<string | undefined> {
    for (const e of effects) {
      try {
        const account = this.deps.account(e.accountId);
        if (e.kind === "remove") await account.removeRole(e.accountId, e.roleName);
        else await account.reconcileRole(e.accountId, e.role);
      } catch (err) {
        console.error(`iam-edge identity center: ${e.kind} in ${e.accountId}: ${String(err)}`);
        return `${e.kind === "remove" ? "Deleting" : "Provisioning"} the role in account ${e.accountId} failed: ${String((err as Error)?.message ?? err).slice(0, 200)}`;
      }
    }
    return undefined;
  }
}

function markFailed(output: unknown, reason: string): void {
  if (output === null || typeof output !== "object") return;
  for (const v of Object.values(output as Record<string, unknown>)) {
    if (v !== null && typeof v === "object" && "Status" in v) Object.assign(v, { Status: "FAILED", FailureReason: reason });
  }
}

function randomToken(): string {
  const bytes = new Uint8Array(32);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

async function sha256(text: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)));
  return Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
}
