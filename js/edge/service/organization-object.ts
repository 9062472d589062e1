/**
 * @module edge/service/organization-object
 * The Durable Object of one organization (named by its management account id): the single
 * writer of its state (js/org's OrganizationState, one SQLite row), which it answers to the
 * isolates by version (`sync`), and where every Organizations change runs (`execute`).
 *
 * Effects outside the organization, after the change is stored:
 * - CreateOrganization and membership changes tell the accounts' objects which organization they
 *   are in (`setOrganization`), which the isolates read with each account's stamp;
 * - CreateAccount answers `IN_PROGRESS` at once, then (asynchronously, as AWS does) registers the
 *   new account id with the key directory, opens the account's object and provisions its
 *   OrganizationAccountAccessRole (js/org/access-role.ts), and marks the request `SUCCEEDED`
 *   (`FAILED` with `INTERNAL_FAILURE` if that fails): DescribeCreateAccountStatus then answers it.
 */
import { DurableObject } from "cloudflare:workers";
import { Organization } from "../../org/organization.ts";
import { OrganizationsError } from "../../org/errors.ts";
import { organizationAccountAccessRole } from "../../org/access-role.ts";
import type { OrganizationState } from "../../org/shapes.ts";
import { runChange } from "../org-api/handler.ts";
import { configOf } from "./config.ts";
import { accountStub, registryStub, type Env } from "./env.ts";
import type { OrgAnswer, OrganizationRpc } from "./rpc.ts";
import { IdentityCenterHost } from "./identity-center-host.ts";
import type { SsoAnswer, SsoService } from "../sso-api/handler.ts";
import type { PortalCall } from "../sso-api/portal.ts";

const KEY = "state";

function answerOf(err: unknown): OrgAnswer {
  if (err instanceof OrganizationsError) return { ok: false, code: err.code, message: err.message, ...(err.reason ? { reason: err.reason } : {}) };
  console.error(`iam-edge organizations: ${String(err)}`);
  return { ok: false, code: "ServiceException", message: "AWS Organizations can't complete your request because of an internal service error. Try again later." };
}

export class OrganizationObject extends DurableObject<Env> implements OrganizationRpc {
  #org?: Organization | null;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    ctx.storage.sql.exec("CREATE TABLE IF NOT EXISTS org (k TEXT PRIMARY KEY, v TEXT NOT NULL)");
  }

  #load(): Organization | undefined {
    if (this.#org === undefined) {
      const row = this.ctx.storage.sql.exec<{ v: string }>("SELECT v FROM org WHERE k = ?", KEY).toArray()[0];
      this.#org = row ? new Organization(JSON.parse(row.v) as OrganizationState, { now: configOf(this.env).now }) : null;
    }
    return this.#org ?? undefined;
  }

  #store(org: Organization | null): void {
    if (org) this.ctx.storage.sql.exec("INSERT INTO org (k, v) VALUES (?, ?) ON CONFLICT(k) DO UPDATE SET v = excluded.v", KEY, JSON.stringify(org.state));
    else this.ctx.storage.sql.exec("DELETE FROM org WHERE k = ?", KEY);
    this.#org = org;
  }

  /** IAM Identity Center's calls, on the organization's instance (identity-center-host.ts). */
  async ssoExecute(_managementAccountId: string, service: SsoService, operation: string, input: Record<string, unknown>, region: string): Promise<SsoAnswer> {
    return this.#identityCenter().execute(service, operation, input, region);
  }

  async ssoSignIn(_managementAccountId: string, userName: string, region: string): Promise<SsoAnswer> {
    return this.#identityCenter().signIn(userName, region);
  }

  async ssoPortal(_managementAccountId: string, token: string, call: PortalCall): Promise<SsoAnswer> {
    return this.#identityCenter().portal(token, call);
  }

  #identityCenter(): IdentityCenterHost {
    return new IdentityCenterHost({ sql: this.ctx.storage.sql, organization: () => this.#load(), account: (id) => accountStub(this.env, id), now: configOf(this.env).now });
  }

  async sync(_managementAccountId: string, known: number | undefined): Promise<{ version: number; state?: OrganizationState }> {
    const org = this.#load();
    if (!org) return { version: 0 };
    return known === org.version ? { version: org.version } : { version: org.version, state: org.state };
  }

  async create(managementAccountId: string, input: Record<string, unknown>): Promise<OrgAnswer> {
    try {
      if (this.#load()) throw new OrganizationsError("AlreadyInOrganizationException", "This account is already a member of an organization.");
      const org = Organization.create(managementAccountId, { FeatureSet: input.FeatureSet as string | undefined }, { now: configOf(this.env).now });
      this.#store(org);
      await accountStub(this.env, managementAccountId).setOrganization(managementAccountId, managementAccountId);
      return { ok: true, output: org.describeOrganization(managementAccountId) };
    } catch (err) {
      return answerOf(err);
    }
  }

  async execute(managementAccountId: string, caller: string, operation: string, input: Record<string, unknown>): Promise<OrgAnswer> {
    const org = this.#load();
    if (!org) return { ok: false, code: "AWSOrganizationsNotInUseException", message: "Your account is not a member of an organization." };
    const before = new Set(org.state.accounts.map((a) => a.Id));
    let output: unknown;
    try {
      output = runChange(org, caller, operation, input);
    } catch (err) {
      this.#org = undefined; // a failed change may have left the copy half-changed: read the stored one again
      return answerOf(err);
    }
    const deleted = operation === "DeleteOrganization";
    this.#store(deleted ? null : org);
    for (const id of before) {
      if (deleted || !org.has(id)) await accountStub(this.env, id).setOrganization(id, null);
    }
    const status = (output as { CreateAccountStatus?: { Id: string; State: string; AccountId?: string } } | undefined)?.CreateAccountStatus;
    if (operation === "CreateAccount" && status?.State === "IN_PROGRESS") this.ctx.waitUntil(this.#provision(managementAccountId, status.Id));
    return { ok: true, output };
  }

  /** CreateAccount's asynchronous part (see the module doc). */
  async #provision(managementAccountId: string, requestId: string): Promise<void> {
    const pending = this.#load()?.state.createAccountStatuses.find((c) => c.Id === requestId);
    if (!pending?.AccountId) return;
    const accountId = pending.AccountId;
    let outcome: { ok: true } | { ok: false; reason: string } = { ok: true };
    try {
      await registryStub(this.env).registerAccount(accountId);
      const account = accountStub(this.env, accountId);
      await account.provisionRole(accountId, organizationAccountAccessRole(managementAccountId, pending.RoleName));
      await account.setOrganization(accountId, managementAccountId);
    } catch (err) {
      console.error(`iam-edge organizations: account ${accountId} not provisioned: ${String(err)}`);
      outcome = { ok: false, reason: "INTERNAL_FAILURE" };
    }
    const org = this.#load();
    if (!org) return;
    org.completeCreateAccount(requestId, outcome);
    this.#store(org);
  }
}
