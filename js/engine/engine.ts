/**
 * @module engine/engine
 * The binding: one Wasm instance, the policies compiled into it, and one Wasm call per
 * decision. `compile` hands documents to the policy layer and copies the image into Wasm memory
 * behind a handle; `authorize` writes the request into the scratch buffer, calls the core and
 * reads the result block. A trap (a broken invariant, never user input) replaces the instance
 * and reloads every live image from its bytes.
 */
import * as A from "./abi.ts";
import { EngineInternalError, PolicyValidationError, RequestError } from "./errors.ts";
import { KeyTable } from "./keys.ts";
import { ActionFilter, normalizeAction } from "./action-filter.ts";
import { writeRequest, flattenHandles, emptyMemo, type AuthorizationRequest, type HandleSet, type RequestHints, type Scratch, type ScratchMemo } from "./request.ts";
import { validatePolicy } from "../policy/validate.ts";
import { encodePolicy } from "../policy/encode.ts";
import type { Diagnostic, PolicyKind, Span } from "../policy/types.ts";
import { POLICY_KINDS } from "../policy/types.ts";

export type Decision = "Allow" | "ExplicitDeny" | "ImplicitDeny";

/** A statement that decided, pointing back into its policy's text. */
/**
 * A statement that decided. Results share one frozen record per compiled statement (building
 * one per decision would cost more than the decision's matching).
 */
export interface MatchedStatement {
  policyId: string;
  kind: PolicyKind;
  statementIndex: number;
  sid?: string;
  effect: "Allow" | "Deny";
  span?: Span;
}

export interface AuthorizationResult {
  decision: Decision;
  matchedStatements: MatchedStatement[];
  /** Condition keys that matching statements referenced and the request did not carry. */
  missingContextValues: string[];
  /** Why: a stable code, and the SCP level (0 = root) when a level lacked an Allow. */
  reason: { code: ReasonCode; level?: number };
}

/** Why a decision came out as it did; docs/semantics.md explains each, with its AWS page. */
export type ReasonCode =
  | "ExplicitDeny" | "IdentityAllow" | "ResourceAllow" | "RootUser" | "NoAllow" | "ScpNoAllow" | "RcpNoAllow"
  | "BoundaryNoAllow" | "SessionNoAllow" | "TrustPolicyNoAllow" | "CrossAccountNoResourceAllow"
  | "CrossAccountNoIdentityAllow" | "BadInput"
  // Rules services add (docs/semantics.md "Service rules").
  | "NoPermissionRequired" | "KeyPolicyNoAllow" | "FederatedUserNoSessionPolicy" | "UnmodifiableEntity"
  | "ReservedAlias" | "ScpExemptServiceLinkedRole" | "RcpExemptAwsManagedKey";

/** By the core's REASON_* number (abi.ts). */
const REASONS: ReasonCode[] = [
  "NoAllow", "ExplicitDeny", "IdentityAllow", "ResourceAllow", "RootUser", "NoAllow", "ScpNoAllow", "RcpNoAllow",
  "BoundaryNoAllow", "SessionNoAllow", "TrustPolicyNoAllow", "CrossAccountNoResourceAllow",
  "CrossAccountNoIdentityAllow", "BadInput",
  "NoPermissionRequired", "KeyPolicyNoAllow", "FederatedUserNoSessionPolicy", "UnmodifiableEntity",
  "ReservedAlias", "ScpExemptServiceLinkedRole", "RcpExemptAwsManagedKey",
];

/** Why a policy was not evaluated for a request (PolicyExplanation.skippedBecause). */
export type SkipReason = "ServicePrincipal" | "ServiceLinkedRole" | "AwsManagedKey" | "NoPermissionRequired";
/** By the core's SKIP_* number (abi.ts). */
const SKIP_REASONS: (SkipReason | undefined)[] = [undefined, "ServicePrincipal", "ServiceLinkedRole", "AwsManagedKey", "NoPermissionRequired"];
const DECISIONS: Decision[] = ["Allow", "ExplicitDeny", "ImplicitDeny"];

export interface CompileOptions {
  kind: PolicyKind;
  /** Reported as `policyId` in matched statements, e.g. the policy ARN. */
  id?: string;
  /** Overrides the size quota of the kind (characters, whitespace not counted). */
  maxSize?: number;
}

