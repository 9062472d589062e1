/**
 * @module policy/encode
 * Turns a validated, normalized policy into the compiled image the Wasm core reads: flat u32
 * records, UTF-8 bytes, patterns pre-classified (`*`, literal, glob, template), condition
 * operators as opcodes, policy values pre-parsed (numbers, dates, CIDRs, base64). The layout is
 * defined once in assembly/abi.ts (mirrored in ./image-format.ts) and described in docs/abi.md.
 */
import * as A from "./image-format.ts";
import type { ConditionBase, ConditionEntry, NormalizedPolicy, NormalizedStatement, PolicyKind, PrincipalSet } from "./types.ts";
import { parseTemplate, type TemplatePart } from "./variables.ts";
import { parseNumber, parseDate, parseCidr, decodeBase64, parseBool } from "./values.ts";

/** Interns lowercased condition-key names into the engine's key ids. */
export interface KeyInterner {
  id(lowerKey: string, spelling?: string): number;
}

export const KIND_CODES: Record<PolicyKind, number> = {
  identity: A.KIND_IDENTITY, resource: A.KIND_RESOURCE, trust: A.KIND_TRUST, boundary: A.KIND_BOUNDARY,
  session: A.KIND_SESSION, scp: A.KIND_SCP, rcp: A.KIND_RCP,
};

/** Opcode and negation of each base operator ("IAM JSON policy elements: Condition operators"). */
const OPERATORS: Record<ConditionBase, [number, boolean]> = {
  StringEquals: [A.OP_STRING_EQUALS, false], StringNotEquals: [A.OP_STRING_EQUALS, true],
  StringEqualsIgnoreCase: [A.OP_STRING_EQUALS_IGNORE_CASE, false], StringNotEqualsIgnoreCase: [A.OP_STRING_EQUALS_IGNORE_CASE, true],
  StringLike: [A.OP_STRING_LIKE, false], StringNotLike: [A.OP_STRING_LIKE, true],
  NumericEquals: [A.OP_NUMERIC_EQUALS, false], NumericNotEquals: [A.OP_NUMERIC_EQUALS, true],
  NumericLessThan: [A.OP_NUMERIC_LT, false], NumericLessThanEquals: [A.OP_NUMERIC_LTE, false],
  NumericGreaterThan: [A.OP_NUMERIC_GT, false], NumericGreaterThanEquals: [A.OP_NUMERIC_GTE, false],
  DateEquals: [A.OP_DATE_EQUALS, false], DateNotEquals: [A.OP_DATE_EQUALS, true],
  DateLessThan: [A.OP_DATE_LT, false], DateLessThanEquals: [A.OP_DATE_LTE, false],
  DateGreaterThan: [A.OP_DATE_GT, false], DateGreaterThanEquals: [A.OP_DATE_GTE, false],
  Bool: [A.OP_BOOL, false], BinaryEquals: [A.OP_BINARY_EQUALS, false],
  IpAddress: [A.OP_IP_ADDRESS, false], NotIpAddress: [A.OP_IP_ADDRESS, true],
  ArnEquals: [A.OP_ARN_LIKE, false], ArnLike: [A.OP_ARN_LIKE, false],
  ArnNotEquals: [A.OP_ARN_LIKE, true], ArnNotLike: [A.OP_ARN_LIKE, true],
  Null: [A.OP_NULL, false],
};

const utf8 = new TextEncoder();
const STAR = 0x2a;
const QUESTION = 0x3f;

/** A growable little-endian buffer with aligned allocation. */
class ImageWriter {
  buf = new Uint8Array(1024);
  view = new DataView(this.buf.buffer);
  length = 0;

