/**
 * @module bench/generated
 * The generated workload family `G<seed>`: workloads nobody tuned for. Each seed draws a
 * principal's identity policies: two to four AWS-managed policies from the library the project
 * ships (js/iam/aws-managed-data.ts), mixed with six to eleven generated customer policies
 * (Allow and Deny; exact actions, `Prefix*` and `service:*` globs; ARN wildcards and
 * `${aws:username}`; conditions on seven global context keys, with and without IfExists; one
 * NotAction guardrail), and 10,000 requests drawn from the action catalogue of many services
 * (catalogue.ts), about two thirds aimed at actions the customer policies name. `npm run
 * bench` reports the median and the worst ratio over several seeds (main.ts).
 */
import { AWS_MANAGED_POLICIES } from "../js/iam/aws-managed-data.ts";
import { arnFor, catalogue, type Svc } from "./catalogue.ts";
import { ACCOUNT, IP, MFA, NOW, TEAM, V, chance, pick, prng, type PolicyDoc, type Request, type Rng, type Statement, type Workload } from "./shapes.ts";

const PROJECT = "aws:PrincipalTag/project";
const REGION = "aws:RequestedRegion";
const TLS = "aws:SecureTransport";
const USERS = ["alice", "bob", "carol", "dave"];
const TEAMS = ["platform", "data", "web"];
const REGIONS = ["us-east-1", "eu-west-1", "ap-southeast-2"];
/** Too broad to leave any request undecided by the customer policies. */
const TOO_BROAD = new Set(["AdministratorAccess", "PowerUserAccess", "IAMFullAccess"]);

/** Distinct elements of `xs`, `n` of them, in drawn order. */
function drawDistinct<T>(r: Rng, xs: readonly T[], n: number): T[] {
  const pool = [...xs];
  const out: T[] = [];
  while (out.length < n && pool.length) out.push(pool.splice(Math.floor(r() * pool.length), 1)[0]);
  return out;
}

/** An action pattern of `svc`: exact, `Prefix*`, `service:*` or a short list of exact names. */
function actionPattern(r: Rng, svc: Svc): string | string[] {
  const a = pick(r, svc.actions);
  const k = r();
  if (k < 0.5) return `${svc.name}:${a.name}`;
  if (k < 0.8) return `${svc.name}:${a.name.match(/^[A-Z][a-z]+/)?.[0] ?? a.name.slice(0, 3)}*`;
  if (k < 0.9) return `${svc.name}:*`;
  return drawDistinct(r, svc.actions, 2 + Math.floor(r() * 3)).map((x) => `${svc.name}:${x.name}`);
}

/** A resource pattern for an action of `svc`: `*`, or its ARN with wildcards or `${aws:username}`. */
function resourcePattern(r: Rng, svc: Svc): string {
  if (chance(r, 0.15)) return "*";
  const region = pick(r, [...REGIONS, "*"]);
  const account = chance(r, 0.2) ? "*" : ACCOUNT;
  const k = r();
  const name = k < 0.15 ? "${aws:username}-*" : k < 0.5 ? `${pick(r, TEAMS)}-*` : k < 0.7 ? "*" : `res-${Math.floor(r() * 8)}`;
  return arnFor(pick(r, svc.actions).arn, region, account, name);
}

/** Zero to two condition operators over the global keys the requests carry. */
function conditions(r: Rng): Statement["Condition"] | undefined {
  if (chance(r, 0.45)) return undefined;
  const all: (() => [string, string, string | string[]])[] = [
    () => ["StringEquals", TEAM, drawDistinct(r, TEAMS, 1 + Math.floor(r() * 2))],
    () => ["StringLike", PROJECT, "${aws:username}-*"],
    () => [pick(r, ["IpAddress", "NotIpAddress"]), IP, pick(r, ["203.0.0.0/16", "198.51.0.0/16", "10.0.0.0/8"])],
    () => [pick(r, ["DateLessThan", "DateGreaterThan"]), NOW, pick(r, ["2026-01-01T00:00:00Z", "2026-07-01T00:00:00Z"])],
    () => ["Bool", MFA, pick(r, ["true", "false"])],
    () => ["BoolIfExists", MFA, "true"],
    () => ["StringEquals", REGION, drawDistinct(r, REGIONS, 1 + Math.floor(r() * 2))],
    () => ["Bool", TLS, "true"],
    () => ["StringNotEquals", TEAM, pick(r, TEAMS)],
  ];
  const out: NonNullable<Statement["Condition"]> = {};
  for (const make of drawDistinct(r, all, 1 + Math.floor(r() * 2))) {
    const [op, key, value] = make();
    (out[op] ??= {})[key] = value;
  }
  return out;
}

