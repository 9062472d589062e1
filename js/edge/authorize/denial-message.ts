/**
 * @module edge/authorize/denial-message
 * AWS's AccessDenied text for a denied authorization ("Troubleshooting access denied error
 * messages", IAM User Guide), written once in the account model (js/iam/resolve/access-denied.ts,
 * which the IAM operations use too); S3 quotes the resource (`on resource: "arn:aws:s3:::b/k"`).
 */
import type { AuthorizationResult } from "../../engine/engine.ts";
import { accessDeniedMessage } from "../../iam/resolve/access-denied.ts";

export function denialMessage(caller: string, action: string, resource: string, result: Pick<AuthorizationResult, "decision" | "matchedStatements" | "reason">, quoteResource = false): string {
  return accessDeniedMessage(caller, action, quoteResource ? `"${resource}"` : resource, result);
}
