/**
 * @module analyzer/catalog/catalog
 * Questions about AWS's actions, resource types and condition keys, answered from the compact
 * catalog (./types.ts). Service prefixes and action names compare ignoring case ("IAM JSON
 * policy elements: Action": "Action names are case-insensitive"), as do condition key names
 * ("IAM JSON policy elements: Condition": "Condition key names are not case-sensitive").
 * Indexes are built per service on first use, so a lint run pays only for the services its
 * policies name.
 */
import { WildcardPattern, wildcardMatch } from "../../policy/wildcard.ts";
import type { ActionInfo, CatalogData, ConditionKeyInfo, ResourceTypeInfo, ServiceRecord } from "./types.ts";

interface KeyIndex {
  exact: Map<string, ConditionKeyInfo>;
  /** Keys with a placeholder (`aws:ResourceTag/${TagKey}`), as a regular expression over the lowercased key. */
  patterns: { re: RegExp; info: ConditionKeyInfo }[];
}

interface ServiceIndex {
  prefix: string;
  record: ServiceRecord;
  /** Lowercased action name → AWS's spelling. */
  actions: Map<string, string>;
  /** The lowercased names, sorted: a `Prefix*` pattern is a range of them. */
  sorted: string[];
  /** The lowercased names a lowercased pattern matches: a batch repeats `s3:Get*` thousands of times. */
  names: Map<string, string[]>;
  /** `matchingActions` answers by lowercased pattern (built only when asked: most checks need the names or the count). */
  matched: Map<string, ActionInfo[]>;
  /** Each action's ActionInfo, built on first use. */
  infos: Map<string, ActionInfo>;
  /** Per access level asked about, the service's actions of that level, indexed like the whole (built on first use). */
  levels: Map<string, Pick<ServiceIndex, "actions" | "sorted">>;
  /** Every condition key some action of the service can be conditioned on (its own or its resource types'), built on first use. */
  supportedKeys?: string[];
  keys: KeyIndex;
}

/** The shared empty answer of `actionsAtLevel` (answers are shared: callers do not change them). */
const NONE: string[] = [];

/** A placeholder in a key template: `${TagKey}`, `<key>` (some S3 keys), or `tag-key` in the global key list. */
const PLACEHOLDER = /\$\{[^}]*\}|<[^>]*>|tag-key/;

const matchers = new Map<string, RegExp | null>();

/** A template key as a regular expression over lowercased keys (null for a key without a placeholder). */
function keyPattern(key: string): RegExp | null {
  let re = matchers.get(key);
  if (re === undefined) {
    re = PLACEHOLDER.test(key)
      ? new RegExp(`^${key.toLowerCase().split(/\$\{[^}]*\}|<[^>]*>|tag-key/).map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join(".+")}$`)
      : null;
    matchers.set(key, re);
  }
  return re;
}

function keyIndex(keys: Record<string, string>, service: string): KeyIndex {
  const exact = new Map<string, ConditionKeyInfo>();
  const patterns: KeyIndex["patterns"] = [];
  for (const [key, type] of Object.entries(keys)) {
    const info: ConditionKeyInfo = { key, type, service };
    const re = keyPattern(key);
    if (re) {
      patterns.push({ re, info });
    } else {
      exact.set(key.toLowerCase(), info);
    }
  }
  return { exact, patterns };
}

function lookupKey(index: KeyIndex, key: string): ConditionKeyInfo | undefined {
  const lower = key.toLowerCase();
  return index.exact.get(lower) ?? index.patterns.find((p) => p.re.test(lower))?.info;
}

/** The lowercased names of the service that match a lowercased pattern: a literal is a lookup, `Prefix*` a range of the sorted names, any other pattern a scan. */
function namesMatching(index: Pick<ServiceIndex, "actions" | "sorted">, pattern: string): string[] {
  const star = pattern.indexOf("*");
  if (star < 0 && !pattern.includes("?")) return index.actions.has(pattern) ? [pattern] : [];
  if (star === pattern.length - 1 && !pattern.includes("?")) {
    const head = pattern.slice(0, -1);
    let lo = 0;
    let hi = index.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (index.sorted[mid] < head) lo = mid + 1;
      else hi = mid;
    }
    const out: string[] = [];
    for (let i = lo; i < index.sorted.length && index.sorted[i].startsWith(head); i++) out.push(index.sorted[i]);
    return out;
  }
  // Action names are ASCII, so the lowercased name is already the matcher's prepared text.
  const matcher = new WildcardPattern(pattern, { ignoreCase: true });
  return index.sorted.filter((name) => matcher.testPrepared(name));
}

