/**
 * @module playground/account-pane
 * Account mode: load a GAAD file (`aws iam get-account-authorization-details`) or the bundled
 * sample into `Account.fromAuthorizationDetails`, pick a user or role, and run
 * `account.simulatePrincipalPolicy`; or open the principal's policies in the policy editors.
 * The GAAD stays in the page (the store's `loaded`), never in a link.
 */
import { Account, type Engine } from "../entries/browser.ts";
import type { PageActions } from "./actions.ts";
import { contextEntries } from "./context.ts";
import { $, h } from "./dom.ts";
import { MAX_POLICY_EDITORS, overLimit } from "./limits.ts";
import type { ResolvedPrincipal } from "./package-types.ts";
import { prettyDocument } from "./policy-sources.ts";
import { simulationTable } from "./simulation-table.ts";
import type { ContextRow, PlaygroundState, Store } from "./state.ts";

/** What account mode reads of a GAAD: its users' and roles' names and ARNs. */
interface GaadEntity {
  UserName?: unknown;
  RoleName?: unknown;
  Arn?: unknown;
}

const split = (text: string): string[] => text.split(/[\s,]+/).map((s) => s.trim()).filter(Boolean);
const list = (gaad: any, name: string): GaadEntity[] => (Array.isArray(gaad?.[name]) ? gaad[name] : []);
const errorText = (err: unknown): string => `${(err as { code?: string }).code ? `${(err as { code: string }).code}: ` : ""}${(err as Error).message}`;
const PRINCIPAL_TAG = /^aws:PrincipalTag\//i;

export class AccountPane {
  readonly #store: Store;
  readonly #engine: Engine;
  readonly #actions: PageActions;

  constructor(store: Store, engine: Engine, actions: PageActions) {
    this.#store = store;
    this.#engine = engine;
    this.#actions = actions;
  }

  wire(): void {
    $("load-sample-account").addEventListener("click", () => void this.loadSample().then(() => this.simulate()));
    $("open-in-editors").addEventListener("click", () => this.openInEditors());
    $("gaad-file").addEventListener("change", async (e) => {
      const file = (e.target as HTMLInputElement).files?.[0];
      if (!file) return;
      await this.load(await file.text(), "file");
      await this.simulate();
    });
    $("acct-principal").addEventListener("change", (e) => {
      this.#store.setAccountForm({ principal: (e.target as HTMLSelectElement).value });
      void this.simulate();
    });
    for (const field of ["actions", "resources"] as const) {
      $(`acct-${field}`).addEventListener("input", (e) => {
        this.#store.setAccountForm({ [field]: (e.target as HTMLTextAreaElement).value });
        this.#actions.save();
      });
    }
    $("simulate").addEventListener("click", () => void this.simulate());
  }

