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
