/**
 * @module edge/s3-api/r2-errors
 * An R2 binding's failure as the S3 error a client understands. R2 puts its error code in the
 * message (`put: The Content-MD5 you specified did not match what we received. (10037)`: R2's
 * codes, "Error codes", R2 docs), so the code is read from there; a body that failed its own
 * check (a SigV4Error from the verified stream) wins over R2's report of the aborted write.
 */
import { SigV4Error } from "../sigv4/errors.ts";
import { S3Error, badDigest, entityTooLarge, entityTooSmall, internalError, invalidPart, invalidRequest, keyTooLong, metadataTooLarge, preconditionFailed } from "./errors.ts";
import { MAX_KEY_BYTES } from "./layout.ts";
import type { Tap } from "./body.ts";

const BY_CODE: Record<string, () => S3Error> = {
  "10037": () => badDigest(),
  "10020": () => keyTooLong(MAX_KEY_BYTES),
  "100100": () => entityTooLarge(5 * 1024 ** 3),
  "10012": () => metadataTooLarge(2048),
  "10011": () => entityTooSmall(),
  "10025": () => invalidPart(),
  "10048": () => invalidPart(),
  "10031": () => preconditionFailed("If-Match"),
  "10039": () => invalidRequest("The requested range is not satisfiable"),
};

/** The error to answer for a failed R2 call (reading `tap`'s source error first). */
export function r2Failure(err: unknown, tap?: Tap): S3Error | SigV4Error {
  const source = tap?.error;
  if (source instanceof SigV4Error || source instanceof S3Error) return source;
  if (err instanceof SigV4Error || err instanceof S3Error) return err;
  const cause = (err as { cause?: unknown } | null)?.cause;
  if (cause instanceof SigV4Error) return cause;
  const code = /\((\d{5,6})\)\s*$/.exec(String((err as Error)?.message ?? ""))?.[1];
  if (code && BY_CODE[code]) return BY_CODE[code]();
  // A 500 the client cannot explain: the operator's log says what R2 answered.
  console.error(`iam-edge s3: R2 call failed: ${(err as Error)?.stack ?? String(err)}`);
  return internalError();
}

/** R2's code in a failure, if any (`10039` InvalidRange, ...). */
export function r2Code(err: unknown): string | undefined {
  return /\((\d{5,6})\)\s*$/.exec(String((err as Error)?.message ?? ""))?.[1];
}
