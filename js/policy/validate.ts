/**
 * @module policy/validate
 * Validates a policy document for one policy kind and, when there is no error, returns its
 * normalized form. All problems are collected; nothing throws. Rules come from the AWS IAM User
 * Guide ("Grammar of the IAM JSON policy language", "IAM JSON policy element reference", "IAM
 * and AWS STS quotas"), the Organizations User Guide (SCP and RCP syntax) and Access Analyzer's
 * policy checks ("IAM policy validation check reference"); each rule cites its page.
 * Codes are listed in docs/diagnostics.md.
 */

import type {
  Diagnostic, NormalizedPolicy, NormalizedStatement, PolicyKind, Span, ValidateOptions, ValidationResult,
} from "./types.ts";
import { positionAt, quote, stringifyNode, type ObjectNode } from "./json.ts";
import { toDocument } from "./input.ts";
import { parseTemplate } from "./variables.ts";
import { child, describe, indexMembers, report, stringList, type Ctx, type Item } from "./validate/common.ts";
import { actionMatches } from "./wildcard.ts";
import { checkPrincipal, isBareStar } from "./validate/principal.ts";
import { checkCondition } from "./validate/condition.ts";

/**
 * Size quotas in characters, whitespace not counted ("IAM and AWS STS quotas"):
 * - identity: a managed policy, 6,144 (inline policies have other, aggregate limits: user 2,048,
 *   role 10,240, group 5,120; pass `maxSize` for those);
 * - boundary: a managed policy, 6,144;
 * - session: 2,048 ("AssumeRole": the plaintext session policy may not exceed 2,048 characters);
 * - trust: role trust policy length, 2,048 by default (it can be raised to 4,096 on request);
 * - scp and rcp: 5,120 ("Quotas and service limits for AWS Organizations");
 * - resource: 20,480, the S3 bucket policy limit ("Bucket policy examples": 20 KB); the largest
 *   common resource policy, so we never reject a valid one (other services are smaller:
 *   KMS 32 KB is larger but rare, SQS/SNS/Lambda are smaller). Pass `maxSize` to be strict.
 */
export const SIZE_LIMITS: Readonly<Record<PolicyKind, number>> = {
  identity: 6144,
  boundary: 6144,
  session: 2048,
  trust: 2048,
  scp: 5120,
  rcp: 5120,
  resource: 20480,
};

const TOP_ELEMENTS = ["Version", "Id", "Statement"] as const;
const STATEMENT_ELEMENTS = [
  "Sid", "Effect", "Action", "NotAction", "Resource", "NotResource", "Principal", "NotPrincipal", "Condition",
] as const;

/** "IAM JSON policy element reference: Version". */
const VERSIONS = ["2012-10-17", "2008-10-17"];

/** Kinds whose policies name no principal: the principal is whoever the policy is attached to. */
const NO_PRINCIPAL: ReadonlySet<PolicyKind> = new Set(["identity", "boundary", "session", "scp"]);
/** Kinds that must name a principal. */
const NEEDS_PRINCIPAL: ReadonlySet<PolicyKind> = new Set(["resource", "trust", "rcp"]);
/** "IAM JSON policy element reference: Id": IAM-managed policies ignore Id; resource policies use it. */
const NO_ID: ReadonlySet<PolicyKind> = new Set(["identity", "boundary", "session"]);
/**
 * "IAM JSON policy element reference: Sid": "In IAM, the Sid value is limited to ASCII
 * uppercase letters (A-Z), lowercase letters (a-z), and numbers (0-9)"; other services
 * (resource policies) accept more.
 */
const SID = /^[A-Za-z0-9]*$/;
/** "IAM and AWS STS quotas": policy characters must be tab, LF, CR or U+0020 to U+00FF. */
const CHARSET_KINDS: ReadonlySet<PolicyKind> = new Set(["identity", "boundary", "trust", "session"]);

