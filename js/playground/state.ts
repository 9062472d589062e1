/**
 * @module playground/state
 * The playground's state, in one object: the document a share link holds (`PlaygroundState`:
 * editors, request, tests, account form) and what the page derived from it (the last decision,
 * the statement picked in the explanation, the loaded account). Panes read `store.doc` and change
 * it only through the `Store`'s methods, so every change is one of the operations listed here.
 */
import type { Account, AuthorizationResult, Decision, Explanation, Span } from "../entries/browser.ts";
import { MAX_CONTEXT_ENTRIES, MAX_POLICY_EDITORS, MAX_TEST_ROWS, editorCount } from "./limits.ts";
import type { ContextKeyType } from "./package-types.ts";

export type ContextType = ContextKeyType;

export const CONTEXT_TYPES: ContextType[] = [
  "string", "stringList", "numeric", "numericList", "boolean", "booleanList", "ip", "ipList", "date", "dateList", "binary", "binaryList",
];

export interface ContextRow {
  key: string;
  type: ContextType;
  /** The value as typed; list types take comma-separated values. */
  value: string;
}

export interface RequestState {
  principal: string;
  action: string;
  resource: string;
  /** Empty: the principal's account. */
  resourceAccount: string;
  context: ContextRow[];
  /** Add the keys AWS derives from the principal (aws:username, aws:PrincipalArn, ...). */
  derive: boolean;
}

export interface TestRow {
  /** Empty: the request form's principal. */
  principal: string;
  action: string;
  resource: string;
  /** `key=value; key2=[a,b]`: values are strings, `[...]` a list. */
  context: string;
  expected: Decision;
}

export interface AccountState {
  /** Where the GAAD came from: the bundled sample, or a file the user must load again. */
  source: "sample" | "file" | "";
  principal: string;
  actions: string;
  resources: string;
}

export interface PlaygroundState {
  v: 1;
  /** The sample this state started from, if any (informational). */
  sample?: string;
  identity: string[];
  /**
   * Where each identity policy came from when opened from an account (its policyId: a managed
   * policy ARN, or `<entity ARN>#inline/<name>`); "" for a policy typed here.
   */
  identitySources?: string[];
  /** The same for the permissions boundary. */
  boundarySource?: string;
  resourceKind: "resource" | "trust";
  resource: string;
  boundary: string;
  session: string[];
  /** SCPs with their level (1 = the root, then OUs, then the account); one level may hold several. */
  scp: { level: number; text: string }[];
  request: RequestState;
  tests: TestRow[];
  account?: AccountState;
  /** "policies" or "account". */
  mode?: "policies" | "account";
}

/** The editors that come and go: one per identity policy, session policy and SCP. */
export type PolicyGroup = "identity" | "session" | "scp";
/** One editor's policy: a numbered one of a group, or the single resource (trust) policy or boundary. */
export type PolicyRef = { group: PolicyGroup; index: number } | { group: "resource" | "boundary" };
export type RequestField = "principal" | "action" | "resource" | "resourceAccount";
export type TestField = "principal" | "action" | "resource" | "context";

/** The engine's answer for the request form. */
export interface Decided {
  result: AuthorizationResult;
  explanation: Explanation;
}

/** A statement picked in the explanation, highlighted in its editor. */
export interface FocusedStatement {
  slot: string;
  span: Span;
}

/** Account mode: the GAAD loaded in this page (never put in a link) and its Account. */
export interface LoadedAccount {
  gaad: string;
  account: Account;
}

const ALLOW_ALL = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] }, null, 2);
const EMPTY_POLICY = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "", Resource: "*" }] }, null, 2);
const DEFAULT_ACCOUNT_FORM: AccountState = { source: "", principal: "", actions: "s3:GetObject, iam:ListUsers", resources: "*" };

/** The page's state and the operations that change it. */
export class Store {
  #doc: PlaygroundState;
  #decided: Decided | undefined;
  #focused: FocusedStatement | undefined;
  #loaded: LoadedAccount | undefined;

  constructor(doc: PlaygroundState) {
    this.#doc = doc;
  }

  /** What a share link holds. Read it; change it through the methods below. */
  get doc(): PlaygroundState {
    return this.#doc;
  }
  get decided(): Decided | undefined {
    return this.#decided;
  }
  get focused(): FocusedStatement | undefined {
    return this.#focused;
  }
  get loaded(): LoadedAccount | undefined {
    return this.#loaded;
  }

  /** Replaces the whole document (a sample, a link, an account's policies). */
  replace(doc: PlaygroundState): void {
    this.#doc = doc;
    this.#focused = undefined;
  }

