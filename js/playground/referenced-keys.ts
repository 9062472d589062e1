/**
 * @module playground/referenced-keys
 * The condition keys and policy variables a set of policy texts references, with the type a
 * value most likely has (from the operator that tests it): the request form offers them as
 * buttons and as the key field's suggestions.
 */
import type { ContextType } from "./state.ts";

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

type Add = (key: string, type: ContextType, use: string) => void;

/** `${key}` variables anywhere in the text (`${*}`, `${?}`, `${$}` are escapes, not keys). */
function addVariables(text: string, add: Add): void {
  for (const m of text.matchAll(/\$\{([^}]+)\}/g)) {
    const key = m[1].split(",")[0].trim();
    if (key && !["*", "?", "$"].includes(key)) add(key, "string", "${…}");
  }
}

/** The keys of every statement's `Condition` block, when the text is JSON. */
function addConditionKeys(text: string, add: Add): void {
  let doc: any;
  try {
    doc = JSON.parse(text);
  } catch {
    return;
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

/** Every condition key and policy variable in the given policy texts (unparseable ones skipped). */
export function referencedKeys(texts: string[]): ReferencedKey[] {
  const found = new Map<string, ReferencedKey>();
  const add: Add = (key, type, use) => {
    const id = key.toLowerCase();
    const k = found.get(id) ?? { key, type, uses: [] };
    if (k.type === "string" && type !== "string") k.type = type;
    if (!k.uses.includes(use)) k.uses.push(use);
    found.set(id, k);
  };
  for (const text of texts) {
    if (!text.trim()) continue;
    addVariables(text, add);
    addConditionKeys(text, add);
  }
  return [...found.values()].sort((a, b) => a.key.localeCompare(b.key));
}