  alloc(size: number, align = 4): number {
    const at = (this.length + align - 1) & ~(align - 1);
    const end = at + size;
    if (end > this.buf.length) {
      let cap = this.buf.length * 2;
      while (cap < end) cap *= 2;
      const next = new Uint8Array(cap);
      next.set(this.buf.subarray(0, this.length));
      this.buf = next;
      this.view = new DataView(next.buffer);
    }
    this.length = end;
    return at;
  }
  u32(at: number, value: number): void {
    this.view.setUint32(at, value >>> 0, true);
  }
  bytes(data: Uint8Array): number {
    const at = this.alloc(data.length, 1);
    this.buf.set(data, at);
    return at;
  }
  /** Byte length of the last {@link text} written. */
  textLength = 0;
  /**
   * Writes `text` as UTF-8 (what `utf8.encode` gives: a lone surrogate as U+FFFD) straight into
   * the buffer, with no Uint8Array of its own (a cold compile wrote hundreds of them: issue 17);
   * returns its offset, and its byte length in {@link textLength}.
   */
  text(text: string): number {
    // A UTF-16 code unit is at most 3 UTF-8 bytes, so encodeInto never stops short.
    const at = this.alloc(text.length * 3, 1);
    const written = utf8.encodeInto(text, this.buf.subarray(at)).written;
    this.length = at + written;
    this.textLength = written;
    return at;
  }
  finish(): Uint8Array {
    return this.buf.slice(0, this.length);
  }
}

/**
 * Glob form of policy text: `*` and `?` stay wildcards; a literal NUL is escaped as 0x00 0x00.
 * `escapedAll` escapes `*` and `?` too (they came from `${*}` / `${?}`).
 */
function globBytes(text: string, escapedAll = false): Uint8Array {
  const raw = utf8.encode(text);
  // Usually nothing to escape: found with native string search, no byte loop.
  if (!text.includes("\0") && !(escapedAll && (text.includes("*") || text.includes("?")))) return raw;
  let extra = 0;
  for (const b of raw) if (b === 0 || (escapedAll && (b === STAR || b === QUESTION))) extra++;
  if (extra === 0) return raw;
  const out = new Uint8Array(raw.length + extra);
  let j = 0;
  for (const b of raw) {
    if (b === 0 || (escapedAll && (b === STAR || b === QUESTION))) out[j++] = 0;
    out[j++] = b;
  }
  return out;
}

/**
 * Bytes of glob `b` before its first wildcard or escape: any input the pattern matches starts
 * with them (also per ARN segment, since the segments before are then literal), so the core
 * rejects most inputs by comparing this prefix before matching.
 */
function literalPrefix(b: Uint8Array, from = 0, to = b.length): number {
  let i = from;
  while (i < to && b[i] !== STAR && b[i] !== QUESTION && b[i] !== 0) i++;
  return i - from;
}

/**
 * {@link literalPrefix} of text written as is (no NUL to escape) at `at`, `bytes` long: the
 * index of its first wildcard when the text is ASCII (as many bytes as code units), found by
 * native string search rather than a byte loop that runs cold.
 */
function textPrefix(text: string, w: ImageWriter, at: number, bytes: number): number {
  if (bytes !== text.length) return literalPrefix(w.buf, at, at + bytes);
  const star = text.indexOf("*");
  const question = text.indexOf("?");
  if (star < 0) return question < 0 ? bytes : question;
  return question < 0 || star < question ? star : question;
}

function hasWildcard(text: string): boolean {
  return text.includes("*") || text.includes("?");
}

/**
 * Template parts of `text`, or null when it has no `${...}` or variables are off: policy
 * variables apply only under Version 2012-10-17 ("IAM JSON policy elements: Version").
 */
function templateOf(text: string, variables: boolean): TemplatePart[] | null {
  if (!variables || !text.includes("${")) return null;
  const parsed = parseTemplate(text);
  return "error" in parsed ? null : parsed.parts;
}

const isVariable = (part: TemplatePart): boolean => "key" in part;

/** A service mask: A.MASK_WORDS u32 words (256 bits). */
type Mask = number[];
const all = (): Mask => new Array<number>(A.MASK_WORDS).fill(0xffffffff);

/**
 * The bit of a service prefix: FNV-1a over its ASCII-lowercased characters, `& 255` (the core
 * hashes the request's action the same way: assembly/eval/authorizer.ts hashAction).
 */
export function serviceBit(prefix: string): number {
  let h = A.FNV_OFFSET;
  for (let i = 0; i < prefix.length; i++) {
    let c = prefix.charCodeAt(i);
    if (c >= 0x41 && c <= 0x5a) c += 0x20;
    h = Math.imul(h ^ c, A.FNV_PRIME) >>> 0;
  }
  return h & 255;
}

const ALL_BITS = 0xffffffff;