/**
 * Actions a role trust policy may allow ("IAM JSON policy element reference: Action" and "How
 * IAM roles differ from resource-based policies": the trust policy controls who can assume the
 * role; IAM rejects other actions in it).
 */
const TRUST_ACTIONS = [
  "sts:AssumeRole", "sts:AssumeRoleWithSAML", "sts:AssumeRoleWithWebIdentity",
  "sts:TagSession", "sts:SetSourceIdentity", "sts:SetContext",
];

/**
 * Longest action accepted. No AWS action name comes close; the bound stops hostile input from
 * costing more than a quick length check.
 */
const MAX_ACTION_LENGTH = 256;
/** "IAM JSON policy elements: Action": `<service>:<action>`; service prefixes are lowercase letters, digits and `-`. */
const SERVICE = /^[A-Za-z0-9-]+$/;
const ACTION_NAME = /^[A-Za-z0-9_.*?-]+$/;

export function validatePolicy(input: unknown, options: ValidateOptions): ValidationResult {
  const doc = toDocument(input);
  const diagnostics: Diagnostic[] = [...doc.diagnostics];
  const result: ValidationResult = { diagnostics };
  if (doc.text !== undefined) result.text = doc.text;
  if (!doc.root || doc.root.type !== "object") return result;
  const root = doc.root;
  const ctx: Ctx = { kind: options.kind, variables: false, diagnostics };

  checkSizeAndCharacters(ctx, doc.text, root, options);

  // --- top level ("Grammar of the IAM JSON policy language": policy = { version?, id?, statement }) ---
  const top = indexMembers(ctx, root, "", TOP_ELEMENTS, (m, p, hint) =>
    report(ctx, "error", "UNKNOWN_ELEMENT", `unknown policy element ${quote(m.key)}${hint}`, p, m.keySpan));

  let version: string | null = null;
  const v = top.get("Version");
  // AWS Organizations "RCP syntax": every RCP must state `"Version": "2012-10-17"`.
  const versionRequired = ctx.kind === "rcp";
  if (!v) {
    // "IAM JSON policy element reference: Version": without it, defaults to 2008-10-17 behaviour.
    if (versionRequired) report(ctx, "error", "INVALID_VERSION", "resource control policies must have `\"Version\": \"2012-10-17\"`", "", root.span);
    else report(ctx, "warning", "MISSING_VERSION", "policy has no `Version`; add `\"Version\": \"2012-10-17\"` so policy variables work", "", root.span);
  } else {
    const n = v.member.value;
    if (n.type !== "string" || !VERSIONS.includes(n.value)) {
      const shown = n.type === "string" ? quote(n.value) : describe(n);
      report(ctx, "error", "INVALID_VERSION", `\`Version\` must be \`2012-10-17\` or \`2008-10-17\`, not ${shown}`, v.path, n.span);
    } else {
      version = n.value;
      if (version === "2008-10-17" && versionRequired) {
        report(ctx, "error", "INVALID_VERSION", "resource control policies must have `\"Version\": \"2012-10-17\"`", v.path, n.span);
      } else if (version === "2008-10-17") {
        report(ctx, "warning", "OLD_VERSION", "`Version` `2008-10-17` does not support policy variables; use `2012-10-17`", v.path, n.span);
      }
    }
  }
  ctx.variables = version === "2012-10-17";

  let id: string | undefined;
  const idEl = top.get("Id");
  if (idEl) {
    const n = idEl.member.value;
    if (n.type !== "string") {
      report(ctx, "error", "WRONG_TYPE", `\`Id\` must be a string, not ${describe(n)}`, idEl.path, n.span);
    } else {
      id = n.value;
      if (NO_ID.has(ctx.kind)) {
        report(ctx, "warning", "ID_NOT_SUPPORTED", `\`Id\` is ignored in ${ctx.kind} policies`, idEl.path, idEl.member.keySpan);
      }
    }
  }

  const statements: NormalizedStatement[] = [];
  const st = top.get("Statement");
  if (!st) {
    report(ctx, "error", "MISSING_STATEMENT", "policy has no `Statement`", "", root.span);
  } else {
    const n = st.member.value;
    const sids = new Map<string, string>();
    if (n.type === "object") {
      const s = checkStatement(ctx, n, st.path, 0, sids);
      if (s) statements.push(s);
    } else if (n.type === "array") {
      if (n.items.length === 0) {
        report(ctx, "error", "EMPTY_STATEMENT", "`Statement` must contain at least one statement", st.path, n.span);
      }
      n.items.forEach((item, i) => {
        const p = child(st.path, i);
        if (item.type !== "object") {
          report(ctx, "error", "WRONG_TYPE", `each statement must be an object, not ${describe(item)}`, p, item.span);
          return;
        }
        const s = checkStatement(ctx, item, p, i, sids);
        if (s) statements.push(s);
      });
    } else {
      report(ctx, "error", "WRONG_TYPE", `\`Statement\` must be an object or an array of objects, not ${describe(n)}`, st.path, n.span);
    }
  }

  if (!diagnostics.some((d) => d.severity === "error")) {
    const policy: NormalizedPolicy = { version, statements };
    if (id !== undefined) policy.id = id;
    result.policy = policy;
  }
  return result;
}

