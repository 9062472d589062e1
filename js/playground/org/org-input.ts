/**
 * @module playground/org/org-input
 * The organization view's input format (docs/playground.md, "Organization input"): one JSON
 * object a user writes from what `aws organizations list-roots`, `list-organizational-units-for-parent`,
 * `list-accounts-for-parent`, `list-policies-for-target` and `describe-policy` print, nested the
 * way the tree is, built into a js/org `Organization` through the Organizations operations
 * themselves (CreateOrganizationalUnit, CreateAccount, CreatePolicy, AttachPolicy, ...), so the
 * page holds what those calls accept and refuses what they refuse, with their error codes. No DOM.
 *
 * Both policy types are enabled, as an organization with SCPs and RCPs has them; enabling
 * attaches FullAWSAccess and RCPFullAWSAccess to every target ("SCP evaluation", "RCP syntax"),
 * and `"FullAWSAccess": false` on a target detaches FullAWSAccess there (an allow-list strategy).
 */
import { FULL_AWS_ACCESS_ID, Organization } from "../../org/index.ts";
import type { PolicyType } from "../../org/index.ts";

/** A policy of the organization: `describe-policy`'s PolicySummary fields and its Content. */
export interface OrgPolicyInput {
  Name: string;
  Type: PolicyType;
  Description?: string;
  /** The policy document: JSON text, as `describe-policy` prints it, or the object itself. */
  Content: string | object;
}

/** An account where it sits in the tree: `list-accounts-for-parent`'s Id and Name. */
export interface OrgAccountInput {
  Id: string;
  Name: string;
  /** Names of the SCPs and RCPs attached to the account (`list-policies-for-target`). */
  Policies?: string[];
  FullAWSAccess?: boolean;
}

/** The root or an OU: what is attached there and what is below it. */
export interface OrgNodeInput {
  Policies?: string[];
  FullAWSAccess?: boolean;
  Accounts?: OrgAccountInput[];
  OrganizationalUnits?: (OrgNodeInput & { Name: string })[];
}

export interface OrgDocument {
  ManagementAccountId: string;
  Policies?: OrgPolicyInput[];
  Root?: OrgNodeInput;
}

/** Bad input: a stable code, a message, the JSON Pointer of the value, and its line/column in the text when known. */
export class OrgInputError extends Error {
  constructor(readonly code: string, message: string, readonly path: string, readonly line?: number, readonly column?: number) {
    super(message);
    this.name = "OrgInputError";
  }
}

/** The most accounts the page takes (AWS's default quota is 10; the page allows a larger estate). */
export const MAX_ORG_ACCOUNTS = 100;
/** The most text the page reads (1 MB). */
export const MAX_ORG_TEXT = 1 << 20;

const TYPES: readonly string[] = ["SERVICE_CONTROL_POLICY", "RESOURCE_CONTROL_POLICY"];

/** Parses and builds; every refusal is an `OrgInputError`. */
export function organizationFromText(text: string): Organization {
  if (text.length > MAX_ORG_TEXT) throw new OrgInputError("TooLarge", `the organization is ${text.length} characters, over the ${MAX_ORG_TEXT} the page reads`, "");
  return organizationFrom(parseJson(text));
}

/** JSON.parse with the error's line and column (V8 names the offset as `position N`). */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    const offset = Number(/position (\d+)/.exec((err as Error).message)?.[1] ?? NaN);
    const at = Number.isFinite(offset) ? lineColumn(text, offset) : undefined;
    const where = at ? ` at line ${at.line}, column ${at.column}` : "";
    throw new OrgInputError("InvalidJson", `the organization is not JSON${where}: ${(err as Error).message}`, "", at?.line, at?.column);
  }
}

export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  return { line, column: offset - before.lastIndexOf("\n") };
}

/** Builds the organization a document describes (see the module doc). */
export function organizationFrom(doc: unknown): Organization {
  const d = object(doc, "");
  const management = string(d.ManagementAccountId, "/ManagementAccountId");
  if (!/^\d{12}$/.test(management)) throw new OrgInputError("InvalidAccountId", "ManagementAccountId must be 12 digits", "/ManagementAccountId");
  const org = step("", () => Organization.create(management, { FeatureSet: "ALL" }, { maxAccounts: MAX_ORG_ACCOUNTS }));
  const root = org.state.root.Id;
  for (const PolicyType of TYPES as PolicyType[]) org.enablePolicyType(management, { RootId: root, PolicyType });
  const ids = createPolicies(org, d.Policies);
  const b = new Builder(org, ids);
  if (d.Root !== undefined) b.node(object(d.Root, "/Root"), root, "/Root");
  return org;
}

