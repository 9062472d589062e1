/**
 * A plain TypeScript evaluator of the semantics the workloads use, written for the benchmark as
 * the floor that shows what the Wasm core buys. Globs are compiled to RegExp once; patterns with
 * `${aws:username}` are compiled once per substituted value (cached). Covers: Action/NotAction
 * (case-insensitive glob), Resource (per-segment ARN glob), the condition operators the workloads
 * use (String*, Bool, IpAddress/NotIpAddress, Date*, with IfExists), explicit deny, permissions
 * boundary, SCP levels and the same-/cross-account resource policy rules of iam-semantics.md §1.
 */
import type { Decision, PolicyDoc, Request, Statement, Workload } from "../workloads.ts";
import type { EngineAdapter, Prepared } from "./types.ts";

const esc = (s: string) => s.replace(/[.+^${}()|[\]\\/]/g, "\\$&");
function globSource(p: string): string {
  let out = "";
  for (const ch of p) out += ch === "*" ? ".*" : ch === "?" ? "." : esc(ch);
  return out;
}
const list = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

type Test = (s: string, req: Request) => boolean;

/** Splits off the first five colon-separated segments; the rest is the resource part. */
function splitArn(arn: string): string[] | null {
  const out: string[] = [];
  let at = 0;
  for (let i = 0; i < 5; i++) {
    const c = arn.indexOf(":", at);
    if (c < 0) return null;
    out.push(arn.slice(at, c));
    at = c + 1;
  }
  out.push(arn.slice(at));
  return out[0] === "arn" ? out : null;
}

const VAR = /\$\{([^}]+)\}/g;
function resolveVars(p: string, req: Request): string | null {
  let ok = true;
  const r = p.replace(VAR, (_, key: string) => {
    const k = key.trim().toLowerCase();
    if (k === "*" || k === "?" || k === "$") return "\u0000" + k; // literal marker
    const v = ctxGet(req, k);
    if (v === undefined) { ok = false; return ""; }
    return v.replace(/[*?]/g, (c) => "\u0000" + c);
  });
  return ok ? r : null;
}
/** Glob where `\0x` marks a literal character. */
function globLiteralAware(p: string): RegExp {
  let out = "";
  for (let i = 0; i < p.length; i++) {
    const ch = p[i];
    if (ch === "\u0000") { out += esc(p[++i]).replace(/[*?]/, "\\$&"); continue; }
    out += ch === "*" ? ".*" : ch === "?" ? "." : esc(ch);
  }
  return new RegExp(`^${out}$`, "s");
}

/** The current request's context with lower-cased keys (rebuilt for every decision). */
let lowered: Record<string, string> = {};
function ctxGet(_req: Request, lowerKey: string): string | undefined {
  return lowered[lowerKey];
}

function resourceTest(p: string, hasVars: boolean): Test {
  if (p === "*") return () => true;
  const parts = splitArn(p);
  if (!parts) {
    const re = new RegExp(`^${globSource(p)}$`, "s");
    return (r) => re.test(r);
  }
  const segs = parts.slice(0, 5).map((x) => new RegExp(`^${globSource(x)}$`, "s"));
  if (!hasVars) {
    const tail = new RegExp(`^${globSource(parts[5])}$`, "s");
    return (r) => {
      const q = splitArn(r);
      if (!q) return false;
      for (let i = 1; i < 5; i++) if (!segs[i].test(q[i])) return false;
      return segs[0].test(q[0]) && tail.test(q[5]);
    };
  }
  const cache = new Map<string, RegExp>();
  return (r, req) => {
    const q = splitArn(r);
    if (!q) return false;
    for (let i = 1; i < 5; i++) if (!segs[i].test(q[i])) return false;
    const resolved = resolveVars(parts[5], req);
    if (resolved === null) return false;
    let re = cache.get(resolved);
    if (!re) cache.set(resolved, (re = globLiteralAware(resolved)));
    return re.test(q[5]);
  };
}