const WHITESPACE = /[ \t\n\r]/;
const WHITESPACE_RUNS = /[ \t\n\r]+/g;
/** A code unit outside tab, LF, CR and U+0020-U+00FF (the charset check below). */
const OUTSIDE_CHARSET = /[^\t\n\r\x20-\xff]/;

function checkSizeAndCharacters(ctx: Ctx, text: string | undefined, root: ObjectNode, options: ValidateOptions): void {
  // Object input: measure what would be sent to IAM, i.e. its JSON.stringify form.
  const measured = text ?? stringifyNode(root);
  const limit = options.maxSize ?? SIZE_LIMITS[ctx.kind];
  // "IAM and AWS STS quotas": "IAM doesn't count white space when calculating the size of a policy".
  // (Regular expressions rather than a character loop: they run at native speed even before
  // the JIT has warmed up, which is most of a cold start.)
  const size = WHITESPACE.test(measured) ? measured.replace(WHITESPACE_RUNS, "").length : measured.length;
  if (size > limit) {
    report(ctx, "error", "POLICY_TOO_LARGE",
      `policy is ${size} characters without whitespace; the limit for ${ctx.kind} policies is ${limit}`, "", root.span);
  }
  if (!CHARSET_KINDS.has(ctx.kind)) return;
  let first = -1, count = 0;
  // A byte order mark is not part of the document (RFC 8259 section 8.1), so it is not checked.
  const start = measured.charCodeAt(0) === 0xfeff ? 1 : 0;
  if (OUTSIDE_CHARSET.test(start === 0 ? measured : measured.slice(1))) {
    for (let i = start; i < measured.length; i++) {
      const c = measured.charCodeAt(i);
      if (c === 0x09 || c === 0x0a || c === 0x0d || (c >= 0x20 && c <= 0xff)) continue;
      if (first < 0) first = i;
      count++;
    }
  }
  if (first >= 0) {
    const cp = measured.codePointAt(first)!;
    const name = `U+${cp.toString(16).toUpperCase().padStart(4, "0")}`;
    const more = count > 1 ? ` (and ${count - 1} more)` : "";
    let span: Span | undefined;
    if (text !== undefined) {
      const start = positionAt(text, first);
      const width = cp > 0xffff ? 2 : 1;
      span = { start, end: { line: start.line, column: start.column + width, offset: first + width } };
    }
    report(ctx, "error", "INVALID_CHARACTER",
      `character ${name} is not allowed in ${ctx.kind} policies; only tab, line breaks and U+0020 to U+00FF are${more}`, "", span);
  }
}