export class Catalog {
  readonly source: string;
  readonly updatedAt: string;
  private readonly data: CatalogData;
  private readonly indexes = new Map<string, ServiceIndex | null>();
  private globalIndex?: KeyIndex;
  private readonly serviceKeySupport = new Map<string, boolean>();
  /** `expandAction` answers by lowercased value: a batch names `s3:Get*` (and `*`, 22,000 actions) over and over. */
  private readonly expanded = new Map<string, ActionInfo[]>();
  /** `servicesOf` answers for wildcard service names (`s3*`), each a scan of every prefix. */
  private readonly wildServices = new Map<string, string[]>();
  /** ActionInfo `resourceTypes` by list id, shared by the actions with that list. */
  private readonly typeLists: ActionInfo["resourceTypes"][] = [];
  /** `actionsAtLevel` answers by level, then lowercased value. */
  private readonly atLevel = new Map<string, Map<string, string[]>>();
  /**
   * Answers by the value exactly as written, in front of the lowercased caches: a batch repeats
   * the same items (`s3:GetObject`) thousands of times, and lowercasing and splitting each one
   * again cost more than the lookup behind it.
   */
  private readonly counted = new Map<string, number>();
  private readonly anyMatching = new Map<string, boolean>();
  private readonly atLevelAsWritten = new Map<string, Map<string, string[]>>();

  constructor(data: CatalogData) {
    this.data = data;
    this.source = data.source;
    this.updatedAt = data.updatedAt;
  }

  /** Every service prefix. */
  get servicePrefixes(): string[] {
    return Object.keys(this.data.services);
  }

  hasService(prefix: string): boolean {
    return this.index(prefix) !== null;
  }

  serviceName(prefix: string): string | undefined {
    return this.index(prefix)?.record.name;
  }

  private index(prefix: string): ServiceIndex | null {
    const lower = prefix.toLowerCase();
    let found = this.indexes.get(lower);
    if (found === undefined) {
      const record = Object.hasOwn(this.data.services, lower) ? this.data.services[lower] : undefined;
      found = record ? this.serviceIndex(lower, record) : null;
      this.indexes.set(lower, found);
    }
    return found;
  }

  private serviceIndex(prefix: string, record: ServiceRecord): ServiceIndex {
    const spelled = Object.keys(record.actions);
    const sorted: string[] = new Array(spelled.length);
    const actions = new Map<string, string>();
    for (let i = 0; i < spelled.length; i++) actions.set((sorted[i] = spelled[i].toLowerCase()), spelled[i]);
    sorted.sort();
    return { prefix, record, actions, sorted, keys: keyIndex(record.keys, prefix), names: new Map(), matched: new Map(), infos: new Map(), levels: new Map() };
  }

  /** Every action name of a service, as AWS spells them. */
  actionNames(prefix: string): string[] {
    return Object.keys(this.index(prefix)?.record.actions ?? {});
  }

  /** One action (`GetObject` of `s3`), or undefined when the service has none of that name. The object is shared: do not change it. */
  action(prefix: string, name: string): ActionInfo | undefined {
    const index = this.index(prefix);
    const spelled = index?.actions.get(name.toLowerCase());
    if (!index || !spelled) return undefined;
    let info = index.infos.get(spelled);
    if (!info) index.infos.set(spelled, (info = this.actionInfo(index, spelled)));
    return info;
  }

  private actionInfo(index: ServiceIndex, spelled: string): ActionInfo {
    const [accessLevel, types, keys] = index.record.actions[spelled];
    return { service: index.prefix, name: spelled, accessLevel, resourceTypes: this.typeList(types), conditionKeys: this.data.lists[keys] };
  }

  /** A resource-type list of the catalog as ActionInfo's `resourceTypes`, built once per list: actions share a few thousand lists. */
  private typeList(id: number): ActionInfo["resourceTypes"] {
    let out = this.typeLists[id];
    if (!out) {
      out = this.data.lists[id].map((t) => (t.endsWith("*") ? { name: t.slice(0, -1), required: true } : { name: t, required: false }));
      this.typeLists[id] = out;
    }
    return out;
  }

  /** The actions of `prefix` whose names match the wildcard `pattern` (case-insensitive). The list is shared: do not change it. */
  matchingActions(prefix: string, pattern: string): ActionInfo[] {
    const index = this.index(prefix);
    if (!index) return [];
    const lower = pattern.toLowerCase();
    let out = index.matched.get(lower);
    if (out === undefined) {
      out = this.names(index, lower).map((name) => this.action(prefix, name)!);
      index.matched.set(lower, out);
    }
    return out;
  }

  /** How many actions of `prefix` match the wildcard `pattern`: `matchingActions(...).length` without building their ActionInfo. */
  countMatching(prefix: string, pattern: string): number {
    const index = this.index(prefix);
    return index ? this.names(index, pattern.toLowerCase()).length : 0;
  }