function parseIp(s: string): number | null {
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(s);
  if (!m) return null;
  return ((+m[1] << 24) | (+m[2] << 16) | (+m[3] << 8) | +m[4]) >>> 0;
}
function cidr(s: string): (ip: number) => boolean {
  const [a, b] = s.split("/");
  const base = parseIp(a)!;
  const bits = b === undefined ? 32 : +b;
  const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
  return (ip) => ((ip & mask) >>> 0) === ((base & mask) >>> 0);
}
function parseDate(s: string): number {
  if (/^\d+$/.test(s)) return +s * 1000;
  return Date.parse(s);
}

type Cond = (req: Request) => boolean;

function compileCondition(op: string, key: string, values: string[]): Cond {
  let base = op;
  const ifExists = base.endsWith("IfExists");
  if (ifExists) base = base.slice(0, -8);
  const k = key.toLowerCase();
  const negated = /Not/.test(base) && base !== "Null";
  let one: (v: string, req: Request) => boolean;
  const hasVar = values.some((v) => v.includes("${"));
  switch (base) {
    case "StringEquals": case "StringNotEquals":
      one = hasVar ? (v, req) => values.some((p) => resolveVars(p, req)?.replace(/\u0000/g, "") === v) : (v) => values.includes(v);
      break;
    case "StringEqualsIgnoreCase": case "StringNotEqualsIgnoreCase": {
      const low = values.map((x) => x.toLowerCase());
      one = (v) => low.includes(v.toLowerCase());
      break;
    }
    case "StringLike": case "StringNotLike": {
      if (hasVar) {
        const cache = new Map<string, RegExp>();
        one = (v, req) => values.some((p) => {
          const r = resolveVars(p, req);
          if (r === null) return false;
          let re = cache.get(r);
          if (!re) cache.set(r, (re = globLiteralAware(r)));
          return re.test(v);
        });
      } else {
        const res = values.map((p) => new RegExp(`^${globSource(p)}$`, "s"));
        one = (v) => res.some((re) => re.test(v));
      }
      break;
    }
    case "Bool": {
      const want = values.map((x) => x.toLowerCase());
      one = (v) => want.includes(v.toLowerCase());
      break;
    }
    case "IpAddress": case "NotIpAddress": {
      const nets = values.map(cidr);
      one = (v) => { const ip = parseIp(v); return ip !== null && nets.some((n) => n(ip)); };
      break;
    }
    case "DateLessThan": case "DateLessThanEquals": case "DateGreaterThan": case "DateGreaterThanEquals": case "DateEquals": case "DateNotEquals": {
      const ts = values.map(parseDate);
      const cmp = base.replace("Date", "");
      one = (v) => {
        const t = parseDate(v);
        if (Number.isNaN(t)) return false;
        return ts.some((x) => cmp === "LessThan" ? t < x : cmp === "LessThanEquals" ? t <= x : cmp === "GreaterThan" ? t > x
          : cmp === "GreaterThanEquals" ? t >= x : t === x);
      };
      break;
    }
    default:
      throw new Error(`plain-ts: operator ${op} not supported`);
  }
  return (req) => {
    const v = ctxGet(req, k);
    if (v === undefined) return ifExists || negated;
    return negated ? !one(v, req) : one(v, req);
  };
}

interface CStatement {
  deny: boolean;
  action: (a: string) => boolean;
  resource: Test;
  principal?: { kind: "any" } | { kind: "account"; account: string } | { kind: "arn"; arn: string }[];
  principals?: (req: Request) => { match: boolean; account: boolean };
  conds: Cond[];
}

