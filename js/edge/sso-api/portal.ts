/**
 * @module edge/sso-api/portal
 * The AWS access portal API (`sso`, REST-JSON, Portal API Reference) as the SDK's `SSOClient`
 * calls it, unsigned, with the access token in `x-amz-sso_bearer_token`:
 * `GET /assignment/accounts` (ListAccounts), `GET /assignment/roles?account_id=` (ListAccountRoles),
 * `GET /federation/credentials?role_name=&account_id=` (GetRoleCredentials). Errors carry
 * `x-amzn-errortype` (UnauthorizedException 401, ResourceNotFoundException 404,
 * InvalidRequestException 400).
 *
 * The token comes from this endpoint's sign-in, `POST /_iam-edge/sso/sign-in` with
 * `{"UserName": ...}`, signed by the management account and authorized as
 * `sso-oauth:CreateTokenWithIAM` (the API AWS gives a trusted application to obtain a user's
 * token): it stands for the user's own sign-in at the portal (docs/identity-center.md). Tokens
 * are `iesso.<management account>.<64 hex>`, so the Worker knows whose organization to ask.
 */
export const PORTAL_TOKEN_HEADER = "x-amz-sso_bearer_token";
export const SIGN_IN_PATH = "/_iam-edge/sso/sign-in";

export type PortalCall =
  | { operation: "ListAccounts" }
  | { operation: "ListAccountRoles"; accountId: string }
  | { operation: "GetRoleCredentials"; accountId: string; roleName: string };

/** The call a portal request makes, or an error message. */
export function portalCallOf(url: URL): PortalCall | { error: string } {
  const accountId = url.searchParams.get("account_id") ?? "";
  if (url.pathname === "/assignment/accounts") return { operation: "ListAccounts" };
  if (!/^\d{12}$/.test(accountId)) return { error: "account_id must be a 12-digit account id" };
  if (url.pathname === "/assignment/roles") return { operation: "ListAccountRoles", accountId };
  const roleName = url.searchParams.get("role_name") ?? "";
  if (url.pathname === "/federation/credentials") return roleName ? { operation: "GetRoleCredentials", accountId, roleName } : { error: "role_name is required" };
  return { error: `No portal operation at ${url.pathname.slice(0, 64)}` };
}

/** The management account a token belongs to, or undefined for a token not of this shape. */
export function tokenOwner(token: string): string | undefined {
  return /^iesso\.(\d{12})\.[0-9a-f]{64}$/.exec(token)?.[1];
}

const STATUS: Record<string, number> = { UnauthorizedException: 401, ResourceNotFoundException: 404, InvalidRequestException: 400, TooManyRequestsException: 429 };

export function portalResponse(answer: { ok: true; output: unknown } | { ok: false; code: string; message: string }): Response {
  if (answer.ok) return new Response(JSON.stringify(answer.output), { status: 200, headers: { "content-type": "application/json" } });
  const code = answer.code === "ValidationException" ? "InvalidRequestException" : answer.code;
  return new Response(JSON.stringify({ message: answer.message }), { status: STATUS[code] ?? 400, headers: { "content-type": "application/json", "x-amzn-errortype": code } });
}
