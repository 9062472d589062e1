/**
 * @module engine/request
 * Writes one request and its policy set into the scratch buffer in Wasm memory, in the layout
 * of assembly/abi.ts: a header of (offset, length) pairs, the policy set as image handles,
 * context entries with key ids, then the UTF-8 bytes (TextEncoder.encodeInto, no copies).
 * Context keys that no compiled policy mentions are dropped here.
 */
import * as A from "./abi.ts";
import { RequestError } from "./errors.ts";
import { classifyPrincipal } from "./principal.ts";
import type { KeyTable } from "./keys.ts";

export type ContextScalar = string | number | boolean;
export type ContextValue = ContextScalar | ContextScalar[];

/** One request, as the API shapes it. */
export interface AuthorizationRequest {
  principal: string;
  action: string;
  /** Defaults to `*` (actions without resource-level permissions). */
  resource?: string;
  context?: Record<string, ContextValue | undefined | null>;
  /** The account that owns the resource; defaults to the principal's account. */
  resourceAccount?: string;
}

/** Handles of a policy set, grouped as the core reads them. */
export interface HandleSet {
  identity: number[];
  boundary: number;
  session: number[];
  resource: number;
  scp: number[][];
  rcp: number[][];
}

/** Requests larger than this many UTF-8 bytes are refused (bounded work per decision). */
export const MAX_REQUEST_BYTES = 1 << 20;
const MAX_STRING = 1 << 18;

const encoder = new TextEncoder();

function text(value: unknown, path: string): string {
  if (typeof value !== "string") throw new RequestError("INVALID_REQUEST", `\`${path}\` must be a string`, path);
  if (value.length > MAX_STRING) throw new RequestError("REQUEST_TOO_LARGE", `\`${path}\` is longer than ${MAX_STRING} characters`, path);
  return value;
}

function scalar(value: unknown, path: string): string {
  switch (typeof value) {
    case "string":
      if (value.length > MAX_STRING) throw new RequestError("REQUEST_TOO_LARGE", `context value is longer than ${MAX_STRING} characters`, path);
      return value;
    case "number":
      if (!Number.isFinite(value)) throw new RequestError("INVALID_CONTEXT_VALUE", "context numbers must be finite", path);
      return String(value);
    case "boolean":
      return value ? "true" : "false";
    default:
      throw new RequestError("INVALID_CONTEXT_VALUE", "context values must be strings, numbers, booleans or arrays of them", path);
  }
}

/** Collected context: key ids, multivalued flags and the value strings, in order. */
interface Ctx {
  ids: number[];
  multi: boolean[];
  values: string[][];
  chars: number;
}

function collectContext(context: AuthorizationRequest["context"], keys: KeyTable): Ctx {
  const ctx: Ctx = { ids: [], multi: [], values: [], chars: 0 };
  if (context === undefined || context === null) return ctx;
  if (typeof context !== "object" || Array.isArray(context)) throw new RequestError("INVALID_REQUEST", "`context` must be an object", "/context");
  for (const key in context) {
    const raw = context[key];
    if (raw === undefined || raw === null) continue;
    const id = keys.lookup(key);
    const path = `/context/${key}`;
    if (id < 0) {
      // No policy mentions the key: check its type so bad input fails alike, then drop it.
      if (Array.isArray(raw)) raw.forEach((v, i) => scalar(v, `${path}/${i}`));
      else scalar(raw, path);
      continue;
    }
    let values: string[];
    if (Array.isArray(raw)) {
      values = raw.map((v, i) => scalar(v, `${path}/${i}`));
      ctx.multi.push(true);
    } else {
      values = [scalar(raw, path)];
      ctx.multi.push(false);
    }
    for (const v of values) ctx.chars += v.length;
    ctx.ids.push(id);
    ctx.values.push(values);
  }
  return ctx;
}

/** Where the request goes: the scratch block and fresh views over memory. */
export interface Scratch {
  /** Makes the scratch at least `bytes` long; returns its absolute address (views may change). */
  reserve(bytes: number): number;
  u8(): Uint8Array;
  u32(): Uint32Array;
}

