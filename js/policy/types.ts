/**
 * @module policy/types
 * The shapes shared by the policy layer: source positions, diagnostics, and the normalized
 * policy that validation produces and the encoder turns into a compiled image.
 */

/** The kinds of policy that take part in a decision. */
export type PolicyKind = "identity" | "resource" | "trust" | "boundary" | "session" | "scp" | "rcp";

export const POLICY_KINDS: readonly PolicyKind[] = ["identity", "resource", "trust", "boundary", "session", "scp", "rcp"];

/** A position in policy text: line 1-based, column and offset 0-based (UTF-16 code units), as Access Analyzer reports them. */
export interface Position {
  line: number;
  column: number;
  offset: number;
}

export interface Span {
  start: Position;
  end: Position;
}

/** Severities follow Access Analyzer's finding types. Only `error` makes a policy fail to compile. */
export type Severity = "error" | "security_warning" | "warning" | "suggestion";

export interface Diagnostic {
  severity: Severity;
  /** Stable code, e.g. `JSON_SYNTAX`, `MISSING_ACTION`; listed in docs/diagnostics.md. */
  code: string;
  /** Lowercase, no final period, user input in backticks. */
  message: string;
  /** JSON Pointer (RFC 6901) into the policy document, e.g. `/Statement/0/Action/1`. `""` is the whole document. */
  path: string;
  /** Where the text was given, the span of the offending node (or of the nearest node that exists). */
  span?: Span;
}

/** A principal named by `Principal` or `NotPrincipal`, normalized. */
export interface PrincipalSet {
  /** `"*"` or `{"AWS":"*"}`: everyone, anonymous included. */
  star: boolean;
  /** AWS principals: 12-digit account ids as given, or ARNs (root, user, role, assumed-role, federated-user). */
  aws: string[];
  service: string[];
  federated: string[];
  canonicalUser: string[];
}

/** One condition: `"<operator>": { "<key>": [values] }`, one entry per (operator, key) pair. */
export interface ConditionEntry {
  /** The operator as written, e.g. `ForAnyValue:StringLikeIfExists`. */
  operator: string;
  /** Parsed form of the operator. */
  base: ConditionBase;
  qualifier: "" | "ForAllValues" | "ForAnyValue";
  ifExists: boolean;
  /** Key as written; keys are compared case-insensitively. */
  key: string;
  /** Values as strings: JSON numbers and booleans are turned into their text, as AWS does. */
  values: string[];
  path: string;
  span?: Span;
}

/** The base operators of "IAM JSON policy elements: Condition operators". */
export type ConditionBase =
  | "StringEquals" | "StringNotEquals" | "StringEqualsIgnoreCase" | "StringNotEqualsIgnoreCase"
  | "StringLike" | "StringNotLike"
  | "NumericEquals" | "NumericNotEquals" | "NumericLessThan" | "NumericLessThanEquals"
  | "NumericGreaterThan" | "NumericGreaterThanEquals"
  | "DateEquals" | "DateNotEquals" | "DateLessThan" | "DateLessThanEquals"
  | "DateGreaterThan" | "DateGreaterThanEquals"
  | "Bool" | "BinaryEquals" | "IpAddress" | "NotIpAddress"
  | "ArnEquals" | "ArnLike" | "ArnNotEquals" | "ArnNotLike"
  | "Null";

export interface NormalizedStatement {
  /** Position in the Statement array (0 when Statement is a single object). */
  index: number;
  sid?: string;
  effect: "Allow" | "Deny";
  /** Exactly one of action / notAction is set. */
  action?: string[];
  notAction?: string[];
  /** At most one of resource / notResource (none in trust policies). */
  resource?: string[];
  notResource?: string[];
  /** At most one of principal / notPrincipal. */
  principal?: PrincipalSet;
  notPrincipal?: PrincipalSet;
  conditions: ConditionEntry[];
  /** `/Statement/3` or `/Statement`. */
  path: string;
  span?: Span;
}

export interface NormalizedPolicy {
  /** `"2012-10-17"`, `"2008-10-17"`, or null when absent. Variables are substituted only under 2012-10-17. */
  version: string | null;
  id?: string;
  statements: NormalizedStatement[];
}

/** What parse + validate return. `policy` is present whenever there is no error diagnostic. */
export interface ValidationResult {
  diagnostics: Diagnostic[];
  policy?: NormalizedPolicy;
  /** The decoded text, when the input was text (URL-encoded input is decoded first; spans refer to the decoded text). */
  text?: string;
}

export interface ValidateOptions {
  kind: PolicyKind;
  /** Overrides the size quota for the kind (characters, whitespace not counted). */
  maxSize?: number;
  /**
   * Also apply IAM's own checks of the documents its APIs take (docs/diagnostics.md, "IAM's own
   * resource checks"): what IAM would refuse to store. Off by default, and `compile` never
   * applies them: AWS still evaluates stored policies older than these checks. The account
   * model, `iam-edge validate` and the playground turn them on.
   */
  iamChecks?: boolean;
}
