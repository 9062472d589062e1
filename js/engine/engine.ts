/**
 * @module engine/engine
 * The binding's public face: `Engine` compiles policy documents (the policy layer validates
 * and encodes them; the image is copied into Wasm memory behind a handle) and decides
 * requests against them with one Wasm call each. Its parts live beside it: core.ts (the
 * instance, its memory, scratch and trap recovery), compiled-policy.ts, policy-set.ts and
 * bundle.ts (sets, linked bundles and per-action selection), request.ts (writing a request),
 * result.ts and explain.ts (reading answers), errors.ts.
 */
import { validatePolicy } from "../policy/validate.ts";
import { encodePolicy } from "../policy/encode.ts";
import { readPolicyOptions } from "../policy/options.ts";
import type { Diagnostic, NormalizedPolicy, PolicyKind } from "../policy/types.ts";
import { ActionFilter } from "./action-filter.ts";
import { PolicyBundle, selectionFor, setWords, type Selection } from "./bundle.ts";
import { CompiledPolicy, type StatementInfo } from "./compiled-policy.ts";
import { Core } from "./core.ts";
import { EngineInternalError, PolicyValidationError, RequestError } from "./errors.ts";
import { explanationBytes, readExplanation, type Explanation } from "./explain.ts";
import { KeyTable } from "./keys.ts";
import { DEFAULT_MAX_MEMORY, MAX_CHUNK_BYTES } from "./limits.ts";
import { readBatchOptions, readEngineOptions, type EngineOptions } from "./options.ts";
import { principalCacheSize } from "./principal.ts";
import { policiesInOrder, policySetWords, readPolicySet, type PolicySet } from "./policy-set.ts";
import { SetCache } from "./set-cache.ts";
import { CheckedTexts } from "./checked-texts.ts";
import { requestBytes, writeRequest, type AuthorizationRequest } from "./request.ts";
import { readRequest, RequestFields } from "./request-fields.ts";
import { DECISIONS, readResult, type AuthorizationResult, type Decision } from "./result.ts";

// The public shapes, from where js/entries/api.ts and the layers above import them.
export { CompiledPolicy } from "./compiled-policy.ts";
export { PolicyBundle } from "./bundle.ts";
export type { PolicySet } from "./policy-set.ts";
export type { AuthorizationResult, Decision, MatchedStatement, ReasonCode } from "./result.ts";
export type { ConditionExplanation, Explanation, PolicyExplanation, SkipReason, StatementExplanation } from "./explain.ts";
export type { EngineOptions } from "./options.ts";

export interface CompileOptions {
  kind: PolicyKind;
  /** Reported as `policyId` in matched statements, e.g. the policy ARN. */
  id?: string;
  /** Overrides the size quota of the kind (characters, whitespace not counted). */
  maxSize?: number;
}

/**
 * Requests per Wasm call in authorizeBatch: bounds the scratch a batch needs, and keeps the
 * chunk's requests in the CPU cache between writing them and deciding them (64 measured best:
 * `node bench/run.mjs single.ts W1`, W1 batch 187 ns per decision against 207 with 512).
 */
const BATCH_CHUNK = 64;

/** How full the engine's caches are: for tests of their bounds (docs/limits.md) and leak checks. */
export interface EngineStats {
  /** Condition keys live policies mention; ids in use (the highest plus one); request spellings remembered. */
  keys: number;
  keyIds: number;
  keySpellings: number;
  /** Action texts kept in Wasm memory for linked bundles. */
  keptTexts: number;
  /** Bytes of per-action selection words kept in Wasm memory, within MAX_KEPT_WORDS_BYTES. */
  keptWordBytes: number;
  /** Bytes of the blocks the engine holds in Wasm memory (images, scratch, kept texts), against `maxMemory`. */
  heldBytes: number;
  /** Principals kept parsed (shared by every engine of the process), and their bytes. */
  principals: number;
  principalBytes: number;
  /** Policy sets linked implicitly by `authorize` (set-cache.ts), and the bytes of their words and selections. */
  linkedSets: number;
  linkedSetBytes: number;
  /** Plain sets decided without being linked (a first call) whose calls the set cache counts. */
  seenSets: number;
  /** Plain sets the engine linked so far (one linked again after the cache evicted it counts again). */
  setLinks: number;
  /** Request actions and resources whose form was checked, and their characters. */
  checkedTexts: number;
  checkedChars: number;
}

