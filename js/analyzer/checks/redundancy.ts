/**
 * @module analyzer/checks/redundancy
 * "Suggestion – Redundant statement": two statements that grant exactly the same thing (the
 * same effect, principal, actions, resources and conditions, compared as values, ignoring the
 * order of list items and the Sid). The later one is reported, at the statement.
 */
import { stringifyNode, type JsonNode } from "../../policy/json.ts";
import type { PolicyContext, StatementView } from "../context.ts";

export function checkRedundantStatements(ctx: PolicyContext, statements: readonly StatementView[]): void {
  const seen = new Set<string>();
  for (const s of statements) {
    const key = canonical(s.at.node);
    if (seen.has(key)) ctx.sink.add("REDUNDANT_STATEMENT", s.at);
    seen.add(key);
  }
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
