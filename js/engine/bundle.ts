/**
 * @module engine/bundle
 * Linked policy sets (`engine.link`) and their per-action selection. A bundle is checked once
 * and re-checked only when a policy was disposed or a trap moved every handle. For each
 * request action it keeps the words of the set with exactly the statements whose action
 * applies selected, without the identity, SCP and RCP policies left with none, and which
 * context keys those statements read: the core then sees only what can matter
 * (docs/decisions/0007).
 */
import * as A from "./abi.ts";
import type { CompiledPolicy, PolicyOwner } from "./compiled-policy.ts";
import type { Core } from "./core.ts";
import type { CheckedAction } from "./checked-texts.ts";
import { normalizeAction } from "./action-filter.ts";
import { RequestError } from "./errors.ts";
import { policiesInOrder, policySetWords, readPolicySet, type PolicySet } from "./policy-set.ts";
import { flattenHandles, type HandleSet, type RequestHints } from "./request.ts";
import { MAX_SELECTION_BYTES, MAX_SELECTIONS } from "./limits.ts";

/**
 * Bundles with more statements than this select statements per action. Even W1's three pay
 * for the per-request Map lookup (`node bench/run.mjs single.ts W1`: 238 against 255 ns per
 * `authorize` with a threshold of 8), so every linked set selects.
 */
const MIN_FILTERED_STATEMENTS = 0;

/**
 * Bytes shared by several bundles' selections (the engine's implicitly linked sets, set-cache.ts):
 * a selection is kept only while `used` stays within `max`.
 */
export interface SelectionBudget {
  used: number;
  readonly max: number;
}

/** What a linked set sends the core for one request action. */
export interface Selection extends RequestHints {
  /** The policy-set words, with per-policy statement selections. */
  words: Uint32Array;
  /** Core.textGeneration when `actionAt` was kept: the text is gone once the generation moves. */
  textGeneration: number;
  /** What the selection holds, for the cache's byte bound. */
  bytes: number;
  /** The bundle that keeps it in `byAction`, once kept (a selection for one request only has none). */
  bundle: PolicyBundle | undefined;
  /** The engine's entry for its action that points at it (checked-texts.ts), if any. */
  checked: CheckedAction | undefined;
}

/**
 * A policy set checked once and linked for many decisions (`engine.link`): authorize skips
 * re-checking its members until one of the engine's policies is disposed.
 */
export class PolicyBundle {
  /** @internal the policy-set words of each request (request.ts flattenHandles) */ handles: Uint32Array;
  /** @internal */ epoch: number;
  /**
   * @internal per request action, its selection (null: the action was seen once, and gets one when
   * it comes back); filled lazily, cleared when the epoch moves
   * and when it reaches MAX_SELECTIONS entries or MAX_SELECTION_BYTES (docs/limits.md): a caller
   * that chooses the action (an edge request) cannot grow it without bound
   */
  byAction = new Map<string, Selection | null>();
  /** @internal bytes the selections in byAction hold */
  byActionBytes = 0;
  /** @internal whether requests get a per-action selection (every set with a statement) */
  readonly filtered: boolean;
  /** @internal the budget this bundle's selections share with others (set-cache.ts), if any */
  readonly budget: SelectionBudget | undefined;
  /** @internal */
  constructor(/** @internal */ readonly engine: PolicyOwner, readonly policies: Readonly<PolicySet>, handles: Uint32Array, epoch: number, budget?: SelectionBudget) {
    this.handles = handles;
    this.epoch = epoch;
    this.budget = budget;
    this.filtered = policiesInOrder(policies).reduce((n, x) => n + x.statementCount, 0) > MIN_FILTERED_STATEMENTS;
  }
}

/**
 * @internal The policy-set words for a request: a bundle's (re-checked when `epoch` moved), or
 * a plain set's.
 */
export function setWords(set: PolicySet | PolicyBundle, owner: PolicyOwner, epoch: number): Uint32Array {
  if (set instanceof PolicyBundle) {
    if (set.engine !== owner) throw new RequestError("INVALID_POLICY_SET", "the bundle was linked by another engine");
    if (set.epoch !== epoch) {
      // A policy was disposed (or a trap moved every handle): re-check the members.
      set.handles = policySetWords(set.policies, owner);
      clearSelections(set);
      set.epoch = epoch;
    }
    return set.handles;
  }
  return policySetWords(readPolicySet(set), owner);
}

/**
 * @internal For a request of `action`: the selection of a linked set large enough to filter,
 * or undefined to send the set's words, every statement and every key. `checked` is the
 * engine's entry for the action (request-fields.ts): the selection it points at, when it is
 * this bundle's, is found without a second lookup by the action.
 */
export function selectionFor(set: PolicySet | PolicyBundle, action: string, core: Core<CompiledPolicy>, checked?: CheckedAction): Selection | undefined {
  if (!(set instanceof PolicyBundle) || !set.filtered) return undefined;
  let selection = checked?.selection as Selection | undefined;
  if (selection === undefined || selection.bundle !== set) {
    const kept = set.byAction.get(action);
    if (kept === undefined) {
      // The action's first request on this set is decided with the set's words: building a
      // selection costs several decisions, and pays only over the requests that reuse it.
      note(set, action);
      return undefined;
    }
    if (kept === null) {
      forget(set, action);
      selection = select(set.policies, action, core);
      if (!keep(set, action, selection)) return selection; // serves this request only
    } else {
      selection = kept;
    }
    if (checked !== undefined) {
      checked.selection = selection;
      selection.checked = checked;
    }
  }
  if (selection.textGeneration !== core.textGeneration) {
    // The engine gave its kept texts back: keep this action's text again (or copy it per request).
    keepText(selection, action, core);
  }
  return selection;
}

