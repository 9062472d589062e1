/**
 * @module org/ids
 * The identifiers and ARNs of AWS Organizations, as the Organizations API Reference gives their
 * patterns and the Service Authorization Reference ("Resource types defined by AWS
 * Organizations") their ARNs:
 *
 * | what | pattern | ARN |
 * | --- | --- | --- |
 * | organization | `o-[a-z0-9]{10,32}` | `arn:aws:organizations::MGMT:organization/o-...` |
 * | root | `r-[0-9a-z]{4,32}` | `arn:aws:organizations::MGMT:root/o-.../r-...` |
 * | OU | `ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}` (the root's suffix, then its own) | `arn:aws:organizations::MGMT:ou/o-.../ou-...` |
 * | account | 12 digits | `arn:aws:organizations::MGMT:account/o-.../ACCOUNT` |
 * | policy | `p-[0-9a-zA-Z_]{8,128}` | `arn:aws:organizations::MGMT:policy/o-.../service_control_policy/p-...`; AWS managed: `arn:aws:organizations::aws:policy/service_control_policy/p-FullAWSAccess` |
 * | CreateAccount request | `car-[a-z0-9]{8,32}` | — |
 *
 * Random parts come from WebCrypto's random source.
 */
export const ORGANIZATION_ID = /^o-[a-z0-9]{10,32}$/;
export const ROOT_ID = /^r-[0-9a-z]{4,32}$/;
export const OU_ID = /^ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}$/;
export const ACCOUNT_ID = /^\d{12}$/;
export const POLICY_ID = /^p-[0-9a-zA-Z_]{8,128}$/;
export const CREATE_ACCOUNT_REQUEST_ID = /^car-[a-z0-9]{8,32}$/;

const LOWER = "abcdefghijklmnopqrstuvwxyz0123456789";

/** `length` random characters of `[a-z0-9]`. */
export function randomLower(length: number): string {
  const bytes = new Uint8Array(length);
  crypto.getRandomValues(bytes);
  let out = "";
  for (const b of bytes) out += LOWER[b % 36];
  return out;
}

/** A random 12-digit account id whose first digit is not 0 (AWS issues such ids). */
export function randomAccountId(): string {
  const bytes = new Uint8Array(12);
  crypto.getRandomValues(bytes);
  let out = String(1 + (bytes[0] % 9));
  for (let i = 1; i < 12; i++) out += String(bytes[i] % 10);
  return out;
}

export const newOrganizationId = (): string => `o-${randomLower(10)}`;
export const newRootId = (): string => `r-${randomLower(4)}`;
/** An OU id carries its root's suffix: `ou-<root>-<8>`. */
export const newOuId = (rootId: string): string => `ou-${rootId.slice(2)}-${randomLower(8)}`;
export const newPolicyId = (): string => `p-${randomLower(8)}`;
export const newCreateAccountRequestId = (): string => `car-${randomLower(32)}`;

export function organizationArn(partition: string, mgmt: string, orgId: string): string {
  return `arn:${partition}:organizations::${mgmt}:organization/${orgId}`;
}
export function rootArn(partition: string, mgmt: string, orgId: string, rootId: string): string {
  return `arn:${partition}:organizations::${mgmt}:root/${orgId}/${rootId}`;
}
export function ouArn(partition: string, mgmt: string, orgId: string, ouId: string): string {
  return `arn:${partition}:organizations::${mgmt}:ou/${orgId}/${ouId}`;
}
export function accountArn(partition: string, mgmt: string, orgId: string, accountId: string): string {
  return `arn:${partition}:organizations::${mgmt}:account/${orgId}/${accountId}`;
}
/** A customer policy's ARN; the type is written in lower case (`service_control_policy`). */
export function policyArn(partition: string, mgmt: string, orgId: string, type: string, policyId: string): string {
  return `arn:${partition}:organizations::${mgmt}:policy/${orgId}/${type.toLowerCase()}/${policyId}`;
}
export function awsPolicyArn(partition: string, type: string, policyId: string): string {
  return `arn:${partition}:organizations::aws:policy/${type.toLowerCase()}/${policyId}`;
}