/**
 * The action-hint bit of a literal action's UTF-8 bytes: FNV-1a over them, ASCII letters
 * lowercased (actions compare case-insensitively, ASCII only), `& 31`. The core hashes the
 * request's action the same way (assembly/eval/authorizer.ts hashAction).
 */
export function actionHintBit(bytes: Uint8Array, from = 0, to = bytes.length): number {
  let h = A.FNV_OFFSET;
  for (let i = from; i < to; i++) {
    let c = bytes[i];
    if (c >= 0x41 && c <= 0x5a) c += 0x20;
    h = Math.imul(h ^ c, A.FNV_PRIME) >>> 0;
  }
  return (1 << (h & 31)) >>> 0;
}

/**
 * The services a statement's actions can name. NotAction, `*`, and any pattern whose service
 * prefix has a wildcard (the validator rejects those) can match every service.
 */
function actionMask(s: NormalizedStatement): Mask {
  if (s.notAction || !s.action) return all();
  const mask: Mask = new Array<number>(A.MASK_WORDS).fill(0);
  for (let i = 0; i < s.action.length; i++) {
    const action = s.action[i];
    const colon = action.indexOf(":");
    const prefix = colon < 0 ? action : action.slice(0, colon);
    if (colon < 0 || hasWildcard(prefix)) return all();
    const bit = serviceBit(prefix);
    mask[bit >> 5] = (mask[bit >> 5] | (1 << (bit & 31))) >>> 0;
  }
  return mask;
}

/** Literal-only parts (`${*}`, `${?}`, `${$}` escapes): their raw text and their glob bytes. */
function literalParts(parts: TemplatePart[]): { raw: string; glob: Uint8Array; wildcard: boolean } {
  let raw = "";
  let wildcard = false;
  const chunks: Uint8Array[] = [];
  for (const part of parts) {
    if ("key" in part) continue;
    raw += part.literal;
    if (!part.escaped && hasWildcard(part.literal)) wildcard = true;
    chunks.push(globBytes(part.literal, part.escaped === true));
  }
  const glob = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    glob.set(c, at);
    at += c.length;
  }
  return { raw, glob, wildcard };
}

class Encoder {
  readonly w = new ImageWriter();
  /** The image offset of the last pattern's bytes when it was literal (for the action hint), else -1; its length in literalLength. */
  literal = -1;
  literalLength = 0;
  /** Ids of the context keys the statement being written reads (conditions, variables). */
  statementKeys = new Set<number>();

  /** The id of a condition key or variable name (case-insensitive), noted for the statement. */
  keyId(key: string): number {
    const id = this.keys.id(key.toLowerCase(), key);
    this.statementKeys.add(id);
    return id;
  }
  constructor(private readonly keys: KeyInterner, private readonly variables: boolean) {}

  /** Writes a list header plus `count` records of `size`; returns [listOffset, firstRecord]. */
  list(count: number, size: number): [number, number] {
    const at = this.w.alloc(4 + count * size);
    this.w.u32(at, count);
    return [at, at + 4];
  }

  value(at: number, flags: number, ptr: number, len: number, aux = 0): void {
    this.w.u32(at + A.V_FLAGS, flags);
    this.w.u32(at + A.V_PTR, ptr);
    this.w.u32(at + A.V_LEN, len);
    this.w.u32(at + A.V_AUX, aux);
  }

  /** Template parts: literal text in glob or raw form, variables as key ids plus a raw default. */
  template(parts: TemplatePart[], glob: boolean): number {
    const bytes = parts.map((part) => {
      if ("key" in part) return part.default === undefined ? null : utf8.encode(part.default);
      return glob ? globBytes(part.literal, part.escaped === true) : utf8.encode(part.literal);
    });
    const offsets = bytes.map((b) => (b ? this.w.bytes(b) : 0));
    const at = this.w.alloc(parts.length * A.TPART_SIZE);
    parts.forEach((part, i) => {
      const rec = at + i * A.TPART_SIZE;
      if ("key" in part) {
        const def = bytes[i];
        this.w.u32(rec + A.T_TYPE, def ? A.TP_VAR_DEFAULT : A.TP_VAR);
        this.w.u32(rec + A.T_A, this.keyId(part.key));
        this.w.u32(rec + A.T_B, offsets[i]);
        this.w.u32(rec + A.T_C, def ? def.length : 0);
      } else {
        this.w.u32(rec + A.T_TYPE, A.TP_LITERAL);
        this.w.u32(rec + A.T_A, offsets[i]);
        this.w.u32(rec + A.T_B, bytes[i]!.length);
      }
    });
    return at;
  }

