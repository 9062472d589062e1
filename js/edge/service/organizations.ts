/**
 * @module edge/service/organizations
 * The isolate's copies of organizations, and the guardrails they put on accounts. An account's
 * object says which organization the account is in (its management account id, in the `sync`
 * answer); the organization's object (organization-object.ts) is asked for its version on each
 * request (one RPC answered from memory, as an account's stamp is), and sends its state only when
 * it changed. The guardrails derived for an account (js/org/guardrails.ts: the SCP and RCP levels
 * of its path, the `aws:PrincipalOrg*` / `aws:ResourceOrg*` keys) are compiled once per account
 * and organization version and put on the account (`account.organization`), so every decision the
 * model makes for it takes them, with nothing passed by hand; a change of the organization moves
 * its version and the next request derives them again.
 */
import type { Account } from "../../sts/account.ts";
import type { Engine } from "../../engine/engine.ts";
import { GuardrailCompiler } from "../../org/compiled.ts";
import { applyOrganization } from "../../org/apply.ts";
import { Organization } from "../../org/organization.ts";
import type { OrganizationRpc } from "./rpc.ts";

const MAX_ORGANIZATIONS = 16;

export class OrganizationCache {
  readonly #orgs = new Map<string, { org: Organization; version: number }>();
  readonly #applied = new WeakMap<Account, string>();
  readonly #compiler: GuardrailCompiler;
  readonly #now: () => Date;

  constructor(engine: Engine, now: () => Date) {
    this.#compiler = new GuardrailCompiler(engine);
    this.#now = now;
  }

  /** The organization managed by `managementAccountId`, as of its object's version (undefined: none). */
  async get(managementAccountId: string, rpc: OrganizationRpc): Promise<Organization | undefined> {
    const hit = this.#orgs.get(managementAccountId);
    const answer = await rpc.sync(managementAccountId, hit?.version);
    if (answer.version === 0) {
      this.#orgs.delete(managementAccountId);
      return undefined;
    }
    if (hit && hit.version === answer.version) return hit.org;
    if (!answer.state) throw new Error(`organization of ${managementAccountId}: version ${answer.version} without its state`);
    const entry = { org: new Organization(answer.state, { now: this.#now }), version: answer.version };
    this.#orgs.delete(managementAccountId);
    this.#orgs.set(managementAccountId, entry);
    while (this.#orgs.size > MAX_ORGANIZATIONS) this.#orgs.delete(this.#orgs.keys().next().value as string);
    return entry.org;
  }

  /**
   * Puts the guardrails of the account's organization on it (none outside one), deriving them
   * again only when the organization's version moved. Answers the organization.
   */
  async apply(account: Account, managementAccountId: string | undefined, rpc: (managementAccountId: string) => OrganizationRpc): Promise<Organization | undefined> {
    const org = managementAccountId === undefined ? undefined : await this.get(managementAccountId, rpc(managementAccountId));
    const member = org?.has(account.accountId) ? org : undefined;
    const key = member ? `${member.id}:${member.version}` : "";
    if (this.#applied.get(account) !== key || (member === undefined && account.organization !== undefined)) {
      applyOrganization(account, member, this.#compiler);
      this.#applied.set(account, key);
    }
    return member;
  }
}
