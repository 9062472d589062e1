/**
 * @module engine/request-fields
 * Reads a request once, before anything is selected or written (issue 13): every field of the
 * request and of its context is read exactly once into a RequestFields, so a getter or a proxy
 * cannot answer one thing to the per-action selection and another to the encoder. Only own
 * enumerable string keys of the context count, and only own fields of the request (or a class's
 * getters), so a key added to Object.prototype is neither context nor a field. Each field is
 * checked here for type, size (docs/limits.md, "Engine") and form (docs/errors.md, issue 12).
 */
import * as L from "./limits.ts";
import { RequestError } from "./errors.ts";
import { escapePointerToken } from "../policy/json.ts";
import { classifyPrincipal, type RequestPrincipal } from "./principal.ts";
import type { KeyTable } from "./keys.ts";
import type { CheckedAction, CheckedTexts } from "./checked-texts.ts";
import type { AuthorizationRequest } from "./request.ts";

// Taken once, at load: code that later replaces the globals does not change how requests are read.
const hasOwn = Object.hasOwn;
const getPrototypeOf = Object.getPrototypeOf;
const isArray = Array.isArray;
const ObjectPrototype = Object.prototype;

/**
 * One request as read: strings, and the context as key ids with their values. Reused from
 * request to request (allocation-light hot path); the engine keeps one per request of a batch
 * chunk.
 */
export class RequestFields {
  principal = "";
  p!: RequestPrincipal;
  action = "";
  /** The engine's entry for the action (checked-texts.ts), when it keeps one. */
  checkedAction: CheckedAction | undefined = undefined;
  resource = "*";
  /** Address of the resource's ASCII kept in Wasm memory (checked-texts.ts), 0 = none: copy it. */
  resourceAt = 0;
  /** The resource's account: the principal's when the request gives none. */
  resourceAccount = "";
  /** The role ARN a role session is matched by (from `aws:PrincipalArn` when the context has it). */
  roleArn = "";
  /** Context keys that a compiled policy mentions (others are dropped), and each one's value or values. */
  readonly ids: number[] = [];
  readonly values: (string | string[])[] = [];
  count = 0;
  valueCount = 0;
  /** UTF-16 code units of every string above except the principal's. */
  chars = 0;

  /** Drops the references to the caller's strings, once they are written. */
  release(): void {
    const values = this.values;
    for (let i = 0; i < this.count; i++) values[i] = "";
  }
}

/** `req[key]` when the request owns it, or inherits it from anything but Object.prototype (a class's getter). */
function field(req: object, key: string): unknown {
  return hasOwn(req, key) || !(key in ObjectPrototype) ? (req as Record<string, unknown>)[key] : undefined;
}

function text(value: unknown, path: string, max: number): string {
  if (typeof value !== "string") throw new RequestError("INVALID_REQUEST", `\`${path.slice(1)}\` must be a string`, path);
  if (value.length > max) throw new RequestError("REQUEST_TOO_LARGE", `\`${path.slice(1)}\` is ${value.length} characters long; the limit is ${max}`, path);
  return value;
}

/**
 * "IAM JSON policy elements: Action": `service:action`; the service prefix is letters, digits
 * and `-`, the name letters, digits, `_`, `.` and `-`. SimulatePrincipalPolicy "does not support
 * using wildcards (*) in an action name": a request names one action. (A loop, not a RegExp:
 * this runs for every request.)
 */
function isAction(a: string): boolean {
  const n = a.length;
  let i = 0;
  for (; i < n; i++) {
    const c = a.charCodeAt(i);
    if (c === 0x3a) break;
    if (!(isAlnum(c) || c === 0x2d)) return false;
  }
  if (i === 0 || i >= n - 1) return false;
  for (let j = i + 1; j < n; j++) {
    const c = a.charCodeAt(j);
    if (!(isAlnum(c) || c === 0x2d || c === 0x5f || c === 0x2e)) return false;
  }
  return true;
}

function isAlnum(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39);
}

/**
 * `*` (actions without resource-level permissions) or an ARN ("IAM identifiers"):
 * `arn:partition:service:region:account:resource`, with a partition, a service and a resource
 * part, and an account that is empty (S3 buckets), 12 digits, or `aws` (AWS managed policies,
 * `arn:aws:iam::aws:policy/...`). Looks only at the first five parts, so its cost does not grow
 * with the resource.
 */