/** `#set` after a call whose set was not kept (set-cache.ts `wordsOrBundle`). */
const NOT_READ: Readonly<PolicySet> = Object.freeze({});

export class Engine {
  readonly #keys = new KeyTable();
  readonly #core: Core<CompiledPolicy>;
  /** Each batch request's offset in the scratch, reused by every chunk. */
  readonly #offsets = new Uint32Array(BATCH_CHUNK);
  /** Each request of a chunk (one for `authorize`), as read once: reused from call to call. */
  readonly #fields: RequestFields[] = Array.from({ length: BATCH_CHUNK }, () => new RequestFields());
  /** Each request's selection in a chunk. */
  readonly #selections: (Selection | undefined)[] = new Array(BATCH_CHUNK);
  /**
   * True while the engine reads a caller's objects (a request, a policy set): their getters run
   * then, and may not call the engine back (docs/errors.md `REENTRANT_CALL`).
   */
  #reading = false;
  /** The policy set the last call read (readPolicySet's copy, or a bundle's). */
  #set: Readonly<PolicySet> = {};
  /** The bundle the last call decided with: the caller's, or the one the set cache linked. */
  #bundle: PolicyBundle | undefined;
  /** Whether `#bundle` was linked by the set cache during this call (its first). */
  #linkedNow = false;
  /** Plain sets passed again decide through the bundle linked the first time (set-cache.ts). */
  readonly #linked = new SetCache();
  /** Request actions and resources whose form passed (checked-texts.ts). */
  readonly #checked: CheckedTexts;
  /** Policies disposed from a getter while reading: freed once the call is over. */
  readonly #disposedWhileReading: CompiledPolicy[] = [];

  /** @internal use `createEngine` */
  constructor(module: WebAssembly.Module, instance: WebAssembly.Instance, options: EngineOptions = {}) {
    const { maxMemory = DEFAULT_MAX_MEMORY } = readEngineOptions(options);
    this.#core = new Core(module, instance, this.#keys, maxMemory);
    this.#checked = new CheckedTexts(this.#core);
  }

  /**
   * Checks a policy document for the given kind. Accepts an object, JSON text or URL-encoded
   * JSON text. Returns every finding, and throws nothing; an `error` one means `compile` would
   * throw. A missing or unknown `kind` is itself a finding (`INVALID_KIND`), and so is an
   * option that is not valid (`INVALID_OPTION`). `iamChecks: true` adds what IAM refuses to
   * store (docs/diagnostics.md), which `compile` leaves to IAM.
   * @example
   * engine.validate('{"Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*"}}', { kind: "identity" })
   * // [{ severity: "warning", code: "MISSING_VERSION", ... }]
   */
  validate(document: unknown, options: { kind: PolicyKind; maxSize?: number; iamChecks?: boolean }): Diagnostic[] {
    return validatePolicy(document, options).diagnostics;
  }

