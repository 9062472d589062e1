/**
 * @module eval/principal
 * Matches a statement's Principal / NotPrincipal against the request's principal, and says
 * how the match limits a same-account resource-policy Allow ("Permissions boundaries for IAM
 * entities", table of principals; "AWS JSON policy elements: Principal"):
 * - MATCH_UNLIMITED: `*`, a user ARN, an assumed-role session ARN, a federated-user ARN, a
 *   service, a federated provider or a canonical user named directly;
 * - MATCH_ROLE: the role ARN, for a request from a session of that role (limited by the
 *   boundary and the session policy);
 * - MATCH_ACCOUNT: the account (id or `:root` ARN), which delegates to the account's own
 *   identity policies.
 */
import {
  P_TYPE, P_PTR, P_LEN, PRINCIPAL_SIZE, LIST_HEADER, PT_STAR, PT_ACCOUNT, PT_USER, PT_ROLE, PT_SESSION,
  PT_FEDERATED_USER, PT_OTHER_AWS, PT_SERVICE, PT_FEDERATED, PT_CANONICAL,
  R_PRINCIPAL_TYPE, R_PRINCIPAL, R_PRINCIPAL_ACCOUNT, R_ROLE_ARN,
  RP_USER, RP_ROLE_SESSION, RP_ROOT, RP_FEDERATED_USER, RP_SERVICE, RP_FEDERATED, RP_CANONICAL, RP_ANONYMOUS,
} from "../abi";
import { bytesEqual } from "../match/wildcard";
import { base } from "./context";

export const MATCH_NONE: i32 = 0;
export const MATCH_UNLIMITED: i32 = 1;
export const MATCH_ROLE: i32 = 2;
export const MATCH_ACCOUNT: i32 = 3;

@inline function field(off: u32): usize {
  return base + load<u32>(base + off);
}
@inline function fieldLen(off: u32): i32 {
  return <i32>load<u32>(base + off + 4);
}

/** Whether the entry's text equals the request field at `off`. */
@inline function equalsField(img: usize, entry: usize, off: u32): bool {
  return bytesEqual(img + load<u32>(entry + P_PTR), <i32>load<u32>(entry + P_LEN), field(off), fieldLen(off), false);
}

/** Principal types that belong to an AWS account (an account principal covers them). */
@inline function inAccount(t: u32): bool {
  return t == RP_USER || t == RP_ROLE_SESSION || t == RP_ROOT || t == RP_FEDERATED_USER;
}

/** How one principal entry matches the request, MATCH_NONE when it does not. */
function matchEntry(img: usize, entry: usize): i32 {
  // INVARIANT: entry is a principal record inside the image.
  const type = load<u32>(entry + P_TYPE);
  const rt = load<u32>(base + R_PRINCIPAL_TYPE);
  switch (type) {
    case PT_STAR: return MATCH_UNLIMITED;
    case PT_ACCOUNT:
      return inAccount(rt) && equalsField(img, entry, R_PRINCIPAL_ACCOUNT) ? MATCH_ACCOUNT : MATCH_NONE;
    case PT_USER:
      return rt == RP_USER && equalsField(img, entry, R_PRINCIPAL) ? MATCH_UNLIMITED : MATCH_NONE;
    case PT_ROLE:
      return rt == RP_ROLE_SESSION && equalsField(img, entry, R_ROLE_ARN) ? MATCH_ROLE : MATCH_NONE;
    case PT_SESSION:
      return rt == RP_ROLE_SESSION && equalsField(img, entry, R_PRINCIPAL) ? MATCH_UNLIMITED : MATCH_NONE;
    case PT_FEDERATED_USER:
      return rt == RP_FEDERATED_USER && equalsField(img, entry, R_PRINCIPAL) ? MATCH_UNLIMITED : MATCH_NONE;
    case PT_SERVICE:
      return rt == RP_SERVICE && equalsField(img, entry, R_PRINCIPAL) ? MATCH_UNLIMITED : MATCH_NONE;
    case PT_FEDERATED:
      return rt == RP_FEDERATED && equalsField(img, entry, R_PRINCIPAL) ? MATCH_UNLIMITED : MATCH_NONE;
    case PT_CANONICAL:
      return rt == RP_CANONICAL && equalsField(img, entry, R_PRINCIPAL) ? MATCH_UNLIMITED : MATCH_NONE;
    default: // PT_OTHER_AWS: unique ids and the like, compared exactly
      return rt != RP_ANONYMOUS && equalsField(img, entry, R_PRINCIPAL) ? MATCH_UNLIMITED : MATCH_NONE;
  }
}

/** The least limiting match of any entry in the list (MATCH_UNLIMITED < MATCH_ROLE < MATCH_ACCOUNT). */
export function matchPrincipal(img: usize, list: usize): i32 {
  const n = load<u32>(list);
  let best = MATCH_NONE;
  for (let i: u32 = 0; i < n; i++) {
    const m = matchEntry(img, list + LIST_HEADER + i * PRINCIPAL_SIZE);
    if (m == MATCH_UNLIMITED) return m;
    if (m != MATCH_NONE && (best == MATCH_NONE || m < best)) best = m;
  }
  return best;
}

/**
 * Whether NotPrincipal excludes the request's principal. AWS evaluates NotPrincipal against
 * every principal in the caller's chain, so each must be listed: the account, and for a user
 * its ARN, for a role session the role ARN and the session ARN ("AWS JSON policy elements:
 * NotPrincipal", "NotPrincipal with Deny"). `*` excludes everyone.
 */
export function notPrincipalExcludes(img: usize, list: usize): bool {
  const n = load<u32>(list);
  const rt = load<u32>(base + R_PRINCIPAL_TYPE);
  let account = false, direct = false, role = false;
  for (let i: u32 = 0; i < n; i++) {
    const entry = list + LIST_HEADER + i * PRINCIPAL_SIZE;
    const m = matchEntry(img, entry);
    if (m == MATCH_NONE) continue;
    const type = load<u32>(entry + P_TYPE);
    if (type == PT_STAR) return true;
    if (m == MATCH_ACCOUNT) account = true;
    else if (m == MATCH_ROLE) role = true;
    else direct = true;
  }
  if (rt == RP_ROOT) return account;
  if (rt == RP_USER || rt == RP_FEDERATED_USER) return account && direct;
  if (rt == RP_ROLE_SESSION) return account && role && direct;
  return direct;
}