function isResource(r: string): boolean {
  if (r === "*") return true;
  if (!r.startsWith("arn:")) return false;
  const partition = r.indexOf(":", 4);
  const service = partition < 0 ? -1 : r.indexOf(":", partition + 1);
  const region = service < 0 ? -1 : r.indexOf(":", service + 1);
  const account = region < 0 ? -1 : r.indexOf(":", region + 1);
  if (account < 0 || partition === 4 || service === partition + 1 || account === r.length - 1) return false;
  const length = account - region - 1;
  if (length === 0) return true;
  if (length === 3) return r.startsWith("aws", region + 1);
  return length === 12 && isDigits(r, region + 1, account);
}

function isDigits(s: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}

/**
 * Whether Object.prototype has any of the request's field names (the process is polluted):
 * then each field is read only when the request owns it (or a class's getter gives it).
 * Otherwise plain property reads, the fast path.
 */
function fieldsPolluted(): boolean {
  return "principal" in ObjectPrototype || "action" in ObjectPrototype || "resource" in ObjectPrototype
    || "resourceAccount" in ObjectPrototype || "context" in ObjectPrototype;
}

/**
 * Reads and checks `req` into `f`; `keys` maps context keys to ids; `checked` (the engine's)
 * holds the actions and resources whose form passed before, which skip the check. Throws
 * RequestError with the JSON Pointer of the field at fault.
 */
export function readRequest(req: unknown, f: RequestFields, keys: KeyTable, checked?: CheckedTexts): void {
  if (req === null || typeof req !== "object") throw new RequestError("INVALID_REQUEST", "the request must be an object");
  // Each field once, in this order, before anything is checked against another.
  const r = req as Partial<Record<keyof AuthorizationRequest, unknown>>;
  const polluted = fieldsPolluted();
  const principal = text(polluted ? field(r, "principal") : r.principal, "/principal", L.MAX_PRINCIPAL_LENGTH);
  const action = text(polluted ? field(r, "action") : r.action, "/action", L.MAX_ACTION_LENGTH);
  const rawResource = polluted ? field(r, "resource") : r.resource;
  const resource = rawResource === undefined ? "*" : text(rawResource, "/resource", L.MAX_RESOURCE_LENGTH);
  const rawAccount = polluted ? field(r, "resourceAccount") : r.resourceAccount;
  const account = rawAccount === undefined ? undefined : text(rawAccount, "/resourceAccount", L.MAX_PRINCIPAL_LENGTH);
  const principalArn = readContext(polluted ? field(r, "context") : r.context, f, keys);

  const p = classifyPrincipal(principal);
  if (p === null) {
    throw new RequestError("INVALID_PRINCIPAL", `${show(principal)} is not a principal: expected an account id, an IAM or STS ARN of a user, role, role session, federated user or identity provider, a service principal, a canonical user id, or \`*\` for anonymous`, "/principal");
  }
  let checkedAction = checked === undefined ? undefined : checked.actions.get(action);
  if (checkedAction === undefined) {
    if (!isAction(action)) throw new RequestError("INVALID_ACTION", `${show(action)} is not an action: expected \`service:Action\` without wildcards`, "/action");
    checkedAction = checked?.addAction(action);
  }
  let resourceAt = resource === "*" || checked === undefined ? undefined : checked.resources.get(resource);
  if (resource !== "*" && resourceAt === undefined) {
    if (!isResource(resource)) {
      throw new RequestError("INVALID_RESOURCE", `${show(resource)} is not a resource: expected \`*\` or an ARN \`arn:partition:service:region:account:resource\` whose account is empty, 12 digits or \`aws\``, "/resource");
    }
    resourceAt = checked?.addResource(resource);
  }
  if (account !== undefined && account !== "" && !(account.length === 12 && isDigits(account, 0, 12))) {
    throw new RequestError("INVALID_ACCOUNT", `${show(account)} is not an account id: expected 12 digits`, "/resourceAccount");
  }
  f.principal = principal;
  f.p = p;
  f.action = action;
  f.checkedAction = checkedAction;
  f.resource = resource;
  f.resourceAt = resourceAt ?? 0;
  f.resourceAccount = account ?? p.account;
  f.roleArn = p.type === 2 /* RP_ROLE_SESSION */ && principalArn !== undefined ? principalArn : p.roleArn;
  f.chars += action.length + resource.length + f.resourceAccount.length + f.roleArn.length;
  if (f.chars + principal.length > L.MAX_REQUEST_LENGTH) {
    throw new RequestError("REQUEST_TOO_LARGE", `the request is longer than ${L.MAX_REQUEST_LENGTH} characters`);
  }
}

