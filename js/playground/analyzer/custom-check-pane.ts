/**
 * @module playground/analyzer/custom-check-pane
 * The custom-check pane: Access Analyzer's CheckNoNewAccess (the policy of an editor against an
 * existing one, pasted or another editor's), CheckAccessNotGranted (actions and resources) and
 * CheckNoPublicAccess (a resource policy and its resource type), decided offline by the engine.
 * Shows PASS or FAIL, the message, the reasons with statement indexes and, on FAIL, the example
 * request with a button that loads it into the request form and decides it.
 */
import type { AccessCheckResourceType, CustomCheckResponse, ExampleRequest } from "../../analyzer/index.ts";
import type { Engine } from "../../entries/browser.ts";
import { $, h } from "../dom.ts";
import type { Slot } from "../editors-pane.ts";
import { loadAnalyzer } from "./load-analyzer.ts";

export type CheckName = "no-new-access" | "access-not-granted" | "no-public-access";

/** What the pane needs of the page. */
export interface CheckHost {
  slots(): readonly Slot[];
  /** Puts a request into the request form and decides it. */
  loadRequest(example: ExampleRequest): void;
}

/** CheckNoPublicAccess's resource types (its API reference), the ones with a policy the playground can hold. */
const PUBLIC_TYPES: AccessCheckResourceType[] = [
  "AWS::S3::Bucket", "AWS::S3::AccessPoint", "AWS::S3::Glacier", "AWS::S3Express::DirectoryBucket", "AWS::S3Express::AccessPoint",
  "AWS::S3Outposts::Bucket", "AWS::S3Outposts::AccessPoint", "AWS::S3Tables::Table", "AWS::S3Tables::TableBucket",
  "AWS::DynamoDB::Table", "AWS::DynamoDB::Stream", "AWS::KMS::Key", "AWS::Lambda::Function", "AWS::SQS::Queue", "AWS::SNS::Topic",
  "AWS::SecretsManager::Secret", "AWS::EFS::FileSystem", "AWS::Kinesis::Stream", "AWS::Kinesis::StreamConsumer",
  "AWS::OpenSearchService::Domain", "AWS::ApiGateway::RestApi", "AWS::Backup::BackupVault", "AWS::CodeArtifact::Domain",
  "AWS::CloudTrail::Dashboard", "AWS::CloudTrail::EventDataStore", "AWS::IAM::AssumeRolePolicyDocument",
];

/** Splits a list typed by hand: commas or new lines. */
export const splitList = (text: string): string[] => text.split(/[\n,]/).map((s) => s.trim()).filter(Boolean);

const field = (id: string) => ($(id) as HTMLInputElement).value;

export class CustomCheckPane {
  readonly #engine: Engine;
  readonly #host: CheckHost;

  constructor(engine: Engine, host: CheckHost) {
    this.#engine = engine;
    this.#host = host;
  }

  /** Builds the pane's form into `#custom-check` (index.html holds only the section). */
  wire(): void {
    const section = $("custom-check");
    const choose = (id: string, label: string) => h("label", {}, label, h("select", { id, onfocus: () => this.refreshPolicies() }));
    section.append(
      h("h2", { id: "check-title" }, "Custom policy checks"),
      h("p", { class: "hint" }, "Access Analyzer's custom checks, decided here by the engine: on FAIL, a request the policy allows that the check forbids."),
      h("div", { class: "fields" },
        h("label", {}, "Check", h("select", { id: "check-kind", onchange: () => this.#kindChanged() },
          h("option", { value: "no-new-access" }, "CheckNoNewAccess: what does the policy add?"),
          h("option", { value: "access-not-granted" }, "CheckAccessNotGranted: actions or resources it must not allow"),
          h("option", { value: "no-public-access" }, "CheckNoPublicAccess: a resource policy open to anyone"))),
        choose("check-policy", "Policy to check"),
        h("div", { id: "check-existing-row" }, choose("check-existing", "Existing policy"),
          h("textarea", { id: "check-existing-text", rows: 6, spellcheck: "false", "aria-label": "Existing policy (JSON)", placeholder: '{"Version":"2012-10-17","Statement":[...]}' })),
        h("label", { id: "check-actions-row" }, "Actions", h("textarea", { id: "check-actions", rows: 2, spellcheck: "false", placeholder: "s3:DeleteBucket, iam:PassRole" })),
        h("label", { id: "check-resources-row" }, "Resources", h("textarea", { id: "check-resources", rows: 2, spellcheck: "false", placeholder: "arn:aws:s3:::amzn-s3-demo-bucket" })),
        h("label", { id: "check-type-row" }, "Resource type", h("select", { id: "check-resource-type" }, ...PUBLIC_TYPES.map((t) => h("option", { value: t }, t))))),
      h("div", { class: "row-actions" }, h("button", { type: "button", id: "check-run", onclick: () => void this.run() }, "Run check")),
      h("div", { id: "check-result", "aria-live": "polite" }),
    );
    this.refreshPolicies();
    this.#showInputs();
  }

  /** The policy pickers list the editors as they are now. */
  refreshPolicies(): void {
    const slots = this.#host.slots();
    for (const [id, pasted] of [["check-policy", false], ["check-existing", true]] as const) {
      const select = $(id) as HTMLSelectElement;
      const before = select.value;
      select.replaceChildren(
        ...(pasted ? [h("option", { value: "" }, "pasted below")] : []),
        ...slots.map((s) => h("option", { value: s.id }, s.label)),
      );
      if (Array.from(select.options).some((o) => o.value === before)) select.value = before;
    }
  }

  /** CheckNoPublicAccess takes a resource policy (AWS's API: policyDocument and resourceType): the resource editor is the natural pick. */
  #kindChanged(): void {
    this.#showInputs();
    if (field("check-kind") !== "no-public-access") return;
    const picked = this.#host.slots().find((s) => s.id === field("check-policy"));
    const resource = this.#host.slots().find((s) => s.kind === "resource" || s.kind === "trust");
    if (!resource || picked?.kind === "resource" || picked?.kind === "trust") return;
    ($("check-policy") as HTMLSelectElement).value = resource.id;
    if (resource.kind === "trust") ($("check-resource-type") as HTMLSelectElement).value = "AWS::IAM::AssumeRolePolicyDocument";
  }

