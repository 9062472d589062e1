/**
 * @module playground/state
 * The playground's whole state (editors, request, tests, account mode) as one plain object, its
 * share-URL form (`#s=` + base64url of the deflate-raw-compressed JSON, Web APIs only), the
 * request context as the engine takes it, and the condition keys a set of policies references.
 */
import type { ContextValue, Decision } from "../entries/api.ts";

export type ContextType =
  | "string" | "stringList" | "numeric" | "numericList" | "boolean" | "booleanList"
  | "ip" | "ipList" | "date" | "dateList" | "binary" | "binaryList";

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

// ---------------------------------------------------------------------------------------------
// Share URL

function toBase64Url(bytes: Uint8Array): string {
  let bin = "";
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(text: string): Uint8Array {
  const b64 = text.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((text.length + 3) % 4);
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const body = new Blob([bytes as BlobPart]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(body).arrayBuffer());
}

/** `s=` + base64url(deflate-raw(UTF-8 JSON)), the text after `#` in a share URL. */
export async function encodeState(state: PlaygroundState): Promise<string> {
  const bytes = new TextEncoder().encode(JSON.stringify(state));
  return "s=" + toBase64Url(await pipe(bytes, new CompressionStream("deflate-raw")));
}

/** The state in a URL fragment (`#s=...`), or undefined when there is none or it is unreadable. */
export async function decodeState(fragment: string): Promise<PlaygroundState | undefined> {
  const m = /^#?s=([A-Za-z0-9_-]+)$/.exec(fragment);
  if (!m) return undefined;
  try {
    const bytes = await pipe(fromBase64Url(m[1]), new DecompressionStream("deflate-raw"));
    return normalizeState(JSON.parse(new TextDecoder().decode(bytes)));
  } catch {
    return undefined;
  }
}

const str = (v: unknown): string => (typeof v === "string" ? v : "");
const DECISIONS: Decision[] = ["Allow", "ExplicitDeny", "ImplicitDeny"];

/** Fills defaults and drops what does not fit, so a hand-edited or older URL still loads. */
export function normalizeState(raw: any): PlaygroundState {
  const r = raw && typeof raw === "object" ? raw : {};
  const req = r.request && typeof r.request === "object" ? r.request : {};
  const rows = Array.isArray(req.context) ? req.context : [];
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
    request: {
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
    },
    tests: Array.isArray(r.tests)
      ? r.tests.map((t: any) => ({
        principal: str(t?.principal), action: str(t?.action), resource: str(t?.resource), context: str(t?.context),
        expected: DECISIONS.includes(t?.expected) ? t.expected : "Allow",
      }))
      : [],
    account: r.account && typeof r.account === "object"
      ? {
        source: r.account.source === "sample" || r.account.source === "file" ? r.account.source : "",
        principal: str(r.account.principal), actions: str(r.account.actions), resources: str(r.account.resources),
      }
      : undefined,
    mode: r.mode === "account" ? "account" : "policies",
  };
}

// ---------------------------------------------------------------------------------------------
// Context

/** Checks one typed value; returns an error text or "". */
function checkScalar(type: ContextType, v: string): string {
  const base = type.replace(/List$/, "");
  if (base === "numeric" && (v.trim() === "" || !Number.isFinite(Number(v)))) return `\`${v}\` is not a number`;
  if (base === "boolean" && !/^(true|false)$/i.test(v.trim())) return `\`${v}\` is not true or false`;
  if (base === "ip" && !/^[0-9a-fA-F:.]+(\/\d{1,3})?$/.test(v.trim())) return `\`${v}\` is not an IP address`;
  if (base === "date" && !/^\d+$/.test(v.trim()) && Number.isNaN(Date.parse(v.trim()))) return `\`${v}\` is not a date (ISO 8601 or epoch seconds)`;
  return "";
}

/** The values of a row: lists split on commas. */
export function rowValues(row: ContextRow): string[] {
  if (row.type.endsWith("List")) return row.value.split(",").map((s) => s.trim()).filter((s) => s !== "");
  return [row.value];
}

/** Problems with a row's value, or "" when it is fine. */
export function rowError(row: ContextRow): string {
  for (const v of rowValues(row)) {
    const e = checkScalar(row.type, v);
    if (e) return e;
  }
  return "";
}

function scalar(type: ContextType, v: string): string | number | boolean {
  const base = type.replace(/List$/, "");
  if (base === "numeric") return Number(v);
  if (base === "boolean") return v.trim().toLowerCase() === "true";
  return base === "ip" || base === "date" ? v.trim() : v;
}

/** One context row as the engine takes it. */
export function rowValue(row: ContextRow): ContextValue {
  const values = rowValues(row).map((v) => scalar(row.type, v));
  return row.type.endsWith("List") ? values : values[0];
}

/**
 * The keys AWS derives from the principal ("AWS global condition context keys"): the
 * principal's ARN, account and type, and `aws:username` for IAM users.
 */
