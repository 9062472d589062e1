/**
 * @module playground/sso/sso-pane
 * The IAM Identity Center sign-in panel: load the sample instance (on the organization panel's
 * organization, or the sample organization), pick an identity-store user and sign in, see the
 * accounts and permission sets the user can use (directly or through a group), get role
 * credentials for one (a session of its `AWSReservedSSO_*` role), and see the request pane's
 * request decided as that session, with the reason. Re-decided after every evaluation.
 */
import type { AuthorizationRequest, AuthorizationResult, Engine } from "../../entries/browser.ts";
import type { Organization } from "../../org/index.ts";
import { reasonText } from "../decision-pane.ts";
import { $, h } from "../dom.ts";
import { policyById } from "../org/org-tree.ts";
import { IdentityCenterSandbox, type PortalAccess, type RoleSession } from "./identity-center-sandbox.ts";
import { SAMPLE_INSTANCE } from "./sso-sample.ts";

/** What the pane needs from the page. */
export interface SsoLinks {
  /** The organization panel's organization. */
  organization(): Organization | undefined;
  /** Loads the sample organization into the organization panel. */
  loadSampleOrganization(): Organization | undefined;
  /** The request pane's request without the keys derived from its principal (the session's are derived). */
  request(): AuthorizationRequest | undefined;
}

const DECISION_TEXT = { Allow: "Allow", ExplicitDeny: "Explicit deny", ImplicitDeny: "Implicit deny" } as const;
const DECISION_CLASS = { Allow: "allow", ExplicitDeny: "deny", ImplicitDeny: "implicit" } as const;

export class SsoPane {
  readonly #engine: Engine;
  readonly #links: SsoLinks;
  #box: IdentityCenterSandbox | undefined;
  #session: RoleSession | undefined;
  #building = false;

  constructor(engine: Engine, links: SsoLinks) {
    this.#engine = engine;
    this.#links = links;
  }

  wire(): void {
    $("sso-load-sample").addEventListener("click", () => void this.loadSample());
    $("sso-sign-in").addEventListener("click", () => this.signIn());
  }