function checkStatement(ctx: Ctx, stmt: ObjectNode, path: string, index: number, sids: Map<string, string>): NormalizedStatement | null {
  const kind = ctx.kind;
  // "Grammar of the IAM JSON policy language": statement = { sid?, effect, principal?, action, resource?, condition? }.
  const el = indexMembers(ctx, stmt, path, STATEMENT_ELEMENTS, (m, p, hint) =>
    report(ctx, "error", "UNKNOWN_ELEMENT", `unknown statement element ${quote(m.key)}${hint}`, p, m.keySpan));
  const out: NormalizedStatement = { index, effect: "Allow", conditions: [], path };
  if (stmt.span) out.span = stmt.span;

  // Sid: "IAM JSON policy element reference: Sid".
  const sidEl = el.get("Sid");
  if (sidEl) {
    const n = sidEl.member.value;
    if (n.type !== "string") {
      report(ctx, "error", "WRONG_TYPE", `\`Sid\` must be a string, not ${describe(n)}`, sidEl.path, n.span);
    } else {
      out.sid = n.value;
      if (!SID.test(n.value)) {
        const strict = kind !== "resource";
        report(ctx, strict ? "error" : "warning", "INVALID_SID",
          strict
            ? `\`Sid\` ${quote(n.value)} must contain only letters A-Z, a-z and digits 0-9`
            : `\`Sid\` ${quote(n.value)} has characters other than letters and digits, which some services reject`,
          sidEl.path, n.span);
      }
      // "IAM JSON policy element reference: Sid": "Sid values must be unique within a JSON policy".
      if (n.value !== "") {
        const prev = sids.get(n.value);
        if (prev !== undefined) {
          report(ctx, "error", "DUPLICATE_SID", `\`Sid\` ${quote(n.value)} is already used at \`${prev}\``, sidEl.path, n.span);
        } else {
          sids.set(n.value, sidEl.path);
        }
      }
    }
  }

  // Effect: "IAM JSON policy element reference: Effect": exactly `Allow` or `Deny`, case-sensitive.
  const effEl = el.get("Effect");
  if (!effEl) {
    report(ctx, "error", "MISSING_EFFECT", "statement has no `Effect`", path, stmt.span);
  } else {
    const n = effEl.member.value;
    if (n.type !== "string") {
      report(ctx, "error", "WRONG_TYPE", `\`Effect\` must be a string, not ${describe(n)}`, effEl.path, n.span);
    } else if (n.value === "Allow" || n.value === "Deny") {
      out.effect = n.value;
    } else {
      report(ctx, "error", "INVALID_EFFECT", `\`Effect\` must be \`Allow\` or \`Deny\` (case-sensitive), not ${quote(n.value)}`, effEl.path, n.span);
    }
  }
  const effect = effEl?.member.value.type === "string" ? effEl.member.value.value : undefined;

  // Action / NotAction: "IAM JSON policy elements: Action" and "...: NotAction".
  const actEl = el.get("Action");
  const notActEl = el.get("NotAction");
  // The AWS-managed RCPFullAWSAccess statement (Allow `*` to `*` on `*`) is the one RCP Allow
  // AWS has; accept it so an organization's RCPs load as AWS lists them ("Resource control
  // policies (RCPs)"). The engine treats it as present at every level anyway.
  const isStar = (e: typeof actEl): boolean => {
    const v = e?.member.value;
    return v?.type === "string" ? v.value === "*" : v?.type === "array" && v.items.length === 1 && v.items[0].type === "string" && v.items[0].value === "*";
  };
  const rcpFullAccess = kind === "rcp" && effect === "Allow" && isStar(actEl) && isStar(el.get("Resource"))
    && !!el.get("Principal") && isBareStar(el.get("Principal")!.member.value)
    && !el.get("Condition") && !notActEl && !el.get("NotResource") && !el.get("NotPrincipal");
  if (actEl && notActEl) {
    report(ctx, "error", "ACTION_AND_NOTACTION", "statement has both `Action` and `NotAction`; use one", notActEl.path, notActEl.member.keySpan);
  } else if (!actEl && !notActEl) {
    report(ctx, "error", "MISSING_ACTION", "statement has no `Action` or `NotAction`", path, stmt.span);
  }
  if (actEl) {
    const items = stringList(ctx, actEl.member.value, actEl.path, "Action", "error");
    if (items) {
      out.action = checkActions(ctx, items, "Action");
      if (kind === "trust") checkTrustActions(ctx, items);
      if (kind === "rcp" && !rcpFullAccess) {
        // "Resource control policies (RCPs)" syntax: `"Action": "*"` is not supported in RCPs.
        for (const it of items) {
          if (it.value === "*") report(ctx, "error", "RCP_ACTION_STAR", "resource control policies cannot use `\"Action\": \"*\"`; list service actions", it.path, it.node.span);
        }
      }
    }
  }
  if (notActEl) {
    const items = stringList(ctx, notActEl.member.value, notActEl.path, "NotAction", "error");
    if (items) out.notAction = checkActions(ctx, items, "NotAction");
    if (kind === "rcp") {
      report(ctx, "error", "RCP_NOTACTION", "resource control policies do not support `NotAction`", notActEl.path, notActEl.member.keySpan);
    }
  }

  // Resource / NotResource: "IAM JSON policy elements: Resource" and "...: NotResource".
  const resEl = el.get("Resource");
  const notResEl = el.get("NotResource");
  if (kind === "trust") {
    // IAM's own wording for a role trust policy with a Resource: "Has prohibited field Resource".
    for (const [e, name] of [[resEl, "Resource"], [notResEl, "NotResource"]] as const) {
      if (e) report(ctx, "error", "RESOURCE_NOT_ALLOWED", `trust policy statement has prohibited field \`${name}\``, e.path, e.member.keySpan);
    }
  } else {
    if (resEl && notResEl) {
      report(ctx, "error", "RESOURCE_AND_NOTRESOURCE", "statement has both `Resource` and `NotResource`; use one", notResEl.path, notResEl.member.keySpan);
    } else if (!resEl && !notResEl) {
      report(ctx, "error", "MISSING_RESOURCE", "statement has no `Resource` or `NotResource`", path, stmt.span);
    }
    if (resEl) {
      const items = stringList(ctx, resEl.member.value, resEl.path, "Resource", "error");
      if (items) out.resource = checkResources(ctx, items);
    }
    if (notResEl) {
      const items = stringList(ctx, notResEl.member.value, notResEl.path, "NotResource", "error");
      if (items) out.notResource = checkResources(ctx, items);
    }
  }

  // Principal / NotPrincipal: "IAM JSON policy element reference: Principal" and "...: NotPrincipal".
  const prEl = el.get("Principal");
  const notPrEl = el.get("NotPrincipal");
  if (NO_PRINCIPAL.has(kind)) {
    // Identity-based policies ("Principal": "You cannot use the Principal element in an
    // identity-based policy") and SCPs ("Service control policies (SCPs)" syntax).
    for (const [e, name] of [[prEl, "Principal"], [notPrEl, "NotPrincipal"]] as const) {
      if (e) report(ctx, "error", "PRINCIPAL_NOT_ALLOWED", `\`${name}\` is not allowed in ${kind} policies`, e.path, e.member.keySpan);
    }
  } else {
    if (prEl && notPrEl) {
      report(ctx, "error", "PRINCIPAL_AND_NOTPRINCIPAL", "statement has both `Principal` and `NotPrincipal`; use one", notPrEl.path, notPrEl.member.keySpan);
    } else if (!prEl && !notPrEl && NEEDS_PRINCIPAL.has(kind)) {
      report(ctx, "error", "MISSING_PRINCIPAL", `${kind} policy statement has no \`Principal\``, path, stmt.span);
    }
    if (prEl) {
      out.principal = checkPrincipal(ctx, prEl.member.value, prEl.path, "Principal");
      // "Resource control policies (RCPs)" syntax: "Principal" must be "*".
      if (kind === "rcp" && !isBareStar(prEl.member.value)) {
        report(ctx, "error", "RCP_PRINCIPAL", "resource control policies require `\"Principal\": \"*\"`; narrow it with `Condition`", prEl.path, prEl.member.value.span);
      }
    }
    if (notPrEl) {
      if (kind === "trust" || kind === "rcp") {
        // Trust policies: IAM rejects NotPrincipal in AssumeRolePolicyDocument ("NotPrincipal"
        // page lists it for resource-based policies only); RCP syntax has no NotPrincipal.
        report(ctx, "error", "NOTPRINCIPAL_NOT_ALLOWED", `\`NotPrincipal\` is not allowed in ${kind} policies`, notPrEl.path, notPrEl.member.keySpan);
      }
      if (effect === "Allow") {
        // "IAM JSON policy element reference: NotPrincipal": "must be used with "Effect":"Deny"".
        report(ctx, "error", "NOTPRINCIPAL_WITH_ALLOW", "`NotPrincipal` must be used with `\"Effect\": \"Deny\"`", notPrEl.path, notPrEl.member.keySpan);
      }
      out.notPrincipal = checkPrincipal(ctx, notPrEl.member.value, notPrEl.path, "NotPrincipal");
    }
  }

  if (kind === "rcp" && effect === "Allow" && !rcpFullAccess) {
    // "Resource control policies (RCPs)": only the AWS-managed RCPFullAWSAccess allows; the
    // engine adds it implicitly, so customer RCPs are Deny-only.
    report(ctx, "error", "RCP_ALLOW", "resource control policies can only use `\"Effect\": \"Deny\"`", effEl!.path, effEl!.member.value.span);
  }

  const condEl = el.get("Condition");
  if (condEl) out.conditions = checkCondition(ctx, condEl.member.value, condEl.path);

  // Access Analyzer, "Security Warning – Pass role with star in resource". Only policies that
  // grant (identity, resource) can hand out PassRole; boundaries, session policies, SCPs and
  // RCPs only limit.
  if ((kind === "identity" || kind === "resource") && effect === "Allow" && out.action && out.resource?.includes("*") && out.action.some((a) => actionMatches(a, "iam:PassRole"))) {
    report(ctx, "security_warning", "PASS_ROLE_WITH_STAR",
      "allowing `iam:PassRole` on `\"Resource\": \"*\"` lets the principal pass any role to a service; list the role ARNs", actEl!.path, actEl!.member.value.span);
  }
  return out;
}

