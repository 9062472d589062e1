/**
 * @module analyzer/errors
 * The one error the analyzer throws: a request Access Analyzer would refuse before checking
 * anything (`ValidationException`, as the AWS SDK names it), such as an unknown `policyType`.
 * Problems in the policy itself are never thrown: they are findings.
 */
export class AnalyzerError extends Error {
  readonly code: "ValidationException";

  constructor(message: string) {
    super(message);
    this.name = "AnalyzerError";
    this.code = "ValidationException";
  }
}
