/**
 * @module cli/format
 * Human-readable output. Positions print as `file:line:column` with both numbers 1-based, the
 * way compilers and editors count (the engine's spans have 0-based columns, as Access Analyzer
 * reports them; `--json` output keeps the engine's numbers unchanged). Every value that comes
 * from input (file names, messages quoting policy text, Sids, keys) goes through `printable`.
 */
import type { AuthorizationResult, Diagnostic, MatchedStatement, ReasonCode, Span } from "../index.ts";
import { printable } from "./printable.ts";

/** Where output goes; main.ts passes process.stdout/stderr, tests may pass buffers. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
}

/** `file:line:column`, 1-based; `file` alone without a span; `line:column` without a file. */
export function where(file: string, span: Span | undefined): string {
  if (!span) return printable(file);
  return `${file ? `${printable(file)}:` : ""}${span.start.line}:${span.start.column + 1}`;
}

/** One diagnostic per line: `file:line:column severity CODE message` (`line:column ...` without a file). */
export function formatDiagnostic(file: string, d: Diagnostic): string {
  const at = !d.span && d.path ? ` (at ${printable(d.path)})` : "";
  const place = where(file, d.span);
  return `${place ? `${place} ` : ""}${d.severity} ${d.code} ${printable(d.message)}${at}`;
}

export function formatDiagnostics(file: string, diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((d) => formatDiagnostic(file, d));
}

/** Every reason code in words (test/unit/cli/reason-text.test.ts fails on a code without one). */
const REASON_TEXT: Record<ReasonCode, string> = {
  ExplicitDeny: "a Deny statement matched",
  IdentityAllow: "an identity policy allows",
  ResourceAllow: "the resource policy allows",
  RootUser: "the account's root user",
  NoAllow: "no statement allows",
  ScpNoAllow: "no SCP allows at level {level}",
  RcpNoAllow: "no RCP allows at level {level}",
  BoundaryNoAllow: "the permissions boundary does not allow",
  SessionNoAllow: "no session policy allows",
  TrustPolicyNoAllow: "the trust policy does not allow",
  CrossAccountNoResourceAllow: "cross-account: the resource policy does not allow",
  CrossAccountNoIdentityAllow: "cross-account: no identity policy allows",
  BadInput: "bad input",
  // Rules services add (docs/semantics.md "Service rules").
  NoPermissionRequired: "sts:GetCallerIdentity needs no permission, whatever the policies say",
  KeyPolicyNoAllow: "the KMS key policy does not allow (IAM policies count only where it lets them)",
  FederatedUserNoSessionPolicy: "a federated user's session without a session policy is allowed nothing",
  UnmodifiableEntity: "a change IAM refuses whatever the policies say (AWS managed policy or protected role)",
  ReservedAlias: "the alias/aws/ prefix is reserved for AWS managed keys",
  ScpExemptServiceLinkedRole: "the SCPs would deny, but they do not apply to service-linked roles",
  RcpExemptAwsManagedKey: "the RCPs would deny, but they do not apply to AWS managed keys",
};

export function reasonText(reason: AuthorizationResult["reason"]): string {
  const text = (REASON_TEXT as Record<string, string | undefined>)[reason.code] ?? reason.code;
  return text.replace("{level}", String(reason.level ?? "?"));
}

/**
 * The engine's result for people:
 * ```
 * Allow (IdentityAllow: an identity policy allows)
 *   by identity policy p.json:4:5 statement 0, Sid ReadReports (Allow)
 * ```
 * `fileOf` maps a policy id back to the file it came from.
 */
export function formatAuthorization(result: AuthorizationResult, fileOf: (policyId: string) => string): string[] {
  const lines = [`${result.decision} (${result.reason.code}: ${reasonText(result.reason)})`];
  for (const m of result.matchedStatements) lines.push(`  by ${statementText(m, fileOf(m.policyId))}`);
  if (result.missingContextValues.length) lines.push(`  missing context values: ${result.missingContextValues.map(printable).join(", ")}`);
  return lines;
}

function statementText(m: MatchedStatement, file: string): string {
  const sid = m.sid !== undefined && m.sid !== "" ? `, Sid ${printable(m.sid)}` : "";
  return `${m.kind} policy ${where(file, m.span)} statement ${m.statementIndex}${sid} (${m.effect})`;
}
