/**
 * Greedy case reduction: drops policies, statements, condition entries, list items and context
 * keys while a predicate (usually "the engines still disagree the same way") keeps holding.
 * Used to print small reproductions for disagreements.
 */
import type { DiffCase, Json, Policy } from "./generator.ts";

type Candidate = DiffCase;

function statementsOf(p: Policy): Policy[] {
  const s = p.Statement;
  return Array.isArray(s) ? (s as Policy[]) : [s as Policy];
}

function* policySlots(c: DiffCase): Generator<[get: (x: DiffCase) => Policy, set: (x: DiffCase, p: Policy) => void]> {
  for (let i = 0; i < c.identity.length; i++) yield [(x) => x.identity[i], (x, p) => { x.identity[i] = p; }];
  if (c.boundary) yield [(x) => x.boundary!, (x, p) => { x.boundary = p; }];
  if (c.session) yield [(x) => x.session!, (x, p) => { x.session = p; }];
  if (c.resourcePolicy) yield [(x) => x.resourcePolicy!, (x, p) => { x.resourcePolicy = p; }];
  for (let l = 0; l < c.scp.length; l++) for (let i = 0; i < c.scp[l].length; i++) yield [(x) => x.scp[l][i], (x, p) => { x.scp[l][i] = p; }];
  for (let l = 0; l < c.rcp.length; l++) for (let i = 0; i < c.rcp[l].length; i++) yield [(x) => x.rcp[l][i], (x, p) => { x.rcp[l][i] = p; }];
}

/** Every one-step simplification of `c`. */
function* shrinks(c: DiffCase): Generator<Candidate> {
  const clone = () => structuredClone(c);
  // Whole policies and levels.
  for (let i = 0; i < c.identity.length; i++) { const x = clone(); x.identity.splice(i, 1); yield x; }
  if (c.boundary) { const x = clone(); delete x.boundary; yield x; }
  if (c.session) { const x = clone(); delete x.session; yield x; }
  if (c.resourcePolicy) { const x = clone(); delete x.resourcePolicy; yield x; }
  for (let l = 0; l < c.scp.length; l++) {
    { const x = clone(); x.scp.splice(l, 1); yield x; }
    for (let i = 0; i < c.scp[l].length; i++) if (c.scp[l].length > 1) { const x = clone(); x.scp[l].splice(i, 1); yield x; }
  }
  for (let l = 0; l < c.rcp.length; l++) { const x = clone(); x.rcp.splice(l, 1); yield x; }
  // Statements, conditions, list items.
  for (const [get, set] of policySlots(c)) {
    const stmts = statementsOf(get(c));
    if (stmts.length > 1) {
      for (let i = 0; i < stmts.length; i++) {
        const x = clone();
        const p = get(x);
        const list = statementsOf(p);
        list.splice(i, 1);
        set(x, { ...p, Statement: list.length === 1 ? list[0] : list });
        yield x;
      }
    }
    for (let i = 0; i < stmts.length; i++) {
      const s = stmts[i];
      for (const el of ["Action", "NotAction", "Resource", "NotResource", "Principal"]) {
        const v = s[el];
        if (Array.isArray(v) && v.length > 1) {
          for (let j = 0; j < v.length; j++) {
            const x = clone();
            const st = statementsOf(get(x))[i];
            const arr = [...(st[el] as Json[])];
            arr.splice(j, 1);
            st[el] = arr.length === 1 ? arr[0] : arr;
            yield x;
          }
        } else if (v && typeof v === "object" && !Array.isArray(v)) {
          for (const [k, inner] of Object.entries(v)) {
            if (Array.isArray(inner) && inner.length > 1) {
              for (let j = 0; j < inner.length; j++) {
                const x = clone();
                const st = statementsOf(get(x))[i];
                const arr = [...((st[el] as Record<string, Json[]>)[k])];
                arr.splice(j, 1);
                (st[el] as Record<string, Json>)[k] = arr.length === 1 ? arr[0] : arr;
                yield x;
              }
            }
          }
        }
      }
      const cond = s.Condition as Record<string, Record<string, Json>> | undefined;
      if (cond) {
        { const x = clone(); delete statementsOf(get(x))[i].Condition; yield x; }
        for (const op of Object.keys(cond)) {
          for (const key of Object.keys(cond[op])) {
            const x = clone();
            const xc = statementsOf(get(x))[i].Condition as Record<string, Record<string, Json>>;
            delete xc[op][key];
            if (Object.keys(xc[op]).length === 0) delete xc[op];
            if (Object.keys(xc).length === 0) delete statementsOf(get(x))[i].Condition;
            yield x;
            const values = cond[op][key];
            if (Array.isArray(values) && values.length > 1) {
              for (let j = 0; j < values.length; j++) {
                const y = clone();
                const yc = statementsOf(get(y))[i].Condition as Record<string, Record<string, Json>>;
                const arr = [...(yc[op][key] as Json[])];
                arr.splice(j, 1);
                yc[op][key] = arr.length === 1 ? arr[0] : arr;
                yield y;
              }
            }
          }
        }
      }
    }
  }
  for (const k of Object.keys(c.context)) { const x = clone(); delete x.context[k]; yield x; }
}

export async function minimize(c: DiffCase, keeps: (x: DiffCase) => Promise<boolean>, budget = 3000): Promise<DiffCase> {
  let current = c;
  let tries = 0;
  for (let progress = true; progress && tries < budget; ) {
    progress = false;
    for (const next of shrinks(current)) {
      if (++tries > budget) break;
      if (await keeps(next)) {
        current = next;
        progress = true;
        break;
      }
    }
  }
  return current;
}