  /** A wildcard pattern (Action, Resource, StringLike, Arn*): `*`, literal, glob or template. */
  pattern(at: number, text: string, allowVariables: boolean, alwaysGlob = false): void {
    this.literal = -1;
    const parts = allowVariables ? templateOf(text, this.variables) : null;
    if (parts && parts.some(isVariable)) {
      const first = parts[0];
      const prefix = "key" in first ? 0 : literalPrefix(globBytes(first.literal, first.escaped === true));
      this.value(at, A.VF_TEMPLATE | A.VF_TEMPLATE_GLOB, this.template(parts, true), parts.length, prefix);
    } else if (parts) {
      // Only escapes: `a${*}b` is the literal text `a*b`.
      const { raw, glob, wildcard } = literalParts(parts);
      if (!wildcard && !alwaysGlob) {
        this.literalText(at, raw);
      } else {
        this.value(at, A.VF_GLOB, this.w.bytes(glob), glob.length, literalPrefix(glob));
      }
    } else if (text === "*") {
      this.value(at, A.VF_STAR | A.VF_GLOB, this.w.text(text), 1);
    } else if (!alwaysGlob && !hasWildcard(text)) {
      this.literalText(at, text);
    } else if (!text.includes("\0")) {
      // The glob form is the text's own bytes (globBytes escapes only NUL here).
      const ptr = this.w.text(text);
      const n = this.w.textLength;
      this.value(at, A.VF_GLOB, ptr, n, textPrefix(text, this.w, ptr, n));
    } else {
      const b = globBytes(text);
      this.value(at, A.VF_GLOB, this.w.bytes(b), b.length, literalPrefix(b));
    }
  }

  /** A literal pattern's value, noted for the action hint. */
  literalText(at: number, text: string): void {
    const ptr = this.w.text(text);
    this.value(at, A.VF_LITERAL, ptr, this.w.textLength);
    this.literal = ptr;
    this.literalLength = this.w.textLength;
  }

  /** Exact text (StringEquals, Bool with variables): literal bytes or a raw template. */
  exact(at: number, text: string): void {
    const parts = templateOf(text, this.variables);
    if (parts && parts.some(isVariable)) {
      this.value(at, A.VF_TEMPLATE, this.template(parts, false), parts.length);
    } else {
      const ptr = this.w.text(parts ? literalParts(parts).raw : text);
      this.value(at, A.VF_LITERAL, ptr, this.w.textLength);
    }
  }

  patternList(values: string[], allowVariables: boolean): number {
    const list = this.w.alloc(4 + values.length * A.VALUE_SIZE);
    this.w.u32(list, values.length);
    for (let i = 0; i < values.length; i++) this.pattern(list + 4 + i * A.VALUE_SIZE, values[i], allowVariables);
    return list;
  }

  /**
   * A statement's Action or NotAction list, and its action hint: one bit per literal action;
   * any other pattern can match anything (NotAction: every bit).
   */
  actionList(values: string[], notAction: boolean): { list: number; hint: number } {
    const list = this.w.alloc(4 + values.length * A.VALUE_SIZE);
    this.w.u32(list, values.length);
    let hint = notAction ? ALL_BITS : 0;
    for (let i = 0; i < values.length; i++) {
      this.pattern(list + 4 + i * A.VALUE_SIZE, values[i], false);
      hint = (hint | (this.literal >= 0 ? actionHintBit(this.w.buf, this.literal, this.literal + this.literalLength) : ALL_BITS)) >>> 0;
    }
    return { list, hint };
  }