function checkActions(ctx: Ctx, items: Item[], name: string): string[] {
  const out: string[] = [];
  for (const it of items) {
    const a = it.value;
    out.push(a);
    const bad = (message: string, code = "INVALID_ACTION") => report(ctx, "error", code, message, it.path, it.node.span);
    // Length first so a 100,000-character value costs nothing more.
    if (a.length > MAX_ACTION_LENGTH) {
      bad(`action is ${a.length} characters long; the limit is ${MAX_ACTION_LENGTH}`);
      continue;
    }
    // "IAM policy elements: Variables and tags": variables are allowed in Resource and Condition only.
    if (a.includes("${")) {
      bad(`policy variables are not allowed in ${quote(name)}: ${quote(a)}`, "VARIABLE_NOT_ALLOWED");
      continue;
    }
    if (a === "*") continue;
    const colon = a.indexOf(":");
    if (colon < 0) {
      bad(`${quote(a)} is not \`*\` or \`service:action\``);
      continue;
    }
    const service = a.slice(0, colon), action = a.slice(colon + 1);
    if (/[*?]/.test(service)) {
      // "IAM JSON policy elements: Action": wildcards go in the action name, not the service prefix.
      bad(`wildcards are not allowed in the service prefix of ${quote(a)}`);
    } else if (!SERVICE.test(service)) {
      bad(`${quote(service)} in ${quote(a)} is not a service prefix (letters, digits and \`-\`)`);
    } else if (!ACTION_NAME.test(action)) {
      bad(`${quote(action)} in ${quote(a)} is not an action name (letters, digits and wildcards \`*\` \`?\`)`);
    }
  }
  return out;
}