function customerPolicy(r: Rng, services: Svc[]): PolicyDoc {
  const Statement: Statement[] = [];
  const n = 3 + Math.floor(r() * 6);
  for (let k = 0; k < n; k++) {
    const svc = pick(r, services);
    const st: Statement = { Effect: chance(r, 0.15) ? "Deny" : "Allow", Action: actionPattern(r, svc), Resource: resourcePattern(r, svc) };
    const c = conditions(r);
    if (c) st.Condition = c;
    Statement.push(st);
  }
  return { Version: V, Statement };
}

/** A NotAction Deny: every service but the principal's own is denied without MFA. */
function guardrail(services: Svc[]): PolicyDoc {
  return {
    Version: V,
    Statement: [{ Effect: "Deny", NotAction: [...new Set(services.map((s) => `${s.name}:*`))], Resource: "*", Condition: { BoolIfExists: { [MFA]: "false" } } }],
  };
}

/** The services and concrete actions a customer pattern names (for aiming requests at it). */
function namedActions(svc: Svc, pattern: string | string[]): string[] {
  const globs = (Array.isArray(pattern) ? pattern : [pattern]).map((p) => p.slice(svc.name.length + 1).toLowerCase());
  return svc.actions.map((a) => a.name).filter((n) => globs.some((g) => (g.endsWith("*") ? n.toLowerCase().startsWith(g.slice(0, -1)) : n.toLowerCase() === g)));
}

function request(r: Rng, svc: Svc, action: string): Request {
  const user = pick(r, USERS);
  const region = pick(r, REGIONS);
  const a = svc.actions.find((x) => x.name === action)!;
  const k = r();
  const name = k < 0.3 ? `${user}-${Math.floor(r() * 5)}` : k < 0.7 ? `${pick(r, TEAMS)}-${Math.floor(r() * 5)}` : `res-${Math.floor(r() * 10)}`;
  const context: Record<string, string> = {
    "aws:username": user,
    [TEAM]: pick(r, TEAMS),
    [PROJECT]: chance(r, 0.5) ? `${user}-app` : "shared",
    [IP]: `${pick(r, ["203.0", "198.51", "10.1"])}.${Math.floor(r() * 256)}.${Math.floor(r() * 256)}`,
    [NOW]: pick(r, ["2025-11-03T10:00:00Z", "2026-03-15T08:30:00Z", "2026-09-01T12:00:00Z"]),
    [REGION]: region,
    [TLS]: chance(r, 0.9) ? "true" : "false",
  };
  if (chance(r, 0.75)) context[MFA] = chance(r, 0.6) ? "true" : "false";
  return { principal: `arn:aws:iam::${ACCOUNT}:user/${user}`, action: `${svc.name}:${action}`, resource: arnFor(a.arn, region, ACCOUNT, name), context };
}

/** The generated workload of `seed`, with `count` requests. */
export function generated(seed: number, count = 10_000): Workload {
  const r = prng(0x6e00 + seed);
  const all = catalogue();
  // The principal works with a dozen services; requests also reach the rest of the catalogue.
  const own = drawDistinct(r, all, 12);
  const managedPool = AWS_MANAGED_POLICIES.filter((p) => !TOO_BROAD.has(p.PolicyName));
  const managed = drawDistinct(r, managedPool, 2 + Math.floor(r() * 3)).map((p) => {
    const doc = JSON.parse(p.Document) as { Version: string; Statement: Statement | Statement[] };
    return { Version: doc.Version, Statement: Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement] };
  });
  const customer: PolicyDoc[] = [];
  for (let n = 6 + Math.floor(r() * 6), i = 0; i < n; i++) customer.push(customerPolicy(r, own));
  const identity = [...managed, ...customer, guardrail(own)];
  const aimed: { svc: Svc; actions: string[] }[] = [];
  for (const doc of customer) for (const st of doc.Statement) {
    const pattern = st.Action!;
    const svcName = (Array.isArray(pattern) ? pattern[0] : pattern).split(":")[0];
    const svc = own.find((x) => x.name === svcName)!;
    const actions = namedActions(svc, pattern);
    if (actions.length) aimed.push({ svc, actions });
  }
  const requests: Request[] = [];
  for (let i = 0; i < count; i++) {
    if (chance(r, 0.65)) {
      const t = pick(r, aimed);
      requests.push(request(r, t.svc, pick(r, t.actions)));
    } else {
      const svc = pick(r, all);
      requests.push(request(r, svc, pick(r, svc.actions).name));
    }
  }
  const statements = identity.reduce((n, d) => n + d.Statement.length, 0);
  return {
    id: `G${seed}`,
    title: `generated (seed ${seed}): ${managed.length} AWS-managed + ${customer.length} customer policies + 1 guardrail, ${statements} statements, requests over ${all.length} services`,
    policies: { identity },
    requests,
    statements,
    // ReadOnlyAccess and other AWS-managed policies are far larger than a customer policy may be.
    maxSize: 1_000_000,
  };
}
