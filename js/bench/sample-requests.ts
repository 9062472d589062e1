/**
 * @module bench/sample-requests
 * Requests sampled from policies' own statements, for benchmarking a user's policies when they
 * bring no requests (`iam-edge bench --sample N`, the playground's Benchmark pane). Each
 * request takes a statement at random, one of its actions and resources with wildcards filled
 * in, and a random part of the context the set's conditions read (values taken from the
 * conditions, so some match and some do not). Seeded: the same policies and seed give the same
 * requests. Documents are read as JSON values; anything unexpected is skipped, not trusted.
 */
import type { AuthorizationRequest } from "../engine/request.ts";

/** mulberry32: small and fast; reproducible samples, not cryptography. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rng = () => number;
const pick = <T>(r: Rng, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
const strings = (v: unknown): string[] => (typeof v === "string" ? [v] : Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);
const object = (v: unknown): Record<string, unknown> | undefined => (v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined);

interface Shape { actions: string[]; resources: string[] }

/** A concrete name from a pattern: wildcards become letters, `${aws:username}` the principal's name. */
function fill(pattern: string, user: string, r: Rng): string {
  return pattern
    .replace(/\$\{aws:username\}/gi, user)
    .replace(/\$\{[^}]*\}/g, "sample")
    .replace(/\*/g, () => pick(r, ["sample", "a", "prod", "x1"]))
    .replace(/\?/g, "x");
}

/** A value a condition could see for its key: one of its own values, filled, or a near miss. */
function contextValue(operator: string, value: string, user: string, r: Rng): string {
  if (/^Bool/.test(operator)) return pick(r, ["true", "false"]);
  if (/IpAddress/.test(operator)) {
    const base = value.split("/")[0];
    return r() < 0.7 ? base : "192.0.2.10";
  }
  if (/^Date/.test(operator)) return pick(r, [value, "2020-01-01T00:00:00Z", "2030-01-01T00:00:00Z"]);
  if (/^Numeric/.test(operator)) return pick(r, [value, "0", "1000000"]);
  return r() < 0.7 ? fill(value, user, r) : "other";
}

/** The statements' action and resource lists, and every condition (key -> operator and values). */
function readDocuments(documents: readonly unknown[]): { shapes: Shape[]; conditions: Map<string, { operator: string; values: string[] }[]> } {
  const shapes: Shape[] = [];
  const conditions = new Map<string, { operator: string; values: string[] }[]>();
  for (const doc of documents) {
    const st = object(doc)?.Statement;
    for (const s of Array.isArray(st) ? st : st === undefined ? [] : [st]) {
      const statement = object(s);
      if (!statement) continue;
      const actions = strings(statement.Action);
      if (actions.length) shapes.push({ actions, resources: strings(statement.Resource) });
      for (const [operator, block] of Object.entries(object(statement.Condition) ?? {})) {
        for (const [key, values] of Object.entries(object(block) ?? {})) {
          const list = conditions.get(key) ?? [];
          list.push({ operator: operator.replace(/^For(Any|All)Values:/, ""), values: strings(values).concat(typeof values === "boolean" || typeof values === "number" ? [String(values)] : []) });
          conditions.set(key, list);
        }
      }
    }
  }
  return { shapes, conditions };
}

/**
 * `count` requests for `principal`, sampled from the statements of `documents` (identity
 * policies as JSON values). Empty when no statement names an action.
 * @example sampleRequests([policy], 1000, 1, "arn:aws:iam::111122223333:user/alice")
 */
export function sampleRequests(documents: readonly unknown[], count: number, seed: number, principal: string): AuthorizationRequest[] {
  const r = prng(seed);
  const user = principal.slice(principal.lastIndexOf("/") + 1);
  const { shapes, conditions } = readDocuments(documents);
  if (!shapes.length) return [];
  const keys = [...conditions.keys()];
  const out: AuthorizationRequest[] = [];
  for (let i = 0; i < count; i++) {
    const shape = pick(r, shapes);
    let action = fill(pick(r, shape.actions), user, r);
    if (!action.includes(":")) action = "s3:GetObject"; // `*` alone: any action is fair
    const resource = shape.resources.length ? fill(pick(r, shape.resources), user, r) : "*";
    const context: Record<string, string> = { "aws:username": user };
    for (const key of keys) {
      if (r() < 0.4) continue;
      const c = pick(r, conditions.get(key)!);
      if (c.values.length) context[key] = contextValue(c.operator, pick(r, c.values), user, r);
    }
    out.push({ principal, action, resource, context });
  }
  return out;
}
