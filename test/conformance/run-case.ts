/**
 * Pure conformance-case runner: no Node imports, so other runtimes (Workers, browsers) can reuse it.
 * A case is one entry of a `cases/<topic>/<name>.json` file; see docs/conformance.md.
 */

export interface CaseStatementRef {
  kind: string;
  policy: number;
  statement: number;
}

export interface CasePolicies {
  identity?: unknown[];
  boundary?: unknown;
  session?: unknown[];
  resource?: unknown;
  scp?: unknown[][];
  rcp?: unknown[][];
}

export interface ConformanceCase {
  /** `topic/name`, filled in by the loader. */
  id?: string;
  topic?: string;
  name: string;
  doc?: string;
  note?: string;
  policies?: CasePolicies;
  request?: {
    principal: string;
    action: string;
    resource?: string;
    context?: Record<string, unknown>;
    resourceAccount?: string;
  };
  /** `iamChecks`: also IAM's own checks of new documents (docs/diagnostics.md). */
  validate?: { kind: string; policy?: unknown; text?: string; iamChecks?: boolean };
  expect: {
    decision?: "Allow" | "ExplicitDeny" | "ImplicitDeny";
    /** The result's `reason.code`, where the case pins why (docs/semantics.md). */
    reason?: string;
    matched?: CaseStatementRef[];
    missing?: string[];
    codes?: string[];
    valid?: boolean;
  };
}

export interface CaseFile {
  topic: string;
  doc?: string;
  cases: ConformanceCase[];
}

export interface RunResult {
  ok: boolean;
  actual: unknown;
  message: string;
}

/** The slice of the engine API the runner uses. */
export interface EngineLike {
  compile(doc: unknown, options: { kind: string; id: string }): unknown;
  authorize(request: unknown, policies: Record<string, unknown>): any;
  validate(policy: unknown, options: { kind: string; iamChecks?: boolean }): any;
}

/** Actions whose `resource` policy is a role trust policy. */
export function isTrustAction(action: string | undefined): boolean {
  return typeof action === "string" && /^sts:assumerole/i.test(action);
}

function refKey(r: CaseStatementRef): string {
  return `${r.kind}#${r.policy}#${r.statement}`;
}

function sameSet(a: string[], b: string[]): boolean {
  const x = [...a].sort();
  const y = [...b].sort();
  return x.length === y.length && x.every((v, i) => v === y[i]);
}

function errMessage(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}

function runValidation(engine: EngineLike, tc: ConformanceCase): RunResult {
  const v = tc.validate!;
  const input = v.text !== undefined ? v.text : v.policy;
  let out: any;
  try {
    out = engine.validate(input, v.iamChecks ? { kind: v.kind, iamChecks: true } : { kind: v.kind });
  } catch (e) {
    return { ok: false, actual: null, message: `validate threw ${errMessage(e)}` };
  }
  // Accept either Diagnostic[] or a ValidationResult {diagnostics}.
  const diags: any[] = Array.isArray(out) ? out : Array.isArray(out?.diagnostics) ? out.diagnostics : [];
  const codes = diags.map((d) => String(d.code));
  const errors = diags.filter((d) => d.severity === "error").map((d) => String(d.code));
  const actual = { codes, errors };
  const problems: string[] = [];
  if (tc.expect.codes) {
    const missing = tc.expect.codes.filter((c) => !codes.includes(c));
    if (missing.length) problems.push(`expected codes ${JSON.stringify(missing)} not reported (got ${JSON.stringify(codes)})`);
  }
  if (tc.expect.valid === true && errors.length) {
    problems.push(`expected a valid policy, got errors ${JSON.stringify(errors)}`);
  }
  if (tc.expect.valid === false && !errors.length) {
    problems.push(`expected at least one error diagnostic, got none`);
  }
  return { ok: problems.length === 0, actual, message: problems.join("; ") };
}

