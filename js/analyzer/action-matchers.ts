/**
 * @module analyzer/action-matchers
 * Which Action (or NotAction) items of a statement name a given action. The PassRole family
 * and the security findings ask about a hundred actions of a score of services, and
 * ReadOnlyAccess has thousands of items over hundreds of services, so the items are grouped by
 * service once per statement and a group's matchers are built when its service is first asked
 * about. An item whose service part has no wildcard (`s3:Get*`) can only name actions of that
 * service (names compare ignoring case: "IAM JSON policy elements: Action"); only items with a
 * wildcard in the service part (`*`, `s3*:Get*`) are tried for every action.
 */
import { WildcardPattern } from "../policy/wildcard.ts";
import type { StatementView } from "./context.ts";

type Matcher = { i: number; p: WildcardPattern };

interface ItemIndex {
  /** Lowercased service → the indexes of its items, then (once asked about) their matchers. */
  byService: Map<string, number[] | Matcher[]>;
  /** Items with a wildcard in the service part, or no colon: they may name any service. */
  anyService: Matcher[];
}

const indexes = new WeakMap<StatementView, ItemIndex>();

function indexItems(s: StatementView): ItemIndex {
  const index: ItemIndex = { byService: new Map(), anyService: [] };
  s.actions.forEach((a, i) => {
    const colon = a.text.indexOf(":");
    const service = colon < 0 ? null : a.text.slice(0, colon);
    if (service === null || /[*?]/.test(service)) {
      index.anyService.push({ i, p: new WildcardPattern(a.text, { ignoreCase: true }) });
      return;
    }
    // An item that can match an ASCII service spells it in ASCII, so lowercasing keeps it in that service's group.
    const key = service.toLowerCase();
    const list = index.byService.get(key) as number[] | undefined;
    if (list) list.push(i);
    else index.byService.set(key, [i]);
  });
  return index;
}

function matchersOf(s: StatementView, index: ItemIndex, service: string): Matcher[] {
  const group = index.byService.get(service);
  if (!group || group.length === 0 || typeof group[0] !== "number") return (group as Matcher[] | undefined) ?? [];
  const matchers = (group as number[]).map((i) => ({ i, p: new WildcardPattern(s.actions[i].text, { ignoreCase: true }) }));
  index.byService.set(service, matchers);
  return matchers;
}

/** The questions asked (a fixed set of actions: the PassRole family, the security lists), lowercased and split once. */
const asked = new Map<string, { lower: string; service: string }>();
function question(action: string): { lower: string; service: string } {
  let q = asked.get(action);
  if (!q) {
    // An ASCII action lowercased is the matchers' prepared text.
    const lower = action.toLowerCase();
    const colon = lower.indexOf(":");
    asked.set(action, (q = { lower, service: colon < 0 ? lower : lower.slice(0, colon) }));
  }
  return q;
}

const NONE: readonly number[] = Object.freeze([]);

/** The indexes in `s.actions` of the items that name `action` (ASCII, any case), ascending. The list may be shared: do not change it. */
export function itemsNaming(s: StatementView, action: string): readonly number[] {
  let index = indexes.get(s);
  if (!index) indexes.set(s, (index = indexItems(s)));
  const { lower, service } = question(action);
  let out: number[] | undefined;
  for (const { i, p } of matchersOf(s, index, service)) if (p.testPrepared(lower)) (out ??= []).push(i);
  for (const { i, p } of index.anyService) if (p.testPrepared(lower)) (out ??= []).push(i);
  return out === undefined ? NONE : out.length > 1 && index.anyService.length > 0 ? out.sort((a, b) => a - b) : out;
}
