/**
 * @module sso
 * IAM Identity Center: identity store, permission sets, account assignments and the reserved
 * roles they provision (docs/identity-center.md).
 */
export { IdentityCenter, ADMIN_OPERATIONS, IDENTITY_STORE_OPERATIONS, READ_ONLY } from "./instance.ts";
export { SsoError, SSO_ERROR_STATUS, type SsoErrorCode } from "./errors.ts";
export type { RoleEffect } from "./effects.ts";
export type { IdentityCenterState } from "./shapes.ts";
export { reservedRole, reservedRoleName, reservedRolePath, reservedTrustPolicy, ssoProviderArn, ssoProviderName, RESERVED_PATH, INLINE_POLICY_NAME } from "./reserved-role.ts";
