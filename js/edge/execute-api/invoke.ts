/**
 * @module edge/execute-api/invoke
 * API Gateway's IAM authorization model for any other origin ("Control access to an API with
 * IAM permissions", API Gateway Developer Guide): the action is `execute-api:Invoke` and the
 * resource `arn:aws:execute-api:region:account-id:api-id/stage/METHOD/resource-path`, the
 * resource path being the request path after the stage, without its leading `/`.
 */
import type { ContextValue } from "../../engine/request.ts";
import { decodeKey } from "../s3/addressing.ts";

export interface ExecuteApiOptions {
  /** The account that owns the API (the resource's account). */
  accountId: string;
  /** The API's id (any name of yours; API Gateway's are 10 characters). */
  apiId: string;
  /** A fixed stage; without it, the path's first segment is the stage (`/prod/pets` → `prod`). */
  stage?: string;
  /** The region in the ARN (default: the request's signing region). */
  region?: string;
  partition?: string;
}

export interface InvokeAuthorization {
  action: "execute-api:Invoke";
  resource: string;
  context: Record<string, ContextValue>;
}

/** The authorization API Gateway makes for one request. */
export function executeApiAuthorization(method: string, path: string, signingRegion: string, options: ExecuteApiOptions): InvokeAuthorization {
  let rest = decodeKey(path.startsWith("/") ? path.slice(1) : path);
  let stage = options.stage;
  if (stage === undefined) {
    const slash = rest.indexOf("/");
    stage = slash < 0 ? rest : rest.slice(0, slash);
    rest = slash < 0 ? "" : rest.slice(slash + 1);
  }
  const region = options.region ?? signingRegion;
  const resource = `arn:${options.partition ?? "aws"}:execute-api:${region}:${options.accountId}:${options.apiId}/${stage}/${method.toUpperCase()}/${rest}`;
  return { action: "execute-api:Invoke", resource, context: {} };
}