  principals(set: PrincipalSet): number {
    const entries: [number, string][] = [];
    if (set.star) entries.push([A.PT_STAR, "*"]);
    for (const v of set.aws) entries.push(classifyAwsPrincipal(v));
    for (const v of set.service) entries.push([A.PT_SERVICE, v]);
    for (const v of set.federated) entries.push([A.PT_FEDERATED, v]);
    for (const v of set.canonicalUser) entries.push([A.PT_CANONICAL, v]);
    const texts: number[] = [];
    const lengths: number[] = [];
    for (let i = 0; i < entries.length; i++) {
      texts.push(this.w.text(entries[i][1]));
      lengths.push(this.w.textLength);
    }
    const [list, first] = this.list(entries.length, A.PRINCIPAL_SIZE);
    for (let i = 0; i < entries.length; i++) {
      const rec = first + i * A.PRINCIPAL_SIZE;
      this.w.u32(rec + A.P_TYPE, entries[i][0]);
      this.w.u32(rec + A.P_PTR, texts[i]);
      this.w.u32(rec + A.P_LEN, lengths[i]);
    }
    return list;
  }

  conditionValues(entry: ConditionEntry, op: number): number {
    const values = entry.values;
    const list = this.w.alloc(4 + values.length * A.VALUE_SIZE);
    this.w.u32(list, values.length);
    for (let i = 0; i < values.length; i++) this.conditionValue(list + 4 + i * A.VALUE_SIZE, values[i], op);
    return list;
  }

  /** One condition value of operator `op`, pre-parsed for its family. */
  conditionValue(at: number, text: string, op: number): void {
    switch (op) {
      case A.OP_STRING_EQUALS:
      case A.OP_STRING_EQUALS_IGNORE_CASE:
        return this.exact(at, text);
      case A.OP_STRING_LIKE:
        return this.pattern(at, text, true);
      case A.OP_ARN_LIKE:
        return this.pattern(at, text, true, true);
      case A.OP_BOOL: {
        if (templateOf(text, this.variables)?.some(isVariable)) return this.exact(at, text);
        return this.value(at, 0, 0, 0, parseBool(text) ? 1 : 0);
      }
      case A.OP_NULL:
        return this.value(at, 0, 0, 0, parseBool(text) ? 1 : 0);
      case A.OP_BINARY_EQUALS: {
        const b = decodeBase64(text) ?? new Uint8Array(0);
        return this.value(at, 0, this.w.bytes(b), b.length);
      }
      case A.OP_IP_ADDRESS: {
        const cidr = parseCidr(text);
        const ptr = this.w.bytes(cidr ? cidr.bytes : new Uint8Array(16));
        return this.value(at, 0, ptr, 16, cidr ? cidr.prefix : 128);
      }
      default: {
        // Numeric and Date values, pre-parsed once (dates as epoch seconds).
        const x = op <= A.OP_NUMERIC_GTE ? parseNumber(text) : parseDate(text);
        const ptr = this.w.alloc(8, 8);
        this.w.view.setFloat64(ptr, x ?? NaN, true);
        return this.value(at, 0, ptr, 8);
      }
    }
  }

  conditions(entries: ConditionEntry[]): number {
    const values: number[] = [];
    for (let i = 0; i < entries.length; i++) values.push(this.conditionValues(entries[i], OPERATORS[entries[i].base][0]));
    const [list, first] = this.list(entries.length, A.COND_SIZE);
    for (let i = 0; i < entries.length; i++) {
      const e = entries[i];
      const rec = first + i * A.COND_SIZE;
      const [op, negated] = OPERATORS[e.base];
      let flags = negated ? A.CF_NEGATED : 0;
      if (e.ifExists) flags |= A.CF_IF_EXISTS;
      if (e.qualifier === "ForAllValues") flags |= A.CF_FOR_ALL;
      if (e.qualifier === "ForAnyValue") flags |= A.CF_FOR_ANY;
      this.w.u32(rec + A.C_OP, op);
      this.w.u32(rec + A.C_FLAGS, flags);
      // Condition key names are case-insensitive ("IAM JSON policy elements: Condition").
      this.w.u32(rec + A.C_KEY, this.keyId(e.key));
      this.w.u32(rec + A.C_VALUES, values[i]);
    }
    return list;
  }

