/**
 * @module engine/principal
 * Reads the request's principal string into the fields the core matches on: its type, its
 * account and, for a role session, the role's ARN. This is parsing, not derivation: nothing is
 * invented beyond what the string (and `aws:PrincipalArn`, when given) says. Forms follow
 * "IAM identifiers" and "AWS JSON policy elements: Principal".
 */
import * as A from "./abi.ts";

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

const ARN = /^arn:([a-z0-9-]+):(iam|sts)::(\d{12}):(.+)$/;
/** Web identity and SAML providers that appear as `Federated` principals. */
const WEB_IDENTITY = new Set(["cognito-identity.amazonaws.com", "accounts.google.com", "graph.facebook.com", "www.amazon.com"]);

const cache = new Map<string, RequestPrincipal>();

function classify(principal: string): Parsed {
  const m = ARN.exec(principal);
  if (m) {
    const [, partition, service, account, rest] = m;
    if (service === "iam") {
      if (rest === "root") return { type: A.RP_ROOT, account, roleArn: "" };
      if (rest.startsWith("user/")) return { type: A.RP_USER, account, roleArn: "" };
      // A role ARN given as the caller stands for a session of that role.
      if (rest.startsWith("role/")) return { type: A.RP_ROLE_SESSION, account, roleArn: principal };
      if (rest.startsWith("oidc-provider/") || rest.startsWith("saml-provider/")) return { type: A.RP_FEDERATED, account, roleArn: "" };
      if (rest.startsWith("federated-user/")) return { type: A.RP_FEDERATED_USER, account, roleArn: "" };
    } else {
      const session = /^assumed-role\/([^/]+)\/.+$/.exec(rest);
      // The session ARN drops the role's path ("IAM identifiers"); without aws:PrincipalArn
      // the role is taken to have the path `/`.
      if (session) return { type: A.RP_ROLE_SESSION, account, roleArn: `arn:${partition}:iam::${account}:role/${session[1]}` };
      if (rest.startsWith("federated-user/")) return { type: A.RP_FEDERATED_USER, account, roleArn: "" };
    }
    return { type: A.RP_OTHER, account, roleArn: "" };
  }
  if (/^\d{12}$/.test(principal)) return { type: A.RP_ROOT, account: principal, roleArn: "" };
  if (principal === "" || principal === "*" || principal === "anonymous") return { type: A.RP_ANONYMOUS, account: "", roleArn: "" };
  if (WEB_IDENTITY.has(principal)) return { type: A.RP_FEDERATED, account: "", roleArn: "" };
  if (/^[a-z0-9.-]+\.amazonaws\.com(\.cn)?$/.test(principal)) return { type: A.RP_SERVICE, account: "", roleArn: "" };
  if (/^[0-9a-f]{64}$/.test(principal)) return { type: A.RP_CANONICAL, account: "", roleArn: "" };
  return { type: A.RP_OTHER, account: "", roleArn: "" };
}

/** The last principal classified: consecutive requests usually come from the same caller. */
let lastText = "";
let last: RequestPrincipal | undefined;

/** Classifies `principal`, memoized: requests repeat few principals. */
export function classifyPrincipal(principal: string): RequestPrincipal {
  if (principal === lastText && last !== undefined) return last;
  let p = cache.get(principal);
  if (!p) {
    if (cache.size >= 1024) cache.clear();
    const parsed = classify(principal);
    const head = utf8.encode(principal);
    const bytes = new Uint8Array(head.length + parsed.account.length);
    bytes.set(head);
    bytes.set(utf8.encode(parsed.account), head.length);
    p = { ...parsed, bytes, principalBytes: head.length };
    cache.set(principal, p);
  }
  lastText = principal;
  last = p;
  return p;
}
