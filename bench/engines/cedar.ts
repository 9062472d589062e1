/**
 * @cedar-policy/cedar-wasm 4.13 with W1 and W2 translated to Cedar (schema-less). Policies are
 * preparsed once (preparsePolicySet) and each decision calls statefulIsAuthorized, so the
 * timed cost is request marshalling plus evaluation, never policy parsing.
 *
 * Translation, per IAM statement: one permit/forbid with unconstrained scope and a `when`
 * clause; the request goes in as principal User::"<arn>", action Action::"<lower-cased action>",
 * resource Resource::"<arn>" and a context record carrying the lower-cased action and the
 * resource ARN as strings (Cedar cannot glob entity ids) and the IAM context keys, lower-cased
 * (IAM keys are case-insensitive): aws:SourceIp as an ip() extension value, aws:CurrentTime as
 * epoch seconds (Long), aws:MultiFactorAuthPresent as a Boolean. Action globs become `like` on
 * the lower-cased action; ARN globs become `like` on the whole ARN (the workloads' patterns only
 * glob the region/account segments where whole-string and per-segment matching agree on their
 * requests; decisions are checked equal). Cedar has no string concatenation, so `${aws:username}`
 * is substituted with the principal's user name (the policies are that principal's) under a
 * guard `context["aws:username"] == "<name>"`. Missing keys follow IAM: positive operators need
 * `has`, negated ones are true without the key. Cedar only says allow/deny: a deny whose
 * determining policies are non-empty (a forbid fired) is ExplicitDeny, else ImplicitDeny.
 */
import * as cedar from "@cedar-policy/cedar-wasm/nodejs";
import type { Decision, PolicyDoc, Request, Statement, Workload } from "../workloads.ts";
import { USER } from "../workloads.ts";
import type { EngineAdapter, Prepared } from "./types.ts";

const list = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const str = (s: string) => JSON.stringify(s);
/** A Cedar `like` pattern: `*` is the wildcard; IAM `?` has no Cedar counterpart. */
function like(p: string): string {
  if (p.includes("?")) throw new Error(`cedar translation: '?' in ${p}`);
  return JSON.stringify(p);
}

function withUser(p: string): { text: string; guard: boolean } {
  if (!p.includes("${")) return { text: p, guard: false };
  const text = p.replace(/\$\{aws:username\}/gi, USER);
  if (text.includes("${")) throw new Error(`cedar translation: unsupported variable in ${p}`);
  return { text, guard: true };
}
const GUARD = `(context has "aws:username" && context["aws:username"] == ${str(USER)})`;

function actionExpr(st: Statement): string {
  const acts = list(st.Action ?? st.NotAction).map((a) => a.toLowerCase());
  let e: string;
  if (acts.includes("*")) e = "true";
  else e = "(" + acts.map((a) => (a.includes("*") ? `context.action like ${like(a)}` : `action == Action::${str(a)}`)).join(" || ") + ")";
  return st.NotAction ? `!${e}` : e;
}

function resourceExpr(st: Statement): string {
  const rs = list(st.Resource ?? st.NotResource);
  if (rs.includes("*")) return st.NotResource ? "false" : "true";
  const parts = rs.map((r) => {
    const { text, guard } = withUser(r);
    const m = text.includes("*") ? `context.resource like ${like(text)}` : `context.resource == ${str(text)}`;
    return guard ? `(${GUARD} && ${m})` : m;
  });
  const e = "(" + parts.join(" || ") + ")";
  return st.NotResource ? `!${e}` : e;
}

const DATE_KEYS = new Set(["aws:currenttime"]);
function conditionExpr(op: string, key: string, values: string[]): string {
  const k = key.toLowerCase();
  const ref = `context[${str(k)}]`;
  const has = `context has ${str(k)}`;
  const any = (f: (v: string) => string) => "(" + values.map(f).join(" || ") + ")";
  switch (op) {
    case "StringEquals":
      return `(${has} && ${any((v) => { const u = withUser(v); return u.guard ? `(${GUARD} && ${ref} == ${str(u.text)})` : `${ref} == ${str(v)}`; })})`;
    case "StringNotEquals":
      return `(!(${has}) || !${any((v) => `${ref} == ${str(v)}`)})`;
    case "StringLike":
      return `(${has} && ${any((v) => { const u = withUser(v); return u.guard ? `(${GUARD} && ${ref} like ${like(u.text)})` : `${ref} like ${like(v)}`; })})`;
    case "Bool":
      return `(${has} && ${any((v) => `${ref} == ${v.toLowerCase() === "true"}`)})`;
    case "IpAddress":
      return `(${has} && ${any((v) => `${ref}.isInRange(ip(${str(v)}))`)})`;
    case "NotIpAddress":
      return `(!(${has}) || !${any((v) => `${ref}.isInRange(ip(${str(v)}))`)})`;
    case "DateLessThan":
      if (!DATE_KEYS.has(k)) throw new Error(`cedar translation: date key ${key}`);
      return `(${has} && ${any((v) => `${ref} < ${Math.floor(Date.parse(v) / 1000)}`)})`;
    default:
      throw new Error(`cedar translation: operator ${op} not translated`);
  }
}