  /**
   * Compiles a policy document once, for many decisions.
   * @throws PolicyValidationError when the document has error diagnostics
   * @throws RequestError `INVALID_KIND` or `INVALID_OPTION` for options it cannot use
   * @example
   * const p = engine.compile('{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*"}}', { kind: "identity", id: "S3" });
   */
  compile(document: unknown, options: CompileOptions): CompiledPolicy {
    this.#notReading();
    const read = readPolicyOptions(options);
    if ("problem" in read) throw new RequestError(read.problem.code, read.problem.message, read.problem.path);
    const { kind, maxSize, id = `${kind}-policy` } = read.options;
    const { diagnostics, policy } = validatePolicy(document, maxSize === undefined ? { kind } : { kind, maxSize });
    if (!policy || diagnostics.some((d) => d.severity === "error")) throw new PolicyValidationError(diagnostics);
    const statementKeys: number[][] = [];
    const image = encodePolicy(policy, kind, this.#keys, statementKeys);
    const compiled = new CompiledPolicy(this, id, kind, diagnostics, image, statementInfo(policy), new ActionFilter(policy.statements), statementKeys);
    const keyIds = compiled.keyIds;
    this.#keys.hold(keyIds);
    const core = this.#core;
    try {
      core.guard(() => {
        core.ex.reserveKeys(this.#keys.size);
        core.load(compiled);
      });
    } catch (err) {
      this.#keys.release(keyIds);
      throw err;
    }
    return compiled;
  }

  /** @internal `policy.dispose()` frees its memory through this */
  release(policy: CompiledPolicy): void {
    // A getter disposing a policy of the set being read: it stays loaded until the call ends.
    if (this.#reading) {
      this.#disposedWhileReading.push(policy);
      return;
    }
    this.#core.unload(policy);
    this.#keys.release(policy.keyIds);
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
    this.#startReading();
    try {
      const copy = readPolicySet(policies); // read once; later changes to the caller's arrays do not reach the bundle
      return new PolicyBundle(this, copy, policySetWords(copy, this), this.#core.epoch);
    } finally {
      this.#stopReading();
    }
  }

  /**
   * Decides one request against a policy set, as AWS's policy evaluation logic does.
   * @example
   * engine.authorize({ principal: "arn:aws:iam::111122223333:user/alice", action: "s3:GetObject",
   *   resource: "arn:aws:s3:::bucket/key" }, { identity: [policy] }).decision // "Allow"
   */
  authorize(request: AuthorizationRequest, policies: PolicySet | PolicyBundle): AuthorizationResult {
    const f = this.#fields[0];
    const words = this.#read(request, policies, f, true);
    const core = this.#core;
    core.startCall();
    // A set linked by this very call, or not linked, is decided with its words alone (set-cache.ts `linkedNow`).
    const selection = this.#linkedNow ? undefined : selectionFor(this.#bundle!, f.action, core, f.checkedAction);
    // Inline rather than core.guard: no closure allocated per decision.
    try {
      writeRequest(f, selection?.words ?? words, core.single, selection);
      f.release();
      core.ex.authorize(core.scratch);
      return readResult(core, this.#keys.names);
    } catch (err) {
      throw core.recover(err);
    } finally {
      core.endCall();
    }
  }

  /**
   * Reads the request into `f` and the policy set's words, each once: the only step in which a
   * caller's getters run. Policies they dispose stay loaded until the reading is over.
   */
  #read(request: AuthorizationRequest, policies: PolicySet | PolicyBundle, f: RequestFields, single = false): Uint32Array {
    const epoch = this.#core.epoch;
    let words: Uint32Array;
    this.#startReading();
    this.#checked.startCall();
    try {
      readRequest(request, f, this.#keys, this.#checked);
      words = this.#setWords(policies, epoch, single ? f.action : undefined);
    } finally {
      this.#stopReading();
    }
    // A getter disposed a policy after the set was checked: its handle may be in `words`.
    if (this.#core.epoch !== epoch) throw disposedWhileReading();
    return words;
  }

  /**
   * The policy-set words: a bundle's, or a plain set's, read once (by the set cache, without a
   * copy when it finds the set) and linked through it; `#set` keeps the set as read, for `explain`, and `#bundle` the bundle
   * whose selections the call uses. For a single decision (`action`: the request's), a plain set the cache does not link
   * (its first call) gives its words only: no `#set` (explain is not single) and no `#bundle`.
   */
  #setWords(policies: PolicySet | PolicyBundle, epoch: number, action: string | undefined): Uint32Array {
    let bundle: PolicyBundle;
    if (policies instanceof PolicyBundle) {
      bundle = policies;
    } else if (action !== undefined) {
      const found = this.#linked.wordsOrBundle(policies, this, epoch, action);
      if (found instanceof Uint32Array) {
        // The array is reused with other words by later calls: the scratch's copy of an
        // earlier one is not this set's (request.ts ScratchMemo).
        const memo = this.#core.memo;
        if (memo.set === found) memo.set = null;
        this.#set = NOT_READ;
        this.#bundle = undefined;
        this.#linkedNow = true;
        return found;
      }
      bundle = found;
    } else {
      bundle = this.#linked.bundleFor(policies, this, epoch);
    }
    this.#set = bundle.policies;
    this.#bundle = bundle;
    this.#linkedNow = bundle !== policies && this.#linked.linkedNow;
    return setWords(bundle, this, epoch);
  }

  #startReading(): void {
    this.#notReading();
    this.#reading = true;
  }

  /** Ends the reading; policies disposed meanwhile are freed now, which moves the epoch: the words just read are checked again. */
  #stopReading(): void {
    this.#reading = false;
    const disposed = this.#disposedWhileReading;
    if (disposed.length === 0) return;
    for (const p of disposed.splice(0)) this.release(p);
  }

  #notReading(): void {
    if (this.#reading) throw new RequestError("REENTRANT_CALL", "the engine was called from a getter of a request or policy set it was reading");
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
    this.#notReading();
    if (!Array.isArray(requests)) throw new RequestError("INVALID_REQUEST", "`requests` must be an array");
    const { details } = readBatchOptions(options);
    const count = requests.length; // once: a proxy's length could change
    if (details) {
      const results = new Array<AuthorizationResult>(count);
      for (let i = 0; i < count; i++) {
        try {
          results[i] = this.authorize(requests[i], policies);
        } catch (err) {
          throw err instanceof RequestError ? new RequestError(err.code, err.detail, `/${i}${err.path}`) : err;
        }
      }
      return results;
    }
    const decisions: Decision[] = new Array(count);
    for (let start = 0; start < count;) start += this.#decideChunk(requests, start, count, policies, decisions);
    return decisions;
  }

  /**
   * Reads up to BATCH_CHUNK requests from `start` (each once), then writes them end to end in
   * the scratch and decides them, one Wasm call per MAX_CHUNK_BYTES of requests; returns how
   * many it decided.
   */
  #decideChunk(requests: AuthorizationRequest[], start: number, count: number, policies: PolicySet | PolicyBundle, decisions: Decision[]): number {
    const core = this.#core;
    const fields = this.#fields;
    const n = Math.min(BATCH_CHUNK, count - start);
    const epoch = core.epoch;
    let words: Uint32Array;
    this.#startReading();
    this.#checked.startCall();
    try {
      for (let i = 0; i < n; i++) {
        try {
          readRequest(requests[start + i], fields[i], this.#keys, this.#checked);
        } catch (err) {
          throw err instanceof RequestError ? new RequestError(err.code, err.detail, `/${start + i}${err.path}`) : err;
        }
      }
      words = this.#setWords(policies, epoch, undefined);
    } finally {
      this.#stopReading();
    }
    if (core.epoch !== epoch) throw disposedWhileReading();
    core.startCall();
    const selections = this.#selections;
    // Inline rather than core.guard: no closure allocated per chunk.
    try {
      const bundle = this.#bundle!;
      for (let i = 0; i < n; i++) selections[i] = selectionFor(bundle, fields[i].action, core, fields[i].checkedAction);
      for (let next = 0; next < n;) next = this.#decideWritten(next, n, words, decisions, start);
      return n;
    } catch (err) {
      throw core.recover(err);
    } finally {
      selections.fill(undefined);
      core.endCall();
    }
  }

  /**
   * Writes the chunk's requests from `from` end to end in the scratch until they fill
   * MAX_CHUNK_BYTES (one at least), decides them with one call into `decisions` from
   * `start + from`; returns the index after the last one written.
   *
   * The scratch is reserved for all of them first: it must not move while they are written,
   * since a request points at its action's kept text by an offset from its own address.
   */
  #decideWritten(from: number, n: number, words: Uint32Array, decisions: Decision[], start: number): number {
    const core = this.#core;
    const offsets = this.#offsets;
    const fields = this.#fields;
    const selections = this.#selections;
    let end = from;
    let bytes = 0;
    while (end < n && (end === from || bytes < MAX_CHUNK_BYTES)) {
      const selection = selections[end];
      bytes += (requestBytes(fields[end], selection?.words ?? words, selection) + 7) & ~7;
      end++;
    }
    const count = end - from;
    core.startChunk();
    core.reserveBatch(bytes + count * 8 + 8);
    for (let i = from; i < end; i++) {
      const f = fields[i];
      const selection = selections[i];
      const at = (core.batchUsed + 7) & ~7;
      core.batchUsed = at;
      core.batchUsed = writeRequest(f, selection?.words ?? words, core.batch, selection) - core.scratch;
      f.release();
      offsets[i - from] = at;
    }
    // The address table and the answers follow the requests.
    const table = core.reserveBatch(count * 8) - core.scratch;
    core.batchUsed = 0;
    const m32 = core.u32;
    const base = core.scratch;
    const t = (base + table) >>> 2;
    for (let k = 0; k < count; k++) m32[t + k] = base + offsets[k];
    core.ex.authorizeBatch(base + table, count, base + table + count * 4);
    const out = core.u32;
    for (let k = 0; k < count; k++) decisions[start + from + k] = DECISIONS[out[t + count + k] & 0xff];
    return end;
  }

  /**
   * Decides like `authorize`, and says for every statement of every policy why it did or did
   * not apply: action, resource, principal and each condition, evaluated by the same core.
   * @example
   * const { result, policies } = engine.explain(request, { identity: [policy] });
   * policies[0].statements[0].conditions[0] // { operator: "StringEquals", key: "aws:PrincipalTag/team", result: false, missing: true }
   */
  explain(request: AuthorizationRequest, policies: PolicySet | PolicyBundle): Explanation {
    const f = this.#fields[0];
    const words = this.#read(request, policies, f);
    const core = this.#core;
    const ordered = policiesInOrder(this.#set);
    core.startCall();
    try {
      // The decision first, with the bundle's selection as `authorize` makes it; then the
      // explanation of every statement, from the same fields.
      const selection = selectionFor(this.#bundle!, f.action, core, f.checkedAction);
      writeRequest(f, selection?.words ?? words, core.single, selection);
      core.ex.authorize(core.scratch);
      const result = readResult(core, this.#keys.names);
      const bytes = explanationBytes(ordered);
      const end = writeRequest(f, words, core.single) - core.scratch;
      f.release();
      const dst = (end + 7) & ~7;
      core.growScratch(dst + bytes, end);
      const written = core.ex.explain(core.scratch, core.scratch + dst, bytes) >>> 0;
      if (written === 0xffffffff) throw new EngineInternalError("EXPLAIN_OVERFLOW", "explanation did not fit its buffer");
      core.refresh();
      return { result, policies: readExplanation(core.u32, (core.scratch + dst) >>> 2, ordered) };
    } catch (err) {
      throw core.recover(err);
    } finally {
      core.endCall();
    }
  }

  /** Bytes of Wasm linear memory, for leak checks. */
  get memoryBytes(): number {
    return this.#core.memoryBytes;
  }

  /** How full the engine's caches are (docs/limits.md): for tests of their bounds and leak checks. */
  get stats(): EngineStats {
    const keys = this.#keys.stats;
    const principals = principalCacheSize();
    const linked = this.#linked.stats;
    const checked = this.#checked.stats;
    return {
      keys: keys.keys, keyIds: keys.ids, keySpellings: keys.spellings,
      keptTexts: this.#core.keptTexts, keptWordBytes: this.#core.keptWordBytes, heldBytes: this.#core.heldBytes,
      principals: principals.entries, principalBytes: principals.bytes,
      linkedSets: linked.entries, linkedSetBytes: linked.bytes, seenSets: linked.seen, setLinks: linked.links,
      checkedTexts: checked.entries, checkedChars: checked.chars,
    };
  }
}

function disposedWhileReading(): RequestError {
  return new RequestError("POLICY_DISPOSED", "a policy was disposed while the request or the policy set was being read");
}

/** What results and explanations keep of each statement. */
function statementInfo(policy: NormalizedPolicy): StatementInfo[] {
  return policy.statements.map((s) => ({
    index: s.index, sid: s.sid, effect: s.effect, span: s.span,
    conditions: s.conditions.map((c) => ({ operator: c.operator, key: c.key, span: c.span })),
  }));
}

/** Instantiates the engine from a compiled module. The module needs no imports. */
export async function instantiate(module: WebAssembly.Module, options?: EngineOptions): Promise<Engine> {
  let instance: WebAssembly.Instance;
  try {
    instance = await instantiateModule(module);
  } catch (err) {
    // A module that wants imports (TypeError, LinkError) or traps at start is another module.
    if (!(err instanceof TypeError || err instanceof WebAssembly.LinkError || err instanceof WebAssembly.RuntimeError)) throw err;
    throw new EngineInternalError("NOT_AN_ENGINE", `engine.wasm cannot be instantiated without imports (${err.message}): it is not an iam-edge engine`, { cause: err });
  }
  return new Engine(module, instance, options);
}

/** Synchronously where the runtime allows it (a small module instantiates in microseconds). */
async function instantiateModule(module: WebAssembly.Module): Promise<WebAssembly.Instance> {
  try {
    return new WebAssembly.Instance(module, {});
  } catch (err) {
    if (!(err instanceof RangeError)) throw err;
    return await WebAssembly.instantiate(module, {});
  }
}
