/**
 * @module analyzer/checks/document
 * The document as a whole: JSON syntax, the top-level elements, `Version`, `Statement`, unique
 * Sids and the size quotas. Sources: AWS's "IAM policy validation check reference" (each code's
 * heading), "Grammar of the IAM JSON policy language", "IAM JSON policy element reference:
 * Version" and "IAM and AWS STS quotas" / "Quotas and service limits for AWS Organizations".
 */
import type { Diagnostic } from "../../policy/types.ts";
import type { ObjectNode } from "../../policy/json.ts";
import type { PolicyContext, StatementView } from "../context.ts";
import type { FindingSink } from "../findings.ts";
import { keyAt, member, valueAt, type At } from "../tree.ts";

/** "Grammar of the IAM JSON policy language": policy = { version?, id?, statement }. */
const TOP = new Set(["Version", "Id", "Statement"]);
const VERSIONS = ["2012-10-17", "2008-10-17"];

/** A parse failure as Access Analyzer reports it: "Fix the JSON syntax error at index ... line ... column ...". */
export function reportParse(sink: FindingSink, diagnostics: readonly Diagnostic[]): void {
  for (const d of diagnostics) {
    const span = d.span ?? { start: { line: 1, column: 0, offset: 0 }, end: { line: 1, column: 0, offset: 0 } };
    const at: At = { node: { type: "null" }, path: [], span };
    if (d.code === "NOT_AN_OBJECT") sink.add("DATA_TYPE_MISMATCH", at, { data_type: "object" });
    else sink.add("JSON_SYNTAX_ERROR", at, { index: String(span.start.offset), line: String(span.start.line), column: String(span.start.column + 1) });
  }
}

/** Top-level elements, Version and Statement; returns the statements' locations. */
export function checkDocument(ctx: PolicyContext, root: At): At[] {
  const obj = root.node as ObjectNode;
  for (const m of obj.members) {
    if (!TOP.has(m.key)) ctx.sink.add("INVALID_POLICY_ELEMENT", keyAt(root, m), { element: m.key });
  }
  checkVersion(ctx, root, obj);
  const statement = member(obj, "Statement");
  if (!statement) {
    ctx.sink.add("MISSING_STATEMENT", root);
    return [];
  }
  const at = valueAt(root, statement);
  if (at.node.type === "object") return [at];
  if (at.node.type !== "array") {
    ctx.sink.add("DATA_TYPE_MISMATCH", at, { data_type: "array" });
    return [];
  }
  if (at.node.items.length === 0) ctx.sink.add("MISSING_STATEMENT", at);
  const out: At[] = [];
  at.node.items.forEach((node, index) => {
    const item: At = { node, path: [...at.path, { index }] };
    if (node.type === "object") out.push(item);
    else ctx.sink.add("DATA_TYPE_MISMATCH", item, { data_type: "object" });
  });
  return out;
}

function checkVersion(ctx: PolicyContext, root: At, obj: ObjectNode): void {
  const version = member(obj, "Version");
  if (!version) {
    // "General Warning – Missing version": IAM then applies 2008-10-17 rules (no variables).
    ctx.sink.add("MISSING_VERSION", root);
    return;
  }
  const at = valueAt(root, version);
  if (at.node.type !== "string") ctx.sink.add("DATA_TYPE_MISMATCH", at, { data_type: "string" });
  else if (!VERSIONS.includes(at.node.value)) ctx.sink.add("INVALID_VERSION", at, { version: at.node.value, versions: VERSIONS.join(", ") });
}

/**
 * Sids must be unique ("IAM JSON policy element reference: Sid": "must be unique within a
 * JSON policy"): an error in identity policies and SCPs ("Unique Sids required"), a warning in
 * resource policies, where some services accept duplicates ("Unique Sids recommended").
 */
export function checkUniqueSids(ctx: PolicyContext, statements: readonly StatementView[]): void {
  const seen = new Set<string>();
  for (const s of statements) {
    if (s.sid === undefined || s.sid === "") continue;
    if (seen.has(s.sid)) {
      const sid = s.at.node.type === "object" ? member(s.at.node, "Sid") : undefined;
      const at = sid ? valueAt(s.at, sid) : s.at;
      ctx.sink.add(ctx.policyType === "RESOURCE_POLICY" ? "UNIQUE_SIDS_RECOMMENDED" : "UNIQUE_SIDS_REQUIRED", at);
    }
    seen.add(s.sid);
  }
}

/**
 * Size quotas, characters without whitespace outside strings ("IAM and AWS STS quotas": managed
 * policy 6,144, role trust policy 2,048 by default; "Quotas and service limits for AWS
 * Organizations": SCP 5,120; the largest common resource policy, an S3 bucket policy, 20 KB).
 */
export function checkSize(ctx: PolicyContext, root: At): void {
  const size = nonWhitespaceLength(ctx.text);
  const at = root;
  if (ctx.policyType === "SERVICE_CONTROL_POLICY" && size > 5120) {
    ctx.sink.add("POLICY_SIZE_EXCEEDS_SCP_QUOTA", at, { policySize: String(size), policySizeQuota: "5120" });
  } else if (ctx.policyType === "IDENTITY_POLICY" && size > 6144) {
    ctx.sink.add("POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA", at, { policySize: String(size), policySizeQuota: "6144" });
  } else if (ctx.trust && size > 2048) {
    ctx.sink.add("POLICY_SIZE_EXCEEDS_ROLE_TRUST_POLICY_QUOTA", at);
  } else if (ctx.policyType === "RESOURCE_POLICY" && !ctx.trust && size > 20480) {
    ctx.sink.add("POLICY_SIZE_EXCEEDS_RESOURCE_POLICY_QUOTA", at, { policySize: String(size), policySizeQuota: "20480" });
  }
}

/** Characters that are not whitespace outside JSON strings (whitespace inside strings counts). */
function nonWhitespaceLength(text: string): number {
  let n = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      n++;
      if (c === 0x5c) {
        n++;
        i++;
      } else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
      n++;
    } else if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) n++;
  }
  return n;
}