export function toCedar(docs: PolicyDoc[]): string {
  const out: string[] = [];
  docs.forEach((doc, d) => doc.Statement.forEach((st, i) => {
    if (st.Principal) throw new Error("cedar translation: identity policies only");
    const parts = [actionExpr(st), resourceExpr(st)];
    for (const op in st.Condition ?? {}) for (const key in st.Condition![op]) parts.push(conditionExpr(op, key, list(st.Condition![op][key])));
    out.push(`@id("p${d}s${i}")\n${st.Effect === "Allow" ? "permit" : "forbid"} (principal, action, resource)\nwhen { ${parts.join(" && ")} };`);
  }));
  return out.join("\n\n");
}

/** The request as Cedar sees it (this marshalling is part of every timed decision). */
export function cedarContext(req: Request): Record<string, cedar.CedarValueJson> {
  const ctx: Record<string, cedar.CedarValueJson> = { action: req.action.toLowerCase(), resource: req.resource };
  for (const key in req.context) {
    const k = key.toLowerCase();
    const v = req.context[key];
    if (k === "aws:sourceip") ctx[k] = { __extn: { fn: "ip", arg: v } };
    else if (k === "aws:multifactorauthpresent") ctx[k] = v.toLowerCase() === "true";
    else if (DATE_KEYS.has(k)) ctx[k] = Math.floor(Date.parse(v) / 1000);
    else ctx[k] = v;
  }
  return ctx;
}

let nextId = 0;
export const cedarWasm: EngineAdapter = {
  name: "Cedar-wasm (preparsed)",
  supports: (w) => w.id === "W1" || w.id === "W2",
  // cedar-wasm's exports take and return externref. The V8 of Node 20 and 22 (11.3, 12.4;
  // not Node 24's 13.6) aborts the process ("unreachable code" in Deoptimizer::DoComputeBuiltinContinuation) when optimized JS
  // that inlined such a call is deoptimized lazily while the call runs: the deoptimizer cannot
  // materialize a reference-typed Wasm result (TranslatedValueForWasmReturnKind handles i32,
  // i64, f32 and f64 only). Cedar's calls read the request object back from JS, which can
  // invalidate the caller's optimized code mid-call, so a long run crashed most of the time
  // (bench/cedar-deopt-repro.cjs reproduces it every time). Without inlining JS-to-Wasm calls
  // the frame never exists; Cedar's process runs that way, the other engines' with V8's defaults.
  v8Flags: ["--no-turbo-inline-js-wasm-calls"],
  prepare(w: Workload): Prepared {
    const text = toCedar(w.policies.identity);
    const id = `bench-${w.id}-${nextId++}`;
    const r = cedar.preparsePolicySet(id, { staticPolicies: text });
    if (r.type !== "success") throw new Error(`cedar: ${JSON.stringify(r.errors).slice(0, 500)}`);
    return {
      decide(req) {
        const a = cedar.statefulIsAuthorized({
          principal: { type: "User", id: req.principal },
          action: { type: "Action", id: req.action.toLowerCase() },
          resource: { type: "Resource", id: req.resource },
          context: cedarContext(req),
          preparsedPolicySetId: id,
          entities: [],
        });
        if (a.type !== "success") throw new Error(`cedar: ${JSON.stringify(a.errors).slice(0, 500)}`);
        const resp = a.response;
        if (resp.diagnostics.errors.length) throw new Error(`cedar evaluation error: ${JSON.stringify(resp.diagnostics.errors[0]).slice(0, 300)}`);
        return resp.decision === "allow" ? "Allow" : resp.diagnostics.reason.length ? "ExplicitDeny" : "ImplicitDeny";
      },
    };
  },
};
