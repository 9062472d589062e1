/**
 * @module edge/api/session-rules
 * What temporary credentials may call, by the API they call (STS API Reference,
 * GetSessionToken: "You cannot call any IAM API operations unless MFA authentication
 * information is included in the request"). IAM answers such a call InvalidClientTokenId "The
 * security token included in the request is invalid" (HTTP 403), as users of session tokens
 * without MFA report (99designs/aws-vault#15, #1056). The STS side of the same rule ("You cannot
 * call any AWS STS API except AssumeRole or GetCallerIdentity") is the model's: its
 * GetSessionToken refuses session credentials, and the other STS operations it serves are
 * AssumeRole, GetCallerIdentity and the unsigned AssumeRoleWithWebIdentity.
 */
import type { ApiCallContext } from "./call-context.ts";
import { QueryError } from "../aws-query/errors.ts";

/** The refusal of a call its credentials may not make, or undefined. */
export function sessionRefusal(ctx: ApiCallContext): QueryError | undefined {
  const session = ctx.caller?.session ?? ctx.caller?.resolved.stsSession;
  if (ctx.service === "iam" && session?.kind === "GetSessionToken" && !session.mfaAuthenticated) {
    return new QueryError("InvalidClientTokenId", 403, "The security token included in the request is invalid");
  }
  return undefined;
}
