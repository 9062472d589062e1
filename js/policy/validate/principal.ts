/**
 * @module policy/validate/principal
 * The `Principal` and `NotPrincipal` elements and their values ("IAM JSON policy element
 * reference: Principal" and "IAM JSON policy element reference: NotPrincipal"), with the rules
 * of each policy kind.
 */

import type { PolicyKind, PrincipalSet, Span } from "../types.ts";
import { quote, type JsonNode } from "../json.ts";
import { describe, indexMembers, report, stringList, type Ctx, type Item, type StatementScope, type UnknownMember } from "./common.ts";

/** Kinds whose policies name no principal: the principal is whoever the policy is attached to. */
const NO_PRINCIPAL: ReadonlySet<PolicyKind> = new Set(["identity", "boundary", "session", "scp"]);
/** Kinds that must name a principal. */
const NEEDS_PRINCIPAL: ReadonlySet<PolicyKind> = new Set(["resource", "trust", "rcp"]);

/** Checks Principal / NotPrincipal: whether the kind allows or needs them, and their values. */
export function checkPrincipalElements(s: StatementScope): void {
  const { ctx, elements: el } = s;
  const kind = ctx.kind;
  const prEl = el.get("Principal");
  const notPrEl = el.get("NotPrincipal");
  if (NO_PRINCIPAL.has(kind)) {
    // Identity-based policies ("Principal": "You cannot use the Principal element in an
    // identity-based policy") and SCPs ("Service control policies (SCPs)" syntax).
    for (const [e, name] of [[prEl, "Principal"], [notPrEl, "NotPrincipal"]] as const) {
      if (e) report(ctx, "error", "PRINCIPAL_NOT_ALLOWED", `\`${name}\` is not allowed in ${kind} policies`, e.path, e.member.keySpan);
    }
    return;
  }
  if (prEl && notPrEl) {
    report(ctx, "error", "PRINCIPAL_AND_NOTPRINCIPAL", "statement has both `Principal` and `NotPrincipal`; use one", notPrEl.path, notPrEl.member.keySpan);
  } else if (!prEl && !notPrEl && NEEDS_PRINCIPAL.has(kind)) {
    report(ctx, "error", "MISSING_PRINCIPAL", `${kind} policy statement has no \`Principal\``, s.path, s.node.span);
  }
  if (prEl) {
    s.out.principal = checkPrincipal(ctx, prEl.member.value, prEl.path, "Principal");
    // "Resource control policies (RCPs)" syntax: "Principal" must be "*".
    if (kind === "rcp" && !isBareStar(prEl.member.value)) {
      report(ctx, "error", "RCP_PRINCIPAL", "resource control policies require `\"Principal\": \"*\"`; narrow it with `Condition`", prEl.path, prEl.member.value.span);
    }
  }
  if (notPrEl) s.out.notPrincipal = checkNotPrincipal(s, notPrEl.member.value, notPrEl.path, notPrEl.member.keySpan);
}

function checkNotPrincipal(s: StatementScope, node: JsonNode, path: string, keySpan: Span | undefined): PrincipalSet {
  const { ctx } = s;
  if (ctx.kind === "trust" || ctx.kind === "rcp") {
    // Trust policies: IAM rejects NotPrincipal in AssumeRolePolicyDocument ("NotPrincipal"
    // page lists it for resource-based policies only); RCP syntax has no NotPrincipal.
    report(ctx, "error", "NOTPRINCIPAL_NOT_ALLOWED", `\`NotPrincipal\` is not allowed in ${ctx.kind} policies`, path, keySpan);
  }
  if (s.effect === "Allow") {
    // "IAM JSON policy element reference: NotPrincipal": "must be used with "Effect":"Deny"".
    report(ctx, "error", "NOTPRINCIPAL_WITH_ALLOW", "`NotPrincipal` must be used with `\"Effect\": \"Deny\"`", path, keySpan);
  }
  return checkPrincipal(ctx, node, path, "NotPrincipal");
}

/** The principal types of the Principal page; others (`Aws`, `User`, ...) are errors. */
const PRINCIPAL_TYPES = ["AWS", "Service", "Federated", "CanonicalUser"] as const;
const UNKNOWN_PRINCIPAL_TYPE: UnknownMember = {
  code: "INVALID_PRINCIPAL",
  before: "unknown principal type",
  after: "; expected `AWS`, `Service`, `Federated` or `CanonicalUser`",
};

const PARTITION = "aws(?:-[a-z0-9]+)*";
/** IAM identities that can be named ("Principal": AWS account principals, IAM role, user, federated user principals). */
const IAM_ARN = new RegExp(`^arn:${PARTITION}:iam::[0-9]{12}:(?:root|user/.+|role/.+|federated-user/.+)$`);
/** Role sessions and federated user sessions ("Principal": role session principals). */
const STS_ARN = new RegExp(`^arn:${PARTITION}:sts::[0-9]{12}:(?:assumed-role/[^/]+/.+|federated-user/.+)$`);
const ACCOUNT_ID = /^[0-9]{12}$/;
/**
 * Unique ids: when a role or user in a trust policy is deleted, IAM shows its unique id (`AIDA`
 * for users, `AROA` for roles) instead of the ARN ("IAM identifiers": Unique identifiers), and
 * such stored policies must still load.
 */
