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
import { POLICY_KINDS, type Diagnostic, type NormalizedPolicy, type PolicyKind } from "../policy/types.ts";
import { ActionFilter } from "./action-filter.ts";
import { PolicyBundle, selectionFor, setWords } from "./bundle.ts";
import { CompiledPolicy, type StatementInfo } from "./compiled-policy.ts";
import { Core } from "./core.ts";
import { EngineInternalError, PolicyValidationError, RequestError } from "./errors.ts";
import { explanationBytes, readExplanation, type Explanation } from "./explain.ts";
import { KeyTable } from "./keys.ts";
import { copyPolicySet, policiesInOrder, policySetWords, type PolicySet } from "./policy-set.ts";
import { writeRequest, type AuthorizationRequest } from "./request.ts";
import { DECISIONS, readResult, type AuthorizationResult, type Decision } from "./result.ts";

// The public shapes, from where js/entries/api.ts and the layers above import them.
export { CompiledPolicy } from "./compiled-policy.ts";
export { PolicyBundle } from "./bundle.ts";
export type { PolicySet } from "./policy-set.ts";
export type { AuthorizationResult, Decision, MatchedStatement, ReasonCode } from "./result.ts";
export type { ConditionExplanation, Explanation, PolicyExplanation, SkipReason, StatementExplanation } from "./explain.ts";

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

export class Engine {
  readonly #keys = new KeyTable();
  readonly #core: Core<CompiledPolicy>;
  /** Each batch request's offset in the scratch, reused by every chunk. */
  readonly #offsets = new Uint32Array(BATCH_CHUNK);

  /** @internal use `createEngine` */
  constructor(module: WebAssembly.Module, instance: WebAssembly.Instance) {
    this.#core = new Core(module, instance, this.#keys);
  }

