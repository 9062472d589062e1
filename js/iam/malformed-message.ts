/**
 * @module iam/malformed-message
 * IAM's own message for a policy document it refuses (`MalformedPolicyDocument`), chosen from
 * the validator's findings. IAM reports one problem, the first in the order it checks them:
 * syntax, then Version, then what its older ("legacy") parser cannot read, then Sid
 * uniqueness, actions, resource ARNs, action prefixes and resources; trust policies then their
 * own rules. The texts are IAM's answers as recorded by moto's IAM tests (Apache-2.0; used as a
 * checklist of IAM's messages, not copied) and in public bug reports ("Invalid principal in
 * policy", "Policy document should not specify a principal"). A finding IAM has no known text
 * for keeps the validator's own message, with its position. The diagnostics themselves travel
 * unchanged on the IamError.
 */
import type { Diagnostic } from "../policy/types.ts";
import { toDocument } from "../policy/input.ts";
import type { JsonNode } from "../policy/json.ts";
import { IAM_RESOURCE_TYPES, PARTITIONS } from "../policy/validate/iam-resource.ts";

const SYNTAX = "Syntax errors in policy.";
const VERSION = "Policy document must be version 2012-10-17 or greater.";
const LEGACY = "The policy failed legacy parsing";

/** IAM's order of checks: a lower rank is reported first. */
const RANK = {
  syntax: 1, version: 2, principal: 3, legacy: 4, sid: 5, actions: 6, resource: 7, actionPrefix: 8, resources: 9, trust: 10,
  unknown: 99,
} as const;

interface Candidate { rank: number; message: string }

/** Codes IAM answers "Syntax errors in policy." for (the grammar's shape). */
const SYNTAX_CODES = new Set([
  "JSON_SYNTAX", "JSON_DUPLICATE_KEY", "JSON_TOO_DEEP", "DUPLICATE_KEY_DIFFERENT_CASE", "INVALID_JS_VALUE", "NOT_AN_OBJECT",
  "INVALID_URL_ENCODING", "UNKNOWN_ELEMENT", "WRONG_TYPE", "INVALID_VERSION", "MISSING_STATEMENT", "EMPTY_STATEMENT",
  "MISSING_EFFECT", "ACTION_AND_NOTACTION", "RESOURCE_AND_NOTRESOURCE", "UNKNOWN_OPERATOR", "PRINCIPAL_AND_NOTPRINCIPAL",
]);

/**
 * IAM's message for a refused document: the first problem in IAM's order. `version` is true when
 * the document's Version is not 2012-10-17 and IAM requires it (identity documents).
 */
export function malformedMessage(errors: readonly Diagnostic[], input: unknown, version: boolean): string {
  let doc: JsonNode | undefined | null = null;
  const valueAt = (path: string) => {
    if (doc === null) doc = toDocument(input).root;
    return stringAt(doc, path);
  };
  let best: Candidate | undefined = version ? { rank: RANK.version, message: VERSION } : undefined;
  let fallback: Diagnostic | undefined;
  for (const d of errors) {
    const c = candidate(d, valueAt);
    if (!c) {
      fallback ??= d;
      continue;
    }
    if (!best || c.rank < best.rank) best = c;
  }
  if (best) return best.message;
  return fallback ? ownMessage(fallback, errors.length) : SYNTAX;
}

/** The validator's own message, with where it is (the model's message before IAM's texts). */
function ownMessage(d: Diagnostic, count: number): string {
  const where = d.span ? ` (line ${d.span.start.line}, column ${d.span.start.column})` : d.path ? ` (at ${d.path})` : "";
  const more = count > 1 ? ` (and ${count - 1} more)` : "";
  return `${d.message}${where}${more}`;
}

function candidate(d: Diagnostic, valueAt: (path: string) => string | undefined): Candidate | undefined {
  if (SYNTAX_CODES.has(d.code)) return { rank: RANK.syntax, message: SYNTAX };
  const element = elementOf(d.path);
  switch (d.code) {
    case "INVALID_EFFECT":
      // "allow" or "deny" in another case passes the grammar but not the older parser.
      return /^(allow|deny)$/i.test(valueAt(d.path) ?? "") ? { rank: RANK.legacy, message: LEGACY } : { rank: RANK.syntax, message: SYNTAX };
    case "PRINCIPAL_NOT_ALLOWED": return { rank: RANK.principal, message: "Policy document should not specify a principal." };
    case "INVALID_CONDITION_VALUE": return /\/Condition\/(ForAllValues:|ForAnyValue:)?Date/i.test(d.path) ? { rank: RANK.legacy, message: LEGACY } : undefined;
    case "DUPLICATE_SID": return { rank: RANK.sid, message: "Statement IDs (SID) in a single policy must be unique." };
    case "MISSING_ACTION": return { rank: RANK.actions, message: "Policy statement must contain actions." };
    case "MISSING_RESOURCE": return { rank: RANK.resources, message: "Policy statement must contain resources." };
    case "EMPTY_ARRAY":
      if (element === "Action" || element === "NotAction") return { rank: RANK.actions, message: "Policy statement must contain actions." };
      if (element === "Resource" || element === "NotResource") return { rank: RANK.resources, message: "Policy statement must contain resources." };
      return undefined;
    case "INVALID_ACTION": return actionCandidate(valueAt(d.path));
    case "INVALID_RESOURCE": case "RESOURCE_NOT_ARN": case "UNKNOWN_PARTITION": case "REGION_NOT_ALLOWED": case "INVALID_IAM_RESOURCE":
      return resourceCandidate(d.code, valueAt(d.path));
    case "TRUST_ACTION_NOT_ALLOWED":
      return { rank: RANK.trust, message: "Trust Policy statement actions can only be sts:AssumeRole, sts:AssumeRoleWithSAML,  and sts:AssumeRoleWithWebIdentity" };
    case "RESOURCE_NOT_ALLOWED": return { rank: RANK.trust + 1, message: "Has prohibited field Resource." };
    case "MISSING_PRINCIPAL": return { rank: RANK.trust + 2, message: "Missing required field Principal" };
    case "INVALID_PRINCIPAL": return principalCandidate(d.path, valueAt(d.path));
    default: return undefined;
  }
}

