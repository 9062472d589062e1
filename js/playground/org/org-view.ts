/**
 * @module playground/org/org-view
 * The Organization panel: load the sample organization, a file, or edited JSON (org-input.ts's
 * format), draw the tree (root, OUs, accounts) with the SCPs and RCPs attached to each, and, after
 * every evaluation, which level denies the request pane's request (guardrail-verdict.ts), marked
 * in the tree. The organization stays in the page, never in a share link (like a GAAD file).
 */
import type { AuthorizationRequest, Engine } from "../../entries/browser.ts";
import type { Organization } from "../../org/index.ts";
import { $, h } from "../dom.ts";
import { GuardrailView, levelName, verdictSentence, type LevelVerdict, type LevelsOf, type OrgVerdict } from "./guardrail-verdict.ts";
import { organizationFromText, OrgInputError } from "./org-input.ts";
import { SAMPLE_ORGANIZATION_TEXT } from "./org-sample.ts";
import { orgTree, type AttachedPolicy, type TreeNode } from "./org-tree.ts";

const KIND: Record<TreeNode["type"], string> = { ROOT: "Root", ORGANIZATIONAL_UNIT: "OU", ACCOUNT: "Account" };
const OUTCOME: Record<LevelVerdict["outcome"], string> = { allow: "allows", deny: "denies", "no-allow": "has no Allow" };

export class OrgView {
  #org: Organization | undefined;
  readonly #view: GuardrailView;
  readonly #request: () => AuthorizationRequest | undefined;
  readonly #loaded: (org: Organization) => void;

  /** `request`: the request pane's request (undefined when it cannot be formed); `loaded`: told of each new organization. */
  constructor(engine: Engine, request: () => AuthorizationRequest | undefined, loaded: (org: Organization) => void) {
    this.#view = new GuardrailView(engine);
    this.#request = request;
    this.#loaded = loaded;
  }

  get organization(): Organization | undefined {
    return this.#org;
  }

  wire(): void {
    $("org-load-sample").addEventListener("click", () => this.load(SAMPLE_ORGANIZATION_TEXT));
    $("org-apply").addEventListener("click", () => this.load(($("org-json") as HTMLTextAreaElement).value));
    $("org-file").addEventListener("change", async (e) => {
      const file = (e.target as HTMLInputElement).files?.[0];
      if (file) this.load(await file.text());
    });
  }

  /** Builds the organization from text; a refusal is shown with its code, path and line, and the previous organization stays. */
  load(text: string): boolean {
    const status = $("org-status");
    try {
      const org = organizationFromText(text);
      this.#org = org;
      ($("org-json") as HTMLTextAreaElement).value = text;
      status.className = "";
      status.textContent = `Loaded organization ${org.id}: ${org.state.ous.length} OUs, ${org.state.accounts.length} accounts, ${org.state.policies.length} policies.`;
      this.#loaded(org);
      this.evaluated();
      return true;
    } catch (err) {
      status.className = "error";
      status.textContent = `The organization was not loaded: ${problem(err)}`;
      return false;
    }
  }

  /** Redraws the tree and the verdict for the request pane's current request. */
  evaluated(): void {
    const org = this.#org;
    if (!org) return;
    let verdict: OrgVerdict | undefined;
    let failure = "";
    const request = this.#request();
    try {
      if (request) verdict = this.#view.verdict(org, request);
    } catch (err) {
      failure = (err as Error).message;
    }
    $("org-tree").replaceChildren(node(orgTree(org), verdict));
    $("org-verdict").replaceChildren(...verdictBlock(verdict, failure));
  }
}

function problem(err: unknown): string {
  if (!(err instanceof OrgInputError)) return (err as Error).message;
  const at = [err.path ? `at ${err.path}` : "", err.line ? `line ${err.line}, column ${err.column}` : ""].filter(Boolean).join(", ");
  return `${err.code}: ${err.message}${at ? ` (${at})` : ""}`;
}

/** The verdict's sentence and each level's line, SCPs then RCPs. */
function verdictBlock(v: OrgVerdict | undefined, failure: string): Node[] {
  if (!v) return [h("p", { id: "org-verdict-sentence", "data-outcome": "none", class: "hint" }, failure ? `The request could not be decided: ${failure}` : "Fill in the request to see which level decides it.")];
  const outcome = v.denied.length ? "deny" : v.scp.applies || v.rcp.applies ? "allow" : "none";
  return [
    h("p", { id: "org-verdict-sentence", "data-outcome": outcome, class: `org-verdict ${outcome}` }, verdictSentence(v)),
    levelList("SCP", `the principal's account ${v.principalAccount ?? "(unknown)"}`, v.scp),
    levelList("RCP", `the resource's account ${v.resourceAccount ?? "(unknown)"}`, v.rcp),
  ];
}

function levelList(kind: "SCP" | "RCP", whose: string, levels: LevelsOf): HTMLElement {
  if (!levels.applies) return h("p", { class: "hint", "data-kind": kind }, `${kind}s: do not apply (${levels.why}).`);
  return h("div", { "data-kind": kind },
    h("p", { class: "hint" }, `${kind} levels of ${whose}, root first:`),
    h("ol", { class: "org-levels" }, ...levels.levels.map((l) => h("li", { "data-outcome": l.outcome, "data-target": l.targetId, class: l.outcome === "allow" ? "yes" : "no" },
      `${levelName(l)} ${OUTCOME[l.outcome]}`,
      l.statement ? ` (${l.statement.policyName}, statement ${l.statement.sid ?? `#${l.statement.index + 1}`})` : ""))),
  );
}

/** One target with its attachments and its children; a level of the verdict marks it. */
function node(n: TreeNode, v: OrgVerdict | undefined): HTMLElement {
  const scp = levelAt(v?.scp, n.id);
  const rcp = levelAt(v?.rcp, n.id);
  return h("li", { class: "org-node", "data-target": n.id, "data-type": n.type, "data-scp": scp?.outcome, "data-rcp": rcp?.outcome },
    h("div", { class: "org-head" },
      h("span", { class: "org-kind" }, KIND[n.type]), " ", h("strong", {}, n.name), " ", h("code", {}, n.id),
      n.management ? h("span", { class: "hint" }, " management account: SCPs and RCPs do not apply") : null),
    h("div", { class: "org-policies" }, ...n.scps.map((p) => chip(p, "SCP", scp)), ...n.rcps.map((p) => chip(p, "RCP", rcp))),
    n.children.length ? h("ul", {}, ...n.children.map((c) => node(c, v))) : null,
  );
}

function levelAt(levels: LevelsOf | undefined, targetId: string): LevelVerdict | undefined {
  return levels?.applies ? levels.levels.find((l) => l.targetId === targetId) : undefined;
}

function chip(p: AttachedPolicy, kind: "SCP" | "RCP", level: LevelVerdict | undefined): HTMLElement {
  const denies = level?.outcome === "deny" && level.statement?.policyId === p.id;
  return h("span", { class: `org-policy ${kind.toLowerCase()}${denies ? " denies" : ""}`, "data-policy": p.name, "data-kind": kind, title: p.id }, `${kind} ${p.name}`);
}
