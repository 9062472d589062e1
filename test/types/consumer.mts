/**
 * @module test/types/consumer
 * A consumer of the published types: `import ... from "iam-edge"` resolves through package.json
 * `exports` (condition `types`) to dist/types. Compiled with `tsc --noEmit` (npm run test:types),
 * never run. Each line pins a part of the public API; a broken declaration fails the build.
 */
import {
  createEngine,
  CompiledPolicy,
  Engine,
  EngineInternalError,
  PolicyValidationError,
  RequestError,
  type AuthorizationRequest,
  type AuthorizationResult,
  type CompileOptions,
  type ContextValue,
  type Decision,
  type Diagnostic,
  type EngineSource,
  type MatchedStatement,
  type PolicyKind,
  type PolicySet,
  type ReasonCode,
  type Span,
} from "iam-edge";

const engine: Engine = await createEngine();
const fromBytes: Promise<Engine> = createEngine(new Uint8Array(8));
const fromResponse: Promise<Engine> = createEngine(fetch("https://example.com/engine.wasm"));
const source: EngineSource = new Response(null);
void fromBytes, fromResponse, source;

const options: CompileOptions = { kind: "identity", id: "arn:aws:iam::111122223333:policy/Readers" };
const policy: CompiledPolicy = engine.compile({ Version: "2012-10-17", Statement: [] }, options);
const kinds: PolicyKind[] = ["identity", "boundary", "session", "resource", "trust", "scp", "rcp"];
const diagnostics: Diagnostic[] = engine.validate("{}", { kind: kinds[0] });
const span: Span | undefined = diagnostics[0]?.span;

const context: Record<string, ContextValue> = { "aws:SourceIp": "203.0.113.5", "aws:MultiFactorAuthPresent": true };
const request: AuthorizationRequest = {
  principal: "arn:aws:iam::111122223333:user/alice",
  action: "s3:GetObject",
  resource: "arn:aws:s3:::bucket/key",
  context,
};
const set: PolicySet = { identity: [policy], boundary: policy, session: [policy], resource: policy, scp: [[policy]], rcp: [[policy]] };
const result: AuthorizationResult = engine.authorize(request, set);
const decision: Decision = result.decision;
const reason: ReasonCode = result.reason.code;
const matched: MatchedStatement[] = result.matchedStatements;
const missing: string[] = result.missingContextValues;
const decisions: Decision[] = engine.authorizeBatch([request], set);
const details: AuthorizationResult[] = engine.authorizeBatch([request], set, { details: true });
void span, decision, reason, matched, missing, decisions, details;

policy.dispose();
{
  using scoped = engine.compile('{"Version":"2012-10-17","Statement":[]}', { kind: "scp" });
  const disposed: boolean = scoped.disposed;
  void disposed;
}

for (const E of [PolicyValidationError, RequestError, EngineInternalError]) {
  const e: Error = Object.create(E.prototype);
  void e;
}

// @ts-expect-error kind is required
engine.compile({}, {});
// @ts-expect-error the decision is one of three strings
const wrong: Decision = "Deny";
void wrong;

// The engine-only entry (`iam-edge/engine`) has the same engine API and no account model.
import * as engineOnly from "iam-edge/engine";
const slim: Engine = await engineOnly.createEngine();
const slimPolicy: engineOnly.CompiledPolicy = slim.compile({ Version: "2012-10-17", Statement: [] }, { kind: "identity" });
slimPolicy.dispose();
// @ts-expect-error the account model is not part of the engine-only entry
engineOnly.Account;

// The full entry has the account model.
import { Account, IamError } from "iam-edge";
const account: Promise<Account> = Account.create({ accountId: "111122223333", engine });
const iamError: IamError = new IamError("NoSuchEntity", "missing");
void account;
void iamError;
