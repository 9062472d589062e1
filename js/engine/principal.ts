/**
 * @module engine/principal
 * Reads the request's principal string into the fields the core matches on: its type, its
 * account and, for a role session, the role's ARN. This is parsing, not derivation: nothing is
 * invented beyond what the string (and `aws:PrincipalArn`, when given) says. Forms follow
 * "IAM identifiers" and "AWS JSON policy elements: Principal"; a string that is none of them is
 * not a principal AWS could authenticate, and the request is refused (issue 12).
 */
import * as A from "./abi.ts";
import { MAX_PRINCIPAL_BYTES, MAX_PRINCIPALS } from "./limits.ts";

export interface RequestPrincipal {
  type: number;
  account: string;
  /** For role sessions: the role ARN that a `Principal` naming the role must equal. */
  roleArn: string;
  /** UTF-8 of the principal followed by its account, written into every request as is. */
  bytes: Uint8Array;
  /** How many of `bytes` are the principal. */
  principalBytes: number;
}

type Parsed = Pick<RequestPrincipal, "type" | "account" | "roleArn">;
const utf8 = new TextEncoder();

/** Partitions are `aws` and `aws-` names ("IAM identifiers": ARNs; `aws-cn`, `aws-us-gov`, `aws-iso-b`...). */
const ARN = /^arn:(aws(?:-[a-z0-9]+)*):(iam|sts)::(\d{12}):(.+)$/;
/** Web identity and SAML providers that appear as `Federated` principals. */
const WEB_IDENTITY = new Set(["cognito-identity.amazonaws.com", "accounts.google.com", "graph.facebook.com", "www.amazon.com"]);
/** "Principal": AWS service principals are DNS names such as `ec2.amazonaws.com`. */
const SERVICE = /^[a-z0-9][a-z0-9.-]*\.amazonaws\.com(\.cn)?$/;
/** "Principal": canonical user ids (S3) are 64 hexadecimal digits. */
const CANONICAL_USER = /^[0-9a-f]{64}$/;
/** `prefix` followed by a name (and a path before it, for users, groups and roles). */
const named = (rest: string, prefix: string) => rest.length > prefix.length && rest.startsWith(prefix) && !rest.endsWith("/");

/** The principal's fields, or null when it is no principal form IAM knows. */
function classify(principal: string): Parsed | null {
  const m = ARN.exec(principal);
  if (m) {
    const [, partition, service, account, rest] = m;
    if (service === "iam") {
      if (rest === "root") return { type: A.RP_ROOT, account, roleArn: "" };
      if (named(rest, "user/")) return { type: A.RP_USER, account, roleArn: "" };
      // A role ARN given as the caller stands for a session of that role.
      if (named(rest, "role/")) return { type: A.RP_ROLE_SESSION, account, roleArn: principal };
      if (named(rest, "oidc-provider/") || named(rest, "saml-provider/")) return { type: A.RP_FEDERATED, account, roleArn: "" };
      if (named(rest, "federated-user/")) return { type: A.RP_FEDERATED_USER, account, roleArn: "" };
      // Not a principal, but what IAM's SimulatePrincipalPolicy simulates a group's policies as
      // (PolicySourceArn may be a group): compared as is.
      if (named(rest, "group/")) return { type: A.RP_OTHER, account, roleArn: "" };
      return null;
    }
    const session = /^assumed-role\/([^/]+)\/[^/].*$/.exec(rest);
    // The session ARN drops the role's path ("IAM identifiers"); without aws:PrincipalArn
    // the role is taken to have the path `/`.
    if (session) return { type: A.RP_ROLE_SESSION, account, roleArn: `arn:${partition}:iam::${account}:role/${session[1]}` };
    if (named(rest, "federated-user/")) return { type: A.RP_FEDERATED_USER, account, roleArn: "" };
    return null;
  }
  if (/^\d{12}$/.test(principal)) return { type: A.RP_ROOT, account: principal, roleArn: "" };
  if (principal === "" || principal === "*" || principal === "anonymous") return { type: A.RP_ANONYMOUS, account: "", roleArn: "" };
  if (WEB_IDENTITY.has(principal)) return { type: A.RP_FEDERATED, account: "", roleArn: "" };
  if (SERVICE.test(principal)) return { type: A.RP_SERVICE, account: "", roleArn: "" };
  if (CANONICAL_USER.test(principal)) return { type: A.RP_CANONICAL, account: "", roleArn: "" };
  return null;
}

/** Parsed principals, bounded in entries and bytes (docs/limits.md): requests repeat few principals. */
const cache = new Map<string, RequestPrincipal>();
let cacheBytes = 0;

/** The last principal classified: consecutive requests usually come from the same caller. */
let lastText = "";
let last: RequestPrincipal | undefined;

/** Classifies `principal`, memoized; null when it is not a principal. */
export function classifyPrincipal(principal: string): RequestPrincipal | null {
  if (principal === lastText && last !== undefined) return last;
  let p = cache.get(principal);
  if (!p) {
    const parsed = classify(principal);
    if (parsed === null) return null;
    const head = utf8.encode(principal);
    const bytes = new Uint8Array(head.length + parsed.account.length);
    bytes.set(head);
    bytes.set(utf8.encode(parsed.account), head.length);
    p = { ...parsed, bytes, principalBytes: head.length };
    // The key's UTF-16 and the bytes; the record itself is small and fixed.
    const cost = 2 * principal.length + bytes.length;
    if (cache.size >= MAX_PRINCIPALS || cacheBytes + cost > MAX_PRINCIPAL_BYTES) {
      cache.clear();
      cacheBytes = 0;
    }
    cache.set(principal, p);
    cacheBytes += cost;
  }
  lastText = principal;
  last = p;
  return p;
}

/** What the principal cache holds, for tests of its bounds. */
export function principalCacheSize(): { entries: number; bytes: number } {
  return { entries: cache.size, bytes: cacheBytes };
}