/** A value in a message: in backticks, cut short so a hostile value cannot bloat it. */
function show(s: string): string {
  return "`" + (s.length > 64 ? s.slice(0, 64) + "…" : s) + "`";
}

/**
 * Reads the context's own enumerable string keys and their values once into `f`, with the ids
 * of the keys some policy mentions; returns `aws:PrincipalArn` when it is a string.
 */
function readContext(context: unknown, f: RequestFields, keys: KeyTable): string | undefined {
  f.count = 0;
  f.valueCount = 0;
  f.chars = 0;
  if (context === undefined || context === null) return undefined;
  if (typeof context !== "object" || isArray(context) || !isPlain(context)) {
    throw new RequestError("INVALID_REQUEST", "`context` must be a plain object of condition keys", "/context");
  }
  const ctx = context as Record<string, unknown>;
  let position = 0;
  let values = 0;
  let principalArn: string | undefined;
  for (const key in ctx) {
    if (!hasOwn(ctx, key)) continue; // inherited: Object.prototype["aws:..."] is no context
    if (position >= L.MAX_CONTEXT_KEYS) throw new RequestError("REQUEST_TOO_LARGE", `the context has more than ${L.MAX_CONTEXT_KEYS} keys`, "/context");
    if (key.length > L.MAX_CONTEXT_KEY_LENGTH) {
      throw new RequestError("REQUEST_TOO_LARGE", `context key ${show(key)} is ${key.length} characters long; the limit is ${L.MAX_CONTEXT_KEY_LENGTH}`, "/context");
    }
    const raw = ctx[key];
    f.chars += key.length;
    if (raw === undefined || raw === null) {
      position++;
      continue;
    }
    const id = keys.lookupAt(position++, key);
    if (isArray(raw)) {
      const n = raw.length; // once: a proxy's length could change
      if ((values += n) > L.MAX_CONTEXT_VALUES) throw tooManyValues();
      const list = id < 0 ? null : new Array<string>(n);
      for (let i = 0; i < n; i++) {
        const v = scalar(raw[i], key, i);
        f.chars += v.length;
        if (list !== null) list[i] = v;
      }
      if (list !== null) add(f, id, list, n);
    } else {
      if (++values > L.MAX_CONTEXT_VALUES) throw tooManyValues();
      const v = scalar(raw, key, -1);
      f.chars += v.length;
      if (key.length === 16 && typeof raw === "string" && principalArn === undefined && key.toLowerCase() === "aws:principalarn") principalArn = v;
      if (id >= 0) add(f, id, v, 1);
    }
  }
  return principalArn;
}

function add(f: RequestFields, id: number, value: string | string[], count: number): void {
  f.ids[f.count] = id;
  f.values[f.count++] = value;
  f.valueCount += count;
}

function tooManyValues(): RequestError {
  return new RequestError("REQUEST_TOO_LARGE", `the context has more than ${L.MAX_CONTEXT_VALUES} values`, "/context");
}

/** Object literals, `Object.create(null)` and JSON.parse output; not Maps, Dates or class instances. */
function isPlain(v: object): boolean {
  const proto = getPrototypeOf(v);
  return proto === ObjectPrototype || proto === null;
}

/** A context value as text; `key`/`index` only build the error path, so the happy path allocates nothing. */
function scalar(value: unknown, key: string, index: number): string {
  switch (typeof value) {
    case "string":
      if (value.length > L.MAX_CONTEXT_VALUE_LENGTH) {
        throw new RequestError("REQUEST_TOO_LARGE", `context value is ${value.length} characters long; the limit is ${L.MAX_CONTEXT_VALUE_LENGTH}`, contextPath(key, index));
      }
      return value;
    case "number":
      if (!Number.isFinite(value)) throw new RequestError("INVALID_CONTEXT_VALUE", "context numbers must be finite", contextPath(key, index));
      return String(value);
    case "boolean":
      return value ? "true" : "false";
    default:
      throw new RequestError("INVALID_CONTEXT_VALUE", "context values must be strings, numbers, booleans or arrays of them", contextPath(key, index));
  }
}

function contextPath(key: string, index: number): string {
  const at = `/context/${escapePointerToken(key)}`;
  return index < 0 ? at : `${at}/${index}`;
}
