/**
 * @module analyzer/action-matchers
 * Which Action (or NotAction) items of a statement name a given action. The items are compiled
 * into matchers once per statement: the PassRole family and the security findings ask about
 * dozens of actions, and ReadOnlyAccess has thousands of items.
 */
import { WildcardPattern } from "../policy/wildcard.ts";
import type { StatementView } from "./context.ts";

const compiled = new WeakMap<StatementView, WildcardPattern[]>();

/** The indexes in `s.actions` of the items that name `action` (ASCII, any case; names compare ignoring case). */
export function itemsNaming(s: StatementView, action: string): number[] {
  let patterns = compiled.get(s);
  if (!patterns) compiled.set(s, (patterns = s.actions.map((a) => new WildcardPattern(a.text, { ignoreCase: true }))));
  // An ASCII action lowercased is the matchers' prepared text.
  const lower = action.toLowerCase();
  const out: number[] = [];
  patterns.forEach((p, i) => p.testPrepared(lower) && out.push(i));
  return out;
}