  /**
   * Checks a policy document for the given kind. Accepts an object, JSON text or URL-encoded
   * JSON text. Returns every finding, and throws nothing; an `error` one means `compile` would
   * throw. A missing or unknown `kind` is itself a finding (`INVALID_KIND`). `iamChecks: true`
   * adds what IAM refuses to store (docs/diagnostics.md), which `compile` leaves to IAM.
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
   * @example
   * const p = engine.compile('{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*"}}', { kind: "identity", id: "S3" });
   */
  compile(document: unknown, options: CompileOptions): CompiledPolicy {
    checkKind(options?.kind);
    const { diagnostics, policy } = validatePolicy(document, { kind: options.kind, maxSize: options.maxSize });
    if (!policy || diagnostics.some((d) => d.severity === "error")) throw new PolicyValidationError(diagnostics);
    const statementKeys: number[][] = [];
    const image = encodePolicy(policy, options.kind, this.#keys, statementKeys);
    const id = options.id ?? `${options.kind}-policy`;
    const compiled = new CompiledPolicy(this, id, options.kind, diagnostics, image, statementInfo(policy), new ActionFilter(policy.statements), statementKeys);
    const core = this.#core;
    core.guard(() => {
      core.ex.reserveKeys(this.#keys.size);
      core.load(compiled);
    });
    return compiled;
  }

  /** @internal `policy.dispose()` frees its memory through this */
  release(policy: CompiledPolicy): void {
    this.#core.unload(policy);
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
    policySetWords(policies, this); // typed errors for a malformed set, before copying it
    const copy = copyPolicySet(policies);
    return new PolicyBundle(this, copy, policySetWords(copy, this), this.#core.epoch);
  }

  /**
   * Decides one request against a policy set, as AWS's policy evaluation logic does.
   * @example
   * engine.authorize({ principal: "arn:aws:iam::111122223333:user/alice", action: "s3:GetObject",
   *   resource: "arn:aws:s3:::bucket/key" }, { identity: [policy] }).decision // "Allow"
   */
  authorize(request: AuthorizationRequest, policies: PolicySet | PolicyBundle): AuthorizationResult {
    const core = this.#core;
    const words = setWords(policies, this, core.epoch);
    const selection = selectionFor(policies, request?.action, core, this.#keys);
    // Inline rather than core.guard: no closure allocated per decision.
    try {
      writeRequest(request, selection?.words ?? words, this.#keys, core.single, selection);
      core.ex.authorize(core.scratch);
      return readResult(core, this.#keys.names);
    } catch (err) {
      throw core.recover(err);
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
    const words = setWords(policies, this, this.#core.epoch);
    const decisions: Decision[] = new Array(requests.length);
    // Inline rather than core.guard: no closure allocated per chunk.
    try {
      for (let start = 0; start < requests.length; start += BATCH_CHUNK) {
        this.#decideChunk(requests, start, Math.min(BATCH_CHUNK, requests.length - start), policies, words, decisions);
      }
    } catch (err) {
      throw this.#core.recover(err);
    }
    return decisions;
  }

  /** Writes `count` requests from `start` end to end in the scratch and decides them with one call. */
  #decideChunk(requests: AuthorizationRequest[], start: number, count: number, policies: PolicySet | PolicyBundle, words: Uint32Array, decisions: Decision[]): void {
    const core = this.#core;
    const offsets = this.#offsets;
    core.startChunk();
    for (let i = 0; i < count; i++) offsets[i] = this.#writeBatchRequest(requests[start + i], start + i, policies, words);
    // The address table and the answers follow the requests.
    const table = core.reserveBatch(count * 8) - core.scratch;
    core.batchUsed = 0;
    const m32 = core.u32;
    const base = core.scratch;
    const t = (base + table) >>> 2;
    for (let i = 0; i < count; i++) m32[t + i] = base + offsets[i];
    core.ex.authorizeBatch(base + table, count, base + table + count * 4);
    const out = core.u32;
    for (let i = 0; i < count; i++) decisions[start + i] = DECISIONS[out[t + count + i] & 0xff];
  }

  /** Writes batch request number `index` after the chunk's earlier ones; returns its offset in the scratch. */
  #writeBatchRequest(request: AuthorizationRequest, index: number, policies: PolicySet | PolicyBundle, words: Uint32Array): number {
    const core = this.#core;
    const at = (core.batchUsed + 7) & ~7;
    core.batchUsed = at;
    try {
      const selection = selectionFor(policies, request?.action, core, this.#keys);
      core.batchUsed = writeRequest(request, selection?.words ?? words, this.#keys, core.batch, selection) - core.scratch;
    } catch (err) {
      if (err instanceof RequestError) throw new RequestError(err.code, err.detail, `/${index}${err.path}`);
      throw err;
    }
    return at;
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
    const core = this.#core;
    const words = setWords(policies, this, core.epoch);
    const ordered = policiesInOrder(policies instanceof PolicyBundle ? policies.policies : policies);
    return core.guard(() => {
      const bytes = explanationBytes(ordered);
      const end = writeRequest(request, words, this.#keys, core.single) - core.scratch;
      const dst = (end + 7) & ~7;
      core.growScratch(dst + bytes, end);
      const written = core.ex.explain(core.scratch, core.scratch + dst, bytes);
      if (written === 0xffffffff) throw new EngineInternalError("EXPLAIN_OVERFLOW", "explanation did not fit its buffer");
      core.refresh();
      return { result, policies: readExplanation(core.u32, (core.scratch + dst) >>> 2, ordered) };
    });
  }

  /** Bytes of Wasm linear memory, for leak checks. */
  get memoryBytes(): number {
    return this.#core.memoryBytes;
  }
}

/** What results and explanations keep of each statement. */
function statementInfo(policy: NormalizedPolicy): StatementInfo[] {
  return policy.statements.map((s) => ({
    index: s.index, sid: s.sid, effect: s.effect, span: s.span,
    conditions: s.conditions.map((c) => ({ operator: c.operator, key: c.key, span: c.span })),
  }));
}

function checkKind(kind: unknown): asserts kind is PolicyKind {
  if (!POLICY_KINDS.includes(kind as PolicyKind)) {
    throw new RequestError("INVALID_KIND", `\`kind\` must be one of ${POLICY_KINDS.join(", ")}`, "/kind");
  }
}

/** Instantiates the engine from a compiled module. The module needs no imports. */
export async function instantiate(module: WebAssembly.Module): Promise<Engine> {
  let instance: WebAssembly.Instance;
  try {
    instance = await instantiateModule(module);
  } catch (err) {
    // A module that wants imports (TypeError, LinkError) or traps at start is another module.
    if (!(err instanceof TypeError || err instanceof WebAssembly.LinkError || err instanceof WebAssembly.RuntimeError)) throw err;
    throw new EngineInternalError("NOT_AN_ENGINE", `engine.wasm cannot be instantiated without imports (${err.message}): it is not an iam-edge engine`, { cause: err });
  }
  return new Engine(module, instance);
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
