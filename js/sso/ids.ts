/**
 * @module sso/ids
 * Identifiers and ARNs of IAM Identity Center (Service Authorization Reference, "Resource types
 * defined by AWS IAM Identity Center"; IAM Identity Center API Reference, data types):
 *
 * | what | pattern | ARN |
 * | --- | --- | --- |
 * | instance | `ssoins-[a-zA-Z0-9-.]{16}` | `arn:aws:sso:::instance/ssoins-...` |
 * | permission set | `ps-[a-zA-Z0-9-./]{16}` | `arn:aws:sso:::permissionSet/ssoins-.../ps-...` |
 * | identity store | `d-[0-9a-f]{10}` | `arn:aws:identitystore::MGMT:identitystore/d-...` |
 * | user, group | UUIDs (`([0-9a-f]{10}-)?[0-9a-f]{8}-...`) | `arn:aws:identitystore:::user/<id>` |
 * | account assignment request | a UUID | — |
 */
export const INSTANCE_ARN = /^arn:(aws|aws-cn|aws-us-gov):sso:::instance\/(sso)?ins-[a-zA-Z0-9-.]{16}$/;
export const PERMISSION_SET_ARN = /^arn:(aws|aws-cn|aws-us-gov):sso:::permissionSet\/(sso)?ins-[a-zA-Z0-9-.]{16}\/ps-[a-zA-Z0-9-./]{16}$/;
export const IDENTITY_STORE_ID = /^d-[0-9a-f]{10}$/;
export const RESOURCE_ID = /^([0-9a-f]{10}-|)[A-Fa-f0-9]{8}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{12}$/;

/** `n` random lower-case hex digits (WebCrypto's random source). */
export function randomHex(n: number): string {
  const bytes = new Uint8Array(Math.ceil(n / 2));
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("").slice(0, n);
}

export const newInstanceId = (): string => `ssoins-${randomHex(16)}`;
export const newIdentityStoreId = (): string => `d-${randomHex(10)}`;
export const newPermissionSetId = (): string => `ps-${randomHex(16)}`;
/** Identity store ids are the store's 10 hex digits, a dash, then a UUID. */
export const newPrincipalId = (): string => `${randomHex(10)}-${crypto.randomUUID()}`;

export const instanceArn = (partition: string, instanceId: string): string => `arn:${partition}:sso:::instance/${instanceId}`;
export const permissionSetArn = (partition: string, instanceId: string, psId: string): string => `arn:${partition}:sso:::permissionSet/${instanceId}/${psId}`;
