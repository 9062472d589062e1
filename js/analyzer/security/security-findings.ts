/**
 * @module analyzer/security/security-findings
 * iam-edge's findings beyond AWS's checks, for identity policies: full administrator access and
 * whole-service wildcards (AWS Security Hub controls IAM.1 and IAM.21), privilege-escalation
 * methods, data-exfiltration, credentials-exposure and resource-exposure actions (cloudsplaining's
 * risk categories; resource exposure is its "Permissions management" access level from AWS's
 * Service Authorization Reference). Each considers Allow statements whose resource is `*` (or
 * NotResource): the grants with no resource constraint, as cloudsplaining and Security Hub do.
 */
import { itemsNaming } from "../action-matchers.ts";
import type { PolicyContext, StatementView } from "../context.ts";
import type { At } from "../tree.ts";
import { CREDENTIALS_EXPOSURE, DATA_EXFILTRATION, ESCALATION_METHODS } from "./escalation-methods.ts";

/** Whether the statement grants `action` (through Action or NotAction), and which items do (the NotAction element, for NotAction). */
function granting(s: StatementView, action: string): At[] | null {
  const items = itemsNaming(s, action);
  if (s.notAction) return items.length ? null : [s.notAction];
  return items.length ? items.map((i) => s.actions[i].at) : null;
}

function unconstrained(s: StatementView): boolean {
  return s.effect === "Allow" && (s.notResource !== undefined || s.resources.some((r) => r.text === "*"));
}

export function checkSecurity(ctx: PolicyContext, statements: readonly StatementView[]): void {
  if (ctx.policyType !== "IDENTITY_POLICY") return;
  const open = statements.filter(unconstrained);
  for (const s of open) {
    const admin = s.actions.filter((a) => a.text === "*" && s.action);
    if (admin.length) {
      ctx.sink.add("IAM_EDGE_FULL_ADMIN", admin.map((a) => a.at));
      continue; // every other finding would restate this one
    }
    const services = s.action ? s.actions.filter((a) => /^[a-z0-9-]+:\*$/i.test(a.text)) : [];
    if (services.length) ctx.sink.add("IAM_EDGE_SERVICE_WILDCARD", services.map((a) => a.at), { services: services.map((a) => a.text.split(":")[0]).join(", ") });
    listFinding(ctx, s, DATA_EXFILTRATION, "IAM_EDGE_DATA_EXFILTRATION");
    listFinding(ctx, s, CREDENTIALS_EXPOSURE, "IAM_EDGE_CREDENTIALS_EXPOSURE");
    resourceExposure(ctx, s);
  }
  escalation(ctx, open.filter((s) => !s.actions.some((a) => a.text === "*" && s.action)));
}

function listFinding(ctx: PolicyContext, s: StatementView, list: string[], code: "IAM_EDGE_DATA_EXFILTRATION" | "IAM_EDGE_CREDENTIALS_EXPOSURE"): void {
  const hits = list.map((a) => ({ a, at: granting(s, a) })).filter((h) => h.at);
  if (!hits.length) return;
  ctx.sink.add(code, uniq(hits.flatMap((h) => h.at!)), { actions: summary(hits.map((h) => h.a)) });
}

/** Actions of the "Permissions management" access level: they change who can access a resource. */
function resourceExposure(ctx: PolicyContext, s: StatementView): void {
  if (s.notAction) return; // NotAction grants nearly everything: the other findings say so
  const hits: { a: string; at: At }[] = [];
  for (const item of s.actions) for (const a of ctx.catalog.actionsAtLevel(item.text, "Permissions management")) hits.push({ a, at: item.at });
  if (hits.length) ctx.sink.add("IAM_EDGE_RESOURCE_EXPOSURE", uniq(hits.map((h) => h.at)), { actions: summary(hits.map((h) => h.a)) });
}

/** Privilege escalation: every action of a method granted by the policy's unconstrained statements. */
function escalation(ctx: PolicyContext, open: readonly StatementView[]): void {
  const methods: string[] = [];
  const where: At[] = [];
  const actions = new Set<string>();
  for (const method of ESCALATION_METHODS) {
    const grants: (At[] | null)[] = [];
    for (const a of method.actions) {
      let g: At[] | null = null;
      for (let i = 0; i < open.length && g === null; i++) g = granting(open[i], a);
      if (g === null) break; // the method needs every one of its actions
      grants.push(g);
    }
    if (grants.length < method.actions.length) continue;
    methods.push(method.name);
    grants.forEach((g) => where.push(...g!));
    method.actions.forEach((a) => actions.add(a));
  }
  if (methods.length) ctx.sink.add("IAM_EDGE_PRIVILEGE_ESCALATION", uniq(where), { actions: summary([...actions]), method: summary(methods) });
}

function uniq(list: At[]): At[] {
  const seen = new Set<string>();
  return list.filter((at) => {
    const key = JSON.stringify(at.path);
    return !seen.has(key) && (seen.add(key), true);
  });
}

/** A list for a message: the first five, then a count. */
function summary(items: string[]): string {
  const unique = [...new Set(items)];
  return unique.length <= 5 ? unique.join(", ") : `${unique.slice(0, 5).join(", ")} and ${unique.length - 5} more`;
}