/** What a bundle counts for an action seen once (its key and the Map's slot, an estimate). */
function noteBytes(action: string): number {
  return 2 * action.length + 64;
}

/** Notes an action seen once, within the bundle's bounds and its budget's, as `keep` keeps a selection. */
function note(set: PolicyBundle, action: string): void {
  const bytes = noteBytes(action);
  if (set.byAction.size >= MAX_SELECTIONS || set.byActionBytes + bytes > MAX_SELECTION_BYTES) clearSelections(set);
  const budget = set.budget;
  if (budget !== undefined && budget.used + bytes > budget.max) {
    clearSelections(set);
    if (budget.used + bytes > budget.max) return; // other bundles hold the budget
  }
  set.byAction.set(action, null);
  set.byActionBytes += bytes;
  if (budget !== undefined) budget.used += bytes;
}

/** Drops the note of an action seen once, giving its bytes back. */
function forget(set: PolicyBundle, action: string): void {
  const bytes = noteBytes(action);
  set.byAction.delete(action);
  set.byActionBytes -= bytes;
  if (set.budget !== undefined) set.budget.used -= bytes;
}

/** Keeps a new selection in the bundle, within its bounds and its budget's; false when it does not fit. */
function keep(set: PolicyBundle, action: string, selection: Selection): boolean {
  if (set.byAction.size >= MAX_SELECTIONS || set.byActionBytes + selection.bytes > MAX_SELECTION_BYTES) clearSelections(set);
  const budget = set.budget;
  if (budget !== undefined && budget.used + selection.bytes > budget.max) {
    clearSelections(set);
    // Other bundles hold the budget.
    if (budget.used + selection.bytes > budget.max) return false;
  }
  set.byAction.set(action, selection);
  set.byActionBytes += selection.bytes;
  if (budget !== undefined) budget.used += selection.bytes;
  selection.bundle = set;
  return true;
}

/** Forgets a bundle's selections, giving their bytes back to its budget. */
export function clearSelections(set: PolicyBundle): void {
  if (set.budget !== undefined) set.budget.used -= set.byActionBytes;
  // Forgotten here, forgotten by the engine's action entries too (and never kept alive by them).
  for (const selection of set.byAction.values()) {
    if (selection === null) continue;
    const checked = selection.checked;
    if (checked !== undefined && checked.selection === selection) checked.selection = undefined;
    selection.bundle = undefined;
  }
  set.byAction.clear();
  set.byActionBytes = 0;
}

/** Points the selection at `action`'s UTF-8 and at a copy of its words kept in Wasm memory, when the engine keeps them. */
function keepText(selection: Selection, action: string, core: Core<CompiledPolicy>): void {
  const [at, length] = core.internText(action);
  selection.actionAt = at;
  selection.actionLength = length;
  selection.wordsAt = core.keepWords(selection.words);
  selection.textGeneration = core.textGeneration;
}

/** Builds the selection of `p` for `action` (see PolicyBundle). */
function select(p: PolicySet, action: string, core: Core<CompiledPolicy>): Selection {
  const positions = new Map<number, readonly number[] | null>();
  const keySet = new Set<number>([A.KEY_KMS_RESOURCE_ALIASES]); // the core reads it for every request (keys.ts)
  const text = normalizeAction(action);
  // Selects the policy's statements for the action (null when that is all of them) and notes
  // the context keys they read.
  const pick = (x: CompiledPolicy): number => {
    const picked = x.select(text);
    positions.set(x.handle, picked.length === x.statementCount ? null : picked);
    for (const at of picked) for (const id of x.statementKeys[at]) keySet.add(id);
    return picked.length;
  };
  const keep = (list: readonly CompiledPolicy[] | undefined) => (list ?? []).filter((x) => pick(x) > 0).map((x) => x.handle);
  const one = (x: CompiledPolicy | undefined) => (x ? (pick(x), x.handle) : 0);
  const handles: HandleSet = {
    identity: keep(p.identity),
    // A boundary, session or resource policy stays even with no statement selected: its
    // presence alone limits the decision.
    boundary: one(p.boundary),
    session: (p.session ?? []).map((x) => one(x)),
    resource: one(p.resource),
    // Levels stay, even when emptied: an SCP level without an Allow still denies.
    scp: (p.scp ?? []).map((level) => keep(level)),
    rcp: (p.rcp ?? []).map((level) => keep(level)),
  };
  const words = flattenHandles(handles, (handle) => positions.get(handle) ?? null);
  const keys = Uint32Array.from(keySet).sort();
  let keyMask = 0;
  for (const id of keys) if (id < 31) keyMask |= 1 << id;
  // The typed arrays' bytes, the action string as the Map's key, and the records (an estimate).
  const bytes = words.byteLength + keys.byteLength + 2 * action.length + 200;
  const selection: Selection = { words, keys, keyMask, keysHigh: keys.length > 0 && keys[keys.length - 1] >= 31, actionAt: 0, actionLength: 0, wordsAt: 0, textGeneration: 0, chunk: 0, at: 0, bytes, bundle: undefined, checked: undefined };
  keepText(selection, action, core);
  return selection;
}