function checkTrustActions(ctx: Ctx, items: Item[]): void {
  for (const it of items) {
    const a = it.value;
    if (a.length > MAX_ACTION_LENGTH) continue; // already an error
    const colon = a.indexOf(":");
    const inSts = colon >= 0 && a.slice(0, colon).toLowerCase() === "sts";
    // `sts:*` or `sts:AssumeRole*`: a wildcard within sts that matches at least one trust action.
    if (inSts && TRUST_ACTIONS.some((t) => actionMatches(a, t))) continue;
    report(ctx, "error", "TRUST_ACTION_NOT_ALLOWED",
      `${quote(a)} is not allowed in a trust policy; use \`sts:AssumeRole\`, \`sts:AssumeRoleWithSAML\`, \`sts:AssumeRoleWithWebIdentity\`, \`sts:TagSession\`, \`sts:SetSourceIdentity\` or \`sts:SetContext\``,
      it.path, it.node.span);
  }
}

/** Offset of the first `${` that starts a variable (not a `${*}`-style escape), or -1. */
function firstVariable(s: string): number {
  let i = s.indexOf("${");
  while (i >= 0) {
    if (!(/^[*?$]$/.test(s[i + 2] ?? "") && s[i + 3] === "}")) return i;
    i = s.indexOf("${", i + 4);
  }
  return -1;
}

