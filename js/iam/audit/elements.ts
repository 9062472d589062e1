/**
 * @module iam/audit/elements
 * requestParameters and responseElements: a request or response in CloudTrail's lowerCamelCase,
 * policy documents as JSON text, fields that carry secrets dropped (and collected, for the
 * last-line scrub).
 */
import { lcFirst } from "./names.ts";

/** Fields that carry secrets (compared lowercased): never logged. */
const SECRET_FIELDS = new Set([
  "password", "oldpassword", "newpassword", "authenticationcode1", "authenticationcode2", "tokencode", "webidentitytoken",
  "samlassertion", "sessiontoken", "secretaccesskey", "base32stringseed", "qrcodepng", "privatekey", "clientsecret",
  "hash", "salt", "sessionkey",
]);
/** Private and symmetric members of a JSON Web Key (RFC 7518 section 6). */
const JWK_PRIVATE = new Set(["d", "p", "q", "dp", "dq", "qi", "oth", "k"]);
/** Policy documents: logged as JSON text, as given (not camel-cased inside). */
const DOCUMENT_FIELDS = new Set(["PolicyDocument", "AssumeRolePolicyDocument", "Document", "PolicyInputList", "PermissionsBoundaryPolicyInputList", "ResourcePolicy"]);

function documentValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(documentValue);
  if (value !== null && typeof value === "object") {
    try {
      return JSON.stringify(value);
    } catch {
      return undefined;
    }
  }
  return value;
}

/** A request or response in CloudTrail's lowerCamelCase, secrets dropped; undefined for what JSON cannot hold. */
function elements(value: unknown, side: "request" | "response", depth = 0): unknown {
  if (depth > 32) return undefined;
  if (value === null || typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "number") return Number.isFinite(value) ? value : undefined;
  if (typeof value === "bigint") return value.toString();
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.toISOString().replace(/\.\d{3}Z$/, "Z");
  if (typeof value !== "object" || ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return undefined;
  if (Array.isArray(value)) return value.map((v) => elements(v, side, depth + 1) ?? null);
  const out: Record<string, unknown> = {};
  const jwk = typeof (value as { kty?: unknown }).kty === "string";
  for (const [key, v] of Object.entries(value)) {
    if (v === undefined || SECRET_FIELDS.has(key.toLowerCase())) continue;
    // A JWK's private members (a private key passed where a public one belongs).
    if (jwk && JWK_PRIVATE.has(key)) continue;
    const converted = DOCUMENT_FIELDS.has(key) || (side === "request" && key === "Policy") ? documentValue(v) : elements(v, side, depth + 1);
    if (converted !== undefined) out[lcFirst(key)] = converted;
  }
  return out;
}

export function elementsObject(value: unknown, side: "request" | "response"): Record<string, unknown> | null {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return null;
  const out = elements(value, side) as Record<string, unknown> | undefined;
  return out && Object.keys(out).length > 0 ? out : null;
}

/** String values under secret fields, anywhere in `value`. */
export function collectSecretValues(value: unknown, into: string[], depth = 0): void {
  if (depth > 32 || value === null || typeof value !== "object") return;
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return;
  for (const [key, v] of Object.entries(value)) {
    if (SECRET_FIELDS.has(key.toLowerCase())) {
      if (typeof v === "string" && v !== "") into.push(v);
      else if (typeof v === "number") into.push(String(v));
    } else {
      collectSecretValues(v, into, depth + 1);
    }
  }
}