  /** A copy of the document, for the share link (later edits do not change it). */
  snapshot(): PlaygroundState {
    return JSON.parse(JSON.stringify(this.#doc)) as PlaygroundState;
  }

  // --- policies -----------------------------------------------------------------------------

  /** Adds an editor to a group; returns its index, or undefined at the limit (limits.ts). */
  addPolicy(group: PolicyGroup): number | undefined {
    const d = this.#doc;
    if (editorCount(d) >= MAX_POLICY_EDITORS) return undefined;
    if (group === "identity") {
      d.identity.push(EMPTY_POLICY);
      d.identitySources?.push("");
      return d.identity.length - 1;
    }
    if (group === "session") return d.session.push(EMPTY_POLICY) - 1;
    const level = Math.max(0, ...d.scp.map((s) => s.level)) + 1;
    return d.scp.push({ level: Math.min(level, 6), text: ALLOW_ALL }) - 1;
  }

  removePolicy(group: PolicyGroup, index: number): void {
    const d = this.#doc;
    if (group === "identity") d.identitySources?.splice(index, 1);
    (group === "identity" ? d.identity : group === "session" ? d.session : d.scp).splice(index, 1);
  }

  setPolicyText(ref: PolicyRef, text: string): void {
    const d = this.#doc;
    if (!("index" in ref)) d[ref.group] = text;
    else if (ref.group === "scp") d.scp[ref.index].text = text;
    else d[ref.group][ref.index] = text;
  }

  setScpLevel(index: number, level: number): void {
    this.#doc.scp[index].level = level;
  }

  setResourceKind(kind: string): void {
    this.#doc.resourceKind = kind === "trust" ? "trust" : "resource";
  }

  // --- request ------------------------------------------------------------------------------

  setRequestField(field: RequestField, value: string): void {
    this.#doc.request[field] = value;
  }

  setDerive(on: boolean): void {
    this.#doc.request.derive = on;
  }

  /** False at the limit (limits.ts). */
  addContextRow(row: ContextRow): boolean {
    if (this.#doc.request.context.length >= MAX_CONTEXT_ENTRIES) return false;
    this.#doc.request.context.push(row);
    return true;
  }

  updateContextRow(index: number, change: Partial<ContextRow>): void {
    Object.assign(this.#doc.request.context[index], change);
  }

  removeContextRow(index: number): void {
    this.#doc.request.context.splice(index, 1);
  }

  // --- test table ---------------------------------------------------------------------------

  /** False at the limit (limits.ts). */
  addTestRow(row: TestRow): boolean {
    if (this.#doc.tests.length >= MAX_TEST_ROWS) return false;
    this.#doc.tests.push(row);
    return true;
  }

  updateTestRow(index: number, change: Partial<TestRow>): void {
    Object.assign(this.#doc.tests[index], change);
  }

  removeTestRow(index: number): void {
    this.#doc.tests.splice(index, 1);
  }

  // --- results ------------------------------------------------------------------------------

  /** The last evaluation's answer; undefined when the policies or the request could not be decided. */
  setDecided(decided: Decided | undefined): void {
    this.#decided = decided;
  }

  focus(statement: FocusedStatement): void {
    this.#focused = statement;
  }

  // --- mode and account ---------------------------------------------------------------------

  setMode(mode: "policies" | "account"): void {
    this.#doc.mode = mode;
  }

  /** The account form, created with its defaults the first time it is needed. */
  accountForm(): AccountState {
    this.#doc.account ??= { ...DEFAULT_ACCOUNT_FORM };
    return this.#doc.account;
  }

  setAccountForm(change: Partial<AccountState>): void {
    Object.assign(this.accountForm(), change);
  }

  setLoadedAccount(loaded: LoadedAccount): void {
    this.#loaded = loaded;
  }
}

// ---------------------------------------------------------------------------------------------
// Reading a document from a link

const str = (v: unknown): string => (typeof v === "string" ? v : "");
const DECISIONS: Decision[] = ["Allow", "ExplicitDeny", "ImplicitDeny"];

/** Fills defaults and drops what does not fit, so a hand-edited or older URL still loads. */
export function normalizeState(raw: any): PlaygroundState {
  const r = raw && typeof raw === "object" ? raw : {};
  return {
    v: 1,
    sample: typeof r.sample === "string" ? r.sample : undefined,
    identity: Array.isArray(r.identity) ? r.identity.map(str) : [],
    identitySources: Array.isArray(r.identitySources) ? r.identitySources.map(str) : undefined,
    boundarySource: typeof r.boundarySource === "string" ? r.boundarySource : undefined,
    resourceKind: r.resourceKind === "trust" ? "trust" : "resource",
    resource: str(r.resource),
    boundary: str(r.boundary),
    session: Array.isArray(r.session) ? r.session.map(str) : [],
    scp: Array.isArray(r.scp)
      ? r.scp.map((s: any) => ({ level: Math.max(1, Math.min(9, Number(s?.level) || 1)), text: str(s?.text) }))
      : [],
    request: normalizeRequest(r.request),
    tests: Array.isArray(r.tests) ? r.tests.map(normalizeTestRow) : [],
    account: normalizeAccount(r.account),
    mode: r.mode === "account" ? "account" : "policies",
  };
}

function normalizeRequest(raw: any): RequestState {
  const req = raw && typeof raw === "object" ? raw : {};
  const rows = Array.isArray(req.context) ? req.context : [];
  return {
    principal: str(req.principal),
    action: str(req.action),
    resource: str(req.resource),
    resourceAccount: str(req.resourceAccount),
    context: rows.map((c: any) => ({
      key: str(c?.key),
      type: CONTEXT_TYPES.includes(c?.type) ? c.type : "string",
      value: str(c?.value),
    })),
    derive: req.derive !== false,
  };
}

function normalizeTestRow(t: any): TestRow {
  return {
    principal: str(t?.principal), action: str(t?.action), resource: str(t?.resource), context: str(t?.context),
    expected: DECISIONS.includes(t?.expected) ? t.expected : "Allow",
  };
}

function normalizeAccount(a: any): AccountState | undefined {
  if (!a || typeof a !== "object") return undefined;
  return {
    source: a.source === "sample" || a.source === "file" ? a.source : "",
    principal: str(a.principal), actions: str(a.actions), resources: str(a.resources),
  };
}

/** Every policy text of the document, in editor order (for the keys they reference). */
export function policyTexts(doc: PlaygroundState): string[] {
  return [...doc.identity, doc.resource, doc.boundary, ...doc.session, ...doc.scp.map((s) => s.text)];
}
