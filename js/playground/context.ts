/**
 * @module playground/context
 * The request as the engine takes it, from the form and from a test row: typed context values,
 * the keys AWS derives from the principal, and the test table's `key=value; k2=[a,b]` syntax.
 * Pure functions of the state; no DOM.
 */
import type { AuthorizationRequest, ContextValue } from "../entries/browser.ts";
import type { ContextEntry } from "./package-types.ts";
import type { ContextRow, ContextType, PlaygroundState, TestRow } from "./state.ts";

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

/** The principal type AWS reports in `aws:PrincipalType`, by the ARN's resource type. */
const PRINCIPAL_TYPES: Record<string, string> = {
  user: "User", root: "Account", "assumed-role": "AssumedRole", "federated-user": "FederatedUser", role: "AssumedRole",
};

/**
 * The keys AWS derives from the principal ("AWS global condition context keys"): the
 * principal's ARN, account and type, and `aws:username` for IAM users.
 */
export function derivedContext(principal: string): Record<string, string> {
  const p = principal.trim();
  const m = /^arn:aws[\w-]*:(iam|sts)::(\d{12}):(user|role|assumed-role|federated-user|root)(?:\/(.*))?$/.exec(p);
  if (!m) return /^\d{12}$/.test(p) ? { "aws:PrincipalAccount": p, "aws:PrincipalType": "Account" } : {};
  const [, , account, type, rest = ""] = m;
  const out: Record<string, string> = { "aws:PrincipalArn": p, "aws:PrincipalAccount": account, "aws:PrincipalType": PRINCIPAL_TYPES[type] };
  const name = rest.split("/").filter(Boolean);
  if (type === "user" && name.length) out["aws:username"] = name[name.length - 1];
  // aws:PrincipalArn of a role session is the role's ARN.
  if (type === "assumed-role" && name.length >= 2) out["aws:PrincipalArn"] = `arn:aws:iam::${account}:role/${name[0]}`;
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

/** The request form's context rows in the test table's syntax (*Add the current request*). */
export function rowsAsText(rows: ContextRow[]): string {
  return rows.filter((c) => c.key.trim())
    .map((c) => `${c.key}=${c.type.endsWith("List") ? `[${rowValues(c).join(",")}]` : c.value}`).join("; ");
}

/** The derived keys (when on), then the entries: an entry of the same name overrides. */
function buildContext(doc: PlaygroundState, rows: { key: string; value: ContextValue }[], principal: string): Record<string, ContextValue> {
  const ctx: Record<string, ContextValue> = {};
  if (doc.request.derive) Object.assign(ctx, derivedContext(principal));
  for (const r of rows) if (r.key.trim()) ctx[r.key.trim()] = r.value;
  return ctx;
}

/** The request form as the engine takes it (rows with a bad value are left out). */
export function formRequest(doc: PlaygroundState): AuthorizationRequest {
  const r = doc.request;
  const rows = r.context.filter((c) => !rowError(c)).map((c) => ({ key: c.key, value: rowValue(c) }));
  return {
    principal: r.principal.trim(),
    action: r.action.trim(),
    resource: r.resource.trim() || "*",
    resourceAccount: r.resourceAccount.trim() || undefined,
    context: buildContext(doc, rows, r.principal.trim()),
  };
}

/** A test row's request: an empty principal is the form's; the resource account is the form's. */
export function testRequest(doc: PlaygroundState, t: TestRow): AuthorizationRequest {
  const principal = t.principal.trim() || doc.request.principal.trim();
  const rows = Object.entries(parseRowContext(t.context)).map(([key, value]) => ({ key, value }));
  return {
    principal,
    action: t.action.trim(),
    resource: t.resource.trim() || "*",
    resourceAccount: doc.request.resourceAccount.trim() || undefined,
    context: buildContext(doc, rows, principal),
  };
}

/** The form's context rows as SimulatePrincipalPolicy's `ContextEntries`. */
export function contextEntries(doc: PlaygroundState): ContextEntry[] {
  return doc.request.context.filter((c) => c.key.trim() && !rowError(c)).map((c) => ({
    ContextKeyName: c.key.trim(), ContextKeyValues: rowValues(c).map((v) => v.trim()), ContextKeyType: c.type,
  }));
}
