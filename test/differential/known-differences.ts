/**
 * Disagreements between iam-edge and iam-simulate that are understood, each decided by an AWS
 * documentation page (iam-edge follows the page; iam-simulate reads it differently).
 *
 * A class does not list cases. It explains a disagreement by a *rewrite*: a change to the case
 * that, by the cited AWS rule, does not change the AWS decision, but removes the construct the
 * peer reads differently. A disagreement belongs to the class when, after the rewrite,
 * iam-edge still decides as before (the rewrite is neutral under the AWS rule) and iam-simulate
 * now decides the same. Classes can combine (every applicable rewrite at once). Anything no
 * class explains fails the differential test.
 */
import type { AuthorizationResult } from "../../js/index.ts";
import { mapPolicies, type DiffCase, type Json, type Policy } from "./generator.ts";

export interface KnownDifference {
  id: string;
  /** What differs and which engine follows the page. */
  reason: string;
  /** The AWS documentation page (and section) that decides it. */
  doc: string;
  /**
   * The equivalent case without the construct, or undefined when the case has none.
   * `edge` is iam-edge's result for the original case (for classes that depend on which
   * statement decided).
   */
  rewrite(c: DiffCase, edge: AuthorizationResult): DiffCase | undefined;
}

const VARIABLE = /\$\{([^}]*)\}/g;

function statements(p: Policy): Policy[] {
  return Array.isArray(p.Statement) ? (p.Statement as Policy[]) : [p.Statement as Policy];
}
function asList(v: Json | undefined): Json[] {
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}
function setList(s: Policy, key: string, list: Json[]): void {
  s[key] = list.length === 1 ? list[0] : list;
}

/** Whether `${key}` (without a default) has no single value in the request context. */
function unresolved(text: string, c: DiffCase): boolean {
  for (const m of text.matchAll(VARIABLE)) {
    const inner = m[1];
    if (inner === "*" || inner === "?" || inner === "$" || inner.includes(",")) continue;
    const key = Object.keys(c.context).find((k) => k.toLowerCase() === inner.trim().toLowerCase());
    const value = key === undefined ? undefined : c.context[key];
    if (value === undefined || Array.isArray(value)) return true;
  }
  return false;
}

const usesVariables = (p: Policy) => p.Version === "2012-10-17";

/** Applies `fn` to every statement of policies with variables enabled; undefined when nothing changed. */
function rewriteStatements(c: DiffCase, fn: (s: Policy) => boolean): DiffCase | undefined {
  let changed = false;
  const out = mapPolicies(c, (p) => {
    if (!usesVariables(p)) return p;
    for (const s of statements(p)) if (fn(s)) changed = true;
    return p;
  });
  return changed ? out : undefined;
}

const NEGATED_STRING_OR_ARN = /^(ForAllValues:|ForAnyValue:)?(StringNotEquals|StringNotEqualsIgnoreCase|StringNotLike|ArnNotEquals|ArnNotLike)(IfExists)?$/;
const DATE_OPERATOR = /^(ForAllValues:|ForAnyValue:)?Date[A-Za-z]*?(IfExists)?$/;
const DATE_KEYS = new Set(["aws:currenttime", "aws:tokenissuetime"]);
const isEpoch = (v: Json) => typeof v === "string" && /^-?\d+$/.test(v);
const epochToIso = (v: string) => new Date(Number(v) * 1000).toISOString().replace(".000Z", "Z");

/**
 * Whether a Deny statement's NotPrincipal list excludes the caller: AWS evaluates every
 * principal of the caller's chain, so the account and the user, or the account, the role and
 * the session, must all be listed; `*` excludes everyone.
 */
function notPrincipalExcludes(list: Json, caller: string): boolean {
  const entries = (list === "*" ? ["*"] : asList((list as Record<string, Json>).AWS)).map(String);
  if (entries.includes("*")) return true;
  const m = /^arn:aws:(iam|sts)::(\d{12}):(.*)$/.exec(caller);
  if (!m) return false;
  const [, , account, rest] = m;
  const listed = (x: string) => entries.includes(x);
  const accountListed = listed(account) || listed(`arn:aws:iam::${account}:root`);
  const session = /^assumed-role\/([^/]+)\//.exec(rest);
  if (session) return accountListed && listed(`arn:aws:iam::${account}:role/${session[1]}`) && listed(caller);
  return accountListed && listed(caller);
}