  /** The form from the store (after a load). */
  renderForm(): void {
    const a = this.#store.accountForm();
    ($("acct-actions") as HTMLTextAreaElement).value = a.actions;
    ($("acct-resources") as HTMLTextAreaElement).value = a.resources;
    if (a.source === "file" && !this.#store.loaded) $("account-status").textContent = "This link used a GAAD file: load it again to simulate.";
  }

  /** The tab was opened: a link made with the sample account reloads it by itself. */
  shown(): void {
    if (!this.#store.loaded && this.#store.doc.account?.source === "sample") void this.loadSample().then(() => this.simulate());
  }

  async loadSample(): Promise<void> {
    const res = await fetch(new URL("./sample-account.json", import.meta.url));
    await this.load(await res.text(), "sample");
  }

  /** Loads a GAAD into an Account and lists its users and roles. */
  async load(text: string, source: "sample" | "file"): Promise<void> {
    const status = $("account-status");
    try {
      const gaad = JSON.parse(text);
      const users = list(gaad, "UserDetailList");
      const roles = list(gaad, "RoleDetailList");
      const arns = [...users, ...roles].map((e) => e.Arn).filter((a): a is string => typeof a === "string");
      const account = await Account.fromAuthorizationDetails(text, { accountId: this.#accountId(arns), engine: this.#engine });
      this.#store.setLoadedAccount({ gaad: text, account });
      this.#listPrincipals(users, roles, arns);
      this.#store.setAccountForm({ source, principal: ($("acct-principal") as HTMLSelectElement).value });
      status.textContent = `Loaded ${users.length} users, ${roles.length} roles, ${list(gaad, "GroupDetailList").length} groups, ${list(gaad, "Policies").length} managed policies.`;
      this.#actions.save();
    } catch (err) {
      status.textContent = `Could not load the account: ${(err as Error).message}`;
    }
  }

  /** The account id: the first principal's, else the one typed, else the documentation account. */
  #accountId(arns: string[]): string {
    const input = $("acct-id") as HTMLInputElement;
    const fromArn = /^arn:aws[\w-]*:iam::(\d{12}):/.exec(arns[0] ?? "")?.[1];
    if (fromArn) input.value = fromArn;
    return input.value || "111122223333";
  }

  /** The principal picker; keeps the link's principal when the account has it. */
  #listPrincipals(users: GaadEntity[], roles: GaadEntity[], arns: string[]): void {
    const select = $("acct-principal") as HTMLSelectElement;
    const prev = this.#store.doc.account?.principal ?? "";
    const option = (name: unknown, arn: unknown) => h("option", { value: arn }, `${name} (${arn})`);
    select.replaceChildren(
      h("optgroup", { label: "Users" }, ...users.map((u) => option(u.UserName, u.Arn))),
      h("optgroup", { label: "Roles" }, ...roles.map((r) => option(r.RoleName, r.Arn))),
    );
    if (prev && arns.includes(prev)) select.value = prev;
  }

  /** SimulatePrincipalPolicy for the picked principal, actions and resources, with the form's context. */
  async simulate(): Promise<void> {
    const out = $("sim-results");
    const loaded = this.#store.loaded;
    if (!loaded) {
      out.replaceChildren(h("p", { class: "hint" }, "Load an account first."));
      return;
    }
    this.#store.setAccountForm({ principal: ($("acct-principal") as HTMLSelectElement).value });
    const a = this.#store.accountForm();
    try {
      const resources = split(a.resources);
      const response = await loaded.account.simulatePrincipalPolicy({
        PolicySourceArn: a.principal,
        ActionNames: split(a.actions),
        ResourceArns: resources.length ? resources : undefined,
        ContextEntries: contextEntries(this.#store.doc),
      });
      out.replaceChildren(...simulationTable(response));
      const n = (response.EvaluationResults ?? []).length;
      this.#actions.status(`Simulated ${n} action${n === 1 ? "" : "s"} for ${a.principal}.`);
    } catch (err) {
      out.replaceChildren(h("p", { class: "error" }, errorText(err)));
    }
    this.#actions.save();
  }

  /**
   * The selected principal's identity policies (its own, its groups', managed and inline) and
   * permissions boundary in the policy editors, with the first action and resource and its tags
   * as the request: to edit what the simulation used and see the decision change.
   */
  openInEditors(): void {
    const loaded = this.#store.loaded;
    if (!loaded || !this.#store.doc.account) {
      $("sim-results").replaceChildren(h("p", { class: "hint" }, "Load an account first."));
      return;
    }
    this.#store.setAccountForm({ principal: ($("acct-principal") as HTMLSelectElement).value });
    const arn = this.#store.accountForm().principal;
    try {
      const p = loaded.account.resolvePrincipal(arn);
      const next = this.#principalState(p);
      if (next.identity.length > MAX_POLICY_EDITORS) {
        throw new Error(`${arn} has ${next.identity.length} identity policies, more than the ${MAX_POLICY_EDITORS} editors the playground holds: simulate it instead.`);
      }
      const problem = overLimit(next);
      if (problem) throw new Error(`This would not fit in the playground: ${problem}.`);
      this.#actions.load(next);
      const n = p.identity.length;
      this.#actions.status(`Opened the ${n} identity polic${n === 1 ? "y" : "ies"}${p.boundary ? " and the boundary" : ""} of ${arn}.`);
    } catch (err) {
      $("sim-results").replaceChildren(h("p", { class: "error" }, errorText(err)));
    }
  }

  /** The document that puts a resolved principal's policies in the editors. */
  #principalState(p: ResolvedPrincipal): PlaygroundState {
    const doc = this.#store.doc;
    const a = this.#store.accountForm();
    const text = (id: string) => prettyDocument(p.sources.get(id)?.document ?? "{}");
    const tags = Object.entries(p.context).filter(([k]) => PRINCIPAL_TAG.test(k));
    const kept = doc.request.context.filter((row) => !tags.some(([k]) => k.toLowerCase() === row.key.trim().toLowerCase()));
    const tagRows: ContextRow[] = tags.map(([key, value]) => ({ key, type: "string", value: String(value) }));
    return {
      ...doc,
      sample: undefined,
      mode: "policies",
      identity: p.identity.length ? p.identity.map((x) => text(x.id)) : [""],
      identitySources: p.identity.length ? p.identity.map((x) => x.id) : [""],
      boundary: p.boundary ? text(p.boundary.id) : "",
      boundarySource: p.boundary?.id,
      session: [],
      resource: "",
      scp: [],
      tests: [],
      request: {
        ...doc.request,
        principal: a.principal,
        action: split(a.actions)[0] ?? doc.request.action,
        resource: split(a.resources)[0] ?? "*",
        resourceAccount: "",
        context: [...kept, ...tagRows],
        derive: true,
      },
    };
  }
}