  /** The organization panel loaded another organization: the instance's accounts are gone with it. */
  organizationChanged(): void {
    if (this.#building || !this.#box) return;
    this.#reset("The organization changed: load the instance again.");
  }

  async loadSample(): Promise<void> {
    const status = $("sso-status");
    this.#building = true;
    try {
      let org = this.#links.organization();
      const needed = SAMPLE_INSTANCE.assignments.map((a) => a.AccountId);
      if (!org || !needed.every((id) => org!.has(id))) org = this.#links.loadSampleOrganization();
      if (!org) throw new Error("the sample organization did not load");
      this.#reset("");
      this.#box = await IdentityCenterSandbox.load(this.#engine, org, SAMPLE_INSTANCE);
      const users = this.#box.users();
      ($("sso-user") as HTMLSelectElement).replaceChildren(...users.map((u) => h("option", { value: u.UserId }, `${u.UserName} (${u.DisplayName ?? ""})`)));
      const s = this.#box.ic.state;
      status.className = "";
      status.textContent = `Loaded instance ${s.InstanceArn}: ${users.length} users, ${s.groups.length} group, ${s.permissionSets.length} permission sets, ${s.assignments.length} assignments, on organization ${org.id}.`;
    } catch (err) {
      status.className = "error";
      status.textContent = `The instance was not loaded: ${(err as Error).message}`;
    } finally {
      this.#building = false;
    }
  }

  /** Signs the picked user in: the portal's list of accounts and permission sets. */
  signIn(): void {
    const box = this.#box;
    if (!box) {
      $("sso-status").textContent = "Load the sample instance first.";
      return;
    }
    const userId = ($("sso-user") as HTMLSelectElement).value;
    const user = box.users().find((u) => u.UserId === userId);
    if (!user) return;
    this.#session = undefined;
    $("sso-session").replaceChildren();
    $("sso-decision").replaceChildren();
    const rows = box.access(userId);
    $("sso-access").replaceChildren(
      h("p", { id: "sso-signed-in", "data-user": user.UserName }, `Signed in as ${user.UserName}. ${rows.length ? "Accounts and permission sets:" : "No account is assigned to this user."}`),
      ...(rows.length ? [accessTable(rows, (a) => this.#credentials(userId, a))] : []),
    );
  }

  /** Re-decides the request as the session after an evaluation. */
  evaluated(): void {
    if (this.#session) this.#decide();
  }

  #credentials(userId: string, a: PortalAccess): void {
    try {
      this.#session = this.#box!.roleCredentials(userId, a.accountId, a.permissionSet);
    } catch (err) {
      $("sso-session").replaceChildren(h("p", { class: "error" }, (err as Error).message));
      return;
    }
    const s = this.#session;
    $("sso-session").replaceChildren(
      h("h3", {}, "Role credentials"),
      h("dl", { class: "sso-session", "data-session": s.sessionArn },
        h("dt", {}, "Role"), h("dd", {}, h("code", {}, s.roleArn)),
        h("dt", {}, "Session"), h("dd", {}, h("code", { id: "sso-session-arn" }, s.sessionArn)),
        h("dt", {}, "Expires"), h("dd", {}, `${s.expiration.toISOString()} (${s.durationSeconds / 3600} h, the permission set's session duration)`)),
    );
    this.#decide();
  }

  #decide(): void {
    const box = this.#box;
    const s = this.#session;
    const out = $("sso-decision");
    if (!box || !s) return;
    const request = this.#links.request();
    if (!request) {
      out.replaceChildren(h("p", { class: "hint" }, "Fill in the request to decide it as this session."));
      return;
    }
    try {
      out.replaceChildren(...decisionBlock(box, s, request, box.decide(s, request)));
    } catch (err) {
      out.replaceChildren(h("p", { class: "error" }, `The request could not be decided: ${(err as Error).message}`));
    }
  }

  #reset(text: string): void {
    this.#box = undefined;
    this.#session = undefined;
    ($("sso-user") as HTMLSelectElement).replaceChildren();
    for (const id of ["sso-access", "sso-session", "sso-decision"]) $(id).replaceChildren();
    $("sso-status").textContent = text;
  }
}

function accessTable(rows: PortalAccess[], get: (a: PortalAccess) => void): HTMLElement {
  return h("table", { class: "sso-access" },
    h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Account"), h("th", { scope: "col" }, "Permission set"), h("th", { scope: "col" }, "Assigned"), h("th", { scope: "col" }, h("span", { class: "sr" }, "Credentials")))),
    h("tbody", {}, ...rows.map((a) => h("tr", { "data-account": a.accountId, "data-permission-set": a.permissionSet },
      h("td", {}, `${a.accountName} `, h("code", {}, a.accountId)),
      h("td", {}, a.permissionSet),
      h("td", { class: "sso-via" }, a.via.map((v) => (v === "user" ? "to the user" : `through group ${v}`)).join(", ")),
      h("td", {}, h("button", { type: "button", class: "sso-get-credentials", onclick: () => get(a) }, "Get role credentials"))))),
  );
}

/** The decision as the session: the decision, its reason in words, and the statements that decided. */
function decisionBlock(box: IdentityCenterSandbox, s: RoleSession, request: AuthorizationRequest, r: AuthorizationResult): Node[] {
  const statements = r.matchedStatements.map((m) => h("li", { "data-kind": m.kind, "data-effect": m.effect }, `${m.effect} by ${policyLabel(box, m.kind, m.policyId)}, statement ${m.sid ?? `#${m.statementIndex + 1}`}`));
  return [
    h("h3", {}, `${request.action} on ${request.resource ?? "*"} as ${s.userName}`),
    h("p", { id: "sso-decision-result", class: `decision ${DECISION_CLASS[r.decision]}`, "data-decision": r.decision, "data-reason": r.reason.code }, `${DECISION_TEXT[r.decision]} (${r.reason.code})`),
    h("p", { id: "sso-reason" }, reasonText(r, [])),
    ...(statements.length ? [h("ul", { id: "sso-statements" }, ...statements)] : []),
  ];
}

function policyLabel(box: IdentityCenterSandbox, kind: string, policyId: string): string {
  if (kind === "scp" || kind === "rcp") return `the ${kind.toUpperCase()} ${policyById(box.org, policyId)?.name ?? policyId}`;
  const at = policyId.lastIndexOf("#");
  return `the role's ${at >= 0 ? policyId.slice(at + 1) : policyId} (${kind})`;
}
