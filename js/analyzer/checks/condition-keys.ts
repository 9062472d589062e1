/**
 * @module analyzer/checks/condition-keys
 * Condition keys against the catalog: the format `prefix:name`, global keys (`aws:*`, "AWS
 * global condition context keys"), service keys (the Service Authorization Reference), the keys
 * identity providers set (`saml:sub`, `accounts.google.com:aud`, and any claim of a custom OIDC
 * provider, `<provider-host>:<claim>`: "Available keys for AWS web identity federation"), the
 * deprecated `aws:ARN`, tag keys without a tag name, and keys written twice in different case.
 */
import type { ObjectNode } from "../../policy/json.ts";
import type { ConditionKeyInfo } from "../catalog/types.ts";
import type { ConditionView, PolicyContext, StatementView } from "../context.ts";
import { keyAt, valueAt } from "../tree.ts";

const FORMAT = /^[^:\s]+:\S.*$/;
const TAG_KEYS = new Set(["aws:requesttag", "aws:resourcetag", "aws:principaltag", "aws:requesttag/", "aws:resourcetag/", "aws:principaltag/"]);

/** The key's catalog entry, null for a valid key the catalog cannot type (a custom OIDC claim), undefined after reporting it. */
export function resolveKey(ctx: PolicyContext, c: ConditionView): ConditionKeyInfo | null | undefined {
  const key = c.key;
  if (!FORMAT.test(key)) {
    ctx.sink.add("INVALID_CONDITION_KEY_FORMAT", c.keyAt);
    return undefined;
  }
  const lower = key.toLowerCase();
  const prefix = lower.slice(0, lower.indexOf(":"));
  if (TAG_KEYS.has(lower)) {
    ctx.sink.add("MISSING_TAG_KEY_IN_CONDITION", c.keyAt, { conditionKeyName: `${key.replace(/\/$/, "")}/` });
    return undefined;
  }
  if (lower === "aws:arn") {
    // "Unsupported global condition key" in resource policies; "Deprecated global condition key" elsewhere.
    ctx.sink.add(ctx.policyType === "RESOURCE_POLICY" ? "UNSUPPORTED_GLOBAL_CONDITION_KEY" : "DEPRECATED_GLOBAL_CONDITION_KEY", c.keyAt);
    return null;
  }
  const global = ctx.catalog.globalKey(key);
  if (global) return global;
  if (prefix === "aws") {
    ctx.sink.add("INVALID_GLOBAL_CONDITION_KEY", c.keyAt, { key });
    return undefined;
  }
  const own = ctx.catalog.serviceKey(prefix, key) ?? ctx.catalog.serviceKey("sts", key);
  if (own) return own;
  if (/[./]/.test(prefix)) return null; // an identity provider's claim: any claim name is valid
  if (ctx.catalog.hasService(prefix)) ctx.sink.add("INVALID_SERVICE_CONDITION_KEY", c.keyAt, { key, service: prefix });
  else ctx.sink.add("INVALID_SERVICE", c.keyAt, { service: prefix });
  return undefined;
}

/** "Duplicate keys with different case": two keys of one operator (or two operators) equal ignoring case. */
export function checkDuplicateCase(ctx: PolicyContext, s: StatementView): void {
  const block = s.condition;
  if (block?.node.type !== "object") return;
  const ops = new Map<string, string>();
  for (const op of (block.node as ObjectNode).members) {
    const lower = op.key.toLowerCase();
    if (ops.has(lower) && ops.get(lower) !== op.key) ctx.sink.add("DUPLICATE_KEYS_WITH_DIFFERENT_CASE", keyAt(block, op), { key: op.key });
    ops.set(lower, op.key);
    if (op.value.type !== "object") continue;
    const keys = new Map<string, string>();
    const opAt = valueAt(block, op);
    for (const k of op.value.members) {
      const kl = k.key.toLowerCase();
      if (keys.has(kl) && keys.get(kl) !== k.key) ctx.sink.add("DUPLICATE_KEYS_WITH_DIFFERENT_CASE", keyAt(opAt, k), { key: k.key });
      keys.set(kl, k.key);
    }
  }
}
