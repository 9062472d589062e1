/**
 * @module analyzer/checks/key-support
 * Whether the statement's actions can be conditioned on its keys, from the catalog (an action's
 * own condition keys plus those of its resource types: Service Authorization Reference).
 * - "Unsupported action for condition key": a service key that some named actions never have
 *   in their request context, so the condition is never true for them.
 * - Tag keys (`aws:RequestTag/*`, `aws:ResourceTag/*`, `aws:TagKeys`) with actions of services
 *   that support none of them: the Allow / Deny variants of AWS's four tag findings.
 * - "Missing action for condition key": in a trust policy, `sts:SourceIdentity` needs
 *   `sts:SetSourceIdentity`, session tags need `sts:TagSession` ("Passing session tags in AWS
 *   STS", "Monitor and control actions taken with assumed roles").
 */
import type { ActionInfo } from "../catalog/types.ts";
import type { ConditionView, PolicyContext, StatementView } from "../context.ts";
import { howGranted } from "./pass-role.ts";

const TAG_KEY = /^aws:(?:requesttag\/.+|resourcetag\/.+|tagkeys)$/i;

export function checkKeySupport(ctx: PolicyContext, s: StatementView): void {
  if (s.conditions.length === 0 || ctx.trust) return;
  const items = s.notAction ? [] : s.actions;
  // Expanded only for a service key: the tag checks need the items' services, most keys are global.
  let expanded: Expanded | undefined;
  const expand = () => (expanded ??= items.map((a) => ({ text: a.text, infos: a.text === "*" ? null : ctx.catalog.expandAction(a.text) })));
  for (const c of s.conditions) {
    if (TAG_KEY.test(c.key)) checkTagKey(ctx, s, c, items);
    else checkServiceKey(ctx, c, expand);
  }
}

type Expanded = { text: string; infos: ActionInfo[] | null }[];

function checkServiceKey(ctx: PolicyContext, c: ConditionView, expand: () => Expanded): void {
  const prefix = c.key.slice(0, c.key.indexOf(":")).toLowerCase();
  if (prefix === "aws" || !ctx.catalog.serviceKey(prefix, c.key)) return;
  const unsupported = expand().filter((a) => a.infos && a.infos.length > 0 && a.infos.every((i) => !ctx.catalog.actionSupportsKey(i, c.key)));
  if (unsupported.length > 0) ctx.sink.add("UNSUPPORTED_ACTION_FOR_CONDITION_KEY", c.keyAt, { actions: unsupported.map((a) => a.text).join(", "), key: c.key });
}

function checkTagKey(ctx: PolicyContext, s: StatementView, c: ConditionView, items: readonly { text: string }[]): void {
  const allow = s.effect === "Allow";
  if (s.notAction) {
    ctx.sink.add(allow ? "ALLOW_NOTACTION_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE" : "DENY_NOTACTION_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE", c.keyAt, { conditionKeyName: c.key });
    return;
  }
  const services = new Set(items.flatMap((a) => ctx.catalog.servicesOf(a.text)));
  const unsupported = [...services].filter((p) => !ctx.catalog.serviceSupportsKey(p, c.key)).sort();
  if (unsupported.length === 0) return;
  const params = { conditionKeyName: c.key, serviceNames: unsupported.join(", ") };
  ctx.sink.add(allow ? "ALLOW_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE" : "DENY_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE", c.keyAt, params);
}

/** Trust policies: the keys only an action of their own can set. */
export function checkMissingActionForKey(ctx: PolicyContext, s: StatementView): void {
  if (!ctx.trust || s.effect !== "Allow") return;
  for (const c of s.conditions) {
    const key = c.key.toLowerCase();
    const needs = key === "sts:sourceidentity" ? "sts:SetSourceIdentity" : /^aws:(?:requesttag\/.+|tagkeys)$|^sts:transitivetagkeys$/.test(key) ? "sts:TagSession" : undefined;
    if (needs && !howGranted(s, needs)) ctx.sink.add("MISSING_ACTION_FOR_CONDITION_KEY", c.keyAt, { actionName: needs, keyName: c.key });
  }
}
