/**
 * @module playground/analyzer/builder-model
 * The visual policy builder's model, without DOM: one statement of one service (effect, actions,
 * resources, conditions), written as policy JSON and read back from it where it fits; the
 * condition operators that fit a key's type; ARN templates filled for a first draft.
 *
 * Operators by key type follow "IAM JSON policy elements: Condition operators" (String, Numeric,
 * Date, Bool, Binary, IP address and ARN operators; a key of an `ArrayOf...` type takes the
 * `ForAnyValue:` or `ForAllValues:` set qualifier, "Multivalued context keys"). An ARN key also
 * takes the string operators, as the same page allows.
 *
 * Principals (resource and trust policies) follow "AWS JSON policy elements: Principal": `"*"`
 * (anyone), or an object whose keys are `AWS` (account ids, account root, user, role and
 * session ARNs, or `*`), `Service` (service principals), `Federated` (SAML or OIDC providers)
 * and `CanonicalUser`, each a string or a list. NotPrincipal is kept as written: the builder
 * does not edit it ("AWS JSON policy elements: NotPrincipal" advises against it).
 */

export type Effect = "Allow" | "Deny";

export interface BuiltCondition {
  operator: string;
  key: string;
  values: string[];
}

/** The principal types of the Principal element, in the order AWS's examples list them. */
export const PRINCIPAL_TYPES = ["AWS", "Service", "Federated", "CanonicalUser"] as const;
export type PrincipalType = (typeof PRINCIPAL_TYPES)[number];

/** A Principal element: anyone (`"*"`), or principals by type. */
export type BuiltPrincipal = { anyone: true } | { anyone: false; entries: { type: PrincipalType; value: string }[] };

export interface BuiltStatement {
  sid: string;
  effect: Effect;
  /** Resource and trust policies: who the statement applies to (undefined: no Principal element). */
  principal?: BuiltPrincipal;
  /** A NotPrincipal element as the JSON has it, written back unchanged. */
  notPrincipal?: unknown;
  /** The service prefix every action shares (`s3`). */
  service: string;
  /** `s3:GetObject`, as AWS spells them. */
  actions: string[];
  /** ARNs, or `*`. */
  resources: string[];
  conditions: BuiltCondition[];
}

const STRING_OPS = ["StringEquals", "StringNotEquals", "StringEqualsIgnoreCase", "StringNotEqualsIgnoreCase", "StringLike", "StringNotLike"];
const OPS_BY_BASE: Record<string, string[]> = {
  String: STRING_OPS,
  ARN: ["ArnEquals", "ArnLike", "ArnNotEquals", "ArnNotLike", ...STRING_OPS],
  Numeric: ["NumericEquals", "NumericNotEquals", "NumericLessThan", "NumericLessThanEquals", "NumericGreaterThan", "NumericGreaterThanEquals"],
  Date: ["DateEquals", "DateNotEquals", "DateLessThan", "DateLessThanEquals", "DateGreaterThan", "DateGreaterThanEquals"],
  Bool: ["Bool"],
  IPAddress: ["IpAddress", "NotIpAddress"],
  Binary: ["BinaryEquals"],
};

/** The operators that fit a condition key of this catalog type (`String`, `ArrayOfARN`, ...); `Null` fits every key. */
export function operatorsFor(type: string): string[] {
  const multi = type.startsWith("ArrayOf");
  const base = multi ? type.slice("ArrayOf".length) : type;
  const ops = OPS_BY_BASE[base] ?? STRING_OPS;
  const qualified = multi ? ops.flatMap((o) => [`ForAnyValue:${o}`, `ForAllValues:${o}`]) : ops;
  return [...qualified, "Null"];
}

/**
 * An ARN template of the Service Authorization Reference as a first draft: the partition is
 * `aws`, every other placeholder (`${Region}`, `${Account}`, `${BucketName}`) a `*` to replace.
 */
export function draftArn(template: string): string {
  return template.replace(/\$\{Partition\}/g, "aws").replace(/\$\{[^}]*\}/g, "*");
}

/**
 * The statement as policy JSON (an object for JSON.stringify). `resource: false` for a role
 * trust policy, which has no Resource element (IAM refuses one: "Has prohibited field Resource").
 */
export function toStatement(b: BuiltStatement, { resource = true }: { resource?: boolean } = {}): Record<string, unknown> {
  const one = (list: string[]) => (list.length === 1 ? list[0] : list);
  const out: Record<string, unknown> = {};
  if (b.sid) out.Sid = b.sid;
  out.Effect = b.effect;
  const principal = b.principal ? toPrincipal(b.principal) : undefined;
  if (principal !== undefined) out.Principal = principal;
  if (b.notPrincipal !== undefined) out.NotPrincipal = b.notPrincipal;
  out.Action = one(b.actions);
  if (resource || b.resources.length) out.Resource = one(b.resources.length ? b.resources : ["*"]);
  const conditions = b.conditions.filter((c) => c.operator && c.key);
  if (conditions.length) {
    const block: Record<string, Record<string, string | string[]>> = {};
    for (const c of conditions) (block[c.operator] ??= {})[c.key] = one(c.values);
    out.Condition = block;
  }
  return out;
}

