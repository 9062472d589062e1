/**
 * @module iam/policy-document
 * The checks IAM applies to the policy documents its operations take (CreatePolicy,
 * CreatePolicyVersion, Put{User,Group,Role}Policy, CreateRole, UpdateAssumeRolePolicy), shared
 * by the operation files:
 * - input as a JS object, JSON text or URL-encoded JSON text (the engine reads all three; the
 *   decoded JSON text is what the store keeps);
 * - validated by the engine for the right kind (`identity` for managed and inline policies,
 *   `trust` for trust policies); errors become IamError `MalformedPolicyDocument` carrying the
 *   engine's `diagnostics`, with IAM's own checks of new documents (`iamChecks`) and IAM's own
 *   message (malformed-message.ts);
 * - `Version` must be 2012-10-17 for identity documents: IAM answers "Policy document must be
 *   version 2012-10-17 or greater." (moto `iam/policy_validation.py`, which models IAM's answers;
 *   "IAM JSON policy elements: Version");
 * - size quotas, whitespace not counted ("IAM and AWS STS quotas", IAM object quotas): managed
 *   policy 6,144; inline policies, aggregate per entity: user 2,048, group 5,120, role 10,240;
 *   role trust policy 2,048. Over quota is `LimitExceeded`, as IAM answers.
 */
import type { AccountState } from "./account-state.ts";
import { IamError } from "./errors.ts";
import { malformedMessage } from "./malformed-message.ts";

/** Size quotas in characters, whitespace not counted ("IAM and AWS STS quotas"). */
export const POLICY_QUOTAS = {
  managed: 6144,
  inline: { user: 2048, group: 5120, role: 10240 },
  trust: 2048,
} as const;

/** Any IAM document is far smaller; the engine's own ceiling (1 MiB of text) applies beyond this. */
const NO_ENGINE_QUOTA = 1_000_000;

export interface CheckedDocument {
  /** The decoded JSON text (what IAM stores and returns, URL-encoded, on the wire). */
  text: string;
  /** Characters, whitespace not counted. */
  size: number;
}

/** Characters of a policy text as IAM counts them: whitespace (space, tab, CR, LF) is not counted. */
export function policySize(text: string): number {
  let size = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) size++;
  }
  return size;
}

/**
 * The decoded text of a document: JSON.stringify for objects; text as given, URL-decoded when it
 * is URL-encoded (same rule as the engine's reader, js/policy/input.ts: text that does not start
 * with `{` once trimmed and contains `%`). Call only on a document the engine accepted.
 */
export function documentText(input: unknown): string {
  if (typeof input !== "string") return JSON.stringify(input);
  if (!input.trim().startsWith("{") && input.includes("%")) return decodeURIComponent(input);
  return input;
}

/**
 * How the IAM API returns a stored document: URL-encoded per RFC 3986 (IAM API Reference,
 * PolicyVersion.Document, GetRolePolicy.PolicyDocument, Role.AssumeRolePolicyDocument).
 * `decodeURIComponent` gives the stored text back; the engine reads either form.
 */
export function encodeDocument(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export interface DocumentCheck {
  /** `identity` for managed and inline policies, `trust` for a role's trust policy. */
  kind: "identity" | "trust";
  /** The request field, for messages (`PolicyDocument`, `AssumeRolePolicyDocument`). */
  field: string;
}

/**
 * Validates a document as IAM does and returns its decoded text and size. Size quotas are left
 * to the caller (they differ: managed, inline aggregate, trust), see checkManagedSize and co.
 * Throws ValidationError (missing), MalformedPolicyDocument (engine errors, or a Version other
 * than 2012-10-17 for identity documents).
 */
export function checkPolicyDocument(account: AccountState, input: unknown, check: DocumentCheck): CheckedDocument {
  if (input === undefined || input === null || input === "") {
    throw new IamError("ValidationError", `1 validation error detected: Value at '${lcFirst(check.field)}' failed to satisfy constraint: Member must not be null`);
  }
  // With IAM's own checks of new documents (a Resource that is not an ARN, an unknown partition, ...).
  const diagnostics = account.engine.validate(input, { kind: check.kind, maxSize: NO_ENGINE_QUOTA, iamChecks: true });
  const errors = diagnostics.filter((d) => d.severity === "error");
  // The engine accepts 2008-10-17 and a missing Version (with a warning); IAM's own create/put
  // operations do not, for identity documents.
  const old = check.kind === "identity" ? diagnostics.filter((d) => d.code === "MISSING_VERSION" || d.code === "OLD_VERSION") : [];
  if (errors.length > 0 || old.length > 0) {
    throw new IamError("MalformedPolicyDocument", malformedMessage(errors, input, old.length > 0), errors.length > 0 ? errors : old);
  }
  const text = documentText(input);
  return { text, size: policySize(text) };
}

/** Managed policy (and each version): 6,144. IAM: "Cannot exceed quota for PolicySize: 6144". */
export function checkManagedSize(doc: CheckedDocument): void {
  if (doc.size > POLICY_QUOTAS.managed) {
    throw new IamError("LimitExceeded", `Cannot exceed quota for PolicySize: ${POLICY_QUOTAS.managed}`);
  }
}

/** Role trust policy: 2,048. IAM: "Cannot exceed quota for ACLSizePerRole: 2048". */
export function checkTrustSize(doc: CheckedDocument): void {
  if (doc.size > POLICY_QUOTAS.trust) {
    throw new IamError("LimitExceeded", `Cannot exceed quota for ACLSizePerRole: ${POLICY_QUOTAS.trust}`);
  }
}

/**
 * Inline policies, aggregate per entity: the sizes of the entity's other inline policies plus the
 * new one must fit. IAM: "Maximum policy size of 2048 bytes exceeded for user alice".
 */
export function checkInlineAggregate(
  entity: "user" | "group" | "role", name: string,
  others: readonly { PolicyDocument: string }[], doc: CheckedDocument,
): void {
  const limit = POLICY_QUOTAS.inline[entity];
  const total = others.reduce((n, p) => n + policySize(p.PolicyDocument), doc.size);
  if (total > limit) {
    throw new IamError("LimitExceeded", `Maximum policy size of ${limit} bytes exceeded for ${entity} ${name}`);
  }
}

function lcFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}