/** IAM's action prefix messages; other action findings keep the validator's message. */
function actionCandidate(action: string | undefined): Candidate | undefined {
  if (action === undefined || action === "*") return undefined;
  const parts = action.split(":");
  if (parts.length === 1) return { rank: RANK.actionPrefix, message: "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc." };
  if (parts.length > 2) return { rank: RANK.actionPrefix, message: "Actions/Condition can contain only one colon." };
  if (/[^A-Za-z0-9.-]/.test(parts[0])) return { rank: RANK.actionPrefix, message: `Vendor ${parts[0]} is not valid` };
  return undefined;
}

/** IAM's resource messages, by what is wrong with the value. */
function resourceCandidate(code: string, r: string | undefined): Candidate | undefined {
  if (r === undefined) return undefined;
  const parts = r.split(":");
  const partition = parts[1] ?? "";
  const at = (message: string): Candidate => ({ rank: RANK.resource, message });
  switch (code) {
    case "RESOURCE_NOT_ARN":
      if (parts.length < 2) return at(`Resource ${r} must be in ARN format or "*".`);
      if (parts.length < 3) return at("Resource vendor must be fully qualified and cannot contain regexes.");
      return { rank: RANK.legacy, message: LEGACY };
    case "UNKNOWN_PARTITION": return at(partitionMessage(parts));
    case "REGION_NOT_ALLOWED":
      return at(parts[2] === "iam" ? `IAM resource ${r} cannot contain region information.` : `Resource ${r} can not contain region information.`);
    case "INVALID_IAM_RESOURCE": return at(`IAM resource path must either be "*" or start with ${IAM_RESOURCE_TYPES.join(", ")}.`);
    default:
      // INVALID_RESOURCE (an error): a partition IAM does not know, or a six-part value its older parser refuses.
      return partition !== "*" && !PARTITIONS.includes(partition) ? at(partitionMessage(parts)) : { rank: RANK.legacy, message: LEGACY };
  }
}

/** `Partition "P" is not valid for resource "arn:P:SERVICE:REGION:ACCOUNT:RESOURCE".`, absent parts as `*`. */
function partitionMessage(parts: string[]): string {
  const p = parts[1] ?? "";
  const rest = parts.slice(2);
  const part = (i: number) => (rest.length > i && (rest[i] !== "" || rest.length > 1) ? rest[i] : "*");
  const resource = rest.length > 3 ? rest.slice(3).join(":") : "*";
  return `Partition "${p}" is not valid for resource "arn:${p}:${part(0)}:${part(1)}:${part(2)}:${resource}".`;
}

/** `Invalid principal in policy: "AWS":"arn:..."` (IAM writes the type in capitals). */
function principalCandidate(path: string, value: string | undefined): Candidate | undefined {
  const type = /\/(?:Not)?Principal\/(AWS|Service|Federated|CanonicalUser)(?:\/\d+)?$/.exec(path)?.[1];
  if (!type || value === undefined) return undefined;
  return { rank: RANK.trust + 3, message: `Invalid principal in policy: "${type.toUpperCase()}":"${value}"` };
}

/** The statement element a diagnostic path points into (`/Statement/0/Action/1` → `Action`). */
function elementOf(path: string): string | undefined {
  return /^\/Statement(?:\/\d+)?\/([^/]+)/.exec(path)?.[1];
}

/** The string at a JSON Pointer, if there is one (the last of duplicate keys, as the engine reads it). */
function stringAt(root: JsonNode | undefined, path: string): string | undefined {
  let node = root;
  for (const raw of path.split("/").slice(1)) {
    const token = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (node?.type === "object") node = [...node.members].reverse().find((m) => m.key === token)?.value;
    else if (node?.type === "array") node = node.items[Number(token)];
    else return undefined;
  }
  return node?.type === "string" ? node.value : undefined;
}