/** The policies that take part in one decision; see the README for which kind goes where. */
export interface PolicySet {
  identity?: CompiledPolicy[];
  boundary?: CompiledPolicy;
  session?: CompiledPolicy[];
  /** The resource's policy, or the role's trust policy for `sts:AssumeRole*`. */
  resource?: CompiledPolicy;
  /** SCP levels from the root through OUs to the account; each level a list of policies. */
  scp?: CompiledPolicy[][];
  rcp?: CompiledPolicy[][];
}

interface StatementInfo {
  index: number;
  sid?: string;
  effect: "Allow" | "Deny";
  span?: Span;
  /** Its conditions in image order, for explanations. */
  conditions: { operator: string; key: string; span?: Span }[];
}

/** Why one condition did or did not hold. */
export interface ConditionExplanation {
  operator: string;
  key: string;
  result: boolean;
  /** The request lacked the key. */
  missing: boolean;
  span?: Span;
}

/** Why one statement did or did not apply: each element on its own. */
export interface StatementExplanation {
  statementIndex: number;
  sid?: string;
  effect: "Allow" | "Deny";
  span?: Span;
  /** Every element and condition matched. */
  applies: boolean;
  /** Action / NotAction matched the request's action. */
  action: boolean;
  /** Resource / NotResource matched; null when the statement has neither (trust policies). */
  resource: boolean | null;
  /** Principal / NotPrincipal matched; null when the statement has neither. */
  principal: boolean | null;
  conditions: ConditionExplanation[];
}

export interface PolicyExplanation {
  policyId: string;
  kind: PolicyKind;
  /** False when the request does not evaluate the policy (`skippedBecause` says why). */
  evaluated: boolean;
  /**
   * Why the policy was not evaluated: SCPs of a service principal or of a service-linked role,
   * RCPs on an AWS managed KMS key, or any policy for sts:GetCallerIdentity.
   */
  skippedBecause?: SkipReason;
  statements: StatementExplanation[];
}

export interface Explanation {
  result: AuthorizationResult;
  /** In policy-set order: identity, boundary, session, resource, SCP levels, RCP levels. */
  policies: PolicyExplanation[];
}

interface Exports {
  memory: WebAssembly.Memory;
  abiVersion(): number;
  alloc(size: number): number;
  free(ptr: number): void;
  resultPtr(): number;
  reserveKeys(count: number): void;
  checkImage(ptr: number, size: number): number;
  authorize(scratch: number): void;
  authorizeBatch(table: number, count: number, out: number): void;
  explain(scratch: number, dst: number, cap: number): number;
}

/**
 * Requests per Wasm call in authorizeBatch: bounds the scratch a batch needs, and keeps the
 * chunk's requests in the CPU cache between writing them and deciding them (64 measured best:
 * `node bench/run.mjs single.ts W1`, W1 batch 187 ns per decision against 207 with 512).
 */
const BATCH_CHUNK = 64;

/**
 * A policy compiled into the engine. It holds Wasm memory until `dispose()` (or `using`).
 * @example
 * using policy = engine.compile(doc, { kind: "identity" });
 */
export class CompiledPolicy {
  /** @internal */ handle = 0;
  /** @internal */ readonly statementsByIndex: Map<number, StatementInfo>;
  /** @internal by statement index, the record results list when it decides */
  readonly matched: MatchedStatement[] = [];
  /** @internal which statements can match a request's action (a superset) */
  readonly #actions: ActionFilter;
  #disposed = false;

  /** @internal */
  constructor(
    /** @internal */ readonly engine: Engine,
    readonly id: string,
    readonly kind: PolicyKind,
    /** Warnings and suggestions found while compiling. */
    readonly diagnostics: Diagnostic[],
    /** @internal */ readonly image: Uint8Array,
    statements: StatementInfo[],
    actions: ActionFilter,
    /** @internal per statement position, the ids of the context keys it reads */
    readonly statementKeys: readonly (readonly number[])[],
  ) {
    this.statementsByIndex = new Map(statements.map((s) => [s.index, s]));
    for (const info of statements) {
      const m: MatchedStatement = { policyId: id, kind, statementIndex: info.index, effect: info.effect };
      if (info.sid !== undefined) m.sid = info.sid;
      if (info.span) m.span = info.span;
      this.matched[info.index] = Object.freeze(m);
    }
    this.#actions = actions;
  }

