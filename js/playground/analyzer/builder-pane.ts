/**
 * @module playground/analyzer/builder-pane
 * The visual policy builder: pick a service, then actions by access level (or search every
 * action of the catalog), then resources from the chosen actions' resource types (ARN templates
 * drafted with `*` to replace), then conditions with the keys those actions support and the
 * operators that fit each key's type. It edits one statement of one editor: each change writes
 * the statement into the JSON, and an edit of the JSON is read back into the builder when the
 * statement has the builder's shape (./builder-model.ts). In a resource or trust policy it also
 * edits Principal (anyone, or account ids and ARNs, service principals, federated providers),
 * and keeps a NotPrincipal as written. The catalog loads when it is opened.
 */
import type { ActionInfo } from "../../analyzer/index.ts";
import { $, h } from "../dom.ts";
import type { Slot } from "../editors-pane.ts";
import { draftArn, fromStatement, operatorsFor, PRINCIPAL_TYPES, statementsOf, withStatement, type BuiltStatement, type PrincipalType } from "./builder-model.ts";
import { loadAnalyzer, type Catalog } from "./load-analyzer.ts";

/** Global keys offered with every action ("AWS global condition context keys"); any other key can be typed. */
const GLOBAL_KEYS = [
  "aws:SourceIp", "aws:SecureTransport", "aws:MultiFactorAuthPresent", "aws:RequestedRegion", "aws:CurrentTime",
  "aws:PrincipalOrgID", "aws:PrincipalTag/${TagKey}", "aws:ResourceTag/${TagKey}", "aws:RequestTag/${TagKey}", "aws:TagKeys",
  "aws:SourceVpce", "aws:ViaAWSService", "aws:CalledVia",
];
const LEVELS = ["List", "Read", "Write", "Permissions management", "Tagging"];
const EDITABLE = new Set(["identity", "boundary", "session", "scp", "resource", "trust"]);
/** The policies whose statements name a Principal ("AWS JSON policy elements: Principal"). */
const WITH_PRINCIPAL = new Set(["resource", "trust"]);
const MAX_SEARCH = 30;
const PRINCIPAL_HINTS: Record<PrincipalType, string> = {
  AWS: "111122223333, or arn:aws:iam::111122223333:role/name",
  Service: "cloudtrail.amazonaws.com",
  Federated: "arn:aws:iam::111122223333:saml-provider/name, or accounts.google.com",
  CanonicalUser: "an S3 canonical user id",
};

/** A new statement; in a resource or trust policy it starts with one principal to fill in. */
const blank = (service: string, kind?: string): BuiltStatement => ({
  sid: "", effect: "Allow", service, actions: [], resources: [], conditions: [],
  ...(kind && WITH_PRINCIPAL.has(kind) ? { principal: { anyone: false, entries: [{ type: kind === "trust" ? "Service" : "AWS", value: "" }] } } : {}),
});

export class BuilderPane {
  readonly #slots: () => readonly Slot[];
  #catalog?: Catalog;
  #b: BuiltStatement = blank("s3");
  #target = "identity-1";
  #index = 0;
  /** The text the builder last wrote: its own echo is not read back (null: read the editor whatever it holds, an empty one too). */
  #written: string | null = null;

  constructor(slots: () => readonly Slot[]) {
    this.#slots = slots;
  }

  wire(): void {
    $("builder").append(
      h("div", { class: "group-head" }, h("h2", { id: "builder-title" }, "Policy builder"),
        h("button", { type: "button", id: "builder-open", onclick: () => void this.open() }, "Open the builder")),
      h("p", { class: "hint" }, "Service, actions by access level, resources by ARN template, conditions by key type: the statement is written into the JSON, and edits of the JSON come back here."),
      h("div", { id: "builder-body", hidden: true }),
    );
  }

  async open(): Promise<void> {
    $("builder-open").hidden = true;
    const body = $("builder-body");
    body.hidden = false;
    body.replaceChildren(h("p", {}, "Loading the action catalog…"));
    try {
      this.#catalog = (await loadAnalyzer()).catalog;
    } catch (err) {
      body.replaceChildren(h("p", { class: "problem" }, `The catalog did not load: ${(err as Error).message}`));
      return;
    }
    this.#written = null;
    this.sync();
  }