/** Writes the request at the address `scratch.reserve` gives; returns the address just past it. */
export function writeRequest(req: AuthorizationRequest, set: HandleSet, keys: KeyTable, scratch: Scratch): number {
  if (req === null || typeof req !== "object") throw new RequestError("INVALID_REQUEST", "the request must be an object");
  const principal = text(req.principal, "/principal");
  const action = text(req.action, "/action");
  const resource = req.resource === undefined ? "*" : text(req.resource, "/resource");
  const p = classifyPrincipal(principal);
  let roleArn = p.roleArn;
  if (p.type === A.RP_ROLE_SESSION && req.context) {
    // The role ARN with its path, when the caller passes aws:PrincipalArn ("IAM identifiers").
    const given = req.context["aws:PrincipalArn"] ?? req.context["aws:principalarn"];
    if (typeof given === "string") roleArn = given;
  }
  const resourceAccount = req.resourceAccount === undefined ? p.account : text(req.resourceAccount, "/resourceAccount");
  const ctx = collectContext(req.context, keys);

  // Sizes: u32 words for header, policy set, context entries and value refs; then bytes.
  const setWords = 6 + set.identity.length + set.session.length
    + set.scp.reduce((n, l) => n + 1 + l.length, 0) + set.rcp.reduce((n, l) => n + 1 + l.length, 0);
  let valueCount = 0;
  for (const v of ctx.values) valueCount += v.length;
  const words = A.REQUEST_HEADER_SIZE / 4 + setWords + ctx.ids.length * (A.CTX_SIZE / 4) + valueCount * 2;
  const maxBytes = 3 * (principal.length + action.length + resource.length + resourceAccount.length + p.account.length + roleArn.length + ctx.chars);
  if (maxBytes > 3 * MAX_REQUEST_BYTES) throw new RequestError("REQUEST_TOO_LARGE", `the request is larger than ${MAX_REQUEST_BYTES} bytes`);
  const base = scratch.reserve(words * 4 + maxBytes);
  const m32 = scratch.u32();
  const m8 = scratch.u8();
  const h = base >>> 2;
  let w = h + A.REQUEST_HEADER_SIZE / 4; // next free word (absolute index)
  let b = base + words * 4; // next free byte (absolute)
  const put = (field: number, s: string): void => {
    const n = s.length === 0 ? 0 : encoder.encodeInto(s, m8.subarray(b)).written;
    m32[h + field / 4] = b - base;
    m32[h + field / 4 + 1] = n;
    b += n;
  };
  m32[h + A.R_PRINCIPAL_TYPE / 4] = p.type;
  put(A.R_PRINCIPAL, principal);
  put(A.R_PRINCIPAL_ACCOUNT, p.account);
  put(A.R_ROLE_ARN, roleArn);
  put(A.R_ACTION, action);
  put(A.R_RESOURCE, resource);
  put(A.R_RESOURCE_ACCOUNT, resourceAccount);

  // Policy set.
  m32[h + A.R_POLICIES / 4] = (w - h) * 4;
  m32[w++] = set.identity.length;
  for (const x of set.identity) m32[w++] = x;
  m32[w++] = set.boundary;
  m32[w++] = set.session.length;
  for (const x of set.session) m32[w++] = x;
  m32[w++] = set.resource;
  for (const levels of [set.scp, set.rcp]) {
    m32[w++] = levels.length;
    for (const level of levels) {
      m32[w++] = level.length;
      for (const x of level) m32[w++] = x;
    }
  }

  // Context entries, then their (offset, length) value refs.
  m32[h + A.R_CTX_COUNT / 4] = ctx.ids.length;
  m32[h + A.R_CTX_OFFSET / 4] = (w - h) * 4;
  let refs = w + ctx.ids.length * (A.CTX_SIZE / 4);
  for (let i = 0; i < ctx.ids.length; i++) {
    const values = ctx.values[i];
    m32[w + A.X_KEY / 4] = ctx.ids[i];
    m32[w + A.X_FLAGS / 4] = ctx.multi[i] ? A.XF_MULTI : 0;
    m32[w + A.X_COUNT / 4] = values.length;
    m32[w + A.X_VALUES / 4] = (refs - h) * 4;
    w += A.CTX_SIZE / 4;
    for (const v of values) {
      const n = v.length === 0 ? 0 : encoder.encodeInto(v, m8.subarray(b)).written;
      m32[refs++] = b - base;
      m32[refs++] = n;
      b += n;
    }
  }
  return b;
}