  #showInputs(): void {
    const kind = field("check-kind") as CheckName;
    $("check-existing-row").hidden = kind !== "no-new-access";
    $("check-actions-row").hidden = kind !== "access-not-granted";
    $("check-resources-row").hidden = kind !== "access-not-granted";
    $("check-type-row").hidden = kind !== "no-public-access";
  }

  async run(): Promise<void> {
    this.refreshPolicies();
    const box = $("check-result");
    box.dataset.result = "running";
    box.replaceChildren(h("p", {}, "Checking…"));
    try {
      const response = await this.#check(field("check-kind") as CheckName);
      this.#render(response);
    } catch (err) {
      box.dataset.result = "problem";
      box.replaceChildren(h("p", { class: "problem" }, (err as Error).message));
    }
  }

  async #check(kind: CheckName): Promise<CustomCheckResponse> {
    const slot = this.#host.slots().find((s) => s.id === field("check-policy"));
    if (!slot) throw new Error("Pick the policy to check.");
    const text = slot.editor.text;
    const policyType = slot.kind === "resource" || slot.kind === "trust" ? "RESOURCE_POLICY" : "IDENTITY_POLICY";
    const { analyzer } = await loadAnalyzer();
    const options = { engine: this.#engine };
    if (kind === "no-public-access") return analyzer.checkNoPublicAccess({ policyDocument: text, resourceType: field("check-resource-type") as AccessCheckResourceType }, options);
    if (kind === "access-not-granted") {
      const actions = splitList(field("check-actions"));
      const resources = splitList(field("check-resources"));
      if (!actions.length && !resources.length) throw new Error("List at least one action or resource.");
      return analyzer.checkAccessNotGranted({
        policyDocument: text, policyType, access: [{ ...(actions.length ? { actions } : {}), ...(resources.length ? { resources } : {}) }],
      }, options);
    }
    const other = this.#host.slots().find((s) => s.id === field("check-existing"));
    const existing = other ? other.editor.text : field("check-existing-text");
    if (!existing.trim()) throw new Error("Paste the existing policy, or pick another editor's.");
    return analyzer.checkNoNewAccess({ newPolicyDocument: text, existingPolicyDocument: existing, policyType }, options);
  }

  #render(r: CustomCheckResponse): void {
    const box = $("check-result");
    box.dataset.result = r.result;
    const reasons = r.reasons.map((x) => h("li", { "data-statement": x.statementIndex ?? "" },
      x.statementIndex !== undefined ? h("strong", {}, `Statement ${x.statementIndex}${x.statementId ? ` (${x.statementId})` : ""}: `) : null, x.description));
    const example = r.exampleRequest;
    box.replaceChildren(
      h("p", { class: `check-verdict ${r.result.toLowerCase()}`, id: "check-verdict" }, h("strong", {}, r.result), ` ${r.message}`),
      ...(reasons.length ? [h("ul", { id: "check-reasons" }, ...reasons)] : []),
      ...(example ? [
        h("p", {}, "Example request the policy allows and the check forbids:"),
        h("pre", { id: "check-example" }, JSON.stringify(example, null, 2)),
        h("button", { type: "button", id: "check-load-example", onclick: () => this.#host.loadRequest(example) }, "Load into the request form and decide"),
      ] : []),
    );
  }
}