/** The Principal element's value; undefined while no principal is given (the analyzer then reports MISSING_PRINCIPAL). */
export function toPrincipal(p: BuiltPrincipal): unknown {
  if (p.anyone) return "*";
  const block: Record<string, string | string[]> = {};
  for (const type of PRINCIPAL_TYPES) {
    const values = p.entries.filter((e) => e.type === type && e.value.trim()).map((e) => e.value.trim());
    if (values.length) block[type] = values.length === 1 ? values[0] : values;
  }
  return Object.keys(block).length ? block : undefined;
}

/** Reads a Principal element back, or undefined when it is not `"*"` or type → string(s). */
export function fromPrincipal(value: unknown): BuiltPrincipal | undefined {
  if (value === "*") return { anyone: true };
  if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
  const entries: { type: PrincipalType; value: string }[] = [];
  for (const [type, v] of Object.entries(value)) {
    const values = strings(v);
    if (!values || !(PRINCIPAL_TYPES as readonly string[]).includes(type)) return undefined;
    for (const x of values) entries.push({ type: type as PrincipalType, value: x });
  }
  return { anyone: false, entries };
}

const strings = (v: unknown): string[] | undefined =>
  typeof v === "string" ? [v] : Array.isArray(v) && v.every((x) => typeof x === "string") ? (v as string[]) : undefined;

/** What the builder shows for a statement of the JSON: the statement, or why it cannot. */
export type ReadBack = { statement: BuiltStatement } | { reason: string };

/** Reads a statement of the JSON back into the builder, when it has the builder's shape. */
export function fromStatement(value: unknown): ReadBack {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return { reason: "the statement is not an object" };
  const s = value as Record<string, unknown>;
  for (const k of ["NotAction", "NotResource"]) if (k in s) return { reason: `the builder does not edit ${k}` };
  const principal = "Principal" in s ? fromPrincipal(s.Principal) : undefined;
  if ("Principal" in s && !principal) return { reason: "its Principal is not \"*\" or AWS / Service / Federated / CanonicalUser → names" };
  if (s.Effect !== "Allow" && s.Effect !== "Deny") return { reason: "its Effect is neither Allow nor Deny" };
  const actions = strings(s.Action);
  if (!actions?.length) return { reason: "its Action is not a list of actions" };
  const services = new Set(actions.map((a) => a.slice(0, Math.max(a.indexOf(":"), 0)).toLowerCase()));
  if (services.size !== 1 || services.has("") || [...services][0].includes("*")) return { reason: "its actions are not of one service" };
  const resources = s.Resource === undefined ? [] : strings(s.Resource);
  if (!resources) return { reason: "its Resource is not a list of strings" };
  const conditions = readConditions(s.Condition);
  if (!conditions) return { reason: "its Condition is not operator → key → values" };
  return {
    statement: {
      sid: typeof s.Sid === "string" ? s.Sid : "", effect: s.Effect, service: [...services][0], actions, resources, conditions,
      ...(principal ? { principal } : {}), ...("NotPrincipal" in s ? { notPrincipal: s.NotPrincipal } : {}),
    },
  };
}

function readConditions(block: unknown): BuiltCondition[] | undefined {
  if (block === undefined) return [];
  if (typeof block !== "object" || block === null || Array.isArray(block)) return undefined;
  const out: BuiltCondition[] = [];
  for (const [operator, keys] of Object.entries(block)) {
    if (typeof keys !== "object" || keys === null || Array.isArray(keys)) return undefined;
    for (const [key, v] of Object.entries(keys)) {
      const values = strings(v) ?? (typeof v === "number" || typeof v === "boolean" ? [String(v)] : undefined);
      if (!values) return undefined;
      out.push({ operator, key, values });
    }
  }
  return out;
}

/** The policy's statements as a list (`Statement` may be one object), or why the JSON cannot take a statement. */
export function statementsOf(text: string): { doc: Record<string, unknown>; statements: unknown[] } | { reason: string } {
  if (!text.trim()) return { doc: { Version: "2012-10-17" }, statements: [] };
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return { reason: "the JSON does not parse: fix it in the editor first" };
  }
  if (typeof doc !== "object" || doc === null || Array.isArray(doc)) return { reason: "the policy is not a JSON object" };
  const st = (doc as Record<string, unknown>).Statement;
  const statements = st === undefined ? [] : Array.isArray(st) ? st : [st];
  return { doc: doc as Record<string, unknown>, statements };
}

/** The policy text with statement `index` replaced (or added at the end when `index` is the count). */
export function withStatement(text: string, index: number, b: BuiltStatement, options?: { resource?: boolean }): string | { reason: string } {
  const read = statementsOf(text);
  if ("reason" in read) return read;
  const statements = [...read.statements];
  statements[Math.min(index, statements.length)] = toStatement(b, options);
  const doc = { Version: "2012-10-17", ...read.doc, Statement: statements };
  return JSON.stringify(doc, null, 2);
}
