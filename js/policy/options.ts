/**
 * @module policy/options
 * The options of `validate` and `compile`, read and checked once (issue 13.15): `maxSize: NaN`
 * or `"10"` would have disabled the size quota, since `size > NaN` is never true. Each option
 * is read once, own properties only (a `maxSize` added to Object.prototype is no option), and
 * an unknown name is refused, so that a misspelt `maxsize` does not pass silently.
 */
import { MAX_TEXT_LENGTH } from "./input.ts";
import { quote } from "./json.ts";
import { POLICY_KINDS, type PolicyKind } from "./types.ts";

/** The options, checked. */
export interface PolicyOptions {
  kind: PolicyKind;
  /**
   * Overrides the size quota of the kind: a positive safe integer. Above MAX_TEXT_LENGTH it
   * only lifts the kind's quota: the text limit still applies (AWS managed policies are
   * validated with a large one).
   */
  maxSize?: number;
  /** `compile` only: reported as `policyId`. */
  id?: string;
  /** `validate` only: IAM's own checks of stored documents (ValidateOptions.iamChecks). */
  iamChecks?: boolean;
}

/** What is wrong with the options: `path` names the option (`/maxSize`), "" for the whole. */
export interface OptionProblem {
  code: "INVALID_KIND" | "INVALID_OPTION";
  message: string;
  path: string;
}

const NAMES = new Set(["kind", "maxSize", "id", "iamChecks"]);
const hasOwn = Object.hasOwn;
const ObjectPrototype = Object.prototype;

/** Reads `options` (of `validate` or `compile`): the checked options, or the first problem. */
export function readPolicyOptions(options: unknown): { options: PolicyOptions } | { problem: OptionProblem } {
  if (options !== undefined && options !== null && typeof options !== "object") {
    return { problem: { code: "INVALID_OPTION", message: `options must be an object such as \`{ kind: "identity" }\`, not ${typeof options}`, path: "" } };
  }
  const o = (options ?? {}) as Record<string, unknown>;
  for (const name in o) {
    if (hasOwn(o, name) && !NAMES.has(name)) {
      return { problem: { code: "INVALID_OPTION", message: `unknown option ${quote(name)}; the options are \`kind\`, \`maxSize\`, \`id\` and \`iamChecks\``, path: `/${name}` } };
    }
  }
  const kind = own(o, "kind");
  const maxSize = own(o, "maxSize");
  const id = own(o, "id");
  const iamChecks = own(o, "iamChecks");
  if (!POLICY_KINDS.includes(kind as PolicyKind)) return { problem: { code: "INVALID_KIND", message: invalidKind(kind), path: "/kind" } };
  // Every field own, even when undefined: reading an absent one would reach Object.prototype.
  const out: PolicyOptions = { kind: kind as PolicyKind, maxSize: undefined, id: undefined, iamChecks: undefined };
  if (maxSize !== undefined) {
    if (typeof maxSize !== "number" || !Number.isSafeInteger(maxSize) || maxSize < 1) {
      return { problem: { code: "INVALID_OPTION", message: `\`maxSize\` must be a positive integer (characters; the text limit of ${MAX_TEXT_LENGTH} applies whatever it says), not ${describe(maxSize)}`, path: "/maxSize" } };
    }
    out.maxSize = maxSize;
  }
  if (id !== undefined) {
    if (typeof id !== "string") return { problem: { code: "INVALID_OPTION", message: `\`id\` must be a string, not ${describe(id)}`, path: "/id" } };
    out.id = id;
  }
  if (iamChecks !== undefined) {
    if (typeof iamChecks !== "boolean") return { problem: { code: "INVALID_OPTION", message: `\`iamChecks\` must be a boolean, not ${describe(iamChecks)}`, path: "/iamChecks" } };
    out.iamChecks = iamChecks;
  }
  return { options: out };
}

/** An option, read once: own, or a class's getter, but never one added to Object.prototype. */
function own(o: Record<string, unknown>, name: string): unknown {
  return hasOwn(o, name) || !(name in ObjectPrototype) ? o[name] : undefined;
}

function describe(v: unknown): string {
  return typeof v === "number" ? `\`${String(v)}\`` : typeof v === "string" ? quote(v) : v === null ? "null" : typeof v;
}

function invalidKind(kind: unknown): string {
  const expected = `one of ${POLICY_KINDS.map((k) => `\`${k}\``).join(", ")}`;
  return kind === undefined
    ? `no policy \`kind\` given; pass \`{ kind }\` with ${expected}`
    : `policy \`kind\` must be ${expected}, not ${typeof kind === "string" ? quote(kind) : typeof kind}`;
}