  /** @internal positions of the statements that apply to the action (`normalizeAction` form) */
  select(text: string): readonly number[] {
    return this.#actions.select(text);
  }

  /** @internal how many statements the policy has */
  get statementCount(): number {
    return this.#actions.count;
  }

  get disposed(): boolean {
    return this.#disposed;
  }

  /** Frees the policy's Wasm memory. Deciding with a disposed policy is an error. */
  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    this.engine.release(this);
  }

  /** `using policy = engine.compile(...)` disposes at the end of the scope (Node 20+, Workers, browsers that have it). */
  [Symbol.dispose](): void {
    this.dispose();
  }
}

/**
 * A policy set checked once and linked for many decisions (`engine.link`): authorize skips
 * re-checking its members until one of the engine's policies is disposed.
 */
export class PolicyBundle {
  /** @internal the policy-set words of each request (request.ts flattenHandles) */ handles: Uint32Array;
  /** @internal */ epoch: number;
  /**
   * @internal Per request action, the words of the set with exactly the statements whose
   * action applies selected, and without the identity, SCP and RCP policies left with none:
   * the rest could not contribute, so the core sees only what can matter (docs/decisions/0007).
   * Filled lazily, bounded; cleared when the epoch moves.
   */
  byAction = new Map<string, Selection>();
  /** @internal whether requests get a per-action selection (every set with a statement) */
  readonly filtered: boolean;
  /** @internal */
  constructor(/** @internal */ readonly engine: Engine, readonly policies: Readonly<PolicySet>, handles: Uint32Array, epoch: number) {
    this.handles = handles;
    this.epoch = epoch;
    const p = policies;
    const all = [...(p.identity ?? []), ...(p.boundary ? [p.boundary] : []), ...(p.session ?? []), ...(p.resource ? [p.resource] : []), ...(p.scp ?? []).flat(), ...(p.rcp ?? []).flat()];
    this.filtered = all.reduce((n, x) => n + x.statementCount, 0) > MIN_FILTERED_STATEMENTS;
  }
}

/** What a linked set sends the core for one request action. */
interface Selection extends RequestHints {
  /** The policy-set words, with per-policy statement selections. */
  words: Uint32Array;
}

const utf8 = new TextEncoder();

/** Distinct actions whose UTF-8 an engine keeps in Wasm memory (about 40 bytes each). */
const MAX_INTERNED_ACTIONS = 4096;

/**
 * Bundles with more statements than this select statements per action. Even W1's three pay
 * for the per-request Map lookup (`node bench/run.mjs single.ts W1`: 238 against 255 ns per
 * `authorize` with a threshold of 8), so every linked set selects.
 */
const MIN_FILTERED_STATEMENTS = 0;

/** Distinct actions a bundle keeps filtered sets for, before it starts over. */
const MAX_FILTERED_ACTIONS = 4096;

/** Reasons without an argument: one frozen object each, shared by results. */
const SHARED_REASONS = Object.fromEntries(REASONS.map((code) => [code, Object.freeze({ code })])) as Record<ReasonCode, AuthorizationResult["reason"]>;

export class Engine {
  readonly #module: WebAssembly.Module;
  #ex!: Exports;
  #result = 0;
  #scratch = 0;
  #scratchSize = 0;
  #u8!: Uint8Array;
  #u32!: Uint32Array;
  readonly #keys = new KeyTable();
  readonly #live = new Map<number, CompiledPolicy>();
  readonly #scratchApi: Scratch;
  /** What requests left in the scratch (request.ts ScratchMemo); emptied when it may be stale. */
  #memo!: ScratchMemo;
  readonly #batchApi: Scratch;
  /** Bytes of the scratch used by the batch being written (requests are laid end to end). */
  #batchUsed = 0;
  /** Batch chunks written so far: each chunk's number (Scratch.chunk). */
  #chunks = 0;
  /** Each batch request's offset in the scratch, reused by every chunk. */
  readonly #offsets = new Uint32Array(BATCH_CHUNK);