function createPolicies(org: Organization, list: unknown): Map<string, string> {
  const ids = new Map<string, string>([["FullAWSAccess", FULL_AWS_ACCESS_ID]]);
  array(list ?? [], "/Policies").forEach((item, i) => {
    const path = `/Policies/${i}`;
    const p = object(item, path);
    const Name = string(p.Name, `${path}/Name`);
    const Type = string(p.Type, `${path}/Type`);
    if (!TYPES.includes(Type)) throw new OrgInputError("InvalidPolicyType", `Type must be SERVICE_CONTROL_POLICY or RESOURCE_CONTROL_POLICY, not \`${Type.slice(0, 64)}\``, `${path}/Type`);
    if (ids.has(Name)) throw new OrgInputError("DuplicatePolicy", `a policy named \`${Name}\` is listed twice`, `${path}/Name`);
    const content = typeof p.Content === "string" ? p.Content : p.Content && typeof p.Content === "object" ? JSON.stringify(p.Content) : undefined;
    if (content === undefined) throw new OrgInputError("MissingContent", "Content must be the policy document (JSON text or an object)", `${path}/Content`);
    const Description = p.Description === undefined ? "" : string(p.Description, `${path}/Description`);
    const created = step(path, () => org.createPolicy(org.managementAccountId, { Name, Description, Type: Type as PolicyType, Content: content }));
    ids.set(Name, created.Policy.PolicySummary.Id);
  });
  return ids;
}

/** Walks the tree, creating OUs and accounts and attaching policies, each at its JSON path. */
class Builder {
  readonly #seen = new Set<string>();

  constructor(readonly org: Organization, readonly ids: Map<string, string>) {}

  node(n: Record<string, unknown>, id: string, path: string): void {
    this.attach(n, id, path);
    array(n.Accounts ?? [], `${path}/Accounts`).forEach((a, i) => this.account(object(a, `${path}/Accounts/${i}`), id, `${path}/Accounts/${i}`));
    array(n.OrganizationalUnits ?? [], `${path}/OrganizationalUnits`).forEach((o, i) => {
      const at = `${path}/OrganizationalUnits/${i}`;
      const ou = object(o, at);
      const Name = string(ou.Name, `${at}/Name`);
      const created = step(at, () => this.org.createOrganizationalUnit(this.org.managementAccountId, { ParentId: id, Name }));
      this.node(ou, created.OrganizationalUnit.Id, at);
    });
  }

  account(a: Record<string, unknown>, parentId: string, path: string): void {
    const M = this.org.managementAccountId;
    const id = string(a.Id, `${path}/Id`);
    if (!/^\d{12}$/.test(id)) throw new OrgInputError("InvalidAccountId", "an account Id is 12 digits", `${path}/Id`);
    const Name = string(a.Name, `${path}/Name`);
    if (this.#seen.has(id)) throw new OrgInputError("DuplicateAccount", `account ${id} is listed twice`, `${path}/Id`);
    this.#seen.add(id);
    if (id !== M) {
      const { CreateAccountStatus } = step(path, () => this.org.createAccount(M, { Email: `account-${id}@example.com`, AccountName: Name }, () => id));
      this.org.completeCreateAccount(CreateAccountStatus.Id, { ok: true });
    } else {
      this.org.state.accounts.find((x) => x.Id === M)!.Name = Name;
    }
    if (parentId !== this.org.state.root.Id) step(path, () => this.org.moveAccount(M, { AccountId: id, SourceParentId: this.org.state.root.Id, DestinationParentId: parentId }));
    this.attach(a, id, path);
  }

  /** Attaches the named policies, then detaches FullAWSAccess when asked (a target must keep one SCP). */
  attach(n: Record<string, unknown>, targetId: string, path: string): void {
    const M = this.org.managementAccountId;
    array(n.Policies ?? [], `${path}/Policies`).forEach((name, i) => {
      const at = `${path}/Policies/${i}`;
      const PolicyId = this.ids.get(string(name, at));
      if (!PolicyId) throw new OrgInputError("UnknownPolicy", `no policy named \`${String(name).slice(0, 128)}\` in Policies`, at);
      if (PolicyId === FULL_AWS_ACCESS_ID) return; // attached already, by EnablePolicyType
      step(at, () => this.org.attachPolicy(M, { PolicyId, TargetId: targetId }));
    });
    if (n.FullAWSAccess === false) step(`${path}/FullAWSAccess`, () => this.org.detachPolicy(M, { PolicyId: FULL_AWS_ACCESS_ID, TargetId: targetId }));
    else if (n.FullAWSAccess !== undefined && n.FullAWSAccess !== true) throw new OrgInputError("InvalidType", "FullAWSAccess must be true or false", `${path}/FullAWSAccess`);
  }
}

/** Runs one Organizations operation; its refusal becomes an `OrgInputError` at `path` with AWS's code. */
function step<T>(path: string, op: () => T): T {
  try {
    return op();
  } catch (err) {
    const e = err as Error & { code?: string; reason?: string };
    throw new OrgInputError(e.code ?? "InvalidInput", e.reason ? `${e.message} (${e.reason})` : e.message, path);
  }
}

function object(v: unknown, path: string): Record<string, unknown> {
  if (v === null || typeof v !== "object" || Array.isArray(v)) throw new OrgInputError("InvalidType", `${path || "the organization"} must be an object`, path);
  return v as Record<string, unknown>;
}

function array(v: unknown, path: string): unknown[] {
  if (!Array.isArray(v)) throw new OrgInputError("InvalidType", `${path} must be an array`, path);
  return v;
}

function string(v: unknown, path: string): string {
  if (typeof v !== "string" || !v) throw new OrgInputError("InvalidType", `${path} must be a non-empty string`, path);
  return v;
}