function compileStatement(st: Statement): CStatement {
  const acts = list(st.Action ?? st.NotAction);
  const actRe = acts.includes("*") ? null : new RegExp(`^(?:${acts.map(globSource).join("|")})$`, "is");
  const not = st.NotAction !== undefined;
  const action = actRe === null ? () => !not : (a: string) => actRe.test(a) !== not;
  const ress = list(st.Resource ?? st.NotResource).map((p) => resourceTest(p, p.includes("${")));
  const notRes = st.NotResource !== undefined;
  const resource: Test = (r, req) => ress.some((t) => t(r, req)) !== notRes;
  const conds: Cond[] = [];
  for (const op in st.Condition ?? {}) for (const key in st.Condition![op]) conds.push(compileCondition(op, key, list(st.Condition![op][key])));
  const c: CStatement = { deny: st.Effect === "Deny", action, resource, conds };
  if (st.Principal !== undefined) {
    const ps = st.Principal === "*" ? ["*"] : list(st.Principal.AWS);
    c.principals = (req) => {
      let match = false;
      let account = false;
      for (const p of ps) {
        if (p === "*") return { match: true, account: false };
        if (p === req.principal) return { match: true, account: false };
        const acct = /^\d{12}$/.test(p) ? p : /^arn:aws:iam::(\d{12}):root$/.exec(p)?.[1];
        if (acct !== undefined && acct === principalAccount(req.principal)) { match = true; account = true; }
      }
      return { match, account };
    };
  }
  return c;
}

const principalAccount = (p: string): string => p.split(":")[4];

type Eval = { allow: boolean; deny: boolean; accountOnly?: boolean };
function evalPolicies(stmts: CStatement[], req: Request): Eval {
  let allow = false;
  let accountOnly = true;
  const action = req.action;
  const resource = req.resource;
  for (const s of stmts) {
    if (!s.action(action) || !s.resource(resource, req)) continue;
    let pAccount = false;
    if (s.principals) {
      const m = s.principals(req);
      if (!m.match) continue;
      pAccount = m.account;
    }
    let ok = true;
    for (const c of s.conds) if (!c(req)) { ok = false; break; }
    if (!ok) continue;
    if (s.deny) return { allow: false, deny: true };
    allow = true;
    if (!pAccount) accountOnly = false;
  }
  return { allow, deny: false, accountOnly: allow && accountOnly };
}

const compileDocs = (docs: PolicyDoc[]): CStatement[] => docs.flatMap((d) => d.Statement.map(compileStatement));

export function preparePlain(w: Workload): Prepared {
  const identity = compileDocs(w.policies.identity);
  const boundary = w.policies.boundary ? compileDocs([w.policies.boundary]) : null;
  const scp = (w.policies.scp ?? []).map(compileDocs);
  const resource = w.policies.resource ? compileDocs([w.policies.resource]) : null;
  const decide = (req: Request): Decision => {
    lowered = {};
    for (const k in req.context) lowered[k.toLowerCase()] = req.context[k];
    const id = evalPolicies(identity, req);
    if (id.deny) return "ExplicitDeny";
    const b = boundary ? evalPolicies(boundary, req) : null;
    if (b?.deny) return "ExplicitDeny";
    const levels = scp.map((l) => evalPolicies(l, req));
    if (levels.some((l) => l.deny)) return "ExplicitDeny";
    const rp = resource ? evalPolicies(resource, req) : null;
    if (rp?.deny) return "ExplicitDeny";
    if (levels.some((l) => !l.allow)) return "ImplicitDeny";
    const identityPath = id.allow && (b === null || b.allow);
    const cross = (req.resourceAccount ?? principalAccount(req.principal)) !== principalAccount(req.principal);
    if (cross) return rp?.allow && identityPath ? "Allow" : "ImplicitDeny";
    // Same account: a resource-policy Allow naming the user (or *) is enough; naming the account needs the identity path.
    if (rp?.allow && !rp.accountOnly) return "Allow";
    return identityPath ? "Allow" : "ImplicitDeny";
  };
  return { decide, decideBatch: (reqs) => reqs.map(decide) };
}

export const plainTs: EngineAdapter = {
  name: "plain TS",
  supports: () => true,
  prepare: preparePlain,
};
