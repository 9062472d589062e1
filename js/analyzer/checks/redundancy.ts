/**
 * @module analyzer/checks/redundancy
 * "Suggestion – Redundant statement": two statements that grant exactly the same thing (the
 * same effect, principal, actions, resources and conditions, compared as values, ignoring the
 * order of list items and the Sid). The later one is reported, at the statement.
 */
import { stringifyNode, type JsonNode } from "../../policy/json.ts";
import type { PolicyContext, StatementView } from "../context.ts";
import { fingerprint } from "./fingerprint.ts";

export function checkRedundantStatements(ctx: PolicyContext, statements: readonly StatementView[]): void {
  // Only statements alike in shape and of equal fingerprint can be equal: the canonical text
  // (sorting ReadOnlyAccess's thousands of items) is built only for those.
  const shapes = statements.map(shape);
  const counts = new Map<string, number>();
  for (const k of shapes) counts.set(k, (counts.get(k) ?? 0) + 1);
  const alike = shapes.map((k, i) => (counts.get(k)! < 2 ? "" : `${fingerprint(statements[i].at.node, true)} ${k}`));
  const alikeCounts = new Map<string, number>();
  for (const k of alike) if (k) alikeCounts.set(k, (alikeCounts.get(k) ?? 0) + 1);
  const seen = new Set<string>();
  for (const [i, s] of statements.entries()) {
    if (!alike[i] || alikeCounts.get(alike[i])! < 2) continue;
    const key = canonical(s.at.node);
    if (seen.has(key)) ctx.sink.add("REDUNDANT_STATEMENT", s.at);
    seen.add(key);
  }
}

/**
 * What statements of equal canonical text share: their element names (Sid aside) with the
 * number of items of each (a one-item list counts as its item, as in `canonical`; an item's
 * canonical text has no top-level comma, so the count is part of the text).
 */
function shape(s: StatementView): string {
  const node = s.at.node;
  if (node.type !== "object") return "";
  return node.members.filter((m) => m.key !== "Sid").map((m) => `${JSON.stringify(m.key)}:${itemCount(m.value)}`).sort().join(",");
}

function itemCount(node: JsonNode): number {
  if (node.type !== "array") return 1;
  return node.items.length === 1 ? itemCount(node.items[0]) : node.items.length;
}

/** The statement's value with Sid left out, object members and list items sorted. */
function canonical(node: JsonNode, top = true): string {
  if (node.type === "object") {
    const members = node.members.filter((m) => !(top && m.key === "Sid")).map((m) => `${JSON.stringify(m.key)}:${canonical(m.value, false)}`);
    return `{${members.sort().join(",")}}`;
  }
  // `"Action": "s3:GetObject"` and `"Action": ["s3:GetObject"]` say the same.
  if (node.type === "array") return node.items.length === 1 ? canonical(node.items[0], false) : `[${node.items.map((i) => canonical(i, false)).sort().join(",")}]`;
  if (node.type === "string") return JSON.stringify(node.value);
  return stringifyNode(node);
}