  statement(at: number, s: NormalizedStatement): Mask {
    let flags = 0;
    const { list: actions, hint } = this.actionList(s.action ?? s.notAction ?? [], s.notAction !== undefined);
    if (s.notAction) flags |= A.SF_NOT_ACTION;
    let resources = 0;
    if (s.resource || s.notResource) {
      resources = this.patternList(s.resource ?? s.notResource ?? [], true);
      if (s.notResource) flags |= A.SF_NOT_RESOURCE;
    }
    let principals = 0;
    if (s.principal || s.notPrincipal) {
      principals = this.principals((s.principal ?? s.notPrincipal)!);
      if (s.notPrincipal) flags |= A.SF_NOT_PRINCIPAL;
    }
    const conds = s.conditions.length > 0 ? this.conditions(s.conditions) : 0;
    this.w.u32(at + A.S_EFFECT, s.effect === "Deny" ? A.EFFECT_DENY : A.EFFECT_ALLOW);
    this.w.u32(at + A.S_INDEX, s.index);
    this.w.u32(at + A.S_FLAGS, flags);
    this.w.u32(at + A.S_ACTIONS, actions);
    this.w.u32(at + A.S_RESOURCES, resources);
    this.w.u32(at + A.S_PRINCIPALS, principals);
    this.w.u32(at + A.S_CONDS, conds);
    this.w.u32(at + A.S_ACTION_HINT, hint);
    const mask = actionMask(s);
    for (let i = 0; i < mask.length; i++) this.w.u32(at + A.S_MASK + 4 * i, mask[i]);
    return mask;
  }
}

const ACCOUNT_ID = /^\d{12}$/;
const IAM_ARN = /^arn:[a-z0-9-]+:(iam|sts)::(\d{12}):(.*)$/;

/**
 * Principal forms of "AWS JSON policy elements: Principal": an account id and its `:root` ARN
 * are the same principal (the whole account); user, role, assumed-role session and
 * federated-user ARNs name one principal each.
 */
export function classifyAwsPrincipal(value: string): [number, string] {
  if (value === "*") return [A.PT_STAR, value];
  if (ACCOUNT_ID.test(value)) return [A.PT_ACCOUNT, value];
  const m = IAM_ARN.exec(value);
  if (!m) return [A.PT_OTHER_AWS, value];
  const [, service, account, rest] = m;
  if (service === "iam" && rest === "root") return [A.PT_ACCOUNT, account];
  if (service === "iam" && rest.startsWith("user/")) return [A.PT_USER, value];
  if (service === "iam" && rest.startsWith("role/")) return [A.PT_ROLE, value];
  if (service === "sts" && rest.startsWith("assumed-role/")) return [A.PT_SESSION, value];
  if (rest.startsWith("federated-user/")) return [A.PT_FEDERATED_USER, value];
  return [A.PT_OTHER_AWS, value];
}

/** Encodes a normalized policy of `kind` into an image. */
/**
 * Encodes a validated policy into its image. `statementKeys`, when given, receives per
 * statement (in order) the ids of the context keys it reads: the binding writes only those a
 * request's selected statements need.
 */
export function encodePolicy(policy: NormalizedPolicy, kind: PolicyKind, keys: KeyInterner, statementKeys?: number[][]): Uint8Array {
  const variables = policy.version === "2012-10-17";
  const enc = new Encoder(keys, variables);
  const w = enc.w;
  w.alloc(A.HEADER_SIZE);
  const n = policy.statements.length;
  const table = w.alloc(n * A.STMT_SIZE);
  const mask: Mask = new Array<number>(A.MASK_WORDS).fill(0);
  for (let i = 0; i < n; i++) {
    enc.statementKeys = new Set();
    const m = enc.statement(table + i * A.STMT_SIZE, policy.statements[i]);
    statementKeys?.push(Array.from(enc.statementKeys));
    for (let k = 0; k < A.MASK_WORDS; k++) mask[k] = (mask[k] | m[k]) >>> 0;
  }
  w.alloc(0, 8);
  w.u32(A.H_MAGIC, A.IMAGE_MAGIC);
  w.u32(A.H_ABI, A.ABI_VERSION);
  w.u32(A.H_KIND, KIND_CODES[kind]);
  w.u32(A.H_FLAGS, variables ? A.HF_VARIABLES : 0);
  w.u32(A.H_STMT_COUNT, n);
  w.u32(A.H_STMT_OFFSET, table);
  w.u32(A.H_TOTAL_SIZE, w.length);
  for (let i = 0; i < mask.length; i++) w.u32(A.H_MASK + 4 * i, mask[i]);
  return w.finish();
}