const UNIQUE_ID = /^(?:AIDA|AROA)[A-Z0-9]{12,124}$/;
/** Service principals are DNS names, e.g. `ec2.amazonaws.com` ("Principal": AWS service principals). */
const HOST_NAME = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,62})(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}))+$/;
/** SAML and OIDC providers ("Principal": federated user principals). */
const PROVIDER_ARN = new RegExp(`^arn:${PARTITION}:iam::[0-9]{12}:(?:saml-provider|oidc-provider)/.+$`);
/** S3 canonical user ids are 64 hex digits; CloudFront OAI ids are longer ("Principal": canonical user principals). */
const CANONICAL_USER = /^[0-9A-Fa-f]{64,128}$/;

function emptySet(): PrincipalSet {
  return { star: false, aws: [], service: [], federated: [], canonicalUser: [] };
}

/** Validates one Principal/NotPrincipal value; returns the normalized set (meaningful only without errors). */
export function checkPrincipal(ctx: Ctx, node: JsonNode, path: string, name: string): PrincipalSet {
  const set = emptySet();
  if (node.type === "string") {
    // The bare string form allows only `"*"` ("Principal": All principals).
    if (node.value === "*") {
      set.star = true;
    } else {
      report(ctx, "error", "INVALID_PRINCIPAL",
        `${quote(name)} must be \`"*"\` or an object such as \`{"AWS": "..."}\`, not the string ${quote(node.value)}`, path, node.span);
    }
    return set;
  }
  if (node.type !== "object") {
    report(ctx, "error", "WRONG_TYPE", `${quote(name)} must be \`"*"\` or an object, not ${describe(node)}`, path, node.span);
    return set;
  }
  if (node.members.length === 0) {
    report(ctx, "error", "INVALID_PRINCIPAL", `${quote(name)} must name at least one principal type`, path, node.span);
    return set;
  }
  const elems = indexMembers(ctx, node, path, PRINCIPAL_TYPES, UNKNOWN_PRINCIPAL_TYPE);
  for (const [type, { member, path: p }] of elems) {
    const items = stringList(ctx, member.value, p, `${name}.${type}`, "error");
    if (!items) continue;
    for (let i = 0; i < items.length; i++) checkValue(ctx, type as (typeof PRINCIPAL_TYPES)[number], items[i], set);
  }
  return set;
}

function checkValue(ctx: Ctx, type: (typeof PRINCIPAL_TYPES)[number], item: Item, set: PrincipalSet): void {
  const v = item.value;
  const bad = (message: string, code = "INVALID_PRINCIPAL") => report(ctx, "error", code, message, item.path, item.node.span);
  // "IAM policy elements: Variables and tags": variables are not allowed in Principal.
  if (v.includes("${")) return bad(`policy variables are not allowed in principals: ${quote(v)}`, "VARIABLE_NOT_ALLOWED");
  if (v === "*") {
    // "Principal": `"AWS": "*"` is the same as `"*"`; other types take no wildcard.
    if (type === "AWS") set.star = true;
    else bad(`\`*\` is not allowed as a ${quote(type)} principal; use \`"Principal": "*"\``);
    return;
  }
  // "Principal": "You cannot use a wildcard to match part of a principal name or ARN."
  if (v.includes("*")) return bad(`wildcards in principals are not allowed: ${quote(v)}`);
  switch (type) {
    case "AWS":
      if (ACCOUNT_ID.test(v) || IAM_ARN.test(v) || STS_ARN.test(v) || UNIQUE_ID.test(v)) set.aws.push(v);
      else bad(`${quote(v)} is not an AWS account id or an IAM user, role, assumed-role or federated-user ARN`);
      return;
    case "Service":
      if (HOST_NAME.test(v)) set.service.push(v);
      else bad(`${quote(v)} is not a service principal such as \`ec2.amazonaws.com\``);
      return;
    case "Federated":
      if (PROVIDER_ARN.test(v) || HOST_NAME.test(v)) set.federated.push(v);
      else bad(`${quote(v)} is not a SAML or OIDC provider ARN or an identity provider name such as \`cognito-identity.amazonaws.com\``);
      return;
    case "CanonicalUser":
      if (CANONICAL_USER.test(v)) set.canonicalUser.push(v);
      else bad(`${quote(v)} is not a canonical user id (64 hexadecimal digits)`);
      return;
  }
}

/** True when the principal is exactly the string `"*"` (what RCPs require). */
export function isBareStar(node: JsonNode): boolean {
  return node.type === "string" && node.value === "*";
}