const SERVICE_LINKED = /^arn:aws:iam::\d{12}:role\/aws-service-role\//;
/** A service-linked role: its role ARN (the principal, or aws:PrincipalArn) has the path /aws-service-role/. */
function serviceLinked(c: DiffCase): boolean {
  return SERVICE_LINKED.test(c.principal) || SERVICE_LINKED.test(String(c.context["aws:PrincipalArn"] ?? ""));
}
const KMS_KEY = /^arn:aws:kms:[^:]*:(\d{12}):key\//;
/** Paths of what nobody may change, and a name of the same shape that nothing protects. */
const PROTECTED: [string, string][] = [
  ["role/aws-service-role/", "role/renamed-service-role/"], ["role/aws-reserved/", "role/renamed-reserved/"],
  ["iam::aws:policy/", "iam::111111111111:policy/"], ["alias/aws/", "alias/renamed/"],
];
const ROLE_CHANGES = new Set(["deleterole", "updateassumerolepolicy", "putrolepolicy", "deleterolepolicy", "attachrolepolicy", "detachrolepolicy", "putrolepermissionsboundary", "deleterolepermissionsboundary"]);

export const KNOWN_DIFFERENCES: KnownDifference[] = [
  {
    id: "unresolved-variable-in-NotResource",
    reason:
      "A NotResource entry whose policy variable has no value matches no resource, so NotResource excludes nothing and " +
      "the statement applies (iam-edge). iam-simulate instead drops the whole statement.",
    doc: 'IAM User Guide, "IAM policy elements: Variables and tags", section "Policy variables with no value" (a Resource or NotResource entry with a no-value variable "will not match any resource")',
    rewrite: (c) =>
      rewriteStatements(c, (s) => {
        if (s.NotResource === undefined) return false;
        const list = asList(s.NotResource);
        const kept = list.filter((r) => !(typeof r === "string" && unresolved(r, c)));
        if (kept.length === list.length) return false;
        delete s.NotResource;
        if (kept.length === 0) s.Resource = "*";
        else setList(s, "NotResource", kept);
        return true;
      }),
  },
  {
    id: "unresolved-variable-in-negated-condition",
    reason:
      "A condition value whose policy variable has no value is null: positive string/ARN operators do not match it, " +
      "negated ones (StringNotEquals, StringNotLike, ArnNotLike…) do (iam-edge). iam-simulate makes the negated operator fail.",
    doc: 'IAM User Guide, "IAM policy elements: Variables and tags", section "Policy variables with no value" ("Inverted condition operators like StringNotEquals or StringNotLike do match against a null value")',
    rewrite: (c) =>
      rewriteStatements(c, (s) => {
        const cond = s.Condition as Record<string, Record<string, Json>> | undefined;
        if (!cond) return false;
        let changed = false;
        for (const op of Object.keys(cond)) {
          if (!NEGATED_STRING_OR_ARN.test(op)) continue;
          for (const key of Object.keys(cond[op])) {
            const list = asList(cond[op][key]);
            // A null value never matches, so under NOR it never vetoes: drop it.
            const kept = list.filter((v) => !(typeof v === "string" && unresolved(v, c)));
            if (kept.length === list.length) continue;
            changed = true;
            if (kept.length > 0) cond[op][key] = kept.length === 1 ? kept[0] : kept;
            else delete cond[op][key]; // every value null: the entry is always true
          }
          if (Object.keys(cond[op]).length === 0) delete cond[op];
        }
        if (Object.keys(cond).length === 0) delete s.Condition;
        return changed;
      }),
  },
  {
    id: "version-2008-literal-variables",
    reason:
      "Without \"Version\": \"2012-10-17\" (2008-10-17 or no Version) `${aws:username}` is literal text (iam-edge). " +
      "iam-simulate ignores Version and substitutes variables anyway.",
    doc: 'IAM User Guide, "IAM JSON policy elements: Version" and "IAM policy elements: Variables and tags" (Note: "If you don\'t include the Version element … variables like ${aws:username} are treated as literal strings")',
    rewrite: (c) => {
      let changed = false;
      // The literal text `${…}` never occurs in generated requests, so any other text that never
      // occurs decides the same.
      const literal = (v: Json): Json => {
        if (typeof v === "string" && v.includes("${")) {
          changed = true;
          return v.replace(VARIABLE, "LITERALVAR");
        }
        if (Array.isArray(v)) return v.map(literal);
        if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, literal(x)]));
        return v;
      };
      const out = mapPolicies(c, (p) => (usesVariables(p) ? p : { ...p, Statement: literal(p.Statement) }));
      return changed ? out : undefined;
    },
  },
  {
    id: "epoch-dates-are-seconds",
    reason:
      "A date written as an integer is epoch time in seconds (iam-edge); iam-simulate reads it as milliseconds. The rewrite " +
      "spells every integer date (policy values of Date operators, date context values) as ISO 8601.",
    doc: 'IAM User Guide, "IAM JSON policy elements: Condition operators", section "Date condition operators" (ISO 8601 or epoch (UNIX) time) and "AWS global condition context keys", aws:EpochTime (seconds)',
    rewrite: (c) => {
      let changed = false;
      const out = mapPolicies(c, (p) => {
        for (const s of statements(p)) {
          const cond = s.Condition as Record<string, Record<string, Json>> | undefined;
          if (!cond) continue;
          for (const op of Object.keys(cond)) {
            if (!DATE_OPERATOR.test(op)) continue;
            for (const key of Object.keys(cond[op])) {
              const list = asList(cond[op][key]);
              if (!list.some(isEpoch)) continue;
              changed = true;
              cond[op][key] = list.map((v) => (isEpoch(v) ? epochToIso(v as string) : v)) as Json;
            }
          }
        }
        return p;
      });
      for (const [k, v] of Object.entries(out.context)) {
        if (DATE_KEYS.has(k.toLowerCase()) && typeof v === "string" && isEpoch(v)) {
          out.context[k] = epochToIso(v);
          changed = true;
        }
      }
      return changed ? out : undefined;
    },
  },
  {
    id: "deny-notprincipal-needs-whole-chain",
    reason:
      "Deny with NotPrincipal excludes a caller only when every principal of its chain is listed: the account and the " +
      "user, or the account, the role and the session; and it denies everyone when the caller has a permissions boundary " +
      "(iam-edge). iam-simulate excludes a caller when any one of them is listed (listing the account excludes all of its " +
      "principals; listing only the user excludes the user). The rewrite drops an excluding statement and turns the others " +
      "into Principal \"*\".",
    doc: 'IAM User Guide, "AWS JSON policy elements: NotPrincipal", section "Using NotPrincipal with Deny" (specify the account ARN too; the example with the account and Bob denies everyone except Bob) and "Permissions boundaries for IAM entities" (NotPrincipal with Deny always denies a principal with a boundary)',
    rewrite: (c) => {
      if (!c.resourcePolicy) return undefined;
      const stmts = statements(c.resourcePolicy);
      if (!stmts.some((s) => s.NotPrincipal !== undefined && s.Effect === "Deny")) return undefined;
      const kept: Policy[] = [];
      for (const s of stmts) {
        if (s.NotPrincipal === undefined || s.Effect !== "Deny") {
          kept.push(s);
          continue;
        }
        if (!c.boundary && notPrincipalExcludes(s.NotPrincipal, c.principal)) continue;
        const { NotPrincipal: _, ...rest } = s;
        kept.push({ ...rest, Principal: "*" });
      }
      const out = structuredClone(c);
      if (kept.length === 0) delete out.resourcePolicy;
      else out.resourcePolicy = { ...c.resourcePolicy, Statement: structuredClone(kept) };
      return out;
    },
  },
  {
    id: "root-user-allowed-without-identity-policy",
    reason:
      "The account root user is allowed in its own account without any identity policy (and, cross-account, its side needs " +
      "no identity policy either); explicit denies and SCPs still apply (iam-edge). iam-simulate requires an identity Allow for the root user too. The rewrite gives the root user an " +
      "Allow-everything identity policy, which changes nothing under the AWS rule.",
    doc: 'IAM User Guide, "Policy evaluation logic" ("By default, all requests are implicitly denied with the exception of the AWS account root user, which has full access")',
    rewrite: (c) => {
      // Cross-account too: the root user's side of the request needs no identity policy; the
      // other account's resource policy must still grant it (docs/semantics.md, step 9).
      if (!/^arn:aws:iam::\d{12}:root$/.test(c.principal)) return undefined;
      const out = structuredClone(c);
      out.identity.push({ Version: "2012-10-17", Statement: { Effect: "Allow", Action: "*", Resource: "*" } });
      return out;
    },
  },
  {
    id: "resource-grant-to-star-or-session-not-limited-by-session-policy",
    reason:
      "Same account, a role session with a session policy that does not allow, and a resource-policy Allow naming the " +
      "session ARN or \"*\": the resource policy grant is not limited by the session policy (iam-edge Allow). " +
      "iam-simulate lets the session policy's implicit deny win. The rewrite removes the session policy when the deciding " +
      "resource statement names the session ARN or \"*\".",
    doc: 'IAM User Guide, "Policies and permissions in IAM", section "Session policies" ("A resource-based policy can specify the ARN of the session as a principal … The resource-based policy permissions are not limited by the session policy"); for "*", "AWS JSON policy elements: Principal" (wildcard principals are not limited by boundaries or session policies) — see docs/semantics.md, evaluation step 5',
    rewrite: (c, edge) => {
      if (!c.session || !c.resourcePolicy || !c.principal.includes(":assumed-role/")) return undefined;
      if (edge.decision !== "Allow" || edge.reason.code !== "ResourceAllow") return undefined;
      const stmts = statements(c.resourcePolicy);
      const grants = edge.matchedStatements.filter((m) => m.kind === "resource").map((m) => stmts[m.statementIndex]);
      const unlimited = (p: Json | undefined) =>
        asList(p === "*" ? "*" : (p as Record<string, Json> | undefined)?.AWS).some((x) => x === "*" || x === c.principal);
      if (!grants.some((s) => s && unlimited(s.Principal))) return undefined;
      const out = structuredClone(c);
      delete out.session;
      return out;
    },
  },
  {
    id: "kms-key-without-key-policy-has-the-default",
    reason:
      "A kms: request on a KMS key with no key policy given is decided as under the default key policy, which lets the " +
      "account's IAM policies grant access (iam-edge: every key has a key policy, and one created without a policy gets the " +
      "default). iam-simulate denies it for want of a key policy. The rewrite passes the default key policy.",
    doc: 'AWS KMS Developer Guide, "Default key policy" ("Allows access to the AWS account and enables IAM policies"); IAM User Guide, "Policy evaluation logic" (KMS key policies must allow explicitly)',
    rewrite: (c) => {
      const m = KMS_KEY.exec(c.resource);
      if (!m || c.resourcePolicy || !c.action.toLowerCase().startsWith("kms:")) return undefined;
      const out = structuredClone(c);
      out.resourcePolicy = { Version: "2012-10-17", Statement: { Sid: "EnableIAMUserPermissions", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${m[1]}:root` }, Action: "kms:*", Resource: "*" } };
      return out;
    },
  },
  {
    id: "federation-token-without-session-policy-allows-nothing",
    reason:
      "A GetFederationToken session (federated-user principal) without a session policy has no permissions from the user's " +
      "identity policies (iam-edge). iam-simulate decides it on the identity policies alone. The rewrite passes a session " +
      "policy that allows nothing the case requests, which by the same page grants the same (nothing).",
    doc: 'IAM User Guide, "Policies and permissions in IAM", section "Session policies" (GetFederationToken: "If you do not pass a policy ... the resulting temporary security credentials have no effective permissions")',
    rewrite: (c) => {
      if (!c.principal.includes(":federated-user/") || c.session) return undefined;
      const out = structuredClone(c);
      out.session = { Version: "2012-10-17", Statement: { Effect: "Allow", Action: "iam:GetAccountSummary", Resource: "*" } };
      return out;
    },
  },
  {
    id: "scp-exempt-service-linked-role",
    reason:
      "SCPs do not apply to service-linked roles (iam-edge, which recognizes one by the /aws-service-role/ path of its role " +
      "ARN). iam-simulate applies them. The rewrite removes the SCPs.",
    doc: 'AWS Organizations User Guide, "Service control policies (SCPs)" ("SCPs don\'t affect service-linked roles")',
    rewrite: (c) => {
      if (!serviceLinked(c) || c.scp.length === 0) return undefined;
      const out = structuredClone(c);
      out.scp = [];
      return out;
    },
  },
  {
    id: "rcp-exempt-aws-managed-key",
    reason:
      "RCPs do not apply to AWS managed KMS keys (iam-edge, which recognizes one by an alias/aws/ value of " +
      "kms:ResourceAliases). iam-simulate applies them. The rewrite removes the RCPs.",
    doc: 'AWS Organizations User Guide, "Resource control policies (RCPs)" and AWS KMS Developer Guide, "Resource control policies in AWS KMS" (RCPs "do not apply to AWS managed keys")',
    rewrite: (c) => {
      const aliases = c.context["kms:ResourceAliases"];
      const managed = Array.isArray(aliases) && aliases.some((a) => a.startsWith("alias/aws/"));
      if (!KMS_KEY.test(c.resource) || !managed || c.rcp.length === 0) return undefined;
      const out = structuredClone(c);
      out.rcp = [];
      return out;
    },
  },
  {
    id: "service-linked-role-unmodifiable",
    reason:
      "IAM refuses changes to a service-linked role's permissions, trust policy or existence through IAM whatever the policies " +
      "say (iam-edge: ImplicitDeny, reason UnmodifiableEntity). iam-simulate allows what the policies allow. The rewrite " +
      "removes every Allow statement, which by the same rule leaves the request denied.",
    doc: 'IAM User Guide, "Using service-linked roles" ("Only the service that depends on the service-linked role can modify or delete the role"); IAM API Reference, UnmodifiableEntity',
    rewrite: (c) => {
      const name = c.action.toLowerCase().replace(/^iam:/, "");
      if (!c.action.toLowerCase().startsWith("iam:") || !ROLE_CHANGES.has(name) || !SERVICE_LINKED.test(c.resource)) return undefined;
      return mapPolicies(c, (p): Policy => {
        const all = statements(p);
        const kept = all.filter((s) => s.Effect !== "Allow");
        if (kept.length > 0) return { ...p, Statement: kept };
        // A policy of Allows only becomes one that allows nothing the case requests.
        const inert: Policy = { Effect: "Allow", Action: "iam:GetAccountSummary", Resource: "*" };
        if (all[0].Principal !== undefined) inert.Principal = all[0].Principal;
        return { ...p, Statement: inert };
      });
    },
  },
  {
    id: "explicit-deny-before-protected-entity",
    reason:
      "A request to change what nobody may change (an AWS managed policy, a service-linked role, an IAM Identity Center " +
      "role, an alias/aws/ alias) that a Deny statement covers is an explicit deny (iam-edge: authorization comes first, " +
      "and the service's refusal applies only to what the policies allow). iam-simulate reports an implicit deny. The " +
      "rewrite renames the protected path (in the request and in every policy alike), which keeps the same statements " +
      "applying.",
    doc: 'IAM User Guide, "Policy evaluation logic" (an explicit deny in any policy overrides any allow; the request is denied before anything else is decided)',
    rewrite: (c, edge) => {
      if (edge.decision !== "ExplicitDeny" || !PROTECTED.some(([from]) => c.resource.includes(from))) return undefined;
      const rename = (v: Json): Json => {
        if (typeof v === "string") return PROTECTED.reduce((x, [from, to]) => x.split(from).join(to), v);
        if (Array.isArray(v)) return v.map(rename);
        if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, rename(x)]));
        return v;
      };
      const out = mapPolicies(c, (p) => rename(p) as Policy);
      out.resource = rename(c.resource) as string;
      return out;
    },
  },
];
