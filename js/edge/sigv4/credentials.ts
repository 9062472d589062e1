/**
 * @module edge/sigv4/credentials
 * Asks the caller's credentials source for an access key's secret and turns what it answers
 * (or throws) into the dialect's errors: an unknown key is `InvalidAccessKeyId` (S3) /
 * `InvalidClientTokenId`; a session token that differs from the one the source knows is
 * `InvalidToken` (S3); errors the source throws keep their meaning when their `code` is one of
 * AWS's credential codes; any other failure is an `InternalError` whose text is not sent.
 */
import { constantTimeEqual } from "./crypto.ts";
import { SigV4Error, expiredToken, internalError, invalidAccessKeyId, invalidToken, type Dialect } from "./errors.ts";
import type { CredentialsSource, SigningCredentials } from "./types.ts";

export interface LookupInput {
  accessKeyId: string;
  sessionToken?: string;
  service: string;
  region: string;
}

function fromThrown(d: Dialect, accessKeyId: string, err: unknown): SigV4Error {
  if (err instanceof SigV4Error) return err;
  const code = (err as { code?: unknown } | null)?.code;
  switch (code) {
    case "ExpiredToken":
    case "ExpiredTokenException":
      return expiredToken(d);
    case "InvalidClientTokenId":
    case "InvalidAccessKeyId":
    case "UnrecognizedClientException":
      return invalidAccessKeyId(d, accessKeyId);
    case "InvalidToken":
      return invalidToken(d);
    case "AccessDenied":
      return new SigV4Error(d === "execute-api" ? "AccessDeniedException" : "AccessDenied", 403, String((err as Error).message ?? "Access Denied"));
    default:
      return internalError(d);
  }
}

export async function lookupCredentials<C extends SigningCredentials>(d: Dialect, source: CredentialsSource<C>, input: LookupInput): Promise<C> {
  let found: C | undefined;
  try {
    found = await source(input);
  } catch (err) {
    throw fromThrown(d, input.accessKeyId, err);
  }
  if (!found || typeof found.secretAccessKey !== "string" || found.secretAccessKey === "") throw invalidAccessKeyId(d, input.accessKeyId);
  if (found.sessionToken !== undefined && !constantTimeEqual(found.sessionToken, input.sessionToken ?? "")) throw invalidToken(d);
  return found;
}