function checkResources(ctx: Ctx, items: Item[]): string[] {
  const out: string[] = [];
  for (const it of items) {
    const r = it.value;
    out.push(r);
    const at = (sev: "error" | "warning", code: string, message: string) => report(ctx, sev, code, message, it.path, it.node.span);
    if (r === "*") continue;
    if (r.includes("${")) {
      if (!ctx.variables) {
        at("warning", "VARIABLE_UNSUPPORTED_VERSION", `${quote(r)} is read as literal text: policy variables need \`"Version": "2012-10-17"\``);
      } else {
        const t = parseTemplate(r);
        if ("error" in t) {
          at("error", "INVALID_VARIABLE", `${t.error} at offset ${t.offset} of ${quote(r)}`);
        } else {
          // "IAM policy elements: Variables and tags": in Resource, variables may appear only in
          // the resource part of the ARN, after the fifth colon.
          const v = firstVariable(r);
          if (v >= 0) {
            let colons = 0;
            for (let i = 0; i < v && colons < 5; i++) if (r.charCodeAt(i) === 0x3a) colons++;
            if (colons < 5) {
              at("error", "VARIABLE_NOT_ALLOWED", `policy variables are allowed only in the resource part of an ARN (after the fifth \`:\`): ${quote(r)}`);
            }
          }
        }
      }
    }
    // "IAM identifiers": ARN format `arn:partition:service:region:account-id:resource`.
    const parts: string[] = [];
    let start = 0;
    for (let i = 0; i < r.length && parts.length < 5; i++) {
      if (r.charCodeAt(i) === 0x3a) {
        parts.push(r.slice(start, i));
        start = i + 1;
      }
    }
    if (parts.length < 5) {
      // Not an error: a few services accept non-ARN resource strings.
      at("warning", "INVALID_RESOURCE", `${quote(r)} is not \`*\` or an ARN (\`arn:partition:service:region:account:resource\`)`);
    } else if (parts[0] !== "arn") {
      at("error", "INVALID_RESOURCE", `${quote(r)} must start with \`arn:\``);
    } else if (parts[1] === "" || parts[2] === "") {
      at("error", "INVALID_RESOURCE", `${quote(r)} must name a partition and a service (\`arn:partition:service:...\`)`);
    }
  }
  return out;
}