export function derivedContext(principal: string): Record<string, string> {
  const m = /^arn:aws[\w-]*:(iam|sts)::(\d{12}):(user|role|assumed-role|federated-user|root)(?:\/(.*))?$/.exec(principal.trim());
  if (!m) {
    if (/^\d{12}$/.test(principal.trim())) return { "aws:PrincipalAccount": principal.trim(), "aws:PrincipalType": "Account" };
    return {};
  }
  const [, , account, type, rest = ""] = m;
  const out: Record<string, string> = { "aws:PrincipalArn": principal.trim(), "aws:PrincipalAccount": account };
  const name = rest.split("/").filter(Boolean);
  switch (type) {
    case "user":
      out["aws:PrincipalType"] = "User";
      if (name.length) out["aws:username"] = name[name.length - 1];
      break;
    case "root":
      out["aws:PrincipalType"] = "Account";
      break;
    case "assumed-role":
      out["aws:PrincipalType"] = "AssumedRole";
      // aws:PrincipalArn of a role session is the role's ARN.
      if (name.length >= 2) out["aws:PrincipalArn"] = `arn:aws:iam::${account}:role/${name[0]}`;
      break;
    case "federated-user":
      out["aws:PrincipalType"] = "FederatedUser";
      break;
    case "role":
      out["aws:PrincipalType"] = "AssumedRole";
      break;
  }
  return out;
}

/** Parses a test row's context: `key=value; key2=[a,b]`. */
export function parseRowContext(text: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const part of text.split(/[;\n]/)) {
    const at = part.indexOf("=");
    if (at < 0) continue;
    const key = part.slice(0, at).trim();
    const value = part.slice(at + 1).trim();
    if (!key) continue;
    const list = /^\[(.*)\]$/.exec(value);
    out[key] = list ? list[1].split(",").map((s) => s.trim()).filter(Boolean) : value;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Keys the policies reference

export interface ReferencedKey {
  key: string;
  /** The type a value of this key most likely has, from the operator that tests it. */
  type: ContextType;
  /** Operators (or `${...}`) that reference it. */
  uses: string[];
}

function typeFor(operator: string): ContextType {
  const list = /^For(Any|All)Values:/i.test(operator);
  const base = operator.replace(/^For(Any|All)Values:/i, "").replace(/IfExists$/i, "");
  let t: ContextType = "string";
  if (/^Bool$/i.test(base) || /^Null$/i.test(base)) t = "boolean";
  else if (/^Numeric/i.test(base)) t = "numeric";
  else if (/^Date/i.test(base)) t = "date";
  else if (/IpAddress$/i.test(base)) t = "ip";
  else if (/^Binary/i.test(base)) t = "binary";
  if (/^Null$/i.test(base)) return "string"; // Null tests presence: any value will do
  return list ? (`${t}List` as ContextType) : t;
}

/** Every condition key and policy variable in the given policy texts (unparseable ones skipped). */
export function referencedKeys(texts: string[]): ReferencedKey[] {
  const found = new Map<string, ReferencedKey>();
  const add = (key: string, type: ContextType, use: string) => {
    const id = key.toLowerCase();
    const k = found.get(id) ?? { key, type, uses: [] };
    if (k.type === "string" && type !== "string") k.type = type;
    if (!k.uses.includes(use)) k.uses.push(use);
    found.set(id, k);
  };
  for (const text of texts) {
    if (!text.trim()) continue;
    for (const m of text.matchAll(/\$\{([^}]+)\}/g)) {
      const key = m[1].split(",")[0].trim();
      if (key && !["*", "?", "$"].includes(key)) add(key, "string", "${…}");
    }
    let doc: any;
    try {
      doc = JSON.parse(text);
    } catch {
      continue;
    }
    const statements = Array.isArray(doc?.Statement) ? doc.Statement : doc?.Statement ? [doc.Statement] : [];
    for (const s of statements) {
      const cond = s?.Condition;
      if (!cond || typeof cond !== "object") continue;
      for (const [op, block] of Object.entries(cond)) {
        if (!block || typeof block !== "object") continue;
        for (const key of Object.keys(block as object)) add(key, typeFor(op), op);
      }
    }
  }
  return [...found.values()].sort((a, b) => a.key.localeCompare(b.key));
}

/** AWS-managed policies (`arn:aws:iam::aws:policy/...`) are not held to a customer policy's size quota. */
export function isAwsManagedSource(source: string | undefined): boolean {
  return !!source && /^arn:aws[\w-]*:iam::aws:policy\//.test(source);
}

/** A short label for a policy's source: `ReadOnlyAccess (AWS managed)`, `HomeFolder (inline, user/engineering/alice)`. */
export function sourceLabel(source: string | undefined): string {
  if (!source) return "";
  const inline = /^arn:[^:]+:iam::\d{12}:(.+)#inline\/(.+)$/.exec(source);
  if (inline) return `${inline[2]} (inline, ${inline[1]})`;
  const managed = /^arn:[^:]+:iam::([^:]+):policy\/(?:.*\/)?([^/]+)$/.exec(source);
  if (managed) return `${managed[2]} (${managed[1] === "aws" ? "AWS managed" : "managed"})`;
  return source;
}