  /** After each evaluation (and on opening): reads the target statement back unless the builder wrote it. */
  sync(): void {
    if (!this.#catalog) return;
    const slot = this.#slot();
    if (!slot) return void $("builder-body").replaceChildren(h("p", {}, "No policy editor to build into."));
    this.#target = slot.id;
    const text = slot.editor.text;
    if (text === this.#written && $("builder-form")) return;
    this.#written = text;
    const read = statementsOf(text);
    let note = "";
    if ("reason" in read) note = `The builder cannot read the policy: ${read.reason}.`;
    else {
      this.#index = Math.min(this.#index, read.statements.length);
      const back = this.#index < read.statements.length ? fromStatement(read.statements[this.#index]) : { statement: blank(this.#b.service, slot.kind) };
      if ("statement" in back) this.#b = back.statement;
      else note = `Statement ${this.#index} is not shown: ${back.reason}. A change here replaces it.`;
    }
    this.#render("reason" in read ? 0 : read.statements.length, note);
  }

  #slot(): Slot | undefined {
    const editable = this.#slots().filter((s) => EDITABLE.has(s.kind));
    return editable.find((s) => s.id === this.#target) ?? editable[0];
  }

  /** Writes the statement into the target editor (once it has an action). */
  #write(): void {
    const slot = this.#slot();
    if (!slot || this.#b.actions.length === 0) return;
    const text = withStatement(slot.editor.text, this.#index, this.#b, { resource: slot.kind !== "trust" });
    if (typeof text !== "string") return void ($("builder-note").textContent = `Not written: ${text.reason}.`);
    this.#written = text;
    slot.editor.text = text;
    $("builder-note").textContent = `Statement ${this.#index} of ${slot.label} is written.`;
  }

  /** Structural change: write, then draw again. */
  #change(): void {
    this.#write();
    const written = this.#slot()?.editor.text ?? "";
    this.#written = written;
    const read = statementsOf(written);
    this.#render("reason" in read ? 0 : read.statements.length, $("builder-note")?.textContent ?? "");
  }

  #render(count: number, note: string): void {
    // Drawing again replaces the controls: keep the keyboard's place (the control with this id or action).
    const active = document.activeElement as HTMLElement | null;
    const place = active?.id ? `#${active.id}` : active?.dataset.action ? `input[data-action="${active.dataset.action}"]` : "";
    this.#draw(count, note);
    if (place && $("builder-body").contains(active) === false) ($("builder-body").querySelector(place) as HTMLElement | null)?.focus();
  }

  #draw(count: number, note: string): void {
    $("builder-body").replaceChildren(h("div", { id: "builder-form", class: "fields" },
      this.#targetRow(count),
      h("p", { id: "builder-note", class: "hint", role: "status" }, note),
      h("label", {}, "Effect", h("select", { id: "builder-effect", onchange: (e: Event) => { this.#b.effect = (e.target as HTMLSelectElement).value as "Allow"; this.#change(); } },
        ...["Allow", "Deny"].map((v) => h("option", { value: v, selected: this.#b.effect === v }, v)))),
      h("label", {}, "Sid", h("input", { id: "builder-sid", value: this.#b.sid, spellcheck: "false", oninput: (e: Event) => { this.#b.sid = (e.target as HTMLInputElement).value.replace(/[^A-Za-z0-9]/g, ""); this.#write(); } })),
      this.#principalRow(),
      this.#searchRow(),
      this.#serviceRow(),
      this.#actionsRow(),
      this.#slot()?.kind === "trust" ? null : this.#resourcesRow(),
      this.#conditionsRow(),
    ));
  }

  #targetRow(count: number): HTMLElement {
    const editable = this.#slots().filter((s) => EDITABLE.has(s.kind));
    return h("div", { class: "row-actions" },
      h("label", {}, "Policy", h("select", { id: "builder-target", onchange: (e: Event) => { this.#target = (e.target as HTMLSelectElement).value; this.#index = 0; this.#written = null; this.sync(); } },
        ...editable.map((s) => h("option", { value: s.id, selected: s.id === this.#target }, s.label)))),
      h("label", {}, "Statement", h("select", { id: "builder-statement", onchange: (e: Event) => { this.#index = Number((e.target as HTMLSelectElement).value); this.#written = null; this.sync(); } },
        ...Array.from({ length: count }, (_, i) => h("option", { value: String(i), selected: i === this.#index }, `statement ${i}`)),
        h("option", { value: String(count), selected: this.#index >= count }, "a new statement"))));
  }

  /** Principal, for resource and trust policies (or a statement that has one): anyone, or names by principal type. */
  #principalRow(): HTMLElement | null {
    const kind = this.#slot()?.kind ?? "";
    const b = this.#b;
    if (!WITH_PRINCIPAL.has(kind) && !b.principal && b.notPrincipal === undefined) return null;
    const p = b.principal ?? { anyone: false, entries: [] };
    const entries = p.anyone ? [] : p.entries;
    const setEntries = (list: { type: PrincipalType; value: string }[]) => { b.principal = { anyone: false, entries: list }; };
    const rows = entries.map((e, i) => h("div", { class: "row-actions builder-principal", "data-index": i },
      h("select", { class: "builder-principal-type", "aria-label": `Principal ${i + 1} type`, onchange: (ev: Event) => { e.type = (ev.target as HTMLSelectElement).value as PrincipalType; this.#change(); } },
        ...PRINCIPAL_TYPES.map((t) => h("option", { value: t, selected: t === e.type }, t))),
      h("input", { class: "builder-principal-value", value: e.value, spellcheck: "false", "aria-label": `Principal ${i + 1} (${e.type})`, placeholder: PRINCIPAL_HINTS[e.type],
        oninput: (ev: Event) => { e.value = (ev.target as HTMLInputElement).value; this.#write(); } }),
      h("button", { type: "button", class: "small", onclick: () => { setEntries(entries.filter((_, j) => j !== i)); this.#change(); } }, "Remove")));
    return h("div", { id: "builder-principal" }, h("h3", {}, "Principal"),
      h("label", { class: "check" }, h("input", { type: "checkbox", id: "builder-anyone", checked: p.anyone,
        onchange: (ev: Event) => { b.principal = (ev.target as HTMLInputElement).checked ? { anyone: true } : { anyone: false, entries: [{ type: "AWS", value: "" }] }; this.#change(); } }), 'Anyone ("*")'),
      ...rows,
      p.anyone ? null : h("button", { type: "button", id: "builder-add-principal", class: "small", onclick: () => { setEntries([...entries, { type: "AWS", value: "" }]); this.#change(); } }, "Add principal"),
      b.notPrincipal !== undefined ? h("p", { id: "builder-not-principal", class: "hint" }, `NotPrincipal is kept as written: ${JSON.stringify(b.notPrincipal)}`) : null);
  }

  #searchRow(): HTMLElement {
    const results = h("div", { id: "builder-search-results", class: "offered" });
    const search = (q: string) => results.replaceChildren(...this.#search(q).map((a) => h("button", {
      type: "button", class: "chip small", "data-action": `${a.service}:${a.name}`,
      onclick: () => { this.#pickService(a.service); this.#b.actions = [`${a.service}:${a.name}`]; this.#change(); },
    }, `${a.service}:${a.name} (${a.accessLevel})`)));
    return h("div", {}, h("label", {}, "Search every action", h("input", { id: "builder-search", type: "search", spellcheck: "false", placeholder: "getobject, passrole, ec2:Stop…", oninput: (e: Event) => search((e.target as HTMLInputElement).value) })), results);
  }

  /** Actions of the whole catalog whose `service:Name` contains the query (ignoring case). */
  #search(query: string): ActionInfo[] {
    const q = query.trim().toLowerCase();
    const catalog = this.#catalog!;
    if (q.length < 2) return [];
    const out: ActionInfo[] = [];
    for (const p of catalog.servicePrefixes) {
      for (const name of catalog.actionNames(p)) {
        if (`${p}:${name}`.toLowerCase().includes(q)) out.push(catalog.action(p, name)!);
        if (out.length >= MAX_SEARCH) return out;
      }
    }
    return out;
  }

  #pickService(service: string): void {
    if (service === this.#b.service) return;
    const { effect, sid, principal, notPrincipal } = this.#b;
    this.#b = { ...blank(service), effect, sid, ...(principal ? { principal } : {}), ...(notPrincipal !== undefined ? { notPrincipal } : {}) };
  }

  #serviceRow(): HTMLElement {
    const catalog = this.#catalog!;
    const prefixes = [...catalog.servicePrefixes].sort();
    return h("label", {}, "Service", h("select", { id: "builder-service", onchange: (e: Event) => { this.#pickService((e.target as HTMLSelectElement).value); this.#change(); } },
      ...prefixes.map((p) => h("option", { value: p, selected: p === this.#b.service }, `${p}: ${catalog.serviceName(p) ?? ""}`))));
  }

  #chosen(): ActionInfo[] {
    return this.#b.actions.map((a) => this.#catalog!.action(this.#b.service, a.slice(a.indexOf(":") + 1))).filter((a): a is ActionInfo => a !== undefined);
  }

  #actionsRow(): HTMLElement {
    const catalog = this.#catalog!;
    const all = catalog.actionNames(this.#b.service).map((n) => catalog.action(this.#b.service, n)!);
    const chosen = new Set(this.#b.actions.map((a) => a.toLowerCase()));
    const levels = [...new Set([...LEVELS, ...all.map((a) => a.accessLevel)])].filter((l) => all.some((a) => a.accessLevel === l));
    const toggle = (id: string, on: boolean) => {
      this.#b.actions = on ? [...this.#b.actions, id] : this.#b.actions.filter((a) => a.toLowerCase() !== id.toLowerCase());
      this.#change();
    };
    return h("div", { class: "builder-actions", id: "builder-actions", role: "group", "aria-label": "Actions by access level" },
      ...levels.map((level) => h("fieldset", { "data-level": level }, h("legend", {}, level),
        ...all.filter((a) => a.accessLevel === level).map((a) => {
          const id = `${a.service}:${a.name}`;
          return h("label", {}, h("input", { type: "checkbox", "data-action": id, checked: chosen.has(id.toLowerCase()), onchange: (e: Event) => toggle(id, (e.target as HTMLInputElement).checked) }), id);
        }))));
  }

  #resourcesRow(): HTMLElement {
    const catalog = this.#catalog!;
    const types = new Map<string, string>();
    for (const a of this.#chosen()) for (const t of a.resourceTypes) {
      const info = catalog.resourceType(a.service, t.name);
      if (info) types.set(t.name, info.arn);
    }
    const rows = this.#b.resources.map((arn, i) => h("div", { class: "row-actions" },
      h("input", { value: arn, spellcheck: "false", "aria-label": `Resource ${i + 1}`, class: "builder-resource", oninput: (e: Event) => { this.#b.resources[i] = (e.target as HTMLInputElement).value; this.#write(); } }),
      h("button", { type: "button", class: "small", onclick: () => { this.#b.resources.splice(i, 1); this.#change(); } }, "Remove")));
    return h("div", { class: "builder-resources", id: "builder-resources" }, h("h3", {}, "Resources"),
      h("p", { class: "hint" }, this.#b.resources.length ? "Replace each * with a name, or keep it." : types.size ? "None chosen: Resource is *. Add an ARN of a resource type:" : "These actions take no resource type: Resource is *."),
      ...rows,
      h("div", { class: "offered" }, ...[...types].map(([name, arn]) => h("button", {
        type: "button", class: "chip small", "data-type": name, title: arn,
        onclick: () => { this.#b.resources.push(draftArn(arn)); this.#change(); },
      }, `${name}: ${arn}`))));
  }

  /** The condition keys the chosen actions support (their own and their resource types'), then the global ones. */
  #keys(): string[] {
    const keys = new Set<string>();
    for (const a of this.#chosen()) {
      for (const k of a.conditionKeys) keys.add(k);
      for (const t of a.resourceTypes) for (const k of this.#catalog!.resourceType(a.service, t.name)?.conditionKeys ?? []) keys.add(k);
    }
    return [...[...keys].sort(), ...GLOBAL_KEYS.filter((k) => !keys.has(k))];
  }

  #conditionsRow(): HTMLElement {
    const keys = this.#keys();
    const rows = this.#b.conditions.map((c, i) => {
      const type = this.#catalog!.conditionKey(c.key)?.type ?? "String";
      const ops = operatorsFor(type);
      if (!ops.includes(c.operator)) c.operator = ops[0];
      return h("div", { class: "builder-cond", "data-index": i },
        h("input", { value: c.key, list: "builder-keys", spellcheck: "false", "aria-label": `Condition ${i + 1} key`, class: "builder-key",
          onchange: (e: Event) => { c.key = (e.target as HTMLInputElement).value.trim(); this.#change(); } }),
        h("select", { "aria-label": `Condition ${i + 1} operator (${type})`, class: "builder-op", onchange: (e: Event) => { c.operator = (e.target as HTMLSelectElement).value; this.#change(); } },
          ...ops.map((o) => h("option", { value: o, selected: o === c.operator }, o))),
        h("input", { value: c.values.join(", "), spellcheck: "false", "aria-label": `Condition ${i + 1} values (comma-separated)`, class: "builder-values",
          oninput: (e: Event) => { c.values = (e.target as HTMLInputElement).value.split(",").map((v) => v.trim()).filter(Boolean); this.#write(); } }),
        h("button", { type: "button", class: "small", onclick: () => { this.#b.conditions.splice(i, 1); this.#change(); } }, "Remove"));
    });
    return h("div", { id: "builder-conditions" }, h("h3", {}, "Conditions"),
      h("datalist", { id: "builder-keys" }, ...keys.map((k) => h("option", { value: k }))),
      ...rows,
      h("button", { type: "button", id: "builder-add-condition", onclick: () => {
        const key = keys[0] ?? "aws:SourceIp";
        this.#b.conditions.push({ key, operator: operatorsFor(this.#catalog!.conditionKey(key)?.type ?? "String")[0], values: [] });
        this.#change();
      } }, "Add condition"));
  }
}
