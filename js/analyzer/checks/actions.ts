/**
 * @module analyzer/checks/actions
 * Action and NotAction values against the catalog: the service exists, the action exists (a
 * wildcard names at least one), no wildcard in the service name, no variable, no action named
 * twice. Sources: "IAM JSON policy elements: Action" ("service-prefix:action-name", names
 * case-insensitive), "IAM policy elements: Variables and tags" (variables only in Resource and
 * Condition), AWS's Service Authorization Reference (the catalog), and the check reference.
 */
import { wildcardMatch } from "../../policy/wildcard.ts";
import type { PolicyContext, StatementView } from "../context.ts";
import type { At } from "../tree.ts";
import { globCovers } from "./glob.ts";
import { closest } from "./suggest.ts";

const SERVICE = /^[a-z0-9-]+$/i;

export function checkActions(ctx: PolicyContext, s: StatementView): void {
  for (const { text, at } of s.actions) checkAction(ctx, text, at);
  checkRedundantActions(ctx, s);
}

function checkAction(ctx: PolicyContext, text: string, at: At): void {
  if (text.includes("${")) {
    ctx.sink.add("VARIABLE_UNSUPPORTED_IN_ELEMENT", at, { variable: text });
    return;
  }
  if (text === "*") return;
  const colon = text.indexOf(":");
  if (colon <= 0) {
    ctx.sink.add("INVALID_ACTION", at, { action: text, valid_action: "service:action" });
    return;
  }
  const service = text.slice(0, colon);
  const name = text.slice(colon + 1);
  if (/[*?]/.test(service)) {
    // "Suggestion – Wildcard in service name": `s3*:Get*` may grant services of similar names.
    ctx.sink.add("WILDCARD_IN_SERVICE_NAME", at);
    return;
  }
  const count = ctx.catalog.actionCount(text);
  if (count < 0 || !SERVICE.test(service)) {
    ctx.sink.add("INVALID_SERVICE_IN_ACTION", at, { service, service2: closest(service, ctx.catalog.servicePrefixes) ?? "a valid service prefix" });
    return;
  }
  if (count === 0) {
    const suggestion = /[*?]/.test(name) ? undefined : closest(name, ctx.catalog.actionNames(service));
    ctx.sink.add("INVALID_ACTION", at, { action: text, valid_action: suggestion ? `${service.toLowerCase()}:${suggestion}` : "a valid action" });
  }
}

/**
 * "Suggestion – Redundant action": an item that another item of the same element already
 * covers (`s3:GetObject` beside `s3:Get*`, or the same action twice). One finding per
 * statement, with a location per redundant item.
 */
function checkRedundantActions(ctx: PolicyContext, s: StatementView): void {
  // Only actions that exist can be redundant; an invalid one has its own finding. A literal item
  // is covered only by an equal literal or by a wildcard item of its service (or of a wildcard
  // service), so each item is compared with those only: ReadOnlyAccess has thousands of items.
  type Glob = { i: number; lower: string };
  const firstLiteral = new Map<string, number>();
  const globs = new Map<string | null, Glob[]>();
  const valid: number[] = [];
  s.actions.forEach((a, i) => {
    if (!ctx.catalog.hasMatchingAction(a.text)) return;
    valid.push(i);
    const lower = a.text.toLowerCase();
    if (!/[*?]/.test(a.text)) {
      if (!firstLiteral.has(lower)) firstLiteral.set(lower, i);
      return;
    }
    const service = serviceOf(a.text);
    const list = globs.get(service);
    if (list) list.push({ i, lower });
    else globs.set(service, [{ i, lower }]);
  });
  const anyService = globs.get(null);
  const redundant = valid.filter((i) => {
    const text = s.actions[i].text;
    const lower = text.toLowerCase();
    const glob = /[*?]/.test(text);
    if (!glob && firstLiteral.get(lower)! < i) return true; // the same action twice
    const coveredBy = (b: Glob) => b.i !== i && covers(b.lower, lower) && (!covers(lower, b.lower) || b.i < i);
    const service = serviceOf(text);
    if (service === null) return [...globs.values()].some((list) => list.some(coveredBy));
    return (globs.get(service)?.some(coveredBy) ?? false) || (anyService?.some(coveredBy) ?? false);
  }).map((i) => s.actions[i]);
  if (redundant.length > 0) {
    ctx.sink.add("REDUNDANT_ACTION", redundant.map((r) => r.at), { redundantActionCount: String(redundant.length), redundantAction: redundant[0].text });
  }
}

/** The lowercased service of an action item, or null for `*` and a wildcard in the service (it may cover any service). */
function serviceOf(text: string): string | null {
  const colon = text.indexOf(":");
  const service = colon < 0 ? text : text.slice(0, colon);
  return /[*?]/.test(service) ? null : service.toLowerCase();
}

/** Whether every action `inner` names is named by `outer` too (wildcards in `inner` must fall under wildcards of `outer`). */
export function covers(outer: string, inner: string): boolean {
  if (outer === "*") return true;
  // Only a wildcard in `outer` may absorb one in `inner`: match with `inner`'s wildcards as
  // literal characters that `outer` can only take with a `*` (or `?` for a single `?`).
  return wildcardMatch(outer, inner, { ignoreCase: true }) && (!/[*?]/.test(inner) || globCovers(outer.toLowerCase(), inner.toLowerCase()));
}
