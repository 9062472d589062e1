/**
 * @module analyzer/custom/candidates
 * The requests the custom checks try: built from the values the policies themselves name
 * (actions, resources, principals and condition values of every statement of both policies),
 * wildcards made concrete from the catalog and by filling them in, plus a value outside every
 * pattern. A check is sound for FAIL (its example request is decided by the engine) and, for
 * PASS, as complete as this search: AWS proves the same with automated reasoning
 * (docs/analyzer.md, "Custom checks", lists the difference).
 */
import { actionMatches, resourceMatches } from "../../policy/wildcard.ts";
import type { NormalizedPolicy, NormalizedStatement, PrincipalSet } from "../../policy/types.ts";
import type { Catalog } from "../catalog/catalog.ts";
import { instantiate, satisfyAll, violateAll, type Context } from "./satisfy.ts";

/** Actions a wildcard stands for at most (a sample, spread over the expansion). */
const MAX_EXPANSION = 400;
export const FRESH_RESOURCE = "arn:aws:s3:::iam-edge-example/x";
const FRESH_ACTION = "iam-edge-example:Action";

function sample<T>(list: T[], max: number): T[] {
  if (list.length <= max) return list;
  const step = list.length / max;
  return Array.from({ length: max }, (_, i) => list[Math.floor(i * step)]);
}

/** Concrete actions for a list of Action / NotAction values, given the actions named anywhere. */
export function concreteActions(catalog: Catalog, values: readonly string[], named: readonly string[], not: boolean): string[] {
  const out = new Set<string>();
  if (!not) {
    for (const v of values) {
      if (!/[*?]/.test(v)) out.add(v);
      else {
        for (const n of named) if (!/[*?]/.test(n) && actionMatches(v, n)) out.add(n);
        for (const a of sample(catalog.expandAction(v), MAX_EXPANSION)) out.add(`${a.service}:${a.name}`);
        if (v === "*") out.add(FRESH_ACTION);
      }
    }
    return [...out];
  }
  const excluded = (a: string) => values.some((v) => actionMatches(v, a));
  for (const n of named) if (!/[*?]/.test(n) && !excluded(n)) out.add(n);
  for (const p of catalog.servicePrefixes) {
    const first = catalog.actionNames(p)[0];
    if (first && !excluded(`${p}:${first}`)) out.add(`${p}:${first}`);
  }
  if (!excluded(FRESH_ACTION)) out.add(FRESH_ACTION);
  return [...out];
}

/** Concrete resources for Resource / NotResource values, given the resources named anywhere. */
export function concreteResources(values: readonly string[], named: readonly string[], not: boolean): string[] {
  const concrete = [...new Set([...named.map(instantiate), FRESH_RESOURCE])];
  if (not) return concrete.filter((r) => !values.some((v) => resourceMatches(v, r)));
  const out = new Set<string>();
  for (const v of values) {
    if (v === "*") concrete.forEach((r) => out.add(r));
    else {
      out.add(instantiate(v));
      for (const r of concrete) if (resourceMatches(v, r)) out.add(r);
    }
  }
  return [...out];
}

/** Principals for a resource policy's Principal / NotPrincipal (an outside account's user when `*`). */
export function concretePrincipals(set: PrincipalSet | undefined, not: boolean): string[] {
  const outsider = "arn:aws:iam::210987654321:user/iam-edge-outsider";
  if (!set) return [outsider];
  if (not) return [outsider];
  const out: string[] = [];
  if (set.star) out.push(outsider);
  for (const a of set.aws) {
    if (/^\d{12}$/.test(a)) out.push(`arn:aws:iam::${a}:user/iam-edge-user`);
    else if (/:root$/.test(a)) out.push(a.replace(/:root$/, ":user/iam-edge-user"));
    else out.push(a);
  }
  return out.length ? out : [outsider];
}

export interface Candidate {
  action: string;
  resource: string;
  principal?: string;
  context: Context;
}

/** Every value the two policies name, to cross statements with each other's values. */
function named(policies: readonly NormalizedPolicy[]): { actions: string[]; resources: string[] } {
  const actions: string[] = [];
  const resources: string[] = [];
  for (const p of policies) {
    for (const s of p.statements) {
      actions.push(...(s.action ?? s.notAction ?? []));
      resources.push(...(s.resource ?? s.notResource ?? []).filter((r) => r !== "*"));
    }
  }
  return { actions: [...new Set(actions)], resources: [...new Set(resources)] };
}

/**
 * The candidate requests for the statements of `target` (the policy whose grants are looked
 * for), with contexts from the conditions of every statement of `policies`.
 */
export function candidates(catalog: Catalog, target: NormalizedPolicy, policies: readonly NormalizedPolicy[], resourcePolicy: boolean): Candidate[] {
  const names = named(policies);
  const contexts = contextsOf(policies);
  const out: Candidate[] = [];
  for (const s of target.statements) {
    if (s.effect !== "Allow") continue;
    out.push(...statementCandidates(catalog, s, names, contexts, resourcePolicy));
  }
  return out;
}

function statementCandidates(catalog: Catalog, s: NormalizedStatement, names: { actions: string[]; resources: string[] }, contexts: Context[], resourcePolicy: boolean): Candidate[] {
  const actions = concreteActions(catalog, s.action ?? s.notAction ?? [], names.actions, s.notAction !== undefined);
  const resources = s.resource || s.notResource ? concreteResources(s.resource ?? s.notResource ?? [], names.resources, s.notResource !== undefined) : ["*"];
  const principals = resourcePolicy ? concretePrincipals(s.principal ?? s.notPrincipal, s.notPrincipal !== undefined) : [undefined];
  const own = satisfyAll(s.conditions);
  const ctxs = [own, ...contexts.map((c) => ({ ...c, ...own }))];
  const out: Candidate[] = [];
  for (const action of actions) for (const resource of resources) for (const principal of principals) for (const context of ctxs) out.push({ action, resource, principal, context });
  return out;
}

/** The empty context, and per statement one that makes its conditions true and one that makes them false. */
function contextsOf(policies: readonly NormalizedPolicy[]): Context[] {
  const out: Context[] = [{}];
  const seen = new Set<string>(["{}"]);
  for (const p of policies) {
    for (const s of p.statements) {
      if (!s.conditions.length) continue;
      for (const ctx of [satisfyAll(s.conditions), violateAll(s.conditions)]) {
        const key = JSON.stringify(ctx);
        if (!seen.has(key)) {
          seen.add(key);
          out.push(ctx);
        }
      }
    }
  }
  return out;
}