  private names(index: ServiceIndex, lower: string): string[] {
    let out = index.names.get(lower);
    if (out === undefined) index.names.set(lower, (out = namesMatching(index, lower)));
    return out;
  }

  /**
   * How many actions an Action element value with a literal service (`s3:Get*`) names, or -1
   * when the catalog has no such service (cached by the value as written).
   */
  actionCount(value: string): number {
    let out = this.counted.get(value);
    if (out === undefined) {
      const colon = value.indexOf(":");
      const index = colon < 0 ? null : this.index(value.slice(0, colon));
      const name = value.slice(colon + 1).toLowerCase();
      // A literal name is a lookup: caching its one-name list too would only fill the cache.
      out = !index ? -1 : /[*?]/.test(name) ? this.names(index, name).length : index.actions.has(name) ? 1 : 0;
      this.counted.set(value, out);
    }
    return out;
  }

  /** Whether an Action element value names at least one action. */
  hasMatchingAction(value: string): boolean {
    let out = this.anyMatching.get(value);
    if (out === undefined) this.anyMatching.set(value, (out = this.hasMatchingUncached(value)));
    return out;
  }

  private hasMatchingUncached(value: string): boolean {
    if (value === "*") return true;
    const colon = value.indexOf(":");
    if (colon < 0) return false;
    const service = value.slice(0, colon);
    // A literal service: the answer `matchingActions` keeps, without concatenating an expansion.
    if (!/[*?]/.test(service)) return this.actionCount(value) > 0;
    return this.expandAction(value).length > 0;
  }

  /** Every `service:Action` that an Action element value (`s3:Get*`, `*`) names. The list is shared: do not change it. */
  expandAction(value: string): ActionInfo[] {
    const lower = value.toLowerCase();
    let out = this.expanded.get(lower);
    if (out === undefined) {
      out = this.expandUncached(value);
      this.expanded.set(lower, out);
    }
    return out;
  }

  private expandUncached(value: string): ActionInfo[] {
    if (value === "*") return this.servicePrefixes.flatMap((p) => this.matchingActions(p, "*"));
    const colon = value.indexOf(":");
    if (colon < 0) return [];
    const service = value.slice(0, colon);
    const name = value.slice(colon + 1);
    const prefixes = /[*?]/.test(service) ? this.prefixesMatching(service) : [service];
    return prefixes.flatMap((p) => this.matchingActions(p, name));
  }

  /** The service prefixes a wildcard service name (`s3*`) matches, cached. */
  private prefixesMatching(service: string): string[] {
    const lower = service.toLowerCase();
    let out = this.wildServices.get(lower);
    if (out === undefined) {
      out = this.servicePrefixes.filter((p) => wildcardMatch(service, p, { ignoreCase: true }));
      this.wildServices.set(lower, out);
    }
    return out;
  }

  resourceTypes(prefix: string): ResourceTypeInfo[] {
    const index = this.index(prefix);
    if (!index) return [];
    return Object.entries(index.record.resources).map(([name, [arn, keys]]) => ({ service: index.prefix, name, arn, conditionKeys: this.data.lists[keys] }));
  }

  resourceType(prefix: string, name: string): ResourceTypeInfo | undefined {
    const index = this.index(prefix);
    const record = index && Object.hasOwn(index.record.resources, name) ? index.record.resources[name] : undefined;
    return record && index ? { service: index.prefix, name, arn: record[0], conditionKeys: this.data.lists[record[1]] } : undefined;
  }

  /** The service prefixes an Action value names (`*`: all; `s3*:Get*`: those matching `s3*`). */
  servicesOf(value: string): string[] {
    if (value === "*") return this.servicePrefixes;
    const colon = value.indexOf(":");
    if (colon < 0) return [];
    const service = value.slice(0, colon);
    if (/[*?]/.test(service)) return this.prefixesMatching(service);
    return this.hasService(service) ? [service.toLowerCase()] : [];
  }

  /**
   * `service:Name` of each action an Action value names whose access level includes `level`
   * ("Permissions management"), in `expandAction`'s order; cached per level and value. Only the
   * actions of that level are matched: ReadOnlyAccess's `*:Get*` items need no full expansion.
   */
  actionsAtLevel(value: string, level: string): string[] {
    let asWritten = this.atLevelAsWritten.get(level);
    if (!asWritten) this.atLevelAsWritten.set(level, (asWritten = new Map()));
    let out = asWritten.get(value);
    if (out === undefined) asWritten.set(value, (out = this.actionsAtLevelLower(value, level)));
    return out;
  }