/** Compiles the case's policies and evaluates its request, comparing with `expect`. */
export function runCase(engine: EngineLike, tc: ConformanceCase): RunResult {
  if (tc.validate) return runValidation(engine, tc);
  const req = tc.request!;
  const p = tc.policies ?? {};
  const ids = new Map<string, { kind: string; policy: number }>();
  const compile = (doc: unknown, kind: string, refKind: string, index: number) => {
    const id = `${refKind}-${index}`;
    ids.set(id, { kind: refKind, policy: index });
    return engine.compile(doc, { kind, id });
  };
  const set: Record<string, unknown> = {};
  try {
    if (p.identity) set.identity = p.identity.map((d, i) => compile(d, "identity", "identity", i));
    if (p.boundary !== undefined) set.boundary = compile(p.boundary, "boundary", "boundary", 0);
    if (p.session) set.session = p.session.map((d, i) => compile(d, "session", "session", i));
    if (p.resource !== undefined) {
      const trust = isTrustAction(req.action);
      // matched refs use kind "resource" or "trust" as the engine reports it; ids stay "resource-0"/"trust-0".
      set.resource = compile(p.resource, trust ? "trust" : "resource", trust ? "trust" : "resource", 0);
    }
    let n = 0;
    if (p.scp) set.scp = p.scp.map((level) => level.map((d) => compile(d, "scp", "scp", n++)));
    n = 0;
    if (p.rcp) set.rcp = p.rcp.map((level) => level.map((d) => compile(d, "rcp", "rcp", n++)));
  } catch (e) {
    return { ok: false, actual: null, message: `compile threw ${errMessage(e)}` };
  }

  let result: any;
  try {
    result = engine.authorize(req, set);
  } catch (e) {
    return { ok: false, actual: null, message: `authorize threw ${errMessage(e)}` };
  }

  const matched: CaseStatementRef[] = (result?.matchedStatements ?? []).map((m: any) => {
    const ref = ids.get(m.policyId);
    return { kind: ref?.kind ?? String(m.kind), policy: ref?.policy ?? -1, statement: m.statementIndex };
  });
  const missing: string[] = (result?.missingContextValues ?? []).map((k: string) => String(k).toLowerCase());
  const actual = { decision: result?.decision, reason: result?.reason?.code, matched, missing };
  const problems: string[] = [];
  if (tc.expect.decision && result?.decision !== tc.expect.decision) {
    problems.push(`decision: expected ${tc.expect.decision}, got ${result?.decision}`);
  }
  if (tc.expect.reason && result?.reason?.code !== tc.expect.reason) {
    problems.push(`reason: expected ${tc.expect.reason}, got ${result?.reason?.code}`);
  }
  if (tc.expect.matched) {
    // trust policies may be reported as kind "resource" or "trust"; normalise both sides.
    const norm = (r: CaseStatementRef) => refKey({ ...r, kind: r.kind === "trust" ? "resource" : r.kind });
    const want = tc.expect.matched.map(norm);
    const got = matched.map(norm);
    if (!sameSet(want, got)) problems.push(`matched: expected ${JSON.stringify(want.sort())}, got ${JSON.stringify(got.sort())}`);
  }
  if (tc.expect.missing) {
    const want = [...new Set(tc.expect.missing.map((k) => k.toLowerCase()))];
    const got = [...new Set(missing)];
    if (!sameSet(want, got)) problems.push(`missing: expected ${JSON.stringify(want.sort())}, got ${JSON.stringify(got.sort())}`);
  }
  return { ok: problems.length === 0, actual, message: problems.join("; ") };
}

/** Returns the problems with a set of case files: cases without a doc, duplicate names, malformed cases. */
export function lintCaseFiles(files: { file: string; data: CaseFile }[]): string[] {
  const problems: string[] = [];
  const seen = new Map<string, string>();
  for (const { file, data } of files) {
    if (!data || !Array.isArray(data.cases)) {
      problems.push(`${file}: no cases array`);
      continue;
    }
    for (const c of data.cases) {
      if (!c.name) problems.push(`${file}: case without a name`);
      if (!c.doc && !data.doc) problems.push(`${file}: case "${c.name}" has no doc`);
      const doc = c.doc ?? data.doc ?? "";
      if (doc && !/^https:\/\/docs\.aws\.amazon\.com\//.test(doc)) problems.push(`${file}: case "${c.name}" doc is not an AWS docs URL`);
      const prev = seen.get(c.name);
      if (prev) problems.push(`duplicate case name "${c.name}" in ${prev} and ${file}`);
      else seen.set(c.name, file);
      if (!c.validate && !c.request) problems.push(`${file}: case "${c.name}" has neither request nor validate`);
      if (!c.validate && !c.expect?.decision) problems.push(`${file}: case "${c.name}" has no expected decision`);
      if (c.validate && !c.expect?.codes && c.expect?.valid === undefined) problems.push(`${file}: case "${c.name}" expects neither codes nor valid`);
    }
  }
  return problems;
}