  /** @internal use `createEngine` */
  constructor(module: WebAssembly.Module, instance: WebAssembly.Instance) {
    this.#module = module;
    this.#attach(instance);
    // One memo for both: single requests, batches and explanations share the scratch.
    const memo: ScratchMemo = { set: null, setAt: 0, principal: null, principalAt: 0 };
    this.#memo = memo;
    this.#scratchApi = {
      reserve: (bytes) => this.#reserveScratch(bytes),
      u8: () => this.#u8,
      u32: () => this.#u32,
      origin: () => this.#scratch,
      memo,
      chunk: 0,
    };
    this.#batchApi = {
      reserve: (bytes) => this.#reserveBatch(bytes),
      u8: () => this.#u8,
      u32: () => this.#u32,
      origin: () => this.#scratch,
      memo,
      chunk: 0,
    };
  }

  #attach(instance: WebAssembly.Instance): void {
    const ex = instance.exports as unknown as Exports;
    if (typeof ex.abiVersion !== "function") throw new EngineInternalError("engine.wasm does not export `abiVersion`: it is not an iam-edge engine");
    // The version first: another release may export other functions, and the version says why.
    const version = ex.abiVersion();
    if (version !== A.ABI_VERSION) {
      throw new EngineInternalError(`engine.wasm speaks ABI ${version} but this binding speaks ABI ${A.ABI_VERSION}: rebuild or reinstall so both come from one release`);
    }
    for (const name of ["memory", "alloc", "free", "resultPtr", "reserveKeys", "checkImage", "authorize", "authorizeBatch", "explain"]) {
      if (!(name in ex)) throw new EngineInternalError(`engine.wasm does not export \`${name}\`: it is not an iam-edge engine`);
    }
    this.#ex = ex;
    if (this.#memo) emptyMemo(this.#memo); // a new instance has a new memory
    this.#actions?.clear();
    this.#result = ex.resultPtr();
    this.#scratch = 0;
    this.#scratchSize = 0;
    this.#u8 = new Uint8Array(0); // a new instance has a new memory: force fresh views
    this.#refresh();
    ex.reserveKeys(Math.max(64, this.#keys.size));
  }

  /**
   * Re-creates the memory views after the Wasm memory grew. Growing detaches the old buffer,
   * which leaves the old views with length 0: checking that is cheaper than reading
   * `memory.buffer` on every call.
   */
  #refresh(): void {
    if (this.#u8.length === 0) {
      const buffer = this.#ex.memory.buffer;
      this.#u8 = new Uint8Array(buffer);
      this.#u32 = new Uint32Array(buffer);
    }
  }

  #reserveScratch(bytes: number): number {
    this.#growScratch(bytes, 0);
    return this.#scratch;
  }

  /** Grows the scratch to `bytes`, keeping its first `keep` bytes. */
  #growScratch(bytes: number, keep: number): void {
    if (bytes > this.#scratchSize) {
      const size = Math.max(4096, 2 ** Math.ceil(Math.log2(bytes)));
      const next = this.#ex.alloc(size);
      if (this.#memo) emptyMemo(this.#memo); // the scratch moves
      this.#refresh();
      if (keep > 0) this.#u8.copyWithin(next, this.#scratch, this.#scratch + keep);
      if (this.#scratch) this.#ex.free(this.#scratch);
      this.#scratch = next;
      this.#scratchSize = size;
    }
    this.#refresh();
  }

  /** Batch requests are laid end to end (8-aligned) in the scratch; addresses are relative until the call. */
  #reserveBatch(bytes: number): number {
    const at = (this.#batchUsed + 7) & ~7;
    this.#growScratch(at + bytes, this.#batchUsed);
    return this.#scratch + at;
  }

  /** Runs `fn`; a trap discards the instance, reloads live images, and surfaces as EngineInternalError. */
  #guard<T>(fn: () => T): T {
    try {
      return fn();
    } catch (err) {
      throw this.#recover(err);
    }
  }

  /** The error to throw for `err`: after a trap, the instance is replaced first. */
  #recover(err: unknown): unknown {
    if (!(err instanceof WebAssembly.RuntimeError)) return err;
    this.#attach(new WebAssembly.Instance(this.#module, {}));
    const policies = [...this.#live.values()];
    this.#live.clear();
    for (const p of policies) this.#load(p);
    this.#epoch++;
    return new EngineInternalError(`the engine trapped (${err.message}); the instance was replaced`, { cause: err });
  }

  #load(policy: CompiledPolicy): void {
    const size = policy.image.length;
    const ptr = this.#ex.alloc(size);
    this.#refresh();
    this.#u8.set(policy.image, ptr);
    if (this.#ex.checkImage(ptr, size) !== 1) {
      this.#ex.free(ptr);
      throw new EngineInternalError("the compiled image was rejected by the core");
    }
    policy.handle = ptr;
    this.#live.set(ptr, policy);
  }

  /** Bumped by every dispose: bundles re-check their members when it moved. */
  #epoch = 0;

  /** @internal */
  release(policy: CompiledPolicy): void {
    this.#epoch++;
    if (this.#live.get(policy.handle) === policy) {
      this.#live.delete(policy.handle);
      this.#ex.free(policy.handle);
    }
    policy.handle = 0;
  }

  /**
   * Checks a policy document for the given kind. Accepts an object, JSON text or URL-encoded
   * JSON text. Returns every finding; an `error` one means `compile` would throw.
   */
  validate(document: unknown, options: { kind: PolicyKind; maxSize?: number }): Diagnostic[] {
    checkKind(options?.kind);
    return validatePolicy(document, options).diagnostics;
  }

  /**
   * Compiles a policy document once, for many decisions.
   * @throws PolicyValidationError when the document has error diagnostics
   * @example
   * const p = engine.compile('{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*"}}', { kind: "identity", id: "S3" });
   */
  compile(document: unknown, options: CompileOptions): CompiledPolicy {
    checkKind(options?.kind);
    const { diagnostics, policy } = validatePolicy(document, { kind: options.kind, maxSize: options.maxSize });
    if (!policy || diagnostics.some((d) => d.severity === "error")) throw new PolicyValidationError(diagnostics);
    const statementKeys: number[][] = [];
    const image = encodePolicy(policy, options.kind, this.#keys, statementKeys);
    const statements = policy.statements.map((s) => ({
      index: s.index, sid: s.sid, effect: s.effect, span: s.span,
      conditions: s.conditions.map((c) => ({ operator: c.operator, key: c.key, span: c.span })),
    }));
    const compiled = new CompiledPolicy(this, options.id ?? `${options.kind}-policy`, options.kind, diagnostics, image, statements, new ActionFilter(policy.statements), statementKeys);
    this.#guard(() => {
      this.#ex.reserveKeys(this.#keys.size);
      this.#load(compiled);
    });
    return compiled;
  }

  /**
   * Checks a policy set once and links it for repeated decisions: pass the bundle to
   * `authorize` / `authorizeBatch` in place of the set. The set is copied; later changes to the
   * caller's arrays do not affect the bundle.
   * @example
   * const bundle = engine.link({ identity: [p1, p2], boundary: b });
   * engine.authorize(request, bundle);
   */
  link(policies: PolicySet): PolicyBundle {
    this.#handles(policies); // typed errors for a malformed set, before copying it
    const copy: PolicySet = {
      identity: policies?.identity?.slice(), boundary: policies?.boundary, session: policies?.session?.slice(),
      resource: policies?.resource, scp: policies?.scp?.map((l) => l.slice()), rcp: policies?.rcp?.map((l) => l.slice()),
    };
    return new PolicyBundle(this, copy, this.#handles(copy), this.#epoch);
  }

  #resolve(set: PolicySet | PolicyBundle): Uint32Array {
    if (set instanceof PolicyBundle && set.engine === this) {
      if (set.epoch !== this.#epoch) {
        // A policy was disposed (or a trap moved every handle): re-check the members.
        set.handles = this.#handles(set.policies);
        set.byAction.clear();
        set.epoch = this.#epoch;
      }
      return set.handles;
    }
    return this.#handles(set as PolicySet);
  }

  /** Action text kept in Wasm memory: address and UTF-8 length, or [0, 0] once the table is full. */
  #actions = new Map<string, [number, number]>();

  /** The action's UTF-8 in Wasm memory, written once: requests point at it instead of copying it. */
  #internAction(action: string): [number, number] {
    let entry = this.#actions.get(action);
    if (entry === undefined) {
      if (this.#actions.size >= MAX_INTERNED_ACTIONS || action.length > 256) return [0, 0];
      const bytes = utf8.encode(action);
      const at = this.#ex.alloc(Math.max(1, bytes.length));
      this.#refresh();
      this.#u8.set(bytes, at);
      entry = [at, bytes.length];
      this.#actions.set(action, entry);
    }
    return entry;
  }

  /**
   * For a request of `action`: the selection of a linked set large enough to filter (see
   * PolicyBundle.byAction), or undefined to send `words`, every statement and every key.
   */
  #selectionFor(set: PolicySet | PolicyBundle, action: unknown): Selection | undefined {
    if (!(set instanceof PolicyBundle) || !set.filtered || typeof action !== "string") return undefined;
    let selection = set.byAction.get(action);
    if (selection === undefined) {
      const p = set.policies;
      const positions = new Map<number, readonly number[] | null>();
      const keys = new Uint8Array(this.#keys.size);
      keys[A.KEY_KMS_RESOURCE_ALIASES] = 1; // the core reads it for every request (keys.ts)
      // Selects the policy's statements for the action (null when that is all of them) and
      // marks the context keys they read.
      const text = normalizeAction(action);
      const pick = (x: CompiledPolicy): number => {
        const picked = x.select(text);
        positions.set(x.handle, picked.length === x.statementCount ? null : picked);
        for (const at of picked) for (const id of x.statementKeys[at]) keys[id] = 1;
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
      if (set.byAction.size >= MAX_FILTERED_ACTIONS) set.byAction.clear();
      const [actionAt, actionLength] = this.#internAction(action);
      selection = { words: flattenHandles(handles, (handle) => positions.get(handle) ?? null), keys, actionAt, actionLength, chunk: 0, at: 0 };
      set.byAction.set(action, selection);
    }
    return selection;
  }

  #handles(set: PolicySet): Uint32Array {
    if (set === null || typeof set !== "object") throw new RequestError("INVALID_POLICY_SET", "the policy set must be an object");
    const one = (p: unknown, kinds: PolicyKind[], path: string): number => {
      if (p === undefined || p === null) return 0;
      if (!(p instanceof CompiledPolicy) || p.engine !== this) {
        throw new RequestError("INVALID_POLICY_SET", "expected a policy compiled by this engine", path);
      }
      if (p.disposed) throw new RequestError("POLICY_DISPOSED", `policy \`${p.id}\` was disposed`, path);
      if (!kinds.includes(p.kind)) throw new RequestError("WRONG_POLICY_KIND", `policy \`${p.id}\` is a ${p.kind} policy, expected ${kinds.join(" or ")}`, path);
      return p.handle;
    };
    const many = (list: unknown, kind: PolicyKind, path: string): number[] => {
      if (list === undefined || list === null) return [];
      if (!Array.isArray(list)) throw new RequestError("INVALID_POLICY_SET", "expected an array of policies", path);
      return list.map((p, i) => one(p, [kind], `${path}/${i}`));
    };
    const levels = (list: unknown, kind: PolicyKind, path: string): number[][] => {
      if (list === undefined || list === null) return [];
      if (!Array.isArray(list)) throw new RequestError("INVALID_POLICY_SET", "expected an array of levels, each an array of policies", path);
      return list.map((level, i) => many(level, kind, `${path}/${i}`));
    };
    return flattenHandles({
      identity: many(set.identity, "identity", "/identity"),
      boundary: one(set.boundary, ["boundary"], "/boundary"),
      session: many(set.session, "session", "/session"),
      resource: one(set.resource, ["resource", "trust"], "/resource"),
      scp: levels(set.scp, "scp", "/scp"),
      rcp: levels(set.rcp, "rcp", "/rcp"),
    });
  }

  /**
   * Decides one request against a policy set, as AWS's policy evaluation logic does.
   * @example
   * engine.authorize({ principal: "arn:aws:iam::111122223333:user/alice", action: "s3:GetObject",
   *   resource: "arn:aws:s3:::bucket/key" }, { identity: [policy] }).decision // "Allow"
   */
  authorize(request: AuthorizationRequest, policies: PolicySet | PolicyBundle): AuthorizationResult {
    const words = this.#resolve(policies);
    const selection = this.#selectionFor(policies, request?.action);
    // Inline rather than #guard: no closure allocated per decision.
    try {
      writeRequest(request, selection?.words ?? words, this.#keys, this.#scratchApi, selection);
      this.#ex.authorize(this.#scratch);
      return this.#readResult();
    } catch (err) {
      throw this.#recover(err);
    }
  }

  /**
   * Decides many requests against one policy set, with one Wasm call per chunk of requests.
   * Returns the decisions in order; pass `{ details: true }` for full results.
   * @example
   * engine.authorizeBatch(requests, { identity: [policy] }) // ["Allow", "ImplicitDeny", ...]
   */
  authorizeBatch(requests: AuthorizationRequest[], policies: PolicySet | PolicyBundle): Decision[];
  authorizeBatch(requests: AuthorizationRequest[], policies: PolicySet | PolicyBundle, options: { details: true }): AuthorizationResult[];
  authorizeBatch(requests: AuthorizationRequest[], policies: PolicySet | PolicyBundle, options?: { details?: boolean }): Decision[] | AuthorizationResult[] {
    if (!Array.isArray(requests)) throw new RequestError("INVALID_REQUEST", "`requests` must be an array");
    if (options?.details) return requests.map((r) => this.authorize(r, policies));
    const handles = this.#resolve(policies);
    const decisions: Decision[] = new Array(requests.length);
    const offsets = this.#offsets;
    // Inline rather than #guard: no closure allocated per chunk.
    try {
      for (let start = 0; start < requests.length; start += BATCH_CHUNK) {
        const count = Math.min(BATCH_CHUNK, requests.length - start);
        this.#batchUsed = 0;
        this.#batchApi.chunk = ++this.#chunks;
        for (let i = 0; i < count; i++) {
          const at = (this.#batchUsed + 7) & ~7;
          this.#batchUsed = at;
          try {
            const request = requests[start + i];
            const selection = this.#selectionFor(policies, request?.action);
            this.#batchUsed = writeRequest(request, selection?.words ?? handles, this.#keys, this.#batchApi, selection) - this.#scratch;
          } catch (err) {
            if (err instanceof RequestError) throw new RequestError(err.code, err.detail, `/${start + i}${err.path}`);
            throw err;
          }
          offsets[i] = at;
        }
        // The address table and the answers follow the requests.
        const table = this.#reserveBatch(count * 8) - this.#scratch;
        this.#batchUsed = 0;
        const m32 = this.#u32;
        const base = this.#scratch;
        const t = (base + table) >>> 2;
        for (let i = 0; i < count; i++) m32[t + i] = base + offsets[i];
        this.#ex.authorizeBatch(base + table, count, base + table + count * 4);
        const out = this.#u32;
        for (let i = 0; i < count; i++) decisions[start + i] = DECISIONS[out[t + count + i] & 0xff];
      }
    } catch (err) {
      throw this.#recover(err);
    }
    return decisions;
  }

  /**
   * Decides like `authorize`, and says for every statement of every policy why it did or did
   * not apply: action, resource, principal and each condition, evaluated by the same core.
   * @example
   * const { result, policies } = engine.explain(request, { identity: [policy] });
   * policies[0].statements[0].conditions[0] // { operator: "StringEquals", key: "aws:PrincipalTag/team", result: false, missing: true }
   */
  explain(request: AuthorizationRequest, policies: PolicySet | PolicyBundle): Explanation {
    const result = this.authorize(request, policies);
    const handles = this.#resolve(policies);
    const set = policies instanceof PolicyBundle ? policies.policies : policies;
    const ordered: CompiledPolicy[] = [
      ...(set.identity ?? []), ...(set.boundary ? [set.boundary] : []), ...(set.session ?? []),
      ...(set.resource ? [set.resource] : []), ...(set.scp ?? []).flat(), ...(set.rcp ?? []).flat(),
    ];
    return this.#guard(() => {
      // Words per statement: flags, count, one per condition.
      let words = 0;
      for (const p of ordered) for (const s of p.statementsByIndex.values()) words += 2 + s.conditions.length;
      const end = writeRequest(request, handles, this.#keys, this.#scratchApi) - this.#scratch;
      const dst = (end + 7) & ~7;
      this.#growScratch(dst + words * 4, end);
      const written = this.#ex.explain(this.#scratch, this.#scratch + dst, words * 4);
      if (written === 0xffffffff) throw new EngineInternalError("explanation did not fit its buffer");
      this.#refresh();
      const m32 = this.#u32;
      let w = (this.#scratch + dst) >>> 2;
      const out: PolicyExplanation[] = ordered.map((p) => ({
        policyId: p.id,
        kind: p.kind,
        evaluated: p.statementsByIndex.size === 0 || (m32[w] & A.EX_SKIPPED) === 0,
        ...(p.statementsByIndex.size > 0 && m32[w] & A.EX_SKIPPED ? { skippedBecause: SKIP_REASONS[(m32[w] >>> A.EX_SKIP_SHIFT) & 15] } : {}),
        statements: [...p.statementsByIndex.values()].map((s) => {
          const flags = m32[w++];
          const count = m32[w++];
          const conditions: ConditionExplanation[] = [];
          for (let i = 0; i < count; i++) {
            const c = m32[w++];
            const info = s.conditions[i];
            const e: ConditionExplanation = { operator: info.operator, key: info.key, result: (c & A.EXC_RESULT) !== 0, missing: (c & A.EXC_MISSING) !== 0 };
            if (info.span) e.span = info.span;
            conditions.push(e);
          }
          const e: StatementExplanation = {
            statementIndex: s.index, effect: s.effect,
            applies: (flags & A.EX_APPLIES) !== 0,
            action: (flags & A.EX_ACTION) !== 0,
            resource: flags & A.EX_HAS_RESOURCE ? (flags & A.EX_RESOURCE) !== 0 : null,
            principal: flags & A.EX_HAS_PRINCIPAL ? (flags & A.EX_PRINCIPAL) !== 0 : null,
            conditions,
          };
          if (s.sid !== undefined) e.sid = s.sid;
          if (s.span) e.span = s.span;
          return e;
        }),
      }));
      return { result, policies: out };
    });
  }

  #readResult(): AuthorizationResult {
    this.#refresh();
    const m32 = this.#u32;
    const r = this.#result >>> 2;
    const decision = DECISIONS[m32[r + A.RES_DECISION / 4]];
    const reasonCode = REASONS[m32[r + A.RES_REASON / 4]] ?? "NoAllow";
    const matchedCount = m32[r + A.RES_MATCHED_COUNT / 4];
    const missingCount = m32[r + A.RES_MISSING_COUNT / 4];
    const matchedStatements: MatchedStatement[] = [];
    for (let i = 0; i < matchedCount; i++) {
      const at = r + A.RES_MATCHED / 4 + i * 2;
      const m = this.#live.get(m32[at])?.matched[m32[at + 1]];
      if (m) matchedStatements.push(m);
    }
    const missingContextValues: string[] = [];
    for (let i = 0; i < missingCount; i++) missingContextValues.push(this.#keys.names[m32[r + A.RES_MISSING / 4 + i]]);
    const reason = reasonCode === "ScpNoAllow" ? { code: reasonCode, level: m32[r + A.RES_REASON_ARG / 4] } : SHARED_REASONS[reasonCode];
    return { decision, matchedStatements, missingContextValues, reason };
  }

  /** Bytes of Wasm linear memory, for leak checks. */
  get memoryBytes(): number {
    return this.#ex.memory.buffer.byteLength;
  }
}

function checkKind(kind: unknown): asserts kind is PolicyKind {
  if (!POLICY_KINDS.includes(kind as PolicyKind)) {
    throw new RequestError("INVALID_KIND", `\`kind\` must be one of ${POLICY_KINDS.join(", ")}`, "/kind");
  }
}

/** Instantiates the engine from a compiled module. The module needs no imports. */
export async function instantiate(module: WebAssembly.Module): Promise<Engine> {
  // Synchronously where the runtime allows it (a small module instantiates in microseconds).
  let instance: WebAssembly.Instance;
  try {
    instance = new WebAssembly.Instance(module, {});
  } catch (err) {
    if (!(err instanceof RangeError)) throw err;
    instance = await WebAssembly.instantiate(module, {});
  }
  return new Engine(module, instance);
}