  private actionsAtLevelLower(value: string, level: string): string[] {
    const colon = value.indexOf(":");
    if (colon > 0 && !/[*?]/.test(value)) {
      // A literal action (most items): its own access level, without the service's level index
      // (and not kept by lowercased value: `actionsAtLevel` keeps it by the value as written).
      const index = this.index(value.slice(0, colon));
      const spelled = index?.actions.get(value.slice(colon + 1).toLowerCase());
      return index && spelled && index.record.actions[spelled][0].includes(level) ? [`${index.prefix}:${spelled}`] : NONE;
    }
    let byValue = this.atLevel.get(level);
    if (!byValue) this.atLevel.set(level, (byValue = new Map()));
    const lowerValue = value.toLowerCase();
    let out = byValue.get(lowerValue);
    if (out !== undefined) return out;
    out = [];
    if (value === "*" || colon >= 0) {
      const service = value === "*" ? "*" : value.slice(0, colon);
      const name = value === "*" ? "*" : value.slice(colon + 1).toLowerCase();
      const prefixes = value === "*" ? this.servicePrefixes : /[*?]/.test(service) ? this.prefixesMatching(service) : [service];
      for (const p of prefixes) {
        const index = this.index(p);
        if (!index) continue;
        for (const lower of namesMatching(this.levelIndex(index, level), name)) out.push(`${index.prefix}:${index.actions.get(lower)}`);
      }
    }
    byValue.set(lowerValue, out);
    return out;
  }

  private levelIndex(index: ServiceIndex, level: string): Pick<ServiceIndex, "actions" | "sorted"> {
    let found = index.levels.get(level);
    if (!found) {
      const actions = new Map<string, string>();
      const sorted: string[] = [];
      for (const lower of index.sorted) {
        const spelled = index.actions.get(lower)!;
        if (!index.record.actions[spelled][0].includes(level)) continue;
        actions.set(lower, spelled);
        sorted.push(lower);
      }
      found = { actions, sorted };
      index.levels.set(level, found);
    }
    return found;
  }

  /** Whether any action of the service can be conditioned on `key` (cached per service and key). */
  serviceSupportsKey(prefix: string, key: string): boolean {
    const id = `${prefix.toLowerCase()}\u0000${key.toLowerCase()}`;
    let answer = this.serviceKeySupport.get(id);
    if (answer === undefined) {
      const lower = key.toLowerCase();
      answer = this.supportedKeys(prefix).some((k) => k.toLowerCase() === lower || keyPattern(k)?.test(lower) === true);
      this.serviceKeySupport.set(id, answer);
    }
    return answer;
  }

  /** The union over the service's actions of the keys `actionSupportsKey` tries. */
  private supportedKeys(prefix: string): string[] {
    const index = this.index(prefix);
    if (!index) return [];
    if (!index.supportedKeys) {
      // From the records' list ids, without an ActionInfo per action: most actions share their lists.
      const { lists } = this.data;
      const { actions, resources } = index.record;
      const keyLists = new Set<number>();
      const typeLists = new Set<number>();
      for (const [, types, keys] of Object.values(actions)) {
        keyLists.add(keys);
        typeLists.add(types);
      }
      for (const id of typeLists) {
        for (const t of lists[id]) {
          const type = t.endsWith("*") ? t.slice(0, -1) : t;
          if (Object.hasOwn(resources, type)) keyLists.add(resources[type][1]);
        }
      }
      const keys = new Set<string>();
      for (const id of keyLists) for (const k of lists[id]) keys.add(k);
      index.supportedKeys = [...keys];
    }
    return index.supportedKeys;
  }

  /** A global condition key (`aws:SourceIp`, `aws:ResourceTag/Project`). */
  globalKey(key: string): ConditionKeyInfo | undefined {
    this.globalIndex ??= keyIndex(this.data.global, "aws");
    return lookupKey(this.globalIndex, key);
  }

  /** A key of the service named by its prefix (`s3:prefix`), or undefined. */
  serviceKey(prefix: string, key: string): ConditionKeyInfo | undefined {
    const index = this.index(prefix);
    return index ? lookupKey(index.keys, key) : undefined;
  }

  /** A condition key, global or of any service that defines it. */
  conditionKey(key: string): ConditionKeyInfo | undefined {
    const colon = key.indexOf(":");
    if (colon < 0) return undefined;
    return this.globalKey(key) ?? this.serviceKey(key.slice(0, colon), key);
  }

  /** Whether `action` (of its service) can be conditioned on `key`: the action's own keys or those of its resource types. */
  actionSupportsKey(action: ActionInfo, key: string): boolean {
    const lower = key.toLowerCase();
    const matches = (k: string) => k.toLowerCase() === lower || keyPattern(k)?.test(lower) === true;
    if (action.conditionKeys.some(matches)) return true;
    return action.resourceTypes.some((t) => this.resourceType(action.service, t.name)?.conditionKeys.some(matches));
  }
}
